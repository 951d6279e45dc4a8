package estimators

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// randomProblem returns n alternatives with random comparisons: every pair
// once with a fractional P if dense, otherwise rows sampled with repetition,
// with P in {0, 1} and random counts.
func randomProblem(n int, dense, weighted bool, lambda float64, seed uint64) *Problem {
	rng := rand.New(rand.NewPCG(seed, 3))
	p := &Problem{N: n, Lambda: lambda}
	if dense {
		for a := range n {
			for b := a + 1; b < n; b++ {
				p.Comparisons = append(p.Comparisons, Comparison{A: a, B: b, P: rng.Float64()})
			}
		}
	} else {
		for range 4 * n {
			a, b := rng.IntN(n), rng.IntN(n-1)
			if b >= a {
				b++
			}
			p.Comparisons = append(p.Comparisons, Comparison{A: a, B: b, P: float64(rng.IntN(2)), Count: float64(1 + rng.IntN(3))})
		}
	}
	if weighted {
		p.Weights = make([]float64, n)
		for i := range p.Weights {
			p.Weights[i] = 0.1 + rng.Float64()
		}
	}
	return p
}

func TestDerivativesAgainstFiniteDifferences(t *testing.T) {
	for _, dense := range []bool{true, false} {
		for _, weighted := range []bool{false, true} {
			for _, lambda := range []float64{0, 0.7} {
				name := fmt.Sprintf("dense=%v/weighted=%v/lambda=%v", dense, weighted, lambda)
				t.Run(name, func(t *testing.T) {
					const n = 9
					prob := randomProblem(n, dense, weighted, lambda, 11)
					w, err := prob.validate()
					if err != nil {
						t.Fatal(err)
					}
					o, _, _ := prob.objective(w)
					rng := rand.New(rand.NewPCG(5, 5))
					r := make([]float64, n)
					for i := range r {
						r[i] = 2 * rng.NormFloat64()
					}
					f := func(x []float64) float64 { return o.eval(make([]float64, n), x) }
					grad := func(dst, x []float64) { o.eval(dst, x) }

					g := make([]float64, n)
					l := o.eval(g, r)
					gfd := fd.Gradient(nil, f, r, &fd.Settings{Formula: fd.Central})
					if !floats.EqualApprox(g, gfd, 1e-6*math.Max(1, math.Abs(l))) {
						t.Errorf("gradient\n got %v\nwant %v", g, gfd)
					}

					// The Hessian of L is the Jacobian of its gradient.
					jac := mat.NewDense(n, n, nil)
					fd.Jacobian(jac, grad, r, &fd.JacobianSettings{Formula: fd.Central})
					o.eval(g, r) // restore the row curvatures at r
					h := mat.NewSymDense(n, nil)
					raw := h.RawSymmetric()
					o.hessDense(raw.Data, raw.Stride)
					if !mat.EqualApprox(h, jac, 1e-6) {
						t.Errorf("Hessian\n got %v\nwant %v", mat.Formatted(h), mat.Formatted(jac))
					}

					v := make([]float64, n)
					for i := range v {
						v[i] = rng.NormFloat64()
					}
					hv, want := make([]float64, n), mat.NewVecDense(n, nil)
					o.hessVec(hv, v)
					want.MulVec(h, mat.NewVecDense(n, v))
					if !floats.EqualApprox(hv, want.RawVector().Data, 1e-12) {
						t.Errorf("Hessian-vector product\n got %v\nwant %v", hv, want.RawVector().Data)
					}
					diag := make([]float64, n)
					o.hessDiag(diag)
					for i := range n {
						if math.Abs(diag[i]-h.At(i, i)) > 1e-12 {
							t.Errorf("Hessian diagonal %d: got %v, want %v", i, diag[i], h.At(i, i))
						}
					}
				})
			}
		}
	}
}

// The objective must give the same bits whatever the number of chunks run
// in parallel, since the chunks are fixed by the number of rows.
func TestObjectiveChunksAreDeterministic(t *testing.T) {
	prob := randomProblem(300, true, true, 0.1, 2) // 44850 rows: 6 chunks
	w, _ := prob.validate()
	o, _, _ := prob.objective(w)
	if len(o.part) < 2 {
		t.Fatalf("want several chunks, got %d", len(o.part))
	}
	r := make([]float64, o.n)
	for i := range r {
		r[i] = math.Sin(float64(i))
	}
	g1, g2 := make([]float64, o.n), make([]float64, o.n)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	l1 := o.eval(g1, r)
	runtime.GOMAXPROCS(4)
	l2 := o.eval(g2, r)
	if l1 != l2 || !floats.Equal(g1, g2) {
		t.Errorf("evaluations on 1 and 4 processors differ: L %v vs %v", l1, l2)
	}
}
