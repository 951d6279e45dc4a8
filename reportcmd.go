package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/clonerobust/clonerobust/internal/atomicfile"
	"github.com/clonerobust/clonerobust/report"
)

func reportCommand(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: clonerobust report [-results DIR]\n\nWrites DIR/REPORT.md: each claim of the paper, the experiment that tests it, the\nmeasured figure and a status computed from the results folders in DIR.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	dir := fs.String("results", "results", "the `folder` of the results folders")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return errHelp
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		return inputError{fmt.Errorf("unexpected argument %q", fs.Arg(0))}
	}
	text := report.Write(*dir)
	path := filepath.Join(*dir, "REPORT.md")
	if err := atomicfile.Write(path, func(f *os.File) error { _, err := f.WriteString(text); return err }); err != nil {
		return err
	}
	counts := make(map[report.Status]int)
	for _, row := range report.Evaluate(*dir) {
		counts[row.Status]++
	}
	fmt.Fprintf(stdout, "%s: %d claims reproduced, %d partly, %d not reproduced, %d not run\n", path,
		counts[report.Reproduced], counts[report.Partly], counts[report.NotReproduced], counts[report.NotRun])
	return nil
}
