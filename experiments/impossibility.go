package experiments

import (
	"fmt"
	"math"

	"github.com/clonerobust/clonerobust/sim"
)

// ImpossibilityConfig sets up the impossibility theorem for K > 1 (SPEC
// §1): two populations over two alternatives x and y with the same
// comparison probability P(x ≻ y) = 1/2 and different average rewards.
// Population A is one type indifferent between x and y. Population B has a
// type of share Share (< 1/2) with r(x) − r(y) = Spread and a type of share
// 1 − Share with r(x) − r(y) = −v, v chosen so that P(x ≻ y) = 1/2 again;
// its average difference Share·Spread − (1 − Share)·v grows without bound
// with Spread.
type ImpossibilityConfig struct {
	Share  float64 `yaml:"share"`
	Spread float64 `yaml:"spread"`
}

var impossibilityMetrics = []string{"lower_bound", "max_error", "probability_gap"}

func (c *Config) validateImpossibility() *pathError {
	im := c.Impossibility
	switch {
	case len(c.Population) > 0 || c.Alternatives.Kind != "" || c.Clones != (ClonesConfig{}):
		return errAt("population", "an impossibility config builds its own two populations over two alternatives: no population, alternatives or clones")
	case !(im.Share > 0 && im.Share < 0.5):
		return errAt("impossibility.share", "%v: want a share in (0, 1/2)", im.Share)
	case !(im.Spread >= 0) || !finite(im.Spread) || im.Spread > 700:
		return errAt("impossibility.spread", "%v: want a spread in [0, 700]", im.Spread)
	}
	return nil
}

// populations returns populations A and B over the points x = 0 and y = 1,
// and their average reward differences r̄(x) − r̄(y).
func (im ImpossibilityConfig) populations() (a, b sim.Population, da, db float64) {
	pts := []float64{0, 1}
	diff := func(d float64) sim.Reward { return sim.Table{X: pts, Y: []float64{d, 0}} }
	a = sim.Population{{Share: 1, Reward: diff(0)}}
	// π σ(u) + (1 − π) σ(−v) = 1/2.
	pi, u := im.Share, im.Spread
	s := (0.5 - pi/(1+math.Exp(-u))) / (1 - pi)
	v := math.Log((1 - s) / s)
	b = sim.Population{{Share: pi, Reward: diff(u)}, {Share: 1 - pi, Reward: diff(-v)}}
	return a, b, 0, pi*u - (1-pi)*v
}

// runImpossibility fits each estimator to the sufficient comparisons of
// population B (those of A are the same) and measures its error on both.
func runImpossibility(c *Config, rep int) (RunResult, error) {
	a, b, da, db := c.Impossibility.populations()
	points := [][]float64{{0}, {1}}
	rowsA, rowsB := sim.Exact(points, a), sim.Exact(points, b)
	gap := math.Abs(rowsA[0].P - rowsB[0].P)
	if gap > 1e-9 {
		return RunResult{}, fmt.Errorf("populations A and B differ in P(x ≻ y) by %g", gap)
	}
	res := RunResult{Metrics: make([][]float64, len(c.Estimators))}
	for j, e := range c.Estimators {
		fit, err := fit(e, c.scheme(e, rep, j, streamWeights), points, rowsB)
		if err != nil {
			return RunResult{}, fmt.Errorf("estimator %s: %w", e.Label, err)
		}
		d := fit.Rewards[0] - fit.Rewards[1]
		values := map[string]float64{
			// Whatever d is, it is at least |da − db|/2 from one of them.
			"lower_bound":     math.Abs(da-db) / 2,
			"max_error":       max(math.Abs(d-da), math.Abs(d-db)),
			"probability_gap": gap,
		}
		res.Metrics[j] = make([]float64, len(c.Metrics))
		for k, name := range c.Metrics {
			res.Metrics[j][k] = values[name]
		}
	}
	return res, nil
}
