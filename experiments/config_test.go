package experiments

import (
	"errors"
	"strings"
	"testing"
)

// base is a valid config; each case below replaces one line of it.
const base = `name: small
seed: 1
repetitions: 2
space: {dim: 2, low: 0, high: 1}
alternatives: {kind: uniform, count: 6}
population:
  - {share: 0.5, reward: {kind: linear, coef: [2, -1]}}
  - {share: 0.5, reward: {kind: bump, center: [0.5, 0.5], height: 3, width: 0.2}}
clones: {target: top, count: 0, radius: 0.001}
comparisons: {kind: exact}
estimators:
  - {name: standard, lambda: 1}
  - {name: weighted, lambda: 0.01, weights: {space: unit, samples: 1000}}
sweep:
  clones.count: [0, 2]
metrics: [max_shift, clone_gap]
plots:
  - {kind: line, x: clones.count, metric: max_shift}
`

func TestBaseConfigIsValid(t *testing.T) {
	p, err := Parse("small.yaml", []byte(base), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Points) != 2 || p.Config.Estimators[1].Weights.Kind != "voronoi" || *p.Config.Estimators[1].Weights.Margin != 0.1 {
		t.Errorf("plan %+v", p.Config)
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name      string
		old, new  string
		overrides []string
		want      string // file:line: key: and the message
	}{
		{"unknown key", "seed: 1", "sed: 1", nil, `small.yaml:2: sed: unknown key: want one of [kind name title notes seed`},
		{"unknown nested key", "radius: 0.001}", "radius: 0.001, radios: 2}", nil, "small.yaml:9: clones.radios: unknown key: want one of [target count radius]"},
		{"wrong type", "repetitions: 2", "repetitions: two", nil, `small.yaml:3: repetitions: "two" is not an integer`},
		{"wrong type in a list", "coef: [2, -1]", "coef: [2, x]", nil, `small.yaml:7: population.0.reward.coef.1: "x" is not a finite number`},
		{"list for a mapping", "clones: {target: top, count: 0, radius: 0.001}", "clones: [1, 2]", nil, "small.yaml:9: clones: want a mapping with keys [target count radius]"},
		{"single value for a list", "metrics: [max_shift, clone_gap]", "metrics: max_shift", nil, "small.yaml:16: metrics: want a list"},
		{"share sum", "share: 0.5, reward: {kind: bump", "share: 0.4, reward: {kind: bump", nil, "small.yaml:6: population: shares sum to 0.9: want 1"},
		{"negative radius", "radius: 0.001", "radius: -0.1", nil, "small.yaml:9: clones.radius: -0.1: want a finite radius ≥ 0"},
		{"negative count", "count: 0, radius", "count: -2, radius", nil, "small.yaml:9: clones.count: -2: want a count ≥ 0"},
		{"negative count in sweep", "[0, 2]", "[0, -2]", nil, "small.yaml:15: clones.count: -2: want a count ≥ 0"},
		{"unknown estimator", "name: standard", "name: median", nil, `small.yaml:12: estimators.0.name: unknown estimator "median": want standard or weighted`},
		{"unknown metric", "clone_gap]", "clone_gaps]", nil, `small.yaml:16: metrics.1: unknown metric "clone_gaps"`},
		{"unknown sweep key", "clones.count: [0, 2]", "clones.cuont: [0, 2]", nil, "small.yaml:15: clones.cuont: unknown key"},
		{"plot x not swept", "x: clones.count", "x: seed", nil, `small.yaml:17: plots: x = "seed" is not a sweep key`},
		{"coefficients", "coef: [2, -1]", "coef: [2]", nil, "small.yaml:7: population.0.reward.coef: 1 coefficients, want space.dim = 2"},
		{"weights on standard", "lambda: 1}", "lambda: 1, weights: {kind: uniform}}", nil, "small.yaml:12: estimators.0.weights: weights apply to the weighted estimator only"},
		{"theme target without themes", "target: top", "target: food", nil, `small.yaml:9: clones.target: "food": want top, random`},
		{"bad YAML", "seed: 1", "seed: [1", nil, "did not find expected ',' or ']'"},
		{"override", "", "", []string{"clones.radius=-1"}, "small.yaml: clones.radius: -1: want a finite radius ≥ 0"},
		{"override of an unknown key", "", "", []string{"clones.radios=1"}, "small.yaml: clones.radios: unknown key"},
		{"override without =", "", "", []string{"seed"}, "small.yaml: seed: override must be key=value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Replace(base, tt.old, tt.new, 1)
			if tt.old != "" && text == base {
				t.Fatalf("%q not in the base config", tt.old)
			}
			_, err := Parse("small.yaml", []byte(text), tt.overrides)
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *ConfigError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error\n  %v\ndoes not contain\n  %v", err, tt.want)
			}
		})
	}
}

// A sweep key whose first part is also a value elsewhere in the config (here
// the name "small") must set the key, not trip on the value.
func TestSweepKeyNamedLikeAValue(t *testing.T) {
	text := strings.Replace(base, "name: small", "name: clones", 1)
	p, err := Parse("small.yaml", []byte(text), []string{"clones.radius=0.01"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Config.Clones.Radius != 0.01 || p.Config.Name != "clones" {
		t.Errorf("radius %v, name %q", p.Config.Clones.Radius, p.Config.Name)
	}
}
