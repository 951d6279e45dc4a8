package sim

import (
	"math"
	"math/rand/v2"

	"github.com/clonerobust/clonerobust/estimators/weights"
)

// Uniform returns m points drawn uniformly in box.
func Uniform(box weights.Box, m int, rng *rand.Rand) [][]float64 {
	pts := make([][]float64, m)
	for i := range pts {
		pts[i] = make([]float64, len(box.Low))
		for k := range pts[i] {
			pts[i][k] = box.Low[k] + (box.High[k]-box.Low[k])*rng.Float64()
		}
	}
	return pts
}

// Theme is a Gaussian cluster of alternatives: Count points around Center
// with standard deviation Spread in every coordinate.
type Theme struct {
	Name   string
	Center []float64
	Count  int
	Spread float64
}

// Clusters returns the points of every theme in order, each labelled with
// its theme's name.
func Clusters(themes []Theme, rng *rand.Rand) (points [][]float64, labels []string) {
	for _, t := range themes {
		for range t.Count {
			x := make([]float64, len(t.Center))
			for k, c := range t.Center {
				x[k] = c + t.Spread*rng.NormFloat64()
			}
			points = append(points, x)
			labels = append(labels, t.Name)
		}
	}
	return points, labels
}

// Clone returns a point drawn uniformly in the ball of the given radius
// around x; radius 0 gives an exact copy.
func Clone(x []float64, radius float64, rng *rand.Rand) []float64 {
	c := make([]float64, len(x))
	if radius == 0 {
		copy(c, x)
		return c
	}
	// A Gaussian direction and a radius distributed as U^(1/d) are uniform
	// in the ball.
	var norm float64
	for k := range c {
		c[k] = rng.NormFloat64()
		norm += c[k] * c[k]
	}
	r := radius * math.Pow(rng.Float64(), 1/float64(len(x))) / math.Sqrt(norm)
	for k := range c {
		c[k] = x[k] + r*c[k]
	}
	return c
}
