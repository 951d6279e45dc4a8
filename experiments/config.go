package experiments

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Config is one experiment, as read from YAML. Keys are written in
// lower case with underscores; unknown keys are errors.
type Config struct {
	// Kind is clones (the default: clones added to a set of alternatives,
	// SPEC §4), case_study (the paper's case study rebuilt on synthetic
	// answer embeddings, SPEC §6), impossibility (the impossibility
	// theorem for K > 1, see ImpossibilityConfig), or win_rates (each
	// alternative's model and empirical weighted win rates at the fitted
	// rewards, see WinRates), or s_space (convergence to the S-space MLE,
	// see SSpaceConfig).
	Kind string `yaml:"kind"`
	// Name names the results folder: letters, digits, '.', '_' and '-'.
	Name string `yaml:"name"`
	// Title heads the plots.
	Title string `yaml:"title"`
	// Notes, if any, are copied into a case study's README.md: what the
	// results mean, in the config's author's words.
	Notes string `yaml:"notes"`
	// Seed seeds every random draw.
	Seed uint64 `yaml:"seed"`
	// Repetitions is the number of independent draws per sweep point. If
	// Repetitions is 0, it is defaulted to 1.
	Repetitions int `yaml:"repetitions"`

	Space        SpaceConfig        `yaml:"space"`
	Alternatives AlternativesConfig `yaml:"alternatives"`
	Population   []TypeConfig       `yaml:"population"`
	Clones       ClonesConfig       `yaml:"clones"`
	Comparisons  ComparisonsConfig  `yaml:"comparisons"`
	Estimators   []EstimatorConfig  `yaml:"estimators"`

	// Impossibility and SSpace configure their kinds.
	Impossibility ImpossibilityConfig `yaml:"impossibility"`
	SSpace        SSpaceConfig        `yaml:"s_space"`

	// Answers, Features and Model configure a case study.
	Answers  AnswersConfig  `yaml:"answers"`
	Features FeaturesConfig `yaml:"features"`
	Model    ModelConfig    `yaml:"model"`

	// Sweep maps dotted config keys to lists of values, in order; the
	// sweep points are their Cartesian product. A key may index a list
	// (estimators.1.lambda) or all of its elements (estimators.*.lambda).
	Sweep yaml.Node `yaml:"sweep"`

	// Metrics lists the measurements to report (see MetricNames).
	Metrics []string     `yaml:"metrics"`
	Plots   []PlotConfig `yaml:"plots"`
}

// SpaceConfig is the box [Low, High]^Dim in which alternatives live. If Low
// and High are both 0, they are defaulted to 0 and 1.
type SpaceConfig struct {
	Dim  int     `yaml:"dim"`
	Low  float64 `yaml:"low"`
	High float64 `yaml:"high"`
}

// AlternativesConfig chooses the original alternatives M.
type AlternativesConfig struct {
	// Kind is uniform (Count points uniform in the space), clusters
	// (Gaussian themes) or list (the given Points).
	Kind   string        `yaml:"kind"`
	Count  int           `yaml:"count"`
	Themes []ThemeConfig `yaml:"themes"`
	Points [][]float64   `yaml:"points"`
	// Fraction and Size shape kind corner: Count points, a Fraction of them
	// uniform in the corner box of relative side Size, the rest uniform.
	Fraction float64 `yaml:"fraction"`
	Size     float64 `yaml:"size"`
}

// ThemeConfig is a named Gaussian cluster of Count alternatives around
// Center with standard deviation Spread per coordinate.
type ThemeConfig struct {
	Name   string    `yaml:"name"`
	Center []float64 `yaml:"center"`
	Count  int       `yaml:"count"`
	Spread float64   `yaml:"spread"`
}

// TypeConfig is an annotator type: its share and its reward.
type TypeConfig struct {
	Share  float64      `yaml:"share"`
	Reward RewardConfig `yaml:"reward"`
}

