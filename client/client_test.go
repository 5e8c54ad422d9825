package client

import (
	"context"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const generic500 = "{ERROR_HTTP} something went wrong, sorry for the inconvenience"

func TestNewValidatesURLs(t *testing.T) {
	good := "http://127.0.0.1:8003"
	for _, tc := range []struct {
		name string
		opts Options
		want string // in the error
	}{
		{"empty auth", Options{CoreURL: good, AnalyticURL: good}, "auth service URL is empty"},
		{"scheme", Options{AuthURL: "ftp://h:1", CoreURL: good, AnalyticURL: good}, `"ftp://h:1" must start with http:// or https://`},
		{"no scheme", Options{AuthURL: good, CoreURL: "127.0.0.1:8003", AnalyticURL: good}, `core service URL "127.0.0.1:8003"`},
		{"no host", Options{AuthURL: good, CoreURL: good, AnalyticURL: "http://"}, `analytic service URL "http://" has no host`},
		{"garbage", Options{AuthURL: good, CoreURL: good, AnalyticURL: "http://a b:%%"}, `analytic service URL "http://a b:%%"`},
		{"bad api", Options{AuthURL: good, CoreURL: good, AnalyticURL: good, APIURL: "localhost"}, `api service URL "localhost"`},
		{"credentials", Options{AuthURL: "http://u:p@h", CoreURL: good, AnalyticURL: good}, "must not carry credentials"},
		{"missing CA", Options{AuthURL: good, CoreURL: good, AnalyticURL: good, CAFile: "/nonexistent/ca.pem"}, "read CA file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New: %v, want an error containing %q", err, tc.want)
			}
		})
	}
	if _, err := New(Options{AuthURL: good, CoreURL: good, AnalyticURL: "https://analytic.local/"}); err != nil {
		t.Fatalf("valid options refused: %v", err)
	}
}

// A base URL is quoted in New's errors: never with its password.
func TestNewErrorsHideURLPasswords(t *testing.T) {
	const pw = "s3cretpw"
	good := "http://127.0.0.1:8003"
	for _, raw := range []string{
		"http://u:" + pw + "@h",
		"ftp://u:" + pw + "@h",
		"http://u:" + pw + "@h/?q=1",
		"http://u:" + pw + "@h:port",
		"http://u:" + pw + "@h st",
		"http://u s:" + pw + "@h",
	} {
		_, err := New(Options{AuthURL: raw, CoreURL: good, AnalyticURL: good})
		if err == nil || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), "auth service URL") {
			t.Errorf("New(%q): %v; want an error naming the auth service URL without the password", raw, err)
		}
	}
}

