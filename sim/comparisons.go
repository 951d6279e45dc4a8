package sim

import (
	"math/rand/v2"

	"github.com/clonerobust/clonerobust/estimators"
)

// Exact returns the sufficient comparisons of points under p: one row per
// unordered pair {a, b}, a < b, with P = P(a ≻ b) and Count = 1.
func Exact(points [][]float64, p Population) []estimators.Comparison {
	m := len(points)
	rows := make([]estimators.Comparison, 0, m*(m-1)/2)
	for a := range m {
		for b := a + 1; b < m; b++ {
			rows = append(rows, estimators.Comparison{A: a, B: b, P: p.Prefer(points[a], points[b]), Count: 1})
		}
	}
	return rows
}

// Sampled returns n comparisons of points under p, one row each: a pair of
// distinct alternatives drawn uniformly, an annotator type drawn by share,
// and the outcome drawn from the Bradley-Terry-Luce model of that type. P is
// 1 if the first alternative won and 0 otherwise.
func Sampled(points [][]float64, p Population, n int, rng *rand.Rand) []estimators.Comparison {
	m := len(points)
	rows := make([]estimators.Comparison, n)
	for i := range rows {
		a := rng.IntN(m)
		b := rng.IntN(m - 1)
		if b >= a {
			b++
		}
		t := p.pick(rng.Float64())
		won := 0.0
		if rng.Float64() < sigmoid(t.Reward(points[a])-t.Reward(points[b])) {
			won = 1
		}
		rows[i] = estimators.Comparison{A: a, B: b, P: won, Count: 1}
	}
	return rows
}

// pick returns the reward of the type that a uniform u in [0, 1) falls on.
func (p Population) pick(u float64) Reward {
	for _, t := range p[:len(p)-1] {
		if u < t.Share {
			return t.Reward
		}
		u -= t.Share
	}
	return p[len(p)-1].Reward
}
