package estimators

import (
	"math"
	"runtime"
	"sync"
	"sync/atomic"
)

// row is a comparison between two alternatives of positive weight, reduced
// to what the objective needs.
type row struct {
	a, b int32
	p    float64
	cw   float64 // count · ω_ab
}

// Rows are processed in at most maxChunks chunks of at least minChunkRows
// rows. The split depends on the number of rows only, and partial sums are
// added in chunk order, so a fit gives the same bits on any number of cores.
const (
	minChunkRows = 1 << 13
	maxChunks    = 16
)

// objective is the L of Fit restricted to the alternatives of positive
// weight, renumbered 0, …, n−1.
type objective struct {
	n      int
	rows   []row
	nu     []float64
	lambda float64

	h     []float64   // c·ω·σ'(r_a − r_b) of each row at the last evaluation
	part  [][]float64 // one accumulator of length n per chunk
	partL []float64
}

func newObjective(n int, rows []row, nu []float64, lambda float64) *objective {
	chunks := (len(rows) + minChunkRows - 1) / minChunkRows
	chunks = max(1, min(chunks, maxChunks))
	o := &objective{
		n:      n,
		rows:   rows,
		nu:     nu,
		lambda: lambda,
		h:      make([]float64, len(rows)),
		part:   make([][]float64, chunks),
		partL:  make([]float64, chunks),
	}
	for k := range o.part {
		o.part[k] = make([]float64, n)
	}
	return o
}

func (o *objective) chunk(k int) (lo, hi int) {
	c := len(o.part)
	return k * len(o.rows) / c, (k + 1) * len(o.rows) / c
}

// parallel runs f(k) for every chunk k, on as many goroutines as there are
// processors.
func (o *objective) parallel(f func(k int)) {
	chunks := len(o.part)
	workers := min(runtime.GOMAXPROCS(0), chunks)
	if workers == 1 {
		for k := range chunks {
			f(k)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < chunks; k = int(next.Add(1) - 1) {
				f(k)
			}
		})
	}
	wg.Wait()
}

// sum stores the chunk accumulators' total in dst, in chunk order.
func (o *objective) sum(dst []float64) {
	copy(dst, o.part[0])
	for _, acc := range o.part[1:] {
		for i, v := range acc {
			dst[i] += v
		}
	}
}

// RowLoss returns the loss of a comparison row won by a in a fraction p,
// as a function of d = r_a − r_b, with its first and second derivatives:
//
//	nll = −[p log σ(d) + (1 − p) log σ(−d)],  slope = σ(d) − p,  curv = σ(d)·σ(−d).
//
// One exponential gives all three, stably for either sign of d.
func RowLoss(d, p float64) (nll, slope, curv float64) {
	e := math.Exp(-math.Abs(d))
	sig := 1 / (1 + e)
	if d < 0 {
		sig = e / (1 + e)
	}
	// −[p log σ(d) + (1−p) log σ(−d)] = log(1+e^(−|d|)) + max(d, 0) − p·d.
	return math.Log1p(e) + max(d, 0) - p*d, sig - p, e / ((1 + e) * (1 + e))
}

// eval returns L(r), stores ∇L(r) in grad and records each row's curvature
// for later Hessian products.
func (o *objective) eval(grad, r []float64) float64 {
	o.parallel(func(k int) {
		acc := o.part[k]
		clear(acc)
		lo, hi := o.chunk(k)
		var l float64
		for i := lo; i < hi; i++ {
			rw := &o.rows[i]
			nll, slope, curv := RowLoss(r[rw.a]-r[rw.b], rw.p)
			l += rw.cw * nll
			g := rw.cw * slope
			acc[rw.a] += g
			acc[rw.b] -= g
			o.h[i] = rw.cw * curv
		}
		o.partL[k] = l
	})
	o.sum(grad)
	var l, reg float64
	for _, v := range o.partL {
		l += v
	}
	if o.lambda > 0 {
		for i, ri := range r {
			reg += o.nu[i] * ri * ri
			grad[i] += o.lambda * o.nu[i] * ri
		}
	}
	return l + o.lambda/2*reg
}

// hessVec stores H·v in dst, H the Hessian at the last evaluation.
func (o *objective) hessVec(dst, v []float64) {
	o.parallel(func(k int) {
		acc := o.part[k]
		clear(acc)
		lo, hi := o.chunk(k)
		for i := lo; i < hi; i++ {
			rw := &o.rows[i]
			t := o.h[i] * (v[rw.a] - v[rw.b])
			acc[rw.a] += t
			acc[rw.b] -= t
		}
	})
	o.sum(dst)
	for i := range dst {
		dst[i] += o.lambda * o.nu[i] * v[i]
	}
}

// hessDiag stores the diagonal of the Hessian at the last evaluation in dst.
func (o *objective) hessDiag(dst []float64) {
	for i := range dst {
		dst[i] = o.lambda * o.nu[i]
	}
	for i, rw := range o.rows {
		dst[rw.a] += o.h[i]
		dst[rw.b] += o.h[i]
	}
}

// hessDense stores the Hessian at the last evaluation in the upper triangle
// of the row-major n×n array dst.
func (o *objective) hessDense(dst []float64, stride int) {
	for i := range o.n {
		clear(dst[i*stride+i : i*stride+o.n])
		dst[i*stride+i] = o.lambda * o.nu[i]
	}
	for k, rw := range o.rows {
		a, b := int(rw.a), int(rw.b)
		h := o.h[k]
		dst[a*stride+a] += h
		dst[b*stride+b] += h
		dst[min(a, b)*stride+max(a, b)] -= h
	}
}
