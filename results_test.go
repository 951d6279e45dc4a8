package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/clonerobust/clonerobust/report"
)

// The committed headline results (./run.sh writes them): at the largest
// clone count the standard MLE moves at least 10 times as far as the
// weighted MLE, whose shift stays below its own Monte Carlo noise floor.
func TestCommittedHeadline(t *testing.T) {
	f, err := os.Open("results/clone_sweep/summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	mean := make(map[[3]string]float64) // estimator, clones.count, metric
	maxCount := -1
	for _, r := range rows[1:] {
		m, err1 := strconv.ParseFloat(r[3], 64)
		count, err2 := strconv.Atoi(r[1])
		if err1 != nil || err2 != nil {
			t.Fatalf("bad row %v", r)
		}
		mean[[3]string{r[0], r[1], r[2]}] = m
		maxCount = max(maxCount, count)
	}
	k := strconv.Itoa(maxCount)
	std, wtd := mean[[3]string{"standard", k, "max_shift"}], mean[[3]string{"weighted", k, "max_shift"}]
	noise := mean[[3]string{"weighted", k, "noise_shift"}]
	t.Logf("%s clones: standard max_shift %.4g, weighted %.4g (noise floor %.4g)", k, std, wtd, noise)
	if !(std >= 10*wtd) || std == 0 {
		t.Errorf("standard max_shift %v is not 10 times weighted's %v", std, wtd)
	}
	if !(wtd <= noise) {
		t.Errorf("weighted max_shift %v exceeds its Monte Carlo noise floor %v", wtd, noise)
	}
}

// The committed REPORT.md is the one the committed results give.
func TestCommittedReportIsCurrent(t *testing.T) {
	got, err := os.ReadFile("results/REPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	if want := report.Write("results"); string(got) != want {
		t.Error("results/REPORT.md is not what `clonerobust report` writes from results/: rerun ./run.sh")
	}
}

// Every figure REPORT.md links to is in results/.
func TestReportFiguresExist(t *testing.T) {
	text, err := os.ReadFile("results/REPORT.md")
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`\]\(([^)]+\.png)\)`).FindAllStringSubmatch(string(text), -1)
	if len(links) < 10 {
		t.Fatalf("only %d figures linked", len(links))
	}
	for _, l := range links {
		if _, err := os.Stat(filepath.Join("results", l[1])); err != nil {
			t.Error(err)
		}
	}
}