// RewardConfig is a reward function of one of four kinds:
//
//	linear: r(x) = coef·x + intercept
//	bump:   r(x) = height·exp(−|x − center|²/(2·width²))
//	theme:  Σ over themes t of themes[t]·exp(−|x − centre of t|²/(2·width²))
//	table:  values at points (d = 1), linearly interpolated
type RewardConfig struct {
	Kind      string             `yaml:"kind"`
	Coef      []float64          `yaml:"coef"`
	Intercept float64            `yaml:"intercept"`
	Center    []float64          `yaml:"center"`
	Height    float64            `yaml:"height"`
	Width     float64            `yaml:"width"`
	Themes    map[string]float64 `yaml:"themes"`
	Points    []float64          `yaml:"points"`
	Values    []float64          `yaml:"values"`
}

// ClonesConfig adds Count clones of one original alternative, each uniform
// in the ball of radius Radius around it (0 gives exact copies).
type ClonesConfig struct {
	// Target is top (the best by average reward; the default), random, an
	// index into the alternatives, or a theme name (that theme's best).
	Target string  `yaml:"target"`
	Count  int     `yaml:"count"`
	Radius float64 `yaml:"radius"`
}

// ComparisonsConfig chooses the data: exact (sufficient comparisons, the
// default) or sampled (Count comparisons of uniformly drawn pairs).
type ComparisonsConfig struct {
	Kind  string `yaml:"kind"`
	Count int    `yaml:"count"`
}

// EstimatorConfig is an estimator to fit: standard (the paper's Eq. 1) or
// weighted (Eq. 2), each with its own λ.
type EstimatorConfig struct {
	Name   string  `yaml:"name"`
	Lambda float64 `yaml:"lambda"`
	// Label names the estimator in results and plots. If Label is empty,
	// it is defaulted to Name.
	Label   string        `yaml:"label"`
	Weights WeightsConfig `yaml:"weights"`
}

// WeightsConfig chooses the weights of the weighted estimator.
type WeightsConfig struct {
	// Kind is voronoi (the default; the paper's), uniform, kde (inverse
	// kernel density, see weights.KDE), crw (the class-uniform clone-robust
	// weighting, see weights.CRW) or dedup (near-duplicates dropped, see
	// weights.Dedup).
	Kind string `yaml:"kind"`
	// Bandwidth of kde (0: Scott's rule), Alpha of crw (0: 5% of the
	// points' bounding box diagonal), Threshold and Metric (euclidean, the
	// default, or cosine) of dedup.
	Bandwidth float64 `yaml:"bandwidth"`
	Alpha     float64 `yaml:"alpha"`
	Threshold float64 `yaml:"threshold"`
	Metric    string  `yaml:"metric"`
	// Space is the box of the Voronoi cells: config (the config's space;
	// the default), unit, or bbox (the points' bounding box grown by
	// Margin).
	Space string `yaml:"space"`
	// Margin is the relative growth of bbox. If Margin is nil, it is
	// defaulted to 0.1.
	Margin *float64 `yaml:"margin"`
	// Samples is the number of Monte Carlo points in d ≥ 2. If Samples is
	// 0, it is defaulted to 100000.
	Samples int `yaml:"samples"`
}

// PlotConfig is a plot of a metric's mean against a sweep key, a line per
// estimator with 95% error bars.
type PlotConfig struct {
	// Kind is line, the only kind.
	Kind   string `yaml:"kind"`
	X      string `yaml:"x"`
	Metric string `yaml:"metric"`
	// Metrics draws several metrics on one plot, instead of Metric.
	Metrics []string `yaml:"metrics"`
	// LogX and LogY draw an axis on a log scale; points with a coordinate
	// ≤ 0 on a log axis are left out.
	LogX  bool   `yaml:"logx"`
	LogY  bool   `yaml:"logy"`
	Title string `yaml:"title"`
}

