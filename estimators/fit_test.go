package estimators_test

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/weights"
	"github.com/clonerobust/clonerobust/internal/reference"
)

var methods = []estimators.Method{estimators.Dense, estimators.HessianFree}

func sigmoid(t float64) float64 { return 1 / (1 + math.Exp(-t)) }

func fit(t *testing.T, p *estimators.Problem, m estimators.Method) []float64 {
	t.Helper()
	res, err := estimators.Fit(p, &estimators.Settings{Method: m})
	if err != nil {
		t.Fatal(err)
	}
	if m != estimators.Auto && res.Method != m {
		t.Fatalf("fitted with %v, asked for %v", res.Method, m)
	}
	for i, r := range res.Rewards {
		if math.IsNaN(r) || math.IsInf(r, 0) {
			t.Fatalf("reward %d = %v", i, r)
		}
	}
	return res.Rewards
}

func normalised(w []float64) []float64 {
	var s float64
	for _, v := range w {
		s += v
	}
	out := make([]float64, len(w))
	for i, v := range w {
		out[i] = v / s
	}
	return out
}

// foc returns, for each alternative x, its first-order condition computed
// from the data alone,
//
//	(Σ_{rows ∋ x} c·ω/ν_x·[σ(r_x − r_y) − p(x ≻ y)] + λ r_x) / max(1, n_x),
//
// which with sufficient comparisons and the weighted MLE is the weighted
// win-rate identity Σ_y w_y [σ(r_x − r_y) − p(x ≻ y)] + λ r_x of SPEC §2.
func foc(p *estimators.Problem, r []float64) []float64 {
	w := p.Weights
	if w != nil {
		w = normalised(w)
	}
	sum := make([]float64, p.N)
	nx := make([]float64, p.N)
	for _, c := range p.Comparisons {
		count := c.Count
		if count == 0 {
			count = 1
		}
		wa, wb := 1.0, 1.0 // ω/ν for each end
		if w != nil {
			wa, wb = w[c.B], w[c.A]
		}
		d := sigmoid(r[c.A]-r[c.B]) - c.P
		sum[c.A] += count * wa * d
		sum[c.B] -= count * wb * d
		nx[c.A] += count * wa
		nx[c.B] += count * wb
	}
	out := make([]float64, p.N)
	for x := range out {
		out[x] = (sum[x] + p.Lambda*r[x]) / math.Max(1, nx[x])
	}
	return out
}

func maxAbs(v []float64) float64 {
	var m float64
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

func TestFirstOrderCondition(t *testing.T) {
	pop := reference.ThreeLinearTypes(2)
	pts := reference.UniformPoints(40, 2, 1)
	vor, err := weights.Voronoi{Space: weights.UnitCube{}, Samples: 100_000, Seed: 1}.Weights(pts)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string][]estimators.Comparison{
		"sufficient": reference.Sufficient(pts, pop),
		"sampled":    reference.Sampled(pts, pop, 2000, 1),
	}
	for name, rows := range data {
		for _, w := range [][]float64{nil, vor} {
			for _, lambda := range []float64{0, 0.05} {
				for _, m := range methods {
					p := &estimators.Problem{N: len(pts), Comparisons: rows, Weights: w, Lambda: lambda}
					t.Run(fmt.Sprintf("%s/weighted=%v/lambda=%v/%v", name, w != nil, lambda, m), func(t *testing.T) {
						r := fit(t, p, m)
						if e := maxAbs(foc(p, r)); e > 1e-9 {
							t.Errorf("first-order condition violated by %g", e)
						}
						if lambda == 0 {
							nu := w
							if nu == nil {
								nu = make([]float64, len(r))
								for i := range nu {
									nu[i] = 1
								}
							}
							var s float64
							for i := range r {
								s += nu[i] * r[i]
							}
							if math.Abs(s) > 1e-9 {
								t.Errorf("Σ ν r = %g, want 0", s)
							}
						}
					})
				}
			}
		}
	}
}

func TestRecoversOneTypeRewards(t *testing.T) {
	pop := reference.OneType(3, -2)
	pts := reference.UniformPoints(30, 2, 7)
	rows := reference.Sufficient(pts, pop)
	vor, _ := weights.Voronoi{Space: weights.UnitCube{}, Samples: 50_000}.Weights(pts)
	for _, w := range [][]float64{nil, vor} {
		for _, m := range methods {
			r := fit(t, &estimators.Problem{N: len(pts), Comparisons: rows, Weights: w}, m)
			for x := range pts {
				for y := range pts {
					want := pop[0].Reward.Reward(pts[x]) - pop[0].Reward.Reward(pts[y])
					if got := r[x] - r[y]; math.Abs(got-want) > 1e-8 {
						t.Fatalf("weighted=%v %v: r(%d) − r(%d) = %v, want %v", w != nil, m, x, y, got, want)
					}
				}
			}
		}
	}
}

