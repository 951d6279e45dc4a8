package experiments

import (
	"fmt"
	"slices"
	"strconv"
)

// kind is a kind of experiment: the metrics it can measure, and how it runs
// one repetition of a config. A new kind is one more entry of kinds, its
// checks in Config.validate, and its runner.
type kind struct {
	metrics []string
	run     func(c *Config, rep int) (RunResult, error)
}

var kinds = map[string]kind{
	"clones":        {names(metricList, func(m metric) string { return m.name }), runOnce},
	"case_study":    {names(caseMetricList, func(m caseMetric) string { return m.name }), runCase},
	"impossibility": {impossibilityMetrics, runImpossibility},
	"win_rates":     {[]string{"max_deviation"}, runWinRates},
	"s_space":       {[]string{"error_vs_s_space", "error_vs_density"}, runSSpace},
}

func names[T any](list []T, name func(T) string) []string {
	out := make([]string, len(list))
	for i, x := range list {
		out[i] = name(x)
	}
	return out
}

// MetricNames returns the metrics a config of the given kind may ask for.
// A clones config may also ask for reward_0, reward_1, …: the reward of one
// original alternative under D'.
func MetricNames(kind string) []string { return kinds[kind].metrics }

// knownMetric reports whether c may ask for the named metric.
func (c *Config) knownMetric(name string) bool {
	if slices.Contains(MetricNames(c.Kind), name) {
		return true
	}
	if m := rewardMetric.FindStringSubmatch(name); m != nil && c.Kind == "clones" {
		i, _ := strconv.Atoi(m[1])
		return i < c.originals()
	}
	return false
}

func (c *Config) metricsHelp() string {
	help := fmt.Sprint(MetricNames(c.Kind))
	if c.Kind == "clones" {
		help += fmt.Sprintf(" or reward_0 to reward_%d", c.originals()-1)
	}
	return help
}
