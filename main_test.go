package main

import (
	"bytes"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

func runFit(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(append([]string{"fit"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

func TestFitGolden(t *testing.T) {
	data := []string{"-alternatives", "testdata/alternatives.csv", "-comparisons", "testdata/comparisons.csv"}
	tests := []struct {
		name string
		args []string
	}{
		{"standard", []string{"-estimator", "standard"}},
		{"standard_lambda", []string{"-estimator", "standard", "-lambda", "2"}},
		{"weighted_default", nil},
		{"weighted_unit", []string{"-space", "unit", "-samples", "100000", "-seed", "7"}},
		{"weighted_box", []string{"-space", "-1:2", "-samples", "100000", "-lambda", "0.1"}},
		{"weighted_uniform", []string{"-weights", "uniform"}},
		{"weighted_file", []string{"-weights", "testdata/weights.csv", "-lambda", "0.5"}},
		{"weighted_kde", []string{"-weights", "kde", "-lambda", "0.1"}},
		{"weighted_crw", []string{"-weights", "crw", "-alpha", "0.3"}},
		{"weighted_dedup", []string{"-weights", "dedup", "-threshold", "0.02"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runFit(t, append(data, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errs)
			}
			golden := filepath.Join("testdata", "golden", tt.name+".csv")
			if *update {
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, out)
			}
		})
	}
}

// readRewards parses fit's output into rewards and weights by id.
func readRewards(t *testing.T, out string) (rewards, weights map[string]float64) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if lines[0] != "id,reward,weight" {
		t.Fatalf("header %q", lines[0])
	}
	rewards, weights = make(map[string]float64), make(map[string]float64)
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		r, err1 := strconv.ParseFloat(f[1], 64)
		w, err2 := strconv.ParseFloat(f[2], 64)
		if len(f) != 3 || err1 != nil || err2 != nil {
			t.Fatalf("bad line %q", l)
		}
		rewards[f[0]], weights[f[0]] = r, w
	}
	return rewards, weights
}

// u beat v 3 times out of 4: r_u − r_v = logit(3/4) = ln 3 and r_u + r_v = 0.
func TestFitByHand(t *testing.T) {
	for _, est := range []string{"standard", "weighted"} {
		code, out, errs := runFit(t, "-alternatives", "testdata/two_alternatives.csv", "-comparisons", "testdata/two_comparisons.csv", "-estimator", est)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errs)
		}
		r, w := readRewards(t, out)
		if want := math.Log(3) / 2; math.Abs(r["u"]-want) > 1e-10 || math.Abs(r["v"]+want) > 1e-10 {
			t.Errorf("%s: rewards %v, want ±%v", est, r, want)
		}
		if math.Abs(w["u"]-0.5) > 1e-15 || math.Abs(w["v"]-0.5) > 1e-15 {
			t.Errorf("%s: weights %v, want 0.5 each", est, w)
		}
	}
}

// The weighted fit gives an exact copy its original's reward and leaves the
// rest of the file's rewards alone; checked on the shipped example, whose
// paris_food_copy is a near copy.
func TestFitWeightsFileSplitsCopies(t *testing.T) {
	code, out, errs := runFit(t, "-alternatives", "testdata/alternatives.csv", "-comparisons", "testdata/comparisons.csv", "-weights", "testdata/weights.csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r, w := readRewards(t, out)
	if math.Abs(w["paris_art"]-1.0/3) > 1e-15 || w["paris_museums"] != 0 {
		t.Errorf("weights %v, want the file's normalised", w)
	}
	// food and its copy have the same comparisons and the same weight.
	if math.Abs(r["paris_food"]-r["paris_food_copy"]) > 1e-9 {
		t.Errorf("food %v and its copy %v differ", r["paris_food"], r["paris_food_copy"])
	}
}

func TestFitWritesOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "rewards.csv")
	code, stdout, errs := runFit(t, "-alternatives", "testdata/two_alternatives.csv", "-comparisons", "testdata/two_comparisons.csv", "-out", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q: %s", code, stdout, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	readRewards(t, string(b))
}

