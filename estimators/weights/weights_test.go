package weights

import (
	"math"
	"runtime"
	"slices"
	"testing"
)

func col(xs ...float64) [][]float64 {
	pts := make([][]float64, len(xs))
	for i, x := range xs {
		pts[i] = []float64{x}
	}
	return pts
}

func TestVoronoi1DByHand(t *testing.T) {
	tests := []struct {
		name   string
		points [][]float64
		space  Space
		want   []float64
	}{
		// Cells [0, .25], [.25, .65] split by two copies, [.65, 1].
		{"duplicates", col(0.4, 0.1, 0.9, 0.4), UnitCube{}, []float64{0.2, 0.25, 0.35, 0.2}},
		// S = [0.7, 4.3]: cells of lengths 1.3, 1.5 and 0.8.
		{"bounding box", col(1, 3, 4), BoundingBox{Margin: 0.1}, []float64{1.3 / 3.6, 1.5 / 3.6, 0.8 / 3.6}},
		// A point outside S owns nothing of it.
		{"outside", col(-1, 0.5), UnitCube{}, []float64{0, 1}},
		{"explicit box", col(0, 1), Cube{Low: -1, High: 3}, []float64{1.5 / 4, 2.5 / 4}},
		{"three copies", col(2, 2, 2), UnitCube{}, []float64{1.0 / 3, 1.0 / 3, 1.0 / 3}},
	}
	for _, tt := range tests {
		w, err := Voronoi{Space: tt.space}.Weights(tt.points)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		for i := range w {
			if math.Abs(w[i]-tt.want[i]) > 1e-15 {
				t.Errorf("%s: weights %v, want %v", tt.name, w, tt.want)
				break
			}
		}
	}
}

// Monte Carlo weights agree with the exact ones within 4 standard errors.
func TestMonteCarloAgreesWithExact(t *testing.T) {
	pts := col(0.05, 0.3, 0.31, 0.31, 0.5, 0.77, 0.9, 1.2)
	const n = 200_000
	exact, err := Voronoi{Space: UnitCube{}}.Weights(pts)
	if err != nil {
		t.Fatal(err)
	}
	mc, err := Voronoi{Space: UnitCube{}, MonteCarlo: true, Samples: n, Seed: 3}.Weights(pts)
	if err != nil {
		t.Fatal(err)
	}
	for i := range pts {
		// Copies share one cell's count, so the error is the cell's.
		copies := 0
		for _, p := range pts {
			if p[0] == pts[i][0] {
				copies++
			}
		}
		cell := exact[i] * float64(copies)
		se := math.Sqrt(cell*(1-cell)/n) / float64(copies)
		if math.Abs(mc[i]-exact[i]) > 4*se+1e-15 {
			t.Errorf("point %d: Monte Carlo %v, exact %v, standard error %v", i, mc[i], exact[i], se)
		}
	}
	if mc[2] != mc[3] {
		t.Errorf("copies got %v and %v", mc[2], mc[3])
	}
}

// In two dimensions, the cells of a regular grid in the unit square are
// equal squares.
func TestMonteCarloGrid(t *testing.T) {
	var pts [][]float64
	for i := range 3 {
		for j := range 3 {
			pts = append(pts, []float64{(float64(i) + 0.5) / 3, (float64(j) + 0.5) / 3})
		}
	}
	const n = 300_000
	w, err := Voronoi{Space: UnitCube{}, Samples: n, Seed: 9}.Weights(pts)
	if err != nil {
		t.Fatal(err)
	}
	se := math.Sqrt(1.0 / 9 * 8 / 9 / n)
	var sum float64
	for i, v := range w {
		sum += v
		if math.Abs(v-1.0/9) > 4*se {
			t.Errorf("cell %d: %v, want 1/9 ± %v", i, v, 4*se)
		}
	}
	if math.Abs(sum-1) > 1e-12 {
		t.Errorf("weights sum to %v", sum)
	}
}

func TestMonteCarloDeterminism(t *testing.T) {
	pts := randomPoints(50, 3, 4)
	v := Voronoi{Space: BoundingBox{Margin: 0.2}, Samples: 50_000, Seed: 7}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	w1, _ := v.Weights(pts)
	runtime.GOMAXPROCS(4)
	w2, _ := v.Weights(pts)
	if !slices.Equal(w1, w2) {
		t.Error("weights differ between 1 and 4 processors")
	}
	v.Seed++
	if w3, _ := v.Weights(pts); slices.Equal(w1, w3) {
		t.Error("weights do not depend on the seed")
	}
}

func TestMonteCarloPermutation(t *testing.T) {
	pts := randomPoints(20, 2, 5)
	perm := slices.Clone(pts)
	slices.Reverse(perm)
	v := Voronoi{Space: UnitCube{}, Samples: 20_000, Seed: 1}
	w1, _ := v.Weights(pts)
	w2, _ := v.Weights(perm)
	for i := range w1 {
		if w1[i] != w2[len(w2)-1-i] {
			t.Fatalf("point %d: %v, reversed %v", i, w1[i], w2[len(w2)-1-i])
		}
	}
}

// An exact copy splits its original's cell and leaves every other weight
// unchanged, bit for bit.
func TestMonteCarloExactCopy(t *testing.T) {
	pts := randomPoints(30, 4, 6)
	v := Voronoi{Space: UnitCube{}, Samples: 40_000, Seed: 2}
	w1, _ := v.Weights(pts)
	w2, _ := v.Weights(append(slices.Clone(pts), slices.Clone(pts[3])))
	for i := range w1 {
		want := w1[i]
		if i == 3 {
			want /= 2
		}
		if w2[i] != want {
			t.Errorf("point %d: %v, want %v", i, w2[i], want)
		}
	}
	if w2[30] != w1[3]/2 {
		t.Errorf("copy: %v, want %v", w2[30], w1[3]/2)
	}
}

func TestUniform(t *testing.T) {
	w, err := Uniform{}.Weights(randomPoints(4, 2, 1))
	if err != nil || !slices.Equal(w, []float64{0.25, 0.25, 0.25, 0.25}) {
		t.Errorf("got %v, %v", w, err)
	}
}

func TestSpaces(t *testing.T) {
	pts := [][]float64{{0, 5}, {2, 5}}
	b, err := BoundingBox{Margin: 0.5}.Box(pts)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(b.Low, []float64{-1, 4.5}) || !slices.Equal(b.High, []float64{3, 5.5}) {
		t.Errorf("bounding box %v", b)
	}
	bad := []struct {
		name   string
		space  Space
		points [][]float64
	}{
		{"empty cube", Cube{Low: 1, High: 1}, pts},
		{"box of wrong dimension", Box{Low: []float64{0}, High: []float64{1}}, pts},
		{"negative margin", BoundingBox{Margin: -1}, pts},
		{"ragged points", UnitCube{}, [][]float64{{0, 1}, {0}}},
		{"NaN point", UnitCube{}, [][]float64{{math.NaN()}}},
		{"no points", UnitCube{}, nil},
	}
	for _, tt := range bad {
		if _, err := tt.space.Box(tt.points); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}
