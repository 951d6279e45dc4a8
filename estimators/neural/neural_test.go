package neural

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/diff/fd"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/stat"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/sim"
)

func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 9)) }

func randomPoints(n, d int, r *rand.Rand) [][]float64 {
	pts := make([][]float64, n)
	for i := range pts {
		pts[i] = make([]float64, d)
		for k := range pts[i] {
			pts[i][k] = r.NormFloat64()
		}
	}
	return pts
}

func TestMLPGradient(t *testing.T) {
	r := rng(1)
	m := NewMLP(3, 5, r)
	x := []float64{0.3, -1.2, 0.7}
	theta := slices.Clone(m.Params())
	f := func(p []float64) float64 {
		copy(m.Params(), p)
		return m.Reward(x)
	}
	want := fd.Gradient(nil, f, theta, &fd.Settings{Formula: fd.Central})
	copy(m.Params(), theta)
	got := make([]float64, len(theta))
	m.AddGrad(got, x, 1)
	if !floats.EqualApprox(got, want, 1e-7) {
		t.Errorf("∂r/∂θ\n got %v\nwant %v", got, want)
	}
	// AddGrad scales and accumulates.
	m.AddGrad(got, x, -3)
	floats.Scale(-2, want)
	if !floats.EqualApprox(got, want, 1e-7) {
		t.Error("AddGrad does not accumulate scale·∂r/∂θ")
	}
}

func TestLossGradient(t *testing.T) {
	r := rng(2)
	pts := randomPoints(6, 2, r)
	m := NewMLP(2, 4, r)
	rows := []estimators.Comparison{{A: 0, B: 1, P: 1}, {A: 2, B: 3, P: 0}, {A: 4, B: 0, P: 0.3, Count: 2}, {A: 5, B: 2, P: 1}}
	omega := []float64{0.5, 2, 1, 0.1}
	batch := []int{0, 1, 2, 3, 1}
	rs, dr := make([]float64, len(pts)), make([]float64, len(pts))
	theta := slices.Clone(m.Params())
	f := func(p []float64) float64 {
		copy(m.Params(), p)
		return batchLoss(m, pts, rows, omega, batch, 0.3, rs, dr)
	}
	want := fd.Gradient(nil, f, theta, &fd.Settings{Formula: fd.Central})
	copy(m.Params(), theta)
	batchLoss(m, pts, rows, omega, batch, 0.3, rs, dr)
	got := make([]float64, len(theta))
	for i, g := range dr {
		m.AddGrad(got, pts[i], g)
	}
	if !floats.EqualApprox(got, want, 1e-7) {
		t.Errorf("∂L/∂θ\n got %v\nwant %v", got, want)
	}
}

// Adam on a badly scaled quadratic reaches its minimum.
func TestAdamQuadratic(t *testing.T) {
	centre := []float64{3, -2, 0.5}
	scale := []float64{1, 100, 0.01}
	x := make([]float64, 3)
	g := make([]float64, 3)
	opt := &Adam{LearningRate: 0.05}
	for range 5000 {
		for i := range x {
			g[i] = 2 * scale[i] * (x[i] - centre[i])
		}
		opt.Step(x, g)
	}
	if !floats.EqualApprox(x, centre, 1e-3) {
		t.Errorf("Adam stopped at %v, minimum at %v", x, centre)
	}
}

