package client

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// call describes one platform request.
type call struct {
	op     string // what is being done, for errors: "list workspaces"
	svc    Service
	method string
	path   string // escaped, starting with the service's base path
	query  url.Values
	body   any // marshalled to JSON; nil means no body

	auth bool // sends the session's access token (refreshing it first)
	// protected: the route sits behind the platform's authz middleware,
	// which answers 500 when the caller has no role or the ID is unknown.
	protected bool
	// conflictOn500: the platform's only answer to "already a member" is 500.
	conflictOn500 bool
	// rawToken is sent as-is in the auth header (api service uploads).
	rawToken []byte
	noRetry  bool
}

// answer is a response whose status was 2xx.
type answer struct {
	status int
	body   []byte
	url    string
}

// wipe zeroes the body: some answers carry a secret.
func (a *answer) wipe() { clear(a.body) }

var errTooLarge = errors.New("answer too large")

// send runs c (with the session when c.auth) and classifies failures. On a
// token-expired answer it refreshes the session and tries once more.
func (cl *Client) send(ctx context.Context, c call) (*answer, error) {
	if !c.auth {
		return cl.attempt(ctx, c, "")
	}
	s, err := cl.sessionForCall(ctx, c.op, c.svc)
	if err != nil {
		return nil, err
	}
	a, err := cl.attempt(ctx, c, s.AccessToken)
	if err == nil || !tokenExpired(err) || s.RefreshToken == "" {
		return a, err
	}
	ns, rerr := cl.refreshFrom(ctx, c.op, s)
	if rerr != nil {
		return nil, rerr
	}
	if ferr := cl.fits(c.op, ns, c.svc); ferr != nil { // adopted from another program
		return nil, ferr
	}
	return cl.attempt(ctx, c, ns.AccessToken)
}

// attempt sends c, retrying a GET up to twice on network faults and on
// 502/503/504. Writes are never retried: the platform may have applied them.
func (cl *Client) attempt(ctx context.Context, c call, accessToken string) (*answer, error) {
	base, ok := cl.base[c.svc]
	if !ok {
		return nil, &Error{Kind: KindValidation, Op: c.op, Message: fmt.Sprintf("no URL is configured for the %s service", c.svc)}
	}
	var payload []byte
	if c.body != nil {
		var err error
		if payload, err = json.Marshal(c.body); err != nil {
			return nil, &Error{Kind: KindValidation, Op: c.op, Message: "cannot encode the request", Err: err}
		}
		// The body may hold a password or a refresh token.
		defer clear(payload)
	}
	full := base + c.path
	if len(c.query) > 0 {
		full += "?" + c.query.Encode()
	}
	retries := 0
	if c.method == http.MethodGet && !c.noRetry {
		retries = 2
	}
	for try := 0; ; try++ {
		a, err := cl.once(ctx, c, base, full, payload, accessToken)
		if err == nil || try >= retries || !retryable(err) || ctx.Err() != nil {
			return a, err
		}
		wait := cl.retryWait << try
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, err
		case <-t.C:
		}
	}
}

func retryable(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	if e.Kind == KindNetwork {
		// A service that did not answer within the timeout is not asked
		// again: three timeouts in a row would keep the user waiting for
		// most of a minute before hearing anything.
		if errors.Is(e.Err, context.DeadlineExceeded) || isTimeout(e.Err) {
			return false
		}
		return !errors.Is(e.Err, context.Canceled)
	}
	return e.Status == http.StatusBadGateway || e.Status == http.StatusServiceUnavailable || e.Status == http.StatusGatewayTimeout
}

