package estimators

import (
	"errors"
	"fmt"
	"math"
	"strings"
)

// Comparison is one row of comparison data: alternative A was preferred to
// alternative B in a fraction P of Count comparisons.
//
// Sufficient comparisons (the dense case of the paper's theory) are one row
// per unordered pair {A, B} with P = P(A ≻ B) and Count = 1; sampled
// comparisons are one row per comparison, P being 1 or 0, or rows that
// aggregate several comparisons of the same pair.
type Comparison struct {
	A, B int

	// P is the fraction of the comparisons in which A was preferred,
	// in [0, 1].
	P float64

	// Count is the number of comparisons the row stands for. It may be
	// fractional. If Count is 0, it is defaulted to 1.
	Count float64
}

// Problem is a data set of comparisons between N alternatives, indexed
// 0, …, N−1, and the choice of estimator.
type Problem struct {
	N           int
	Comparisons []Comparison

	// Weights are the per-alternative weights w of the weighted MLE. They
	// must be non-negative with a positive sum, and are normalised to sum 1.
	// If Weights is nil, the estimator is the standard MLE (ω = 1, ν = 1).
	Weights []float64

	// Lambda is the regularization λ ≥ 0. The standard and the weighted MLE
	// put λ on different scales (see Fit).
	Lambda float64
}

// Method is the linear solver of a Newton step.
type Method int

const (
	// Auto picks Dense when there are at least 50 rows per entry of the
	// Hessian (many repeated comparisons of each pair, so one assembly of
	// the Hessian replaces many passes over the rows) and at most 1000
	// alternatives, and HessianFree otherwise. BenchmarkFitMethods measures
	// the trade-off: HessianFree is faster on sufficient comparisons of any
	// size and on sparse comparison graphs.
	Auto Method = iota
	// Dense solves each Newton step with a Cholesky factorization of the
	// exact Hessian: memory O(N²), time O(rows + N³) per step.
	Dense
	// HessianFree solves each Newton step by conjugate gradients
	// preconditioned with the Hessian's diagonal, using only
	// Hessian-vector products: memory O(N + rows), time O(rows) per
	// conjugate gradient iteration.
	HessianFree
)

func (m Method) String() string {
	switch m {
	case Auto:
		return "auto"
	case Dense:
		return "dense"
	case HessianFree:
		return "hessian-free"
	}
	return fmt.Sprintf("Method(%d)", int(m))
}

// Settings control the solver. A nil *Settings uses the defaults.
type Settings struct {
	// Method is the Newton step solver. The zero value is Auto.
	Method Method

	// Tolerance is the convergence threshold on the residual described in
	// Fit. If Tolerance is 0, it is defaulted to 1e-10.
	Tolerance float64

	// MaxIterations bounds the Newton iterations. If MaxIterations is 0, it
	// is defaulted to 100.
	MaxIterations int
}

// Result is the outcome of a fit.
type Result struct {
	// Rewards holds the fitted reward of each alternative.
	Rewards []float64
	// Weights holds the normalised weights the estimator used: 1/N each for
	// the standard MLE.
	Weights []float64
	// Method is the Newton step solver that was used.
	Method Method
	// Iterations counts Newton iterations, CGIterations the conjugate
	// gradient iterations inside them (0 for Dense).
	Iterations, CGIterations int
	// Residual is the final value of the convergence residual (see Fit).
	Residual float64
}

// NoComparisonsError reports that, with λ = 0, the reward of an alternative
// is undetermined because it has no comparisons with any alternative of
// positive weight.
type NoComparisonsError struct {
	Index int
}

func (e *NoComparisonsError) Error() string {
	return fmt.Sprintf("alternative %d has no comparisons with an alternative of positive weight: with lambda = 0 its reward is undetermined (use lambda > 0 or add comparisons)", e.Index)
}

// NoMLEError reports that the unregularized MLE does not exist: no
// alternative outside Winners ever beat an alternative of Winners, so the
// likelihood grows without bound as the Winners' rewards rise together.
// Losers lists the other alternatives involved.
type NoMLEError struct {
	Winners, Losers []int
}

func (e *NoMLEError) Error() string {
	return fmt.Sprintf("the unregularized MLE does not exist: %d alternative(s) %v are never beaten by the other %d %v, so their rewards would be infinite (use lambda > 0)",
		len(e.Winners), preview(e.Winners), len(e.Losers), preview(e.Losers))
}

func preview(idx []int) string {
	const show = 5
	if len(idx) > show {
		return strings.TrimSuffix(fmt.Sprint(idx[:show]), "]") + " …]"
	}
	return fmt.Sprint(idx)
}

// ErrNotConverged is returned, wrapped with the final residual, when the
// Newton iteration does not meet the tolerance within MaxIterations.
var ErrNotConverged = errors.New("estimators: Newton iteration did not converge")

// validate checks p and returns the normalised weights (nil for the standard
// MLE).
func (p *Problem) validate() ([]float64, error) {
	if p.N < 1 {
		return nil, fmt.Errorf("estimators: N = %d, need at least one alternative", p.N)
	}
	if !(p.Lambda >= 0) || math.IsInf(p.Lambda, 0) {
		return nil, fmt.Errorf("estimators: lambda = %v, need a finite lambda ≥ 0", p.Lambda)
	}
	for i, c := range p.Comparisons {
		switch {
		case c.A < 0 || c.A >= p.N || c.B < 0 || c.B >= p.N:
			return nil, fmt.Errorf("estimators: comparison %d: alternatives (%d, %d) outside [0, %d)", i, c.A, c.B, p.N)
		case c.A == c.B:
			return nil, fmt.Errorf("estimators: comparison %d compares alternative %d with itself", i, c.A)
		case !(c.P >= 0 && c.P <= 1):
			return nil, fmt.Errorf("estimators: comparison %d: P = %v outside [0, 1]", i, c.P)
		case !(c.Count >= 0) || math.IsInf(c.Count, 0):
			return nil, fmt.Errorf("estimators: comparison %d: Count = %v, need a finite count ≥ 0", i, c.Count)
		}
	}
	if p.Weights == nil {
		return nil, nil
	}
	if len(p.Weights) != p.N {
		return nil, fmt.Errorf("estimators: %d weights for %d alternatives", len(p.Weights), p.N)
	}
	var sum float64
	for i, w := range p.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("estimators: weight %d = %v, need a finite weight ≥ 0", i, w)
		}
		sum += w
	}
	if sum <= 0 {
		return nil, errors.New("estimators: all weights are zero")
	}
	w := make([]float64, p.N)
	for i, v := range p.Weights {
		w[i] = v / sum
	}
	return w, nil
}
