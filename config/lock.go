package config

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/gofrs/flock"
)

// Several programs may share a profile: the terminal UI in one pane,
// scripts in another. They coordinate through lock files in the config
// directory (flock(2) on Unix, LockFileEx on Windows): the operating system
// drops a lock when its holder exits, so a crashed program never blocks the
// next one, and the lock files themselves hold nothing.

// SessionLockTimeout bounds the wait for another program that is renewing
// the same profile's session (one refresh takes a few keyring calls and
// one request, each with its own timeout).
var SessionLockTimeout = 40 * time.Second

// FileLockTimeout bounds the wait for another program that is changing
// config.json or credentials.json (a read and a write of a small file).
var FileLockTimeout = 15 * time.Second

// lockPoll is how often a busy lock is tried again.
const lockPoll = 5 * time.Millisecond

// LockError is a lock that could not be taken.
type LockError struct {
	What    string // "the session of profile work", "config.json"
	Path    string // the lock file
	Timeout time.Duration
	Err     error // nil when the wait timed out
}

func (e *LockError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("another horusec-tui program has held the lock on %s for over %s (lock file %s): "+
			"try again when it is done; a program that crashed holds no lock", e.What, e.Timeout, e.Path)
	}
	return fmt.Sprintf("cannot lock %s (lock file %s): %v", e.What, e.Path, e.Err)
}

func (e *LockError) Unwrap() error { return e.Err }

// lock takes the exclusive lock of path, waiting at most timeout (and as
// long as ctx allows). The returned function releases it.
func lock(ctx context.Context, path, what string, timeout time.Duration) (func(), error) {
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	fl := flock.New(path, flock.SetPermissions(0o600))
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	ok, err := fl.TryLockContext(wctx, lockPoll)
	if ok {
		return func() { _ = fl.Unlock() }, nil
	}
	switch {
	case ctx.Err() != nil:
		return nil, &LockError{What: what, Path: path, Timeout: timeout, Err: ctx.Err()}
	case err == nil || errors.Is(err, context.DeadlineExceeded):
		return nil, &LockError{What: what, Path: path, Timeout: timeout}
	}
	return nil, &LockError{What: what, Path: path, Timeout: timeout, Err: err}
}

// lockPathFor is the lock file guarding the file at path (config.json or
// credentials.json): "config.json.lock" beside it.
func lockPathFor(path string) string { return path + ".lock" }

// lockFileOf takes the lock that every read-modify-write of the file at
// path holds.
func lockFileOf(path string) (func(), error) {
	return lock(context.Background(), lockPathFor(path), filepath.Base(path), FileLockTimeout)
}

// SessionLockPath is the lock file of a profile's session in dir.
func SessionLockPath(dir, profile string) string {
	return filepath.Join(dir, "session-"+profile+".lock")
}

// ensureDir creates dir (and its parents) with mode 0700 when missing.
func ensureDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the directory %s: %w", dir, err)
	}
	return nil
}

// DirTooOpen reports a config directory that others than its owner may
// read or enter: it holds the profiles and, with --insecure-storage, the
// sessions. It returns the directory's mode and true when so.
func DirTooOpen(dir string) (os.FileMode, bool) {
	if runtime.GOOS == "windows" {
		return 0, false // modes say nothing there; ACLs decide
	}
	st, err := os.Stat(dir)
	if err != nil || !st.IsDir() {
		return 0, false
	}
	return st.Mode().Perm(), st.Mode().Perm()&0o077 != 0
}

// tempPrefix is how a temporary file of an atomic write of name starts.
func tempPrefix(name string) string { return "." + name + "." }

// RemoveStaleTemps deletes the temporary files that a program killed
// while writing config.json or credentials.json left in dir (they may hold
// sessions). Each file's lock is taken first, so a write in progress in
// another program is never disturbed; nothing is locked or created when no
// such file exists.
func RemoveStaleTemps(dir string) error {
	var errs []error
	for _, name := range []string{ConfigFileName, CredentialsFileName} {
		path := filepath.Join(dir, name)
		dirs := []string{dir}
		if target, err := resolveLinks(path); err == nil && filepath.Dir(target) != dir {
			dirs = append(dirs, filepath.Dir(target))
		}
		var stale []string
		for _, d := range dirs {
			entries, err := os.ReadDir(d)
			if err != nil {
				continue
			}
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), tempPrefix(name)) && !e.IsDir() {
					stale = append(stale, filepath.Join(d, e.Name()))
				}
			}
		}
		if len(stale) == 0 {
			continue
		}
		unlock, err := lockFileOf(path)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		for _, p := range stale {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				errs = append(errs, fmt.Errorf("remove the stale temporary file %s: %w", p, err))
			}
		}
		unlock()
	}
	return errors.Join(errs...)
}
