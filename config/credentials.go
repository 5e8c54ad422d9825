package config

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/client"
)

// CredentialStore keeps one session per profile. The password is never
// given to a store: only what the platform's login answer holds.
type CredentialStore interface {
	// Load returns the profile's session, or an error matching ErrNoSession.
	Load(profile string) (*client.Session, error)
	Save(profile string, s *client.Session) error
	// Delete forgets the profile's session; deleting nothing is no error.
	Delete(profile string) error
	// Kind names the store for messages: "OS keyring", "file …", "memory".
	Kind() string
}

// ErrNoSession: the store holds no session for the profile.
var ErrNoSession = errors.New("no session stored")

// ErrKeyringUnavailable is matched (errors.Is) by every *KeyringError.
var ErrKeyringUnavailable = errors.New("the OS keyring is not usable")

// KeyringError is a keyring call that failed or did not answer in time.
// Its message names the ways out.
type KeyringError struct {
	Op      string // "read", "write", "delete"
	Service string
	Timeout bool
	Err     error
}

func (e *KeyringError) Error() string {
	return fmt.Sprintf("the OS keyring is not usable (%s). Either start and unlock a keyring "+
		"(a Secret Service such as gnome-keyring), or pass --insecure-storage to keep the session in a 0600 file "+
		"in the config directory, or use a session for this run only (the terminal UI offers it; nothing is stored)",
		e.Reason())
}

// Reason says what failed, without the ways out.
func (e *KeyringError) Reason() string {
	cause := fmt.Sprint(e.Err)
	if e.Timeout {
		cause = fmt.Sprintf("no answer within %s: the Secret Service may be locked or missing", KeyringTimeout)
	}
	return fmt.Sprintf("%s the session of %s: %s", e.Op, e.Service, cause)
}

func (e *KeyringError) Unwrap() []error { return []error{ErrKeyringUnavailable, e.Err} }

// KeyringTimeout bounds every keyring call: a locked or missing Secret
// Service can otherwise hang forever.
const KeyringTimeout = 3 * time.Second

// ServiceName is the keyring service of a platform: it holds the auth
// service's host so that two platforms never share a session.
func ServiceName(authURL string) string {
	host := authURL
	if u, err := url.Parse(authURL); err == nil && u.Host != "" {
		host = u.Host
	}
	return "horusec-tui:" + host
}

// keyringBackend is go-keyring's API; tests swap it for one that hangs.
type keyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

type zalandoKeyring struct{}

func (zalandoKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (zalandoKeyring) Set(service, user, secret string) error {
	return keyring.Set(service, user, secret)
}
func (zalandoKeyring) Delete(service, user string) error { return keyring.Delete(service, user) }

// KeyringStore keeps sessions in the OS keyring: service = ServiceName,
// user = profile name, secret = the session as JSON.
type KeyringStore struct {
	service string
	timeout time.Duration
	backend keyringBackend
}

// NewKeyringStore returns the keyring store of one platform.
func NewKeyringStore(service string) *KeyringStore {
	return &KeyringStore{service: service, timeout: KeyringTimeout, backend: zalandoKeyring{}}
}

// Service is the keyring service name entries are kept under.
func (k *KeyringStore) Service() string { return k.service }

func (k *KeyringStore) Kind() string { return "OS keyring" }

// call runs fn with the timeout. On a timeout fn's goroutine is left to
// finish on its own: there is no way to cancel a D-Bus call in go-keyring.
func (k *KeyringStore) call(op string, fn func() (string, error)) (string, error) {
	type result struct {
		val string
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := fn()
		ch <- result{v, err}
	}()
	t := time.NewTimer(k.timeout)
	defer t.Stop()
	select {
	case r := <-ch:
		if errors.Is(r.err, keyring.ErrNotFound) {
			return "", ErrNoSession
		}
		if r.err != nil {
			return "", &KeyringError{Op: op, Service: k.service, Err: r.err}
		}
		return r.val, nil
	case <-t.C:
		return "", &KeyringError{Op: op, Service: k.service, Timeout: true, Err: errors.New("timeout")}
	}
}

func (k *KeyringStore) Load(profile string) (*client.Session, error) {
	v, err := k.call("read", func() (string, error) { return k.backend.Get(k.service, profile) })
	if err != nil {
		return nil, err
	}
	return decodeSession([]byte(v), fmt.Sprintf("keyring entry %s/%s", k.service, profile))
}

func (k *KeyringStore) Save(profile string, s *client.Session) error {
	if s == nil {
		return k.Delete(profile)
	}
	data, err := json.Marshal(s)
	if err != nil {
		return fmt.Errorf("encode the session: %w", err)
	}
	_, err = k.call("write", func() (string, error) { return "", k.backend.Set(k.service, profile, string(data)) })
	return err
}

func (k *KeyringStore) Delete(profile string) error {
	_, err := k.call("delete", func() (string, error) { return "", k.backend.Delete(k.service, profile) })
	if errors.Is(err, ErrNoSession) {
		return nil
	}
	return err
}

func decodeSession(data []byte, where string) (*client.Session, error) {
	var s client.Session
	if err := json.Unmarshal(data, &s); err != nil || s.AccessToken == "" {
		// Never quote the content: it holds tokens.
		return nil, fmt.Errorf("the stored session in %s is unreadable: run 'horusec-tui auth login' again: %w", where, ErrNoSession)
	}
	return &s, nil
}

// CredentialsFileName is the insecure store's file inside Dir().
const CredentialsFileName = "credentials.json"

// FileStore keeps sessions in a plain 0600 file: only when the user asks for
// it (--insecure-storage) because no keyring is usable. Each run that uses
// it says so on warn.
type FileStore struct {
	path    string
	service string
	warn    io.Writer
	once    sync.Once
	mu      sync.Mutex
}

type fileEntry struct {
	Service string          `json:"service"`
	Session *client.Session `json:"session"`
}

// NewFileStore returns the insecure file store in dir for one platform
// (service as from ServiceName). warn receives the warning; nil means none.
func NewFileStore(dir, service string, warn io.Writer) *FileStore {
	return &FileStore{path: filepath.Join(dir, CredentialsFileName), service: service, warn: warn}
}

// Path is the file the sessions are kept in.
func (f *FileStore) Path() string { return f.path }

func (f *FileStore) Kind() string { return "file " + f.path }

func (f *FileStore) warnOnce() {
	f.once.Do(func() {
		if f.warn != nil {
			fmt.Fprintf(f.warn, "warning: --insecure-storage: the session is kept unencrypted in %s (mode 0600), not in the OS keyring\n", f.path)
		}
	})
}

func (f *FileStore) read() (map[string]fileEntry, error) {
	data, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]fileEntry{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.path, err)
	}
	m := map[string]fileEntry{}
	if err := json.Unmarshal(data, &m); err != nil {
		// Never quote the content: it holds tokens.
		return nil, &FileError{Path: f.path, Err: errors.New("not a credentials file"),
			Fix: "delete it and run 'horusec-tui --insecure-storage auth login' again"}
	}
	return m, nil
}

