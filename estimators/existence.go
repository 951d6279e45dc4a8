package estimators

import (
	"fmt"
	"math"
)

// checkExistence reports whether the unregularized MLE over n alternatives
// exists: it does if and only if the directed graph with an edge from each
// winner to each loser is strongly connected. orig maps the alternatives
// back to the caller's numbering for errors.
func checkExistence(n int, rows []row, orig []int) error {
	deg := make([]int, n)
	for _, rw := range rows {
		if rw.cw == 0 {
			continue
		}
		deg[rw.a]++
		deg[rw.b]++
	}
	for i, d := range deg {
		if d == 0 {
			return &NoComparisonsError{Index: orig[i]}
		}
	}
	// Everyone who transitively beat alternative 0 forms a set that no
	// outsider ever beat; everyone alternative 0 transitively beat forms a
	// set that never beat an outsider.
	if reached := reach(newBeats(n, rows, true)); !all(reached) {
		return noMLE(reached, orig, true)
	}
	if reached := reach(newBeats(n, rows, false)); !all(reached) {
		return noMLE(reached, orig, false)
	}
	return nil
}

// beats lists, compressed, the directed edges between alternatives that
// beat one another at least once.
type beats struct {
	start []int32
	to    []int32
}

// newBeats returns the edges from each loser to its winners if toWinner,
// and from each winner to its losers otherwise.
func newBeats(n int, rows []row, toWinner bool) beats {
	edges := func(rw row, add func(from, to int32)) {
		if rw.cw == 0 {
			return
		}
		if rw.p > 0 { // a beat b
			if toWinner {
				add(rw.b, rw.a)
			} else {
				add(rw.a, rw.b)
			}
		}
		if rw.p < 1 { // b beat a
			if toWinner {
				add(rw.a, rw.b)
			} else {
				add(rw.b, rw.a)
			}
		}
	}
	e := beats{start: make([]int32, n+1)}
	for _, rw := range rows {
		edges(rw, func(from, _ int32) { e.start[from+1]++ })
	}
	for i := range n {
		e.start[i+1] += e.start[i]
	}
	e.to = make([]int32, e.start[n])
	fill := append([]int32(nil), e.start[:n]...)
	for _, rw := range rows {
		edges(rw, func(from, to int32) {
			e.to[fill[from]] = to
			fill[from]++
		})
	}
	return e
}

// reach returns the alternatives reachable from alternative 0.
func reach(e beats) []bool {
	seen := make([]bool, len(e.start)-1)
	seen[0] = true
	stack := []int32{0}
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, u := range e.to[e.start[v]:e.start[v+1]] {
			if !seen[u] {
				seen[u] = true
				stack = append(stack, u)
			}
		}
	}
	return seen
}

func all(b []bool) bool {
	for _, v := range b {
		if !v {
			return false
		}
	}
	return true
}

// noMLE builds the error for a set that is not strongly connected to the
// rest; reachedWin says whether the reached set is the winning side.
func noMLE(reached []bool, orig []int, reachedWin bool) error {
	e := &NoMLEError{}
	for j, in := range reached {
		if in == reachedWin {
			e.Winners = append(e.Winners, orig[j])
		} else {
			e.Losers = append(e.Losers, orig[j])
		}
	}
	return e
}

// aloneRow is a comparison of a zero-weight alternative x with an
// alternative y of positive weight, seen from x.
type aloneRow struct {
	y  int
	p  float64 // fraction of the comparisons x won
	cw float64 // count · w_y
}

// solveAlone returns the root of x's first-order condition
//
//	f(r) = Σ c·w_y·[σ(r − r_y) − p] + λ r = 0
//
// given the rewards of the others. f is increasing, so a bracket followed by
// safeguarded Newton steps finds the root.
func solveAlone(x int, rows []aloneRow, rewards []float64, lambda, tol float64) (float64, error) {
	var wins, losses, total float64
	for _, rw := range rows {
		wins += rw.cw * rw.p
		losses += rw.cw * (1 - rw.p)
		total += rw.cw
	}
	if lambda == 0 {
		switch {
		case total == 0:
			return 0, &NoComparisonsError{Index: x}
		case wins == 0 || losses == 0:
			e := &NoMLEError{Winners: []int{x}}
			for _, rw := range rows {
				e.Losers = append(e.Losers, rw.y)
			}
			if wins == 0 {
				e.Winners, e.Losers = e.Losers, e.Winners
			}
			return 0, e
		}
	}
	f := func(r float64) (v, dv float64) {
		v, dv = lambda*r, lambda
		for _, rw := range rows {
			s := sigmoid(r - rewards[rw.y])
			v += rw.cw * (s - rw.p)
			dv += rw.cw * s * (1 - s)
		}
		return v, dv
	}
	// Bracket the root by doubling steps away from 0.
	lo, hi := -1.0, 1.0
	for fl, _ := f(lo); fl > 0; fl, _ = f(lo) {
		lo *= 2
	}
	for fh, _ := f(hi); fh < 0; fh, _ = f(hi) {
		hi *= 2
	}
	scale := max(1, total)
	r := (lo + hi) / 2
	for range 200 {
		v, dv := f(r)
		if math.Abs(v)/scale <= tol {
			return r, nil
		}
		if v > 0 {
			hi = r
		} else {
			lo = r
		}
		next := r - v/dv
		if !(next > lo && next < hi) {
			next = (lo + hi) / 2
		}
		if next == r {
			return r, nil
		}
		r = next
	}
	return 0, fmt.Errorf("%w: reward of zero-weight alternative %d", ErrNotConverged, x)
}

func sigmoid(t float64) float64 {
	if t >= 0 {
		return 1 / (1 + math.Exp(-t))
	}
	e := math.Exp(t)
	return e / (1 + e)
}
