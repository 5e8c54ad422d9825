package client_test

// The refresh protocol between programs that share a profile's session,
// against the demo platform (single-use refresh tokens, real answers) with
// a store shared in memory standing in for the keyring and its lock.

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// memShared is a credential store entry with its lock, shared by clients
// that stand for separate programs.
type memShared struct {
	lock    chan struct{}
	mu      sync.Mutex
	s       *client.Session
	saves   int
	deletes int
	lockErr error
}

func newMemShared(s *client.Session) *memShared {
	m := &memShared{lock: make(chan struct{}, 1)}
	if s != nil {
		cp := *s
		m.s = &cp
	}
	return m
}

func (m *memShared) Lock(ctx context.Context) (func(), error) {
	if m.lockErr != nil {
		return nil, m.lockErr
	}
	select {
	case m.lock <- struct{}{}:
		return func() { <-m.lock }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

func (m *memShared) Load() (*client.Session, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.s == nil {
		return nil, nil
	}
	cp := *m.s
	return &cp, nil
}

func (m *memShared) Save(s *client.Session) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	cp := *s
	m.s = &cp
	m.saves++
	return nil
}

func (m *memShared) Delete() error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.s = nil
	m.deletes++
	return nil
}

func (m *memShared) stored() *client.Session {
	s, _ := m.Load()
	return s
}

// warnings collects what a client told the user.
type warnings struct {
	mu   sync.Mutex
	msgs []string
}

func (w *warnings) add(m string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.msgs = append(w.msgs, m)
}

func (w *warnings) all() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return strings.Join(w.msgs, "\n")
}

// sharedPlatform is the demo platform issuing access tokens of ttl (under
// the client's 5-minute margin, so every call refreshes) and a logged-in
// session of its Manager.
func sharedPlatform(t *testing.T, ttl time.Duration) (*horusectest.Server, client.Session) {
	t.Helper()
	srv := demoTarget(t, horusectest.Options{SessionTTL: ttl}).demo
	c := sharedClient(t, srv, nil, nil)
	s, err := c.Login(context.Background(), horusectest.ManagerEmail, horusectest.ManagerPassword)
	if err != nil {
		t.Fatal(err)
	}
	return srv, s
}

func sharedClient(t *testing.T, srv *horusectest.Server, sh client.SharedSession, w *warnings, opts ...func(*client.Options)) *client.Client {
	t.Helper()
	o := client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL, Shared: sh}
	if w != nil {
		o.Warn = w.add
	}
	return target{opts: o}.newClient(t, opts...)
}

const refreshPath = "/auth/account/refresh-token"

