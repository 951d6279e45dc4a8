package experiments

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// ConfigError is a problem with a config: the file, the line (0 when the
// key was set by an override), the dotted key and what is wrong.
type ConfigError struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *ConfigError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", loc, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", loc, e.Key, e.Msg)
}

// Plan is a checked config with its sweep expanded.
type Plan struct {
	// File is the config's file name.
	File string
	// Config is the config with overrides applied, before the sweep.
	Config *Config
	// Resolved is the YAML of Config, overrides included.
	Resolved []byte
	// Keys are the sweep keys in file order.
	Keys []string
	// Points are the sweep points, the last key varying fastest.
	Points []Point
}

// Point is one sweep point: a value per sweep key and the resulting config.
type Point struct {
	Values []string
	Config *Config
}

// Load reads the config file, applies the overrides (key=value, the value
// in YAML) and checks it and every sweep point.
func Load(file string, overrides []string) (*Plan, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	return Parse(file, data, overrides)
}

// Parse is Load on the contents of a file.
func Parse(file string, data []byte, overrides []string) (*Plan, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, yamlError(file, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, &ConfigError{File: file, Line: 1, Msg: "want a mapping of config keys"}
	}
	root := doc.Content[0]
	for _, o := range overrides {
		key, value, ok := strings.Cut(o, "=")
		if !ok || key == "" {
			return nil, &ConfigError{File: file, Key: o, Msg: "override must be key=value"}
		}
		var v yaml.Node
		if err := yaml.Unmarshal([]byte(value), &v); err != nil || len(v.Content) != 1 {
			return nil, &ConfigError{File: file, Key: key, Msg: fmt.Sprintf("value %q is not YAML", value)}
		}
		zeroLines(v.Content[0])
		if err := setPath(root, key, v.Content[0]); err != nil {
			return nil, &ConfigError{File: file, Key: key, Msg: err.Error() + " (in -set " + o + ")"}
		}
	}

	base, err := decode(file, root)
	if err != nil {
		return nil, err
	}
	resolved, err := yaml.Marshal(root)
	if err != nil {
		return nil, err
	}
	plan := &Plan{File: file, Config: base, Resolved: resolved}

	// The sweep: an ordered mapping of keys to lists of values.
	sweep := &base.Sweep
	var values [][]*yaml.Node
	if sweep.Kind != 0 && sweep.Tag != "!!null" {
		if sweep.Kind != yaml.MappingNode {
			return nil, &ConfigError{File: file, Line: sweep.Line, Key: "sweep", Msg: "want a mapping of dotted keys to lists of values"}
		}
		for i := 0; i < len(sweep.Content); i += 2 {
			k, v := sweep.Content[i], sweep.Content[i+1]
			if v.Kind != yaml.SequenceNode || len(v.Content) == 0 {
				return nil, &ConfigError{File: file, Line: k.Line, Key: "sweep." + k.Value, Msg: "want a non-empty list of values"}
			}
			if k.Value == "sweep" || strings.HasPrefix(k.Value, "sweep.") {
				return nil, &ConfigError{File: file, Line: k.Line, Key: "sweep." + k.Value, Msg: "the sweep cannot sweep itself"}
			}
			plan.Keys = append(plan.Keys, k.Value)
			values = append(values, v.Content)
		}
	}
	// Expand the Cartesian product, the last key varying fastest.
	idx := make([]int, len(plan.Keys))
	for {
		point := cloneNode(root)
		vals := make([]string, len(idx))
		for k, i := range idx {
			v := values[k][i]
			vals[k] = formatValue(v)
			if err := setPath(point, plan.Keys[k], cloneNode(v)); err != nil {
				return nil, &ConfigError{File: file, Line: v.Line, Key: "sweep." + plan.Keys[k], Msg: err.Error()}
			}
		}
		cfg, err := decode(file, point)
		if err != nil {
			return nil, err
		}
		plan.Points = append(plan.Points, Point{Values: vals, Config: cfg})
		k := len(idx) - 1
		for ; k >= 0; k-- {
			idx[k]++
			if idx[k] < len(values[k]) {
				break
			}
			idx[k] = 0
		}
		if k < 0 {
			break
		}
	}
	for _, p := range base.Plots {
		i := slices.Index(plan.Keys, p.X)
		if i < 0 {
			line := lineOf(root, "plots")
			return nil, &ConfigError{File: file, Line: line, Key: "plots", Msg: fmt.Sprintf("x = %q is not a sweep key %v", p.X, plan.Keys)}
		}
		for _, v := range values[i] {
			if _, err := strconv.ParseFloat(v.Value, 64); err != nil || v.Kind != yaml.ScalarNode {
				return nil, &ConfigError{File: file, Line: v.Line, Key: "sweep." + p.X, Msg: fmt.Sprintf("value %q is not a number, so it cannot be a plot's x", v.Value)}
			}
		}
	}
	return plan, nil
}

