package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestRunAndValidate(t *testing.T) {
	const cfg = "experiments/testdata/line.yaml"
	code, out, errs := runCmd("validate", cfg)
	if code != 0 || !strings.Contains(out, `ok: "line", 1 sweep point(s) × 1 repetition(s) × 2 estimator(s)`) {
		t.Fatalf("validate: exit %d, %q, %q", code, out, errs)
	}
	dir := t.TempDir()
	code, out, errs = runCmd("run", "-workers", "1", "-out", dir, "-set", "repetitions=2", cfg)
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errs)
	}
	for _, name := range []string{"runs.csv", "summary.csv", "config.yaml", "manifest.json"} {
		if _, err := os.Stat(filepath.Join(dir, "line", name)); err != nil {
			t.Error(err)
		}
	}
	manifest, _ := os.ReadFile(filepath.Join(dir, "line", "manifest.json"))
	for _, want := range []string{`"seed": 1`, `"go_version": "go`, `"workers": 1`, `"runs": 2`, `"repetitions=2"`} {
		if !bytes.Contains(manifest, []byte(want)) {
			t.Errorf("manifest lacks %s:\n%s", want, manifest)
		}
	}
}

// A bad config stops the command before anything runs: exit status 2, a
// message naming the file, line and key, and no results folder.
func TestRunBadConfig(t *testing.T) {
	dir := t.TempDir()
	good, err := os.ReadFile("experiments/testdata/line.yaml")
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, bytes.Replace(good, []byte("radius: 0}"), []byte("radius: -1}"), 1), 0o644)
	out := filepath.Join(dir, "results")
	// The good config comes first: it must not run either.
	code, _, errs := runCmd("run", "-out", out, "experiments/testdata/line.yaml", bad)
	if code != 2 {
		t.Errorf("exit status %d, want 2", code)
	}
	if want := bad + ":10: clones.radius: -1: want a finite radius ≥ 0"; !strings.Contains(errs, want) {
		t.Errorf("error %q does not contain %q", errs, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("a results folder was created")
	}
	if code, _, _ := runCmd("validate", bad); code != 2 {
		t.Errorf("validate: exit status %d, want 2", code)
	}
	if code, _, _ := runCmd("run", "-workers", "0", "experiments/testdata/line.yaml"); code != 2 {
		t.Errorf("-workers 0: exit status %d, want 2", code)
	}
}

// Sharded runs merged from the command line give the unsharded results.
func TestRunShardsAndMerge(t *testing.T) {
	const cfg = "experiments/testdata/themes.yaml"
	whole, sharded := t.TempDir(), t.TempDir()
	if code, _, errs := runCmd("run", "-workers", "2", "-out", whole, cfg); code != 0 {
		t.Fatalf("run: %s", errs)
	}
	for _, s := range []string{"0/2", "1/2"} {
		code, out, errs := runCmd("run", "-shard", s, "-out", sharded, cfg)
		if code != 0 || !strings.Contains(out, "clonerobust merge") {
			t.Fatalf("run -shard %s: exit %d, %q, %s", s, code, out, errs)
		}
	}
	if code, out, errs := runCmd("merge", filepath.Join(sharded, "themes")); code != 0 || !strings.Contains(out, "merged 12 runs") {
		t.Fatalf("merge: exit %d, %q, %s", code, out, errs)
	}
	for _, name := range []string{"runs.csv", "summary.csv", "config.yaml", "max_shift_vs_clones.count.png"} {
		a, _ := os.ReadFile(filepath.Join(whole, "themes", name))
		b, _ := os.ReadFile(filepath.Join(sharded, "themes", name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs", name)
		}
	}
	// -resume without shards runs everything and leaves no shards behind.
	resumed := t.TempDir()
	if code, _, errs := runCmd("run", "-resume", "-out", resumed, cfg); code != 0 {
		t.Fatalf("run -resume: %s", errs)
	}
	if _, err := os.Stat(filepath.Join(resumed, "themes", "shards")); !os.IsNotExist(err) {
		t.Error("a finished -resume run left its shards")
	}
	a, _ := os.ReadFile(filepath.Join(whole, "themes", "summary.csv"))
	b, _ := os.ReadFile(filepath.Join(resumed, "themes", "summary.csv"))
	if !bytes.Equal(a, b) {
		t.Error("summary.csv of a -resume run differs")
	}
	if code, _, _ := runCmd("run", "-shard", "3/2", "-out", sharded, cfg); code != 2 {
		t.Errorf("-shard 3/2: exit %d, want 2", code)
	}
	if code, _, _ := runCmd("merge", t.TempDir()); code != 2 {
		t.Errorf("merge of a folder without shards: exit %d, want 2", code)
	}
}
