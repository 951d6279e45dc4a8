package features

import (
	"math"
	"testing"
)

func TestPCAByHand(t *testing.T) {
	// A cross: the x axis carries variance 9·2/3 = 6, the y axis 2/3; the
	// third coordinate is constant.
	pts := [][]float64{{3, 0, 5}, {-3, 0, 5}, {0, 1, 5}, {0, -1, 5}}
	got, err := PCA(pts, 2)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{3, 0}, {-3, 0}, {0, 1}, {0, -1}}
	for i := range want {
		for k := range want[i] {
			if math.Abs(got[i][k]-want[i][k]) > 1e-12 {
				t.Fatalf("projections %v, want %v", got, want)
			}
		}
	}

	// Points on the line (1, 2, 0)·t: one component, coordinates
	// √5·(t − mean t).
	line := [][]float64{{-1, -2, 0}, {0, 0, 0}, {1, 2, 0}, {2, 4, 0}}
	got, err = PCA(line, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, ti := range []float64{-1, 0, 1, 2} {
		if want := math.Sqrt(5) * (ti - 0.5); math.Abs(got[i][0]-want) > 1e-12 {
			t.Errorf("point %d: %v, want %v", i, got[i][0], want)
		}
	}
	if _, err := PCA(line, 4); err == nil {
		t.Error("4 components of 3-dimensional points")
	}
}

func TestMinMax(t *testing.T) {
	got := MinMax([][]float64{{1, 5, 2}, {3, 5, 0}, {2, 5, 1}})
	want := [][]float64{{0, 0.5, 1}, {1, 0.5, 0}, {0.5, 0.5, 0.5}}
	for i := range want {
		for k := range want[i] {
			if got[i][k] != want[i][k] {
				t.Fatalf("got %v, want %v", got, want)
			}
		}
	}
}
