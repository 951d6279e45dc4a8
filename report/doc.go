// Package report writes REPORT.md: for each claim of the paper, the
// experiment that tests it, the measured figure and a status computed from
// the results folders, then the substitutions the reproduction makes.
//
// The report reads only the tidy CSV files the experiments write, so it
// says what the data say: change a result and its status changes.
package report
