// Package sim generates synthetic preference data: spaces of alternatives,
// alternative sets, populations of annotator types with Lipschitz reward
// functions, clones of alternatives, and the comparisons a population makes.
//
// Every random draw takes an explicit *rand.Rand, so a caller that seeds it
// gets the same data back.
package sim
