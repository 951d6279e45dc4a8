package experiments

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/clonerobust/clonerobust/metrics"
	"github.com/clonerobust/clonerobust/plots"
)

// Manifest records how a results folder was made.
type Manifest struct {
	Config    string    `json:"config"`
	Name      string    `json:"name"`
	Seed      uint64    `json:"seed"`
	Overrides []string  `json:"overrides,omitempty"`
	GoVersion string    `json:"go_version"`
	Commit    string    `json:"commit,omitempty"`
	Dirty     *bool     `json:"dirty,omitempty"`
	Start     time.Time `json:"start"`
	Duration  float64   `json:"duration_seconds"`
	Workers   int       `json:"workers"`
	Runs      int       `json:"runs"`
}

// NewManifest fills in the Go version and, when the binary was built from
// a version-controlled checkout, its commit and whether it was modified.
func NewManifest(p *Plan, overrides []string, start time.Time, workers int) Manifest {
	m := Manifest{
		Config:    p.File,
		Name:      p.Config.Name,
		Seed:      p.Config.Seed,
		Overrides: overrides,
		GoVersion: runtime.Version(),
		Start:     start.UTC().Truncate(time.Second),
		Duration:  math.Round(time.Since(start).Seconds()*1000) / 1000,
		Workers:   workers,
		Runs:      len(p.Points) * p.Config.Repetitions,
	}
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				m.Commit = s.Value
			case "vcs.modified":
				dirty := s.Value == "true"
				m.Dirty = &dirty
			}
		}
	}
	return m
}

// file is a file of a results folder.
type file struct {
	name string
	data []byte
}

// Write stores the results of a plan in dir/<name>: runs.csv, summary.csv,
// config.yaml (the resolved config), manifest.json and a PNG per plot. The
// folder is built beside its final place and renamed into it, so an
// interrupted or failed write leaves the previous results as they were.
func Write(dir string, p *Plan, v Values, m Manifest) error {
	files, err := p.render(v)
	if err != nil {
		return err
	}
	manifest, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	files = append(files, file{"config.yaml", p.Resolved}, file{"manifest.json", append(manifest, '\n')})
	return replaceDir(filepath.Join(dir, p.Config.Name), files)
}

// render returns the CSV files and plots of the results.
func (p *Plan) render(v Values) ([]file, error) {
	c := p.Config
	reps := c.Repetitions
	var runs, summary bytes.Buffer
	rw, sw := csv.NewWriter(&runs), csv.NewWriter(&summary)
	rw.Write(slices.Concat(p.Keys, []string{"repetition", "estimator", "metric", "value"}))
	sw.Write(slices.Concat([]string{"estimator"}, p.Keys, []string{"metric", "mean", "ci95", "n"}))

	for pi, pt := range p.Points {
		for rep := range reps {
			for j, e := range c.Estimators {
				for k, name := range c.Metrics {
					rw.Write(slices.Concat(pt.Values, []string{strconv.Itoa(rep), e.Label, name, formatFloat(v[pi*reps+rep].Metrics[j][k])}))
				}
			}
		}
	}
	sums := p.summaries(v)
	for j, e := range c.Estimators {
		for pi, pt := range p.Points {
			for k, name := range c.Metrics {
				s := sums[j][pi][k]
				ci := ""
				if !math.IsNaN(s.CI95) {
					ci = formatFloat(s.CI95)
				}
				sw.Write(slices.Concat([]string{e.Label}, pt.Values, []string{name, formatFloat(s.Mean), ci, strconv.Itoa(s.N)}))
			}
		}
	}
	rw.Flush()
	sw.Flush()
	if err := rw.Error(); err != nil {
		return nil, err
	}
	if err := sw.Error(); err != nil {
		return nil, err
	}
	files := []file{{"runs.csv", runs.Bytes()}, {"summary.csv", summary.Bytes()}}
	var extra []file
	var err error
	switch c.Kind {
	case "case_study":
		extra, err = p.caseFiles(v)
	case "win_rates":
		extra, err = p.winRateFiles(v)
	}
	if err != nil {
		return nil, err
	}
	files = append(files, extra...)

	for i, pc := range c.Plots {
		chart := p.chart(pc, sums)
		var b bytes.Buffer
		if err := chart.PNG(&b); err != nil {
			return nil, fmt.Errorf("%s: plot %d: %w", p.File, i, err)
		}
		name := plotFileName(pc)
		for slices.ContainsFunc(files, func(f file) bool { return f.name == name }) {
			name = strings.TrimSuffix(name, ".png") + "_" + strconv.Itoa(i) + ".png"
		}
		files = append(files, file{name, b.Bytes()})
	}
	return files, nil
}

