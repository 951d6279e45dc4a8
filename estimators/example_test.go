package estimators_test

import (
	"fmt"
	"log"

	"github.com/clonerobust/clonerobust/estimators"
	"github.com/clonerobust/clonerobust/estimators/weights"
)

func ExampleFit() {
	// Three answers on a line; the third is an exact copy of the second.
	points := [][]float64{{0.2}, {0.7}, {0.7}}
	// Sufficient comparisons: a population prefers 0 to 1 (and to its copy)
	// with probability 0.6.
	rows := []estimators.Comparison{
		{A: 0, B: 1, P: 0.6},
		{A: 0, B: 2, P: 0.6},
		{A: 1, B: 2, P: 0.5},
	}
	w, err := weights.Voronoi{Space: weights.UnitCube{}}.Weights(points)
	if err != nil {
		log.Fatal(err)
	}
	res, err := estimators.Fit(&estimators.Problem{N: 3, Comparisons: rows, Weights: w}, nil)
	if err != nil {
		log.Fatal(err)
	}
	for i, r := range res.Rewards {
		fmt.Printf("alternative %d: weight %.3f reward %+.4f\n", i, res.Weights[i], r)
	}
	fmt.Printf("r0 − r1 = %.4f = logit(0.6)\n", res.Rewards[0]-res.Rewards[1])
	// Output:
	// alternative 0: weight 0.450 reward +0.2230
	// alternative 1: weight 0.275 reward -0.1825
	// alternative 2: weight 0.275 reward -0.1825
	// r0 − r1 = 0.4055 = logit(0.6)
}
