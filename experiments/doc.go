// Package experiments turns a YAML config into runs and results.
//
// A config (see Config) describes an experiment of one kind: clones added
// to a set of alternatives (the default), the paper's case study on
// synthetic answer embeddings, the impossibility theorem, win rates at the
// fitted rewards, or convergence to the S-space MLE. It also names the
// estimators to fit, the metrics to measure, and a sweep: lists of values
// for dotted config keys whose Cartesian product gives the sweep points.
// Every (sweep point, repetition) is one run. Load reads and checks a
// config, Plan.Execute runs it on a worker pool, and Write stores runs.csv,
// summary.csv, the resolved config, a manifest and the plots in a results
// folder. Plan.RunShard runs a slice of the runs, resumably, and Merge
// combines the slices into the results an unsharded run writes.
//
// Runs are reproducible: the random streams of a run derive from the
// config's seed and the repetition only, so results are byte-identical for
// any number of workers or shards, and every sweep point of a repetition
// shares its clone-free data set.
package experiments
