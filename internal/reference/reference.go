// Package reference holds the small reference instances shared by the
// tests and benchmarks: annotator populations with known rewards, point
// sets, and the comparisons they produce.
package reference

import (
	"math"
	"math/rand/v2"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/weights"
	"github.com/clonerobust/clonerobust/sim"
)

// ThreeLinearTypes is the 3-type linear-reward population of the
// benchmarks, in d dimensions: tastes that pull in different directions.
func ThreeLinearTypes(d int) sim.Population {
	coef := [3][]float64{make([]float64, d), make([]float64, d), make([]float64, d)}
	for i := range d {
		coef[0][i] = 2 / float64(i+1)
		coef[1][i] = -1 + 3*float64(i%2)
		coef[2][i] = math.Cos(float64(i))
	}
	return sim.Population{
		{Share: 0.5, Reward: sim.Linear{Coef: coef[0]}},
		{Share: 0.3, Reward: sim.Linear{Coef: coef[1]}},
		{Share: 0.2, Reward: sim.Linear{Coef: coef[2]}},
	}
}

// OneType is the population of one annotator type with reward coef·x.
func OneType(coef ...float64) sim.Population {
	return sim.Population{{Share: 1, Reward: sim.Linear{Coef: coef}}}
}

// UniformPoints returns m points drawn uniformly in [0, 1]^d.
func UniformPoints(m, d int, seed uint64) [][]float64 {
	box, _ := weights.UnitCube{}.Box([][]float64{make([]float64, d)})
	return sim.Uniform(box, m, rand.New(rand.NewPCG(seed, 1)))
}

// Sufficient returns the sufficient comparisons of points under p.
func Sufficient(points [][]float64, p sim.Population) []estimators.Comparison {
	return sim.Exact(points, p)
}

// Sampled returns n sampled comparisons of points under p.
func Sampled(points [][]float64, p sim.Population, n int, seed uint64) []estimators.Comparison {
	return sim.Sampled(points, p, n, rand.New(rand.NewPCG(seed, 2)))
}
