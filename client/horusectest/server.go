package horusectest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Options configures a Server.
type Options struct {
	// Empty starts without seed data (registration still works; the
	// application admin still exists when ApplicationAdmin is set).
	Empty bool
	// ApplicationAdmin turns on enableApplicationAdmin, with the account
	// AdminEmail / AdminPassword as the application admin.
	ApplicationAdmin bool
	// DisableEmails is reported by /auth/authenticate/config. When false,
	// accounts registered over HTTP must be confirmed (GET
	// /auth/account/validate/{accountID}) before they can log in.
	DisableEmails bool
	// Now is the clock for token expiry, refresh-token life, JWT exp/iat,
	// createdAt and the seed's relative dates. nil means time.Now.
	Now func() time.Time
	// SessionTTL is the access token's lifetime (the platform's is an
	// hour, the default). Refresh tokens keep their two hours. A short one
	// makes clients refresh during tests and benchmarks.
	SessionTTL time.Duration
	// Host is the listen host; default 127.0.0.1.
	Host string
	// LDAP reports auth type "ldap" and behaves as the platform does in
	// that mode (see ldap.go): login names from a small directory, access
	// by the groups in the token, stored roles ignored.
	LDAP bool
	// StandardPorts listens on the platform's ports (auth 8006, core 8003,
	// analytic 8005, api 8000, webhook 8004) instead of random ones.
	StandardPorts bool
	// WebhookStall reproduces the webhook service's stall: a failed
	// delivery holds the queue, and no later analysis of any repository
	// is delivered until RestartWebhookService (or a new server).
	WebhookStall bool
	// WebhookTimeout bounds one delivery; 0 means the service's 10 s.
	WebhookTimeout time.Duration
	// ScaleRepositories, when above 0, adds the workspace "Scale" with that
	// many repositories (see scale.go). It needs the seed (not Empty).
	ScaleRepositories int
	// ScaleVulnFiles and ScaleFileFindings, when above 0, add the
	// workspace "Findings" (see scalevuln.go): that many one-finding
	// files over its repositories, and one file with that many findings.
	// They need the seed (not Empty).
	ScaleVulnFiles, ScaleFileFindings int
	// ListCost makes repository lists answer as slowly as the real
	// platform's; the zero value answers at once (see ListCost).
	ListCost ListCost
	// AnalyticLag is how much later than the severity counts an upload
	// reaches the dashboard's author and repository figures (totalAuthors,
	// totalRepositories and their charts). The analytic service fills its
	// tables from separate broker queues, so on the platform a dashboard
	// read just after an upload can count the new findings but not yet
	// their repository and author; 0 fills every figure at once.
	AnalyticLag time.Duration
	// Hostile adds, to the seed, workspaces of the Manager whose names,
	// descriptions, repositories, tokens, members and dashboard authors
	// carry escape sequences, 8-bit controls, bidi overrides, zero-width
	// characters, 255-byte names and emoji (see HostileTexts).
	Hostile bool
}

// Standard ports of the platform's services.
const (
	StandardAuthPort     = 8006
	StandardCorePort     = 8003
	StandardAnalyticPort = 8005
	StandardAPIPort      = 8000
	StandardWebhookPort  = 8004

	StandardVulnerabilityPort = 8001
)

// Server is a running demo platform: five services, each on its own
// loopback listener. It is safe for concurrent use.
type Server struct {
	// Base URLs, without a trailing slash, e.g. http://127.0.0.1:41234.
	AuthURL, CoreURL, AnalyticURL, APIURL string
	WebhookURL                            string
	VulnerabilityURL                      string

	opts Options

	mu sync.Mutex // guards st
	st *state

	fmu      sync.Mutex // guards faults and requests
	faults   []*Fault
	requests map[string]int // "METHOD /path?query" → count

	servers []*http.Server
	whq     *webhookQueue // the webhook service's delivery queue
	closing chan struct{}
	once    sync.Once
	wg      sync.WaitGroup
}

// TB is what Start and StartReceiver need of a test; testing.TB has it
// (the package leaves testing out, as the demo binary runs it too).
type TB interface {
	Helper()
	Fatal(args ...any)
	Cleanup(func())
}

