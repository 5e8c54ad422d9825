// Package client speaks the Horusec platform's HTTP API: the auth, core,
// analytic, api, webhook and vulnerability services, each at its own base
// URL. It also holds the platform's rules that the commands and the screens
// share (roles, lengths, "is this me", finding by name or id, typed
// refusals). The API contract it follows is horusec-api.md beside this
// file; "§N" in comments cites its sections.
//
// Where things live: client.go (options, building a client), transport.go
// and decode.go (sending a call, reading answers and errors), errors.go,
// refusal.go and refusals.go (typed errors); session.go and sessionurls.go
// (renewal, and the rule that a session goes only to the URLs it was made
// for); one file per resource for the endpoints and their rules: api.go
// (auth service, shared plumbing), workspaces.go, members.go, tokens.go,
// repositories.go, dashboard.go, vulnerability.go, webhook.go, upload.go;
// then the shared rules: roles.go, managers.go, identity.go, find.go,
// lengths.go, email.go, groups.go, dates.go; types.go holds the wire types
// and secret.go a created token's plaintext.
// Subpackages: expiry, period, safetext, horusectest (the demo platform).
package client

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-resty/resty/v2"
)

// Version goes into the default User-Agent. The build may set it with
// -ldflags "-X github.com/horusec-tui/horusec-tui/client.Version=…".
var Version = "dev"

// DefaultTimeout bounds one request when Options.Timeout is zero.
const DefaultTimeout = 15 * time.Second

// refreshMargin: the manager web UI renews the session when this little time
// remains; the client does the same.
const refreshMargin = 5 * time.Minute

// maxBody bounds an answer; the largest real one (a repository list without
// paging) is far below it.
const maxBody = 32 << 20

// Options configures a Client.
type Options struct {
	AuthURL     string // e.g. http://127.0.0.1:8006
	CoreURL     string // e.g. http://127.0.0.1:8003
	AnalyticURL string // e.g. http://127.0.0.1:8005
	APIURL      string // optional, e.g. http://127.0.0.1:8000 (CLI uploads)
	WebhookURL  string // optional, e.g. http://127.0.0.1:8004

	VulnerabilityURL string // optional, e.g. http://127.0.0.1:8001 (triage)

	Timeout  time.Duration // per request; 0 means 15 s
	CAFile   string        // extra CA bundle (PEM) to trust
	Insecure bool          // skip TLS verification (explicit opt-in)

	UserAgent string       // defaults to "horusec-tui/<version>"
	Logger    *slog.Logger // debug logging; never receives a secret

	// OnSession is called with every new session (login, refresh) so the
	// caller can persist it; it is called with nil after a logout and after
	// the platform refused to refresh the session (with Shared set, refreshes
	// and refusals are stored there instead). A refresh reports from
	// a goroutine of the client's own, so it may run concurrently with the
	// caller's code; it must not block for long.
	OnSession func(*Session)

	// Now is the clock used to decide when to refresh; nil means time.Now.
	Now func() time.Time

	// Shared, when set, is the session as other processes on the same
	// profile keep it: a refresh happens under its lock, adopts a newer
	// stored session instead of refreshing, and stores the renewed one
	// itself (OnSession then does not hear of refreshes).
	Shared SharedSession
	// ProfileURLs are the profile's own service URLs (its saved ones, or
	// the defaults): what a session that records no Services was made for.
	// nil: such a session counts as made for this client's URLs.
	ProfileURLs ServiceURLs
	// URLOrigins names where a service URL that is not the profile's came
	// from ("HORUSEC_ENDPOINT_CORE", "--core-url"), for the message that
	// refuses to send a session there.
	URLOrigins ServiceURLs

	// Warn hears what did not fail the call but the user should know,
	// such as a session that could not be renewed but is still valid. It
	// is called on the calling goroutine.
	Warn func(msg string)
}

// Client is safe for concurrent use.
type Client struct {
	opts Options
	http *resty.Client
	base map[Service]string // base URLs without a trailing slash

	timeout   time.Duration
	retryWait time.Duration // first GET retry delay, doubled each time
	bodyLimit int

	mu      sync.Mutex
	session *Session
	flight  *refreshFlight // the refresh in progress, if any
	warned  string         // the last renewal warning given
}

