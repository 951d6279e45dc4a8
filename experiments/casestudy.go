package experiments

import (
	"fmt"
	"slices"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/neural"
	"github.com/clonerobust/clonerobust/estimators/weights"
	"github.com/clonerobust/clonerobust/features"
	"github.com/clonerobust/clonerobust/metrics"
	"github.com/clonerobust/clonerobust/sim"
)

// The two data sets of a case study: the original answers, and the same
// answers with the clone theme's.
const (
	original = iota
	withClones
)

var datasetNames = [2]string{"original", "clones"}

// CaseOutcome is what one estimator gave in one repetition of a case study,
// for each data set: the mean reward of the answers of each original theme
// (rewards centred on the original answers), from the perceptron trained on
// sampled comparisons and from the exact estimator on sufficient
// comparisons, the training curve, and the effective sample size of the
// row weights.
type CaseOutcome struct {
	Themes, Tabular [2][]float64
	Loss            [2][]float64
	ESS             [2]float64
}

// caseMetric is a measurement of a case study's outcome.
type caseMetric struct {
	name, doc string
	measure   func(*CaseOutcome) float64
}

// caseMetricList holds the metrics of a case study.
var caseMetricList = []caseMetric{
	{"theme_change", "mean over the original themes of |Δ centred theme reward| between Original and Clones, perceptron", func(o *CaseOutcome) float64 { return themeChange(o.Themes) }},
	{"tabular_theme_change", "theme_change of the exact estimator on sufficient comparisons", func(o *CaseOutcome) float64 { return themeChange(o.Tabular) }},
	{"winner_kept", "1 if the perceptron's best theme is the same on Original and Clones", func(o *CaseOutcome) float64 {
		if metrics.Best(o.Themes[original]) == metrics.Best(o.Themes[withClones]) {
			return 1
		}
		return 0
	}},
	{"agree_original", "1 if the perceptron's best theme on Original is the exact estimator's on sufficient comparisons", func(o *CaseOutcome) float64 { return agree(o, original) }},
	{"agree_clones", "1 if the perceptron's best theme on Clones is the exact estimator's on sufficient comparisons", func(o *CaseOutcome) float64 { return agree(o, withClones) }},
	{"ess_original", "Kish's effective sample size of the row weights on Original", func(o *CaseOutcome) float64 { return o.ESS[original] }},
	{"ess_clones", "Kish's effective sample size of the row weights on Clones", func(o *CaseOutcome) float64 { return o.ESS[withClones] }},
	{"final_loss_clones", "mean minibatch loss of the last 50 training steps on Clones", func(o *CaseOutcome) float64 {
		l := o.Loss[withClones]
		tail := l[max(0, len(l)-50):]
		var s float64
		for _, v := range tail {
			s += v
		}
		return s / float64(len(tail))
	}},
}

func agree(o *CaseOutcome, ds int) float64 {
	if metrics.Best(o.Themes[ds]) == metrics.Best(o.Tabular[ds]) {
		return 1
	}
	return 0
}

func themeChange(t [2][]float64) float64 {
	var s float64
	for k := range t[original] {
		d := t[withClones][k] - t[original][k]
		s += max(d, -d)
	}
	return s / float64(len(t[original]))
}