func TestTrailingSlashAndHeaders(t *testing.T) {
	p := newPlatform(t)
	p.handle("GET /core/workspaces", 200, env(200, []any{}))
	c := testClient(t, p.URL+"//")
	loggedIn(c, "acc-1", "ref-1")
	if _, err := c.Workspaces(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := p.last()
	if r.URL != "/core/workspaces" {
		t.Errorf("path %q, want /core/workspaces", r.URL)
	}
	if r.Auth != "Bearer acc-1" {
		t.Errorf("auth header %q", r.Auth)
	}
	if r.UA != "horusec-tui/"+Version {
		t.Errorf("user agent %q", r.UA)
	}

	c = testClient(t, p.URL, func(o *Options) { o.UserAgent = "horusec-tui/1.2.3" })
	loggedIn(c, "a", "r")
	_, _ = c.Workspaces(context.Background())
	if ua := p.last().UA; ua != "horusec-tui/1.2.3" {
		t.Errorf("user agent %q", ua)
	}
}

func TestDecodingEdgeCases(t *testing.T) {
	ctx := context.Background()

	t.Run("204 without body", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.mux.HandleFunc("DELETE /core/workspaces/{id}", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(204) })
		if err := c.DeleteWorkspace(ctx, "w1"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("plain-text 404", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handleAs("/", "text/plain; charset=utf-8", 404, "404 page not found\n")
		_, err := c.Workspaces(ctx)
		e := wantKind(t, err, KindNotFound)
		if e.Message != "404 page not found" || e.Status != 404 {
			t.Fatalf("message %q status %d", e.Message, e.Status)
		}
	})
	t.Run("405 with empty body", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		// chi's default: no body at all.
		p.mux.HandleFunc("POST /core/workspaces", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(405) })
		_, err := c.CreateWorkspace(ctx, WorkspaceData{Name: "x"})
		e := wantKind(t, err, KindNotFound)
		if e.Status != 405 || e.Message != "method not allowed" {
			t.Fatalf("status %d message %q", e.Status, e.Message)
		}
	})
	t.Run("doubled envelope takes the first", func(t *testing.T) {
		e := listError(t, 500, env(500, generic500)+env(200, []any{map[string]any{"name": "w"}}), KindServer) // the list route is not protected
		if e.Message != generic500 {
			t.Fatalf("message %q", e.Message)
		}
	})
	t.Run("doubled envelope on a 200", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("GET /core/workspaces", 200, env(200, []any{map[string]any{"name": "first"}})+env(200, []any{map[string]any{"name": "second"}}))
		ws, err := c.Workspaces(ctx)
		if err != nil || len(ws) != 1 || ws[0].Name != "first" {
			t.Fatalf("got %v %v", ws, err)
		}
	})
	t.Run("malformed JSON", func(t *testing.T) {
		e := listError(t, 200, `{"code":200,"status":"OK","content":[{"name":`, KindServer)
		if !strings.Contains(e.Message, "malformed answer") {
			t.Fatalf("message %q", e.Message)
		}
	})
	t.Run("wrong content type", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("GET /core/workspaces/{id}", 200, env(200, "a string"))
		_, err := c.Workspace(ctx, "w")
		wantKind(t, err, KindServer)
	})
	t.Run("not JSON where JSON is expected", func(t *testing.T) {
		p := newPlatform(t)
		p.handle("GET /auth/authenticate/config", 200, "OK")
		c := testClient(t, p.URL)
		_, err := c.AuthConfig(ctx)
		e := wantKind(t, err, KindServer)
		if !strings.Contains(e.Message, "not JSON") {
			t.Fatalf("message %q", e.Message)
		}
	})
	t.Run("HTML error page", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handleAs("POST /core/workspaces", "text/html", 502, "<html><body><h1>502 Bad Gateway</h1>\x1b[31m</body></html>")
		_, err := c.CreateWorkspace(ctx, WorkspaceData{Name: "x"})
		e := wantKind(t, err, KindServer)
		if !strings.Contains(e.Message, "HTML page") || strings.Contains(e.Message, "\x1b") {
			t.Fatalf("message %q", e.Message)
		}
	})
	t.Run("HTML page with 200 (URL of the web UI)", func(t *testing.T) {
		e := listError(t, 200, "<!doctype html><html></html>", KindServer)
		if !strings.Contains(e.Message, "HTML page") {
			t.Fatalf("message %q", e.Message)
		}
	})
	t.Run("absent and null content on a list", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("GET /core/workspaces", 200, `{"code":200,"status":"OK"}`)
		p.handle("GET /core/workspaces/{id}/roles", 200, `{"code":200,"status":"OK","content":null}`)
		p.handle("GET /core/workspaces/{id}", 200, `{"code":200,"status":"OK"}`)
		if ws, err := c.Workspaces(ctx); err != nil || ws != nil {
			t.Fatalf("absent content: %v %v", ws, err)
		}
		if ms, err := c.WorkspaceMembers(ctx, "w", ""); err != nil || ms != nil {
			t.Fatalf("null content: %v %v", ms, err)
		}
		_, err := c.Workspace(ctx, "w")
		wantKind(t, err, KindServer)
	})
	t.Run("bare-string content into a secret", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("POST /core/workspaces/{id}/tokens", 201, `{"code":201,"status":"Created","content":"3c7778f3-1169-4a4f-87fd-341bc5ea51f4"}`)
		p.handle("POST /core/workspaces/{id}/repositories/{r}/tokens", 201, `{"code":201,"status":"Created","content":"3c7778f3\u002d1169-4a4f-87fd-341bc5ea51F\u0034"}`)
		s, err := c.CreateWorkspaceToken(ctx, "w", TokenData{Description: "ci"})
		if err != nil {
			t.Fatal(err)
		}
		if string(s.Bytes()) != "3c7778f3-1169-4a4f-87fd-341bc5ea51f4" || s.Suffix(5) != "a51f4" {
			t.Fatalf("secret %q", s.Bytes())
		}
		s, err = c.CreateRepositoryToken(ctx, "w", "r", TokenData{Description: "ci"})
		if err != nil {
			t.Fatal(err)
		}
		if string(s.Bytes()) != "3c7778f3-1169-4a4f-87fd-341bc5ea51F4" {
			t.Fatalf("escaped secret %q", s.Bytes())
		}
	})
	// The platform's tokens are UUIDs: anything else could carry escape
	// sequences to the screen or the clipboard, and is refused unseen.
	t.Run("token that is not a UUID", func(t *testing.T) {
		for _, tok := range []string{
			"\x1b]52;c;cm0gLXJmIH4=\x07",
			"3c7778f3-1169-4a4f-87fd-341bc5ea51f4\n",
			"3c7778f3-1169-4a4f-87fd-341bc5ea51f4\x1b[2J",
			`3c7778f3x1169-4a4f-87fd-341bc5ea51f4`,
			`3c7778f3-1169-4a4f-87fd-341bc5ea51fg`,
			`not-a-token-at-all`,
			``,
		} {
			p, c := servedLoggedIn(t)
			p.handle("POST /core/workspaces/{id}/tokens", 201, `{"code":201,"status":"Created","content":"`+tok+`"}`)
			s, err := c.CreateWorkspaceToken(ctx, "w", TokenData{Description: "ci"})
			if s != nil {
				t.Fatalf("%s: a secret was returned", tok)
			}
			wantKind(t, err, KindServer)
			if msg := err.Error(); strings.Contains(msg, "52;c") || strings.Contains(msg, "3c7778f3") || strings.Contains(msg, "not-a-token") || !(strings.Contains(msg, "not a token") || strings.Contains(msg, "malformed")) {
				t.Errorf("%s: the error shows the answer or does not say what happened: %s", tok, msg)
			}
		}
	})
	t.Run("token answer that is not a string", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("POST /core/workspaces/{id}/tokens", 201, env(201, map[string]any{"token": "x"}))
		_, err := c.CreateWorkspaceToken(ctx, "w", TokenData{Description: "ci"})
		wantKind(t, err, KindServer)
	})
	t.Run("huge body", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		big := make([]map[string]any, 0, 20000)
		for range 20000 {
			big = append(big, map[string]any{"workspaceID": "00000000-0000-4000-8000-000000000000", "name": strings.Repeat("n", 40)})
		}
		p.handle("GET /core/workspaces", 200, env(200, big)) // ~1.7 MB
		ws, err := c.Workspaces(ctx)
		if err != nil || len(ws) != 20000 {
			t.Fatalf("big list: %d %v", len(ws), err)
		}
		c.bodyLimit = 1 << 20
		_, err = c.Workspaces(ctx)
		e := wantKind(t, err, KindServer)
		if !strings.Contains(e.Message, "over 1 MiB") {
			t.Fatalf("message %q", e.Message)
		}
	})
}

