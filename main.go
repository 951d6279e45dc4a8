// Command clonerobust fits Bradley-Terry reward models to pairwise
// comparisons with the standard and the clone-robust weighted maximum
// likelihood estimators of "Clone-Robust AI Alignment" (Procaccia, Schiffer,
// Zhang, ICML 2025).
//
// Usage:
//
//	clonerobust fit -alternatives A.csv -comparisons C.csv [flags]
//	clonerobust run [-workers N] [-out DIR] [-set key=value]... [-shard i/n] [-resume] CONFIG.yaml...
//	clonerobust merge DIR...
//	clonerobust validate [-set key=value]... CONFIG.yaml...
//	clonerobust report [-results DIR]
//
// fit fits the estimators to a user's own data; run runs YAML-configured
// experiments and writes their results and plots (on many machines with
// -shard, then merge); validate checks configs;
// report writes REPORT.md, each claim of the paper against the results.
// Run "clonerobust COMMAND -h" for the flags. The exit status is 0 on success,
// 1 when a fit fails on valid input (the unregularized MLE does not exist,
// the solver does not converge, an output cannot be written), and 2 on
// bad usage or malformed input.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `clonerobust fits reward functions to pairwise comparisons and runs
clone-robustness experiments.

Usage:

	clonerobust fit -alternatives A.csv -comparisons C.csv [flags]
	clonerobust run [-workers N] [-out DIR] [-set key=value]... [-shard i/n] [-resume] CONFIG.yaml...
	clonerobust merge DIR...
	clonerobust validate [-set key=value]... CONFIG.yaml...
	clonerobust report [-results DIR]

Run "clonerobust COMMAND -h" for the flags of a command.
`

// inputError marks bad usage or malformed input: exit status 2.
type inputError struct{ error }

func (e inputError) Unwrap() error { return e.error }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "fit":
		err = fitCommand(args[1:], stdout, stderr)
	case "run":
		err = runCommand(args[1:], stdout, stderr)
	case "validate":
		err = validateCommand(args[1:], stdout, stderr)
	case "report":
		err = reportCommand(args[1:], stdout, stderr)
	case "merge":
		err = mergeCommand(args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "clonerobust: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2 // the flag package has already explained
	}
	fmt.Fprintf(stderr, "clonerobust %s: %v\n", args[0], err)
	if errors.As(err, new(inputError)) {
		return 2
	}
	return 1
}

var (
	errHelp  = errors.New("help requested")
	errUsage = errors.New("bad usage")
)