func TestSharedRefreshAdoptsWhatAnotherProgramRenewed(t *testing.T) {
	srv, s := sharedPlatform(t, time.Minute)
	sh := newMemShared(&s)
	var heard []*client.Session
	a := sharedClient(t, srv, sh, nil, func(o *client.Options) {
		o.OnSession = func(s *client.Session) { heard = append(heard, s) }
	})
	b := sharedClient(t, srv, sh, nil)
	a.SetSession(&s)
	b.SetSession(&s)
	ctx := context.Background()

	if _, err := a.Workspaces(ctx); err != nil {
		t.Fatal(err)
	}
	if n := srv.Requests("POST", refreshPath); n != 1 {
		t.Fatalf("%d refreshes, want 1", n)
	}
	renewed := sh.stored()
	if renewed == nil || renewed.RefreshToken == s.RefreshToken || sh.saves != 1 {
		t.Fatalf("the renewed session was not stored (%d saves)", sh.saves)
	}
	if len(heard) != 0 {
		t.Errorf("OnSession heard %d refreshes; the shared store keeps them", len(heard))
	}
	// b still holds the session whose refresh token a just used up: it
	// must take a's renewed session rather than refresh (and be refused).
	if _, err := b.Workspaces(ctx); err != nil {
		t.Fatalf("the second program failed: %v", err)
	}
	if n := srv.Requests("POST", refreshPath); n != 1 {
		t.Fatalf("%d refreshes, want still 1: b should have adopted the stored session", n)
	}
	if got := b.Session(); got == nil || got.RefreshToken != renewed.RefreshToken {
		t.Fatal("b did not adopt the stored session")
	}

	// Many programs, many calls, each call refreshing: nobody is logged out.
	clients := []*client.Client{a, b}
	for range 4 {
		c := sharedClient(t, srv, sh, nil)
		c.SetSession(&s) // an old session, as read at the program's start
		clients = append(clients, c)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 6*10)
	for _, c := range clients {
		wg.Go(func() {
			for range 10 {
				if _, err := c.Workspaces(ctx); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("a call failed: %v", err)
	}
	if sh.stored() == nil || sh.deletes != 0 {
		t.Fatalf("the stored session was deleted (%d deletes)", sh.deletes)
	}
	if n := srv.Requests("POST", refreshPath); n < 10 {
		t.Errorf("only %d refreshes: the test did not exercise the protocol", n)
	}
}

// Every failure of the refresh other than the platform's refusal keeps the
// session: the call goes on with the access token, which is still valid,
// and the user hears why the session was not renewed.
func TestRefreshFailuresKeepTheSession(t *testing.T) {
	for _, tc := range []struct {
		name  string
		fault horusectest.Fault
		want  string
	}{
		{"503", horusectest.Fault{Status: 503}, "the auth service answered 503"},
		{"502", horusectest.Fault{Status: 502, Body: "<html>Bad Gateway</html>"}, "the auth service answered 502"},
		{"500", horusectest.Fault{Status: 500}, "the auth service answered 500"},
		{"404", horusectest.Fault{Status: 404, Body: "404 page not found"}, "the auth service answered 404"},
		{"401 from a proxy", horusectest.Fault{Status: 401, Body: `{"code":401,"status":"Unauthorized","content":"proxy login required"}`}, "the auth service answered 401"},
		{"malformed body", horusectest.Fault{Malformed: true}, "the auth service's answer could not be read"},
		{"timeout", horusectest.Fault{Latency: 2 * time.Second}, "no answer within"},
		{"dropped", horusectest.Fault{Drop: true}, "cannot reach the auth service"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, s := sharedPlatform(t, 4*time.Minute)
			sh := newMemShared(&s)
			var w warnings
			var heard []*client.Session
			c := sharedClient(t, srv, sh, &w, func(o *client.Options) {
				o.Timeout = 300 * time.Millisecond
				o.OnSession = func(s *client.Session) { heard = append(heard, s) }
			})
			c.SetSession(&s)
			f := tc.fault
			f.Method, f.PathPrefix = "POST", refreshPath
			srv.InjectFault(f)

			if _, err := c.Workspaces(context.Background()); err != nil {
				t.Fatalf("the call failed although the access token is valid: %v", err)
			}
			until := s.ExpiresAt.Local().Format("15:04")
			msg := w.all()
			for _, want := range []string{"could not renew the session", tc.want, "it stays valid until " + until} {
				if !strings.Contains(msg, want) {
					t.Errorf("warning %q should say %q", msg, want)
				}
			}
			if got := c.Session(); got == nil || got.RefreshToken != s.RefreshToken {
				t.Fatal("the session was dropped")
			}
			if got := sh.stored(); got == nil || got.RefreshToken != s.RefreshToken || sh.deletes != 0 {
				t.Fatal("the stored session was changed or deleted")
			}
			if len(heard) != 0 {
				t.Errorf("OnSession heard %v", heard)
			}

			// The same news is not repeated on every call.
			if _, err := c.Workspaces(context.Background()); err != nil {
				t.Fatal(err)
			}
			if n := len(strings.Split(w.all(), "\n")); n != 1 {
				t.Errorf("%d warnings for the same failure", n)
			}

			// Once the auth service answers again the session is renewed.
			srv.ClearFaults()
			if _, err := c.Workspaces(context.Background()); err != nil {
				t.Fatal(err)
			}
			if got := sh.stored(); got == nil || got.RefreshToken == s.RefreshToken {
				t.Error("the session was not renewed once the auth service recovered")
			}
		})
	}
}

// Expired and not renewable: the call fails, but says why and keeps the
// session (the refresh token was not refused), and it is not "log in".
func TestRefreshFailureAfterExpiryKeepsSession(t *testing.T) {
	srv, s := sharedPlatform(t, time.Minute)
	sh := newMemShared(&s)
	c := sharedClient(t, srv, sh, nil, func(o *client.Options) {
		o.Now = func() time.Time { return s.ExpiresAt.Add(time.Second) }
	})
	c.SetSession(&s)
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: refreshPath, Status: 503})
	_, err := c.Workspaces(context.Background())
	if err == nil || client.IsKind(err, client.KindUnauthenticated) {
		t.Fatalf("err %v, want a failure that is not 'log in again'", err)
	}
	if !strings.Contains(err.Error(), "could not renew the session: the auth service answered 503") {
		t.Errorf("err %q", err)
	}
	if c.Session() == nil || sh.stored() == nil {
		t.Error("the session was dropped")
	}
}

