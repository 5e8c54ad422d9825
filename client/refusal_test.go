package client

import (
	"fmt"
	"strings"
	"testing"
)

func TestRefusalSaysKnownRefusalsInTheUIsWords(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{&Error{Kind: KindForbidden, Status: 401, URL: "http://core/core/workspaces/w-1/roles", Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"},
			"your role in this workspace does not allow this — a Manager can"},
		{fmt.Errorf("x: %w", &Error{Kind: KindForbidden, Status: 401, URL: "http://core/core/workspaces/w-1/repositories/r-1/roles", Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"}),
			"your role in this repository does not allow this — a Manager can"},
		{&Error{Kind: KindUnauthenticated, Status: 403, Message: "{HORUSEC AUTH} invalid username or password"}, "the e-mail or the password is wrong"},
		{&Error{Kind: KindNoAccess, Status: 500, URL: "http://core/core/workspaces/w-1", Message: "{ERROR_HTTP} something went wrong, sorry for the inconvenience"},
			"you hold no role in this workspace, or it no longer exists"},
		{&Error{Kind: KindConflict, Status: 400, Message: "{CORE_REPOSITORY} repository name already in use"}, "another repository of this workspace already has that name"},
		// A message of this program around the platform's answer: the
		// answer is what is looked at.
		{&Error{Kind: KindForbidden, Op: "tokens", Message: "only a Manager can", Err: &Error{Kind: KindForbidden, Status: 401, Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"}},
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
