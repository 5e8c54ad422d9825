// Package client speaks the Horusec platform's HTTP API: the auth, core and
// analytic services, each at its own base URL.
package client

import (
	"log/slog"
	"sync"
	"time"
)

// Options configures a Client.
type Options struct {
	AuthURL     string // e.g. http://127.0.0.1:8006
	CoreURL     string // e.g. http://127.0.0.1:8003
	AnalyticURL string // e.g. http://127.0.0.1:8005
	APIURL      string // optional, e.g. http://127.0.0.1:8000 (CLI uploads)

	Timeout  time.Duration // per request; 0 means 15 s
	CAFile   string        // extra CA bundle (PEM) to trust
	Insecure bool          // skip TLS verification (explicit opt-in)

	UserAgent string       // defaults to "horusec-tui/<version>"
	Logger    *slog.Logger // debug logging; never receives a secret

	// OnSession is called with every new session (login, refresh) so the
	// caller can persist it; it is called with nil after a logout.
	OnSession func(*Session)

	// Now is the clock used to decide when to refresh; nil means time.Now.
	Now func() time.Time
}

// Client is safe for concurrent use.
type Client struct {
	opts Options

	mu      sync.Mutex
	session *Session
}

// New builds a client. It fails only on bad options (a URL that does not
// parse, an unreadable CA file).
func New(opts Options) (*Client, error) {
	return &Client{opts: opts}, nil
}

// SetSession installs a session (e.g. one read from the keyring).
func (c *Client) SetSession(s *Session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.session = s
}

// Session returns a copy of the current session, or nil.
func (c *Client) Session() *Session {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.session == nil {
		return nil
	}
	s := *c.session
	return &s
}
