package prefdata

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/clonerobust/clonerobust/estimators"
)

// Error is a problem at a line of a data file. Line 0 stands for the whole
// file.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Alternatives are the rows of an alternatives file: header
// id,x1,...,xd, then a unique id and d ≥ 1 finite numbers per line.
type Alternatives struct {
	File   string
	IDs    []string
	Points [][]float64
	Lines  []int // line of each alternative in File
	Index  map[string]int
}

// table reads a CSV file record by record, checking that each record has
// as many fields as the header.
type table struct {
	file   string
	r      *csv.Reader
	header []string
}

func newTable(file string, r io.Reader) (*table, error) {
	t := &table{file: file, r: csv.NewReader(r)}
	t.r.FieldsPerRecord = -1
	t.r.TrimLeadingSpace = true
	header, err := t.r.Read()
	if err == io.EOF {
		return nil, &Error{File: file, Line: 1, Msg: "empty file, want a header line"}
	}
	if err != nil {
		return nil, t.csvError(err)
	}
	for i := range header {
		header[i] = strings.TrimSpace(header[i])
	}
	t.header = header
	return t, nil
}

// next returns the next record and its line, or io.EOF.
func (t *table) next() ([]string, int, error) {
	rec, err := t.r.Read()
	if err != nil {
		if err == io.EOF {
			return nil, 0, err
		}
		return nil, 0, t.csvError(err)
	}
	line, _ := t.r.FieldPos(0)
	if len(rec) != len(t.header) {
		return nil, line, &Error{File: t.file, Line: line, Msg: fmt.Sprintf("%d fields, want %d (%s)", len(rec), len(t.header), strings.Join(t.header, ","))}
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	return rec, line, nil
}

func (t *table) csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: t.file, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return &Error{File: t.file, Msg: err.Error()}
}

// each calls f with every record and its line, stopping at the first error.
func (t *table) each(f func(rec []string, line int) error) error {
	for {
		rec, line, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if err := f(rec, line); err != nil {
			return err
		}
	}
}

// number parses a finite float field.
func (t *table) number(line int, column, field string) (float64, error) {
	v, err := strconv.ParseFloat(field, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, &Error{File: t.file, Line: line, Msg: fmt.Sprintf("%s = %q is not a finite number", column, field)}
	}
	return v, nil
}

// ReadAlternatives reads an alternatives file from r; file names it in
// errors.
func ReadAlternatives(file string, r io.Reader) (*Alternatives, error) {
	t, err := newTable(file, r)
	if err != nil {
		return nil, err
	}
	if len(t.header) < 2 || t.header[0] != "id" {
		return nil, &Error{File: file, Line: 1, Msg: fmt.Sprintf("header %q, want id,x1,...,xd with d ≥ 1", strings.Join(t.header, ","))}
	}
	a := &Alternatives{File: file, Index: make(map[string]int)}
	err = t.each(func(rec []string, line int) error {
		id := rec[0]
		if id == "" {
			return &Error{File: file, Line: line, Msg: "empty id"}
		}
		if prev, ok := a.Index[id]; ok {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("duplicate id %q (first at line %d)", id, a.Lines[prev])}
		}
		x := make([]float64, len(rec)-1)
		for k, f := range rec[1:] {
			var err error
			if x[k], err = t.number(line, t.header[k+1], f); err != nil {
				return err
			}
		}
		a.Index[id] = len(a.IDs)
		a.IDs = append(a.IDs, id)
		a.Points = append(a.Points, x)
		a.Lines = append(a.Lines, line)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(a.IDs) == 0 {
		return nil, &Error{File: file, Msg: "no alternatives"}
	}
	return a, nil
}

// ReadComparisons reads a comparisons file, header a,b,p or a,b,p,count,
// whose ids must be those of alts. p is the fraction of the comparisons in
// which a was preferred, in [0, 1]; count > 0 defaults to 1.
func ReadComparisons(file string, r io.Reader, alts *Alternatives) ([]estimators.Comparison, error) {
	t, err := newTable(file, r)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(t.header, []string{"a", "b", "p"}) && !slices.Equal(t.header, []string{"a", "b", "p", "count"}) {
		return nil, &Error{File: file, Line: 1, Msg: fmt.Sprintf("header %q, want a,b,p or a,b,p,count", strings.Join(t.header, ","))}
	}
	var rows []estimators.Comparison
	err = t.each(func(rec []string, line int) error {
		var ends [2]int
		for k, id := range rec[:2] {
			i, ok := alts.Index[id]
			if !ok {
				return &Error{File: file, Line: line, Msg: fmt.Sprintf("%s = %q is not an id of %s", t.header[k], id, alts.File)}
			}
			ends[k] = i
		}
		if ends[0] == ends[1] {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("a = b = %q: an alternative cannot be compared with itself", rec[0])}
		}
		p, err := t.number(line, "p", rec[2])
		if err != nil {
			return err
		}
		if p < 0 || p > 1 {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("p = %v is outside [0, 1]", p)}
		}
		count := 1.0
		if len(rec) == 4 {
			if count, err = t.number(line, "count", rec[3]); err != nil {
				return err
			}
			if count <= 0 {
				return &Error{File: file, Line: line, Msg: fmt.Sprintf("count = %v, want count > 0", count)}
			}
		}
		rows = append(rows, estimators.Comparison{A: ends[0], B: ends[1], P: p, Count: count})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, &Error{File: file, Msg: "no comparisons"}
	}
	return rows, nil
}