func TestFitMalformed(t *testing.T) {
	const alts = "id,x1,x2\nu,0,0\nv,1,0\nw,0,1\n"
	const cmps = "a,b,p\nu,v,0.5\nv,w,0.5\nw,u,0.5\n"
	tests := []struct {
		name       string
		alts, cmps string
		weights    string // contents of W.csv; empty for Voronoi weights
		flags      []string
		want       []string // in the error message
	}{
		{"alternatives: missing column", "id,x1,x2\nu,0,0\nv,1\n", cmps, "", nil, []string{"A.csv:3", "2 fields, want 3"}},
		{"alternatives: extra column", "id,x1\nu,0\nv,1,2\n", cmps, "", nil, []string{"A.csv:3", "3 fields, want 2"}},
		{"alternatives: no feature", "id\nu\n", cmps, "", nil, []string{"A.csv:1", "want id,x1,...,xd"}},
		{"alternatives: not a number", "id,x1\nu,0\nv,abc\n", cmps, "", nil, []string{"A.csv:3", `x1 = "abc" is not a finite number`}},
		{"alternatives: NaN", "id,x1\nu,0\nv,NaN\n", cmps, "", nil, []string{"A.csv:3", "not a finite number"}},
		{"alternatives: duplicate id", "id,x1\nu,0\nv,1\nu,2\n", cmps, "", nil, []string{"A.csv:4", `duplicate id "u" (first at line 2)`}},
		{"comparisons: bad header", alts, "a,b\nu,v\n", "", nil, []string{"C.csv:1", "want a,b,p or a,b,p,count"}},
		{"comparisons: missing column", alts, "a,b,p\nu,v\n", "", nil, []string{"C.csv:2", "2 fields, want 3"}},
		{"comparisons: extra column", alts, "a,b,p\nu,v,0.5,3\n", "", nil, []string{"C.csv:2", "4 fields, want 3"}},
		{"comparisons: unknown id", alts, "a,b,p\nu,v,0.5\nu,z,1\n", "", nil, []string{"C.csv:3", `b = "z" is not an id of`, "A.csv"}},
		{"comparisons: a = b", alts, "a,b,p\nu,u,0.5\n", "", nil, []string{"C.csv:2", "cannot be compared with itself"}},
		{"comparisons: p above 1", alts, "a,b,p\nu,v,0.5\nv,w,1.5\n", "", nil, []string{"C.csv:3", "p = 1.5 is outside [0, 1]"}},
		{"comparisons: p below 0", alts, "a,b,p\nu,v,-0.1\n", "", nil, []string{"C.csv:2", "outside [0, 1]"}},
		{"comparisons: p not a number", alts, "a,b,p\nu,v,half\n", "", nil, []string{"C.csv:2", `p = "half" is not a finite number`}},
		{"comparisons: zero count", alts, "a,b,p,count\nu,v,0.5,0\n", "", nil, []string{"C.csv:2", "count = 0, want count > 0"}},
		{"comparisons: negative count", alts, "a,b,p,count\nu,v,0.5,-2\n", "", nil, []string{"C.csv:2", "count = -2, want count > 0"}},
		{"comparisons: bad quoting", alts, "a,b,p\nu,\"v,0.5\n", "", nil, []string{"C.csv:2"}},
		{"no comparisons at lambda 0", alts, "a,b,p\nu,v,0.5\n", "", nil, []string{"A.csv:4", `alternative "w" has no comparisons`}},
		{"weights: negative", alts, cmps, "id,weight\nu,1\nv,-1\nw,1\n", nil, []string{"W.csv:3", "weight = -1, want weight ≥ 0"}},
		{"weights: unknown id", alts, cmps, "id,weight\nu,1\nz,1\n", nil, []string{"W.csv:3", `id "z" is not an id of`}},
		{"weights: missing alternative", alts, cmps, "id,weight\nu,1\nv,1\n", nil, []string{"W.csv", `no weight for alternative "w"`}},
		{"weights: duplicate id", alts, cmps, "id,weight\nu,1\nv,1\nu,1\nw,1\n", nil, []string{"W.csv:4", "duplicate id"}},
		{"weights: bad header", alts, cmps, "id,w\nu,1\n", nil, []string{"W.csv:1", "want id,weight"}},
		{"flag: estimator", alts, cmps, "", []string{"-estimator", "median"}, []string{`-estimator "median"`, "standard or weighted"}},
		{"flag: negative lambda", alts, cmps, "", []string{"-lambda", "-1"}, []string{"-lambda -1", "λ ≥ 0"}},
		{"flag: space", alts, cmps, "", []string{"-space", "2:1"}, []string{`-space "2:1"`, "LOW:HIGH"}},
		{"flag: samples", alts, cmps, "", []string{"-samples", "0"}, []string{"-samples 0"}},
		{"flag: weights with standard", alts, cmps, "", []string{"-estimator", "standard", "-weights", "uniform"}, []string{"-weights applies to -estimator weighted only"}},
		{"flag: unknown", alts, cmps, "", []string{"-bogus"}, []string{"flag provided but not defined: -bogus"}},
		{"flag: metric", alts, cmps, "", []string{"-weights", "dedup", "-metric", "manhattan"}, []string{`-metric "manhattan"`, "euclidean or cosine"}},
		{"flag: negative alpha", alts, cmps, "", []string{"-weights", "crw", "-alpha", "-1"}, []string{"-alpha -1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			write := func(name, content string) string {
				path := filepath.Join(dir, name)
				if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
					t.Fatal(err)
				}
				return path
			}
			out := filepath.Join(dir, "R.csv")
			args := []string{"-alternatives", write("A.csv", tt.alts), "-comparisons", write("C.csv", tt.cmps), "-out", out}
			if tt.weights != "" {
				args = append(args, "-weights", write("W.csv", tt.weights))
			}
			code, stdout, errs := runFit(t, append(args, tt.flags...)...)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (stderr %q)", code, errs)
			}
			for _, w := range tt.want {
				if !strings.Contains(errs, w) {
					t.Errorf("error %q does not mention %q", errs, w)
				}
			}
			if stdout != "" {
				t.Errorf("wrote %q to standard output", stdout)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was written", out)
			}
		})
	}
}

