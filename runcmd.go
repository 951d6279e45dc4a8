package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/clonerobust/clonerobust/experiments"
)

const runUsage = `Usage: clonerobust run [-workers N] [-out DIR] [-set key=value]... [-shard i/n] [-resume] CONFIG.yaml...

Runs every (sweep point × repetition) of each config and writes its results
to DIR/<name>/: runs.csv, summary.csv, config.yaml, manifest.json and the
plots. Every config is checked before anything runs.

With -shard i/n, runs only runs i, i+n, i+2n, … and saves them in
DIR/<name>/shards/; clonerobust merge DIR/<name> combines the shards into
results byte-identical to an unsharded run. With -resume, runs already saved
for the same resolved config are kept, so an interrupted run (Ctrl-C saves
what finished) continues where it stopped.

Flags:
`

const validateUsage = `Usage: clonerobust validate [-set key=value]... CONFIG.yaml...

Checks each config and its sweep points; runs nothing.

Flags:
`

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, " ") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

// loadPlans parses the flags common to run and validate and loads every
// config.
func loadPlans(fs *flag.FlagSet, args []string, sets *stringList) ([]*experiments.Plan, error) {
	fs.Var(sets, "set", "override a config key: `key=value` (value in YAML; repeatable), e.g. -set clones.count=5")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, errHelp
		}
		return nil, errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return nil, errUsage
	}
	var plans []*experiments.Plan
	names := make(map[string]string)
	for _, file := range fs.Args() {
		p, err := experiments.Load(file, *sets)
		if err != nil {
			return nil, inputError{err}
		}
		if prev, ok := names[p.Config.Name]; ok {
			return nil, inputError{fmt.Errorf("%s and %s both write results named %q", prev, file, p.Config.Name)}
		}
		names[p.Config.Name] = file
		plans = append(plans, p)
	}
	return plans, nil
}

func validateCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), validateUsage); fs.PrintDefaults() }
	var sets stringList
	plans, err := loadPlans(fs, args, &sets)
	if err != nil {
		return err
	}
	for _, p := range plans {
		fmt.Fprintf(stdout, "%s: ok: %q, %d sweep point(s) × %d repetition(s) × %d estimator(s)\n",
			p.File, p.Config.Name, len(p.Points), p.Config.Repetitions, len(p.Config.Estimators))
	}
	return nil
}

func runCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), runUsage); fs.PrintDefaults() }
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "number of runs at once")
	out := fs.String("out", "results", "`folder` of the results folders")
	shardFlag := fs.String("shard", "", "run only slice `i/n` of the runs (runs i, i+n, …) into DIR/<name>/shards/; combine the shards with clonerobust merge")
	resume := fs.Bool("resume", false, "keep the runs already saved for the same resolved config and run the rest")
	var sets stringList
	plans, err := loadPlans(fs, args, &sets)
	if err != nil {
		return err
	}
	if *workers < 1 {
		return inputError{fmt.Errorf("-workers %d, want at least 1", *workers)}
	}
	shard := experiments.Shard{Index: 0, Count: 1}
	if *shardFlag != "" {
		if shard, err = experiments.ParseShard(*shardFlag); err != nil {
			return inputError{fmt.Errorf("-shard: %w", err)}
		}
	}
	for _, p := range plans {
		start := time.Now()
		if *shardFlag == "" && !*resume {
			values, err := p.Execute(*workers, progressBar(stderr, p.Config.Name))
			if err != nil {
				return err
			}
			m := experiments.NewManifest(p, sets, start, *workers)
			if err := experiments.Write(*out, p, values, m); err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s: %d runs in %.1f s, results in %s/%s\n", p.File, m.Runs, m.Duration, *out, p.Config.Name)
			continue
		}
		// Saved runs survive an interruption: Ctrl-C stops the shard after
		// the runs under way and saves them.
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := p.RunShard(ctx, *out, shard, *workers, *resume, 10*time.Second, progressBar(stderr, p.Config.Name))
		stop()
		dir := filepath.Join(*out, p.Config.Name)
		if errors.Is(err, context.Canceled) {
			return fmt.Errorf("%s: interrupted; the finished runs are saved in %s/shards, continue with -resume", p.File, dir)
		}
		if err != nil {
			return err
		}
		if *shardFlag != "" {
			fmt.Fprintf(stdout, "%s: shard %d/%d in %.1f s, saved in %s/shards; when every shard is done: clonerobust merge %s\n",
				p.File, shard.Index, shard.Count, time.Since(start).Seconds(), dir, dir)
			continue
		}
		if _, err := experiments.Merge(dir, func(p *experiments.Plan) experiments.Manifest {
			return experiments.NewManifest(p, sets, start, *workers)
		}); err != nil {
			return err
		}
		if err := os.RemoveAll(filepath.Join(dir, "shards")); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: %d runs in %.1f s, results in %s\n", p.File, p.Runs(), time.Since(start).Seconds(), dir)
	}
	return nil
}

const mergeUsage = `Usage: clonerobust merge DIR...

Combines the shards of each results folder DIR (DIR/shards/, written by
clonerobust run -shard) into runs.csv, summary.csv, the plots and the rest,
as an unsharded run writes them.
`

func mergeCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(fs.Output(), mergeUsage) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	for _, dir := range fs.Args() {
		start := time.Now()
		p, err := experiments.Merge(filepath.Clean(dir), func(p *experiments.Plan) experiments.Manifest {
			return experiments.NewManifest(p, nil, start, 0)
		})
		if err != nil {
			return inputError{err}
		}
		fmt.Fprintf(stdout, "%s: merged %d runs\n", dir, p.Runs())
	}
	return nil
}

// progressBar returns a progress callback that redraws a bar on w when w is
// a terminal, and nil otherwise.
func progressBar(w io.Writer, name string) func(done, total int) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	start := time.Now()
	return func(done, total int) {
		const width = 30
		bar := strings.Repeat("█", done*width/total) + strings.Repeat("·", width-done*width/total)
		eta := time.Duration(float64(time.Since(start)) * float64(total-done) / float64(done)).Round(time.Second)
		fmt.Fprintf(f, "\r%s %s %d/%d runs, %v left ", name, bar, done, total, eta)
		if done == total {
			fmt.Fprintln(f)
		}
	}
}
