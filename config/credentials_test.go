package config

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/client"
)

func testSession(access string) *client.Session {
	return &client.Session{
		AccountID: "a-1", AccessToken: access, RefreshToken: "refresh-" + access,
		Email: "dev@example.com", Username: "dev", ExpiresAt: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC),
		IsApplicationAdmin: true,
	}
}

func TestServiceNameHoldsAuthHost(t *testing.T) {
	if got := ServiceName("http://127.0.0.1:8006"); got != "horusec-tui:127.0.0.1:8006" {
		t.Errorf("ServiceName = %q", got)
	}
	if got := ServiceName("https://auth.example.com/base"); got != "horusec-tui:auth.example.com" {
		t.Errorf("ServiceName = %q", got)
	}
}

func TestKeyringStoreRoundTrip(t *testing.T) {
	keyring.MockInit()
	k := NewKeyringStore(ServiceName(DefaultAuthURL))
	if _, err := k.Load("default"); !errors.Is(err, ErrNoSession) {
		t.Fatalf("empty keyring: want ErrNoSession, got %v", err)
	}
	want := testSession("access-1")
	if err := k.Save("default", want); err != nil {
		t.Fatal(err)
	}
	raw, err := keyring.Get("horusec-tui:127.0.0.1:8006", "default")
	if err != nil {
		t.Fatalf("entry not under service+profile: %v", err)
	}
	if strings.Contains(raw, "password") {
		t.Errorf("the stored value mentions a password: %s", raw)
	}
	got, err := k.Load("default")
	if err != nil {
		t.Fatal(err)
	}
	if *got != *want {
		t.Errorf("Load = %+v, want %+v", got, want)
	}
	if _, err := k.Load("other"); !errors.Is(err, ErrNoSession) {
		t.Errorf("another profile must not see the session: %v", err)
	}
	if err := k.Delete("default"); err != nil {
		t.Fatal(err)
	}
	if err := k.Delete("default"); err != nil {
		t.Errorf("deleting nothing should be no error: %v", err)
	}
	if _, err := k.Load("default"); !errors.Is(err, ErrNoSession) {
		t.Errorf("after Delete: %v", err)
	}
}

func TestKeyringStoreUnreadableEntry(t *testing.T) {
	keyring.MockInit()
	keyring.Set("horusec-tui:h", "p", `{"accessToken": "tok-secret"`)
	_, err := NewKeyringStore("horusec-tui:h").Load("p")
	if !errors.Is(err, ErrNoSession) || strings.Contains(err.Error(), "tok-secret") || !strings.Contains(err.Error(), "auth login") {
		t.Errorf("an unreadable entry should read as no session, say what to do and not quote the content: %v", err)
	}
}

func TestKeyringErrorNamesBothWaysOut(t *testing.T) {
	keyring.MockInitWithError(errors.New("org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided"))
	k := NewKeyringStore("horusec-tui:h")
	for name, err := range map[string]error{
		"load":   func() error { _, err := k.Load("p"); return err }(),
		"save":   k.Save("p", testSession("x")),
		"delete": k.Delete("p"),
	} {
		if !errors.Is(err, ErrKeyringUnavailable) {
			t.Errorf("%s: want ErrKeyringUnavailable, got %v", name, err)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"--insecure-storage", "this run only", "org.freedesktop.secrets"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: message %q should name %q", name, msg, want)
			}
		}
	}
}

type hangingKeyring struct{ release chan struct{} }

func (h hangingKeyring) Get(string, string) (string, error) { <-h.release; return "", nil }
func (h hangingKeyring) Set(string, string, string) error   { <-h.release; return nil }
func (h hangingKeyring) Delete(string, string) error        { <-h.release; return nil }

func TestKeyringTimeout(t *testing.T) {
	if KeyringTimeout != 3*time.Second {
		t.Errorf("KeyringTimeout = %s, want 3s", KeyringTimeout)
	}
	h := hangingKeyring{release: make(chan struct{})}
	defer close(h.release)
	k := &KeyringStore{service: "horusec-tui:h", timeout: 50 * time.Millisecond, backend: h}
	start := time.Now()
	_, err := k.Load("p")
	if took := time.Since(start); took > time.Second {
		t.Errorf("Load took %s despite the timeout", took)
	}
	var ke *KeyringError
	if !errors.As(err, &ke) || !ke.Timeout {
		t.Fatalf("want a timeout KeyringError, got %v", err)
	}
	if !strings.Contains(err.Error(), "locked or missing") || !strings.Contains(err.Error(), "--insecure-storage") {
		t.Errorf("timeout message should explain and offer the ways out: %v", err)
	}
	if err := k.Save("p", testSession("x")); !errors.Is(err, ErrKeyringUnavailable) {
		t.Errorf("Save: %v", err)
	}
}

