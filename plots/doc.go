// Package plots draws results: line charts of a measurement's mean against
// a swept parameter, one line per estimator, with 95% error bars, rendered
// with gonum/plot.
package plots
