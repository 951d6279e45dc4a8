package weights

import (
	"fmt"
	"slices"
)

// Scheme assigns each alternative a non-negative weight from the points
// that represent the alternatives; the weights sum to 1.
type Scheme interface {
	Weights(points [][]float64) ([]float64, error)
}

var (
	_ Scheme = Uniform{}
	_ Scheme = Voronoi{}
)

// Uniform gives every alternative the weight 1/m. The weighted MLE with
// uniform weights is the standard MLE with its λ rescaled.
type Uniform struct{}

// Weights returns m copies of 1/m.
func (Uniform) Weights(points [][]float64) ([]float64, error) {
	if len(points) == 0 {
		return nil, fmt.Errorf("weights: no points")
	}
	w := make([]float64, len(points))
	for i := range w {
		w[i] = 1 / float64(len(points))
	}
	return w, nil
}

// Voronoi weighs each alternative by the share of the space S that is
// nearer to it than to any other alternative (in Euclidean distance):
//
//	w(y) = Vol{z ∈ S : y is a nearest point to z} / Vol(S),
//
// a region whose nearest points are several coincident copies being split
// equally among them. In one dimension the weights are exact; in more, they
// are the shares of Samples points drawn uniformly in S, whose standard
// error is about sqrt(w(1−w)/Samples).
type Voronoi struct {
	// Space chooses S. If Space is nil, it is defaulted to
	// BoundingBox{Margin: 0.1}.
	Space Space

	// Samples is the number of Monte Carlo points. If Samples is 0, it is
	// defaulted to 10⁶.
	Samples int

	// Seed seeds the Monte Carlo points; the weights depend on it and on
	// Samples only, not on the number of processors.
	Seed uint64

	// MonteCarlo estimates the weights by sampling in one dimension too.
	MonteCarlo bool
}

// Weights returns the Voronoi weights of points.
func (v Voronoi) Weights(points [][]float64) ([]float64, error) {
	space := v.Space
	if space == nil {
		space = BoundingBox{Margin: 0.1}
	}
	box, err := space.Box(points)
	if err != nil {
		return nil, err
	}
	if len(box.Low) == 1 && !v.MonteCarlo {
		xs := make([]float64, len(points))
		for i, p := range points {
			xs[i] = p[0]
		}
		return voronoi1D(xs, box.Low[0], box.High[0]), nil
	}
	samples := v.Samples
	if samples == 0 {
		samples = 1_000_000
	}
	if samples < 0 {
		return nil, fmt.Errorf("weights: %d Monte Carlo samples, need at least 1", samples)
	}
	return monteCarlo(points, box, samples, v.Seed), nil
}

// voronoi1D returns the exact weights of the points xs in [lo, hi]: each
// distinct location owns the stretch between the midpoints to its
// neighbours, clipped to [lo, hi], split equally among its copies.
func voronoi1D(xs []float64, lo, hi float64) []float64 {
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmpFloat(xs[i], xs[j]) })
	w := make([]float64, len(xs))
	for start := 0; start < len(order); {
		end := start + 1
		for end < len(order) && xs[order[end]] == xs[order[start]] {
			end++
		}
		x := xs[order[start]]
		left, right := lo, hi
		if start > 0 {
			left = max(lo, (xs[order[start-1]]+x)/2)
		}
		if end < len(order) {
			right = min(hi, (x+xs[order[end]])/2)
		}
		share := max(0, right-left) / (hi - lo) / float64(end-start)
		for _, i := range order[start:end] {
			w[i] = share
		}
		start = end
	}
	return w
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
