package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// platform is a scripted fake platform: one mux for the three services
// (their paths do not overlap), recording what it was sent.
type platform struct {
	*httptest.Server
	mux *http.ServeMux

	mu   sync.Mutex
	hits map[string]int // "METHOD /path" → count
	reqs []seen
}

type seen struct {
	Method, URL, Auth, UA, CLIVersion string
	Body                              []byte
}

func newPlatform(t *testing.T) *platform {
	t.Helper()
	p := &platform{mux: http.NewServeMux(), hits: map[string]int{}}
	p.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body []byte
		if r.Body != nil {
			body, _ = readAllTest(r)
			r.Body = io.NopCloser(bytes.NewReader(body))
		}
		p.mu.Lock()
		p.hits[r.Method+" "+r.URL.Path]++
		p.reqs = append(p.reqs, seen{Method: r.Method, URL: r.URL.String(), Auth: r.Header.Get("X-Horusec-Authorization"),
			UA: r.Header.Get("User-Agent"), CLIVersion: r.Header.Get("X-Horusec-CLI-Version"), Body: body})
		p.mu.Unlock()
		p.mux.ServeHTTP(w, r)
	}))
	t.Cleanup(p.Close)
	return p
}

func readAllTest(r *http.Request) ([]byte, error) {
	var buf []byte
	tmp := make([]byte, 4096)
	for {
		n, err := r.Body.Read(tmp)
		buf = append(buf, tmp[:n]...)
		if err != nil {
			return buf, nil
		}
	}
}

func (p *platform) count(key string) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.hits[key]
}

func (p *platform) requests() []seen {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]seen(nil), p.reqs...)
}

func (p *platform) last() seen {
	r := p.requests()
	if len(r) == 0 {
		return seen{}
	}
	return r[len(r)-1]
}

// handle answers key with a fixed status and body.
func (p *platform) handle(key string, status int, body string) {
	p.mux.HandleFunc(key, func(w http.ResponseWriter, _ *http.Request) { write(w, status, body) })
}

// handleAs answers key with status and a body of contentType.
func (p *platform) handleAs(key, contentType string, status int, body string) {
	p.mux.HandleFunc(key, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
}

func write(w http.ResponseWriter, status int, body string) {
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

// env renders the platform's envelope.
func env(code int, content any) string {
	m := map[string]any{"code": code, "status": http.StatusText(code)}
	if content != nil {
		m["content"] = content
	}
	b, _ := json.Marshal(m)
	return string(b)
}

func testClient(t *testing.T, url string, mod ...func(*Options)) *Client {
	t.Helper()
	o := Options{AuthURL: url, CoreURL: url, AnalyticURL: url, APIURL: url}
	for _, m := range mod {
		m(&o)
	}
	c, err := New(o)
	if err != nil {
		t.Fatal(err)
	}
	c.retryWait = time.Millisecond
	return c
}

// loggedIn installs a session valid for an hour at the client's clock.
// servedLoggedIn is a new fake platform and a client of it with a session.
func servedLoggedIn(t *testing.T) (*platform, *Client) {
	t.Helper()
	p := newPlatform(t)
	c := testClient(t, p.URL)
	loggedIn(c, "a", "r")
	return p, c
}

func loggedIn(c *Client, access, refresh string) {
	c.SetSession(&Session{AccessToken: access, RefreshToken: refresh, Email: "dev@example.com",
		ExpiresAt: c.opts.Now().Add(time.Hour)})
}

func wantKind(t *testing.T, err error, k Kind) *Error {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", k)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want *Error", err, err)
	}
	if e.Kind != k {
		t.Fatalf("got kind %v (%v), want %v", e.Kind, err, k)
	}
	return e
}
