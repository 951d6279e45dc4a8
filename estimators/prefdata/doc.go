// Package prefdata reads and writes the CSV files of preference data sets:
// alternatives with their features, comparisons between them, weights, and
// fitted rewards.
//
// Every reading error is an *Error naming the file, the line and the
// problem.
package prefdata
