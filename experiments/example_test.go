package experiments_test

import (
	"fmt"
	"log"

	"github.com/clonerobust/clonerobust/experiments"
)

func Example() {
	config := `
name: copies
seed: 1
repetitions: 5
space: {dim: 1}
alternatives: {kind: uniform, count: 8}
population:
  - {share: 0.6, reward: {kind: linear, coef: [3]}}
  - {share: 0.4, reward: {kind: bump, center: [0.3], height: 2, width: 0.1}}
clones: {target: top, radius: 0}
estimators:
  - {name: standard, lambda: 0.1}
  - {name: weighted, lambda: 0.01}
sweep:
  clones.count: [0, 4]
metrics: [max_shift]
`
	plan, err := experiments.Parse("copies.yaml", []byte(config), nil)
	if err != nil {
		log.Fatal(err)
	}
	values, err := plan.Execute(0, nil)
	if err != nil {
		log.Fatal(err)
	}
	// values[run].Metrics[estimator][metric], runs by sweep point then
	// repetition.
	for i, pt := range plan.Points {
		for j, e := range plan.Config.Estimators {
			var mean float64
			for rep := range plan.Config.Repetitions {
				mean += values[i*plan.Config.Repetitions+rep].Metrics[j][0]
			}
			mean /= float64(plan.Config.Repetitions)
			fmt.Printf("%d exact copies of the best: %s max_shift %.3f\n", pt.Config.Clones.Count, e.Label, mean)
		}
	}
	// Output:
	// 0 exact copies of the best: standard max_shift 0.000
	// 0 exact copies of the best: weighted max_shift 0.000
	// 4 exact copies of the best: standard max_shift 0.172
	// 4 exact copies of the best: weighted max_shift 0.000
}
