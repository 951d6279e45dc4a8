package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/prefdata"
	"github.com/clonerobust/clonerobust/estimators/weights"
	"github.com/clonerobust/clonerobust/internal/atomicfile"
)

const fitUsage = `Usage: clonerobust fit -alternatives A.csv -comparisons C.csv [-estimator standard|weighted] [-lambda L]
                       [-weights voronoi|uniform|kde|crw|dedup|W.csv] [-space unit|bbox|LOW:HIGH] [-margin F]
                       [-samples N] [-seed S] [-bandwidth H] [-alpha A] [-threshold T] [-metric euclidean|cosine]
                       [-out R.csv]

Fits a reward to every alternative of A.csv from the comparisons of C.csv and
writes id,reward,weight, one line per alternative in A.csv's order.

Files:
  A.csv  header id,x1,...,xd: a unique id, then d ≥ 1 numeric features
  C.csv  header a,b,p or a,b,p,count: alternative a was preferred to b in a
         fraction p ∈ [0,1] of count > 0 comparisons (count defaults to 1);
         the row u,v,1 is one comparison that u won
  W.csv  header id,weight: a non-negative weight per alternative, normalised
         to sum 1

The estimators minimise
  L(r) = − Σ_rows count·ω_ab·[p log σ(r_a − r_b) + (1 − p) log σ(r_b − r_a)] + (λ/2) Σ_i ν_i r_i²
with ω = ν = 1 (standard) or ω_ab = w_a·w_b, ν_i = w_i (weighted). The two λ's are on
different scales: with uniform weights, weighted λ = standard λ / m. With λ = 0 the
rewards are normalised to Σ ν_i r_i = 0.

Flags:
`

// fitOptions are the flags of clonerobust fit.
type fitOptions struct {
	alternatives, comparisons string
	estimator                 string
	lambda                    float64
	weights                   string
	space                     string
	margin                    float64
	samples                   int
	seed                      uint64
	bandwidth, alpha          float64
	threshold                 float64
	metric                    string
	out                       string
}

func fitCommand(args []string, stdout, stderr io.Writer) error {
	var o fitOptions
	fs := flag.NewFlagSet("fit", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), fitUsage)
		fs.PrintDefaults()
		fmt.Fprint(fs.Output(), "\nExit status: 0 on success, 1 if the fit fails on valid input, 2 on bad usage or malformed input.\n")
	}
	fs.StringVar(&o.alternatives, "alternatives", "", "alternatives `file` A.csv (required)")
	fs.StringVar(&o.comparisons, "comparisons", "", "comparisons `file` C.csv (required)")
	fs.StringVar(&o.estimator, "estimator", "weighted", "`estimator`: standard (the paper's Eq. 1) or weighted (Eq. 2)")
	fs.Float64Var(&o.lambda, "lambda", 0, "regularization λ ≥ 0 (default 0)")
	fs.StringVar(&o.weights, "weights", "voronoi", "weights of -estimator weighted: voronoi (the paper's), uniform, kde, crw, dedup, or a weights `file` W.csv")
	fs.StringVar(&o.space, "space", "bbox", "space S of the Voronoi cells: unit ([0,1]^d), bbox (the points' bounding box grown by -margin), or LOW:HIGH ([LOW,HIGH]^d)")
	fs.Float64Var(&o.margin, "margin", 0.1, "with -space bbox, each side grows by this fraction of its length at both ends")
	fs.IntVar(&o.samples, "samples", 1_000_000, "Monte Carlo samples of the Voronoi weights in d ≥ 2 (d = 1 is exact)")
	fs.Uint64Var(&o.seed, "seed", 1, "seed of the Monte Carlo samples")
	fs.Float64Var(&o.bandwidth, "bandwidth", 0, "with -weights kde, the Gaussian kernel's width (default 0: Scott's rule per coordinate)")
	fs.Float64Var(&o.alpha, "alpha", 0, "with -weights crw, the largest radius (default 0: 5% of the bounding box diagonal)")
	fs.Float64Var(&o.threshold, "threshold", 0, "with -weights dedup, the largest distance between duplicates (default 0: exact copies only)")
	fs.StringVar(&o.metric, "metric", "euclidean", "with -weights dedup, the distance: euclidean or cosine (1 − cosine similarity)")
	fs.StringVar(&o.out, "out", "", "write the rewards to this `file` (atomically) instead of standard output")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		return errUsage
	}
	set := make(map[string]bool)
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if err := o.check(fs.Args(), set); err != nil {
		return inputError{err}
	}
	return o.run(stdout)
}

