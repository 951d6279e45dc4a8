package report

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
)

// table is a tidy CSV file: a header and rows of named fields.
type table struct {
	file   string
	header []string
	rows   [][]string
}

func readTable(dir, name, file string) (*table, error) {
	path := filepath.Join(dir, name, file)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) == 0 {
		return nil, fmt.Errorf("%s: empty", path)
	}
	return &table{file: path, header: recs[0], rows: recs[1:]}, nil
}

// find returns the value of column of the one row whose fields match where
// (column name, value pairs).
func (t *table) find(column string, where ...string) (float64, error) {
	col := slices.Index(t.header, column)
	if col < 0 {
		return 0, fmt.Errorf("%s: no column %q", t.file, column)
	}
	var found []string
rows:
	for _, r := range t.rows {
		for i := 0; i+1 < len(where); i += 2 {
			c := slices.Index(t.header, where[i])
			if c < 0 || r[c] != where[i+1] {
				continue rows
			}
		}
		if found != nil {
			return 0, fmt.Errorf("%s: several rows with %v", t.file, where)
		}
		found = r
	}
	if found == nil {
		return 0, fmt.Errorf("%s: no row with %v", t.file, where)
	}
	v, err := strconv.ParseFloat(found[col], 64)
	if err != nil {
		return 0, fmt.Errorf("%s: %s = %q with %v is not a number", t.file, column, found[col], where)
	}
	return v, nil
}

// values returns the distinct values of a column, in order of appearance.
func (t *table) values(column string) []string {
	col := slices.Index(t.header, column)
	var out []string
	for _, r := range t.rows {
		if col >= 0 && !slices.Contains(out, r[col]) {
			out = append(out, r[col])
		}
	}
	return out
}

// results reads the summaries of a results folder, remembering the first
// error so that claims can be written as straight-line code.
type results struct {
	dir    string
	tables map[string]*table
	err    error
}

func (r *results) table(name, file string) *table {
	key := name + "/" + file
	if t, ok := r.tables[key]; ok {
		return t
	}
	t, err := readTable(r.dir, name, file)
	if err != nil && r.err == nil {
		r.err = err
	}
	r.tables[key] = t
	return t
}

// mean returns the mean of a metric of an estimator in an experiment's
// summary, at the given sweep values (key, value pairs).
func (r *results) mean(name, estimator, metric string, sweep ...string) float64 {
	t := r.table(name, "summary.csv")
	if t == nil {
		return 0
	}
	v, err := t.find("mean", append([]string{"estimator", estimator, "metric", metric}, sweep...)...)
	if err != nil && r.err == nil {
		r.err = err
	}
	return v
}

// sweepEnds returns the first and last values of a sweep key.
func (r *results) sweepEnds(name, key string) (first, last string) {
	t := r.table(name, "summary.csv")
	if t == nil {
		return "", ""
	}
	vals := t.values(key)
	if len(vals) == 0 {
		if r.err == nil {
			r.err = fmt.Errorf("%s: no sweep key %q", t.file, key)
		}
		return "", ""
	}
	return vals[0], vals[len(vals)-1]
}
