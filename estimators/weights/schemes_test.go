package weights

import (
	"math"
	"slices"
	"testing"
)

// A worked example of CRW: points 0, 1, 4 and 4.5 on a line, α = 2. The
// pairwise distances below α are 0.5 (4–4.5) and 1 (0–1).
//
//	r ∈ [0, 0.5): no links, 4 classes of one:          w_r = 1/4, 1/4, 1/4, 1/4
//	r ∈ [0.5, 1): {4, 4.5} share N[·], 3 classes:      w_r = 1/3, 1/3, 1/6, 1/6
//	r ∈ [1, 2]:   {0, 1} and {4, 4.5}, 2 classes of 2: w_r = 1/4, 1/4, 1/4, 1/4
//
// w = (1/2)·(0.5·w_[0,.5) + 0.5·w_[.5,1) + 1·w_[1,2]):
// w(0) = w(1) = (1/8 + 1/6 + 1/4)/2 = 13/48, w(4) = w(4.5) = (1/8 + 1/12 + 1/4)/2 = 11/48.
func TestCRWByHand(t *testing.T) {
	w, err := CRW{Alpha: 2}.Weights(col(0, 1, 4, 4.5))
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{13.0 / 48, 13.0 / 48, 11.0 / 48, 11.0 / 48}
	for i := range w {
		if math.Abs(w[i]-want[i]) > 1e-15 {
			t.Fatalf("weights %v, want %v", w, want)
		}
	}
}

func TestDedupByHand(t *testing.T) {
	// 0 and 0.05 are duplicates, and 0.05 and 0.09 too: one group of three.
	w, err := Dedup{Threshold: 0.06}.Weights(col(0.05, 0, 1, 0.09, 2))
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{1.0 / 3, 0, 1.0 / 3, 0, 1.0 / 3}; !slices.Equal(w, want) {
		t.Errorf("weights %v, want %v", w, want)
	}
	// Cosine distance: parallel vectors are duplicates whatever their length.
	w, _ = Dedup{Threshold: 1e-9, Cosine: true}.Weights([][]float64{{1, 0}, {2, 0}, {0, 1}})
	if want := []float64{0.5, 0, 0.5}; !slices.Equal(w, want) {
		t.Errorf("cosine: weights %v, want %v", w, want)
	}
}

func TestKDEByHand(t *testing.T) {
	// Two points at distance 1 with bandwidth 1 and one far away: the
	// densities are 1 + e^(−1/2), 1 + e^(−1/2) and 1 (times a constant).
	w, err := KDE{Bandwidth: 1}.Weights(col(0, 1, 100))
	if err != nil {
		t.Fatal(err)
	}
	a := 1 / (1 + math.Exp(-0.5))
	want := []float64{a / (2*a + 1), a / (2*a + 1), 1 / (2*a + 1)}
	for i := range w {
		if math.Abs(w[i]-want[i]) > 1e-15 {
			t.Fatalf("weights %v, want %v", w, want)
		}
	}
}

var schemes = map[string]Scheme{
	"uniform": Uniform{},
	"voronoi": Voronoi{Space: UnitCube{}, Samples: 20_000, Seed: 3},
	"kde":     KDE{Bandwidth: 0.05},
	"crw":     CRW{Alpha: 0.3},
	"dedup":   Dedup{Threshold: 0.02},
}

func TestSchemesPermutationInvariance(t *testing.T) {
	pts := randomPoints(12, 2, 3)
	rev := slices.Clone(pts)
	slices.Reverse(rev)
	for name, s := range schemes {
		w1, err1 := s.Weights(pts)
		w2, err2 := s.Weights(rev)
		if err1 != nil || err2 != nil {
			t.Fatal(name, err1, err2)
		}
		var sum float64
		for i := range w1 {
			sum += w1[i]
			if math.Abs(w1[i]-w2[len(w2)-1-i]) > 1e-15 {
				t.Errorf("%s: point %d weighs %v, reversed %v", name, i, w1[i], w2[len(w2)-1-i])
			}
		}
		if math.Abs(sum-1) > 1e-12 {
			t.Errorf("%s: weights sum to %v", name, sum)
		}
	}
}

// An exact copy leaves the other alternatives' weights and the total weight
// of its location unchanged: exactly for voronoi, crw and dedup (which
// gives the copy 0), and to the kernels' overlap for kde; uniform weights
// are not clone-robust.
func TestSchemesExactCopies(t *testing.T) {
	pts := randomPoints(10, 2, 4)
	with := append(slices.Clone(pts), slices.Clone(pts[2]))
	for name, s := range schemes {
		w1, _ := s.Weights(pts)
		w2, _ := s.Weights(with)
		tol := 1e-12 // relative
		if name == "kde" {
			tol = 0.02 // the copy raises the density of its neighbours a little
		}
		robust := name != "uniform"
		for i := range w1 {
			got := w2[i]
			if i == 2 {
				got += w2[10]
			}
			if d := math.Abs(got - w1[i]); robust && d > tol*w1[i] {
				t.Errorf("%s: point %d weighs %v, %v with a copy of point 2", name, i, w1[i], got)
			}
		}
		if name == "voronoi" || name == "crw" {
			if w2[2] != w2[10] {
				t.Errorf("%s: the copies weigh %v and %v", name, w2[2], w2[10])
			}
		}
		if !robust && math.Abs(w2[0]-w1[0]) < 1e-3 {
			t.Errorf("uniform weights did not change with a copy")
		}
	}
}