// check validates the flags that need no file.
func (o *fitOptions) check(rest []string, set map[string]bool) error {
	switch {
	case len(rest) > 0:
		return fmt.Errorf("unexpected argument %q: all inputs are given by flags", rest[0])
	case o.alternatives == "":
		return errors.New("-alternatives is required")
	case o.comparisons == "":
		return errors.New("-comparisons is required")
	case o.estimator != "standard" && o.estimator != "weighted":
		return fmt.Errorf("-estimator %q, want standard or weighted", o.estimator)
	case o.estimator == "standard" && set["weights"]:
		return errors.New("-weights applies to -estimator weighted only")
	case !(o.lambda >= 0) || math.IsInf(o.lambda, 0):
		return fmt.Errorf("-lambda %v, want a finite λ ≥ 0", o.lambda)
	case !(o.margin >= 0) || math.IsInf(o.margin, 0):
		return fmt.Errorf("-margin %v, want a finite margin ≥ 0", o.margin)
	case !(o.bandwidth >= 0) || math.IsInf(o.bandwidth, 0):
		return fmt.Errorf("-bandwidth %v, want a finite bandwidth ≥ 0", o.bandwidth)
	case !(o.alpha >= 0) || math.IsInf(o.alpha, 0):
		return fmt.Errorf("-alpha %v, want a finite radius ≥ 0", o.alpha)
	case !(o.threshold >= 0) || math.IsInf(o.threshold, 0):
		return fmt.Errorf("-threshold %v, want a finite threshold ≥ 0", o.threshold)
	case o.metric != "euclidean" && o.metric != "cosine":
		return fmt.Errorf("-metric %q, want euclidean or cosine", o.metric)
	case o.samples <= 0:
		return fmt.Errorf("-samples %d, want at least 1", o.samples)
	}
	_, err := o.parseSpace()
	return err
}

func (o *fitOptions) parseSpace() (weights.Space, error) {
	switch o.space {
	case "unit":
		return weights.UnitCube{}, nil
	case "bbox":
		return weights.BoundingBox{Margin: o.margin}, nil
	}
	lo, hi, ok := strings.Cut(o.space, ":")
	low, err1 := strconv.ParseFloat(lo, 64)
	high, err2 := strconv.ParseFloat(hi, 64)
	if !ok || err1 != nil || err2 != nil || !(low < high) || math.IsInf(low, 0) || math.IsInf(high, 0) {
		return nil, fmt.Errorf("-space %q, want unit, bbox, or LOW:HIGH with finite LOW < HIGH", o.space)
	}
	return weights.Cube{Low: low, High: high}, nil
}

func (o *fitOptions) run(stdout io.Writer) error {
	alts, err := readFile(o.alternatives, func(r io.Reader) (*prefdata.Alternatives, error) {
		return prefdata.ReadAlternatives(o.alternatives, r)
	})
	if err != nil {
		return err
	}
	rows, err := readFile(o.comparisons, func(r io.Reader) ([]estimators.Comparison, error) {
		return prefdata.ReadComparisons(o.comparisons, r, alts)
	})
	if err != nil {
		return err
	}
	prob := &estimators.Problem{N: len(alts.IDs), Comparisons: rows, Lambda: o.lambda}
	if o.estimator == "weighted" {
		if prob.Weights, err = o.alternativeWeights(alts); err != nil {
			return err
		}
	}
	res, err := estimators.Fit(prob, nil)
	if err != nil {
		return explainFitError(err, alts, o.comparisons)
	}
	write := func(w io.Writer) error { return prefdata.WriteRewards(w, alts.IDs, res.Rewards, res.Weights) }
	if o.out == "" {
		return write(stdout)
	}
	return atomicfile.Write(o.out, func(f *os.File) error { return write(f) })
}

func (o *fitOptions) alternativeWeights(alts *prefdata.Alternatives) ([]float64, error) {
	var scheme weights.Scheme
	switch o.weights {
	case "uniform":
		scheme = weights.Uniform{}
	case "voronoi":
		space, _ := o.parseSpace() // checked in check
		scheme = weights.Voronoi{Space: space, Samples: o.samples, Seed: o.seed}
	case "kde":
		scheme = weights.KDE{Bandwidth: o.bandwidth}
	case "crw":
		scheme = weights.CRW{Alpha: o.alpha}
	case "dedup":
		scheme = weights.Dedup{Threshold: o.threshold, Cosine: o.metric == "cosine"}
	default:
		return readFile(o.weights, func(r io.Reader) ([]float64, error) {
			return prefdata.ReadWeights(o.weights, r, alts)
		})
	}
	w, err := scheme.Weights(alts.Points)
	if err != nil {
		return nil, inputError{fmt.Errorf("%s: %w", alts.File, err)}
	}
	return w, nil
}

// readFile opens name and parses it with read; every failure is an input
// error.
func readFile[T any](name string, read func(io.Reader) (T, error)) (T, error) {
	var zero T
	f, err := os.Open(name)
	if err != nil {
		return zero, inputError{err}
	}
	defer f.Close()
	v, err := read(f)
	if err != nil {
		return zero, inputError{err}
	}
	return v, nil
}

// explainFitError names alternatives by their ids and lines.
func explainFitError(err error, alts *prefdata.Alternatives, comparisons string) error {
	var nc *estimators.NoComparisonsError
	if errors.As(err, &nc) {
		return inputError{&prefdata.Error{File: alts.File, Line: alts.Lines[nc.Index],
			Msg: fmt.Sprintf("alternative %q has no comparisons in %s with an alternative of positive weight; with -lambda 0 its reward is undetermined", alts.IDs[nc.Index], comparisons)}}
	}
	var nm *estimators.NoMLEError
	if errors.As(err, &nm) {
		return fmt.Errorf("the unregularized MLE does not exist: %s never lost a comparison to %s, so their rewards would be infinite; use -lambda > 0",
			idList(alts, nm.Winners), idList(alts, nm.Losers))
	}
	return err
}

func idList(alts *prefdata.Alternatives, idx []int) string {
	const show = 5
	var b strings.Builder
	for k, i := range idx {
		if k == show {
			fmt.Fprintf(&b, " and %d more", len(idx)-show)
			break
		}
		if k > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", alts.IDs[i])
	}
	return b.String()
}
