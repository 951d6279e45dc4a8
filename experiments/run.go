package experiments

import (
	"context"
	"fmt"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/metrics"
	"github.com/clonerobust/clonerobust/sim"
)

// outcome is what one estimator gave in one run: its rewards on D (the
// originals) and on D' (originals then clones).
type outcome struct {
	before, after []float64
	cloneOf       []int     // original of each alternative of D', −1 for originals
	average       []float64 // population's average reward of each original
	omega         []float64 // row weights of D'
	noise         func() (float64, error)
}

// metric is a measurement of an outcome.
type metric struct {
	name, doc string
	measure   func(*outcome) (float64, error)
}

func pure(f func(*outcome) float64) func(*outcome) (float64, error) {
	return func(o *outcome) (float64, error) { return f(o), nil }
}

// metricList holds every metric, in the order of MetricNames.
var metricList = []metric{
	{"max_shift", "largest change of an original's reward when the clones are added", pure(func(o *outcome) float64 { return metrics.MaxShift(o.before, o.after) })},
	{"rms_shift", "root mean square change of the originals' rewards", pure(func(o *outcome) float64 { return metrics.RMSShift(o.before, o.after) })},
	{"clone_gap", "largest |r(x') − r(x)| of a clone x' and its original x under D'", pure(func(o *outcome) float64 { return metrics.CloneGap(o.after, o.cloneOf) })},
	{"kendall_tau", "Kendall's τ between the originals' rankings under D and D'", pure(func(o *outcome) float64 { return metrics.KendallTau(o.before, o.after) })},
	{"top_changed", "1 if the best original under D is not the best under D'", pure(func(o *outcome) float64 { return metrics.TopChanged(o.before, o.after) })},
	{"error_vs_average", "RMS distance, after centring, between the originals' rewards under D' and the population's average reward", pure(func(o *outcome) float64 { return metrics.ErrorVsAverage(o.after, o.average) })},
	{"ess", "Kish's effective sample size of the row weights of D'", pure(func(o *outcome) float64 { return metrics.EffectiveSampleSize(o.omega) })},
	{"noise_shift", "max_shift between two fits of D with independent Monte Carlo weights: the noise floor of max_shift (0 without Monte Carlo)", func(o *outcome) (float64, error) { return o.noise() }},
}

var metricByName = func() map[string]metric {
	m := make(map[string]metric)
	for _, x := range metricList {
		m[x.name] = x
	}
	return m
}()

// rewardMetric matches the metrics reward_0, reward_1, …: the reward of
// one original alternative under D' (centred on the originals when λ = 0).
var rewardMetric = regexp.MustCompile(`^reward_(0|[1-9][0-9]*)$`)

// measure returns the named metric of an outcome.
func measure(name string, o *outcome) (float64, error) {
	if m := rewardMetric.FindStringSubmatch(name); m != nil {
		i, _ := strconv.Atoi(m[1])
		return o.after[i], nil
	}
	return metricByName[name].measure(o)
}

// RunResult is what one (sweep point, repetition) measured.
type RunResult struct {
	// Metrics[estimator][metric] is the value of each of the config's
	// metrics for each estimator.
	Metrics [][]float64
	// Case holds each estimator's outcome in a case study, and is nil
	// otherwise.
	Case []CaseOutcome
	// WinRates holds each estimator's win rates in a win_rates config.
	WinRates []WinRates
}

// Values holds the results of a plan's runs, ordered by sweep point, then
// repetition.
type Values []RunResult

// Execute runs every (sweep point, repetition) of the plan on workers
// goroutines (all processors if workers ≤ 0), calling progress, if not nil,
// after each run, one call at a time. The values do not depend on workers.
func (p *Plan) Execute(workers int, progress func(done, total int)) (Values, error) {
	values := make(Values, p.Runs())
	err := p.execute(context.Background(), workers, Shard{Count: 1}.runs(p.Runs()), progress, func(i int, r RunResult) { values[i] = r })
	return values, err
}

// Runs returns the number of runs of the plan: sweep points × repetitions.
// Run i is repetition i mod Repetitions of sweep point i / Repetitions.
func (p *Plan) Runs() int { return len(p.Points) * p.Config.Repetitions }

