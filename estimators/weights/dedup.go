package weights

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
)

// Dedup is what practitioners do today (SemDeDup-style): alternatives
// closer than Threshold are grouped (transitively), one per group is kept
// with weight 1/(number of groups), and the others get weight 0, which
// drops them from the weighted MLE's objective. The weighted MLE with these
// weights is the standard MLE on the deduplicated data.
type Dedup struct {
	// Threshold is the largest distance at which two alternatives are
	// duplicates; 0 groups exact copies only.
	Threshold float64
	// Cosine measures distance as 1 − cos(x, y) instead of Euclidean
	// distance.
	Cosine bool
}

var _ Scheme = Dedup{}

// Weights keeps the first alternative of each group of near-duplicates.
func (dd Dedup) Weights(points [][]float64) ([]float64, error) {
	if _, err := dim(points); err != nil {
		return nil, err
	}
	if !(dd.Threshold >= 0) || math.IsInf(dd.Threshold, 0) {
		return nil, fmt.Errorf("weights: threshold %v, want a finite threshold ≥ 0", dd.Threshold)
	}
	m := len(points)
	parent := make([]int, m)
	for i := range parent {
		parent[i] = i
	}
	var root func(int) int
	root = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	for i := range m {
		for j := i + 1; j < m; j++ {
			if dd.distance(points[i], points[j]) <= dd.Threshold {
				a, b := root(i), root(j)
				parent[max(a, b)] = min(a, b) // the group's root is its first member
			}
		}
	}
	w := make([]float64, m)
	groups := 0
	for i := range m {
		if root(i) == i {
			groups++
		}
	}
	for i := range m {
		if root(i) == i {
			w[i] = 1 / float64(groups)
		}
	}
	return w, nil
}

func (dd Dedup) distance(x, y []float64) float64 {
	if dd.Cosine {
		nx, ny := floats.Norm(x, 2), floats.Norm(y, 2)
		if nx == 0 || ny == 0 {
			return 1
		}
		return 1 - floats.Dot(x, y)/(nx*ny)
	}
	return floats.Distance(x, y, 2)
}
