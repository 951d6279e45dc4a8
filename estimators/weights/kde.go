package weights

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/stat"
)

// KDE weighs each alternative by the inverse of the density of the
// alternatives at its point,
//
//	w(x_i) ∝ 1 / ρ(x_i),   ρ(x) = (1/m) Σ_j Π_k φ((x_k − x_jk)/h_k) / h_k,
//
// with a Gaussian product kernel φ. Clones raise the density around their
// original and so share its weight, but only roughly: unlike Voronoi cells,
// kernel densities overlap.
type KDE struct {
	// Bandwidth is the kernel's width in every coordinate. If Bandwidth is
	// 0, it is defaulted per coordinate by Scott's rule, σ_k·m^(−1/(d+4)),
	// σ_k the coordinate's standard deviation (1 if it does not vary).
	Bandwidth float64
}

var _ Scheme = KDE{}

// Weights returns the normalised inverse densities of points.
func (k KDE) Weights(points [][]float64) ([]float64, error) {
	d, err := dim(points)
	if err != nil {
		return nil, err
	}
	if !(k.Bandwidth >= 0) || math.IsInf(k.Bandwidth, 0) {
		return nil, fmt.Errorf("weights: bandwidth %v, want a finite bandwidth ≥ 0", k.Bandwidth)
	}
	m := len(points)
	h := make([]float64, d)
	for c := range h {
		h[c] = k.Bandwidth
		if h[c] == 0 {
			col := make([]float64, m)
			for i, p := range points {
				col[i] = p[c]
			}
			sd := stat.StdDev(col, nil)
			if !(sd > 0) {
				sd = 1
			}
			h[c] = sd * math.Pow(float64(m), -1/float64(d+4))
		}
	}
	w := make([]float64, m)
	var sum float64
	for i, x := range points {
		var rho float64
		for _, y := range points {
			var e float64
			for c := range x {
				t := (x[c] - y[c]) / h[c]
				e += t * t
			}
			rho += math.Exp(-e / 2)
		}
		// rho ≥ 1 (the point itself), so the weight is finite.
		w[i] = 1 / rho
		sum += w[i]
	}
	for i := range w {
		w[i] /= sum
	}
	return w, nil
}
