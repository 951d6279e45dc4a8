package estimators_test

import (
	"fmt"
	"testing"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/weights"
	"github.com/clonerobust/clonerobust/internal/reference"
)

func benchFit(b *testing.B, p *estimators.Problem, m estimators.Method) {
	b.ReportAllocs()
	var res *estimators.Result
	for b.Loop() {
		var err error
		if res, err = estimators.Fit(p, &estimators.Settings{Method: m}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(res.Iterations), "newton/op")
	b.ReportMetric(float64(res.CGIterations), "cg/op")
}

// BenchmarkFitDense fits sufficient comparisons of the 3-type linear
// population with λ = 0.1, with the solver chosen automatically.
func BenchmarkFitDense(b *testing.B) {
	for _, m := range []int{200, 1000, 3000} {
		pts := reference.UniformPoints(m, 2, 1)
		rows := reference.Sufficient(pts, reference.ThreeLinearTypes(2))
		vor, err := weights.Voronoi{Space: weights.UnitCube{}, Samples: 100_000, Seed: 1}.Weights(pts)
		if err != nil {
			b.Fatal(err)
		}
		for _, est := range []struct {
			name string
			w    []float64
		}{{"standard", nil}, {"weighted", vor}} {
			p := &estimators.Problem{N: m, Comparisons: rows, Weights: est.w, Lambda: 0.1}
			b.Run(fmt.Sprintf("%s/m=%d", est.name, m), func(b *testing.B) { benchFit(b, p, estimators.Auto) })
		}
	}
}

// BenchmarkFitMethods compares the two Newton step solvers on sufficient
// comparisons (a well-conditioned Hessian), on 5 sampled comparisons per
// alternative with λ = 0.001 (a sparse comparison graph, badly conditioned)
// and on 2·10⁵ sampled comparisons (many per pair); it sets Auto's rule.
func BenchmarkFitMethods(b *testing.B) {
	pop := reference.ThreeLinearTypes(2)
	for _, m := range []int{10, 25, 50, 100, 200, 400, 800} {
		pts := reference.UniformPoints(m, 2, 1)
		data := []struct {
			name string
			p    *estimators.Problem
		}{
			{"sufficient", &estimators.Problem{N: m, Comparisons: reference.Sufficient(pts, pop), Lambda: 0.1}},
			{"sparse", &estimators.Problem{N: m, Comparisons: reference.Sampled(pts, pop, 5*m, 1), Lambda: 1e-3}},
			{"repeated", &estimators.Problem{N: m, Comparisons: reference.Sampled(pts, pop, 200_000, 1)}},
		}
		for _, d := range data {
			for _, method := range []estimators.Method{estimators.Dense, estimators.HessianFree} {
				b.Run(fmt.Sprintf("%s/m=%d/%v", d.name, m, method), func(b *testing.B) { benchFit(b, d.p, method) })
			}
		}
	}
}

// BenchmarkFitSparse fits 10⁶ sampled comparisons over 10⁴ alternatives.
func BenchmarkFitSparse(b *testing.B) {
	const m, n = 10_000, 1_000_000
	pts := reference.UniformPoints(m, 2, 1)
	rows := reference.Sampled(pts, reference.ThreeLinearTypes(2), n, 1)
	uni, _ := weights.Uniform{}.Weights(pts)
	for _, est := range []struct {
		name string
		w    []float64
	}{{"standard", nil}, {"weighted", uni}} {
		p := &estimators.Problem{N: m, Comparisons: rows, Weights: est.w, Lambda: 0.1}
		b.Run(est.name, func(b *testing.B) { benchFit(b, p, estimators.Auto) })
	}
}
