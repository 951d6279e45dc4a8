package metrics

import (
	"math"
	"testing"
)

func TestByHand(t *testing.T) {
	before := []float64{1, 2, 3, 4}
	after := []float64{1.5, 2, 2, 4.25, 9} // the last one a clone
	cloneOf := []int{-1, -1, -1, -1, 2}
	tests := []struct {
		name string
		got  float64
		want float64
	}{
		{"max shift", MaxShift(before, after), 1},
		{"rms shift", RMSShift(before, after), math.Sqrt((0.25 + 0 + 1 + 0.0625) / 4)},
		{"clone gap", CloneGap(after, cloneOf), 7},
		{"clone gap without clones", CloneGap(before, []int{-1, -1, -1, -1}), 0},
		// Rankings 1<2<3<4 and 1.5<2=2<4.25: pairs (2,3) tie in after,
		// which τ-a counts as concordant here: all 6 concordant.
		{"kendall identical order", KendallTau(before, []float64{10, 20, 30, 40}), 1},
		{"kendall reversed", KendallTau(before, []float64{4, 3, 2, 1}), -1},
		// One swap of neighbours: 5 concordant, 1 discordant → 4/6.
		{"kendall one swap", KendallTau(before, []float64{1, 3, 2, 4}), 4.0 / 6},
		{"top unchanged", TopChanged(before, after), 0},
		{"top changed", TopChanged(before, []float64{5, 2, 3, 4}), 1},
		{"top ignores clones", TopChanged(before, []float64{1, 2, 3, 4, 100}), 0},
		// Centred: average (−1.5,−.5,.5,1.5), rewards (−3,−1,1,3): differences
		// (−1.5,−.5,.5,1.5), RMS √(5/4).
		{"error vs average", ErrorVsAverage([]float64{0, 2, 4, 6, 100}, before), math.Sqrt(1.25)},
		{"error is shift invariant", ErrorVsAverage([]float64{11, 12, 13, 14}, before), 0},
		{"ess uniform", EffectiveSampleSize([]float64{2, 2, 2, 2}), 4},
		{"ess one row", EffectiveSampleSize([]float64{0, 5, 0}), 1},
		{"ess by hand", EffectiveSampleSize([]float64{1, 3}), 16.0 / 10},
	}
	for _, tt := range tests {
		if math.Abs(tt.got-tt.want) > 1e-12 {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestCentred(t *testing.T) {
	c := Centred([]float64{1, 2, 6})
	want := []float64{-2, -1, 3}
	for i := range c {
		if c[i] != want[i] {
			t.Fatalf("got %v, want %v", c, want)
		}
	}
}

func TestSummarize(t *testing.T) {
	// Mean 2, sample sd 1, n = 3: t(0.975, 2) = 4.302652729911275.
	s := Summarize([]float64{1, 2, 3})
	if s.N != 3 || s.Mean != 2 || math.Abs(s.CI95-4.302652729911275/math.Sqrt(3)) > 1e-9 {
		t.Errorf("got %+v", s)
	}
	if s := Summarize([]float64{5}); s.Mean != 5 || !math.IsNaN(s.CI95) {
		t.Errorf("one value: %+v", s)
	}
}
