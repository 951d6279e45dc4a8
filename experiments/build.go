package experiments

import (
	"math/rand/v2"
	"slices"
	"strconv"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/weights"
	"github.com/clonerobust/clonerobust/sim"
)

// Random streams of a run. Each purpose has its own stream of the config's
// seed, so that changing one draw (say, the number of clones) leaves the
// others as they were.
const (
	streamAlternatives = iota
	streamTarget
	streamClones
	streamComparisons
	streamWeights
	streamNoise
	streamModel
	streams
)

// rng returns the random stream of a purpose in repetition rep; sub numbers
// several streams of one purpose (the estimators).
func (c *Config) rng(rep, purpose, sub int) *rand.Rand {
	return rand.New(rand.NewPCG(c.Seed, uint64((rep*streams+purpose)<<16|sub)))
}

func (c *Config) box() weights.Box {
	b := weights.Box{Low: make([]float64, c.Space.Dim), High: make([]float64, c.Space.Dim)}
	for k := range b.Low {
		b.Low[k], b.High[k] = c.Space.Low, c.Space.High
	}
	return b
}

// alternatives draws the original alternatives and their theme labels.
func (c *Config) alternatives(rep int) (points [][]float64, labels []string) {
	a := c.Alternatives
	switch a.Kind {
	case "uniform":
		return sim.Uniform(c.box(), a.Count, c.rng(rep, streamAlternatives, 0)), nil
	case "corner":
		return sim.Corner(c.box(), a.Count, a.Fraction, a.Size, c.rng(rep, streamAlternatives, 0)), nil
	case "list":
		points = make([][]float64, len(a.Points))
		for i, p := range a.Points {
			points[i] = slices.Clone(p)
		}
		return points, nil
	}
	return sim.Clusters(c.themes(), c.rng(rep, streamAlternatives, 0))
}

func (c *Config) themes() []sim.Theme {
	themes := make([]sim.Theme, len(c.Alternatives.Themes))
	for i, t := range c.Alternatives.Themes {
		themes[i] = sim.Theme{Name: t.Name, Center: t.Center, Count: t.Count, Spread: t.Spread}
	}
	return themes
}

func (c *Config) population() sim.Population {
	pop := make(sim.Population, len(c.Population))
	for i, t := range c.Population {
		pop[i] = sim.Type{Share: t.Share, Reward: c.reward(t.Reward)}
	}
	return pop
}

func (c *Config) reward(r RewardConfig) sim.Reward {
	switch r.Kind {
	case "linear":
		return sim.Linear{Coef: r.Coef, Intercept: r.Intercept}
	case "bump":
		return sim.Bump{Center: r.Center, Height: r.Height, Width: r.Width}
	case "table":
		return tableReward(r)
	}
	// A theme reward: bumps at the themes' centres, in the config's theme
	// order so that the sum does not depend on map order.
	var bumps sim.Bumps
	for _, t := range c.Alternatives.Themes {
		if h, ok := r.Themes[t.Name]; ok {
			bumps = append(bumps, sim.Bump{Center: t.Center, Height: h, Width: r.Width})
		}
	}
	return bumps
}

func tableReward(r RewardConfig) sim.Table {
	return sim.Table{X: r.Points, Y: r.Values}
}

// cloneTarget returns the index of the alternative to clone.
func (c *Config) cloneTarget(rep int, points [][]float64, labels []string, pop sim.Population) int {
	best := func(keep func(i int) bool) int {
		b := -1
		for i, p := range points {
			if keep(i) && (b < 0 || pop.Average(p) > pop.Average(points[b])) {
				b = i
			}
		}
		return b
	}
	switch t := c.Clones.Target; t {
	case "top":
		return best(func(int) bool { return true })
	case "random":
		return c.rng(rep, streamTarget, 0).IntN(len(points))
	default:
		if i, err := strconv.Atoi(t); err == nil {
			return i
		}
		return best(func(i int) bool { return labels[i] == t })
	}
}

// scheme returns the weighting of estimator e, or nil for the standard MLE.
// Monte Carlo samples are seeded per repetition and estimator, the same for
// D and D'.
func (c *Config) scheme(e EstimatorConfig, rep, idx, purpose int) weights.Scheme {
	if e.Name == "standard" {
		return nil
	}
	var space weights.Space = c.box()
	switch e.Weights.Space {
	case "unit":
		space = weights.UnitCube{}
	case "bbox":
		space = weights.BoundingBox{Margin: *e.Weights.Margin}
	}
	return e.Weights.scheme(space, c.rng(rep, purpose, idx).Uint64())
}

// scheme returns the weighting w describes; space and seed serve Voronoi
// weights.
func (w WeightsConfig) scheme(space weights.Space, seed uint64) weights.Scheme {
	switch w.Kind {
	case "uniform":
		return weights.Uniform{}
	case "kde":
		return weights.KDE{Bandwidth: w.Bandwidth}
	case "crw":
		return weights.CRW{Alpha: w.Alpha}
	case "dedup":
		return weights.Dedup{Threshold: w.Threshold, Cosine: w.Metric == "cosine"}
	}
	return weights.Voronoi{Space: space, Samples: w.Samples, Seed: seed}
}

// fit fits estimator e to rows over points with the given weighting.
func fit(e EstimatorConfig, scheme weights.Scheme, points [][]float64, rows []estimators.Comparison) (*estimators.Result, error) {
	prob := &estimators.Problem{N: len(points), Comparisons: rows, Lambda: e.Lambda}
	if scheme != nil {
		w, err := scheme.Weights(points)
		if err != nil {
			return nil, err
		}
		prob.Weights = w
	}
	return estimators.Fit(prob, nil)
}
