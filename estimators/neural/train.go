package neural

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/clonerobust/clonerobust/estimators"
)

// Settings are the hyperparameters of Train. Zero values take the paper's
// defaults.
type Settings struct {
	// LearningRate of Adam; if 0, it is defaulted to 1e-4.
	LearningRate float64
	// Batch is the minibatch size; if 0, it is defaulted to 512.
	Batch int
	// Steps is the number of Adam steps; if 0, it is defaulted to 500.
	Steps int
	// Lambda ≥ 0 penalises the outputs: (λ/2)·mean_i r(x_i)².
	Lambda float64
	// Seed seeds the minibatch order.
	Seed uint64
}

// Result is a trained model's rewards and its training curve.
type Result struct {
	// Rewards holds r(x_i) for every point after training.
	Rewards []float64
	// Loss holds the minibatch loss of each step, before the step.
	Loss []float64
}

// Train fits model to comparison rows over points by minibatch Adam on
//
//	L_B(θ) = (1/|B|) Σ_{rows ∈ B} c·ω_row·[−p log σ(r_a − r_b) − (1 − p) log σ(r_b − r_a)] + (λ/2)·mean_i r(x_i)²
//
// the objective of estimators.Fit as a mean over a minibatch B of rows,
// with r = model.Reward of each point's features. omega holds a weight per
// row (nil: all 1), such as w_a·w_b for the weighted MLE. Batches are drawn
// without replacement from a fresh shuffle of the rows each epoch.
//
// Every step evaluates the model once per distinct point, not per row: a
// data set has few alternatives and many comparisons of them.
func Train(model Model, points [][]float64, rows []estimators.Comparison, omega []float64, s Settings) (*Result, error) {
	if len(rows) == 0 {
		return nil, errors.New("neural: no comparisons")
	}
	if omega != nil && len(omega) != len(rows) {
		return nil, fmt.Errorf("neural: %d row weights for %d rows", len(omega), len(rows))
	}
	s.LearningRate = orDefault(s.LearningRate, 1e-4)
	if s.Batch == 0 {
		s.Batch = 512
	}
	if s.Steps == 0 {
		s.Steps = 500
	}
	rng := rand.New(rand.NewPCG(s.Seed, 0))
	opt := &Adam{LearningRate: s.LearningRate}
	params := model.Params()
	grad := make([]float64, len(params))
	r := make([]float64, len(points))
	dr := make([]float64, len(points))
	order := rng.Perm(len(rows))
	pos := 0
	res := &Result{Loss: make([]float64, s.Steps)}
	for step := range s.Steps {
		if pos == len(order) {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
			pos = 0
		}
		end := min(pos+s.Batch, len(order))
		loss := batchLoss(model, points, rows, omega, order[pos:end], s.Lambda, r, dr)
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, fmt.Errorf("neural: loss %v at step %d", loss, step)
		}
		res.Loss[step] = loss
		clear(grad)
		for i, g := range dr {
			if g != 0 {
				model.AddGrad(grad, points[i], g)
			}
		}
		opt.Step(params, grad)
		pos = end
	}
	res.Rewards = make([]float64, len(points))
	for i, x := range points {
		res.Rewards[i] = model.Reward(x)
	}
	return res, nil
}

// batchLoss returns L_B at the model's parameters and stores its gradient
// with respect to each point's reward in dr; r is scratch.
func batchLoss(model Model, points [][]float64, rows []estimators.Comparison, omega []float64, batch []int, lambda float64, r, dr []float64) float64 {
	for i, x := range points {
		r[i] = model.Reward(x)
	}
	clear(dr)
	var loss float64
	inv := 1 / float64(len(batch))
	for _, k := range batch {
		c := rows[k]
		cw := c.Count
		if cw == 0 {
			cw = 1
		}
		if omega != nil {
			cw *= omega[k]
		}
		nll, slope, _ := estimators.RowLoss(r[c.A]-r[c.B], c.P)
		loss += cw * inv * nll
		g := cw * inv * slope
		dr[c.A] += g
		dr[c.B] -= g
	}
	if lambda > 0 {
		n := float64(len(points))
		for i, v := range r {
			loss += lambda / 2 * v * v / n
			dr[i] += lambda * v / n
		}
	}
	return loss
}