func TestFitNoMLE(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "A.csv")
	c := filepath.Join(dir, "C.csv")
	os.WriteFile(a, []byte("id,x\nu,0\nv,1\nw,2\n"), 0o644)
	os.WriteFile(c, []byte("a,b,p\nu,v,1\nu,w,1\nv,w,0.5\n"), 0o644)
	code, _, errs := runFit(t, "-alternatives", a, "-comparisons", c)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, w := range []string{"unregularized MLE does not exist", `"u" never lost a comparison to "v", "w"`, "-lambda > 0"} {
		if !strings.Contains(errs, w) {
			t.Errorf("error %q does not mention %q", errs, w)
		}
	}
	if code, _, errs := runFit(t, "-alternatives", a, "-comparisons", c, "-lambda", "0.1"); code != 0 {
		t.Errorf("with λ > 0: exit %d: %s", code, errs)
	}
}

func TestUsage(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(nil, &out, &errb); code != 2 || !strings.Contains(errb.String(), "Usage") {
		t.Errorf("no command: exit %d, stderr %q", code, errb.String())
	}
	if code := run([]string{"frobnicate"}, &out, &errb); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
	errb.Reset()
	if code := run([]string{"fit", "-h"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "-samples") {
		t.Errorf("fit -h: exit %d, help %q", code, errb.String())
	}
}