// Start is NewServer for a test: t fails when the platform cannot start,
// and the platform closes when t ends.
func Start(t TB, opts Options) *Server {
	t.Helper()
	srv, err := NewServer(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// NewServer starts the five services and loads the seed data.
func NewServer(opts Options) (*Server, error) {
	if opts.Host == "" {
		opts.Host = "127.0.0.1"
	}
	s := &Server{opts: opts, st: newState(), requests: map[string]int{}, closing: make(chan struct{})}
	if err := s.load(); err != nil {
		return nil, err
	}
	// Each service answers its health route (with null from auth, core and
	// analytic, a sentence from the others) beside its own routes.
	type svc struct {
		name   string
		port   int
		url    *string
		health any
		routes func(*router)
	}
	svcs := []svc{
		{"auth", StandardAuthPort, &s.AuthURL, nil, s.authRoutes},
		{"core", StandardCorePort, &s.CoreURL, nil, s.coreRoutes},
		{"analytic", StandardAnalyticPort, &s.AnalyticURL, nil, s.analyticRoutes},
		{"api", StandardAPIPort, &s.APIURL, msgHealthy, s.apiRoutes},
		{"webhook", StandardWebhookPort, &s.WebhookURL, msgHealthy, s.webhookRoutes},
		{"vulnerability", StandardVulnerabilityPort, &s.VulnerabilityURL, msgHealthy, s.vulnerabilityRoutes},
	}
	var lns []net.Listener
	for _, v := range svcs {
		port := 0
		if opts.StandardPorts {
			port = v.port
		}
		ln, err := net.Listen("tcp", net.JoinHostPort(opts.Host, strconv.Itoa(port)))
		if err != nil {
			for _, l := range lns {
				l.Close()
			}
			return nil, fmt.Errorf("demo platform: %s service: %w", v.name, err)
		}
		lns = append(lns, ln)
		*v.url = "http://" + ln.Addr().String()
	}
	s.startWebhookQueue()
	for i, v := range svcs {
		rt := &router{}
		rt.handle("GET", "/"+v.name+"/health", func(w http.ResponseWriter, _ *http.Request, _ params) {
			writeJSON(w, http.StatusOK, v.health)
		})
		v.routes(rt)
		hs := &http.Server{Handler: s.middleware(rt), ReadHeaderTimeout: 10 * time.Second}
		s.servers = append(s.servers, hs)
		s.wg.Add(1)
		go func(ln net.Listener) {
			defer s.wg.Done()
			_ = hs.Serve(ln)
		}(lns[i])
	}
	return s, nil
}

// Close stops the five services and drops every open connection.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.closing)
		s.whq.stop()
		for _, hs := range s.servers {
			_ = hs.Close()
		}
		s.wg.Wait()
	})
}

// Shutdown stops the services gracefully, waiting for running requests
// until ctx ends.
func (s *Server) Shutdown(ctx context.Context) error {
	var errs []error
	s.once.Do(func() {
		close(s.closing)
		s.whq.stop()
		for _, hs := range s.servers {
			errs = append(errs, hs.Shutdown(ctx))
		}
		s.wg.Wait()
	})
	return errors.Join(errs...)
}

func (s *Server) now() time.Time {
	if s.opts.Now != nil {
		return s.opts.Now()
	}
	return time.Now()
}

// --- routing (chi's behaviour: 404 text for unknown paths, 405 without a body) ---

type params map[string]string

type route struct {
	method string
	segs   []string
	h      func(http.ResponseWriter, *http.Request, params)
}

type router struct{ routes []route }

func (rt *router) handle(method, pattern string, h func(http.ResponseWriter, *http.Request, params)) {
	rt.routes = append(rt.routes, route{method: method, segs: strings.Split(pattern, "/"), h: h})
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	segs := strings.Split(r.URL.Path, "/")
	pathFound := false
	for _, ro := range rt.routes {
		p, ok := matchSegs(ro.segs, segs)
		if !ok {
			continue
		}
		pathFound = true
		if ro.method == r.Method {
			ro.h(w, r, p)
			return
		}
	}
	if pathFound {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	http.NotFound(w, r)
}

func matchSegs(pattern, segs []string) (params, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var p params
	for i, ps := range pattern {
		if strings.HasPrefix(ps, "{") {
			if segs[i] == "" {
				return nil, false
			}
			if p == nil {
				p = params{}
			}
			p[ps[1:len(ps)-1]] = segs[i]
			continue
		}
		if ps != segs[i] {
			return nil, false
		}
	}
	return p, true
}

// middleware counts requests, applies injected faults and answers CORS
// preflights before routing.
func (s *Server) middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key := r.Method + " " + r.URL.Path
		if r.URL.RawQuery != "" {
			key += "?" + r.URL.RawQuery
		}
		s.fmu.Lock()
		s.requests[key]++
		f := s.takeFault(r)
		s.fmu.Unlock()
		if f != nil && s.applyFault(w, r, f) {
			return
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h := w.Header()
			h.Set("Access-Control-Allow-Origin", "*")
			h.Set("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE, OPTIONS")
			h.Set("Access-Control-Allow-Headers", "Accept, X-Horusec-Authorization, Content-Type")
			w.WriteHeader(http.StatusOK)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Requests counts the requests received so far whose method is method (""
// for any) and whose path starts with pathPrefix. When pathPrefix holds a
// "?", it is matched against path?query instead, e.g.
// Requests("GET", "/core/workspaces/<id>/repositories?page=2").
func (s *Server) Requests(method, pathPrefix string) int {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	n := 0
	for k, c := range s.requests {
		m, uri, _ := strings.Cut(k, " ")
		if method != "" && m != method {
			continue
		}
		if !strings.Contains(pathPrefix, "?") {
			uri, _, _ = strings.Cut(uri, "?")
		}
		if strings.HasPrefix(uri, pathPrefix) {
			n += c
		}
	}
	return n
}

// RequestLog returns every distinct request seen, as "METHOD /path?query",
// with its count.
func (s *Server) RequestLog() map[string]int {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	out := make(map[string]int, len(s.requests))
	for k, v := range s.requests {
		out[k] = v
	}
	return out
}

// ResetRequests forgets the request counts.
func (s *Server) ResetRequests() {
	s.fmu.Lock()
	defer s.fmu.Unlock()
	s.requests = map[string]int{}
}
