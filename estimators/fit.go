package estimators

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// Fit returns the rewards r that minimise
//
//	L(r) = − Σ_rows c·ω_ab·[p log σ(r_a − r_b) + (1 − p) log σ(r_b − r_a)] + (λ/2) Σ_i ν_i r_i²
//
// over the comparison rows (a, b, p, c) of prob, where σ(t) = 1/(1 + e^(−t)).
// The standard MLE (the paper's Eq. 1, prob.Weights nil) has ω_ab = 1 and
// ν_i = 1; the weighted MLE (Eq. 2) has ω_ab = w_a·w_b and ν_i = w_i, with w
// the normalised weights. With sufficient comparisons (one row per unordered
// pair, c = 1) L is exactly Eq. 1 or Eq. 2. The two λ's are on different
// scales: with uniform weights Eq. 2 is Eq. 1 divided by N², with
// λ_Eq1 = N·λ_Eq2.
//
// With λ > 0, L is strictly convex and its minimiser unique. With λ = 0 the
// rewards are defined up to a constant, which Fit fixes by Σ_i ν_i r_i = 0;
// the minimiser exists only if every set of alternatives is beaten at least
// once by an alternative outside it (the comparison graph is strongly
// connected). Otherwise Fit returns a *NoMLEError, and a
// *NoComparisonsError for an alternative with no comparisons at all.
//
// An alternative of weight 0 takes no part in L. Its reward is the root of
// its own first-order condition with the other rewards fixed,
//
//	Σ_{rows ∋ x} c·w_y·[σ(r_x − r_y) − p(x ≻ y)] + λ r_x = 0.
//
// Fit runs Newton's method with a backtracking line search from r = 0, each
// step solved as settings.Method says, and stops when the residual
//
//	max_x |∂L/∂r_x| / (ν_x · max(1, n_x)),   n_x = Σ_{rows ∋ x} c·ω_ab / ν_x,
//
// is at most settings.Tolerance. ∂L/∂r_x / ν_x is the first-order condition
// as a weighted win-rate identity: with sufficient comparisons and the
// weighted MLE it is Σ_y w_y [σ(r_x − r_y) − p(x ≻ y)] + λ r_x, and n_x ≤ 1.
// For the standard MLE, n_x counts the comparisons of x and the residual is
// the same identity per comparison, as with uniform weights.
func Fit(prob *Problem, settings *Settings) (*Result, error) {
	w, err := prob.validate()
	if err != nil {
		return nil, err
	}
	s := Settings{}
	if settings != nil {
		s = *settings
	}
	if s.Tolerance == 0 {
		s.Tolerance = 1e-10
	}
	if s.MaxIterations == 0 {
		s.MaxIterations = 100
	}

	o, active, alone := prob.objective(w)
	n := o.n
	if prob.Lambda == 0 && n > 1 {
		if err := checkExistence(n, o.rows, activeIndex(active, n)); err != nil {
			return nil, err
		}
	}
	r := make([]float64, n)
	method := s.Method
	if method == Auto {
		method = HessianFree
		if n <= 1000 && len(o.rows) >= 50*n*n {
			method = Dense
		}
	}
	res := &Result{Method: method}
	if n > 1 || prob.Lambda > 0 {
		if err := o.newton(r, method, s, res); err != nil {
			return nil, err
		}
	}

	res.Rewards = make([]float64, prob.N)
	for i, j := range active {
		if j >= 0 {
			res.Rewards[i] = r[j]
		}
	}
	for i, j := range active {
		if j >= 0 {
			continue
		}
		ri, err := solveAlone(i, alone[i], res.Rewards, prob.Lambda, s.Tolerance)
		if err != nil {
			return nil, err
		}
		res.Rewards[i] = ri
	}
	for i, r := range res.Rewards {
		if math.IsNaN(r) || math.IsInf(r, 0) {
			return nil, fmt.Errorf("estimators: reward of alternative %d is %v: the data or λ are too extreme for float64", i, r)
		}
	}
	res.Weights = w
	if w == nil {
		res.Weights = make([]float64, prob.N)
		for i := range res.Weights {
			res.Weights[i] = 1 / float64(prob.N)
		}
	}
	return res, nil
}

