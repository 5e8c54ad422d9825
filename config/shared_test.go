package config

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
)

func testProfile(name string) Profile {
	return Profile{Name: name, AuthURL: "https://auth.example.com", CoreURL: "https://core.example.com", AnalyticURL: "https://analytic.example.com"}
}

// Programs adding profiles at the same time each read the file, add
// theirs and write it back: under the lock none of them is lost.
func TestUpdateKeepsEveryConcurrentChange(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvConfigDir, dir)
	const n = 20
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			_, err := Update(func(f *File) error { return f.Add(testProfile(fmt.Sprintf("p%02d", i))) })
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	f, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Profiles) != n {
		t.Fatalf("%d profiles survived, want %d: %v", len(f.Profiles), n, f.Names())
	}
	assertNoTemps(t, dir)
}

func TestUpdateWritesNothingWhenTheChangeFails(t *testing.T) {
	dir, before := withProfileA(t)
	_, err := Update(func(f *File) error {
		f.Current = ""
		return f.Add(testProfile("a"))
	})
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("err %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, ConfigFileName))
	if string(before) != string(after) {
		t.Error("a failed change was written")
	}
}

func assertNoTemps(t *testing.T, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".config.json.") || strings.HasPrefix(e.Name(), ".credentials.json.") {
				t.Errorf("temporary file left: %s", filepath.Join(dir, e.Name()))
			}
		}
	}
}

// A config file kept elsewhere (a dotfiles repository) and linked into the
// config directory stays linked: the file it points to is what changes.
func TestSymlinkedFilesAreWrittenThrough(t *testing.T) {
	dir, elsewhere := t.TempDir(), t.TempDir()
	t.Setenv(EnvConfigDir, dir)
	target := filepath.Join(elsewhere, "horusec.json")
	if err := os.WriteFile(target, []byte(`{}`), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, ConfigFileName)
	if err := os.Symlink("../"+filepath.Base(elsewhere)+"/horusec.json", link); err != nil {
		t.Fatal(err)
	}
	if _, err := Update(func(f *File) error { return f.Add(testProfile("work")) }); err != nil {
		t.Fatal(err)
	}
	st, err := os.Lstat(link)
	if err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced by a plain file (%v)", err)
	}
	data, _ := os.ReadFile(target)
	if !strings.Contains(string(data), `"work"`) {
		t.Errorf("the link's target was not written: %s", data)
	}
	assertNoTemps(t, dir, elsewhere)

	// The credential file too, including a link to a file not written yet.
	credTarget := filepath.Join(elsewhere, "creds.json")
	if err := os.Symlink(credTarget, filepath.Join(dir, CredentialsFileName)); err != nil {
		t.Fatal(err)
	}
	fs := NewFileStore(dir, "horusec-tui:h", nil)
	if err := fs.Save("work", testSession("a1")); err != nil {
		t.Fatal(err)
	}
	if got, err := NewFileStore(dir, "horusec-tui:h", nil).Load("work"); err != nil || got.AccessToken != "a1" {
		t.Fatalf("read back through the link: %v %v", got, err)
	}
	if st, err := os.Lstat(filepath.Join(dir, CredentialsFileName)); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the credentials link was replaced")
	}
	if st, err := os.Stat(credTarget); err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("the credentials target: %v %v", st, err)
	}
	// Deleting the last session keeps the link (an empty set is written).
	if err := fs.Delete("work"); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Lstat(filepath.Join(dir, CredentialsFileName)); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Error("the credentials link was removed")
	}
	if _, err := fs.Load("work"); !errors.Is(err, ErrNoSession) {
		t.Errorf("after delete: %v", err)
	}
}

