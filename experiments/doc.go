// Package experiments turns a YAML config into runs and results.
//
// A config (see Config) describes a space, a set of alternatives, a
// population of annotator types, the clones to add, the comparisons to draw,
// the estimators to fit and the metrics to measure, and a sweep: lists of
// values for dotted config keys whose Cartesian product gives the sweep
// points. Every (sweep point, repetition) is one run: it draws a clone-free
// data set D and the same data set with clones D', fits every estimator to
// both and measures the metrics. Load reads and checks a config, Plan.Execute
// runs it on a worker pool, and Write stores runs.csv, summary.csv, the
// resolved config, a manifest and the plots in a results folder.
//
// Runs are reproducible: the random streams of a run derive from the
// config's seed and the repetition only, so results are byte-identical for
// any number of workers, and every sweep point of a repetition shares its
// clone-free data set.
package experiments