func TestClassification(t *testing.T) {
	ctx := context.Background()
	type tc struct {
		name    string
		route   string
		status  int
		body    string
		call    func(c *Client) error
		want    Kind
		wantMsg string
	}
	privileges := "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"
	cases := []tc{
		{"login wrong password", "POST /auth/authenticate/login", 403, env(403, "{HORUSEC AUTH} invalid username or password"),
			func(c *Client) error { _, err := c.Login(ctx, "a@b.c", "pw"); return err }, KindUnauthenticated, "{HORUSEC AUTH} invalid username or password"},
		{"login not confirmed", "POST /auth/authenticate/login", 403, env(403, "{HORUSEC AUTH} account email not confirmed"),
			func(c *Client) error { _, err := c.Login(ctx, "a@b.c", "pw"); return err }, KindUnauthenticated, "{HORUSEC AUTH} account email not confirmed"},
		{"login bad body", "POST /auth/authenticate/login", 400, env(400, "password: cannot be blank."),
			func(c *Client) error { _, err := c.Login(ctx, "a@b.c", ""); return err }, KindValidation, "password: cannot be blank."},
		{"register e-mail in use", "POST /auth/account/create-account-horusec", 400, env(400, "{ACCOUNT} email already in use"),
			func(c *Client) error { _, err := c.Register(ctx, RegisterRequest{}); return err }, KindConflict, "{ACCOUNT} email already in use"},
		{"refresh refused", "POST /auth/account/refresh-token", 401, env(401, "{ACCOUNT} invalid or expired refresh token"),
			func(c *Client) error { _, err := c.Refresh(ctx); return err }, KindUnauthenticated, "session expired: log in again"},
		{"workspaces bad token", "GET /core/workspaces", 400, env(400, "rpc error: code = Unknown desc = token contains an invalid number of segments"),
			func(c *Client) error { _, err := c.Workspaces(ctx); return err }, KindUnauthenticated, "rpc error: code = Unknown desc = token contains an invalid number of segments"},
		{"workspaces no e-mail", "GET /core/workspaces", 401, env(401, "rpc error: code = Unknown desc = {AUTHENTICATION} is not possible get user without email"),
			func(c *Client) error { _, err := c.Workspaces(ctx); return err }, KindUnauthenticated, ""},
		{"workspaces account deleted", "GET /core/workspaces", 401, env(401, "rpc error: code = Unknown desc = {ERROR_DATABASE} database not found records"),
			func(c *Client) error { _, err := c.Workspaces(ctx); return err }, KindUnauthenticated, ""},
		{"workspaces 500 is a server fault", "GET /core/workspaces", 500, env(500, generic500),
			func(c *Client) error { _, err := c.Workspaces(ctx); return err }, KindServer, generic500},
		{"role too low", "GET /core/workspaces/{id}/roles", 401, env(401, privileges),
			func(c *Client) error { _, err := c.WorkspaceMembers(ctx, "w", ""); return err }, KindForbidden, privileges},
		{"no access", "GET /core/workspaces/{id}", 500, env(500, generic500),
			func(c *Client) error { _, err := c.Workspace(ctx, "w"); return err }, KindNoAccess, generic500},
		{"invite existing member", "POST /core/workspaces/{id}/roles", 500, env(500, generic500),
			func(c *Client) error {
				_, err := c.InviteWorkspaceMember(ctx, "w", Invite{Email: "x@y.z", Role: RoleMember})
				return err
			}, KindConflict, generic500},
		{"invite unknown e-mail", "POST /core/workspaces/{id}/roles", 400, env(400, "{CORE_WORKSPACE} not found user in workspace"),
			func(c *Client) error {
				_, err := c.InviteWorkspaceMember(ctx, "w", Invite{Email: "x@y.z", Role: RoleMember})
				return err
			}, KindValidation, ""},
		{"repository member exists", "POST /core/workspaces/{id}/repositories/{r}/roles", 500, env(500, generic500),
			func(c *Client) error {
				_, err := c.AddRepositoryMember(ctx, "w", "r", RepositoryMemberData{AccountID: "a", Email: "x@y.z", Role: RoleMember})
				return err
			}, KindConflict, ""},
		{"repository name in use", "POST /core/workspaces/{id}/repositories", 400, env(400, "{CORE_REPOSITORY} repository name already in use"),
			func(c *Client) error { _, err := c.CreateRepository(ctx, "w", RepositoryData{Name: "x"}); return err }, KindConflict, ""},
		{"validation", "PATCH /core/workspaces/{id}", 400, env(400, "name: cannot be blank."),
			func(c *Client) error { _, err := c.UpdateWorkspace(ctx, "w", WorkspaceData{}); return err }, KindValidation, "name: cannot be blank."},
		{"change role of a non-member", "PATCH /core/workspaces/{id}/roles/{a}", 500, env(500, generic500),
			func(c *Client) error { _, err := c.SetWorkspaceMemberRole(ctx, "w", "a", RoleAdmin); return err }, KindNoAccess, ""},
		{"dashboard no access", "GET /analytic/dashboard/{id}", 500, env(500, generic500),
			func(c *Client) error {
				_, err := c.WorkspaceDashboard(ctx, "w", DateRange{time.Now(), time.Now()})
				return err
			}, KindNoAccess, ""},
		{"dashboard role too low", "GET /analytic/dashboard/{id}", 401, env(401, privileges),
			func(c *Client) error {
				_, err := c.WorkspaceDashboard(ctx, "w", DateRange{time.Now(), time.Now()})
				return err
			}, KindForbidden, ""},
		{"health down", "GET /core/health", 500, env(500, generic500),
			func(c *Client) error { return c.Health(ctx, ServiceCore) }, KindServer, ""},
		{"upload token refused", "POST /api/analysis", 401, env(401, privileges),
			func(c *Client) error {
				_, err := c.UploadAnalysis(ctx, []byte("tok"), "repo", AnalysisUpload{})
				return err
			}, KindForbidden, ""},
		{"upload token expired", "POST /api/analysis", 401, env(401, "this authorization token has expired, please renew it"),
			func(c *Client) error {
				_, err := c.UploadAnalysis(ctx, []byte("tok"), "repo", AnalysisUpload{})
				return err
			}, KindForbidden, ""},
		{"enveloped 404", "GET /core/workspaces", 404, env(404, "{ERROR_DATABASE} database not found records"),
			func(c *Client) error { _, err := c.Workspaces(ctx); return err }, KindNotFound, "{ERROR_DATABASE} database not found records"},
		{"envelope without content", "GET /core/workspaces", 503, `{"code":503,"status":"Service Unavailable"}`,
			func(c *Client) error { _, err := c.Workspaces(ctx); return err }, KindServer, "Service Unavailable"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := newPlatform(t)
			p.handle(tc.route, tc.status, tc.body)
			c := testClient(t, p.URL)
			loggedIn(c, "acc", "ref")
			err := tc.call(c)
			e := wantKind(t, err, tc.want)
			if tc.wantMsg != "" && e.Message != tc.wantMsg {
				t.Fatalf("message %q, want %q", e.Message, tc.wantMsg)
			}
			if e.Op == "" || !strings.Contains(err.Error(), e.Op) {
				t.Fatalf("error %q lacks its operation", err)
			}
		})
	}
}

