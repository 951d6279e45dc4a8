package sim

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"gonum.org/v1/gonum/floats"

	"github.com/clonerobust/clonerobust/estimators/weights"
)

func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

var twoTypes = Population{
	{Share: 0.7, Reward: Linear{Coef: []float64{2, -1}}},
	{Share: 0.3, Reward: Bump{Center: []float64{0.5, 0.5}, Height: 3, Width: 0.2}},
}

func TestRewards(t *testing.T) {
	tests := []struct {
		name string
		r    Reward
		x    []float64
		want float64
	}{
		{"linear", Linear{Coef: []float64{2, -1}, Intercept: 0.5}, []float64{1, 3}, 2 - 3 + 0.5},
		{"bump centre", Bump{Center: []float64{1, 1}, Height: 3, Width: 0.5}, []float64{1, 1}, 3},
		{"bump one width away", Bump{Center: []float64{0}, Height: 2, Width: 0.5}, []float64{0.5}, 2 * math.Exp(-0.5)},
		{"bumps", Bumps{{Center: []float64{0}, Height: 1, Width: 1}, {Center: []float64{1}, Height: 2, Width: 1}}, []float64{0}, 1 + 2*math.Exp(-0.5)},
		{"table inside", Table{X: []float64{0, 1, 3}, Y: []float64{0, 2, 0}}, []float64{2}, 1},
		{"table at a point", Table{X: []float64{0, 1, 3}, Y: []float64{0, 2, 0}}, []float64{1}, 2},
		{"table left", Table{X: []float64{0, 1}, Y: []float64{5, 2}}, []float64{-3}, 5},
		{"table right", Table{X: []float64{0, 1}, Y: []float64{5, 2}}, []float64{4}, 2},
	}
	for _, tt := range tests {
		if got := tt.r.Reward(tt.x); math.Abs(got-tt.want) > 1e-15 {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
	if err := (Table{X: []float64{0, 0}, Y: []float64{1, 2}}).Check(); err == nil {
		t.Error("a table with repeated points passed Check")
	}
}

func TestPopulation(t *testing.T) {
	x, y := []float64{0.2, 0.9}, []float64{0.6, 0.4}
	want := 0.7/(1+math.Exp(-(2*0.2-0.9-(2*0.6-0.4)))) + 0.3/(1+math.Exp(-(twoTypes[1].Reward.Reward(x)-twoTypes[1].Reward.Reward(y))))
	if got := twoTypes.Prefer(x, y); math.Abs(got-want) > 1e-15 {
		t.Errorf("Prefer = %v, want %v", got, want)
	}
	if s := twoTypes.Prefer(x, y) + twoTypes.Prefer(y, x); math.Abs(s-1) > 1e-15 {
		t.Errorf("P(x≻y) + P(y≻x) = %v", s)
	}
	if got, want := twoTypes.Average(x), 0.7*(2*0.2-0.9)+0.3*twoTypes[1].Reward.Reward(x); got != want {
		t.Errorf("Average = %v, want %v", got, want)
	}
}

func TestCloneDistances(t *testing.T) {
	r := rng(1)
	for _, d := range []int{1, 2, 5} {
		x := make([]float64, d)
		const radius, n = 0.01, 20000
		var sum float64
		for range n {
			c := Clone(x, radius, r)
			var d2 float64
			for k := range c {
				d2 += (c[k] - x[k]) * (c[k] - x[k])
			}
			dist := math.Sqrt(d2)
			if dist > radius {
				t.Fatalf("d=%d: clone at distance %v > %v", d, dist, radius)
			}
			sum += dist
		}
		// Uniform in the d-ball, the distance has mean d/(d+1)·radius and
		// standard deviation below radius/√((d+1)²(d+2)/d) ≤ radius/2.
		want := float64(d) / float64(d+1) * radius
		if mean := sum / n; math.Abs(mean-want) > 4*radius/2/math.Sqrt(n) {
			t.Errorf("d=%d: mean distance %v, want %v", d, mean, want)
		}
	}
	if c := Clone([]float64{0.3, 0.4}, 0, r); !reflect.DeepEqual(c, []float64{0.3, 0.4}) {
		t.Errorf("radius 0 gave %v", c)
	}
}

// Sampled outcomes of a pair follow P(x ≻ y) within 4 standard errors.
func TestSampledFrequencies(t *testing.T) {
	pts := [][]float64{{0.1, 0.2}, {0.8, 0.3}, {0.5, 0.5}}
	rows := Sampled(pts, twoTypes, 300_000, rng(2))
	wins := make(map[[2]int]float64)
	counts := make(map[[2]int]float64)
	for _, c := range rows {
		if c.A == c.B {
			t.Fatal("a comparison of an alternative with itself")
		}
		a, b, won := c.A, c.B, c.P
		if a > b {
			a, b, won = b, a, 1-won
		}
		wins[[2]int{a, b}] += won
		counts[[2]int{a, b}]++
	}
	for pair, n := range counts {
		p := twoTypes.Prefer(pts[pair[0]], pts[pair[1]])
		if f := wins[pair] / n; math.Abs(f-p) > 4*math.Sqrt(p*(1-p)/n) {
			t.Errorf("pair %v: frequency %v, P = %v", pair, f, p)
		}
		// Pairs are uniform: each of the 3 pairs gets a third.
		if math.Abs(n/300_000-1.0/3) > 4*math.Sqrt(2.0/9/300_000) {
			t.Errorf("pair %v drawn %v times", pair, n)
		}
	}
}

func TestSeedsReproduce(t *testing.T) {
	box := weights.Box{Low: []float64{0, 0}, High: []float64{1, 1}}
	a, b := Uniform(box, 10, rng(3)), Uniform(box, 10, rng(3))
	if !reflect.DeepEqual(a, b) {
		t.Error("Uniform differs for one seed")
	}
	if reflect.DeepEqual(a, Uniform(box, 10, rng(4))) {
		t.Error("Uniform does not depend on the seed")
	}
	if !reflect.DeepEqual(Sampled(a, twoTypes, 100, rng(5)), Sampled(a, twoTypes, 100, rng(5))) {
		t.Error("Sampled differs for one seed")
	}
	themes := []Theme{{Name: "food", Center: []float64{0, 0}, Count: 3, Spread: 0.1}, {Name: "art", Center: []float64{1, 1}, Count: 2, Spread: 0.1}}
	p1, l1 := Clusters(themes, rng(6))
	p2, _ := Clusters(themes, rng(6))
	if !reflect.DeepEqual(p1, p2) || !reflect.DeepEqual(l1, []string{"food", "food", "food", "art", "art"}) {
		t.Errorf("Clusters: labels %v", l1)
	}
}

func TestUniformInBox(t *testing.T) {
	box := weights.Box{Low: []float64{-1, 2}, High: []float64{0, 5}}
	for _, p := range Uniform(box, 1000, rng(7)) {
		for k, v := range p {
			if v < box.Low[k] || v >= box.High[k] {
				t.Fatalf("point %v outside %v", p, box)
			}
		}
	}
}

func TestExact(t *testing.T) {
	pts := [][]float64{{0, 0}, {1, 0}, {0, 1}}
	rows := Exact(pts, twoTypes)
	if len(rows) != 3 {
		t.Fatalf("%d rows, want 3", len(rows))
	}
	for _, c := range rows {
		if c.A >= c.B || c.Count != 1 || c.P != twoTypes.Prefer(pts[c.A], pts[c.B]) {
			t.Errorf("row %+v", c)
		}
	}
}

func TestEmbeddings(t *testing.T) {
	r := rng(8)
	dirs := Directions(3, 16, r)
	for i := range dirs {
		for j := range dirs {
			want := 0.0
			if i == j {
				want = 1
			}
			if got := floats.Dot(dirs[i], dirs[j]); math.Abs(got-want) > 1e-12 {
				t.Errorf("directions %d·%d = %v, want %v", i, j, got, want)
			}
		}
	}
	near := Near(dirs[0], 0.97, r)
	if c := floats.Dot(near, dirs[0]); math.Abs(c-0.97) > 1e-12 || math.Abs(floats.Norm(near, 2)-1) > 1e-12 {
		t.Errorf("Near: cosine %v, norm %v", c, floats.Norm(near, 2))
	}
	// With noise σ in 16 dimensions an answer's cosine to its theme is
	// about 1/√(1+σ²).
	answers := Embed(dirs[1], 2000, 0.3, r)
	var mean float64
	for _, a := range answers {
		if math.Abs(floats.Norm(a, 2)-1) > 1e-12 {
			t.Fatal("an answer is not of unit length")
		}
		mean += floats.Dot(a, dirs[1]) / 2000
	}
	if want := 1 / math.Sqrt(1+0.09); math.Abs(mean-want) > 0.01 {
		t.Errorf("mean cosine to the theme %v, want about %v", mean, want)
	}
}

// The share of Corner's points in the corner box is fraction plus the
// uniform part's share of it, and CornerDensity integrates to 1.
func TestCorner(t *testing.T) {
	box := weights.Box{Low: []float64{0, 0}, High: []float64{2, 2}}
	const n, fraction, size = 100_000, 0.8, 0.25
	in := 0
	for _, p := range Corner(box, n, fraction, size, rng(9)) {
		if p[0] <= 0.5 && p[1] <= 0.5 {
			in++
		}
	}
	want := fraction + (1-fraction)*size*size
	if got := float64(in) / n; math.Abs(got-want) > 4*math.Sqrt(want*(1-want)/n) {
		t.Errorf("share in the corner %v, want %v", got, want)
	}
	// Midpoint rule on a 200×200 grid of the box, whose area is 4.
	var integral float64
	for i := range 200 {
		for j := range 200 {
			x := []float64{(float64(i) + 0.5) / 100, (float64(j) + 0.5) / 100}
			integral += CornerDensity(box, x, fraction, size) / 200 / 200
		}
	}
	if math.Abs(integral-1) > 1e-9 {
		t.Errorf("density integrates to %v", integral)
	}
}