// execute runs the runs listed until ctx is done, handing each result to
// done and then calling progress, one call at a time.
func (p *Plan) execute(ctx context.Context, workers int, runs []int, progress func(done, total int), done func(i int, r RunResult)) error {
	reps := p.Config.Repetitions
	total := len(runs)
	if total == 0 {
		return ctx.Err()
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, total))
	var (
		next     atomic.Int64
		mu       sync.Mutex // guards firstErr, finished and the callbacks
		firstErr error
		finished int
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for k := int(next.Add(1) - 1); k < total; k = int(next.Add(1) - 1) {
				mu.Lock()
				stop := firstErr != nil
				mu.Unlock()
				if stop || ctx.Err() != nil {
					return
				}
				i := runs[k]
				pt := p.Points[i/reps]
				v, err := kinds[pt.Config.Kind].run(pt.Config, i%reps)
				mu.Lock()
				if err != nil {
					if firstErr == nil {
						firstErr = fmt.Errorf("%s: sweep point %v, repetition %d: %w", p.File, pt.Values, i%reps, err)
					}
					mu.Unlock()
					return
				}
				done(i, v)
				finished++
				if progress != nil {
					progress(finished, total)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return ctx.Err()
}

// runOnce draws D and D' for repetition rep of c, fits every estimator to
// both, and returns the metrics of each estimator.
func runOnce(c *Config, rep int) (RunResult, error) {
	points, labels := c.alternatives(rep)
	pop := c.population()
	m := len(points)
	target := c.cloneTarget(rep, points, labels, pop)

	all := slices.Clone(points)
	cloneOf := make([]int, m, m+c.Clones.Count)
	for i := range cloneOf {
		cloneOf[i] = -1
	}
	cloneRng := c.rng(rep, streamClones, 0)
	for range c.Clones.Count {
		all = append(all, sim.Clone(points[target], c.Clones.Radius, cloneRng))
		cloneOf = append(cloneOf, target)
	}
	// One stream for both: without clones, D' is D.
	rowsD, rowsD2 := c.draw(rep, points, pop), c.draw(rep, all, pop)
	average := make([]float64, m)
	for i, p := range points {
		average[i] = pop.Average(p)
	}

	out := make([][]float64, len(c.Estimators))
	for j, e := range c.Estimators {
		scheme := c.scheme(e, rep, j, streamWeights)
		resD, err := fit(e, scheme, points, rowsD)
		if err != nil {
			return RunResult{}, fmt.Errorf("estimator %s on D: %w", e.Label, err)
		}
		resD2, err := fit(e, scheme, all, rowsD2)
		if err != nil {
			return RunResult{}, fmt.Errorf("estimator %s on D': %w", e.Label, err)
		}
		o := &outcome{before: resD.Rewards, after: resD2.Rewards, cloneOf: cloneOf, average: average}
		if e.Lambda == 0 {
			// The estimator does not fix the additive constant: compare
			// both reward vectors centred on the originals.
			o.before = metrics.CentredOn(o.before, m)
			o.after = metrics.CentredOn(o.after, m)
		}
		o.omega = make([]float64, len(rowsD2))
		for i, row := range rowsD2 {
			o.omega[i] = row.Count
			if scheme != nil {
				o.omega[i] *= resD2.Weights[row.A] * resD2.Weights[row.B]
			}
		}
		o.noise = func() (float64, error) { return noiseShift(c, e, rep, j, points, rowsD, o.before) }
		out[j] = make([]float64, len(c.Metrics))
		for k, name := range c.Metrics {
			if out[j][k], err = measure(name, o); err != nil {
				return RunResult{}, fmt.Errorf("estimator %s: %s: %w", e.Label, name, err)
			}
		}
	}
	return RunResult{Metrics: out}, nil
}

// draw returns the comparisons of points in repetition rep: exact, or
// sampled from the repetition's comparison stream.
func (c *Config) draw(rep int, points [][]float64, pop sim.Population) []estimators.Comparison {
	if c.Comparisons.Kind == "exact" {
		return sim.Exact(points, pop)
	}
	return sim.Sampled(points, pop, c.Comparisons.Count, c.rng(rep, streamComparisons, 0))
}

// noiseShift refits D with an independent Monte Carlo seed and returns the
// max shift from before; it is 0 for estimators without Monte Carlo.
func noiseShift(c *Config, e EstimatorConfig, rep, idx int, points [][]float64, rows []estimators.Comparison, before []float64) (float64, error) {
	if e.Name != "weighted" || e.Weights.Kind != "voronoi" || c.Space.Dim == 1 {
		return 0, nil
	}
	res, err := fit(e, c.scheme(e, rep, idx, streamNoise), points, rows)
	if err != nil {
		return 0, err
	}
	r := res.Rewards
	if e.Lambda == 0 {
		r = metrics.Centred(r)
	}
	return metrics.MaxShift(before, r), nil
}