func TestLocalRefusals(t *testing.T) {
	p := newPlatform(t)
	c := testClient(t, p.URL)
	ctx := context.Background()
	_, err := c.Workspaces(ctx)
	e := wantKind(t, err, KindUnauthenticated)
	if e.Op != "list workspaces" {
		t.Fatalf("op %q", e.Op)
	}
	loggedIn(c, "a", "r")
	_, err = c.Workspace(ctx, "")
	wantKind(t, err, KindValidation)
	err = c.DeleteRepository(ctx, "w", " ")
	wantKind(t, err, KindValidation)
	_, err = c.WorkspaceDashboard(ctx, "w", DateRange{})
	wantKind(t, err, KindValidation)
	if len(p.requests()) != 0 {
		t.Fatalf("requests were sent: %v", p.requests())
	}

	noAPI, _ := New(Options{AuthURL: p.URL, CoreURL: p.URL, AnalyticURL: p.URL})
	err = noAPI.Health(ctx, ServiceAPI)
	wantKind(t, err, KindValidation)
	wantKind(t, noAPI.Health(ctx, "bogus"), KindValidation)
}

func TestNetworkErrors(t *testing.T) {
	ctx := context.Background()
	t.Run("connection refused names the service and URL", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		url := "http://" + l.Addr().String()
		_ = l.Close()
		c := testClient(t, url)
		loggedIn(c, "a", "r")
		_, err = c.Workspaces(ctx)
		e := wantKind(t, err, KindNetwork)
		want := "cannot reach the core service at " + url + ": connection refused"
		if e.Message != want {
			t.Fatalf("message %q, want %q", e.Message, want)
		}
	})
	t.Run("unknown host", func(t *testing.T) {
		c := testClient(t, "http://horusec-core.invalid")
		loggedIn(c, "a", "r")
		_, err := c.Workspaces(ctx)
		e := wantKind(t, err, KindNetwork)
		if !strings.Contains(e.Message, "cannot reach the core service at http://horusec-core.invalid") {
			t.Fatalf("message %q", e.Message)
		}
	})
	t.Run("timeout", func(t *testing.T) {
		p, c := hanging(t, "POST /core/workspaces")
		start := time.Now()
		_, err := c.CreateWorkspace(ctx, WorkspaceData{Name: "x"})
		e := wantKind(t, err, KindNetwork)
		if !strings.Contains(e.Message, "no answer within 100ms") {
			t.Fatalf("message %q", e.Message)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Fatalf("took %v", d)
		}
		if n := p.count("POST /core/workspaces"); n != 1 {
			t.Fatalf("POST sent %d times", n)
		}
	})
	t.Run("a list that times out is not asked again", func(t *testing.T) {
		p, c := hanging(t, "GET /core/workspaces")
		_, err := c.Workspaces(ctx)
		e := wantKind(t, err, KindNetwork)
		if !strings.Contains(e.Message, "no answer within 100ms") {
			t.Fatalf("message %q", e.Message)
		}
		if n := p.count("GET /core/workspaces"); n != 1 {
			t.Fatalf("GET sent %d times after a timeout; the user would wait for each", n)
		}
	})
	t.Run("caller cancels", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		cctx, cancel := context.WithCancel(ctx)
		// Cancelled once the platform has the request: a fixed delay may
		// pass before a loaded machine sends it.
		p.mux.HandleFunc("GET /core/workspaces", func(w http.ResponseWriter, r *http.Request) {
			cancel()
			<-r.Context().Done()
		})
		_, err := c.Workspaces(cctx)
		wantKind(t, err, KindNetwork)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("%v is not context.Canceled", err)
		}
		if n := p.count("GET /core/workspaces"); n != 1 {
			t.Fatalf("canceled GET retried: %d", n)
		}
	})
	t.Run("dropped connection on a GET is retried", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		n := 0
		p.mux.HandleFunc("GET /core/workspaces", func(w http.ResponseWriter, r *http.Request) {
			n++
			if n == 1 {
				conn, _, _ := w.(http.Hijacker).Hijack()
				_ = conn.Close()
				return
			}
			write(w, 200, env(200, []any{}))
		})
		if _, err := c.Workspaces(ctx); err != nil {
			t.Fatal(err)
		}
		if n != 2 {
			t.Fatalf("%d attempts", n)
		}
	})
	t.Run("dropped connection on a POST", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.mux.HandleFunc("POST /core/workspaces", func(w http.ResponseWriter, r *http.Request) {
			conn, _, _ := w.(http.Hijacker).Hijack()
			_ = conn.Close()
		})
		_, err := c.CreateWorkspace(ctx, WorkspaceData{Name: "x"})
		e := wantKind(t, err, KindNetwork)
		if !strings.Contains(e.Message, "the connection was dropped") {
			t.Fatalf("message %q", e.Message)
		}
		if n := p.count("POST /core/workspaces"); n != 1 {
			t.Fatalf("POST sent %d times", n)
		}
	})
}