// withCopies returns points with k exact copies of points[target] appended.
func withCopies(points [][]float64, target, k int) [][]float64 {
	out := slices.Clone(points)
	for range k {
		out = append(out, slices.Clone(points[target]))
	}
	return out
}

func TestExactDuplicates(t *testing.T) {
	pop := reference.ThreeLinearTypes(1)
	pts := reference.UniformPoints(25, 1, 3)
	const target, k = 4, 3
	cloned := withCopies(pts, target, k)
	for _, lambda := range []float64{0, 0.1} {
		for _, scheme := range []weights.Scheme{
			weights.Voronoi{Space: weights.UnitCube{}},
			weights.Voronoi{Space: weights.BoundingBox{Margin: 0.1}, MonteCarlo: true, Samples: 20_000},
		} {
			w0, _ := scheme.Weights(pts)
			w1, _ := scheme.Weights(cloned)
			before := fit(t, &estimators.Problem{N: len(pts), Comparisons: reference.Sufficient(pts, pop), Weights: w0, Lambda: lambda}, estimators.Auto)
			after := fit(t, &estimators.Problem{N: len(cloned), Comparisons: reference.Sufficient(cloned, pop), Weights: w1, Lambda: lambda}, estimators.Auto)
			for i, r := range before {
				if math.Abs(after[i]-r) > 1e-9 {
					t.Errorf("λ=%v %T: weighted reward %d moved from %v to %v", lambda, scheme, i, r, after[i])
				}
			}
			for i := len(pts); i < len(cloned); i++ {
				if math.Abs(after[i]-before[target]) > 1e-9 {
					t.Errorf("λ=%v: copy %d has reward %v, original %v", lambda, i, after[i], before[target])
				}
			}
		}

		// The standard MLE counts every copy's comparisons again.
		before := fit(t, &estimators.Problem{N: len(pts), Comparisons: reference.Sufficient(pts, pop), Lambda: lambda}, estimators.Auto)
		after := fit(t, &estimators.Problem{N: len(cloned), Comparisons: reference.Sufficient(cloned, pop), Lambda: lambda}, estimators.Auto)
		var shift float64
		for i, r := range before {
			shift = math.Max(shift, math.Abs(after[i]-r))
		}
		if shift < 1e-3 {
			t.Errorf("λ=%v: standard MLE moved by only %g with %d exact copies", lambda, shift, k)
		}
	}
}

func TestPermutationInvariance(t *testing.T) {
	pop := reference.ThreeLinearTypes(2)
	pts := reference.UniformPoints(30, 2, 9)
	rows := reference.Sampled(pts, pop, 3000, 2)
	vor, _ := weights.Voronoi{Space: weights.UnitCube{}, Samples: 10_000}.Weights(pts)
	perm := make([]int, len(pts)) // new index of alternative i
	for i := range perm {
		perm[i] = (7*i + 3) % len(pts)
	}
	for _, w := range [][]float64{nil, vor} {
		p := &estimators.Problem{N: len(pts), Comparisons: rows, Weights: w, Lambda: 0.01}
		q := &estimators.Problem{N: len(pts), Lambda: p.Lambda}
		for _, c := range rows {
			q.Comparisons = append(q.Comparisons, estimators.Comparison{A: perm[c.A], B: perm[c.B], P: c.P, Count: c.Count})
		}
		if w != nil {
			q.Weights = make([]float64, len(w))
			for i, v := range w {
				q.Weights[perm[i]] = v
			}
		}
		for _, m := range methods {
			r, s := fit(t, p, m), fit(t, q, m)
			for i := range r {
				if math.Abs(r[i]-s[perm[i]]) > 1e-9 {
					t.Errorf("weighted=%v %v: reward of %d is %v, permuted %v", w != nil, m, i, r[i], s[perm[i]])
				}
			}
		}
	}
}

// With uniform weights, Eq. 2 is Eq. 1 divided by m², with λ_Eq1 = m·λ_Eq2.
func TestUniformWeightsRescaleLambda(t *testing.T) {
	pts := reference.UniformPoints(20, 2, 4)
	rows := reference.Sufficient(pts, reference.ThreeLinearTypes(2))
	const lambda2 = 0.3
	uni, _ := weights.Uniform{}.Weights(pts)
	r2 := fit(t, &estimators.Problem{N: len(pts), Comparisons: rows, Weights: uni, Lambda: lambda2}, estimators.Auto)
	r1 := fit(t, &estimators.Problem{N: len(pts), Comparisons: rows, Lambda: lambda2 * float64(len(pts))}, estimators.Auto)
	for i := range r1 {
		if math.Abs(r1[i]-r2[i]) > 1e-10 {
			t.Errorf("reward %d: Eq. 1 gives %v, Eq. 2 %v", i, r1[i], r2[i])
		}
	}
}

