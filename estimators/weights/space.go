package weights

import (
	"errors"
	"fmt"
	"math"
)

// Space chooses the box S in which Voronoi cells are measured, given the
// alternatives' points.
type Space interface {
	Box(points [][]float64) (Box, error)
}

var (
	_ Space = Box{}
	_ Space = UnitCube{}
	_ Space = Cube{}
	_ Space = BoundingBox{}
)

// Box is the axis-aligned box [Low_1, High_1] × … × [Low_d, High_d].
type Box struct {
	Low, High []float64
}

// Box returns b itself after checking that it has the points' dimension and
// positive volume.
func (b Box) Box(points [][]float64) (Box, error) {
	d, err := dim(points)
	if err != nil {
		return Box{}, err
	}
	if len(b.Low) != d || len(b.High) != d {
		return Box{}, fmt.Errorf("weights: box of dimension %d/%d for points of dimension %d", len(b.Low), len(b.High), d)
	}
	for i := range d {
		if !(b.Low[i] < b.High[i]) || math.IsInf(b.Low[i], 0) || math.IsInf(b.High[i], 0) {
			return Box{}, fmt.Errorf("weights: box side %d is [%v, %v], need finite low < high", i+1, b.Low[i], b.High[i])
		}
	}
	return b, nil
}

// UnitCube is the space [0, 1]^d.
type UnitCube struct{}

// Box returns [0, 1]^d for d the points' dimension.
func (UnitCube) Box(points [][]float64) (Box, error) {
	return Cube{Low: 0, High: 1}.Box(points)
}

// Cube is the space [Low, High]^d.
type Cube struct {
	Low, High float64
}

// Box returns [Low, High]^d for d the points' dimension.
func (c Cube) Box(points [][]float64) (Box, error) {
	d, err := dim(points)
	if err != nil {
		return Box{}, err
	}
	b := Box{Low: make([]float64, d), High: make([]float64, d)}
	for i := range d {
		b.Low[i], b.High[i] = c.Low, c.High
	}
	return b.Box(points)
}

// BoundingBox is the bounding box of the points, each side grown on both
// ends by Margin times its length. A side of length zero (all points share
// that coordinate) is grown by Margin on both ends, or by 0.5 if Margin is 0.
type BoundingBox struct {
	Margin float64
}

// Box returns the grown bounding box of points.
func (bb BoundingBox) Box(points [][]float64) (Box, error) {
	d, err := dim(points)
	if err != nil {
		return Box{}, err
	}
	if !(bb.Margin >= 0) || math.IsInf(bb.Margin, 0) {
		return Box{}, fmt.Errorf("weights: margin %v, need a finite margin ≥ 0", bb.Margin)
	}
	b := Box{Low: make([]float64, d), High: make([]float64, d)}
	for i := range d {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, p := range points {
			lo, hi = min(lo, p[i]), max(hi, p[i])
		}
		grow := bb.Margin * (hi - lo)
		if hi == lo {
			grow = bb.Margin
			if grow == 0 {
				grow = 0.5
			}
		}
		b.Low[i], b.High[i] = lo-grow, hi+grow
	}
	return b.Box(points)
}

// dim returns the common dimension of points, checking that they are finite.
func dim(points [][]float64) (int, error) {
	if len(points) == 0 {
		return 0, errors.New("weights: no points")
	}
	d := len(points[0])
	if d == 0 {
		return 0, errors.New("weights: points of dimension 0")
	}
	for i, p := range points {
		if len(p) != d {
			return 0, fmt.Errorf("weights: point %d has dimension %d, point 0 has %d", i, len(p), d)
		}
		for _, v := range p {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, fmt.Errorf("weights: point %d has a non-finite coordinate %v", i, v)
			}
		}
	}
	return d, nil
}