func TestRetries(t *testing.T) {
	ctx := context.Background()
	t.Run("GET 503 then 200", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		n := 0
		p.mux.HandleFunc("GET /core/workspaces", func(w http.ResponseWriter, _ *http.Request) {
			n++
			if n < 3 {
				write(w, 503, "")
				return
			}
			write(w, 200, env(200, []any{map[string]any{"name": "w"}}))
		})
		ws, err := c.Workspaces(ctx)
		if err != nil || len(ws) != 1 || n != 3 {
			t.Fatalf("%v %v after %d attempts", ws, err, n)
		}
	})
	t.Run("GET gives up after two retries", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("GET /core/workspaces/{id}/repositories", 504, "")
		_, err := c.Repositories(ctx, "w", RepositoryQuery{})
		wantKind(t, err, KindServer)
		if n := p.count("GET /core/workspaces/w/repositories"); n != 3 {
			t.Fatalf("%d attempts, want 3", n)
		}
	})
	t.Run("GET 500 is not retried", func(t *testing.T) {
		p, c := servedLoggedIn(t)
		p.handle("GET /core/workspaces/{id}", 500, env(500, generic500))
		_, _ = c.Workspace(ctx, "w")
		if n := p.count("GET /core/workspaces/w"); n != 1 {
			t.Fatalf("%d attempts", n)
		}
	})
	for _, method := range []string{"POST", "PATCH", "DELETE"} {
		t.Run(method+" 503 is not retried", func(t *testing.T) {
			p, c := servedLoggedIn(t)
			p.handle(method+" /core/workspaces/{id}/repositories/{r}", 503, "")
			p.handle(method+" /core/workspaces/{id}/repositories", 503, "")
			var err error
			switch method {
			case "POST":
				_, err = c.CreateRepository(ctx, "w", RepositoryData{Name: "x"})
			case "PATCH":
				_, err = c.UpdateRepository(ctx, "w", "r", RepositoryData{Name: "x"})
			case "DELETE":
				err = c.DeleteRepository(ctx, "w", "r")
			}
			wantKind(t, err, KindServer)
			if n := len(p.requests()); n != 1 {
				t.Fatalf("%d attempts", n)
			}
		})
	}
}

