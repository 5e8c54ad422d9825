package horusectest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// start runs a server on a fixed clock (10:30 UTC, so "later today" and
// "tomorrow" are both reachable).
func start(t testing.TB, opts horusectest.Options) (*horusectest.Server, *horusectest.Clock) {
	t.Helper()
	c := horusectest.NewClock(time.Date(2026, 3, 10, 10, 30, 0, 123456789, time.UTC))
	if opts.Now == nil {
		opts.Now = c.Now
	}
	return horusectest.Start(t, opts), c
}

type envelope struct {
	Code    int             `json:"code"`
	Status  string          `json:"status"`
	Content json.RawMessage `json:"content"`
}

type reply struct {
	status int
	header http.Header
	raw    []byte
	env    envelope
	isJSON bool
}

// text returns the content as a string (error messages, created tokens).
func (r reply) text() string {
	var s string
	_ = json.Unmarshal(r.env.Content, &s)
	return s
}

func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.env.Content, v); err != nil {
		t.Fatalf("decode content %s: %v", r.env.Content, err)
	}
}

var httpClient = &http.Client{Timeout: 20 * time.Second}

// call sends one request. body is sent as is when it is a string or
// []byte, as JSON otherwise; nil sends no body. auth is the raw
// X-Horusec-Authorization value ("" for none).
func call(t testing.TB, method, url, auth string, body any) reply {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if auth != "" {
		req.Header.Set("X-Horusec-Authorization", auth)
	}
	res, err := httpClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	r := reply{status: res.StatusCode, header: res.Header, raw: raw}
	if json.Unmarshal(raw, &r.env) == nil {
		r.isJSON = true
	}
	return r
}

// want checks the status and, for an error, the envelope and its message.
func want(t testing.TB, r reply, status int, msg string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d (body %s)", r.status, status, r.raw)
	}
	if status == http.StatusNoContent {
		if len(r.raw) != 0 {
			t.Fatalf("204 with a body: %q", r.raw)
		}
		return
	}
	if !r.isJSON || r.env.Code != status || r.env.Status != http.StatusText(status) {
		t.Fatalf("bad envelope for %d: %s", status, r.raw)
	}
	if msg != "" && r.text() != msg {
		t.Fatalf("message %q, want %q", r.text(), msg)
	}
}

const generic = "{ERROR_HTTP} something went wrong, sorry for the inconvenience"
const privileges = "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"

// The answers are read with the client's types: a key that the demo and
// the client spell differently fails here as in the contract suite. The
// demo keeps wire types of its own (wire.go and each service's file), so
// that a wrong key in the client is not copied into the platform the
// contract suite runs against.

func login(t testing.TB, srv *horusectest.Server, email, password string) client.Session {
	t.Helper()
	r := call(t, "POST", srv.AuthURL+"/auth/authenticate/login", "", map[string]string{"username": email, "password": password})
	want(t, r, 200, "")
	var s client.Session
	r.decode(t, &s)
	return s
}

// bearerFor is a ready header value for an account created by a helper.
func bearerFor(t testing.TB, srv *horusectest.Server, accountID string) string {
	t.Helper()
	tok, err := srv.AccessToken(accountID)
	if err != nil {
		t.Fatal(err)
	}
	return "Bearer " + tok
}

func mustAccount(t testing.TB, srv *horusectest.Server, name string) string {
	t.Helper()
	id, err := srv.AddAccount(name+"@example.org", name, "Passw0rd!")
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func isDateOnly(t time.Time) bool {
	return t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0
}

// managerClient is a client of the demo Manager on srv's clock.
func managerClient(t *testing.T, srv *horusectest.Server, clk *horusectest.Clock) *client.Client {
	t.Helper()
	c, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL,
		VulnerabilityURL: srv.VulnerabilityURL, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Login(context.Background(), horusectest.ManagerEmail, horusectest.ManagerPassword); err != nil {
		t.Fatal(err)
	}
	return c
}
