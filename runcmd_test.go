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