func TestRequestShapes(t *testing.T) {
	ctx := context.Background()
	p, c := servedLoggedIn(t)
	p.handle("GET /core/workspaces/{id}/repositories", 200, env(200, []any{}))
	p.handle("PATCH /core/workspaces/{id}", 200, env(200, map[string]any{"name": "n"}))
	p.handle("PATCH /core/workspaces/{id}/repositories/{r}", 200, env(200, map[string]any{"name": "n"}))
	p.handle("POST /core/workspaces/{id}/tokens", 201, env(201, "3c7778f3-1169-4a4f-87fd-341bc5e12345"))
	p.handle("GET /analytic/dashboard/{id}", 200, env(200, map[string]any{"totalAuthors": 2}))
	p.handle("GET /analytic/dashboard/{id}/{r}", 200, env(200, map[string]any{"totalRepositories": 0}))
	p.handle("GET /core/workspaces/{id}/roles", 200, env(200, []any{}))

	queries := []struct {
		q    RepositoryQuery
		want string
	}{
		{RepositoryQuery{}, "/core/workspaces/w/repositories"},
		{RepositoryQuery{Page: 2}, "/core/workspaces/w/repositories?page=2"},
		{RepositoryQuery{Page: 1, Size: 20, Search: "api gw"}, "/core/workspaces/w/repositories?page=1&search=api+gw&size=20"},
		{RepositoryQuery{Search: "x"}, "/core/workspaces/w/repositories?search=x"},
	}
	for _, q := range queries {
		if _, err := c.Repositories(ctx, "w", q.q); err != nil {
			t.Fatal(err)
		}
		if got := p.last().URL; got != q.want {
			t.Errorf("%+v: URL %q, want %q", q.q, got, q.want)
		}
	}

	if _, err := c.WorkspaceMembers(ctx, "w", "r-1"); err != nil {
		t.Fatal(err)
	}
	if got := p.last().URL; got != "/core/workspaces/w/roles?notBelong=r-1" {
		t.Errorf("members URL %q", got)
	}

	// Updates send the whole object, empty fields included.
	if _, err := c.UpdateWorkspace(ctx, "w", WorkspaceData{Name: "n"}); err != nil {
		t.Fatal(err)
	}
	if got := string(p.last().Body); got != `{"name":"n","description":""}` {
		t.Errorf("workspace update body %s", got)
	}
	if _, err := c.UpdateRepository(ctx, "w", "r", RepositoryData{Name: "n", AuthzAdmin: []string{"g"}}); err != nil {
		t.Fatal(err)
	}
	if got := string(p.last().Body); got != `{"name":"n","description":"","authzAdmin":["g"]}` {
		t.Errorf("repository update body %s", got)
	}

	// Token bodies: expiresAt only when expirable, RFC 3339.
	exp := time.Date(2030, 1, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    TokenData
		want string
	}{
		{TokenData{Description: "ci"}, `{"description":"ci"}`},
		{TokenData{Description: "ci", ExpiresAt: &exp}, `{"description":"ci"}`},
		{TokenData{Description: "ci", IsExpirable: true, ExpiresAt: &exp}, `{"description":"ci","isExpirable":true,"expiresAt":"2030-01-31T00:00:00Z"}`},
	} {
		s, err := c.CreateWorkspaceToken(ctx, "w", tc.d)
		if err != nil {
			t.Fatal(err)
		}
		s.Wipe()
		if got := string(p.last().Body); got != tc.want {
			t.Errorf("token body %s, want %s", got, tc.want)
		}
	}

	// Dashboard dates: UTC days, literal Z.
	ny := time.FixedZone("UTC-5", -5*3600)
	r := DateRange{From: time.Date(2024, 3, 5, 23, 30, 0, 0, ny), To: time.Date(2024, 3, 9, 1, 0, 0, 0, time.UTC)}
	d, err := c.WorkspaceDashboard(ctx, "w", r)
	if err != nil || d.TotalAuthors != 2 {
		t.Fatalf("%+v %v", d, err)
	}
	if got := p.last().URL; got != "/analytic/dashboard/w?finalDate=2024-03-09T23%3A59%3A59Z&initialDate=2024-03-06T00%3A00%3A00Z" {
		t.Errorf("dashboard URL %q", got)
	}
	if _, err := c.RepositoryDashboard(ctx, "w", "r", r); err != nil {
		t.Fatal(err)
	}
	if got := p.last().URL; !strings.HasPrefix(got, "/analytic/dashboard/w/r?") {
		t.Errorf("repository dashboard URL %q", got)
	}
	_, err = c.WorkspaceDashboard(ctx, "w", DateRange{From: r.To, To: r.From})
	wantKind(t, err, KindValidation)

	// IDs are escaped into one path segment.
	_, _ = c.Repositories(ctx, "a/b?c", RepositoryQuery{})
	if got := p.last().URL; got != "/core/workspaces/a%2Fb%3Fc/repositories" {
		t.Errorf("escaped URL %q", got)
	}
}

