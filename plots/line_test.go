package plots

import (
	"bytes"
	"image/color"
	"image/png"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotutil"
)

var chart = Line{
	Title:  "Reward shift",
	XLabel: "clones.count",
	YLabel: "max_shift",
	LogX:   true,
	Series: []Series{
		{Label: "standard", X: []float64{0, 1, 10, 100}, Mean: []float64{0, 0.1, 0.5, 0.9}, CI95: []float64{math.NaN(), 0.01, 0.05, 0.1}},
		{Label: "weighted", X: []float64{0, 1, 10, 100}, Mean: []float64{0, 0.001, 0.002, 0.002}, CI95: []float64{0, 0.001, 0.001, 0.001}},
	},
}

func TestLineStructure(t *testing.T) {
	p, err := chart.Plot()
	if err != nil {
		t.Fatal(err)
	}
	if p.Title.Text != "Reward shift" || p.X.Label.Text != "clones.count" || p.Y.Label.Text != "max_shift" {
		t.Errorf("labels %q, %q, %q", p.Title.Text, p.X.Label.Text, p.Y.Label.Text)
	}
	if _, ok := p.X.Scale.(plot.LogScale); !ok {
		t.Errorf("x scale %T, want a log scale", p.X.Scale)
	}
	// x = 0 is drawn apart, at a quarter of the smallest positive x, under a
	// tick labelled 0; y covers the error bars.
	if p.X.Min != 0.25 || p.X.Max != 100 || p.Y.Max < 1.0 {
		t.Errorf("axes x [%v, %v], y max %v", p.X.Min, p.X.Max, p.Y.Max)
	}
	ticks := p.X.Tick.Marker.Ticks(p.X.Min, p.X.Max)
	if !slices.ContainsFunc(ticks, func(tk plot.Tick) bool { return tk.Value == 0.25 && tk.Label == "0" }) {
		t.Errorf("no tick labelled 0 at x = 0.25: %v", ticks)
	}
}

func TestLinePNG(t *testing.T) {
	var buf bytes.Buffer
	if err := chart.PNG(&buf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	w, h := img.Bounds().Dx(), img.Bounds().Dy()
	if math.Abs(float64(w)-Width.Dots(96)) > 1 || math.Abs(float64(h)-Height.Dots(96)) > 1 {
		t.Errorf("image %d×%d, want %v×%v", w, h, Width.Dots(96), Height.Dots(96))
	}
	// Each series' colour is drawn.
	for i := range chart.Series {
		want := color.RGBAModel.Convert(plotutil.Color(i)).(color.RGBA)
		found := false
		for y := 0; y < h && !found; y++ {
			for x := 0; x < w && !found; x++ {
				found = color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == want
			}
		}
		if !found {
			t.Errorf("series %d's colour %v is not in the image", i, want)
		}
	}
	// and no third series is.
	third := color.RGBAModel.Convert(plotutil.Color(len(chart.Series))).(color.RGBA)
	for y := range h {
		for x := range w {
			if color.RGBAModel.Convert(img.At(x, y)).(color.RGBA) == third {
				t.Fatalf("colour %v of a third series at (%d, %d)", third, x, y)
			}
		}
	}
}

func TestLineErrors(t *testing.T) {
	bad := []Line{
		{},
		{Series: []Series{{Label: "a", X: []float64{1}, Mean: []float64{1, 2}, CI95: []float64{0}}}},
		{Series: []Series{{Label: "a", X: []float64{1}, Mean: []float64{math.NaN()}, CI95: []float64{0}}}},
		{LogX: true, Series: []Series{{Label: "a", X: []float64{0}, Mean: []float64{1}, CI95: []float64{0}}}},
	}
	for i, l := range bad {
		if _, err := l.Plot(); err == nil {
			t.Errorf("case %d: no error", i)
		}
	}
}

func TestScatter(t *testing.T) {
	s := Scatter{Title: "win rates", Diagonal: true, Series: []ScatterSeries{{Label: "a", X: []float64{0.1, 0.9}, Y: []float64{0.2, 0.8}}}}
	p, err := s.Plot()
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min > 0.1 || p.X.Max < 0.9 || p.Y.Min > 0.1 || p.Y.Max < 0.9 {
		t.Errorf("axes [%v, %v] × [%v, %v] do not hold the diagonal", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	var buf bytes.Buffer
	if err := PNG(&buf, s, s); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if w := img.Bounds().Dx(); math.Abs(float64(w)-2*Width.Dots(96)) > 2 {
		t.Errorf("two panels %d pixels wide, want %v", w, 2*Width.Dots(96))
	}
	if _, err := (Scatter{Series: []ScatterSeries{{X: []float64{1}, Y: []float64{math.NaN()}}}}).Plot(); err == nil {
		t.Error("a NaN point was drawn")
	}
}

func TestTickLabels(t *testing.T) {
	for v, want := range map[float64]string{1000: "1000", 9.999999999999999e-05: "0.0001", 1e-5: "1e-05", 0.001: "0.001", 1e7: "1e+07"} {
		if got := tickLabel(v); got != want {
			t.Errorf("tickLabel(%v) = %q, want %q", v, got, want)
		}
	}
}