var yamlLine = regexp.MustCompile(`^yaml: (?:unmarshal errors:\s*)?line (\d+): (.*)$`)

// yamlError turns an error of the YAML parser into a ConfigError.
func yamlError(file string, err error) error {
	msg := strings.TrimSpace(err.Error())
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		return &ConfigError{File: file, Line: line, Msg: m[2]}
	}
	return &ConfigError{File: file, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// decode checks the keys and types of root, decodes it and validates the
// result.
func decode(file string, root *yaml.Node) (*Config, error) {
	if err := checkNode(root, reflect.TypeFor[Config](), ""); err != nil {
		var ce *ConfigError
		if errors.As(err, &ce) {
			ce.File = file
		}
		return nil, err
	}
	var c Config
	if err := root.Decode(&c); err != nil {
		return nil, yamlError(file, err)
	}
	c.setDefaults()
	if pe := c.validate(); pe != nil {
		return nil, &ConfigError{File: file, Line: lineOf(root, pe.path), Key: pe.path, Msg: pe.msg}
	}
	return &c, nil
}

// checkNode reports the first key of n that t does not have, or value of
// the wrong kind, with its line.
func checkNode(n *yaml.Node, t reflect.Type, path string) error {
	if t == reflect.TypeFor[yaml.Node]() {
		return nil
	}
	fail := func(format string, args ...any) error {
		return &ConfigError{Line: n.Line, Key: path, Msg: fmt.Sprintf(format, args...)}
	}
	if n.Kind == yaml.AliasNode {
		return fail("aliases are not supported")
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Struct:
		if n.Kind != yaml.MappingNode {
			return fail("want a mapping with keys %v", yamlKeys(t))
		}
		for i := 0; i < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			f, ok := fieldByKey(t, k.Value)
			key := join(path, k.Value)
			if !ok {
				return &ConfigError{Line: k.Line, Key: key, Msg: fmt.Sprintf("unknown key: want one of %v", yamlKeys(t))}
			}
			if err := checkNode(v, f.Type, key); err != nil {
				return err
			}
		}
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			return fail("want a mapping")
		}
		for i := 0; i < len(n.Content); i += 2 {
			if err := checkNode(n.Content[i+1], t.Elem(), join(path, n.Content[i].Value)); err != nil {
				return err
			}
		}
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			return fail("want a list")
		}
		for i, v := range n.Content {
			if err := checkNode(v, t.Elem(), join(path, strconv.Itoa(i))); err != nil {
				return err
			}
		}
	default:
		if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
			return fail("want a single %s", kindName(t))
		}
		if !scalarFits(n, t) {
			return fail("%q is not %s", n.Value, kindName(t))
		}
	}
	return nil
}

// scalarFits reports whether the scalar n decodes into a value of type t.
func scalarFits(n *yaml.Node, t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String:
		return true
	case reflect.Bool:
		return n.Tag == "!!bool"
	case reflect.Int:
		_, err := strconv.Atoi(n.Value)
		return n.Tag == "!!int" && err == nil
	case reflect.Uint64:
		_, err := strconv.ParseUint(n.Value, 0, 64)
		return n.Tag == "!!int" && err == nil
	case reflect.Float64:
		var f float64
		return (n.Tag == "!!int" || n.Tag == "!!float") && n.Decode(&f) == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	}
	return false
}

