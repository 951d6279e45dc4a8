package experiments

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/clonerobust/clonerobust/internal/atomicfile"
)

// Shard is the slice Index of Count of a plan's runs: runs Index,
// Index + Count, Index + 2·Count, …, so that shards of a sweep are
// balanced whatever its order.
type Shard struct {
	Index, Count int
}

// ParseShard reads "i/n" with 0 ≤ i < n.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("shard %q: want i/n with 0 ≤ i < n, such as 0/4", s)
	}
	return Shard{Index: i, Count: n}, nil
}

func (s Shard) runs(total int) []int {
	var runs []int
	for i := s.Index; i < total; i += s.Count {
		runs = append(runs, i)
	}
	return runs
}

// Hash identifies a plan's resolved config: runs of one hash can be merged
// and resumed.
func (p *Plan) Hash() string {
	sum := sha256.Sum256(p.Resolved)
	return hex.EncodeToString(sum[:])
}

// shardHeader is the first line of a shard file.
type shardHeader struct {
	Config string `json:"config"`
	Hash   string `json:"hash"`
	Shard  int    `json:"shard"`
	Of     int    `json:"of"`
	Runs   int    `json:"runs"`
}

// shardRecord is a line of a shard file: a run and what it measured. JSON
// numbers keep float64 values exactly.
type shardRecord struct {
	Run    int       `json:"run"`
	Result RunResult `json:"result"`
}

func shardDir(dir string, p *Plan) string { return filepath.Join(dir, p.Config.Name, "shards") }

func shardPath(dir string, p *Plan, s Shard) string {
	return filepath.Join(shardDir(dir, p), fmt.Sprintf("shard-%d-of-%d.jsonl", s.Index, s.Count))
}

// RunShard runs shard s of the plan and writes its results to
// dir/<name>/shards/, beside the resolved config. With resume, runs
// already in the shard's file (of the same config hash) are kept and not
// run again. The file is rewritten, atomically, every checkpoint and when
// ctx is cancelled, so an interrupted shard leaves a complete file of the
// runs it finished, and returns ctx's error.
func (p *Plan) RunShard(ctx context.Context, dir string, s Shard, workers int, resume bool, checkpoint time.Duration, progress func(done, total int)) error {
	path := shardPath(dir, p, s)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	cfg := filepath.Join(shardDir(dir, p), "config.yaml")
	if err := atomicfile.Write(cfg, func(f *os.File) error { _, err := f.Write(p.Resolved); return err }); err != nil {
		return err
	}
	header := shardHeader{Config: p.File, Hash: p.Hash(), Shard: s.Index, Of: s.Count, Runs: p.Runs()}
	done := make(map[int]RunResult)
	if resume {
		h, recs, err := readShard(path)
		switch {
		case errors.Is(err, os.ErrNotExist):
		case err != nil:
			return err
		case h != header:
			return fmt.Errorf("%s holds runs of another config or shard (hash %.12s, shard %d/%d); remove it or run without -resume", path, h.Hash, h.Shard, h.Of)
		default:
			done = recs
		}
	}
	var todo []int
	for _, i := range s.runs(p.Runs()) {
		if _, ok := done[i]; !ok {
			todo = append(todo, i)
		}
	}
	var mu sync.Mutex
	last := time.Now()
	save := func() error {
		mu.Lock()
		defer mu.Unlock()
		last = time.Now()
		return writeShard(path, header, done)
	}
	var saveErr error
	err := p.execute(ctx, workers, todo, progress, func(i int, r RunResult) {
		mu.Lock()
		done[i] = r
		due := checkpoint > 0 && time.Since(last) >= checkpoint
		mu.Unlock()
		if due && saveErr == nil {
			saveErr = save()
		}
	})
	if saveErr != nil {
		return saveErr
	}
	if err := save(); err != nil {
		return err
	}
	return err
}

func writeShard(path string, h shardHeader, done map[int]RunResult) error {
	runs := make([]int, 0, len(done))
	for i := range done {
		runs = append(runs, i)
	}
	slices.Sort(runs)
	return atomicfile.Write(path, func(f *os.File) error {
		w := bufio.NewWriter(f)
		enc := json.NewEncoder(w)
		if err := enc.Encode(h); err != nil {
			return err
		}
		for _, i := range runs {
			if err := enc.Encode(shardRecord{Run: i, Result: done[i]}); err != nil {
				return err
			}
		}
		return w.Flush()
	})
}

func readShard(path string) (shardHeader, map[int]RunResult, error) {
	var h shardHeader
	f, err := os.Open(path)
	if err != nil {
		return h, nil, err
	}
	defer f.Close()
	dec := json.NewDecoder(bufio.NewReader(f))
	if err := dec.Decode(&h); err != nil {
		return h, nil, fmt.Errorf("%s: header: %w", path, err)
	}
	recs := make(map[int]RunResult)
	for line := 2; dec.More(); line++ {
		var r shardRecord
		if err := dec.Decode(&r); err != nil {
			return h, nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if r.Run < 0 || r.Run >= h.Runs || r.Run%h.Of != h.Shard {
			return h, nil, fmt.Errorf("%s:%d: run %d is not one of shard %d/%d's", path, line, r.Run, h.Shard, h.Of)
		}
		recs[r.Run] = r.Result
	}
	return h, recs, nil
}

// Merge reads the shards of the results folder dir (dir/shards/) and
// writes the results of the whole plan into dir, as an unsharded run
// would, keeping the shards. Every run must be in exactly one shard file of
// one config hash.
func Merge(dir string, m func(p *Plan) Manifest) (*Plan, error) {
	sdir := filepath.Join(dir, "shards")
	resolved, err := os.ReadFile(filepath.Join(sdir, "config.yaml"))
	if err != nil {
		return nil, err
	}
	files, err := filepath.Glob(filepath.Join(sdir, "shard-*-of-*.jsonl"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("%s: no shard files", sdir)
	}
	var first shardHeader
	var values Values
	seen := make(map[int]string)
	for _, path := range files {
		h, recs, err := readShard(path)
		if err != nil {
			return nil, err
		}
		if values == nil {
			first = h
			values = make(Values, h.Runs)
		}
		if h.Hash != first.Hash || h.Runs != first.Runs {
			return nil, fmt.Errorf("%s and %s hold runs of different configs", files[0], path)
		}
		for i, r := range recs {
			if prev, ok := seen[i]; ok {
				return nil, fmt.Errorf("run %d is in both %s and %s", i, prev, path)
			}
			seen[i] = path
			values[i] = r
		}
	}
	var missing []int
	for i := range values {
		if _, ok := seen[i]; !ok {
			missing = append(missing, i)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: %d of %d runs are missing (runs %s); run the shards they belong to, with -resume if they were interrupted", sdir, len(missing), len(values), preview(missing))
	}
	p, err := Parse(first.Config, resolved, nil)
	if err != nil {
		return nil, err
	}
	p.Resolved = resolved
	if p.Hash() != first.Hash {
		return nil, fmt.Errorf("%s does not match the shards' config hash", filepath.Join(sdir, "config.yaml"))
	}
	if p.Config.Name != filepath.Base(dir) {
		return nil, fmt.Errorf("%s holds results named %q", dir, p.Config.Name)
	}
	return p, Write(filepath.Dir(dir), p, values, m(p))
}

func preview(runs []int) string {
	s := fmt.Sprint(runs[:min(len(runs), 10)])
	if len(runs) > 10 {
		s = strings.TrimSuffix(s, "]") + " …]"
	}
	return s
}
