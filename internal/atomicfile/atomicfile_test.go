package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWrite(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	if err := Write(path, func(f *os.File) error { _, err := f.WriteString("a\n"); return err }); err != nil {
		t.Fatal(err)
	}
	failure := errors.New("half-way")
	err := Write(path, func(f *os.File) error {
		f.WriteString("partial")
		return failure
	})
	if !errors.Is(err, failure) {
		t.Fatalf("got %v, want %v", err, failure)
	}
	if b, _ := os.ReadFile(path); string(b) != "a\n" {
		t.Errorf("file holds %q after a failed write, want the old content", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files left in the directory, want 1", len(entries))
	}
}
