// Package reference holds the small reference instances shared by the
// tests and benchmarks: annotator populations with known rewards, point
// sets, and the comparisons they produce.
package reference

import (
	"math"
	"math/rand/v2"

	"github.com/clonerobust/clonerobust/estimators"
)

// Population is a mixture of annotator types with linear rewards
// r_k(x) = Coef[k]·x; type k has share Share[k].
type Population struct {
	Share []float64
	Coef  [][]float64
}

// ThreeLinearTypes is the 3-type linear-reward population of the
// benchmarks, in d dimensions: tastes that pull in different directions.
func ThreeLinearTypes(d int) Population {
	p := Population{Share: []float64{0.5, 0.3, 0.2}, Coef: make([][]float64, 3)}
	for k := range p.Coef {
		p.Coef[k] = make([]float64, d)
	}
	for i := range d {
		p.Coef[0][i] = 2 / float64(i+1)
		p.Coef[1][i] = -1 + 3*float64(i%2)
		p.Coef[2][i] = math.Cos(float64(i))
	}
	return p
}

// OneType is the population of one annotator type with reward coef·x.
func OneType(coef ...float64) Population {
	return Population{Share: []float64{1}, Coef: [][]float64{coef}}
}

// Reward returns type k's reward of x.
func (p Population) Reward(k int, x []float64) float64 {
	var r float64
	for i, c := range p.Coef[k] {
		r += c * x[i]
	}
	return r
}

// Average returns the population's average reward Σ_k π_k r_k(x).
func (p Population) Average(x []float64) float64 {
	var r float64
	for k, s := range p.Share {
		r += s * p.Reward(k, x)
	}
	return r
}

// Prefer returns P(x ≻ y) = Σ_k π_k σ(r_k(x) − r_k(y)).
func (p Population) Prefer(x, y []float64) float64 {
	var q float64
	for k, s := range p.Share {
		q += s / (1 + math.Exp(p.Reward(k, y)-p.Reward(k, x)))
	}
	return q
}

// UniformPoints returns m points drawn uniformly in [0, 1]^d.
func UniformPoints(m, d int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	pts := make([][]float64, m)
	for i := range pts {
		pts[i] = make([]float64, d)
		for k := range pts[i] {
			pts[i][k] = rng.Float64()
		}
	}
	return pts
}

// Sufficient returns the sufficient comparisons of points under p: one row
// per unordered pair, with P = P(x ≻ y).
func Sufficient(points [][]float64, p Population) []estimators.Comparison {
	m := len(points)
	rows := make([]estimators.Comparison, 0, m*(m-1)/2)
	for a := range m {
		for b := a + 1; b < m; b++ {
			rows = append(rows, estimators.Comparison{A: a, B: b, P: p.Prefer(points[a], points[b]), Count: 1})
		}
	}
	return rows
}

// Sampled returns n sampled comparisons of points under p: a pair drawn
// uniformly, an annotator type by share, the outcome by Bradley-Terry-Luce.
func Sampled(points [][]float64, p Population, n int, seed uint64) []estimators.Comparison {
	rng := rand.New(rand.NewPCG(seed, 2))
	m := len(points)
	rows := make([]estimators.Comparison, n)
	for i := range rows {
		a := rng.IntN(m)
		b := rng.IntN(m - 1)
		if b >= a {
			b++
		}
		k, u := 0, rng.Float64()
		for k < len(p.Share)-1 && u >= p.Share[k] {
			u -= p.Share[k]
			k++
		}
		won := 0.0
		if rng.Float64() < 1/(1+math.Exp(p.Reward(k, points[b])-p.Reward(k, points[a]))) {
			won = 1
		}
		rows[i] = estimators.Comparison{A: a, B: b, P: won, Count: 1}
	}
	return rows
}