// The platform's refusal ends the session, and the stored entry goes
// because it still holds that refused token.
func TestRefusedRefreshEndsTheSession(t *testing.T) {
	srv, s := sharedPlatform(t, time.Minute)
	// Logged out on the platform (e.g. from the web manager): the refresh
	// token is dead there.
	other := sharedClient(t, srv, nil, nil)
	other.SetSession(&s)
	if err := other.Logout(context.Background()); err != nil {
		t.Fatal(err)
	}
	sh := newMemShared(&s)
	var w warnings
	c := sharedClient(t, srv, sh, &w)
	c.SetSession(&s)
	_, err := c.Workspaces(context.Background())
	if !client.IsKind(err, client.KindUnauthenticated) {
		t.Fatalf("err %v, want unauthenticated", err)
	}
	if c.Session() != nil || sh.stored() != nil || sh.deletes != 1 {
		t.Fatalf("the refused session was kept (stored %v, %d deletes)", sh.stored(), sh.deletes)
	}
	if w.all() != "" {
		t.Errorf("warned %q", w.all())
	}
}

// Logged out by another program: this one does not bring the session back
// by refreshing it.
func TestLoggedOutElsewhereEndsTheSession(t *testing.T) {
	srv, s := sharedPlatform(t, time.Minute)
	sh := newMemShared(nil)
	c := sharedClient(t, srv, sh, nil)
	c.SetSession(&s)
	_, err := c.Workspaces(context.Background())
	if !client.IsKind(err, client.KindUnauthenticated) || !strings.Contains(err.Error(), "logged out by another program") {
		t.Fatalf("err %v", err)
	}
	if n := srv.Requests("POST", refreshPath); n != 0 {
		t.Errorf("%d refreshes of a session logged out elsewhere", n)
	}
	if sh.stored() != nil {
		t.Error("the session came back to the store")
	}
}

// Another program holds the lock too long: the session is kept and used
// while valid, and the user hears why.
func TestLockTimeoutKeepsTheSession(t *testing.T) {
	srv, s := sharedPlatform(t, time.Minute)
	sh := newMemShared(&s)
	sh.lockErr = errors.New("another horusec-tui program has held the lock on the session of profile default for over 40s")
	var w warnings
	c := sharedClient(t, srv, sh, &w)
	c.SetSession(&s)
	if _, err := c.Workspaces(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(w.all(), "could not renew the session: another horusec-tui program has held the lock") {
		t.Errorf("warning %q", w.all())
	}
	if n := srv.Requests("POST", refreshPath); n != 0 {
		t.Errorf("refreshed without the lock (%d)", n)
	}
	if c.Session() == nil {
		t.Error("session dropped")
	}
}