// ReadWeights reads a weights file, header id,weight, with one
// non-negative weight for every alternative of alts, and returns the
// weights normalised to sum 1 in alts' order.
func ReadWeights(file string, r io.Reader, alts *Alternatives) ([]float64, error) {
	t, err := newTable(file, r)
	if err != nil {
		return nil, err
	}
	if !slices.Equal(t.header, []string{"id", "weight"}) {
		return nil, &Error{File: file, Line: 1, Msg: fmt.Sprintf("header %q, want id,weight", strings.Join(t.header, ","))}
	}
	w := make([]float64, len(alts.IDs))
	seen := make([]int, len(alts.IDs)) // line of each alternative's weight
	var sum float64
	err = t.each(func(rec []string, line int) error {
		i, ok := alts.Index[rec[0]]
		if !ok {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("id %q is not an id of %s", rec[0], alts.File)}
		}
		if seen[i] != 0 {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("duplicate id %q (first at line %d)", rec[0], seen[i])}
		}
		seen[i] = line
		var err error
		if w[i], err = t.number(line, "weight", rec[1]); err != nil {
			return err
		}
		if w[i] < 0 {
			return &Error{File: file, Line: line, Msg: fmt.Sprintf("weight = %v, want weight ≥ 0", w[i])}
		}
		sum += w[i]
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i, line := range seen {
		if line == 0 {
			return nil, &Error{File: file, Msg: fmt.Sprintf("no weight for alternative %q (%s:%d)", alts.IDs[i], alts.File, alts.Lines[i])}
		}
	}
	if !(sum > 0) || math.IsInf(sum, 0) {
		return nil, &Error{File: file, Msg: fmt.Sprintf("weights sum to %v, want a finite positive sum", sum)}
	}
	for i := range w {
		w[i] /= sum
	}
	return w, nil
}

// WriteRewards writes the header id,reward,weight and one line per
// alternative, with every number at full float64 precision.
func WriteRewards(out io.Writer, ids []string, rewards, weights []float64) error {
	cw := csv.NewWriter(out)
	if err := cw.Write([]string{"id", "reward", "weight"}); err != nil {
		return err
	}
	for i, id := range ids {
		if err := cw.Write([]string{id, strconv.FormatFloat(rewards[i], 'g', -1, 64), strconv.FormatFloat(weights[i], 'g', -1, 64)}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
