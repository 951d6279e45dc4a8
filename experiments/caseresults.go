package experiments

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clonerobust/clonerobust/metrics"
	"github.com/clonerobust/clonerobust/plots"
)

// space names an estimator's choice of S in a case study's tables.
func (e EstimatorConfig) space() string {
	switch e.Name + "/" + e.Weights.Kind {
	case "standard/":
		return "none"
	case "weighted/uniform":
		return "uniform"
	case "weighted/voronoi":
		return e.Weights.Space
	}
	return e.Weights.Kind + "/" + e.Weights.Space
}

// caseTables holds, for every sweep point, data set, estimator and theme,
// the values over the repetitions.
type caseTables struct {
	p *Plan
	v Values
}

func (t caseTables) reps(pi int) []RunResult {
	r := t.p.Config.Repetitions
	return t.v[pi*r : (pi+1)*r]
}

// themes returns the summary of a theme's mean reward, and in how many
// repetitions the theme won.
func (t caseTables) theme(pi, ds, j, k int, tabular bool) (metrics.Summary, int) {
	var x []float64
	wins := 0
	for _, run := range t.reps(pi) {
		th := run.Case[j].Themes[ds]
		if tabular {
			th = run.Case[j].Tabular[ds]
		}
		x = append(x, th[k])
		if metrics.Best(th) == k {
			wins++
		}
	}
	return metrics.Summarize(x), wins
}

// caseFiles returns the tables, plots and README of a case study.
func (p *Plan) caseFiles(v Values) ([]file, error) {
	c := p.Config
	t := caseTables{p, v}
	themes := c.themeNames()
	var themesCSV, tabularCSV, winnersCSV, essCSV bytes.Buffer
	tw, bw, ww, ew := csv.NewWriter(&themesCSV), csv.NewWriter(&tabularCSV), csv.NewWriter(&winnersCSV), csv.NewWriter(&essCSV)
	cols := []string{"dataset", "estimator", "space"}
	tw.Write(slices.Concat(p.Keys, cols, []string{"theme", "mean_reward", "ci95", "n"}))
	bw.Write(slices.Concat(p.Keys, cols, []string{"theme", "mean_reward", "ci95", "n", "wins"}))
	ww.Write(slices.Concat(p.Keys, cols, []string{"theme", "wins"}))
	ew.Write(slices.Concat(p.Keys, cols, []string{"repetition", "ess"}))
	for pi, pt := range p.Points {
		for ds, dsName := range datasetNames {
			for j, e := range c.Estimators {
				id := slices.Concat(pt.Values, []string{dsName, e.Name, e.space()})
				for k, th := range themes {
					s, wins := t.theme(pi, ds, j, k, false)
					tw.Write(slices.Concat(id, []string{th, formatFloat(s.Mean), formatCI(s.CI95), strconv.Itoa(s.N)}))
					ww.Write(slices.Concat(id, []string{th, strconv.Itoa(wins)}))
					s, wins = t.theme(pi, ds, j, k, true)
					bw.Write(slices.Concat(id, []string{th, formatFloat(s.Mean), formatCI(s.CI95), strconv.Itoa(s.N), strconv.Itoa(wins)}))
				}
				if e.Name == "weighted" {
					for rep, run := range t.reps(pi) {
						ew.Write(slices.Concat(id, []string{strconv.Itoa(rep), formatFloat(run.Case[j].ESS[ds])}))
					}
				}
			}
		}
	}
	for _, w := range []*csv.Writer{tw, bw, ww, ew} {
		w.Flush()
		if err := w.Error(); err != nil {
			return nil, err
		}
	}
	files := []file{
		{"themes.csv", themesCSV.Bytes()}, {"tabular_themes.csv", tabularCSV.Bytes()},
		{"winners.csv", winnersCSV.Bytes()}, {"ess.csv", essCSV.Bytes()},
		{"README.md", []byte(t.readme())},
	}
	if len(p.Points) > 1 {
		return files, nil // the bar charts are drawn for a single setting
	}
	charts := map[string][]plots.Chart{
		"themes.png":         t.themeBars(false),
		"tabular_themes.png": t.themeBars(true),
		"loss.png":           {t.lossCurves()},
		"s_choice.png":       t.spaceBars(),
	}
	for _, name := range []string{"themes.png", "tabular_themes.png", "loss.png", "s_choice.png"} {
		if len(charts[name]) == 0 {
			continue
		}
		var b bytes.Buffer
		if err := plots.PNG(&b, charts[name]...); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", p.File, name, err)
		}
		files = append(files, file{name, b.Bytes()})
	}
	return files, nil
}

func formatCI(ci float64) string {
	if math.IsNaN(ci) {
		return ""
	}
	return formatFloat(ci)
}

// themeBars draws a panel per estimator: the mean reward of each theme on
// Original and Clones.
func (t caseTables) themeBars(tabular bool) []plots.Chart {
	c := t.p.Config
	what := "perceptron, sampled comparisons"
	if tabular {
		what = "exact estimator, sufficient comparisons"
	}
	var charts []plots.Chart
	for j, e := range c.Estimators {
		b := plots.Bars{Title: fmt.Sprintf("%s (%s)", e.Label, what), YLabel: "mean centred reward of the theme", Groups: c.themeNames()}
		for ds, name := range datasetNames {
			s := plots.BarSeries{Label: name}
			for k := range b.Groups {
				sum, _ := t.theme(0, ds, j, k, tabular)
				s.Mean = append(s.Mean, sum.Mean)
				s.CI95 = append(s.CI95, sum.CI95)
			}
			b.Series = append(b.Series, s)
		}
		charts = append(charts, b)
	}
	return charts
}