// runCase runs repetition rep of a case study.
func runCase(c *Config, rep int) (RunResult, error) {
	a := c.Answers
	rng := c.rng(rep, streamAlternatives, 0)
	dirs := sim.Directions(len(a.Themes), a.Dim, rng)
	cloneDir := sim.Near(dirs[c.theme(a.Clones.Of)], a.Clones.Cosine, rng)
	var answers [][]float64
	var labels []int // theme of each original answer
	for k, t := range a.Themes {
		for _, x := range sim.Embed(dirs[k], t.Count, a.Noise, rng) {
			answers = append(answers, x)
			labels = append(labels, k)
		}
	}
	m := len(answers)
	data := [2][][]float64{answers, append(slices.Clone(answers), sim.Embed(cloneDir, a.Clones.Count, a.Noise, rng)...)}

	pop := make(sim.Population, len(c.Population))
	for i, t := range c.Population {
		var bumps sim.Bumps
		for k, th := range a.Themes {
			if h, ok := t.Reward.Themes[th.Name]; ok {
				bumps = append(bumps, sim.Bump{Center: dirs[k], Height: h, Width: t.Reward.Width})
			}
		}
		pop[i] = sim.Type{Share: t.Share, Reward: bumps}
	}

	var rows, exact [2][]estimators.Comparison
	var feats [2][][]float64
	for ds, pts := range data {
		// One comparison stream for both: without clones, Clones is Original.
		rows[ds] = sim.Sampled(pts, pop, c.Comparisons.Count, c.rng(rep, streamComparisons, 0))
		exact[ds] = sim.Exact(pts, pop)
		f, err := features.PCA(pts, c.Features.PCA)
		if err != nil {
			return RunResult{}, err
		}
		feats[ds] = f
	}

	res := RunResult{Metrics: make([][]float64, len(c.Estimators)), Case: make([]CaseOutcome, len(c.Estimators))}
	for j, e := range c.Estimators {
		o := &res.Case[j]
		for ds := range data {
			w, err := caseWeights(c, e, feats[ds], rep, j)
			if err != nil {
				return RunResult{}, fmt.Errorf("estimator %s on %s: %w", e.Label, datasetNames[ds], err)
			}
			omega, err := rowWeights(rows[ds], w)
			if err != nil {
				return RunResult{}, fmt.Errorf("estimator %s on %s: %w", e.Label, datasetNames[ds], err)
			}
			o.ESS[ds] = float64(len(rows[ds])) // all row weights 1
			if omega != nil {
				o.ESS[ds] = metrics.EffectiveSampleSize(omega)
			}

			// The same initialisation and batch order for every estimator
			// and data set of a repetition: estimators differ only in their
			// weights, and without clones Clones gives what Original gives.
			model := neural.NewMLP(c.Features.PCA, c.Model.Hidden, c.rng(rep, streamModel, 0))
			tr, err := neural.Train(model, feats[ds], rows[ds], omega, neural.Settings{
				LearningRate: c.Model.LearningRate, Batch: c.Model.Batch, Steps: c.Model.Steps,
				Lambda: c.Model.Lambda, Seed: c.rng(rep, streamModel, 1).Uint64(),
			})
			if err != nil {
				return RunResult{}, fmt.Errorf("estimator %s on %s: %w", e.Label, datasetNames[ds], err)
			}
			o.Themes[ds] = themeMeans(metrics.CentredOn(tr.Rewards, m), labels, len(a.Themes))
			o.Loss[ds] = tr.Loss

			fit, err := estimators.Fit(&estimators.Problem{N: len(data[ds]), Comparisons: exact[ds], Weights: w, Lambda: e.Lambda}, nil)
			if err != nil {
				return RunResult{}, fmt.Errorf("estimator %s on %s, sufficient comparisons: %w", e.Label, datasetNames[ds], err)
			}
			o.Tabular[ds] = themeMeans(metrics.CentredOn(fit.Rewards, m), labels, len(a.Themes))
		}
		res.Metrics[j] = make([]float64, len(c.Metrics))
		for k, name := range c.Metrics {
			i := slices.IndexFunc(caseMetricList, func(x caseMetric) bool { return x.name == name })
			res.Metrics[j][k] = caseMetricList[i].measure(o)
		}
	}
	return res, nil
}

// caseWeights returns the weights of estimator e on a data set's features:
// nil for the standard MLE; otherwise computed in the box of the observed
// features (bbox) or in the unit cube after min-max scaling (unit).
func caseWeights(c *Config, e EstimatorConfig, f [][]float64, rep, idx int) ([]float64, error) {
	if e.Name == "standard" {
		return nil, nil
	}
	var space weights.Space = weights.BoundingBox{Margin: *e.Weights.Margin}
	if e.Weights.Space == "unit" {
		space, f = weights.UnitCube{}, features.MinMax(f)
	}
	return e.Weights.scheme(space, c.rng(rep, streamWeights, idx).Uint64()).Weights(f)
}

// rowWeights returns w_a·w_b for each row, rescaled to mean 1, or nil
// without weights.
func rowWeights(rows []estimators.Comparison, w []float64) ([]float64, error) {
	if w == nil {
		return nil, nil
	}
	omega := make([]float64, len(rows))
	var sum float64
	for i, r := range rows {
		omega[i] = w[r.A] * w[r.B]
		sum += omega[i]
	}
	if sum == 0 {
		return nil, fmt.Errorf("every compared pair has an answer of weight 0")
	}
	for i := range omega {
		omega[i] *= float64(len(rows)) / sum
	}
	return omega, nil
}

// themeMeans returns the mean reward of the answers of each theme; the
// clones, past the labelled answers, are left out.
func themeMeans(r []float64, labels []int, themes int) []float64 {
	sum := make([]float64, themes)
	n := make([]float64, themes)
	for i, k := range labels {
		sum[k] += r[i]
		n[k]++
	}
	for k := range sum {
		sum[k] /= n[k]
	}
	return sum
}
