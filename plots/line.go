package plots

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Series is one line: a label, and at each X the Mean with the half-width
// CI95 of its 95% confidence interval (NaN for none).
type Series struct {
	Label         string
	X, Mean, CI95 []float64
}

// Line is a line chart of several series.
type Line struct {
	Title, XLabel, YLabel string
	// LogX and LogY draw an axis on a log scale; points with a coordinate
	// ≤ 0 on a log axis are left out, and error bars are cut above 0.
	LogX, LogY bool
	Series     []Series
}

// Width and Height are the size of a rendered chart.
const (
	Width  = 18 * vg.Centimeter
	Height = 11 * vg.Centimeter
)

// errorPoints are points with symmetric vertical error bars.
type errorPoints struct {
	plotter.XYs
	plotter.YErrors
}

// newPlot returns a plot with a title, labelled axes, a grid and its
// legend at the top left.
func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	return p
}

// Plot builds the chart. On a log x axis, points at x = 0 (such as exact
// clones, radius 0) are drawn apart, left of the others, at a tick labelled
// 0, and not joined to the line.
func (l Line) Plot() (*plot.Plot, error) {
	if len(l.Series) == 0 {
		return nil, errors.New("plots: no series")
	}
	p := newPlot(l.Title, l.XLabel, l.YLabel)
	zeroAt := 0.0 // where x = 0 is drawn on a log axis
	if l.LogX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logTicks{}
		minPos, hasZero := math.Inf(1), false
		for _, s := range l.Series {
			for _, x := range s.X {
				if x > 0 {
					minPos = min(minPos, x)
				}
				hasZero = hasZero || x == 0
			}
		}
		if hasZero && !math.IsInf(minPos, 0) {
			zeroAt = minPos / 4
			p.X.Tick.Marker = zeroTicks{at: zeroAt}
		}
	}
	if l.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = logTicks{}
	}
	for i, s := range l.Series {
		if len(s.X) != len(s.Mean) || len(s.X) != len(s.CI95) {
			return nil, fmt.Errorf("plots: series %q has %d x, %d means and %d intervals", s.Label, len(s.X), len(s.Mean), len(s.CI95))
		}
		var ep, zero errorPoints
		for k, x := range s.X {
			y := s.Mean[k]
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return nil, fmt.Errorf("plots: series %q has mean %v at x = %v", s.Label, y, x)
			}
			into := &ep
			if l.LogX && x == 0 && zeroAt > 0 {
				into, x = &zero, zeroAt
			}
			if l.LogX && !(x > 0) || l.LogY && !(y > 0) {
				continue
			}
			ci := s.CI95[k]
			if math.IsNaN(ci) {
				ci = 0
			}
			low := ci
			if l.LogY {
				low = min(ci, y/2)
			}
			into.XYs = append(into.XYs, plotter.XY{X: x, Y: y})
			into.YErrors = append(into.YErrors, struct{ Low, High float64 }{low, ci})
		}
		if len(ep.XYs)+len(zero.XYs) == 0 {
			return nil, fmt.Errorf("plots: series %q has no point to draw", s.Label)
		}
		c := plotutil.Color(i)
		line, err := plotter.NewLine(ep.XYs)
		if err != nil && len(ep.XYs) > 0 {
			return nil, err
		}
		if line == nil {
			line = &plotter.Line{}
		}
		line.Color = c
		line.Dashes = plotutil.Dashes(i)
		var glyphs *plotter.Scatter
		for _, pts := range []errorPoints{ep, zero} {
			if len(pts.XYs) == 0 {
				continue
			}
			sc, err := plotter.NewScatter(pts.XYs)
			if err != nil {
				return nil, err
			}
			sc.Color = c
			sc.Shape = plotutil.Shape(i)
			if len(pts.XYs) > 60 {
				sc.Radius = 0 // a curve, not a few measurements
			}
			glyphs = sc
			p.Add(sc)
			if slices.ContainsFunc(pts.YErrors, func(e struct{ Low, High float64 }) bool { return e.High > 0 }) {
				bars, err := plotter.NewYErrorBars(pts)
				if err != nil {
					return nil, err
				}
				bars.Color = c
				p.Add(bars)
			}
		}
		if len(ep.XYs) > 0 {
			p.Add(line)
		}
		p.Legend.Add(s.Label, line, glyphs)
	}
	// Leave room above the data for the legend.
	room := 0.07 * float64(len(l.Series)+1)
	if l.LogY {
		p.Y.Max *= math.Pow(p.Y.Max/p.Y.Min, room)
	} else {
		p.Y.Max += (p.Y.Max - p.Y.Min) * room
	}
	return p, nil
}

// logTicks are gonum's log ticks labelled with at most 3 significant
// digits, so that 10⁻⁴ does not read 9.999999999999999e-05.
type logTicks struct{}

func (logTicks) Ticks(min, max float64) []plot.Tick {
	ticks := plot.LogTicks{}.Ticks(min, max)
	for i, t := range ticks {
		if t.Label != "" {
			ticks[i].Label = tickLabel(t.Value)
		}
	}
	return ticks
}

// tickLabel writes v to 3 significant digits, in plain decimals between
// 10⁻⁴ and 10⁶.
func tickLabel(v float64) string {
	x, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 3, 64), 64)
	if a := math.Abs(x); a >= 1e-4 && a < 1e6 {
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return strconv.FormatFloat(x, 'g', -1, 64)
}

// zeroTicks are log ticks with one more, labelled 0, where x = 0 is drawn.
type zeroTicks struct{ at float64 }

func (z zeroTicks) Ticks(min, max float64) []plot.Tick {
	return append([]plot.Tick{{Value: z.at, Label: "0"}}, logTicks{}.Ticks(z.at*2, max)...)
}

// PNG renders the chart as a PNG image of size Width × Height.
func (l Line) PNG(w io.Writer) error { return PNG(w, l) }