// spaceBars draws a panel per data set comparing the weighted estimators'
// choices of S.
func (t caseTables) spaceBars() []plots.Chart {
	c := t.p.Config
	var charts []plots.Chart
	for ds, name := range datasetNames {
		b := plots.Bars{Title: "weighted MLE on " + name + ": choice of S", YLabel: "mean centred reward of the theme", Groups: c.themeNames()}
		for j, e := range c.Estimators {
			if e.Name != "weighted" {
				continue
			}
			s := plots.BarSeries{Label: e.Label + " (S = " + e.space() + ")"}
			for k := range b.Groups {
				sum, _ := t.theme(0, ds, j, k, false)
				s.Mean = append(s.Mean, sum.Mean)
				s.CI95 = append(s.CI95, sum.CI95)
			}
			b.Series = append(b.Series, s)
		}
		if len(b.Series) > 0 {
			charts = append(charts, b)
		}
	}
	return charts
}

// lossCurves draws the mean training loss per step of every estimator on
// both data sets.
func (t caseTables) lossCurves() plots.Chart {
	c := t.p.Config
	l := plots.Line{Title: "Training loss (mean over repetitions)", XLabel: "Adam step", YLabel: "minibatch loss"}
	runs := t.reps(0)
	for j, e := range c.Estimators {
		for ds, name := range datasetNames {
			s := plots.Series{Label: e.Label + ", " + name}
			for step := range c.Model.Steps {
				x := make([]float64, len(runs))
				for r, run := range runs {
					x[r] = run.Case[j].Loss[ds][step]
				}
				s.X = append(s.X, float64(step+1))
				s.Mean = append(s.Mean, metrics.Summarize(x).Mean)
				s.CI95 = append(s.CI95, math.NaN())
			}
			l.Series = append(l.Series, s)
		}
	}
	return l
}

// readme states what the case study is and is not, with its main numbers.
func (t caseTables) readme() string {
	c := t.p.Config
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", c.Title)
	b.WriteString("**The answers here are synthetic.** The paper's answers to \"Describe Paris\" were written by\n" +
		"gpt-4o-mini and embedded with text-embedding-3-small; no language model can be called where this\n" +
		"harness runs, so each answer is a unit vector in a " + strconv.Itoa(c.Answers.Dim) + "-dimensional space: its theme's direction plus\n" +
		"Gaussian noise. The clone theme's direction is a near-duplicate of another theme's. Everything after\n" +
		"the embeddings follows the paper: three annotator types, sampled comparisons, PCA, a perceptron\n" +
		"reward trained with Adam, repetitions. See `config.yaml` for every setting.\n\n")
	if c.Notes != "" {
		b.WriteString(strings.TrimSpace(c.Notes) + "\n\n")
	}
	if len(t.p.Points) > 1 {
		b.WriteString("This run sweeps " + strings.Join(t.p.Keys, ", ") + "; `summary.csv` and the line plots hold the results per setting.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "Wins of each theme (highest mean reward) in %d repetitions, perceptron on %d sampled comparisons\n", c.Repetitions, c.Comparisons.Count)
	b.WriteString("(`winners.csv`), and for the exact estimator on sufficient comparisons (`tabular_themes.csv`):\n\n")
	b.WriteString("| dataset | estimator | S | " + strings.Join(c.themeNames(), " | ") + " | exact: " + strings.Join(c.themeNames(), " | exact: ") + " |\n")
	b.WriteString("|---|---|---|" + strings.Repeat("---|", 2*len(c.themeNames())) + "\n")
	for ds, name := range datasetNames {
		for j, e := range c.Estimators {
			fmt.Fprintf(&b, "| %s | %s | %s |", name, e.Name, e.space())
			for _, tabular := range []bool{false, true} {
				for k := range c.themeNames() {
					_, wins := t.theme(0, ds, j, k, tabular)
					fmt.Fprintf(&b, " %d |", wins)
				}
			}
			b.WriteString("\n")
		}
	}
	b.WriteString("\nMean over repetitions of the change of the centred theme rewards between Original and Clones\n" +
		"(perceptron; exact estimator), and the mean Kish effective sample size (Σω)²/Σω² of the row\n" +
		"weights on Clones (the number of comparisons for the standard MLE; every weighted run is in `ess.csv`):\n\n")
	b.WriteString("| estimator | S | theme change | exact: theme change | effective sample size on Clones |\n|---|---|---|---|---|\n")
	for j, e := range c.Estimators {
		var change, tab, ess []float64
		for _, run := range t.reps(0) {
			o := run.Case[j]
			change = append(change, themeChange(o.Themes))
			tab = append(tab, themeChange(o.Tabular))
			ess = append(ess, o.ESS[withClones])
		}
		fmt.Fprintf(&b, "| %s | %s | %.3f | %.3f | %.0f |\n", e.Name, e.space(),
			metrics.Summarize(change).Mean, metrics.Summarize(tab).Mean, metrics.Summarize(ess).Mean)
	}
	return b.String()
}