// AnswersConfig describes synthetic answer embeddings: unit vectors in Dim
// dimensions around orthonormal theme directions, and a clone theme whose
// direction has cosine similarity Cosine with the direction of theme Of.
type AnswersConfig struct {
	Dim    int                 `yaml:"dim"`
	Noise  float64             `yaml:"noise"`
	Themes []AnswerThemeConfig `yaml:"themes"`
	Clones AnswerCloneConfig   `yaml:"clones"`
}

// AnswerThemeConfig is a theme and its number of answers.
type AnswerThemeConfig struct {
	Name  string `yaml:"name"`
	Count int    `yaml:"count"`
}

// AnswerCloneConfig is the clone theme: Count answers around a direction at
// cosine Cosine from theme Of's.
type AnswerCloneConfig struct {
	Name   string  `yaml:"name"`
	Of     string  `yaml:"of"`
	Count  int     `yaml:"count"`
	Cosine float64 `yaml:"cosine"`
}

// FeaturesConfig chooses the features of a case study's reward model: the
// first PCA principal components of each data set's answers. If PCA is 0,
// it is defaulted to 8.
type FeaturesConfig struct {
	PCA int `yaml:"pca"`
}

// ModelConfig is the reward model of a case study: a perceptron with
// Hidden units trained by Adam. Zero values take the paper's choices:
// 32 hidden units, learning rate 1e-4, batch 512, 500 steps, λ = 0.
type ModelConfig struct {
	Hidden       int     `yaml:"hidden"`
	LearningRate float64 `yaml:"lr"`
	Batch        int     `yaml:"batch"`
	Steps        int     `yaml:"steps"`
	Lambda       float64 `yaml:"lambda"`
}

// metrics returns the metrics the plot draws.
func (p PlotConfig) metrics() []string {
	if p.Metric != "" {
		return []string{p.Metric}
	}
	return p.Metrics
}

// pathError is a semantic error at a dotted key, located in the file later.
type pathError struct {
	path string
	msg  string
}

func (e *pathError) Error() string { return e.path + ": " + e.msg }

func errAt(path, format string, args ...any) *pathError {
	return &pathError{path: path, msg: fmt.Sprintf(format, args...)}
}

