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

// SharedSession is the session as every process using the same profile
// sees it (the credential store), with the lock they all take around a
// refresh. The platform's refresh tokens are single use: two processes
// refreshing the same session at once would leave one of them, and then
// the stored session, with a dead token.
type SharedSession interface {
	// Lock takes the lock, waiting at most as long as the implementation
	// allows or ctx lets it; unlock releases it.
	Lock(ctx context.Context) (unlock func(), err error)
	// Load returns the session as last stored; nil and no error when none is.
	Load() (*Session, error)
	// Save stores a renewed session. Called with the lock held.
	Save(*Session) error
	// Delete forgets the stored session. Called with the lock held, and
	// only when the stored session is the one the platform refused.
	Delete() error
}

// refreshFlight is one refresh shared by every caller that needed it: the
// refresh token is single use, so a second concurrent refresh would fail
// and end the session.
type refreshFlight struct {
	token    string      // the refresh token being traded
	services ServiceURLs // the URLs its session was made for
	done     chan struct{}
	s        Session
	err      *Error // nil on success
	// ended: the session is over (the platform refused the refresh token,
	// or it was logged out elsewhere). Otherwise a failure keeps it.
	ended bool
}

type tokenBody struct {
	RefreshToken string `json:"refreshToken"`
}

func notLoggedIn(op string) *Error {
	return &Error{Kind: KindUnauthenticated, Op: op, Message: "not logged in"}
}

// needsRefresh: at most refreshMargin left. A zero expiry (Keycloak, some
// LDAP set-ups) means "unknown": refreshing on every call would be a storm.
// A session whose token carries LDAP groups is never renewed: the
// platform's renewal drops the groups (KeepsGroups).
func (cl *Client) needsRefresh(s Session) bool {
	if s.ExpiresAt.IsZero() || s.RefreshToken == "" || s.KeepsGroups() {
		return false
	}
	return !cl.opts.Now().Add(refreshMargin).Before(s.ExpiresAt)
}

// sessionForCall returns the session to authenticate a call to svc with,
// refreshing it first when it is about to expire; never one made for
// another URL of svc.
func (cl *Client) sessionForCall(ctx context.Context, op string, svc Service) (Session, error) {
	cur := cl.Session()
	if cur == nil {
		return Session{}, notLoggedIn(op)
	}
	if err := cl.fits(op, *cur, svc); err != nil {
		return Session{}, err
	}
	if cl.groupSessionOver(*cur) {
		return Session{}, ldapSessionOver(op)
	}
	if !cl.needsRefresh(*cur) {
		return *cur, nil
	}
	ns, err := cl.refreshFrom(ctx, op, *cur)
	if err == nil {
		if err := cl.fits(op, ns, svc); err != nil { // adopted from another program
			return Session{}, err
		}
		return ns, nil
	}
	// Only the platform's refusal ends a session. Any other failure (auth
	// unreachable, 5xx, a malformed answer, another process holding the
	// lock) leaves the refresh token unused, so the access token serves
	// while it is valid and the next call tries to renew it again.
	if !IsKind(err, KindUnauthenticated) && ctx.Err() == nil && cl.opts.Now().Before(cur.ExpiresAt) {
		cl.warnRenewal(err, cur.ExpiresAt)
		return *cur, nil
	}
	return Session{}, err
}

// groupSessionOver: a session that is never renewed (KeepsGroups) is over
// a few seconds before its token, so no call is sent with a token that
// dies on the way (most routes would answer a bare 500, read as "no
// access").
func (cl *Client) groupSessionOver(s Session) bool {
	return s.KeepsGroups() && !s.ExpiresAt.IsZero() && !cl.opts.Now().Add(groupSessionMargin).Before(s.ExpiresAt)
}

const groupSessionMargin = 10 * time.Second

// ldapSessionOver is the end of a session that is not renewed. The
// session itself stays, so the login over it knows whose it was.
func ldapSessionOver(op string) *Error {
	return &Error{Kind: KindUnauthenticated, Op: op, Refusal: RefusalGroupSessionOver, Message: "session ended: " + MsgLDAPSessionOver}
}

// warnRenewal tells the user (Options.Warn) that the session could not be
// renewed and until when it still works; the same news only once.
func (cl *Client) warnRenewal(err error, until time.Time) {
	if cl.opts.Warn == nil {
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		return
	}
	msg := fmt.Sprintf("%s; it stays valid until %s", e.Message, until.Local().Format("15:04"))
	cl.mu.Lock()
	same := cl.warned == msg
	cl.warned = msg
	cl.mu.Unlock()
	if !same {
		cl.opts.Warn(msg)
	}
}