func TestTwoAlternativesClosedForm(t *testing.T) {
	// a beat b in 3 of 4 comparisons: r_a − r_b = logit(3/4) = ln 3, and
	// Σ r = 0.
	p := &estimators.Problem{N: 2, Comparisons: []estimators.Comparison{{A: 0, B: 1, P: 0.75, Count: 4}}}
	for _, m := range methods {
		r := fit(t, p, m)
		if want := math.Log(3) / 2; math.Abs(r[0]-want) > 1e-12 || math.Abs(r[1]+want) > 1e-12 {
			t.Errorf("%v: rewards %v, want ±%v", m, r, want)
		}
	}
}

func TestMethodsAgree(t *testing.T) {
	pts := reference.UniformPoints(60, 3, 5)
	rows := reference.Sampled(pts, reference.ThreeLinearTypes(3), 5000, 3)
	p := &estimators.Problem{N: len(pts), Comparisons: rows}
	r1, r2 := fit(t, p, estimators.Dense), fit(t, p, estimators.HessianFree)
	for i := range r1 {
		if math.Abs(r1[i]-r2[i]) > 1e-9 {
			t.Errorf("reward %d: dense %v, hessian-free %v", i, r1[i], r2[i])
		}
	}
}

func TestZeroWeightAlternative(t *testing.T) {
	pop := reference.ThreeLinearTypes(2)
	pts := reference.UniformPoints(15, 2, 6)
	rows := reference.Sufficient(pts, pop)
	w := make([]float64, len(pts))
	for i := range w {
		w[i] = 1 + float64(i%3)
	}
	const zero = 6
	w[zero] = 0
	for _, lambda := range []float64{0, 0.2} {
		p := &estimators.Problem{N: len(pts), Comparisons: rows, Weights: w, Lambda: lambda}
		r := fit(t, p, estimators.Auto)

		// The others are fitted as if the zero-weight alternative were absent.
		var without []estimators.Comparison
		for _, c := range rows {
			if c.A != zero && c.B != zero {
				without = append(without, c)
			}
		}
		q := &estimators.Problem{N: len(pts), Comparisons: without, Weights: w, Lambda: lambda}
		// Alternative zero has no comparisons in q; at λ = 0 that is an error.
		if lambda == 0 {
			var nc *estimators.NoComparisonsError
			if _, err := estimators.Fit(q, nil); !errors.As(err, &nc) || nc.Index != zero {
				t.Fatalf("want NoComparisonsError for %d, got %v", zero, err)
			}
			continue
		}
		s := fit(t, q, estimators.Auto)
		for i := range r {
			if i != zero && math.Abs(r[i]-s[i]) > 1e-9 {
				t.Errorf("λ=%v: reward %d is %v, %v without the zero-weight alternative", lambda, i, r[i], s[i])
			}
		}

		// Its own first-order condition holds.
		wn := normalised(w)
		f := lambda * r[zero]
		for y := range pts {
			if y != zero {
				f += wn[y] * (sigmoid(r[zero]-r[y]) - pop.Prefer(pts[zero], pts[y]))
			}
		}
		if math.Abs(f) > 1e-9 {
			t.Errorf("λ=%v: zero-weight alternative's first-order condition is %g", lambda, f)
		}
	}
}

func TestUnregularizedMLEDoesNotExist(t *testing.T) {
	cmp := func(a, b int, p float64) estimators.Comparison { return estimators.Comparison{A: a, B: b, P: p} }
	tests := []struct {
		name    string
		n       int
		rows    []estimators.Comparison
		weights []float64
		winners []int
	}{
		{"one wins all", 3, []estimators.Comparison{cmp(0, 1, 1), cmp(2, 0, 0), cmp(1, 2, 0.5)}, nil, []int{0}},
		{"one loses all", 3, []estimators.Comparison{cmp(0, 1, 0.5), cmp(2, 0, 0), cmp(1, 2, 1)}, nil, []int{0, 1}},
		{"two groups", 4, []estimators.Comparison{cmp(0, 1, 0.5), cmp(2, 3, 0.3)}, nil, []int{0, 1}},
		{"zero weight wins all", 3, []estimators.Comparison{cmp(0, 1, 0.4), cmp(2, 0, 1), cmp(2, 1, 1)}, []float64{1, 1, 0}, []int{2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &estimators.Problem{N: tt.n, Comparisons: tt.rows, Weights: tt.weights}
			_, err := estimators.Fit(p, nil)
			var e *estimators.NoMLEError
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want a NoMLEError", err)
			}
			if !slices.Equal(e.Winners, tt.winners) {
				t.Errorf("winners %v, want %v (%v)", e.Winners, tt.winners, err)
			}
			// Regularization makes the MLE exist.
			p.Lambda = 0.1
			res, err := estimators.Fit(p, nil)
			if err != nil {
				t.Fatal(err)
			}
			if e := maxAbs(foc(p, res.Rewards)); e > 1e-9 && tt.weights == nil {
				t.Errorf("λ = 0.1: first-order condition violated by %g", e)
			}
		})
	}
}

