package experiments

import (
	"fmt"
	"math"
	"sync"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/sim"
)

// SSpaceConfig sets up the convergence of the estimators to the S-space
// MLE (SPEC §4): the objective of Eq. 2 with sums over the alternatives
// replaced by integrals over S. Its reference solution is the weighted MLE
// on a regular grid of Grid points per side of S (d = 1 or 2) with uniform
// weights. The standard MLE converges instead to the density-weighted
// objective: the same grid weighted by the alternatives' density.
//
// In an s_space config every estimator's λ is on Eq. 2's scale: the
// standard MLE of m alternatives is fitted with λ·m.
type SSpaceConfig struct {
	Grid int `yaml:"grid"`
}

func (c *Config) validateSSpace() *pathError {
	switch {
	case c.Space.Dim > 2:
		return errAt("space.dim", "%d: an s_space reference grid is for d = 1 or 2", c.Space.Dim)
	case c.SSpace.Grid < 2 || math.Pow(float64(c.SSpace.Grid), float64(c.Space.Dim)) > 4000:
		return errAt("s_space.grid", "%d: want 2 to %d points per side", c.SSpace.Grid, int(math.Pow(4000, 1/float64(c.Space.Dim))))
	case c.Alternatives.Kind != "corner" && c.Alternatives.Kind != "uniform":
		return errAt("alternatives.kind", "%q: an s_space config draws its alternatives from a density: uniform or corner", c.Alternatives.Kind)
	}
	for i, e := range c.Estimators {
		if e.Lambda != c.Estimators[0].Lambda || !(e.Lambda > 0) {
			return errAt(fmt.Sprintf("estimators.%d.lambda", i), "%v: an s_space config gives every estimator one λ > 0 (on Eq. 2's scale)", e.Lambda)
		}
	}
	return nil
}

// sspaceReference holds the reference solutions on the grid.
type sspaceReference struct {
	grid               [][]float64
	uniform, byDensity []float64
}

var (
	sspaceMu    sync.Mutex
	sspaceCache = make(map[*Config]*sspaceOnce)
)

type sspaceOnce struct {
	once sync.Once
	ref  *sspaceReference
	err  error
}

// reference returns c's reference solutions, computed once per config.
func (c *Config) reference() (*sspaceReference, error) {
	sspaceMu.Lock()
	o, ok := sspaceCache[c]
	if !ok {
		o = &sspaceOnce{}
		sspaceCache[c] = o
	}
	sspaceMu.Unlock()
	o.once.Do(func() { o.ref, o.err = c.computeReference() })
	return o.ref, o.err
}

func (c *Config) computeReference() (*sspaceReference, error) {
	box := c.box()
	g := c.SSpace.Grid
	ref := &sspaceReference{}
	var cell func(prefix []float64)
	cell = func(prefix []float64) {
		k := len(prefix)
		if k == len(box.Low) {
			ref.grid = append(ref.grid, prefix)
			return
		}
		h := (box.High[k] - box.Low[k]) / float64(g)
		for i := range g {
			cell(append(append([]float64(nil), prefix...), box.Low[k]+(float64(i)+0.5)*h))
		}
	}
	cell(nil)
	pop := c.population()
	rows := sim.Exact(ref.grid, pop)
	uniform := make([]float64, len(ref.grid))
	density := make([]float64, len(ref.grid))
	for i, x := range ref.grid {
		uniform[i] = 1
		density[i] = 1
		if c.Alternatives.Kind == "corner" {
			density[i] = sim.CornerDensity(box, x, c.Alternatives.Fraction, c.Alternatives.Size)
		}
	}
	lambda := c.Estimators[0].Lambda
	for _, r := range []struct {
		w   []float64
		out *[]float64
	}{{uniform, &ref.uniform}, {density, &ref.byDensity}} {
		res, err := estimators.Fit(&estimators.Problem{N: len(ref.grid), Comparisons: rows, Weights: r.w, Lambda: lambda}, nil)
		if err != nil {
			return nil, fmt.Errorf("reference solution: %w", err)
		}
		*r.out = res.Rewards
	}
	return ref, nil
}

// at interpolates grid values linearly (d = 1) or bilinearly (d = 2) at x.
func (c *Config) at(values []float64, x []float64) float64 {
	box := c.box()
	g := c.SSpace.Grid
	idx := make([]int, len(x))
	frac := make([]float64, len(x))
	for k, v := range x {
		h := (box.High[k] - box.Low[k]) / float64(g)
		u := (v-box.Low[k])/h - 0.5 // in grid cells, from the first centre
		i := int(math.Floor(u))
		i = max(0, min(i, g-2))
		idx[k] = i
		frac[k] = max(0, min(1, u-float64(i)))
	}
	if len(x) == 1 {
		return values[idx[0]]*(1-frac[0]) + values[idx[0]+1]*frac[0]
	}
	v := func(i, j int) float64 { return values[i*g+j] }
	i, j, fx, fy := idx[0], idx[1], frac[0], frac[1]
	return (1-fx)*((1-fy)*v(i, j)+fy*v(i, j+1)) + fx*((1-fy)*v(i+1, j)+fy*v(i+1, j+1))
}

// runSSpace fits every estimator to the sufficient comparisons of a
// repetition's alternatives and measures the RMS distance of its rewards to
// the reference solutions.
func runSSpace(c *Config, rep int) (RunResult, error) {
	ref, err := c.reference()
	if err != nil {
		return RunResult{}, err
	}
	points, _ := c.alternatives(rep)
	rows := sim.Exact(points, c.population())
	res := RunResult{Metrics: make([][]float64, len(c.Estimators))}
	for j, e := range c.Estimators {
		scheme := c.scheme(e, rep, j, streamWeights)
		if scheme == nil {
			e.Lambda *= float64(len(points)) // Eq. 2's λ on Eq. 1's scale
		}
		f, err := fit(e, scheme, points, rows)
		if err != nil {
			return RunResult{}, fmt.Errorf("estimator %s: %w", e.Label, err)
		}
		values := make(map[string]float64)
		for name, target := range map[string][]float64{"error_vs_s_space": ref.uniform, "error_vs_density": ref.byDensity} {
			var s float64
			for i, x := range points {
				d := f.Rewards[i] - c.at(target, x)
				s += d * d
			}
			values[name] = math.Sqrt(s / float64(len(points)))
		}
		res.Metrics[j] = make([]float64, len(c.Metrics))
		for k, name := range c.Metrics {
			res.Metrics[j][k] = values[name]
		}
	}
	return res, nil
}