func kindName(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int:
		return "an integer"
	case reflect.Uint64:
		return "a non-negative integer"
	case reflect.Float64:
		return "a finite number"
	}
	return t.String()
}

func fieldByKey(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ","); tag == key {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func yamlKeys(t reflect.Type) []string {
	var keys []string
	for i := range t.NumField() {
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		keys = append(keys, tag)
	}
	return keys
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// setPath sets the dotted key of root to value, creating missing mapping
// keys; a list is indexed by a number, or by * for all its elements.
func setPath(root *yaml.Node, path string, value *yaml.Node) error {
	segs := strings.Split(path, ".")
	n := root
	for i, seg := range segs {
		last := i == len(segs)-1
		switch n.Kind {
		case yaml.MappingNode:
			j := keyIndex(n, seg)
			if j < 0 {
				child := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: value.Line}
				n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: seg, Line: value.Line}, child)
				j = len(n.Content) - 2
			}
			if last {
				n.Content[j+1] = value
				return nil
			}
			n = n.Content[j+1]
		case yaml.SequenceNode:
			rest := strings.Join(segs[i+1:], ".")
			if seg == "*" {
				for _, el := range n.Content {
					if err := setElement(el, rest, value); err != nil {
						return err
					}
				}
				return nil
			}
			k, err := strconv.Atoi(seg)
			if err != nil || k < 0 || k >= len(n.Content) {
				return fmt.Errorf("%q of %s is not an index of its %d elements (or *)", seg, strings.Join(segs[:i], "."), len(n.Content))
			}
			if last {
				n.Content[k] = value
				return nil
			}
			n = n.Content[k]
		default:
			return fmt.Errorf("%s is a single value, not a mapping or list", strings.Join(segs[:i], "."))
		}
	}
	return nil
}

func setElement(el *yaml.Node, rest string, value *yaml.Node) error {
	if rest == "" {
		*el = *cloneNode(value)
		return nil
	}
	return setPath(el, rest, cloneNode(value))
}

// lineOf returns the line of the deepest key of path present in root, or
// of its value if that is a single value (which a sweep or an override may
// have put there: an override's line is 0).
func lineOf(root *yaml.Node, path string) int {
	line, n := 0, root
	for _, seg := range strings.Split(path, ".") {
		switch n.Kind {
		case yaml.MappingNode:
			j := keyIndex(n, seg)
			if j < 0 {
				return line
			}
			line, n = n.Content[j].Line, n.Content[j+1]
		case yaml.SequenceNode:
			k, err := strconv.Atoi(seg)
			if err != nil || k < 0 || k >= len(n.Content) {
				return line
			}
			n = n.Content[k]
			line = n.Line
		default:
			return line
		}
	}
	if n.Kind == yaml.ScalarNode {
		return n.Line
	}
	return line
}

// keyIndex returns the index in the mapping n's Content of the key named
// key, or −1.
func keyIndex(n *yaml.Node, key string) int {
	for j := 0; j+1 < len(n.Content); j += 2 {
		if n.Content[j].Value == key {
			return j
		}
	}
	return -1
}

func cloneNode(n *yaml.Node) *yaml.Node {
	c := *n
	c.Content = make([]*yaml.Node, len(n.Content))
	for i, ch := range n.Content {
		c.Content[i] = cloneNode(ch)
	}
	return &c
}

// zeroLines marks an override's nodes as having no line in the file.
func zeroLines(n *yaml.Node) {
	n.Line, n.Column = 0, 0
	for _, c := range n.Content {
		zeroLines(c)
	}
}

// formatValue renders a sweep value as it appears in results.
func formatValue(v *yaml.Node) string {
	if v.Kind == yaml.ScalarNode {
		return v.Value
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.Encode(v)
	return strings.TrimSpace(b.String())
}
