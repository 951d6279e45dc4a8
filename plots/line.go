package plots

import (
	"errors"
	"fmt"
	"io"
	"math"
	"slices"

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

// Plot builds the chart.
func (l Line) Plot() (*plot.Plot, error) {
	if len(l.Series) == 0 {
		return nil, errors.New("plots: no series")
	}
	p := plot.New()
	p.Title.Text = l.Title
	p.X.Label.Text = l.XLabel
	p.Y.Label.Text = l.YLabel
	p.Legend.Top = true
	p.Legend.Left = true
	p.Add(plotter.NewGrid())
	if l.LogX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	if l.LogY {
		p.Y.Scale = plot.LogScale{}
		p.Y.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	for i, s := range l.Series {
		if len(s.X) != len(s.Mean) || len(s.X) != len(s.CI95) {
			return nil, fmt.Errorf("plots: series %q has %d x, %d means and %d intervals", s.Label, len(s.X), len(s.Mean), len(s.CI95))
		}
		var ep errorPoints
		for k, x := range s.X {
			y := s.Mean[k]
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return nil, fmt.Errorf("plots: series %q has mean %v at x = %v", s.Label, y, x)
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
			ep.XYs = append(ep.XYs, plotter.XY{X: x, Y: y})
			ep.YErrors = append(ep.YErrors, struct{ Low, High float64 }{low, ci})
		}
		if len(ep.XYs) == 0 {
			return nil, fmt.Errorf("plots: series %q has no point to draw", s.Label)
		}
		line, points, err := plotter.NewLinePoints(ep.XYs)
		if len(ep.XYs) > 60 {
			points.Radius = 0 // a curve, not a few measurements
		}
		if err != nil {
			return nil, err
		}
		c := plotutil.Color(i)
		line.Color = c
		line.Dashes = plotutil.Dashes(i)
		points.Color = c
		points.Shape = plotutil.Shape(i)
		p.Add(line, points)
		if slices.ContainsFunc(ep.YErrors, func(e struct{ Low, High float64 }) bool { return e.High > 0 }) {
			bars, err := plotter.NewYErrorBars(ep)
			if err != nil {
				return nil, err
			}
			bars.Color = c
			p.Add(bars)
		}
		p.Legend.Add(s.Label, line, points)
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

// PNG renders the chart as a PNG image of size Width × Height.
func (l Line) PNG(w io.Writer) error { return PNG(w, l) }
