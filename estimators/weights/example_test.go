package weights_test

import (
	"fmt"
	"log"

	"github.com/clonerobust/clonerobust/estimators/weights"
)

func ExampleVoronoi() {
	// In one dimension the weights are exact: the cells of 0.1, 0.4 and 0.9
	// in [0, 1] are [0, .25], [.25, .65] and [.65, 1]; a copy of 0.4 splits
	// its cell.
	points := [][]float64{{0.1}, {0.4}, {0.9}, {0.4}}
	w, err := weights.Voronoi{Space: weights.UnitCube{}}.Weights(points)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.2f\n", w)

	// In more dimensions they are estimated from seeded uniform samples.
	square := [][]float64{{0.25, 0.25}, {0.75, 0.75}}
	w, err = weights.Voronoi{Space: weights.UnitCube{}, Samples: 100_000, Seed: 1}.Weights(square)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%.2f\n", w)
	// Output:
	// [0.25 0.20 0.35 0.20]
	// [0.50 0.50]
}