// summaries returns the summary of each estimator, point and metric over
// the repetitions.
func (p *Plan) summaries(v Values) [][][]metrics.Summary {
	c := p.Config
	reps := c.Repetitions
	sums := make([][][]metrics.Summary, len(c.Estimators))
	for j := range c.Estimators {
		sums[j] = make([][]metrics.Summary, len(p.Points))
		for pi := range p.Points {
			sums[j][pi] = make([]metrics.Summary, len(c.Metrics))
			for k := range c.Metrics {
				x := make([]float64, reps)
				for rep := range reps {
					x[rep] = v[pi*reps+rep].Metrics[j][k]
				}
				sums[j][pi][k] = metrics.Summarize(x)
			}
		}
	}
	return sums
}

// chart draws metrics against a sweep key: a line per estimator, metric
// and combination of the other sweep keys' values. A metric that is the
// same for every estimator (such as a bound) is drawn once.
func (p *Plan) chart(pc PlotConfig, sums [][][]metrics.Summary) plots.Line {
	c := p.Config
	xi := slices.Index(p.Keys, pc.X)
	title := pc.Title
	if title == "" {
		title = c.Title
	}
	names := pc.metrics()
	chart := plots.Line{Title: title, XLabel: pc.X, YLabel: strings.Join(names, ", "), LogX: pc.LogX, LogY: pc.LogY}
	for _, name := range names {
		k := slices.Index(c.Metrics, name)
		// This metric's series so far: where in chart.Series, and for which
		// values of the other sweep keys.
		var drawnAt []int
		var drawnID []string
		var drawnBy [][]string // the estimators each series stands for
		for j, e := range c.Estimators {
			var order []string // the other keys' values, in order of appearance
			series := make(map[string]*plots.Series)
			for pi, pt := range p.Points {
				var others []string
				for ki, key := range p.Keys {
					if ki != xi {
						others = append(others, key+"="+pt.Values[ki])
					}
				}
				id := strings.Join(others, ", ")
				s, ok := series[id]
				if !ok {
					label := e.Label
					if len(names) > 1 {
						label += ": " + name
					}
					s = &plots.Series{Label: label + suffix(id)}
					series[id] = s
					order = append(order, id)
				}
				x, _ := strconv.ParseFloat(pt.Values[xi], 64) // checked by Parse
				sum := sums[j][pi][k]
				s.X = append(s.X, x)
				s.Mean = append(s.Mean, sum.Mean)
				s.CI95 = append(s.CI95, sum.CI95)
			}
			for _, id := range order {
				s := *series[id]
				i := slices.IndexFunc(drawnAt, func(at int) bool { return slices.Equal(chart.Series[at].Mean, s.Mean) })
				if i >= 0 {
					// The same as for another estimator: one line, named by
					// the metric and the estimators it stands for.
					drawnBy[i] = append(drawnBy[i], e.Label)
					chart.Series[drawnAt[i]].Label = name + suffix(drawnID[i]) + ": " + strings.Join(drawnBy[i], ", ")
					continue
				}
				drawnAt = append(drawnAt, len(chart.Series))
				drawnID = append(drawnID, id)
				drawnBy = append(drawnBy, []string{e.Label})
				chart.Series = append(chart.Series, s)
			}
		}
	}
	return chart
}

func suffix(id string) string {
	if id == "" {
		return ""
	}
	return " (" + id + ")"
}

func plotFileName(pc PlotConfig) string {
	x := strings.NewReplacer("*", "all", "/", "_").Replace(pc.X)
	return strings.Join(pc.metrics(), "_") + "_vs_" + x + ".png"
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// replaceDir writes files into a new folder and renames it to dir,
// replacing what was there but its shards/ subfolder.
func replaceDir(dir string, files []file) (err error) {
	parent, base := filepath.Split(dir)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f.name), f.data, 0o644); err != nil {
			return err
		}
	}
	old := ""
	if _, statErr := os.Stat(dir); statErr == nil {
		// The shards a results folder was merged from stay with it.
		if _, statErr := os.Stat(filepath.Join(dir, "shards")); statErr == nil {
			if err := os.Rename(filepath.Join(dir, "shards"), filepath.Join(tmp, "shards")); err != nil {
				return err
			}
			defer func() {
				if err != nil {
					os.Rename(filepath.Join(tmp, "shards"), filepath.Join(dir, "shards"))
				}
			}()
		}
		old = tmp + "-old"
		if err := os.Rename(dir, old); err != nil {
			return err
		}
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			os.Rename(old, dir)
		}
		return err
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}