// objective returns the objective of p over its alternatives of positive
// weight, renumbered 0, …, n−1 (active[i] is i's number, or −1), and the
// comparisons of each zero-weight alternative with the others. w are the
// normalised weights, nil for the standard MLE.
func (p *Problem) objective(w []float64) (o *objective, active []int, alone map[int][]aloneRow) {
	nu := w
	if nu == nil {
		nu = make([]float64, p.N)
		for i := range nu {
			nu[i] = 1
		}
	}
	active = make([]int, p.N)
	var activeNu []float64
	for i, v := range nu {
		active[i] = -1
		if v > 0 {
			active[i] = len(activeNu)
			activeNu = append(activeNu, v)
		}
	}
	rows := make([]row, 0, len(p.Comparisons))
	alone = make(map[int][]aloneRow)
	for _, c := range p.Comparisons {
		count := c.Count
		if count == 0 {
			count = 1
		}
		ja, jb := active[c.A], active[c.B]
		switch {
		case ja >= 0 && jb >= 0:
			omega := 1.0
			if w != nil {
				omega = w[c.A] * w[c.B]
			}
			rows = append(rows, row{a: int32(ja), b: int32(jb), p: c.P, cw: count * omega})
		case ja >= 0:
			alone[c.B] = append(alone[c.B], aloneRow{y: c.A, p: 1 - c.P, cw: count * w[c.A]})
		case jb >= 0:
			alone[c.A] = append(alone[c.A], aloneRow{y: c.B, p: c.P, cw: count * w[c.B]})
		}
	}
	return newObjective(len(activeNu), rows, activeNu, p.Lambda), active, alone
}

// activeIndex inverts the renumbering of alternatives of positive weight.
func activeIndex(active []int, n int) []int {
	orig := make([]int, n)
	for i, j := range active {
		if j >= 0 {
			orig[j] = i
		}
	}
	return orig
}

// newton minimises o from r, which it overwrites with the minimiser.
func (o *objective) newton(r []float64, method Method, s Settings, res *Result) error {
	n := o.n
	// scale turns a gradient into the residual of Fit's doc comment.
	scale := make([]float64, n)
	for _, rw := range o.rows {
		scale[rw.a] += rw.cw
		scale[rw.b] += rw.cw
	}
	for i := range scale {
		scale[i] = 1 / (o.nu[i] * max(1, scale[i]/o.nu[i]))
	}
	residual := func(g []float64) float64 {
		var m float64
		for i, v := range g {
			m = max(m, math.Abs(v)*scale[i])
		}
		return m
	}

	g := make([]float64, n)
	gTrial := make([]float64, n)
	trial := make([]float64, n)
	step := make([]float64, n)
	var dense *denseStep
	var cg *cgStep
	if method == Dense {
		dense = newDenseStep(o)
	} else {
		cg = newCGStep(o, scale)
	}

	l := o.eval(g, r)
	for iter := 0; ; iter++ {
		res.Iterations = iter
		res.Residual = residual(g)
		if res.Residual <= s.Tolerance {
			return nil
		}
		if iter == s.MaxIterations {
			return fmt.Errorf("%w after %d iterations: residual %.3g > tolerance %.3g", ErrNotConverged, iter, res.Residual, s.Tolerance)
		}
		solved := false
		if cg != nil {
			k, rel := cg.solve(step, g, min(0.1, res.Residual))
			res.CGIterations += k
			solved = rel <= 0.5 && floats.Dot(g, step) < 0
			// Conjugate gradients can stall in rounding on a badly
			// conditioned Hessian (weights over orders of magnitude, near
			// the optimum); if they do not even halve the residual, or
			// give no descent direction, a factorization takes the step.
			if !solved && n <= denseFallbackLimit && dense == nil {
				dense = newDenseStep(o)
			}
		}
		if !solved && dense != nil {
			if err := dense.solve(step, g); err != nil {
				return err
			}
		}
		slope := floats.Dot(g, step)
		if !(slope < 0) {
			return fmt.Errorf("estimators: Newton step is not a descent direction (slope %g) at residual %.3g", slope, res.Residual)
		}
		// Armijo backtracking, allowing for rounding in L near the optimum.
		slack := 1e-12 * math.Abs(l)
		t := 1.0
		for {
			floats.AddScaledTo(trial, r, t, step)
			lt := o.eval(gTrial, trial)
			if lt <= l+1e-4*t*slope+slack {
				l = lt
				break
			}
			t /= 2
			if t < 1e-20 {
				return errors.New("estimators: line search failed to decrease the objective")
			}
		}
		copy(r, trial)
		g, gTrial = gTrial, g
		if o.lambda == 0 {
			// L does not see the constant; keep Σ ν_i r_i = 0.
			shift := floats.Dot(o.nu, r) / floats.Sum(o.nu)
			for i := range r {
				r[i] -= shift
			}
		}
	}
}

