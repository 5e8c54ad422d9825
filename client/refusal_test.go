package client

import (
	"fmt"
	"strings"
	"testing"
)

func TestRefusalSaysKnownRefusalsInTheUIsWords(t *testing.T) {
	// answer is the platform's answer at url as the client decodes it.
	answer := func(url string, status int, msg string) *Error {
		e := platformError(call{op: "x", svc: ServiceCore, protected: true}, status, []byte(env(status, msg)))
		e.URL = url
		return e
	}
	auth := func(status int, msg string) *Error {
		return platformError(call{op: "log in", svc: ServiceAuth}, status, []byte(env(status, msg)))
	}
	for _, tt := range []struct {
		err  error
		want string
	}{
		{answer("http://core/core/workspaces/w-1/roles", 401, "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"),
			"your role in this workspace does not allow this — a Manager can"},
		{fmt.Errorf("x: %w", answer("http://core/core/workspaces/w-1/repositories/r-1/roles", 401, "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action")),
			"your role in this repository does not allow this — a Manager can"},
		{auth(403, "{HORUSEC AUTH} invalid username or password"), "the e-mail or the password is wrong"},
		{auth(403, "{LDAP} wrong user or password"), "the login name or the password is wrong"},
		{auth(401, "{ACCOUNT} invalid or expired refresh token"), "the session has expired or was ended"},
		{answer("http://core/core/workspaces", 400, "rpc error: code = Unknown desc = token is expired by 1h2m3s"), "the session has expired or was ended"},
		{answer("http://core/core/workspaces/w-1", 500, "{ERROR_HTTP} something went wrong, sorry for the inconvenience"),
			"you hold no role in this workspace, or it no longer exists"},
		{answer("http://core/core/workspaces/w-1/repositories", 400, "{CORE_REPOSITORY} repository name already in use"), "another repository of this workspace already has that name"},
		{answer("http://core/core/workspaces/w-1/tokens", 400, "expiresAt: {TOKEN} expires at cannot be a past date."), "the expiry date is in the past: choose a date from tomorrow on"},
		// A message of this program around the platform's answer: the
		// answer is what is looked at.
		{&Error{Kind: KindForbidden, Op: "tokens", Message: "only a Manager can", Err: answer("", 401, "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action")},
			"your role in this workspace does not allow this — a Manager can"},
	} {
		got, ok := Refusal(tt.err)
		if !ok || got != tt.want {
			t.Errorf("Refusal(%v) = %q, %v; want %q", tt.err, got, ok, tt.want)
		}
		if strings.Contains(got, "{") || strings.Contains(got, "admin") {
			t.Errorf("platform words in %q", got)
		}
	}
	for _, err := range []error{
		nil,
		fmt.Errorf("disk full"),
		&Error{Kind: KindNetwork, Op: "list", Message: "connection refused"},
		&Error{Kind: KindValidation, Status: 400, Message: "name: the length must be between 1 and 255."},
	} {
		if got, ok := Refusal(err); ok {
			t.Errorf("Refusal(%v) = %q, want none", err, got)
		}
	}
}