func TestHealth(t *testing.T) {
	p := newPlatform(t)
	for _, s := range []string{"auth", "core", "analytic"} {
		p.handle("GET /"+s+"/health", 200, env(200, nil))
	}
	p.handle("GET /api/health", 200, env(200, "service is healthy"))
	c := testClient(t, p.URL)
	for _, s := range []Service{ServiceAuth, ServiceCore, ServiceAnalytic, ServiceAPI} {
		if err := c.Health(context.Background(), s); err != nil {
			t.Errorf("%s: %v", s, err)
		}
		if got := p.last().URL; got != "/"+string(s)+"/health" {
			t.Errorf("%s: URL %q", s, got)
		}
	}
	if p.last().Auth != "" {
		t.Error("health sent an auth header")
	}
}

func TestUploadAnalysis(t *testing.T) {
	p := newPlatform(t)
	p.handle("POST /api/analysis", 201, env(201, "9d3cf4a1-6a1e-4f5b-8f55-5a4b2b1d3e11"))
	c := testClient(t, p.URL)
	id, err := c.UploadAnalysis(context.Background(), []byte("raw-token"), "repo-a", AnalysisUpload{
		Findings: []Finding{{Severity: "HIGH", Language: "Go", File: "main.go", CommitEmail: "dev@example.com"}},
	})
	if err != nil || id != "9d3cf4a1-6a1e-4f5b-8f55-5a4b2b1d3e11" {
		t.Fatalf("%q %v", id, err)
	}
	r := p.last()
	if r.Auth != "raw-token" || r.CLIVersion == "" || strings.HasPrefix(r.CLIVersion, "v1") {
		t.Fatalf("headers: auth %q version %q", r.Auth, r.CLIVersion)
	}
	var body struct {
		RepositoryName string `json:"repositoryName"`
		Analysis       struct {
			ID         string    `json:"id"`
			Status     string    `json:"status"`
			CreatedAt  time.Time `json:"createdAt"`
			FinishedAt time.Time `json:"finishedAt"`
			Vulns      []struct {
				AnalysisID string `json:"analysisID"`
				V          struct {
					VulnerabilityID, Severity, Language, Type, Confidence, SecurityTool, VulnHash string
				} `json:"vulnerabilities"`
			} `json:"analysisVulnerabilities"`
		} `json:"analysis"`
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	a := body.Analysis
	if body.RepositoryName != "repo-a" || len(a.ID) != 36 || a.Status != "success" || a.CreatedAt.IsZero() || a.FinishedAt.IsZero() {
		t.Fatalf("analysis %+v", body)
	}
	if len(a.Vulns) != 1 || a.Vulns[0].AnalysisID != a.ID {
		t.Fatalf("findings %+v", a.Vulns)
	}
	v := a.Vulns[0].V
	if v.Severity != "HIGH" || v.Language != "Go" || v.Type != "Vulnerability" || v.Confidence != "HIGH" ||
		v.SecurityTool != "HorusecEngine" || len(v.VulnHash) != 64 || len(v.VulnerabilityID) != 36 {
		t.Fatalf("finding %+v", v)
	}
	_, err = c.UploadAnalysis(context.Background(), nil, "repo", AnalysisUpload{})
	wantKind(t, err, KindValidation)
}

func TestTLS(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		write(w, 200, env(200, map[string]any{"authType": "horusec"}))
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes are expected
	defer srv.Close()
	ctx := context.Background()

	c := testClient(t, srv.URL)
	_, err := c.AuthConfig(ctx)
	e := wantKind(t, err, KindNetwork)
	if !strings.Contains(e.Message, "not trusted") {
		t.Fatalf("message %q", e.Message)
	}

	ca := filepath.Join(t.TempDir(), "ca.pem")
	pemBytes := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw})
	if err := os.WriteFile(ca, pemBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	c = testClient(t, srv.URL, func(o *Options) { o.CAFile = ca })
	if cfg, err := c.AuthConfig(ctx); err != nil || cfg.AuthType != "horusec" {
		t.Fatalf("with CA file: %+v %v", cfg, err)
	}
	c = testClient(t, srv.URL, func(o *Options) { o.Insecure = true })
	if _, err := c.AuthConfig(ctx); err != nil {
		t.Fatalf("insecure: %v", err)
	}

	notPEM := filepath.Join(t.TempDir(), "x.pem")
	_ = os.WriteFile(notPEM, []byte("nope"), 0o600)
	if _, err := New(Options{AuthURL: srv.URL, CoreURL: srv.URL, AnalyticURL: srv.URL, CAFile: notPEM}); err == nil {
		t.Fatal("a CA file without PEM was accepted")
	}
}