func (f *FileStore) Load(profile string) (*client.Session, error) {
	f.warnOnce()
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.read()
	if err != nil {
		return nil, err
	}
	e, ok := m[profile]
	if !ok || e.Service != f.service || e.Session == nil {
		return nil, ErrNoSession
	}
	if e.Session.AccessToken == "" {
		// As decodeSession: an entry that cannot authenticate is no session.
		return nil, fmt.Errorf("the stored session in %s is unreadable: run 'horusec-tui --insecure-storage auth login' again: %w", f.path, ErrNoSession)
	}
	return e.Session, nil
}

// lock takes the file's lock for a read-modify-write: other programs
// saving another profile's session at the same time must not lose theirs.
func (f *FileStore) lock() (func(), error) {
	f.mu.Lock()
	unlock, err := lockFileOf(f.path)
	if err != nil {
		f.mu.Unlock()
		return nil, err
	}
	return func() { unlock(); f.mu.Unlock() }, nil
}

func (f *FileStore) Save(profile string, s *client.Session) error {
	if s == nil {
		return f.Delete(profile)
	}
	f.warnOnce()
	return f.change(func(m map[string]fileEntry) error {
		m[profile] = fileEntry{Service: f.service, Session: s}
		return f.write(m)
	})
}

// change reads the file's sessions under its lock and hands them to do.
func (f *FileStore) change(do func(map[string]fileEntry) error) error {
	unlock, err := f.lock()
	if err != nil {
		return err
	}
	defer unlock()
	m, err := f.read()
	if err != nil {
		return err
	}
	return do(m)
}

func (f *FileStore) Delete(profile string) error {
	if _, err := os.Lstat(f.path); errors.Is(err, fs.ErrNotExist) {
		return nil // nothing to delete: no need for a lock file either
	}
	return f.change(func(m map[string]fileEntry) error {
		if _, ok := m[profile]; !ok {
			return nil
		}
		f.warnOnce()
		delete(m, profile)
		if target, err := resolveLinks(f.path); len(m) == 0 && err == nil && target == f.path {
			if err := os.Remove(f.path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("delete %s: %w", f.path, err)
			}
			return nil
		}
		return f.write(m)
	})
}

func (f *FileStore) write(m map[string]fileEntry) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the session: %w", err)
	}
	return writeFileAtomic(f.path, data)
}

// MemoryStore keeps sessions for this run only: nothing is written anywhere.
type MemoryStore struct {
	mu sync.Mutex
	m  map[string]client.Session
}

