package metrics

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Centred returns r minus its mean: rewards whose additive constant the
// estimator does not fix are compared after centring.
func Centred(r []float64) []float64 { return CentredOn(r, len(r)) }

// CentredOn returns r shifted so that its first m entries have mean 0, as
// when rewards over originals and clones are centred on the originals.
func CentredOn(r []float64, m int) []float64 {
	mean := stat.Mean(r[:m], nil)
	c := make([]float64, len(r))
	for i, v := range r {
		c[i] = v - mean
	}
	return c
}

// MaxShift returns max_i |after_i − before_i| over the alternatives of
// before; after may hold more alternatives (the clones), which are ignored.
func MaxShift(before, after []float64) float64 {
	var m float64
	for i, v := range before {
		m = math.Max(m, math.Abs(after[i]-v))
	}
	return m
}

// RMSShift returns the root mean square of after_i − before_i over the
// alternatives of before.
func RMSShift(before, after []float64) float64 {
	var s float64
	for i, v := range before {
		s += (after[i] - v) * (after[i] - v)
	}
	return math.Sqrt(s / float64(len(before)))
}

// CloneGap returns the largest |r_x' − r_x| over the clones x' of r, where
// cloneOf[i] is the original of alternative i, or −1 if i is an original.
// It is 0 when there are no clones.
func CloneGap(r []float64, cloneOf []int) float64 {
	var m float64
	for i, orig := range cloneOf {
		if orig >= 0 {
			m = math.Max(m, math.Abs(r[i]-r[orig]))
		}
	}
	return m
}

// KendallTau returns Kendall's τ-a between the rankings of the alternatives
// of before under before and after.
func KendallTau(before, after []float64) float64 {
	return stat.Kendall(before, after[:len(before)], nil)
}

// TopChanged returns 1 if the best alternative of before (the first on ties)
// is not the best of the same alternatives under after, and 0 otherwise.
func TopChanged(before, after []float64) float64 {
	if Best(before) != Best(after[:len(before)]) {
		return 1
	}
	return 0
}

// Best returns the index of the largest reward, the first one on ties.
func Best(r []float64) int {
	best := 0
	for i, v := range r {
		if v > r[best] {
			best = i
		}
	}
	return best
}

// ErrorVsAverage returns the root mean square distance between rewards and
// the population's average rewards on the same alternatives, both centred:
// Bradley-Terry rewards are only defined up to a constant.
func ErrorVsAverage(rewards, average []float64) float64 {
	return RMSShift(Centred(average), Centred(rewards[:len(average)]))
}

// EffectiveSampleSize returns Kish's effective sample size (Σ ω)² / Σ ω² of
// the row weights ω.
func EffectiveSampleSize(omega []float64) float64 {
	var s, s2 float64
	for _, w := range omega {
		s += w
		s2 += w * w
	}
	if s2 == 0 {
		return 0
	}
	return s * s / s2
}

// Summary is the mean of repeated measurements with the half-width of its
// t-based 95% confidence interval.
type Summary struct {
	Mean, CI95 float64
	N          int
}

// Summarize returns the summary of x. CI95 is NaN when len(x) < 2.
func Summarize(x []float64) Summary {
	s := Summary{N: len(x), CI95: math.NaN()}
	if len(x) == 0 {
		s.Mean = math.NaN()
		return s
	}
	mean, std := stat.MeanStdDev(x, nil)
	s.Mean = mean
	if len(x) > 1 {
		t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(len(x) - 1)}.Quantile(0.975)
		s.CI95 = t * std / math.Sqrt(float64(len(x)))
	}
	return s
}
