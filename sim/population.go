package sim

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Reward is an annotator type's reward function r : S → R.
type Reward interface {
	Reward(x []float64) float64
}

var (
	_ Reward = Linear{}
	_ Reward = Bump{}
	_ Reward = Bumps{}
	_ Reward = Table{}
)

// Linear is the reward r(x) = Coef·x + Intercept, Lipschitz with constant
// |Coef|.
type Linear struct {
	Coef      []float64
	Intercept float64
}

// Reward returns Coef·x + Intercept.
func (l Linear) Reward(x []float64) float64 {
	r := l.Intercept
	for i, c := range l.Coef {
		r += c * x[i]
	}
	return r
}

// Bump is the Gaussian bump r(x) = Height·exp(−|x − Center|²/(2·Width²)),
// Lipschitz with constant |Height|/(Width·√e).
type Bump struct {
	Center        []float64
	Height, Width float64
}

// Reward returns the bump's height at x.
func (b Bump) Reward(x []float64) float64 {
	var d2 float64
	for i, c := range b.Center {
		d2 += (x[i] - c) * (x[i] - c)
	}
	return b.Height * math.Exp(-d2/(2*b.Width*b.Width))
}

// Bumps is a sum of bumps, such as a taste for themes: a bump of height
// weight at each theme's centre.
type Bumps []Bump

// Reward returns the sum of the bumps at x.
func (bs Bumps) Reward(x []float64) float64 {
	var r float64
	for _, b := range bs {
		r += b.Reward(x)
	}
	return r
}

// Table is a reward given by its values Y at the points X of a line,
// linearly interpolated between them and constant beyond the ends. X must
// be increasing.
type Table struct {
	X, Y []float64
}

// Reward interpolates the table at x[0].
func (t Table) Reward(x []float64) float64 {
	v := x[0]
	i, _ := slices.BinarySearch(t.X, v)
	switch {
	case i == 0:
		return t.Y[0]
	case i == len(t.X):
		return t.Y[len(t.Y)-1]
	}
	f := (v - t.X[i-1]) / (t.X[i] - t.X[i-1])
	return t.Y[i-1] + f*(t.Y[i]-t.Y[i-1])
}

// Check reports whether the table is usable: at least one point, as many
// values as points, and increasing points.
func (t Table) Check() error {
	switch {
	case len(t.X) == 0:
		return errors.New("a table needs at least one point")
	case len(t.X) != len(t.Y):
		return fmt.Errorf("a table has %d points and %d values", len(t.X), len(t.Y))
	}
	for i := 1; i < len(t.X); i++ {
		if !(t.X[i] > t.X[i-1]) {
			return fmt.Errorf("table points must increase: %v then %v", t.X[i-1], t.X[i])
		}
	}
	return nil
}

// Type is an annotator type: its share of the population and its reward.
type Type struct {
	Share  float64
	Reward Reward
}

// Population is a mixture of annotator types whose shares sum to 1.
type Population []Type

// Average returns the population's average reward r̄(x) = Σ_k π_k r_k(x).
func (p Population) Average(x []float64) float64 {
	var r float64
	for _, t := range p {
		r += t.Share * t.Reward.Reward(x)
	}
	return r
}

// Prefer returns the probability that a random annotator prefers x to y,
// P(x ≻ y) = Σ_k π_k σ(r_k(x) − r_k(y)).
func (p Population) Prefer(x, y []float64) float64 {
	var q float64
	for _, t := range p {
		q += t.Share * sigmoid(t.Reward.Reward(x)-t.Reward.Reward(y))
	}
	return q
}

func sigmoid(t float64) float64 {
	if t >= 0 {
		return 1 / (1 + math.Exp(-t))
	}
	e := math.Exp(t)
	return e / (1 + e)
}
