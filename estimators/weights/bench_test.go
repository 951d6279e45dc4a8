package weights

import (
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/spatial/kdtree"
)

func randomPoints(m, d int, seed uint64) [][]float64 {
	rng := rand.New(rand.NewPCG(seed, 0))
	pts := make([][]float64, m)
	for i := range pts {
		pts[i] = make([]float64, d)
		for k := range pts[i] {
			pts[i][k] = rng.Float64()
		}
	}
	return pts
}

// BenchmarkVoronoi is the case: N = 10⁶ samples, m = 1000, d = 8.
func BenchmarkVoronoi(b *testing.B) {
	pts := randomPoints(1000, 8, 1)
	v := Voronoi{Space: UnitCube{}, Samples: 1_000_000, Seed: 1}
	for b.Loop() {
		if _, err := v.Weights(pts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNearest compares the nearest-site search of monteCarlo with
// gonum's k-d tree on the queries of BenchmarkVoronoi, on one core.
func BenchmarkNearest(b *testing.B) {
	const m, d, queries = 1000, 8, 100_000
	pts := randomPoints(m, d, 1)
	qs := randomPoints(queries, d, 2)
	b.Run("brute", func(b *testing.B) {
		sites := make([]int, m)
		for i := range sites {
			sites[i] = i
		}
		ns := newNearestSites(pts, sites, make([]float64, d))
		scratch := make([]float64, m)
		for b.Loop() {
			for _, q := range qs {
				ns.nearest(q, scratch)
			}
		}
	})
	b.Run("kdtree", func(b *testing.B) {
		kp := make(kdtree.Points, m)
		for i, p := range pts {
			kp[i] = kdtree.Point(p)
		}
		tree := kdtree.New(kp, false)
		for b.Loop() {
			for _, q := range qs {
				tree.Nearest(kdtree.Point(q))
			}
		}
	})
}