// A file the user made read-only is refused with a clear error and left
// exactly as it was.
func TestReadOnlyFileIsRefused(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvConfigDir, dir)
	path := filepath.Join(dir, ConfigFileName)
	orig := `{"profiles": {"a": {"authURL": "https://auth.example.com"}}}`
	if err := os.WriteFile(path, []byte(orig), 0o400); err != nil {
		t.Fatal(err)
	}
	_, err := Update(func(f *File) error { return f.Add(testProfile("b")) })
	if err == nil {
		t.Fatal("a read-only config file was rewritten")
	}
	for _, want := range []string{path, "read-only", "left as it is", "chmod u+w"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q should say %q", err, want)
		}
	}
	data, _ := os.ReadFile(path)
	st, _ := os.Stat(path)
	if string(data) != orig || st.Mode().Perm() != 0o400 {
		t.Errorf("the file changed: %s %o", data, st.Mode().Perm())
	}
	assertNoTemps(t, dir)

	cred := filepath.Join(dir, CredentialsFileName)
	if err := os.WriteFile(cred, []byte(`{}`), 0o400); err != nil {
		t.Fatal(err)
	}
	if err := NewFileStore(dir, "horusec-tui:h", nil).Save("a", testSession("x")); err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("read-only credentials file: %v", err)
	}
}

// Whatever fails half-way, the temporary file (which may hold sessions)
// does not outlive the error, and the old file is intact.
func TestFailedWriteLeavesNoTemporaryFile(t *testing.T) {
	dir, before := withProfileA(t)
	syncFile = func(*os.File) error { return errors.New("disk full") }
	t.Cleanup(func() { syncFile = (*os.File).Sync })
	_, err := Update(func(f *File) error { return f.Add(testProfile("b")) })
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err %v", err)
	}
	if err := NewFileStore(dir, "horusec-tui:h", nil).Save("a", testSession("x")); err == nil {
		t.Fatal("credentials written although the sync failed")
	}
	after, _ := os.ReadFile(filepath.Join(dir, ConfigFileName))
	if string(before) != string(after) {
		t.Error("the config file changed")
	}
	assertNoTemps(t, dir)
}

// Temporary files left by a program killed mid-write may hold live
// tokens: the next start removes them.
func TestStaleTemporaryFilesAreRemovedAtStart(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(EnvConfigDir, dir)
	for _, name := range []string{".config.json.123456", ".credentials.json.987654"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(`{"p":{"session":{"refreshToken":"live"}}}`), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	keep := filepath.Join(dir, "notes.txt")
	os.WriteFile(keep, []byte("mine"), 0o600)
	if _, err := Load(); err != nil {
		t.Fatal(err)
	}
	assertNoTemps(t, dir)
	if _, err := os.Stat(keep); err != nil {
		t.Error("an unrelated file was removed")
	}
}

func TestConfigDirIsPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("modes")
	}
	dir := filepath.Join(t.TempDir(), "new", "horusec-tui")
	t.Setenv(EnvConfigDir, dir)
	if _, err := Update(func(f *File) error { return f.Add(testProfile("a")) }); err != nil {
		t.Fatal(err)
	}
	if mode, open := DirTooOpen(dir); open || mode != 0o700 {
		t.Errorf("created with mode %o", mode)
	}
	os.Chmod(dir, 0o755)
	if mode, open := DirTooOpen(dir); !open || mode != 0o755 {
		t.Errorf("a 0755 directory: %o %v", mode, open)
	}
}

// A program that holds a profile's session lock too long makes the next
// one give up with a message that says so, not hang.
func TestSessionLockTimesOutWithAMessage(t *testing.T) {
	dir := t.TempDir()
	old := SessionLockTimeout
	SessionLockTimeout = 200 * time.Millisecond
	t.Cleanup(func() { SessionLockTimeout = old })
	a := NewSharedSession(NewMemoryStore(), "", "work")
	a.lockPath = SessionLockPath(dir, "work") // as a keyring store would
	b := NewSharedSession(NewMemoryStore(), "", "work")
	b.lockPath = a.lockPath
	unlock, err := a.Lock(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = b.Lock(context.Background())
	var le *LockError
	if !errors.As(err, &le) || time.Since(start) > 5*time.Second {
		t.Fatalf("err %v after %s", err, time.Since(start))
	}
	for _, want := range []string{"another horusec-tui program", "the session of profile work", "200ms", a.lockPath} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q should say %q", err, want)
		}
	}
	unlock()
	unlock, err = b.Lock(context.Background())
	if err != nil {
		t.Fatalf("after the release: %v", err)
	}
	unlock()
}