var validName = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// setDefaults fills in the documented defaults.
func (c *Config) setDefaults() {
	if c.Kind == "" {
		c.Kind = "clones"
	}
	if c.Kind == "case_study" {
		c.Features.PCA = cmp.Or(c.Features.PCA, 8)
		c.Model.Hidden = cmp.Or(c.Model.Hidden, 32)
		c.Model.LearningRate = cmp.Or(c.Model.LearningRate, 1e-4)
		c.Model.Batch = cmp.Or(c.Model.Batch, 512)
		c.Model.Steps = cmp.Or(c.Model.Steps, 500)
		if c.Comparisons.Kind == "" {
			c.Comparisons.Kind = "sampled"
		}
	}
	if c.Repetitions == 0 {
		c.Repetitions = 1
	}
	if c.Space.Low == 0 && c.Space.High == 0 {
		c.Space.High = 1
	}
	if c.Clones.Target == "" && c.Kind == "clones" {
		c.Clones.Target = "top"
	}
	if c.Comparisons.Kind == "" {
		c.Comparisons.Kind = "exact"
	}
	for i := range c.Estimators {
		e := &c.Estimators[i]
		if e.Label == "" {
			e.Label = e.Name
		}
		if e.Name != "weighted" {
			continue
		}
		if e.Weights.Kind == "" {
			e.Weights.Kind = "voronoi"
		}
		// A case study's default S is the box of the observed features.
		space, margin := "config", 0.1
		switch c.Kind {
		case "case_study":
			space, margin = "bbox", 0
		case "impossibility":
			space = "unit"
		}
		if e.Weights.Space == "" {
			e.Weights.Space = space
		}
		if e.Weights.Margin == nil {
			e.Weights.Margin = &margin
		}
		if e.Weights.Samples == 0 {
			e.Weights.Samples = 100_000
		}
	}
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// validate checks what the YAML types cannot.
func (c *Config) validate() *pathError {
	switch {
	case !validName.MatchString(c.Name):
		return errAt("name", "%q: want a non-empty name of letters, digits, '.', '_' and '-'", c.Name)
	case c.Repetitions < 1:
		return errAt("repetitions", "%d: want at least 1", c.Repetitions)
	}
	switch c.Kind {
	case "clones", "win_rates", "s_space":
		switch {
		case c.Space.Dim < 1:
			return errAt("space.dim", "%d: want a dimension of at least 1", c.Space.Dim)
		case !(c.Space.Low < c.Space.High) || !finite(c.Space.Low) || !finite(c.Space.High):
			return errAt("space", "low %v, high %v: want finite low < high", c.Space.Low, c.Space.High)
		}
		if err := c.validateAlternatives(); err != nil {
			return err
		}
		if c.Kind != "clones" && c.Clones != (ClonesConfig{}) {
			return errAt("clones", "a %s config fits a clone-free data set: no clones", c.Kind)
		}
		if c.Kind == "s_space" {
			if err := c.validateSSpace(); err != nil {
				return err
			}
		}
		if c.Kind == "clones" {
			if err := c.validateClones(); err != nil {
				return err
			}
		}
	case "case_study":
		if err := c.validateCaseStudy(); err != nil {
			return err
		}
	case "impossibility":
		if err := c.validateImpossibility(); err != nil {
			return err
		}
	default:
		return errAt("kind", "%q: want clones, case_study, impossibility, win_rates or s_space", c.Kind)
	}
	if c.Kind != "impossibility" {
		if err := c.validatePopulation(); err != nil {
			return err
		}
	}
	switch k := c.Comparisons; {
	case k.Kind == "exact" && k.Count != 0:
		return errAt("comparisons.count", "exact comparisons take no count (there is one row per pair)")
	case k.Kind == "sampled" && k.Count < 1:
		return errAt("comparisons.count", "%d: want at least 1 sampled comparison", k.Count)
	case k.Kind != "exact" && k.Kind != "sampled":
		return errAt("comparisons.kind", "%q: want exact or sampled", k.Kind)
	}
	if err := c.validateEstimators(); err != nil {
		return err
	}
	if len(c.Metrics) == 0 {
		return errAt("metrics", "no metrics: want some of %v", c.metricsHelp())
	}
	for i, m := range c.Metrics {
		if !c.knownMetric(m) {
			return errAt(fmt.Sprintf("metrics.%d", i), "unknown metric %q: want one of %v", m, c.metricsHelp())
		}
		if slices.Index(c.Metrics, m) < i {
			return errAt(fmt.Sprintf("metrics.%d", i), "metric %q listed twice", m)
		}
	}
	for i, p := range c.Plots {
		path := fmt.Sprintf("plots.%d", i)
		switch {
		case p.Kind != "line":
			return errAt(path+".kind", "%q: want line", p.Kind)
		case (p.Metric == "") == (len(p.Metrics) == 0):
			return errAt(path, "want either metric or metrics")
		case slices.ContainsFunc(p.metrics(), func(m string) bool { return !slices.Contains(c.Metrics, m) }):
			return errAt(path, "metrics %v are not all among the config's metrics %v", p.metrics(), c.Metrics)
		case p.X == "":
			return errAt(path+".x", "missing: want a sweep key")
		}
	}
	return nil
}

func (c *Config) validateAlternatives() *pathError {
	a := c.Alternatives
	switch a.Kind {
	case "uniform":
		if a.Count < 2 {
			return errAt("alternatives.count", "%d: want at least 2 alternatives", a.Count)
		}
	case "clusters":
		if len(a.Themes) == 0 {
			return errAt("alternatives.themes", "no themes")
		}
		total := 0
		for i, t := range a.Themes {
			path := fmt.Sprintf("alternatives.themes.%d", i)
			switch {
			case t.Name == "":
				return errAt(path+".name", "missing")
			case slices.IndexFunc(a.Themes, func(u ThemeConfig) bool { return u.Name == t.Name }) < i:
				return errAt(path+".name", "theme %q named twice", t.Name)
			case len(t.Center) != c.Space.Dim:
				return errAt(path+".center", "%d coordinates, want space.dim = %d", len(t.Center), c.Space.Dim)
			case t.Count < 1:
				return errAt(path+".count", "%d: want at least 1", t.Count)
			case !(t.Spread >= 0) || !finite(t.Spread):
				return errAt(path+".spread", "%v: want a finite spread ≥ 0", t.Spread)
			}
			total += t.Count
		}
		if total < 2 {
			return errAt("alternatives.themes", "%d alternatives: want at least 2", total)
		}
	case "corner":
		switch {
		case a.Count < 2:
			return errAt("alternatives.count", "%d: want at least 2 alternatives", a.Count)
		case !(a.Fraction >= 0 && a.Fraction <= 1):
			return errAt("alternatives.fraction", "%v: want a fraction in [0, 1]", a.Fraction)
		case !(a.Size > 0 && a.Size <= 1):
			return errAt("alternatives.size", "%v: want a relative size in (0, 1]", a.Size)
		}
	case "list":
		if len(a.Points) < 2 {
			return errAt("alternatives.points", "%d points: want at least 2", len(a.Points))
		}
		for i, p := range a.Points {
			if len(p) != c.Space.Dim {
				return errAt(fmt.Sprintf("alternatives.points.%d", i), "%d coordinates, want space.dim = %d", len(p), c.Space.Dim)
			}
		}
	default:
		return errAt("alternatives.kind", "%q: want uniform, clusters, corner or list", a.Kind)
	}
	return nil
}

func (c *Config) validatePopulation() *pathError {
	if len(c.Population) == 0 {
		return errAt("population", "no annotator types")
	}
	var sum float64
	for i, t := range c.Population {
		path := fmt.Sprintf("population.%d", i)
		if !(t.Share > 0 && t.Share <= 1) {
			return errAt(path+".share", "%v: want a share in (0, 1]", t.Share)
		}
		sum += t.Share
		if err := c.validateReward(path+".reward", t.Reward); err != nil {
			return err
		}
	}
	if math.Abs(sum-1) > 1e-9 {
		return errAt("population", "shares sum to %v: want 1", sum)
	}
	return nil
}

func (c *Config) validateReward(path string, r RewardConfig) *pathError {
	d := c.Space.Dim
	if c.Kind == "case_study" && r.Kind != "theme" {
		return errAt(path+".kind", "%q: a case study's rewards are of kind theme", r.Kind)
	}
	switch r.Kind {
	case "linear":
		if len(r.Coef) != d {
			return errAt(path+".coef", "%d coefficients, want space.dim = %d", len(r.Coef), d)
		}
	case "bump":
		switch {
		case len(r.Center) != d:
			return errAt(path+".center", "%d coordinates, want space.dim = %d", len(r.Center), d)
		case !(r.Width > 0):
			return errAt(path+".width", "%v: want a width > 0", r.Width)
		}
	case "theme":
		if c.Kind == "clones" && c.Alternatives.Kind != "clusters" {
			return errAt(path+".kind", "a theme reward needs alternatives of kind clusters")
		}
		if !(r.Width > 0) {
			return errAt(path+".width", "%v: want a width > 0", r.Width)
		}
		if len(r.Themes) == 0 {
			return errAt(path+".themes", "no themes: want a weight per theme name")
		}
		for name := range r.Themes {
			if c.theme(name) < 0 {
				return errAt(path+".themes", "unknown theme %q: want one of %v", name, c.themeNames())
			}
		}
	case "table":
		if d != 1 {
			return errAt(path+".kind", "a table reward needs space.dim = 1, not %d", d)
		}
		if err := tableReward(r).Check(); err != nil {
			return errAt(path, "%v", err)
		}
	default:
		return errAt(path+".kind", "%q: want linear, bump, theme or table", r.Kind)
	}
	return nil
}

func (c *Config) validateClones() *pathError {
	k := c.Clones
	switch {
	case k.Count < 0:
		return errAt("clones.count", "%d: want a count ≥ 0", k.Count)
	case !(k.Radius >= 0) || !finite(k.Radius):
		return errAt("clones.radius", "%v: want a finite radius ≥ 0", k.Radius)
	}
	switch k.Target {
	case "top", "random":
		return nil
	}
	if i, err := strconv.Atoi(k.Target); err == nil {
		if i < 0 || i >= c.originals() {
			return errAt("clones.target", "index %d outside the %d alternatives", i, c.originals())
		}
		return nil
	}
	if c.theme(k.Target) < 0 {
		return errAt("clones.target", "%q: want top, random, an alternative's index, or a theme name %v", k.Target, c.themeNames())
	}
	return nil
}

func (c *Config) validateEstimators() *pathError {
	if len(c.Estimators) == 0 {
		return errAt("estimators", "no estimators: want standard or weighted")
	}
	for i, e := range c.Estimators {
		path := fmt.Sprintf("estimators.%d", i)
		switch {
		case e.Name != "standard" && e.Name != "weighted":
			return errAt(path+".name", "unknown estimator %q: want standard or weighted", e.Name)
		case !(e.Lambda >= 0) || !finite(e.Lambda):
			return errAt(path+".lambda", "%v: want a finite λ ≥ 0", e.Lambda)
		case slices.IndexFunc(c.Estimators, func(f EstimatorConfig) bool { return f.Label == e.Label }) < i:
			return errAt(path+".label", "two estimators are labelled %q: give each its own label", e.Label)
		}
		w := e.Weights
		if e.Name == "standard" {
			if w != (WeightsConfig{}) {
				return errAt(path+".weights", "weights apply to the weighted estimator only")
			}
			continue
		}
		switch {
		case !slices.Contains([]string{"voronoi", "uniform", "kde", "crw", "dedup"}, w.Kind):
			return errAt(path+".weights.kind", "%q: want voronoi, uniform, kde, crw or dedup", w.Kind)
		case !(w.Bandwidth >= 0) || !finite(w.Bandwidth):
			return errAt(path+".weights.bandwidth", "%v: want a finite bandwidth ≥ 0", w.Bandwidth)
		case !(w.Alpha >= 0) || !finite(w.Alpha):
			return errAt(path+".weights.alpha", "%v: want a finite radius ≥ 0", w.Alpha)
		case !(w.Threshold >= 0) || !finite(w.Threshold):
			return errAt(path+".weights.threshold", "%v: want a finite threshold ≥ 0", w.Threshold)
		case w.Metric != "" && w.Metric != "euclidean" && w.Metric != "cosine":
			return errAt(path+".weights.metric", "%q: want euclidean or cosine", w.Metric)
		case w.Space != "config" && w.Space != "unit" && w.Space != "bbox":
			return errAt(path+".weights.space", "%q: want config, unit or bbox", w.Space)
		case !(*w.Margin >= 0) || !finite(*w.Margin):
			return errAt(path+".weights.margin", "%v: want a finite margin ≥ 0", *w.Margin)
		case w.Samples < 1:
			return errAt(path+".weights.samples", "%d: want at least 1", w.Samples)
		}
	}
	return nil
}

// originals returns the number of original alternatives.
func (c *Config) originals() int {
	switch c.Alternatives.Kind {
	case "uniform":
		return c.Alternatives.Count
	case "list":
		return len(c.Alternatives.Points)
	}
	n := 0
	for _, t := range c.Alternatives.Themes {
		n += t.Count
	}
	return n
}

// theme returns the index of the named theme, or −1.
func (c *Config) theme(name string) int {
	return slices.Index(c.themeNames(), name)
}

// themeNames returns the names of the themes of the alternatives or, in a
// case study, of the original answers.
func (c *Config) themeNames() []string {
	var names []string
	switch {
	case c.Kind == "case_study":
		for _, t := range c.Answers.Themes {
			names = append(names, t.Name)
		}
	case c.Alternatives.Kind == "clusters":
		for _, t := range c.Alternatives.Themes {
			names = append(names, t.Name)
		}
	}
	return names
}

func (c *Config) validateCaseStudy() *pathError {
	a := c.Answers
	switch {
	case c.Alternatives.Kind != "" || c.Clones != (ClonesConfig{}):
		return errAt("alternatives", "a case study draws its answers from answers:, not alternatives: or clones:")
	case a.Dim < 2:
		return errAt("answers.dim", "%d: want an embedding dimension of at least 2", a.Dim)
	case !(a.Noise >= 0) || !finite(a.Noise):
		return errAt("answers.noise", "%v: want a finite noise ≥ 0", a.Noise)
	case len(a.Themes) < 2:
		return errAt("answers.themes", "%d themes: want at least 2", len(a.Themes))
	case len(a.Themes)+1 > a.Dim:
		return errAt("answers.dim", "%d dimensions for %d theme directions and a clone direction", a.Dim, len(a.Themes))
	}
	total := 0
	for i, t := range a.Themes {
		path := fmt.Sprintf("answers.themes.%d", i)
		switch {
		case t.Name == "" || t.Name == a.Clones.Name:
			return errAt(path+".name", "%q: want a name of its own", t.Name)
		case c.theme(t.Name) < i:
			return errAt(path+".name", "theme %q named twice", t.Name)
		case t.Count < 1:
			return errAt(path+".count", "%d: want at least 1 answer", t.Count)
		}
		total += t.Count
	}
	k := a.Clones
	switch {
	case k.Name == "":
		return errAt("answers.clones.name", "missing: want the clone theme's name")
	case c.theme(k.Of) < 0:
		return errAt("answers.clones.of", "%q: want one of the themes %v", k.Of, c.themeNames())
	case k.Count < 0:
		return errAt("answers.clones.count", "%d: want a count ≥ 0", k.Count)
	case !(k.Cosine > -1 && k.Cosine <= 1):
		return errAt("answers.clones.cosine", "%v: want a cosine in (−1, 1]", k.Cosine)
	case c.Features.PCA < 1 || c.Features.PCA > min(total, a.Dim):
		return errAt("features.pca", "%d: want 1 to %d components", c.Features.PCA, min(total, a.Dim))
	case c.Comparisons.Kind != "sampled":
		return errAt("comparisons.kind", "%q: a case study samples its comparisons (kind: sampled)", c.Comparisons.Kind)
	}
	m := c.Model
	switch {
	case m.Hidden < 1:
		return errAt("model.hidden", "%d: want at least 1 hidden unit", m.Hidden)
	case !(m.LearningRate > 0) || !finite(m.LearningRate):
		return errAt("model.lr", "%v: want a learning rate > 0", m.LearningRate)
	case m.Batch < 1:
		return errAt("model.batch", "%d: want a batch of at least 1", m.Batch)
	case m.Steps < 1:
		return errAt("model.steps", "%d: want at least 1 step", m.Steps)
	case !(m.Lambda >= 0) || !finite(m.Lambda):
		return errAt("model.lambda", "%v: want a finite λ ≥ 0", m.Lambda)
	}
	for i, e := range c.Estimators {
		if e.Name == "weighted" && e.Weights.Space != "bbox" && e.Weights.Space != "unit" {
			return errAt(fmt.Sprintf("estimators.%d.weights.space", i), "%q: a case study's S is bbox (the box of the observed features) or unit (the unit cube after min-max scaling)", e.Weights.Space)
		}
	}
	return nil
}
