package sim

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/floats"

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

// Directions returns n orthonormal directions in R^dim (n ≤ dim), drawn
// uniformly: Gram-Schmidt on Gaussian vectors.
func Directions(n, dim int, rng *rand.Rand) [][]float64 {
	dirs := make([][]float64, 0, n)
	for len(dirs) < n {
		v := make([]float64, dim)
		for k := range v {
			v[k] = rng.NormFloat64()
		}
		for _, u := range dirs {
			dot := floats.Dot(u, v)
			floats.AddScaled(v, -dot, u)
		}
		if norm := floats.Norm(v, 2); norm > 1e-8 {
			floats.Scale(1/norm, v)
			dirs = append(dirs, v)
		}
	}
	return dirs
}

// Near returns a unit vector whose cosine similarity to the unit vector u
// is cosine, turned from u in a uniformly drawn orthogonal direction.
func Near(u []float64, cosine float64, rng *rand.Rand) []float64 {
	w := make([]float64, len(u))
	for {
		for k := range w {
			w[k] = rng.NormFloat64()
		}
		floats.AddScaled(w, -floats.Dot(u, w), u)
		if norm := floats.Norm(w, 2); norm > 1e-8 {
			floats.Scale(1/norm, w)
			break
		}
	}
	v := make([]float64, len(u))
	s := math.Sqrt(max(0, 1-cosine*cosine))
	for k := range v {
		v[k] = cosine*u[k] + s*w[k]
	}
	return v
}

// Embed returns count unit vectors around the unit vector dir, like text
// embeddings of answers on one theme: dir plus Gaussian noise of total
// standard deviation noise (noise/√dim per coordinate), normalised.
func Embed(dir []float64, count int, noise float64, rng *rand.Rand) [][]float64 {
	sd := noise / math.Sqrt(float64(len(dir)))
	out := make([][]float64, count)
	for i := range out {
		x := make([]float64, len(dir))
		for k, d := range dir {
			x[k] = d + sd*rng.NormFloat64()
		}
		floats.Scale(1/floats.Norm(x, 2), x)
		out[i] = x
	}
	return out
}

// Corner returns m points of the box drawn from a strongly non-uniform
// density: with probability fraction uniform in the corner box
// [low, low + size·(high − low)] (per coordinate), otherwise uniform in the
// whole box.
func Corner(box weights.Box, m int, fraction, size float64, rng *rand.Rand) [][]float64 {
	pts := Uniform(box, m, rng)
	for _, p := range pts {
		if rng.Float64() < fraction {
			for k := range p {
				p[k] = box.Low[k] + size*(p[k]-box.Low[k])
			}
		}
	}
	return pts
}

// CornerDensity returns the density of Corner's points at x, relative to the
// uniform density on the box.
func CornerDensity(box weights.Box, x []float64, fraction, size float64) float64 {
	in := true
	for k, v := range x {
		in = in && v <= box.Low[k]+size*(box.High[k]-box.Low[k])
	}
	d := 1 - fraction
	if in {
		d += fraction / math.Pow(size, float64(len(x)))
	}
	return d
}
