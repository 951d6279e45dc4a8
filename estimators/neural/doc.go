// Package neural fits parametric reward functions of an alternative's
// features to pairwise comparisons: a two-layer perceptron trained with
// Adam on minibatches of the loss of package estimators (see Train).
package neural