// A perceptron trained on comparisons from one Bradley-Terry type recovers
// the order of the true rewards.
func TestTrainRecoversOrder(t *testing.T) {
	r := rng(3)
	pts := randomPoints(20, 2, r)
	pop := sim.Population{{Share: 1, Reward: sim.Linear{Coef: []float64{2, -1}}}}
	rows := sim.Sampled(pts, pop, 4000, r)
	m := NewMLP(2, 16, r)
	res, err := Train(m, pts, rows, nil, Settings{LearningRate: 1e-2, Steps: 1500, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	truth := make([]float64, len(pts))
	for i, p := range pts {
		truth[i] = pop[0].Reward.Reward(p)
	}
	if tau := stat.Kendall(truth, res.Rewards, nil); tau < 0.9 {
		t.Errorf("Kendall τ with the true rewards %v, want ≥ 0.9", tau)
	}
	if first, last := res.Loss[0], stat.Mean(res.Loss[len(res.Loss)-50:], nil); !(last < first) {
		t.Errorf("loss went from %v to %v", first, last)
	}
}

// The weighted loss of sampled comparisons, pairs drawn uniformly and
// outcomes by Bradley-Terry-Luce, is an unbiased estimate of the dense
// weighted objective Σ_{a≠b} w_a w_b [−P_ab log σ(r_a − r_b)] / (n(n−1)).
func TestSampledLossIsUnbiased(t *testing.T) {
	r := rng(4)
	pts := randomPoints(7, 2, r)
	pop := sim.Population{
		{Share: 0.6, Reward: sim.Linear{Coef: []float64{1, 2}}},
		{Share: 0.4, Reward: sim.Bump{Center: []float64{0, 0}, Height: 2, Width: 1}},
	}
	w := make([]float64, len(pts))
	for i := range w {
		w[i] = 0.5 + r.Float64()
	}
	m := NewMLP(2, 4, r)
	rew := make([]float64, len(pts))
	for i, p := range pts {
		rew[i] = m.Reward(p)
	}
	n := float64(len(pts))
	var dense float64
	for a := range pts {
		for b := range pts {
			if a != b {
				nll, _, _ := estimators.RowLoss(rew[a]-rew[b], pop.Prefer(pts[a], pts[b]))
				// RowLoss of the ordered pair counts a ≻ b and b ≻ a; each
				// ordered pair is drawn with probability 1/(n(n−1)).
				dense += w[a] * w[b] * nll / (n * (n - 1))
			}
		}
	}
	rows := sim.Sampled(pts, pop, 200_000, r)
	per := make([]float64, len(rows))
	for i, c := range rows {
		nll, _, _ := estimators.RowLoss(rew[c.A]-rew[c.B], c.P)
		per[i] = w[c.A] * w[c.B] * nll
	}
	mean, sd := stat.MeanStdDev(per, nil)
	se := sd / math.Sqrt(float64(len(per)))
	if math.Abs(mean-dense) > 4*se {
		t.Errorf("sampled weighted loss %v ± %v, dense objective %v", mean, se, dense)
	}
	// And Train's batch loss is that mean.
	omega := make([]float64, len(rows))
	all := make([]int, len(rows))
	for i, c := range rows {
		omega[i] = w[c.A] * w[c.B]
		all[i] = i
	}
	if got := batchLoss(m, pts, rows, omega, all, 0, make([]float64, len(pts)), make([]float64, len(pts))); math.Abs(got-mean) > 1e-9 {
		t.Errorf("batch loss %v, mean row loss %v", got, mean)
	}
}

func TestTrainErrors(t *testing.T) {
	m := NewMLP(1, 2, rng(5))
	pts := [][]float64{{0}, {1}}
	if _, err := Train(m, pts, nil, nil, Settings{}); err == nil {
		t.Error("no error without comparisons")
	}
	if _, err := Train(m, pts, []estimators.Comparison{{A: 0, B: 1, P: 1}}, []float64{1, 2}, Settings{}); err == nil {
		t.Error("no error with a weight per point instead of per row")
	}
}

// BenchmarkTrain is one training run of the case study: d = 8, 32 hidden
// units, batch 512, 500 steps, on 1000 comparisons of 45 answers.
func BenchmarkTrain(b *testing.B) {
	r := rng(6)
	pts := randomPoints(45, 8, r)
	pop := sim.Population{{Share: 1, Reward: sim.Linear{Coef: []float64{1, -1, 0.5, 0, 0, 0, 0, 0.2}}}}
	rows := sim.Sampled(pts, pop, 1000, r)
	for b.Loop() {
		m := NewMLP(8, 32, rng(7))
		if _, err := Train(m, pts, rows, nil, Settings{Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
