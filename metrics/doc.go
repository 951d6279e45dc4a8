// Package metrics measures how a reward estimate changes when clones are
// added to a data set, and summarises repeated measurements.
//
// The measurements are those of SPEC §5: the shift of the rewards of the
// original alternatives (max and RMS), the gap between a clone's reward and
// its original's, the Kendall τ between the two rankings, whether the top
// alternative changed, the error against the population's average reward,
// and the effective sample size of a weighting.
package metrics
