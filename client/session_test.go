package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func fmtAll(v any) string { return fmt.Sprintf("%v %+v %#v %s", v, v, v, v) }

var t0 = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func sessionJSON(access, refresh string, expires time.Time) map[string]any {
	return map[string]any{"accountID": "0b3d2e51-9c0c-4c57-9d0a-7f5b3e1d2c4a", "accessToken": access, "refreshToken": refresh,
		"username": "dev", "email": "dev@example.com", "expiresAt": expires, "expiresIn": 0, "refreshExpiresIn": 0,
		"isApplicationAdmin": false}
}

// authPlatform issues single-use refresh tokens like the auth service and
// accepts only the newest access token on GET /core/workspaces.
type authPlatform struct {
	*platform
	mu       sync.Mutex
	valid    map[string]string // refresh token → the access token issued with it
	access   map[string]bool
	n        int
	delay    time.Duration
	refreshN atomic.Int32
}

func newAuthPlatform(t *testing.T) *authPlatform {
	a := &authPlatform{platform: newPlatform(t), valid: map[string]string{}, access: map[string]bool{}}
	a.mux.HandleFunc("POST /auth/account/refresh-token", func(w http.ResponseWriter, r *http.Request) {
		a.refreshN.Add(1)
		time.Sleep(a.delay)
		var body struct{ RefreshToken string }
		_ = json.NewDecoder(r.Body).Decode(&body)
		a.mu.Lock()
		defer a.mu.Unlock()
		old, ok := a.valid[body.RefreshToken]
		if !ok {
			write(w, 401, env(401, "{ACCOUNT} invalid or expired refresh token"))
			return
		}
		delete(a.valid, body.RefreshToken)
		delete(a.access, old)
		a.n++
		acc, ref := fmt.Sprintf("acc-%d", a.n+1), fmt.Sprintf("ref-%d", a.n+1)
		a.valid[ref], a.access[acc] = acc, true
		write(w, 200, env(200, sessionJSON(acc, ref, t0.Add(time.Hour))))
	})
	a.mux.HandleFunc("GET /core/workspaces", func(w http.ResponseWriter, r *http.Request) {
		a.mu.Lock()
		ok := a.access[strings.TrimPrefix(r.Header.Get("X-Horusec-Authorization"), "Bearer ")]
		a.mu.Unlock()
		if !ok {
			write(w, 400, env(400, "rpc error: code = Unknown desc = token is expired by 3m0s"))
			return
		}
		write(w, 200, env(200, []any{map[string]any{"name": "w", "role": "admin"}}))
	})
	return a
}

// grant makes (access, refresh) a live pair.
func (a *authPlatform) grant(access, refresh string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.valid[refresh], a.access[access] = access, true
}

type sessionLog struct {
	mu   sync.Mutex
	seen []*Session
}

func (l *sessionLog) record(s *Session) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, s)
}

func (l *sessionLog) all() []*Session {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*Session(nil), l.seen...)
}

// grantedClient is an auth platform that takes the session (access,
// refresh) and a client of it on the test clock.
func grantedClient(t *testing.T, access, refresh string) (*authPlatform, *Client) {
	t.Helper()
	a := newAuthPlatform(t)
	a.grant(access, refresh)
	return a, clientAt(t, a.URL, &sessionLog{})
}

func clientAt(t *testing.T, url string, log *sessionLog) *Client {
	return testClient(t, url, func(o *Options) {
		o.Now = func() time.Time { return t0 }
		o.OnSession = log.record
	})
}

func TestLoginStoresSession(t *testing.T) {
	p := newPlatform(t)
	p.handle("POST /auth/authenticate/login", 200, env(200, sessionJSON("acc-1", "ref-1", t0.Add(time.Hour))))
	p.handle("GET /core/workspaces", 200, env(200, []any{}))
	var log sessionLog
	c := clientAt(t, p.URL, &log)
	s, err := c.Login(context.Background(), "dev@example.com", "Devpass0*")
	if err != nil {
		t.Fatal(err)
	}
	if got := string(p.last().Body); got != `{"username":"dev@example.com","password":"Devpass0*"}` {
		t.Fatalf("login body %s", got)
	}
	if s.AccessToken != "acc-1" || !s.ExpiresAt.Equal(t0.Add(time.Hour)) || c.Session().RefreshToken != "ref-1" {
		t.Fatalf("session %+v", s)
	}
	if seen := log.all(); len(seen) != 1 || seen[0].AccessToken != "acc-1" {
		t.Fatalf("OnSession got %v", seen)
	}
	if _, err := c.Workspaces(context.Background()); err != nil || p.last().Auth != "Bearer acc-1" {
		t.Fatalf("%v, auth %q", err, p.last().Auth)
	}
	// The copy handed out cannot change the client's session.
	c.Session().AccessToken = "changed"
	if c.Session().AccessToken != "acc-1" {
		t.Fatal("Session returned the client's own session")
	}
}

