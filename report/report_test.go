package report

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const summary = `estimator,clones.count,metric,mean,ci95,n
standard,0,max_shift,0,0,20
standard,50,max_shift,0.24,0.01,20
weighted,0,max_shift,0,0,20
weighted,50,max_shift,WEIGHTED,0.00001,20
weighted,0,noise_shift,0.0006,0.0001,20
weighted,50,noise_shift,0.0006,0.0001,20
`

func writeSummary(t *testing.T, weighted string) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "clone_sweep"), 0o755)
	text := strings.Replace(summary, "WEIGHTED", weighted, 1)
	if err := os.WriteFile(filepath.Join(dir, "clone_sweep", "summary.csv"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// The statuses follow the data: doctor the weighted MLE's shift and the
// first two claims change their status.
func TestStatusesFollowTheData(t *testing.T) {
	tests := []struct {
		weighted     string
		first, other Status
	}{
		{"0.00008", Reproduced, Reproduced},   // 3000 times less, under the noise
		{"0.003", Reproduced, Partly},         // 80 times less, 5 times the noise
		{"0.1", Partly, NotReproduced},        // 2.4 times less
		{"0.5", NotReproduced, NotReproduced}, // more than the standard MLE
	}
	for _, tt := range tests {
		rows := Evaluate(writeSummary(t, tt.weighted))
		if rows[0].Status != tt.first || rows[1].Status != tt.other {
			t.Errorf("weighted shift %s: statuses %q, %q, want %q, %q", tt.weighted, rows[0].Status, rows[1].Status, tt.first, tt.other)
		}
		if !strings.Contains(rows[1].Figure, tt.weighted[:3]) {
			t.Errorf("figure %q does not show the weighted shift %s", rows[1].Figure, tt.weighted)
		}
		// The other experiments have no results here.
		for i, r := range rows[2:] {
			if r.Status != NotRun || !strings.Contains(r.Figure, "missing results") {
				t.Errorf("claim %d: %q, %q without results", i+3, r.Status, r.Figure)
			}
		}
	}
}

func TestWriteLinksFigures(t *testing.T) {
	text := Write(writeSummary(t, "0.00008"))
	for _, want := range []string{
		"| 1 | The standard MLE is not robust",
		"[max_shift_vs_clones.count](clone_sweep/max_shift_vs_clones.count.png)",
		"**reproduced**",
		"2 reproduced, 8 not run.",
		"## Substitutions",
		"Synthetic answer embeddings instead of an LLM",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("REPORT.md lacks %q", want)
		}
	}
}
