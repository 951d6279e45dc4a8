package plots

import (
	"errors"
	"fmt"
	"io"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// Chart is anything that builds a gonum plot.
type Chart interface {
	Plot() (*plot.Plot, error)
}

var (
	_ Chart = Line{}
	_ Chart = Bars{}
)

// Bars is a grouped bar chart: for each group (such as a theme) one bar per
// series (such as a data set), with 95% error bars.
type Bars struct {
	Title, YLabel string
	Groups        []string
	Series        []BarSeries
}

// BarSeries is one bar per group: its Mean and the half-width CI95 of its
// 95% confidence interval (NaN for none).
type BarSeries struct {
	Label      string
	Mean, CI95 []float64
}

// Plot builds the chart.
func (b Bars) Plot() (*plot.Plot, error) {
	if len(b.Series) == 0 || len(b.Groups) == 0 {
		return nil, errors.New("plots: no bars")
	}
	p := newPlot(b.Title, "", b.YLabel)
	p.Legend.Left = false // bars start at the left
	n := float64(len(b.Series))
	const groupWidth = 0.8 // of the distance between groups, in data units
	for i, s := range b.Series {
		if len(s.Mean) != len(b.Groups) || len(s.CI95) != len(b.Groups) {
			return nil, fmt.Errorf("plots: series %q has %d means and %d intervals for %d groups", s.Label, len(s.Mean), len(s.CI95), len(b.Groups))
		}
		var ep errorPoints
		values := make(plotter.Values, len(s.Mean))
		offset := (float64(i) - (n-1)/2) * groupWidth / n
		for k, m := range s.Mean {
			if math.IsNaN(m) || math.IsInf(m, 0) {
				return nil, fmt.Errorf("plots: series %q has mean %v", s.Label, m)
			}
			ci := s.CI95[k]
			if math.IsNaN(ci) {
				ci = 0
			}
			values[k] = m
			ep.XYs = append(ep.XYs, plotter.XY{X: float64(k) + offset, Y: m})
			ep.YErrors = append(ep.YErrors, struct{ Low, High float64 }{ci, ci})
		}
		// Bar widths are in points: 0.8/n of a group's share of the width.
		width := vg.Length(groupWidth/n) * (Width - 2*vg.Centimeter) / vg.Length(len(b.Groups))
		bars, err := plotter.NewBarChart(values, width)
		if err != nil {
			return nil, err
		}
		bars.XMin = offset
		bars.Color = plotutil.Color(i)
		bars.LineStyle.Width = 0
		errs, err := plotter.NewYErrorBars(ep)
		if err != nil {
			return nil, err
		}
		p.Add(bars, errs)
		p.Legend.Add(s.Label, bars)
	}
	p.NominalX(b.Groups...)
	p.X.Min, p.X.Max = -0.5, float64(len(b.Groups))-0.5
	room := 0.07 * float64(len(b.Series)+1)
	p.Y.Max += (p.Y.Max - p.Y.Min) * room
	return p, nil
}

// PNG renders charts side by side, each Width × Height, as one PNG image.
func PNG(w io.Writer, charts ...Chart) error {
	if len(charts) == 0 {
		return errors.New("plots: no charts")
	}
	row := make([]*plot.Plot, len(charts))
	for i, c := range charts {
		p, err := c.Plot()
		if err != nil {
			return err
		}
		row[i] = p
	}
	img := vgimg.New(Width*vg.Length(len(charts)), Height)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: len(charts), PadX: vg.Millimeter * 4, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2}
	canvases := plot.Align([][]*plot.Plot{row}, tiles, dc)
	for i, p := range row {
		p.Draw(canvases[0][i])
	}
	_, err := vgimg.PngCanvas{Canvas: img}.WriteTo(w)
	return err
}

// Scatter is a scatter plot of several series, with the diagonal y = x
// when Diagonal is set.
type Scatter struct {
	Title, XLabel, YLabel string
	Diagonal              bool
	Series                []ScatterSeries
}

// ScatterSeries is a set of points.
type ScatterSeries struct {
	Label string
	X, Y  []float64
}

var _ Chart = Scatter{}

// Plot builds the chart.
func (s Scatter) Plot() (*plot.Plot, error) {
	if len(s.Series) == 0 {
		return nil, errors.New("plots: no series")
	}
	p := newPlot(s.Title, s.XLabel, s.YLabel)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, ser := range s.Series {
		if len(ser.X) != len(ser.Y) || len(ser.X) == 0 {
			return nil, fmt.Errorf("plots: series %q has %d x and %d y", ser.Label, len(ser.X), len(ser.Y))
		}
		xys := make(plotter.XYs, len(ser.X))
		for k := range ser.X {
			if math.IsNaN(ser.X[k]) || math.IsNaN(ser.Y[k]) || math.IsInf(ser.X[k], 0) || math.IsInf(ser.Y[k], 0) {
				return nil, fmt.Errorf("plots: series %q has point (%v, %v)", ser.Label, ser.X[k], ser.Y[k])
			}
			xys[k] = plotter.XY{X: ser.X[k], Y: ser.Y[k]}
			lo = min(lo, ser.X[k], ser.Y[k])
			hi = max(hi, ser.X[k], ser.Y[k])
		}
		sc, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		sc.Color = plotutil.Color(i)
		sc.Shape = plotutil.Shape(i)
		p.Add(sc)
		p.Legend.Add(ser.Label, sc)
	}
	if s.Diagonal {
		diag, err := plotter.NewLine(plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}})
		if err != nil {
			return nil, err
		}
		diag.Dashes = []vg.Length{vg.Points(4), vg.Points(4)}
		p.Add(diag)
		p.Legend.Add("y = x", diag)
	}
	return p, nil
}