// refreshFrom trades old's refresh token for a new session, once for all
// concurrent callers. When another caller already replaced old, its result
// is used without a new refresh.
func (cl *Client) refreshFrom(ctx context.Context, op string, old Session) (Session, error) {
	if old.KeepsGroups() {
		return Session{}, ldapSessionOver(op)
	}
	if err := cl.fits(op, old, ServiceAuth); err != nil {
		return Session{}, err
	}
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
		f = &refreshFlight{token: old.RefreshToken, services: old.Services, done: make(chan struct{})}
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
	stored := cl.coordinatedRefresh(ctx, f)

	var dropped, installed bool
	cl.mu.Lock()
	current := cl.session != nil && cl.session.RefreshToken == f.token
	switch {
	case f.err == nil:
		if current {
			cp := f.s
			cl.session = &cp
			cl.warned = ""
			installed = true
		}
	case f.ended:
		if current {
			cl.session = nil
			dropped = true
		}
	}
	cl.flight = nil
	cl.mu.Unlock()

	// With a shared store the session was stored (or removed) under the
	// lock already; OnSession would store it again, outside the lock.
	if !stored {
		switch {
		case installed:
			cl.notify(&f.s)
		case dropped:
			cl.notify(nil)
		}
	}
	close(f.done)
}

// coordinatedRefresh fills f: under the shared lock, it re-reads the stored
// session and refreshes only if the store still holds the session being
// renewed; a newer stored session (another process renewed it, or logged
// in) is adopted instead. It reports whether the outcome was written to
// the shared store.
func (cl *Client) coordinatedRefresh(ctx context.Context, f *refreshFlight) bool {
	sh := cl.opts.Shared
	if sh == nil {
		cl.refreshInto(ctx, f)
		return false
	}
	unlock, err := sh.Lock(ctx)
	if err != nil {
		f.err = &Error{Kind: KindUnknown, Op: "refresh session", Message: "could not renew the session: " + err.Error(), Err: err}
		return true
	}
	defer unlock()
	stored, lerr := sh.Load()
	switch {
	case lerr != nil:
		// The store cannot say which session is newest: renew ours, and
		// never delete what cannot be read.
	case stored == nil:
		// Logged out elsewhere (or the session was refused there): this
		// process's copy ends too rather than coming back to life.
		f.ended = true
		f.err = &Error{Kind: KindUnauthenticated, Op: "refresh session", Message: "session ended: logged out by another program; log in again"}
		return true
	case stored.RefreshToken != f.token && stored.AccessToken != "":
		f.s = *stored
		return true
	}
	cl.refreshInto(ctx, f)
	switch {
	case f.err == nil:
		// The renewed session serves this process either way; the store
		// reports a failed write itself (it knows how to say what to do).
		_ = sh.Save(&f.s)
	case f.ended && lerr == nil:
		_ = sh.Delete()
	}
	return true
}

// refreshInto trades f.token for a new session and classifies a failure:
// only the platform's refusal of the token ends the session.
func (cl *Client) refreshInto(ctx context.Context, f *refreshFlight) {
	s, err := cl.postRefresh(ctx, f.token)
	switch {
	case err == nil:
		s.Services = f.services // renewed for the same services
		f.s = s
	case refusedRefresh(err):
		f.ended = true
		f.err = &Error{Kind: KindUnauthenticated, Method: err.Method, URL: err.URL, Status: err.Status,
			Message: "session expired: log in again", Err: err}
	default:
		f.err = &Error{Kind: err.Kind, Method: err.Method, URL: err.URL, Status: err.Status,
			Message: "could not renew the session: " + renewalFailure(err), Err: err}
		if f.err.Kind == KindUnauthenticated {
			// Not the platform's refusal of the token: nobody must read
			// this as "log in again".
			f.err.Kind = KindServer
		}
	}
}

// refusedRefresh is the auth service's answer to an unknown, reused,
// logged-out or expired refresh token: 401 "{ACCOUNT} invalid or expired
// refresh token". Nothing else proves the token dead.
func refusedRefresh(e *Error) bool {
	return e.Status == http.StatusUnauthorized && e.Refusal == RefusalRefreshRefused
}

// renewalFailure says in a few words why a refresh failed.
func renewalFailure(e *Error) string {
	switch {
	case e.Kind == KindNetwork:
		return e.Message
	case e.Status >= 300:
		return fmt.Sprintf("the auth service answered %d", e.Status)
	case e.Status != 0:
		return "the auth service's answer could not be read"
	}
	return e.Error()
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