// New builds a client. It fails only on bad options (a URL that does not
// parse, an unreadable CA file).
func New(opts Options) (*Client, error) {
	base := map[Service]string{}
	for _, u := range []struct {
		svc      Service
		raw      string
		optional bool
	}{
		{ServiceAuth, opts.AuthURL, false},
		{ServiceCore, opts.CoreURL, false},
		{ServiceAnalytic, opts.AnalyticURL, false},
		{ServiceAPI, opts.APIURL, true},
		{ServiceWebhook, opts.WebhookURL, true},
		{ServiceVulnerability, opts.VulnerabilityURL, true},
	} {
		if strings.TrimSpace(u.raw) == "" && u.optional {
			continue
		}
		b, err := checkBaseURL(u.svc, u.raw)
		if err != nil {
			return nil, err
		}
		base[u.svc] = b
	}

	tlsConf := &tls.Config{MinVersion: tls.VersionTLS12, InsecureSkipVerify: opts.Insecure} //nolint:gosec // explicit opt-in
	if opts.CAFile != "" {
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		pem, err := os.ReadFile(opts.CAFile)
		if err != nil {
			return nil, fmt.Errorf("read CA file: %w", err)
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("CA file %s holds no PEM certificate", opts.CAFile)
		}
		tlsConf.RootCAs = pool
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = tlsConf
	hc := &http.Client{
		Transport: tr,
		// A redirect would carry X-Horusec-Authorization to wherever it
		// points (Go strips only the standard auth headers); the platform
		// never redirects an API call, so the 3xx is reported instead.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}

	ua := opts.UserAgent
	if ua == "" {
		ua = "horusec-tui/" + Version
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	rc := resty.NewWithClient(hc).
		SetLogger(quietLogger{}).
		SetHeader("User-Agent", ua).
		SetHeader("Accept", "application/json").
		SetDoNotParseResponse(true) // the body is read (and wiped) here
	if opts.Now == nil {
		opts.Now = time.Now
	}
	for _, u := range []*string{&opts.ProfileURLs.Auth, &opts.ProfileURLs.Core, &opts.ProfileURLs.Analytic,
		&opts.ProfileURLs.API, &opts.ProfileURLs.Webhook, &opts.ProfileURLs.Vulnerability} {
		*u = strings.TrimRight(strings.TrimSpace(*u), "/") // compared with the base URLs
	}
	return &Client{
		opts:      opts,
		http:      rc,
		base:      base,
		timeout:   timeout,
		retryWait: 250 * time.Millisecond,
		bodyLimit: maxBody,
	}, nil
}

func checkBaseURL(svc Service, raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("the %s service URL is empty", svc)
	}
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(raw, "@") {
			// url.Parse's reasons may quote a part of the password.
			return "", fmt.Errorf("the %s service URL (not shown: it may hold a password) is not a URL and must not carry credentials", svc)
		}
		return "", fmt.Errorf("the %s service URL %q is not a URL: %w", svc, raw, errors.Unwrap(err))
	}
	// The URL as quoted in messages: never with its password.
	shown := raw
	if u.User != nil {
		shown = u.Redacted()
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", fmt.Errorf("the %s service URL %q must start with http:// or https://", svc, shown)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("the %s service URL %q has no host", svc, shown)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("the %s service URL %q must not carry credentials, a query or a fragment", svc, shown)
	}
	return strings.TrimRight(raw, "/"), nil
}

// SetSession installs a session (e.g. one read from the keyring).
func (c *Client) SetSession(s *Session) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s == nil {
		c.session = nil
		return
	}
	cp := *s
	c.session = &cp
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

// quietLogger keeps resty from writing to stderr, which the terminal UI owns.
type quietLogger struct{}

func (quietLogger) Errorf(string, ...interface{}) {}
func (quietLogger) Warnf(string, ...interface{})  {}
func (quietLogger) Debugf(string, ...interface{}) {}

// PlainHTTPWarning says, in one line, which services this client reaches
// over plain HTTP on another machine, where the password, the session and
// created tokens travel unencrypted; "" when there is none (https, or
// loopback).
func (c *Client) PlainHTTPWarning() string {
	var plain, hosts []string
	for svc, base := range c.base {
		u, err := url.Parse(base)
		if err != nil || u.Scheme != "http" {
			continue
		}
		h := u.Hostname()
		if ip := net.ParseIP(h); h == "localhost" || (ip != nil && ip.IsLoopback()) {
			continue
		}
		plain = append(plain, string(svc))
		if !slices.Contains(hosts, h) {
			hosts = append(hosts, h)
		}
	}
	if len(plain) == 0 {
		return ""
	}
	sort.Strings(plain)
	sort.Strings(hosts)
	return "the password and the session travel unencrypted: plain HTTP to another machine (" +
		strings.Join(plain, ", ") + " at " + strings.Join(hosts, ", ") + "); use https:// URLs"
}