// NewMemoryStore returns an empty memory store.
func NewMemoryStore() *MemoryStore { return &MemoryStore{m: map[string]client.Session{}} }

func (m *MemoryStore) Kind() string { return "memory (this run only)" }

func (m *MemoryStore) Load(profile string) (*client.Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s, ok := m.m[profile]
	if !ok {
		return nil, ErrNoSession
	}
	return &s, nil
}

func (m *MemoryStore) Save(profile string, s *client.Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if s == nil {
		delete(m.m, profile)
	} else {
		m.m[profile] = *s
	}
	return nil
}

func (m *MemoryStore) Delete(profile string) error { return m.Save(profile, nil) }

// PersistSessions returns opts that keep the profile's session in store
// and share it with every other program on the profile: a refresh happens
// under the profile's lock and adopts a session another program renewed
// (Options.Shared), a login is stored and a logout deleted under the same
// lock (Options.OnSession). A failed write goes to onErr (nil: ignored).
// An OnSession already in opts still runs.
//
// It works on Options rather than on a *client.Client because the hooks
// are fixed when the client is built.
func PersistSessions(opts client.Options, store CredentialStore, profile string, onErr func(error)) client.Options {
	dir, _ := Dir() // no directory: the lock is this program's own
	shared := NewSharedSession(store, dir, profile)
	shared.OnSaveError = onErr
	opts.Shared = shared
	prev := opts.OnSession
	opts.OnSession = func(s *client.Session) {
		var err error
		if s == nil {
			err = shared.Forget()
		} else {
			err = shared.Store(s)
		}
		if err != nil && onErr != nil {
			onErr(err)
		}
		if prev != nil {
			prev(s)
		}
	}
	return opts
}

// SharedSession is one profile's session in a credential store, with the
// lock that every program on the profile takes to change it. It is the
// client's view of the session other programs keep (client.SharedSession).
type SharedSession struct {
	store    CredentialStore
	profile  string
	lockPath string // "" locks within this program only
	local    chan struct{}

	// OnSaveError hears a renewed session that could not be stored.
	OnSaveError func(error)
}

// NewSharedSession shares profile's session in store through a lock file
// in dir ("" keeps the lock within this program: nothing else shares a
// memory store).
func NewSharedSession(store CredentialStore, dir, profile string) *SharedSession {
	s := &SharedSession{store: store, profile: profile, local: make(chan struct{}, 1)}
	if _, mem := store.(*MemoryStore); dir != "" && !mem {
		s.lockPath = SessionLockPath(dir, profile)
	}
	return s
}

// Lock takes the profile's lock (at most SessionLockTimeout of waiting).
// Within the program it is a plain mutex first, so that goroutines queue
// without polling the file.
func (s *SharedSession) Lock(ctx context.Context) (func(), error) {
	t := time.NewTimer(SessionLockTimeout)
	defer t.Stop()
	select {
	case s.local <- struct{}{}:
	case <-ctx.Done():
		return nil, &LockError{What: "the session of profile " + s.profile, Path: s.lockPath, Timeout: SessionLockTimeout, Err: ctx.Err()}
	case <-t.C:
		return nil, &LockError{What: "the session of profile " + s.profile, Path: s.lockPath, Timeout: SessionLockTimeout}
	}
	if s.lockPath == "" {
		return func() { <-s.local }, nil
	}
	unlock, err := lock(ctx, s.lockPath, "the session of profile "+s.profile, SessionLockTimeout)
	if err != nil {
		<-s.local
		return nil, err
	}
	return func() { unlock(); <-s.local }, nil
}

// Load reads the stored session: nil when none is stored. An entry that
// cannot be read is an error, not "none": it says nothing of who logged out.
func (s *SharedSession) Load() (*client.Session, error) {
	sess, err := s.store.Load(s.profile)
	if err == ErrNoSession { //nolint:errorlint // wrapped: unreadable, not absent
		return nil, nil
	}
	return sess, err
}

// Save stores a renewed session; the caller holds the lock.
func (s *SharedSession) Save(sess *client.Session) error {
	err := s.store.Save(s.profile, sess)
	if err != nil && s.OnSaveError != nil {
		s.OnSaveError(err)
	}
	return err
}

// Delete forgets the stored session; the caller holds the lock.
func (s *SharedSession) Delete() error { return s.store.Delete(s.profile) }

// Store keeps a new session (a login) under the lock.
func (s *SharedSession) Store(sess *client.Session) error {
	unlock, err := s.Lock(context.Background())
	if err != nil {
		return err
	}
	defer unlock()
	return s.store.Save(s.profile, sess)
}

// Forget deletes the stored session (a logout) under the lock.
func (s *SharedSession) Forget() error {
	unlock, err := s.Lock(context.Background())
	if err != nil {
		return err
	}
	defer unlock()
	return s.store.Delete(s.profile)
}
