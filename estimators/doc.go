// Package estimators fits reward functions to pairwise comparisons.
//
// It implements the Bradley-Terry maximum-likelihood estimators of
// "Clone-Robust AI Alignment" (Procaccia, Schiffer, Zhang, ICML 2025): the
// standard (regularized) MLE, the paper's Eq. 1, and the weighted MLE, Eq. 2,
// which weights each alternative by the volume of its Voronoi cell and so is
// robust to approximate clones. Both minimise one objective, documented on
// Fit. The weights themselves come from package weights.
package estimators
