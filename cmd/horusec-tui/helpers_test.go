package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
	"github.com/zalando/go-keyring"
)

// isolate gives a test its own config directory, a keyring in memory
// (never the real one of the person running the tests) and an environment
// without the caller's endpoint or profile settings.
func isolate(t *testing.T) string {
	t.Helper()
	keyring.MockInit()
	dir := t.TempDir()
	t.Setenv(config.EnvConfigDir, dir)
	for _, k := range []string{config.EnvProfile, config.EnvAuthURL, config.EnvCoreURL, config.EnvAnalyticURL, config.EnvAPIURL, config.EnvWebhookURL} {
		t.Setenv(k, "")
	}
	return dir
}

// onFakePlatform isolates the config, mocks the keyring and points every
// service at a new fake platform.
func onFakePlatform(t *testing.T) (dir string, f *fakePlatform) {
	t.Helper()
	dir = isolate(t)
	f = newFakePlatform(t)
	f.env(t)
	return dir, f
}

// demoServer isolates the test's files and keyring and starts the demo
// platform.
func demoServer(t *testing.T) *horusectest.Server {
	t.Helper()
	return startDemo(t, horusectest.Options{DisableEmails: true})
}

func startDemo(t *testing.T, opts horusectest.Options) *horusectest.Server {
	t.Helper()
	isolate(t)
	return horusectest.Start(t, opts)
}

// demoLogin starts the demo platform, points the program at it and logs in
// as email.
func demoLogin(t *testing.T, email, password string) *horusectest.Server {
	t.Helper()
	return demoAs(t, horusectest.Options{DisableEmails: true}, email, password)
}

// demoAs starts the demo platform with opts, points every service of the
// program at it and logs the program in as login: an e-mail, or a login
// name on LDAP.
func demoAs(t *testing.T, opts horusectest.Options, login, password string) *horusectest.Server {
	t.Helper()
	srv := startDemo(t, opts)
	// Before the login: the session goes only to the URLs it was made for.
	pointAt(t, srv.AuthURL, srv.CoreURL, srv.AnalyticURL, srv.APIURL, srv.WebhookURL, srv.VulnerabilityURL)
	flag := "--email"
	if opts.LDAP {
		flag = "--login"
	}
	if code, _, errOut := runCmd(t, password+"\n", "auth", "login", flag, login, "--password-stdin"); code != exitOK {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	return srv
}

// mustWS is the id of srv's workspace name; the test fails without it.
func mustWS(t *testing.T, srv *horusectest.Server, name string) string {
	t.Helper()
	id, ok := srv.WorkspaceID(name)
	if !ok {
		t.Fatalf("no workspace %q", name)
	}
	return id
}

// demoClient logs a client of its own in to srv, to check what the
// commands did.
func demoClient(t *testing.T, srv *horusectest.Server, email, password string) *client.Client {
	t.Helper()
	c, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL,
		WebhookURL: srv.WebhookURL, VulnerabilityURL: srv.VulnerabilityURL})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Login(context.Background(), email, password); err != nil {
		t.Fatal(err)
	}
	return c
}

// wantUsage runs each command line and wants it refused as a usage error
// (exit code exitUsage).
func wantUsage(t *testing.T, commandLines ...[]string) {
	t.Helper()
	for _, args := range commandLines {
		if code, _, errOut := runCmd(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, errOut)
		}
	}
}

// readPrivate reads the file at path and wants it readable by its owner
// only (0600).
func readPrivate(t *testing.T, path string) []byte {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("%s: mode %o, want 600", filepath.Base(path), st.Mode().Perm())
	}
	data, _ := os.ReadFile(path)
	return data
}

// runCmd runs the program in-process as a user would, with stdin as given.
func runCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

// fakePlatform is just enough of the platform for the commands' unit
// tests: one server for every service.
type fakePlatform struct {
	*httptest.Server
	mu        sync.Mutex
	authType  string
	username  string // "" means "dev"
	expiresIn time.Duration
	logins    int
	refreshes int
	// refreshStatus, when set, answers every refresh with this status and
	// refreshMessage.
	refreshStatus  int
	refreshMessage string
	logouts        int
	repos          []client.Repository
	workspaces     []client.Workspace
	pageCalls      int
}

const (
	fakeEmail    = "dev@example.com"
	fakePassword = "S3cret!pass"
)

func newFakePlatform(t *testing.T) *fakePlatform {
	t.Helper()
	f := &fakePlatform{authType: client.AuthTypeHorusec, expiresIn: time.Hour}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /auth/authenticate/config", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		writeContent(w, 200, client.AuthConfig{AuthType: f.authType})
	})
	mux.HandleFunc("POST /auth/authenticate/login", func(w http.ResponseWriter, r *http.Request) {
		var body struct{ Username, Password string }
		json.NewDecoder(r.Body).Decode(&body)
		f.mu.Lock()
		defer f.mu.Unlock()
		if body.Username != fakeEmail || body.Password != fakePassword {
			writeContent(w, 403, "{HORUSEC AUTH} invalid username or password")
			return
		}
		f.logins++
		writeContent(w, 200, f.session(f.logins))
	})
	mux.HandleFunc("POST /auth/account/refresh-token", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.refreshes++
		if f.refreshStatus != 0 {
			writeContent(w, f.refreshStatus, f.refreshMessage)
			return
		}
		writeContent(w, 200, f.session(100+f.refreshes))
	})
	mux.HandleFunc("POST /auth/account/logout", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		f.logouts++
		f.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	})
	for _, svc := range []string{"auth", "core", "analytic", "api", "webhook", "vulnerability"} {
		mux.HandleFunc("GET /"+svc+"/health", func(w http.ResponseWriter, r *http.Request) { writeContent(w, 200, "service is healthy") })
	}
	mux.HandleFunc("GET /core/workspaces", func(w http.ResponseWriter, r *http.Request) {
		writeContent(w, 200, f.workspaces)
	})
	mux.HandleFunc("GET /core/workspaces/{ws}/repositories", func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		f.pageCalls++
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("size"))
		if page < 1 {
			writeContent(w, 200, f.repos)
			return
		}
		lo, hi := min((page-1)*size, len(f.repos)), min(page*size, len(f.repos))
		writeContent(w, 200, f.repos[lo:hi])
	})
	f.Server = httptest.NewServer(mux)
	t.Cleanup(f.Close)
	return f
}

func (f *fakePlatform) session(n int) client.Session {
	username := "dev"
	if f.username != "" {
		username = f.username
	}
	return client.Session{
		AccountID: "acc-1", Email: fakeEmail, Username: username,
		AccessToken: fmt.Sprintf("access-token-%d", n), RefreshToken: fmt.Sprintf("refresh-token-%d", n),
		ExpiresAt: time.Now().Add(f.expiresIn).UTC().Truncate(time.Second),
	}
}

// env points the program at the fake platform.
func (f *fakePlatform) env(t *testing.T) {
	pointAt(t, f.URL, f.URL, f.URL, f.URL, f.URL, f.URL)
}

// pointAt points the program's services at these URLs through the
// environment.
func pointAt(t *testing.T, auth, core, analytic, api, webhook, vulnerability string) {
	t.Setenv(config.EnvAuthURL, auth)
	t.Setenv(config.EnvCoreURL, core)
	t.Setenv(config.EnvAnalyticURL, analytic)
	t.Setenv(config.EnvAPIURL, api)
	t.Setenv(config.EnvWebhookURL, webhook)
	t.Setenv(config.EnvVulnerabilityURL, vulnerability)
}

func writeContent(w http.ResponseWriter, status int, content any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": status, "status": http.StatusText(status), "content": content})
}
