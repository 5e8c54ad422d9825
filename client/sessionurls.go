package client

import (
	"fmt"
	"strings"
)

// A session is only ever sent to the service URLs it was made for: a URL
// pointed elsewhere (an environment variable, a flag) would hand the
// profile's tokens to whoever answers there. The one check is fits, called
// wherever a session's token or refresh token is about to be sent.

// madeFor are the URLs s was made for; ok is false when nothing says
// (no recorded URLs, no profile's URLs): then any URL goes.
func (cl *Client) madeFor(s Session) (urls ServiceURLs, ok bool) {
	if s.Services != (ServiceURLs{}) {
		return s.Services, true
	}
	// A session stored before URLs were recorded.
	return cl.opts.ProfileURLs, cl.opts.ProfileURLs != (ServiceURLs{})
}

// fits returns nil when s may be sent to svc at this client's URL, else
// a KindUnauthenticated error that says where the other URL came from and
// what to do.
func (cl *Client) fits(op string, s Session, svc Service) *Error {
	made, known := cl.madeFor(s)
	here, there := cl.base[svc], made.Of(svc)
	if !known || there == here {
		return nil
	}
	origin := cl.opts.URLOrigins.Of(svc)
	from, undo := "", ""
	switch {
	case strings.HasPrefix(origin, "--"):
		from, undo = " (from "+origin+")", "leave out "+origin+", or "
	case origin != "":
		from, undo = " (from "+origin+")", "unset "+origin+", or "
	}
	was := there
	if was == "" {
		was = "no URL"
	}
	return &Error{Kind: KindUnauthenticated, Op: op, Refusal: RefusalSessionElsewhere, Message: fmt.Sprintf(
		"session not sent: it was made for the %s service at %s, not %s%s; %slog in to use %s",
		svc, was, here, from, undo, here)}
}

// SessionElsewhere returns the reason the current session may not be sent
// to one of this client's services (in the order of the login's needs:
// auth first), or nil when it may go to all of them or there is none.
func (cl *Client) SessionElsewhere() *Error {
	if cl == nil {
		return nil
	}
	s := cl.Session()
	if s == nil {
		return nil
	}
	for _, svc := range []Service{ServiceAuth, ServiceCore, ServiceAnalytic, ServiceAPI, ServiceVulnerability, ServiceWebhook} {
		if _, configured := cl.base[svc]; !configured {
			continue
		}
		if err := cl.fits("use the session", *s, svc); err != nil {
			return err
		}
	}
	return nil
}

// serviceURLs are this client's URLs, recorded in a session at login.
func (cl *Client) serviceURLs() ServiceURLs {
	return ServiceURLs{Auth: cl.base[ServiceAuth], Core: cl.base[ServiceCore], Analytic: cl.base[ServiceAnalytic],
		API: cl.base[ServiceAPI], Webhook: cl.base[ServiceWebhook], Vulnerability: cl.base[ServiceVulnerability]}
}