func TestNoComparisons(t *testing.T) {
	p := &estimators.Problem{N: 3, Comparisons: []estimators.Comparison{{A: 0, B: 1, P: 0.5}}}
	var e *estimators.NoComparisonsError
	if _, err := estimators.Fit(p, nil); !errors.As(err, &e) || e.Index != 2 {
		t.Fatalf("got %v, want NoComparisonsError for 2", err)
	}
	p.Lambda = 1
	res, err := estimators.Fit(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Rewards[2] != 0 {
		t.Errorf("an alternative with no comparisons has reward %v at λ > 0, want 0", res.Rewards[2])
	}
}

func TestInvalidProblems(t *testing.T) {
	ok := []estimators.Comparison{{A: 0, B: 1, P: 0.5}}
	tests := []struct {
		name string
		p    estimators.Problem
	}{
		{"no alternatives", estimators.Problem{}},
		{"negative lambda", estimators.Problem{N: 2, Comparisons: ok, Lambda: -1}},
		{"NaN lambda", estimators.Problem{N: 2, Comparisons: ok, Lambda: math.NaN()}},
		{"index out of range", estimators.Problem{N: 2, Comparisons: []estimators.Comparison{{A: 0, B: 2, P: 0.5}}}},
		{"self comparison", estimators.Problem{N: 2, Comparisons: []estimators.Comparison{{A: 1, B: 1, P: 0.5}}}},
		{"P above 1", estimators.Problem{N: 2, Comparisons: []estimators.Comparison{{A: 0, B: 1, P: 1.5}}}},
		{"negative count", estimators.Problem{N: 2, Comparisons: []estimators.Comparison{{A: 0, B: 1, P: 1, Count: -1}}}},
		{"wrong number of weights", estimators.Problem{N: 2, Comparisons: ok, Weights: []float64{1}}},
		{"negative weight", estimators.Problem{N: 2, Comparisons: ok, Weights: []float64{1, -1}}},
		{"zero weights", estimators.Problem{N: 2, Comparisons: ok, Weights: []float64{0, 0}}},
	}
	for _, tt := range tests {
		if _, err := estimators.Fit(&tt.p, nil); err == nil {
			t.Errorf("%s: no error", tt.name)
		}
	}
}

// Weights over three orders of magnitude make the Hessian so badly
// conditioned that conjugate gradients can stall in rounding near the
// optimum (this instance did); the fit must still converge.
func TestBadlyConditionedWeights(t *testing.T) {
	const seed = 152
	rng := rand.New(rand.NewPCG(seed, 1))
	pts := reference.UniformPoints(60, 2, seed)
	rows := reference.Sufficient(pts, reference.ThreeLinearTypes(2))
	w := make([]float64, len(pts))
	for i := range w {
		w[i] = math.Pow(10, -6*rng.Float64()*rng.Float64())
	}
	for _, m := range methods {
		p := &estimators.Problem{N: len(pts), Comparisons: rows, Weights: w}
		r := fit(t, p, m)
		if e := maxAbs(foc(p, r)); e > 1e-9 {
			t.Errorf("%v: first-order condition violated by %g", m, e)
		}
	}
}

// On an evenly spread M the Voronoi weights are uniform, and the weighted
// MLE with λ equals the standard MLE with λ·m.
func TestEvenlySpreadEstimatorsAgree(t *testing.T) {
	const m, lambda = 25, 0.07
	pts := make([][]float64, m)
	for i := range pts {
		pts[i] = []float64{(float64(i) + 0.5) / m}
	}
	rows := reference.Sufficient(pts, reference.ThreeLinearTypes(1))
	w, err := weights.Voronoi{Space: weights.UnitCube{}}.Weights(pts)
	if err != nil {
		t.Fatal(err)
	}
	rw := fit(t, &estimators.Problem{N: m, Comparisons: rows, Weights: w, Lambda: lambda}, estimators.Auto)
	rs := fit(t, &estimators.Problem{N: m, Comparisons: rows, Lambda: lambda * m}, estimators.Auto)
	for i := range rw {
		if math.Abs(rw[i]-rs[i]) > 1e-10 {
			t.Errorf("alternative %d: weighted %v, standard %v", i, rw[i], rs[i])
		}
	}
}