// denseStep solves Newton steps by a Cholesky factorization of the exact
// Hessian.
type denseStep struct {
	o    *objective
	h    *mat.SymDense
	chol mat.Cholesky
}

func newDenseStep(o *objective) *denseStep {
	return &denseStep{o: o, h: mat.NewSymDense(o.n, nil)}
}

// solve stores the Newton step −H⁻¹g in dst. With λ = 0, H is singular
// along the constant vector 1 and g ⟂ 1; the step of H + α·ν·νᵀ is then the
// one step of H with νᵀ·step = 0.
func (d *denseStep) solve(dst, g []float64) error {
	o := d.o
	raw := d.h.RawSymmetric()
	o.hessDense(raw.Data, raw.Stride)
	if o.lambda == 0 {
		var trace float64
		for i := range o.n {
			trace += raw.Data[i*raw.Stride+i]
		}
		alpha := trace / (float64(o.n) * floats.Dot(o.nu, o.nu))
		for i := range o.n {
			rowi := raw.Data[i*raw.Stride : i*raw.Stride+o.n]
			for j := i; j < o.n; j++ {
				rowi[j] += alpha * o.nu[i] * o.nu[j]
			}
		}
	}
	if ok := d.chol.Factorize(d.h); !ok {
		return errors.New("estimators: Hessian is not positive definite")
	}
	x := mat.NewVecDense(o.n, dst)
	if err := d.chol.SolveVecTo(x, mat.NewVecDense(o.n, g)); err != nil {
		return fmt.Errorf("estimators: Newton step: %w", err)
	}
	floats.Scale(-1, dst)
	return nil
}

// cgStep solves Newton steps by conjugate gradients preconditioned with the
// Hessian's diagonal, stopping when the residual of the linear system,
// measured like Fit's residual, falls below eta times that of g.
type cgStep struct {
	o                *objective
	scale            []float64
	diag, r, z, p, q []float64
}

func newCGStep(o *objective, scale []float64) *cgStep {
	n := o.n
	return &cgStep{o: o, scale: scale,
		diag: make([]float64, n), r: make([]float64, n), z: make([]float64, n),
		p: make([]float64, n), q: make([]float64, n)}
}

func (c *cgStep) norm(v []float64) float64 {
	var m float64
	for i, x := range v {
		m = max(m, math.Abs(x)*c.scale[i])
	}
	return m
}

// denseFallbackLimit is the largest number of alternatives for which a
// Newton step that conjugate gradients fail to solve is solved by a
// factorization instead (memory 8·N² bytes).
const denseFallbackLimit = 4000

// solve stores an approximate Newton step in dst and returns the number of
// iterations and the residual of the linear system relative to g's. A
// singular H (λ = 0) is fine: g lies in its range.
func (c *cgStep) solve(dst, g []float64, eta float64) (int, float64) {
	o := c.o
	o.hessDiag(c.diag)
	for i, v := range c.diag {
		if !(v > 0) {
			c.diag[i] = 1 // an alternative whose every comparison is saturated
		}
	}
	clear(dst)
	for i := range g {
		c.r[i] = -g[i]
		c.z[i] = c.r[i] / c.diag[i]
	}
	copy(c.p, c.z)
	rz := floats.Dot(c.r, c.z)
	target := eta * c.norm(g)
	maxIter := max(100, 10*o.n)
	k := 0
	for k < maxIter {
		k++
		o.hessVec(c.q, c.p)
		pq := floats.Dot(c.p, c.q)
		if !(pq > 0) {
			return k, c.norm(c.r) / c.norm(g)
		}
		alpha := rz / pq
		floats.AddScaled(dst, alpha, c.p)
		floats.AddScaled(c.r, -alpha, c.q)
		if c.norm(c.r) <= target {
			return k, c.norm(c.r) / c.norm(g)
		}
		for i, v := range c.r {
			c.z[i] = v / c.diag[i]
		}
		rzNew := floats.Dot(c.r, c.z)
		beta := rzNew / rz
		rz = rzNew
		for i, v := range c.z {
			c.p[i] = v + beta*c.p[i]
		}
	}
	return k, c.norm(c.r) / c.norm(g)
}
