package weights

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/floats"
)

// blockSamples is the number of Monte Carlo points drawn from one random
// stream. Block b uses the stream PCG(seed, b), so the points do not depend on
// how blocks are shared among goroutines, and integer counts add up exactly
// in any order.
const blockSamples = 1 << 12

// monteCarlo estimates the Voronoi weights of points in box from n uniform
// samples.
func monteCarlo(points [][]float64, box Box, n int, seed uint64) []float64 {
	d := len(box.Low)
	sites, group := distinct(points)
	// Coordinates are centred on the box so that the distance expansion in
	// nearest keeps its precision far from the origin.
	centre := make([]float64, d)
	for k := range d {
		centre[k] = (box.Low[k] + box.High[k]) / 2
	}
	ns := newNearestSites(points, sites, centre)

	blocks := (n + blockSamples - 1) / blockSamples
	workers := min(runtime.GOMAXPROCS(0), blocks)
	counts := make([][]int64, workers)
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		counts[w] = make([]int64, len(sites))
		wg.Go(func() {
			q := make([]float64, d)
			scratch := make([]float64, len(sites))
			for b := int(next.Add(1) - 1); b < blocks; b = int(next.Add(1) - 1) {
				rng := rand.New(rand.NewPCG(seed, uint64(b)))
				for range min(blockSamples, n-b*blockSamples) {
					for k := range q {
						q[k] = box.Low[k] - centre[k] + (box.High[k]-box.Low[k])*rng.Float64()
					}
					counts[w][ns.nearest(q, scratch)]++
				}
			}
		})
	}
	wg.Wait()

	weights := make([]float64, len(points))
	for s, members := range group {
		var c int64
		for w := range counts {
			c += counts[w][s]
		}
		share := float64(c) / float64(n) / float64(len(members))
		for _, i := range members {
			weights[i] = share
		}
	}
	return weights
}

// distinct returns one representative index per distinct point and, for
// each, the indices of all its copies.
func distinct(points [][]float64) (sites []int, group [][]int) {
	order := make([]int, len(points))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return slices.Compare(points[i], points[j]) })
	for k, i := range order {
		if k == 0 || !slices.Equal(points[i], points[order[k-1]]) {
			sites = append(sites, i)
			group = append(group, nil)
		}
		group[len(group)-1] = append(group[len(group)-1], i)
	}
	return sites, group
}

// nearestSites finds the nearest of a set of sites by brute force:
//
//	argmin_j |q − p_j|² = argmin_j (|p_j|²/2 − q·p_j),
//
// computed for all j at once with d vectorised AXPYs over the sites'
// coordinates. At the sizes of the Voronoi benchmark (m = 1000, d = 8) this is
// about 5 times as fast as a query of gonum's k-d tree (see BenchmarkNearest):
// in 8 dimensions a k-d tree prunes little.
type nearestSites struct {
	coord    [][]float64 // coord[k][j]: coordinate k of site j
	halfNorm []float64   // |p_j|²/2
}

func newNearestSites(points [][]float64, sites []int, centre []float64) *nearestSites {
	ns := &nearestSites{coord: make([][]float64, len(centre)), halfNorm: make([]float64, len(sites))}
	for k := range ns.coord {
		ns.coord[k] = make([]float64, len(sites))
		for j, i := range sites {
			x := points[i][k] - centre[k]
			ns.coord[k][j] = x
			ns.halfNorm[j] += x * x / 2
		}
	}
	return ns
}

// nearest returns the index of the site nearest to q, the first one on ties;
// scratch has one element per site.
func (ns *nearestSites) nearest(q, scratch []float64) int {
	floats.AddScaledTo(scratch, ns.halfNorm, -q[0], ns.coord[0])
	for k := 1; k < len(q); k++ {
		floats.AddScaled(scratch, -q[k], ns.coord[k])
	}
	best, bestIdx := scratch[0], 0
	for j := 1; j < len(scratch); j++ {
		if scratch[j] >= best {
			continue
		}
		best, bestIdx = scratch[j], j
	}
	return bestIdx
}
