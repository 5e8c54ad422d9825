package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// String keeps the tokens out of fmt output; only who and until when show.
func (s Session) String() string {
	return fmt.Sprintf("session of %s until %s", s.Email, s.ExpiresAt.Format("2006-01-02T15:04:05Z07:00"))
}

// GoString keeps the tokens out of %#v.
func (s Session) GoString() string { return s.String() }

// LogValue keeps the tokens out of slog output.
func (s Session) LogValue() slog.Value {
	return slog.GroupValue(slog.String("email", s.Email), slog.Time("expiresAt", s.ExpiresAt))
}

// refreshFlight is one refresh shared by every caller that needed it: the
// refresh token is single use, so a second concurrent refresh would fail
// and end the session.
type refreshFlight struct {
	token string // the refresh token being traded
	done  chan struct{}
	s     Session
	err   *Error // nil on success
}

type tokenBody struct {
	RefreshToken string `json:"refreshToken"`
}

func notLoggedIn(op string) *Error {
	return &Error{Kind: KindUnauthenticated, Op: op, Message: "not logged in"}
}

// needsRefresh: at most refreshMargin left. A zero expiry (Keycloak, some
// LDAP set-ups) means "unknown": refreshing on every call would be a storm.
func (cl *Client) needsRefresh(s Session) bool {
	if s.ExpiresAt.IsZero() || s.RefreshToken == "" {
		return false
	}
	return !cl.opts.Now().Add(refreshMargin).Before(s.ExpiresAt)
}

// sessionForCall returns the session to authenticate a call with,
// refreshing it first when it is about to expire.
func (cl *Client) sessionForCall(ctx context.Context, op string) (Session, error) {
	cur := cl.Session()
	if cur == nil {
		return Session{}, notLoggedIn(op)
	}
	if !cl.needsRefresh(*cur) {
		return *cur, nil
	}
	ns, err := cl.refreshFrom(ctx, op, *cur)
	if err == nil {
		return ns, nil
	}
	// Auth unreachable but the token has minutes left: use it. The next
	// call tries the refresh again (the token was probably not consumed).
	if IsKind(err, KindNetwork) && ctx.Err() == nil && cl.opts.Now().Before(cur.ExpiresAt) {
		return *cur, nil
	}
	return Session{}, err
}

// refreshFrom trades old's refresh token for a new session, once for all
// concurrent callers. When another caller already replaced old, its result
// is used without a new refresh.
func (cl *Client) refreshFrom(ctx context.Context, op string, old Session) (Session, error) {
	cl.mu.Lock()
	switch {
	case cl.session == nil:
		cl.mu.Unlock()
		return Session{}, notLoggedIn(op)
	case cl.session.RefreshToken != old.RefreshToken:
		s := *cl.session
		cl.mu.Unlock()
		return s, nil
	case old.RefreshToken == "":
		cl.mu.Unlock()
		return Session{}, &Error{Kind: KindUnauthenticated, Op: op, Message: "session expired: log in again"}
	}
	f := cl.flight
	if f == nil || f.token != old.RefreshToken {
		f = &refreshFlight{token: old.RefreshToken, done: make(chan struct{})}
		cl.flight = f
		// Detached from the caller's cancellation: other callers wait for
		// this refresh, and abandoning it half-way could burn the token.
		go cl.runRefresh(context.WithoutCancel(ctx), f)
	}
	cl.mu.Unlock()

	select {
	case <-f.done:
	case <-ctx.Done():
		return Session{}, &Error{Kind: KindNetwork, Op: op, Message: "canceled while refreshing the session", Err: ctx.Err()}
	}
	if f.err == nil {
		return f.s, nil
	}
	e := *f.err
	e.Op = op
	return Session{}, &e
}

func (cl *Client) runRefresh(ctx context.Context, f *refreshFlight) {
	s, err := cl.postRefresh(ctx, f.token)

	var dropped, installed bool
	cl.mu.Lock()
	current := cl.session != nil && cl.session.RefreshToken == f.token
	switch {
	case err == nil:
		f.s = s
		if current {
			cp := s
			cl.session = &cp
			installed = true
		}
	case err.Kind == KindNetwork:
		f.err = err
	default:
		// The platform refused: the refresh token is dead, and so is the
		// session. Retrying would only loop.
		f.err = &Error{Kind: KindUnauthenticated, Method: err.Method, URL: err.URL, Status: err.Status,
			Message: "session expired: log in again", Err: err}
		if current {
			cl.session = nil
			dropped = true
		}
	}
	cl.flight = nil
	cl.mu.Unlock()

	switch {
	case installed:
		cl.notify(&s)
	case dropped:
		cl.notify(nil)
	}
	close(f.done)
}

func (cl *Client) postRefresh(ctx context.Context, token string) (Session, *Error) {
	c := call{op: "refresh session", svc: ServiceAuth, method: http.MethodPost, path: "/auth/account/refresh-token",
		body: tokenBody{RefreshToken: token}}
	a, err := cl.send(ctx, c)
	if err != nil {
		return Session{}, asError(c, err)
	}
	defer a.wipe()
	var s Session
	if err := decodeContent(c, a, &s); err != nil {
		return Session{}, asError(c, err)
	}
	if s.AccessToken == "" {
		return Session{}, &Error{Kind: KindServer, Op: c.op, Status: a.status, Message: "the auth service sent a session without an access token"}
	}
	return cl.onLocalClock(s), nil
}

func asError(c call, err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{Kind: KindUnknown, Op: c.op, Err: err}
}

func (cl *Client) notify(s *Session) {
	if cl.opts.OnSession == nil {
		return
	}
	if s != nil {
		cp := *s
		s = &cp
	}
	cl.opts.OnSession(s)
}

// onLocalClock restates a session just issued by the platform in this
// machine's clock when the platform's clock runs ahead: the platform dates
// the expiry by its own clock, so the client would refresh too late and the
// platform would refuse the token in the meantime (on most routes with a
// bare 500, read as "no access"). The access token's issue time (the JWT
// "iat" claim) is the platform's "now", so the difference is the skew. A
// platform whose clock runs behind only makes the client renew early, which
// is safe, so that is left alone; so are tokens without the claim.
func (cl *Client) onLocalClock(s Session) Session {
	if s.ExpiresAt.IsZero() {
		return s
	}
	iat, ok := issuedAt(s.AccessToken)
	if !ok {
		return s
	}
	// Within a minute is latency and the claim's one-second resolution.
	if skew := iat.Sub(cl.opts.Now()); skew >= time.Minute {
		s.ExpiresAt = s.ExpiresAt.Add(-skew)
	}
	return s
}

// issuedAt reads the "iat" claim of a JWT without verifying it (the client
// only needs the platform's idea of the time, not trust in the token).
func issuedAt(jwt string) (time.Time, bool) {
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return time.Time{}, false
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return time.Time{}, false
	}
	var claims struct {
		IssuedAt *int64 `json:"iat"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.IssuedAt == nil || *claims.IssuedAt <= 0 {
		return time.Time{}, false
	}
	return time.Unix(*claims.IssuedAt, 0), true
}

// install makes s the current session and reports it.
func (cl *Client) install(s Session) {
	cp := s
	cl.mu.Lock()
	cl.session = &cp
	cl.mu.Unlock()
	cl.notify(&s)
}
