package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// The client has one method per platform endpoint, filed by resource:
// the auth service here, then workspaces.go, members.go (workspace and
// repository roles), tokens.go, repositories.go, dashboard.go,
// vulnerability.go, webhook.go and upload.go. This file also holds the
// plumbing they share: a route's ids filled into its path, a call run and
// its content decoded.

// seg escapes one path segment, refusing an empty one: "/workspaces/" with
// no ID would reach a different route.
func seg(op, what, id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", &Error{Kind: KindValidation, Op: op, Message: "no " + what + " given"}
	}
	return url.PathEscape(id), nil
}

// fill replaces the {…} placeholders of a route, in order, with ids, each
// escaped and refused when empty: fill(op, "/core/workspaces/{workspace
// ID}", w) fails with "no workspace ID given" for an empty w.
func fill(op, route string, ids ...string) (string, error) {
	var b strings.Builder
	for _, id := range ids {
		i := strings.IndexByte(route, '{')
		j := strings.IndexByte(route, '}')
		if i < 0 || j < i {
			return "", &Error{Kind: KindValidation, Op: op, Message: "more ids than the route has places for"}
		}
		s, err := seg(op, route[i+1:j], id)
		if err != nil {
			return "", err
		}
		b.WriteString(route[:i])
		b.WriteString(s)
		route = route[j+1:]
	}
	b.WriteString(route)
	return b.String(), nil
}

// guarded is an authenticated call to a route behind the platform's role
// checks; path may hold placeholders for fill.
func guarded(svc Service, op, method, path string) call {
	return call{op: op, svc: svc, method: method, path: path, auth: true, protected: true}
}

func (c call) with(body any) call { c.body = body; return c }

func (c call) asking(q url.Values) call { c.query = q; return c }

// run runs c and decodes the content into out (nil: ignore the content).
func (cl *Client) run(ctx context.Context, c call, out any) error {
	a, err := cl.send(ctx, c)
	if err != nil {
		return err
	}
	defer a.wipe()
	if out == nil {
		return nil
	}
	return decodeContent(c, a, out)
}

// do runs c with its route's placeholders filled from ids.
func (cl *Client) do(ctx context.Context, c call, out any, ids ...string) error {
	p, err := fill(c.op, c.path, ids...)
	if err != nil {
		return err
	}
	c.path = p
	return cl.run(ctx, c, out)
}

// fetch is do for an answer whose content is a T.
func fetch[T any](ctx context.Context, cl *Client, c call, ids ...string) (T, error) {
	var out T
	err := cl.do(ctx, c, &out, ids...)
	return out, err
}

// --- auth service ---

// AuthConfig reads GET /auth/authenticate/config.
func (c *Client) AuthConfig(ctx context.Context) (AuthConfig, error) {
	var out AuthConfig
	err := c.run(ctx, call{op: "read the auth configuration", svc: ServiceAuth, method: http.MethodGet,
		path: "/auth/authenticate/config"}, &out)
	return out, err
}

type loginBody struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Login posts the e-mail (the platform's "username" field) and password,
// keeps the session in the client and hands it to OnSession.
func (c *Client) Login(ctx context.Context, email, password string) (Session, error) {
	var s Session
	err := c.run(ctx, call{op: "log in", svc: ServiceAuth, method: http.MethodPost, path: "/auth/authenticate/login",
		body: loginBody{Username: email, Password: password}}, &s)
	if err != nil {
		return Session{}, err
	}
	if s.AccessToken == "" {
		return Session{}, &Error{Kind: KindServer, Op: "log in", Message: "the auth service sent a session without an access token"}
	}
	s = c.onLocalClock(s)
	s.Services = c.serviceURLs()
	c.install(s)
	return s, nil
}

// Refresh trades the refresh token for a new session (single use). Calls
// already do this on their own when the session is about to expire.
func (c *Client) Refresh(ctx context.Context) (Session, error) {
	cur := c.Session()
	if cur == nil {
		return Session{}, notLoggedIn("refresh session")
	}
	return c.refreshFrom(ctx, "refresh session", *cur)
}

// Logout forgets the refresh token on the platform and in the client. The
// client forgets the session even when the platform cannot be reached; the
// error still says so.
func (c *Client) Logout(ctx context.Context) error {
	var err error
	// The refresh token goes only to the auth service it was made for.
	if cur := c.Session(); cur != nil && cur.RefreshToken != "" && c.fits("log out", *cur, ServiceAuth) == nil {
		// Not an authenticated call: logging out must never refresh.
		err = c.run(ctx, call{op: "log out", svc: ServiceAuth, method: http.MethodPost, path: "/auth/account/logout",
			body: tokenBody{RefreshToken: cur.RefreshToken}}, nil)
	}
	c.mu.Lock()
	c.session = nil
	c.mu.Unlock()
	c.notify(nil)
	return err
}

// Register creates a horusec account.
func (c *Client) Register(ctx context.Context, r RegisterRequest) (Account, error) {
	var out Account
	err := c.run(ctx, call{op: "create the account", svc: ServiceAuth, method: http.MethodPost,
		path: "/auth/account/create-account-horusec", body: r}, &out)
	return out, err
}

// Health checks one service's health route.
func (c *Client) Health(ctx context.Context, s Service) error {
	switch s {
	case ServiceAuth, ServiceCore, ServiceAnalytic, ServiceAPI, ServiceWebhook, ServiceVulnerability:
	default:
		return &Error{Kind: KindValidation, Op: "check health", Message: fmt.Sprintf("unknown service %q", s)}
	}
	// No retries: a health check reports the state of now.
	return c.run(ctx, call{op: "check the " + string(s) + " service", svc: s, method: http.MethodGet,
		path: "/" + string(s) + "/health", noRetry: true}, nil)
}