func TestFileStoreWarnsAndIsPrivate(t *testing.T) {
	dir := t.TempDir()
	var warn bytes.Buffer
	f := NewFileStore(dir, "horusec-tui:h", &warn)
	if err := f.Save("p", testSession("access-2")); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warn.String(), "warning") || !strings.Contains(warn.String(), f.Path()) {
		t.Errorf("using the insecure store must warn on stderr, got %q", warn.String())
	}
	if strings.Contains(warn.String(), "access-2") {
		t.Error("the warning holds the token")
	}
	st, err := os.Stat(filepath.Join(dir, CredentialsFileName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("credentials file mode = %o, want 600", st.Mode().Perm())
	}
	got, err := f.Load("p")
	if err != nil || got.AccessToken != "access-2" {
		t.Fatalf("Load = %v, %v", got, err)
	}
	// Another platform with the same profile name must not get the session.
	if _, err := NewFileStore(dir, "horusec-tui:other", nil).Load("p"); !errors.Is(err, ErrNoSession) {
		t.Errorf("other service: %v", err)
	}
	// Each run (a new store) warns again.
	var warn2 bytes.Buffer
	if _, err := NewFileStore(dir, "horusec-tui:h", &warn2).Load("p"); err != nil {
		t.Fatal(err)
	}
	if warn2.Len() == 0 {
		t.Error("a second run did not warn")
	}
	if err := f.Delete("p"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Path()); !os.IsNotExist(err) {
		t.Errorf("the last Delete should remove the file: %v", err)
	}
}

func TestMemoryStore(t *testing.T) {
	m := NewMemoryStore()
	if _, err := m.Load("p"); !errors.Is(err, ErrNoSession) {
		t.Fatal(err)
	}
	m.Save("p", testSession("a"))
	if s, _ := m.Load("p"); s == nil || s.AccessToken != "a" {
		t.Errorf("Load = %v", s)
	}
	m.Delete("p")
	if _, err := m.Load("p"); !errors.Is(err, ErrNoSession) {
		t.Errorf("after Delete: %v", err)
	}
}

func TestPersistSessionsWritesRefreshBack(t *testing.T) {
	t.Setenv(EnvConfigDir, t.TempDir()) // where the profile's lock file goes
	keyring.MockInit()
	store := NewKeyringStore("horusec-tui:h")
	var prevCalls int
	opts := PersistSessions(client.Options{OnSession: func(*client.Session) { prevCalls++ }}, store, "p", func(err error) { t.Errorf("unexpected write error: %v", err) })

	opts.OnSession(testSession("first"))
	opts.OnSession(testSession("refreshed"))
	got, err := store.Load("p")
	if err != nil || got.AccessToken != "refreshed" {
		t.Fatalf("after a refresh the store holds %v, %v", got, err)
	}
	opts.OnSession(nil)
	if _, err := store.Load("p"); !errors.Is(err, ErrNoSession) {
		t.Errorf("a nil session should delete the entry: %v", err)
	}
	if prevCalls != 3 {
		t.Errorf("the earlier OnSession ran %d times, want 3", prevCalls)
	}

	keyring.MockInitWithError(errors.New("locked"))
	var reported error
	PersistSessions(client.Options{}, store, "p", func(err error) { reported = err }).OnSession(testSession("x"))
	if !errors.Is(reported, ErrKeyringUnavailable) {
		t.Errorf("a failed write should be reported, got %v", reported)
	}
}

// The file store treats an entry without an access token as the keyring
// store does: no session (auth status must not report one as logged in).
func TestFileStoreEntryWithoutAccessToken(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, CredentialsFileName)
	for _, content := range []string{
		`{"p": {"service": "horusec-tui:h", "session": {}}}`,
		`{"p": {"service": "horusec-tui:h", "session": {"refreshToken": "ref-secret", "email": "dev@example.com"}}}`,
	} {
		os.WriteFile(p, []byte(content), 0o600)
		s, err := NewFileStore(dir, "horusec-tui:h", nil).Load("p")
		if !errors.Is(err, ErrNoSession) {
			t.Errorf("%s: Load = %v, %v; want ErrNoSession", content, s, err)
		}
	}
}