func TestRedirectIsNotFollowed(t *testing.T) {
	var leaked string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		leaked = r.Header.Get("X-Horusec-Authorization")
	}))
	defer other.Close()
	p := newPlatform(t)
	p.mux.HandleFunc("GET /core/workspaces", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+"/steal", http.StatusFound)
	})
	c := testClient(t, p.URL)
	loggedIn(c, "secret-access", "r")
	_, err := c.Workspaces(context.Background())
	wantKind(t, err, KindServer)
	if leaked != "" {
		t.Fatalf("token sent to the redirect target: %q", leaked)
	}
}

func TestRoles(t *testing.T) {
	for role, name := range map[string]string{RoleAdmin: "Manager", RoleSupervisor: "Supervisor", RoleMember: "User",
		RoleApplicationAdmin: "Application admin", "other": "other"} {
		if got := RoleName(role); got != name {
			t.Errorf("RoleName(%q) = %q, want %q", role, got, name)
		}
	}
	for in, want := range map[string]string{"admin": RoleAdmin, "Manager": RoleAdmin, " SUPERVISOR ": RoleSupervisor,
		"member": RoleMember, "User": RoleMember} {
		if got, err := ParseRole(in); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "applicationAdmin", "owner"} {
		if _, err := ParseRole(in); err == nil {
			t.Errorf("ParseRole(%q) accepted", in)
		}
	}
}

func TestSecretWipe(t *testing.T) {
	p, c := servedLoggedIn(t)
	p.handle("POST /core/workspaces/{id}/tokens", 201, env(201, "3c7778f3-1169-4a4f-87fd-341bc5ea51f4"))
	s, err := c.CreateWorkspaceToken(context.Background(), "w", TokenData{Description: "d"})
	if err != nil {
		t.Fatal(err)
	}
	b := s.Bytes()
	if s.String() != "[secret]" || strings.Contains(fmtAll(s), "3c7778f3") {
		t.Fatal("secret formats itself")
	}
	s.Wipe()
	for _, x := range b {
		if x != 0 {
			t.Fatal("secret not wiped")
		}
	}
}

// fmt calls String only for %v, %s, %x, %X and %q: every other verb would
// print the struct, bytes and all.
func TestSecretNeverFormatsItsBytes(t *testing.T) {
	s := NewSecret([]byte("tok-abc"))
	for _, verb := range []string{"%d", "%o", "%c", "%U", "%b", "%v", "%+v", "%#v", "%s", "%x", "%q", "%10.3d"} {
		got := fmt.Sprintf(verb, s)
		if got != "[secret]" {
			t.Errorf("Sprintf(%q, secret) = %q, want [secret]", verb, got)
		}
	}
}

func TestPlainHTTPWarning(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{AuthURL: "http://127.0.0.1:8006", CoreURL: "http://localhost:8003", AnalyticURL: "http://[::1]:8005"}, ""},
		{Options{AuthURL: "https://auth.example.com", CoreURL: "https://core.example.com", AnalyticURL: "https://10.0.0.5"}, ""},
		{Options{AuthURL: "http://10.0.0.5:8006", CoreURL: "http://10.0.0.5:8003", AnalyticURL: "https://a.example.com", APIURL: "http://127.0.0.2:8000"},
			"the password and the session travel unencrypted: plain HTTP to another machine (auth, core at 10.0.0.5); use https:// URLs"},
		{Options{AuthURL: "https://a.example.com", CoreURL: "http://core.example.com", AnalyticURL: "https://a.example.com"},
			"the password and the session travel unencrypted: plain HTTP to another machine (core at core.example.com); use https:// URLs"},
	} {
		c, err := New(tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := c.PlainHTTPWarning(); got != tc.want {
			t.Errorf("%+v:\n got %q\nwant %q", tc.opts, got, tc.want)
		}
	}
}

// hanging is a fake platform where route answers nothing until the
// request is given up (or 5 s pass), and a client with a session that
// gives up after 100 ms.
func hanging(t *testing.T, route string) (*platform, *Client) {
	t.Helper()
	p := newPlatform(t)
	p.mux.HandleFunc(route, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	c := testClient(t, p.URL, func(o *Options) { o.Timeout = 100 * time.Millisecond })
	loggedIn(c, "a", "r")
	return p, c
}

// listError serves body with status as the workspace list and wants the
// list to fail with an error of kind k, which it returns.
func listError(t *testing.T, status int, body string, k Kind) *Error {
	t.Helper()
	p, c := servedLoggedIn(t)
	p.handle("GET /core/workspaces", status, body)
	_, err := c.Workspaces(context.Background())
	return wantKind(t, err, k)
}
