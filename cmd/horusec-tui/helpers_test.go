package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

// isolate gives a test its own config directory and an environment without
// the caller's endpoint or profile settings.
func isolate(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv(config.EnvConfigDir, dir)
	for _, k := range []string{config.EnvProfile, config.EnvAuthURL, config.EnvCoreURL, config.EnvAnalyticURL, config.EnvAPIURL, config.EnvWebhookURL} {
		t.Setenv(k, "")
	}
	return dir
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
	t.Setenv(config.EnvAuthURL, f.URL)
	t.Setenv(config.EnvCoreURL, f.URL)
	t.Setenv(config.EnvAnalyticURL, f.URL)
	t.Setenv(config.EnvAPIURL, f.URL)
	t.Setenv(config.EnvWebhookURL, f.URL)
	t.Setenv(config.EnvVulnerabilityURL, f.URL)
}

func writeContent(w http.ResponseWriter, status int, content any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]any{"code": status, "status": http.StatusText(status), "content": content})
}
