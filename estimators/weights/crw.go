package weights

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"
)

// CRW is the class-uniform clone-robust weighting of Berriaud and
// Wattenhofer (arXiv 2602.24024). For a radius r, alternatives at distance
// at most r are linked; two alternatives are in one class when their closed
// neighbourhoods are equal, and
//
//	w_r(x) = 1 / (number of classes · size of x's class).
//
// The weight is the average over radii up to Alpha,
//
//	w(x) = (1/α) ∫_0^α w_r(x) dr,
//
// computed exactly: w_r changes only at the pairwise distances below α.
// Copies of an alternative always join its class, whose total weight they
// leave unchanged; the class's members share it equally, so an original
// alone in its class has its weight split among its copies exactly, and an
// original that shares its class gives part of the class's weight to them.
type CRW struct {
	// Alpha is the largest radius. If Alpha is 0, it is defaulted to 5% of
	// the diagonal of the points' bounding box.
	Alpha float64
}

var _ Scheme = CRW{}

// Weights returns the class-uniform weights of points averaged over radii.
func (c CRW) Weights(points [][]float64) ([]float64, error) {
	if _, err := dim(points); err != nil {
		return nil, err
	}
	if c.Alpha == 0 {
		box, err := BoundingBox{}.Box(points)
		if err != nil {
			return nil, err
		}
		c.Alpha = 0.05 * floats.Distance(box.Low, box.High, 2)
	}
	if !(c.Alpha > 0) || math.IsInf(c.Alpha, 0) {
		return nil, fmt.Errorf("weights: alpha %v, want a finite radius > 0", c.Alpha)
	}
	m := len(points)
	type pair struct {
		d    float64
		i, j int
	}
	var pairs []pair
	for i := range m {
		for j := i + 1; j < m; j++ {
			if d := floats.Distance(points[i], points[j], 2); d < c.Alpha {
				pairs = append(pairs, pair{d, i, j})
			}
		}
	}
	slices.SortFunc(pairs, func(a, b pair) int { return cmpFloat(a.d, b.d) })

	words := (m + 63) / 64
	nbhd := make([][]uint64, m) // closed neighbourhoods as bit sets
	for i := range nbhd {
		nbhd[i] = make([]uint64, words)
		nbhd[i][i/64] |= 1 << (i % 64)
	}
	w := make([]float64, m)
	wr := make([]float64, m)
	lo := 0.0
	for k := 0; ; {
		// Link every pair at distance ≤ lo.
		for ; k < len(pairs) && pairs[k].d <= lo; k++ {
			p := pairs[k]
			nbhd[p.i][p.j/64] |= 1 << (p.j % 64)
			nbhd[p.j][p.i/64] |= 1 << (p.i % 64)
		}
		hi := c.Alpha
		if k < len(pairs) {
			hi = pairs[k].d
		}
		classWeights(nbhd, wr)
		for i := range w {
			w[i] += (hi - lo) / c.Alpha * wr[i]
		}
		if k == len(pairs) {
			break
		}
		lo = hi
	}
	return w, nil
}

// classWeights stores 1/(classes · class size) in w for each alternative,
// a class being the alternatives with one closed neighbourhood.
func classWeights(nbhd [][]uint64, w []float64) {
	class := make(map[string][]int)
	var key []byte
	for i, n := range nbhd {
		key = key[:0]
		for _, x := range n {
			key = binary.LittleEndian.AppendUint64(key, x)
		}
		class[string(key)] = append(class[string(key)], i)
	}
	for _, members := range class {
		for _, i := range members {
			w[i] = 1 / float64(len(class)*len(members))
		}
	}
}
