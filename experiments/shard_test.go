package experiments

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func manifestNow(p *Plan) Manifest { return NewManifest(p, nil, time.Now(), 1) }

// sameFiles reports the named files that differ between folders a and b.
func sameFiles(t *testing.T, a, b string, names ...string) {
	t.Helper()
	for _, name := range names {
		x, err1 := os.ReadFile(filepath.Join(a, name))
		y, err2 := os.ReadFile(filepath.Join(b, name))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between %s and %s", name, a, b)
		}
	}
}

func TestShardsMergeToTheUnshardedResults(t *testing.T) {
	for _, tc := range []struct {
		file  string
		files []string
	}{
		{"testdata/themes.yaml", []string{"runs.csv", "summary.csv", "config.yaml", "max_shift_vs_clones.count.png"}},
		{"testdata/case.yaml", []string{"runs.csv", "summary.csv", "themes.csv", "winners.csv", "ess.csv", "README.md", "themes.png", "loss.png"}},
	} {
		p := load(t, tc.file)
		whole, sharded := t.TempDir(), t.TempDir()
		if err := Write(whole, p, execute(t, p, 2), manifestNow(p)); err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			if err := p.RunShard(context.Background(), sharded, Shard{Index: i, Count: 3}, 1, false, 0, nil); err != nil {
				t.Fatal(err)
			}
		}
		dir := filepath.Join(sharded, p.Config.Name)
		if _, err := Merge(dir, manifestNow); err != nil {
			t.Fatal(err)
		}
		sameFiles(t, filepath.Join(whole, p.Config.Name), dir, tc.files...)
		if _, err := os.Stat(filepath.Join(dir, "shards", "shard-2-of-3.jsonl")); err != nil {
			t.Errorf("the shards did not stay with the merged results: %v", err)
		}
	}
}

// An interrupted shard saves the runs it finished; resuming runs only the
// others, and the merged results are those of an uninterrupted run.
func TestResume(t *testing.T) {
	p := load(t, "testdata/themes.yaml")
	whole, dir := t.TempDir(), t.TempDir()
	if err := Write(whole, p, execute(t, p, 1), manifestNow(p)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err := p.RunShard(ctx, dir, Shard{Count: 1}, 1, false, 0, func(done, total int) {
		if done == 5 {
			cancel()
		}
	})
	if err != context.Canceled {
		t.Fatalf("interrupted shard returned %v", err)
	}
	path := filepath.Join(dir, "themes", "shards", "shard-0-of-1.jsonl")
	_, saved, err := readShard(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(saved) != 5 {
		t.Fatalf("%d runs saved, want the 5 finished", len(saved))
	}
	ran := 0
	if err := p.RunShard(context.Background(), dir, Shard{Count: 1}, 2, true, 0, func(done, total int) { ran = total }); err != nil {
		t.Fatal(err)
	}
	if ran != p.Runs()-5 {
		t.Errorf("resumed %d runs, want %d", ran, p.Runs()-5)
	}
	if _, err := Merge(filepath.Join(dir, "themes"), manifestNow); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, filepath.Join(whole, "themes"), filepath.Join(dir, "themes"), "runs.csv", "summary.csv")

	// A different config cannot resume these runs.
	q := load(t, "testdata/themes.yaml", "seed=8")
	if err := q.RunShard(context.Background(), dir, Shard{Count: 1}, 1, true, 0, nil); err == nil || !strings.Contains(err.Error(), "another config") {
		t.Errorf("resuming another config's runs: %v", err)
	}
}

func TestMergeErrors(t *testing.T) {
	p := load(t, "testdata/themes.yaml")
	dir := t.TempDir()
	if err := p.RunShard(context.Background(), dir, Shard{Index: 0, Count: 2}, 1, false, 0, nil); err != nil {
		t.Fatal(err)
	}
	_, err := Merge(filepath.Join(dir, "themes"), manifestNow)
	if err == nil || !strings.Contains(err.Error(), "6 of 12 runs are missing (runs [1 3 5 7 9 11])") {
		t.Errorf("merge with a shard missing: %v", err)
	}
	q := load(t, "testdata/themes.yaml", "repetitions=2")
	if err := q.RunShard(context.Background(), dir, Shard{Index: 1, Count: 2}, 1, false, 0, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(filepath.Join(dir, "themes"), manifestNow); err == nil || !strings.Contains(err.Error(), "different configs") {
		t.Errorf("merge of two configs' shards: %v", err)
	}
	for _, s := range []string{"", "1", "2/2", "-1/3", "a/b", "0/0"} {
		if _, err := ParseShard(s); err == nil {
			t.Errorf("shard %q accepted", s)
		}
	}
}