func (cl *Client) once(ctx context.Context, c call, base, full string, payload []byte, accessToken string) (*answer, error) {
	actx, cancel := context.WithTimeout(ctx, cl.timeout)
	defer cancel()
	r := cl.http.R().SetContext(actx)
	switch {
	case c.rawToken != nil:
		r.SetHeader("X-Horusec-Authorization", string(c.rawToken))
		r.SetHeader("X-Horusec-CLI-Version", cliVersion)
	case accessToken != "":
		r.SetHeader("X-Horusec-Authorization", "Bearer "+accessToken)
	}
	if payload != nil {
		// A reader, not the slice: resty would copy a slice into pooled
		// buffers that outlive the call and cannot be wiped.
		r.SetHeader("Content-Type", "application/json").SetBody(bytes.NewReader(payload))
	}
	start := time.Now()
	resp, err := r.Execute(c.method, full)
	if resp != nil && resp.RawResponse != nil && resp.RawResponse.Body != nil {
		defer resp.RawResponse.Body.Close()
	}
	if err != nil {
		e := cl.networkError(ctx, c, base, full, err)
		cl.log(c, 0, time.Since(start), e.Message)
		return nil, e
	}
	hr := resp.RawResponse
	body, err := readBody(hr.Body, hr.ContentLength, cl.bodyLimit)
	if err != nil {
		cl.log(c, hr.StatusCode, time.Since(start), err.Error())
		if errors.Is(err, errTooLarge) {
			return nil, &Error{Kind: KindServer, Op: c.op, Method: c.method, URL: full, Status: hr.StatusCode,
				Message: fmt.Sprintf("the %s service sent an answer over %d MiB", c.svc, cl.bodyLimit>>20), Err: err}
		}
		return nil, cl.networkError(ctx, c, base, full, err)
	}
	cl.log(c, hr.StatusCode, time.Since(start), "")
	if hr.StatusCode >= 200 && hr.StatusCode < 300 {
		return &answer{status: hr.StatusCode, body: body, url: full}, nil
	}
	e := platformError(c, hr.StatusCode, body)
	e.Method, e.URL = c.method, full
	clear(body)
	return nil, e
}

// readBody reads at most limit bytes. When the buffer grows, the old one is
// zeroed so a secret in the answer leaves no stray copy behind.
func readBody(r io.Reader, size int64, limit int) ([]byte, error) {
	n := 512
	if size > 0 && size <= int64(limit) {
		n = int(size) + 1 // +1 so EOF is seen without growing
	}
	buf := make([]byte, 0, n)
	for {
		if len(buf) == cap(buf) {
			if len(buf) > limit {
				clear(buf)
				return nil, errTooLarge
			}
			nb := make([]byte, len(buf), 2*cap(buf))
			copy(nb, buf)
			clear(buf)
			buf = nb
		}
		m, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if len(buf) > limit {
			clear(buf)
			return nil, errTooLarge
		}
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			clear(buf)
			return nil, err
		}
	}
}

// networkError names the service and the URL that could not be reached and
// says why in words a user can act on.
func (cl *Client) networkError(ctx context.Context, c call, base, full string, err error) *Error {
	why := describeNetErr(err)
	switch {
	case errors.Is(ctx.Err(), context.Canceled):
		why = "canceled"
		err = context.Canceled
	case ctx.Err() != nil:
		why = "the operation's deadline passed"
		err = ctx.Err()
	case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
		why = fmt.Sprintf("no answer within %s", cl.timeout)
	}
	return &Error{
		Kind: KindNetwork, Op: c.op, Method: c.method, URL: full,
		Message: fmt.Sprintf("cannot reach the %s service at %s: %s", c.svc, base, why),
		Err:     err,
	}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

func describeNetErr(err error) string {
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var uaErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dnsErr):
		return fmt.Sprintf("cannot resolve host %q", dnsErr.Name)
	case errors.As(err, &hostErr):
		return "the TLS certificate does not match the host name"
	case errors.As(err, &uaErr), errors.As(err, &certErr):
		return "the TLS certificate is not trusted (see the CA file option)"
	case errors.As(err, &recErr):
		return "the service does not speak TLS (try http://)"
	case errors.Is(err, syscall.ECONNRESET), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "the connection was dropped"
	case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
		return "no route to the host"
	case strings.Contains(err.Error(), "server gave HTTP response to HTTPS client"):
		return "the service speaks plain HTTP (try http://)"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

func (cl *Client) log(c call, status int, d time.Duration, problem string) {
	l := cl.opts.Logger
	if l == nil {
		return
	}
	// Only the method, the path and the outcome: never a header, a query
	// (a search term is the user's business), or a body.
	args := []any{"method", c.method, "service", string(c.svc), "path", c.path, "status", status, "duration", d}
	if problem != "" {
		args = append(args, "problem", problem)
	}
	l.Debug("horusec request", args...)
}