func TestSingleFlightRefresh(t *testing.T) {
	a := newAuthPlatform(t)
	a.delay = 100 * time.Millisecond
	a.grant("acc-1", "ref-1")
	var log sessionLog
	c := clientAt(t, a.URL, &log)
	c.SetSession(&Session{AccessToken: "acc-1", RefreshToken: "ref-1", ExpiresAt: t0.Add(4 * time.Minute)})

	const n = 32
	for _, err := range listAtOnce(c, n) {
		if err != nil {
			t.Fatalf("call failed: %v", err)
		}
	}
	if got := a.refreshN.Load(); got != 1 {
		t.Fatalf("%d refresh calls, want 1", got)
	}
	for _, r := range a.requests() {
		if r.Method == "GET" && r.Auth != "Bearer acc-2" {
			t.Fatalf("a call used %q", r.Auth)
		}
	}
	if seen := log.all(); len(seen) != 1 || seen[0].AccessToken != "acc-2" || seen[0].RefreshToken != "ref-2" {
		t.Fatalf("OnSession got %+v", seen)
	}
	if s := c.Session(); s.AccessToken != "acc-2" {
		t.Fatalf("session %+v", s)
	}
	// Fresh for an hour now: no further refresh.
	_, _ = c.Workspaces(context.Background())
	if got := a.refreshN.Load(); got != 1 {
		t.Fatalf("%d refresh calls after the new session", got)
	}
}

func TestRefreshFailureEndsSession(t *testing.T) {
	a := newAuthPlatform(t) // ref-1 is unknown: every refresh is refused
	a.delay = 50 * time.Millisecond
	var log sessionLog
	c := clientAt(t, a.URL, &log)
	c.SetSession(&Session{AccessToken: "acc-1", RefreshToken: "ref-1", ExpiresAt: t0.Add(time.Minute)})

	const n = 16
	for _, err := range listAtOnce(c, n) {
		e := wantKind(t, err, KindUnauthenticated)
		if e.Message != "session expired: log in again" || e.Op != "list workspaces" {
			t.Fatalf("error %+v", e)
		}
	}
	if got := a.refreshN.Load(); got != 1 {
		t.Fatalf("%d refresh calls, want 1", got)
	}
	if got := a.count("GET /core/workspaces"); got != 0 {
		t.Fatalf("%d calls went out with a dead session", got)
	}
	if seen := log.all(); len(seen) != 1 || seen[0] != nil {
		t.Fatalf("OnSession got %v, want one nil", seen)
	}
	if c.Session() != nil {
		t.Fatal("the dead session is still installed")
	}
	_, err := c.Workspaces(context.Background())
	wantKind(t, err, KindUnauthenticated)
	_, err = c.Refresh(context.Background())
	wantKind(t, err, KindUnauthenticated)
	if got := a.refreshN.Load(); got != 1 {
		t.Fatalf("refresh retried: %d calls", got)
	}
}

