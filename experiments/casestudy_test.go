package experiments

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestCaseStudyFiles(t *testing.T) {
	p := load(t, "testdata/case.yaml")
	dirs := [2]string{t.TempDir(), t.TempDir()}
	for i, workers := range []int{1, 2} {
		if err := Write(dirs[i], p, execute(t, p, workers), NewManifest(p, nil, time.Now(), workers)); err != nil {
			t.Fatal(err)
		}
	}
	sameFiles(t, filepath.Join(dirs[0], "case"), filepath.Join(dirs[1], "case"),
		"themes.csv", "winners.csv", "tabular_themes.csv", "ess.csv", "summary.csv", "README.md", "themes.png", "tabular_themes.png", "loss.png", "s_choice.png")
	readme, _ := os.ReadFile(filepath.Join(dirs[0], "case", "README.md"))
	if !strings.Contains(string(readme), "**The answers here are synthetic.**") {
		t.Errorf("README.md does not say the answers are synthetic:\n%s", readme)
	}
	themes, _ := os.ReadFile(filepath.Join(dirs[0], "case", "themes.csv"))
	lines := strings.Split(strings.TrimSpace(string(themes)), "\n")
	// 2 data sets × 3 estimators × 3 themes.
	if lines[0] != "dataset,estimator,space,theme,mean_reward,ci95,n" || len(lines) != 1+18 {
		t.Errorf("themes.csv:\n%s", themes)
	}
	if !strings.Contains(string(themes), "clones,weighted,unit,romance,") || !strings.Contains(string(themes), "original,standard,none,food,") {
		t.Errorf("themes.csv lacks rows:\n%s", themes)
	}
	winners, _ := os.ReadFile(filepath.Join(dirs[0], "case", "winners.csv"))
	if n := strings.Count(string(winners), "\n"); n != 1+18 {
		t.Errorf("winners.csv has %d lines", n)
	}
}

// Without clone answers, Clones is Original: the same answers, comparisons,
// features, initialisation and batches, so nothing changes.
func TestCaseStudyWithoutClones(t *testing.T) {
	p := load(t, "testdata/case.yaml", "answers.clones.count=0")
	v := execute(t, p, 2)
	for _, e := range p.Config.Estimators {
		for _, m := range []string{"theme_change", "tabular_theme_change"} {
			for _, x := range value(p, v, e.Label, m) {
				if x != 0 {
					t.Errorf("%s: %s = %v without clones", e.Label, m, x)
				}
			}
		}
		for _, x := range value(p, v, e.Label, "winner_kept") {
			if x != 1 {
				t.Errorf("%s: winner changed without clones", e.Label)
			}
		}
	}
	for _, x := range value(p, v, "standard", "ess_clones") {
		if x != 300 {
			t.Errorf("standard ess %v, want the 300 comparisons", x)
		}
	}
	for _, x := range value(p, v, "bbox", "ess_clones") {
		if !(x > 1 && x < 300) {
			t.Errorf("weighted ess %v, want between 1 and 300", x)
		}
	}
}

func TestCaseStudyConfigErrors(t *testing.T) {
	base, err := os.ReadFile("testdata/case.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ old, new, want string }{
		{"themes: {food: 3, art: 2.5}", "themes: {food: 3, sport: 2.5}", `case.yaml:17: population.1.reward.themes: unknown theme "sport"`},
		{"of: food", "of: sport", `case.yaml:14: answers.clones.of: "sport": want one of the themes [food art romance]`},
		{"pca: 4", "pca: 40", "case.yaml:19: features.pca: 40: want 1 to 12 components"},
		{"cosine: 0.98", "cosine: 1.5", "case.yaml:14: answers.clones.cosine: 1.5: want a cosine in (−1, 1]"},
		{"lr: 0.01", "lr: -1", "case.yaml:20: model.lr: -1: want a learning rate > 0"},
		{"kind: theme, width: 0.5, themes: {romance", "kind: linear, coef: [1], themes: {romance", `case.yaml:16: population.0.reward.kind: "linear": a case study's rewards are of kind theme`},
		{"space: unit", "space: config", `case.yaml:24: estimators.2.weights.space: "config": a case study's S is bbox`},
		{"kind: case_study", "kind: case", `case.yaml:3: kind: "case": want clones, case_study, impossibility, win_rates or s_space`},
	}
	for _, tt := range tests {
		text := strings.Replace(string(base), tt.old, tt.new, 1)
		if text == string(base) {
			t.Fatalf("%q not in the config", tt.old)
		}
		_, err := Parse("case.yaml", []byte(text), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("got %v, want %s", err, tt.want)
		}
	}
}