const holdLockEnv = "HORUSEC_TUI_TEST_HOLD_LOCK"

// TestHelperHoldLock is not a test: run with holdLockEnv set it takes the
// lock file it names, says so and waits to be killed.
func TestHelperHoldLock(t *testing.T) {
	path := os.Getenv(holdLockEnv)
	if path == "" {
		t.Skip("helper process only")
	}
	if _, err := lock(context.Background(), path, "test", time.Second); err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("locked")
	time.Sleep(time.Minute)
	os.Exit(0)
}

// A program killed while holding the lock blocks nobody: the system
// releases the lock with the process.
func TestLockOfAKilledProgramIsFree(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("kill -9")
	}
	path := SessionLockPath(t.TempDir(), "work")
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldLock$")
	cmd.Env = append(os.Environ(), holdLockEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64)
	n, _ := out.Read(buf)
	if !strings.Contains(string(buf[:n]), "locked") {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("helper: %q", buf[:n])
	}
	if _, err := lock(context.Background(), path, "test", 100*time.Millisecond); err == nil {
		t.Fatal("the lock was free while the other process held it")
	}
	cmd.Process.Kill() // SIGKILL: no chance to unlock
	cmd.Wait()
	unlock, err := lock(context.Background(), path, "test", 2*time.Second)
	if err != nil {
		t.Fatalf("the lock of a killed process still blocks: %v", err)
	}
	unlock()
}

// Programs saving different profiles' sessions in the insecure file at the
// same time: every session survives.
func TestFileStoreKeepsConcurrentSessions(t *testing.T) {
	dir := t.TempDir()
	const n = 16
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			// A store of its own, as another program would have.
			if err := NewFileStore(dir, "horusec-tui:h", nil).Save(fmt.Sprintf("p%d", i), testSession(fmt.Sprintf("a%d", i))); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range n {
		if s, err := NewFileStore(dir, "horusec-tui:h", nil).Load(fmt.Sprintf("p%d", i)); err != nil || s.AccessToken != fmt.Sprintf("a%d", i) {
			t.Errorf("profile p%d: %v %v", i, s, err)
		}
	}
	assertNoTemps(t, dir)
}

// The shared session's view of the store: an unreadable entry is an error
// (nobody logged out), a missing one is none.
func TestSharedSessionLoad(t *testing.T) {
	dir := t.TempDir()
	fs := NewFileStore(dir, "horusec-tui:h", nil)
	sh := NewSharedSession(fs, dir, "p")
	if s, err := sh.Load(); s != nil || err != nil {
		t.Fatalf("empty: %v %v", s, err)
	}
	if err := sh.Store(testSession("a1")); err != nil {
		t.Fatal(err)
	}
	if s, err := sh.Load(); err != nil || s.AccessToken != "a1" {
		t.Fatalf("stored: %v %v", s, err)
	}
	os.WriteFile(filepath.Join(dir, CredentialsFileName), []byte(`{"p": {"service": "horusec-tui:h", "session": {}}}`), 0o600)
	if s, err := sh.Load(); err == nil {
		t.Fatalf("unreadable entry read as %v", s)
	}
	var _ client.SharedSession = sh
}

// withProfileA is a config directory whose file holds the profile "a",
// and the file's content.
func withProfileA(t *testing.T) (dir string, content []byte) {
	t.Helper()
	dir = t.TempDir()
	t.Setenv(EnvConfigDir, dir)
	if _, err := Update(func(f *File) error { return f.Add(testProfile("a")) }); err != nil {
		t.Fatal(err)
	}
	content, _ = os.ReadFile(filepath.Join(dir, ConfigFileName))
	return dir, content
}