func TestZeroExpiryDoesNotRefresh(t *testing.T) {
	a, c := grantedClient(t, "acc-1", "ref-1")
	c.SetSession(&Session{AccessToken: "acc-1", RefreshToken: "ref-1"}) // Keycloak/LDAP: no expiry known
	for range 10 {
		if _, err := c.Workspaces(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	if got := a.refreshN.Load(); got != 0 {
		t.Fatalf("%d refresh calls", got)
	}
}

func TestExpiredAnswerRefreshesAndRetriesOnce(t *testing.T) {
	a, c := grantedClient(t, "acc-stale", "ref-1")
	// The clock says an hour is left, but the platform says expired (the
	// other machine's clock differs).
	c.SetSession(&Session{AccessToken: "acc-unknown", RefreshToken: "ref-1", ExpiresAt: t0.Add(time.Hour)})
	ws, err := c.Workspaces(context.Background())
	if err != nil || len(ws) != 1 {
		for _, r := range a.requests() {
			t.Logf("%s %s %q %s", r.Method, r.URL, r.Auth, r.Body)
		}
		t.Fatalf("%v %v", ws, err)
	}
	if a.refreshN.Load() != 1 || a.count("GET /core/workspaces") != 2 {
		t.Fatalf("refresh %d, calls %d", a.refreshN.Load(), a.count("GET /core/workspaces"))
	}

	// Still refused after the refresh: one refresh, one retry, an error.
	b := newPlatform(t)
	b.handle("GET /core/workspaces", 400, env(400, "rpc error: code = Unknown desc = token is expired by 1h0m0s"))
	b.handle("POST /auth/account/refresh-token", 200, env(200, sessionJSON("acc-9", "ref-9", t0.Add(time.Hour))))
	c = clientAt(t, b.URL, &sessionLog{})
	c.SetSession(&Session{AccessToken: "acc-8", RefreshToken: "ref-8", ExpiresAt: t0.Add(time.Hour)})
	_, err = c.Workspaces(context.Background())
	wantKind(t, err, KindUnauthenticated)
	if b.count("POST /auth/account/refresh-token") != 1 || b.count("GET /core/workspaces") != 2 {
		t.Fatalf("refresh %d, calls %d", b.count("POST /auth/account/refresh-token"), b.count("GET /core/workspaces"))
	}
}

func TestRefreshWhileAuthUnreachable(t *testing.T) {
	core := newPlatform(t)
	core.handle("GET /core/workspaces", 200, env(200, []any{}))
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	deadAuth := "http://" + l.Addr().String()
	_ = l.Close()
	c, err := New(Options{AuthURL: deadAuth, CoreURL: core.URL, AnalyticURL: core.URL, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	c.retryWait = time.Millisecond

	// Minutes left: the call goes on with the current token.
	c.SetSession(&Session{AccessToken: "acc-1", RefreshToken: "ref-1", ExpiresAt: t0.Add(2 * time.Minute)})
	if _, err := c.Workspaces(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c.Session() == nil || core.last().Auth != "Bearer acc-1" {
		t.Fatal("session lost or not used")
	}
	// Already expired: the network error is reported, the session kept.
	c.SetSession(&Session{AccessToken: "acc-1", RefreshToken: "ref-1", ExpiresAt: t0.Add(-time.Minute)})
	_, err = c.Workspaces(context.Background())
	e := wantKind(t, err, KindNetwork)
	if !strings.Contains(e.Message, "cannot reach the auth service at "+deadAuth) {
		t.Fatalf("message %q", e.Message)
	}
	if c.Session() == nil {
		t.Fatal("session dropped on a network error")
	}
}

func TestLogout(t *testing.T) {
	p := newPlatform(t)
	p.mux.HandleFunc("POST /auth/account/logout", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) })
	var log sessionLog
	c := clientAt(t, p.URL, &log)
	// Nearly expired: logging out must not refresh first.
	c.SetSession(&Session{AccessToken: "acc-1", RefreshToken: "ref-1", ExpiresAt: t0.Add(time.Minute)})
	if err := c.Logout(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := string(p.last().Body); got != `{"refreshToken":"ref-1"}` || len(p.requests()) != 1 {
		t.Fatalf("requests %+v", p.requests())
	}
	if c.Session() != nil {
		t.Fatal("session kept")
	}
	if seen := log.all(); len(seen) != 1 || seen[0] != nil {
		t.Fatalf("OnSession got %v", seen)
	}

	// Unreachable: the error is returned, the session forgotten anyway.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	dead := "http://" + l.Addr().String()
	_ = l.Close()
	var log2 sessionLog
	c = clientAt(t, dead, &log2)
	loggedIn(c, "acc-1", "ref-1")
	wantKind(t, c.Logout(context.Background()), KindNetwork)
	if c.Session() != nil {
		t.Fatal("session kept")
	}
	if seen := log2.all(); len(seen) != 1 || seen[0] != nil {
		t.Fatalf("OnSession got %v", seen)
	}
}

// TestNoSecretInErrorsOrLogs drives every path that handles a secret,
// successful and failing, and looks for the secrets in everything the
// client lets out: errors, debug log, URLs.
func TestNoSecretInErrorsOrLogs(t *testing.T) {
	const (
		password = "Sup3r$ecretPassw0rd"
		access   = "eyJhbGciOiJIUzI1NiJ9.access-token-value.sig"
		refresh  = "c0ffee0ddba11deadbeefc0ffee0ddba11deadbeefc0ffee0ddba11deadbeef0"
		access2  = "eyJhbGciOiJIUzI1NiJ9.second-access-token.sig"
		refresh2 = "feedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedfacefeedface"
		created  = "3c7778f3-1169-4a4f-87fd-341bc5ea51f4"
	)
	secrets := []string{password, access, refresh, access2, refresh2, created}

	p := newPlatform(t)
	loginN := 0
	p.mux.HandleFunc("POST /auth/authenticate/login", func(w http.ResponseWriter, r *http.Request) {
		loginN++
		if loginN == 1 {
			write(w, 200, env(200, sessionJSON(access, refresh, t0.Add(2*time.Minute))))
			return
		}
		write(w, 403, env(403, "{HORUSEC AUTH} invalid username or password"))
	})
	refreshN := 0
	p.mux.HandleFunc("POST /auth/account/refresh-token", func(w http.ResponseWriter, r *http.Request) {
		refreshN++
		if refreshN == 1 {
			write(w, 200, env(200, sessionJSON(access2, refresh2, t0.Add(time.Hour))))
			return
		}
		write(w, 401, env(401, "{ACCOUNT} invalid or expired refresh token"))
	})
	p.handle("GET /core/workspaces", 400, env(400, "rpc error: code = Unknown desc = token contains an invalid number of segments"))
	p.handle("POST /core/workspaces/{id}/tokens", 201, env(201, created))
	p.handle("POST /auth/account/logout", 500, env(500, generic500))

	var logBuf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c := testClient(t, p.URL, func(o *Options) {
		o.Logger = logger
		o.Now = func() time.Time { return t0 }
	})
	ctx := context.Background()
	var errs []error
	keep := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}

	_, err := c.Login(ctx, "dev@example.com", password)
	keep(err)
	_, err = c.Workspaces(ctx) // refreshes (2 min left), then 400
	keep(err)
	s, err := c.CreateWorkspaceToken(ctx, "w", TokenData{Description: "ci"})
	keep(err)
	if s == nil || string(s.Bytes()) != created {
		t.Fatalf("token create: %v", err)
	}
	keep(fmt.Errorf("wrapped: %v", s))
	_, err = c.Login(ctx, "dev@example.com", password) // 403
	keep(err)
	c.SetSession(&Session{AccessToken: access, RefreshToken: refresh, ExpiresAt: t0.Add(time.Minute)})
	_, err = c.Workspaces(ctx) // refresh refused
	keep(err)
	c.SetSession(&Session{AccessToken: access, RefreshToken: refresh, ExpiresAt: t0.Add(time.Hour)})
	keep(c.Logout(ctx)) // 500
	dead, _ := New(Options{AuthURL: "http://127.0.0.1:1", CoreURL: "http://127.0.0.1:1", AnalyticURL: "http://127.0.0.1:1", Logger: logger})
	_, err = dead.Login(ctx, "dev@example.com", password)
	keep(err)

	if len(errs) < 5 {
		t.Fatalf("only %d errors collected: %v", len(errs), errs)
	}
	var out strings.Builder
	for _, err := range errs {
		out.WriteString(err.Error() + "\n" + fmtAll(err) + "\n")
	}
	out.WriteString(logBuf.String())
	for _, r := range p.requests() {
		out.WriteString(r.URL + "\n")
	}
	if !strings.Contains(logBuf.String(), "path=/auth/authenticate/login") || !strings.Contains(logBuf.String(), "status=403") {
		t.Fatalf("debug log lacks the expected lines:\n%s", logBuf.String())
	}
	for _, sec := range secrets {
		if strings.Contains(out.String(), sec) {
			t.Fatalf("secret %q leaked into:\n%s", sec, out.String())
		}
	}
}

func TestSessionDoesNotPrintTokens(t *testing.T) {
	s := Session{AccessToken: "access-secret", RefreshToken: "refresh-secret", Email: "dev@example.com", ExpiresAt: t0}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("x", "session", s, "ptr", &s)
	out := fmtAll(s) + fmtAll(&s) + buf.String()
	if strings.Contains(out, "secret") || !strings.Contains(out, "dev@example.com") {
		t.Fatalf("output %q", out)
	}
}

// listAtOnce lists the workspaces from n goroutines at once and returns
// their errors.
func listAtOnce(c *Client, n int) []error {
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = c.Workspaces(context.Background())
		}()
	}
	wg.Wait()
	return errs
}
