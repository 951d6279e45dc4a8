package experiments

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func load(t *testing.T, file string, overrides ...string) *Plan {
	t.Helper()
	p, err := Load(file, overrides)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func execute(t *testing.T, p *Plan, workers int) Values {
	t.Helper()
	v, err := p.Execute(workers, nil)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// value returns the value of a metric of an estimator in every run.
func value(p *Plan, v Values, label, metric string) []float64 {
	j := slices.IndexFunc(p.Config.Estimators, func(e EstimatorConfig) bool { return e.Label == label })
	k := slices.Index(p.Config.Metrics, metric)
	var out []float64
	for _, run := range v {
		out = append(out, run.Metrics[j][k])
	}
	return out
}

func TestWorkersGiveIdenticalResults(t *testing.T) {
	p := load(t, "testdata/themes.yaml")
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for i, workers := range []int{1, 2} {
		v := execute(t, p, workers)
		if err := Write(dirs[i], p, v, NewManifest(p, nil, time.Now(), workers)); err != nil {
			t.Fatal(err)
		}
	}
	sameFiles(t, filepath.Join(dirs[0], "themes"), filepath.Join(dirs[1], "themes"),
		"runs.csv", "summary.csv", "config.yaml", "max_shift_vs_clones.count.png")
}

func TestSweepExpansion(t *testing.T) {
	p := load(t, "testdata/themes.yaml", "estimators.*.lambda=0.2", "seed=9")
	if !slices.Equal(p.Keys, []string{"clones.count", "clones.radius"}) {
		t.Fatalf("keys %v", p.Keys)
	}
	var got []string
	for _, pt := range p.Points {
		got = append(got, strings.Join(pt.Values, "/"))
		if pt.Config.Clones.Count != map[string]int{"0": 0, "3": 3}[pt.Values[0]] {
			t.Errorf("point %v has %d clones", pt.Values, pt.Config.Clones.Count)
		}
		for _, e := range pt.Config.Estimators {
			if e.Lambda != 0.2 {
				t.Errorf("estimator %s has λ %v after -set estimators.*.lambda=0.2", e.Label, e.Lambda)
			}
		}
		if pt.Config.Seed != 9 {
			t.Errorf("seed %d after -set seed=9", pt.Config.Seed)
		}
	}
	// The last key varies fastest.
	if want := []string{"0/0.01", "0/0.001", "3/0.01", "3/0.001"}; !slices.Equal(got, want) {
		t.Errorf("points %v, want %v", got, want)
	}
	if !strings.Contains(string(p.Resolved), "seed: 9") {
		t.Errorf("resolved config does not hold the override:\n%s", p.Resolved)
	}
}

// Without clones nothing moves; with exact copies the weighted MLE does not
// move either (its Monte Carlo samples are shared by D and D'), while the
// standard MLE does.
func TestExactCopiesThroughThePipeline(t *testing.T) {
	p := load(t, "testdata/line.yaml")
	v := execute(t, p, 2)
	for _, x := range value(p, v, "weighted", "max_shift") {
		if x > 1e-9 {
			t.Errorf("weighted MLE moved by %g with exact copies", x)
		}
	}
	for _, x := range value(p, v, "weighted", "clone_gap") {
		if x > 1e-9 {
			t.Errorf("weighted clone gap %g with exact copies", x)
		}
	}
	for _, x := range value(p, v, "standard", "max_shift") {
		if x < 1e-3 {
			t.Errorf("standard MLE moved by only %g with 3 exact copies", x)
		}
	}

	q := load(t, "testdata/themes.yaml", "clones.count=0", "sweep={}", "plots=[]")
	w := execute(t, q, 2)
	for _, e := range q.Config.Estimators {
		for _, metric := range []string{"max_shift", "rms_shift", "clone_gap", "top_changed"} {
			for _, x := range value(q, w, e.Label, metric) {
				if x != 0 {
					t.Errorf("%s %s = %v without clones", e.Label, metric, x)
				}
			}
		}
		for _, x := range value(q, w, e.Label, "kendall_tau") {
			if x != 1 {
				t.Errorf("%s kendall_tau = %v without clones", e.Label, x)
			}
		}
	}
	// Only the Voronoi estimator has Monte Carlo noise; uniform weights
	// give an effective sample size of the number of rows.
	for _, x := range value(q, w, "weighted", "noise_shift") {
		if x <= 0 {
			t.Errorf("weighted noise_shift %v, want > 0", x)
		}
	}
	for _, label := range []string{"standard", "uniform"} {
		for _, x := range value(q, w, label, "noise_shift") {
			if x != 0 {
				t.Errorf("%s noise_shift %v, want 0", label, x)
			}
		}
		for _, x := range value(q, w, label, "ess") {
			if math.Abs(x-400) > 1e-9 {
				t.Errorf("%s ess %v, want 400", label, x)
			}
		}
	}
}

func TestWriteReplacesResults(t *testing.T) {
	dir := t.TempDir()
	p := load(t, "testdata/line.yaml")
	v := execute(t, p, 1)
	old := filepath.Join(dir, "line", "stale.txt")
	os.MkdirAll(filepath.Dir(old), 0o755)
	os.WriteFile(old, []byte("x"), 0o644)
	if err := Write(dir, p, v, NewManifest(p, nil, time.Now(), 1)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Error("the previous results folder's files survived")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d entries in the results folder, want 1 (no temporary folders)", len(entries))
	}
	summary, err := os.ReadFile(filepath.Join(dir, "line", "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(summary)), "\n")
	if lines[0] != "estimator,metric,mean,ci95,n" || len(lines) != 1+2*3 {
		t.Errorf("summary.csv:\n%s", summary)
	}
}
