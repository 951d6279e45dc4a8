// Package features turns raw representations of alternatives, such as text
// embeddings, into the features a reward model is fitted on: principal
// components and min-max scaling.
package features

import (
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat"
)

// PCA returns the coordinates of points (one row each, centred) on their
// first d principal components, computed with gonum's stat.PC. The sign of
// each component is fixed so that its largest coordinate is positive,
// which makes the result independent of the SVD's sign choice.
func PCA(points [][]float64, d int) ([][]float64, error) {
	n := len(points)
	if n == 0 {
		return nil, errors.New("features: no points")
	}
	dim := len(points[0])
	if d < 1 || d > min(n, dim) {
		return nil, fmt.Errorf("features: %d components of %d points in %d dimensions, want 1 to %d", d, n, dim, min(n, dim))
	}
	a := mat.NewDense(n, dim, nil)
	for i, p := range points {
		if len(p) != dim {
			return nil, fmt.Errorf("features: point %d has %d coordinates, point 0 has %d", i, len(p), dim)
		}
		a.SetRow(i, p)
	}
	var pc stat.PC
	if !pc.PrincipalComponents(a, nil) {
		return nil, errors.New("features: principal components analysis failed")
	}
	var vecs mat.Dense
	pc.VectorsTo(&vecs)
	basis := vecs.Slice(0, dim, 0, d).(*mat.Dense)
	for j := range d {
		col := mat.Col(nil, j, basis)
		big := 0
		for k, v := range col {
			if abs(v) > abs(col[big]) {
				big = k
			}
		}
		if col[big] < 0 {
			for k := range col {
				basis.Set(k, j, -col[k])
			}
		}
	}
	// Centre, then project.
	for j := range dim {
		mean := stat.Mean(mat.Col(nil, j, a), nil)
		for i := range n {
			a.Set(i, j, a.At(i, j)-mean)
		}
	}
	var proj mat.Dense
	proj.Mul(a, basis)
	out := make([][]float64, n)
	for i := range out {
		out[i] = mat.Row(nil, i, &proj)
	}
	return out, nil
}

// MinMax returns points with each coordinate scaled affinely onto [0, 1];
// a coordinate that does not vary becomes 0.5.
func MinMax(points [][]float64) [][]float64 {
	out := make([][]float64, len(points))
	if len(points) == 0 {
		return out
	}
	d := len(points[0])
	lo, hi := make([]float64, d), make([]float64, d)
	copy(lo, points[0])
	copy(hi, points[0])
	for _, p := range points {
		for k, v := range p {
			lo[k], hi[k] = min(lo[k], v), max(hi[k], v)
		}
	}
	for i, p := range points {
		out[i] = make([]float64, d)
		for k, v := range p {
			out[i][k] = 0.5
			if hi[k] > lo[k] {
				out[i][k] = (v - lo[k]) / (hi[k] - lo[k])
			}
		}
	}
	return out
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
