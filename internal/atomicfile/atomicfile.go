// Package atomicfile writes files so that a reader sees either the old
// content or the whole new one, never a part.
package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
)

// Write calls fill with a temporary file in path's directory and, if fill
// and the file's sync and close succeed, renames it to path. On failure the
// temporary file is removed and path is left as it was.
func Write(path string, fill func(*os.File) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := fill(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	// CreateTemp makes the file 0600; results are meant to be shared.
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return errors.Join(err, os.Remove(f.Name()))
	}
	return nil
}
