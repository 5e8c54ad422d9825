package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
)

// writeFileAtomic replaces the file at path with data, so that a reader
// (or a crash) sees either the old content or the new, never a part: a
// temporary file in the same directory, written, synced, renamed over it.
// A symbolic link is written through (its target is replaced, the link
// stays); a read-only file is refused and left as it is. The temporary
// file never outlives an error. Callers hold the file's lock.
func writeFileAtomic(path string, data []byte) error {
	target, err := resolveLinks(path)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	shown := path
	if target != path {
		shown = fmt.Sprintf("%s (a link to %s)", path, target)
	}
	if st, err := os.Stat(target); err == nil {
		if st.IsDir() {
			return &FileError{Path: shown, Err: errors.New("it is a directory, not a file"), Fix: "move the directory away"}
		}
		if st.Mode().Perm()&0o200 == 0 {
			return &FileError{Path: shown, Err: fmt.Errorf("it is read-only (mode %04o), so it was left as it is", st.Mode().Perm()),
				Fix: fmt.Sprintf("make it writable (chmod u+w %s) to let horusec-tui change it", target)}
		}
	}
	dir := filepath.Dir(target)
	if err := ensureDir(dir); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, tempPrefix(filepath.Base(path))+"*")
	if err != nil {
		return fmt.Errorf("write %s: %w", shown, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("write %s: %w", shown, err)
	}
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		return fail(err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if err := syncFile(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", shown, err)
	}
	if err := os.Rename(name, target); err != nil {
		os.Remove(name)
		return fmt.Errorf("write %s: %w", shown, err)
	}
	syncDir(dir)
	return nil
}

// syncFile is (*os.File).Sync; tests make it fail.
var syncFile = (*os.File).Sync

// syncDir makes a rename in dir durable; where a directory cannot be
// synced (Windows) the rename is as durable as the system makes it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// resolveLinks follows symbolic links from path to the file they end at,
// which may not exist yet (a link to a file still to be written).
func resolveLinks(path string) (string, error) {
	for range 40 {
		st, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		dest, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(filepath.Dir(path), dest)
		}
		path = dest
	}
	return "", fmt.Errorf("too many levels of symbolic links")
}
