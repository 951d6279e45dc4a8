package experiments

import (
	"bytes"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/plots"
)

// WinRates are, for each alternative of positive weight, its model and
// empirical weighted win rates at the fitted rewards: the two sides of the
// first-order condition of estimators.Fit,
//
//	model_x     = (Σ_{rows ∋ x} c·ω/ν_x·σ(r_x − r_y) + λ r_x) / n_x,
//	empirical_x = Σ_{rows ∋ x} c·ω/ν_x·p(x ≻ y) / n_x,
//
// with n_x = Σ_{rows ∋ x} c·ω/ν_x. At the solution they are equal.
type WinRates struct {
	Model, Empirical []float64
}

// runWinRates fits each estimator to a clone-free data set of c and
// compares its model win rates with the empirical ones.
func runWinRates(c *Config, rep int) (RunResult, error) {
	points, _ := c.alternatives(rep)
	rows := c.draw(rep, points, c.population())
	res := RunResult{Metrics: make([][]float64, len(c.Estimators)), WinRates: make([]WinRates, len(c.Estimators))}
	for j, e := range c.Estimators {
		scheme := c.scheme(e, rep, j, streamWeights)
		fitted, err := fit(e, scheme, points, rows)
		if err != nil {
			return RunResult{}, fmt.Errorf("estimator %s: %w", e.Label, err)
		}
		w := fitted.Weights
		if scheme == nil {
			w = nil
		}
		res.WinRates[j] = winRates(fitted.Rewards, w, rows, e.Lambda)
		var dev float64
		for i, m := range res.WinRates[j].Model {
			dev = max(dev, math.Abs(m-res.WinRates[j].Empirical[i]))
		}
		res.Metrics[j] = make([]float64, len(c.Metrics))
		for k, name := range c.Metrics {
			if name == "max_deviation" {
				res.Metrics[j][k] = dev
			}
		}
	}
	return res, nil
}

// winRates computes WinRates; w is nil for the standard MLE.
func winRates(r, w []float64, rows []estimators.Comparison, lambda float64) WinRates {
	n := len(r)
	model, emp, total := make([]float64, n), make([]float64, n), make([]float64, n)
	for _, row := range rows {
		c := cmpOr(row.Count, 1)
		add := func(x, y int, p float64, wy float64) {
			cw := c * wy // c·ω/ν_x = c·w_y for the weighted MLE
			_, slope, _ := estimators.RowLoss(r[x]-r[y], p)
			model[x] += cw * (slope + p)
			emp[x] += cw * p
			total[x] += cw
		}
		wa, wb := 1.0, 1.0
		if w != nil {
			wa, wb = w[row.A], w[row.B]
		}
		add(row.A, row.B, row.P, wb)
		add(row.B, row.A, 1-row.P, wa)
	}
	var out WinRates
	for x := range n {
		if total[x] == 0 {
			continue // weight 0, or no comparisons
		}
		out.Model = append(out.Model, (model[x]+lambda*r[x])/total[x])
		out.Empirical = append(out.Empirical, emp[x]/total[x])
	}
	return out
}

func cmpOr(x, d float64) float64 {
	if x == 0 {
		return d
	}
	return x
}

// winRateFiles returns the win rates of the first run as a CSV and a
// scatter plot.
func (p *Plan) winRateFiles(v Values) ([]file, error) {
	c := p.Config
	var b bytes.Buffer
	b.WriteString("estimator,alternative,empirical,model\n")
	chart := plots.Scatter{Title: c.Title, XLabel: "empirical weighted win rate", YLabel: "model weighted win rate (+ λ r)", Diagonal: true}
	for j, e := range c.Estimators {
		wr := v[0].WinRates[j]
		for i := range wr.Model {
			fmt.Fprintf(&b, "%s,%d,%s,%s\n", e.Label, i, formatFloat(wr.Empirical[i]), formatFloat(wr.Model[i]))
		}
		dev := v[0].Metrics[j][slices.Index(c.Metrics, "max_deviation")]
		chart.Series = append(chart.Series, plots.ScatterSeries{
			Label: e.Label + " (largest deviation " + strconv.FormatFloat(dev, 'g', 2, 64) + ")",
			X:     wr.Empirical, Y: wr.Model,
		})
	}
	var img bytes.Buffer
	if err := plots.PNG(&img, chart); err != nil {
		return nil, err
	}
	return []file{{"win_rates.csv", b.Bytes()}, {"win_rates.png", img.Bytes()}}, nil
}
