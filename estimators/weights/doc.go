// Package weights computes the per-alternative weights of the weighted MLE.
//
// A Scheme turns the alternatives' points into weights that sum to 1. The
// paper's scheme is Voronoi: each alternative weighs the share of the space S
// that is nearer to it than to any other alternative, exactly in one
// dimension and by seeded Monte Carlo in more. Coincident points split their
// cell equally, so an exact duplicate leaves the weight of its original's
// location unchanged.
package weights
