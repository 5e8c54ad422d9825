package client

import (
	"errors"
	"strings"
)

// Refusal says a refusal the platform is known to send in the words the UI
// uses (Manager, Supervisor, User; workspace, repository), without the
// platform's own text ("{HORUSEC_MIDDLEWARE} you do not have enough
// privileges…"), which stays in the Error's Message for a debug log. It
// looks at the innermost platform answer in err; ok is false for anything
// else (a network fault, a message of this program, an unknown refusal).
func Refusal(err error) (words string, ok bool) {
	e := PlatformError(err)
	if e == nil {
		return "", false
	}
	low := strings.ToLower(e.Message)
	where := "workspace"
	if strings.Contains(e.URL, "/repositories/") {
		where = "repository"
	}
	switch {
	case e.Kind == KindForbidden && strings.Contains(low, "enough privileges"):
		return "your role in this " + where + " does not allow this — a Manager can", true
	case e.Kind == KindNoAccess:
		return "you hold no role in this " + where + ", or it no longer exists", true
	case strings.Contains(low, "invalid username or password"):
		return "the e-mail or the password is wrong", true
	case strings.Contains(low, "wrong user or password"): // LDAP
		return "the login name or the password is wrong", true
	case strings.Contains(low, "account email not confirmed"):
		return "the account's e-mail address is not confirmed yet: open the link the platform sent to it", true
	case strings.Contains(low, "invalid or expired refresh token"), e.Kind == KindUnauthenticated && sessionProblem(low):
		return "the session has expired or was ended", true
	case strings.Contains(low, "repository name already in use"):
		return "another repository of this workspace already has that name", true
	case strings.Contains(low, "not found user in workspace"):
		return "no Horusec account uses that e-mail", true
	case strings.Contains(low, "this user does not belong to this workspace"):
		return "that person is not a member of the workspace: invite them to the workspace first", true
	case strings.Contains(low, "email already in use"):
		return "an account already uses that e-mail", true
	case strings.Contains(low, "username already in use"):
		return "an account already uses that username", true
	case strings.Contains(low, "expires at cannot be a past date"):
		return "the expiry date is in the past: choose a date from tomorrow on", true
	case strings.Contains(low, "authorization token has expired"):
		return "the token has expired", true
	case strings.Contains(low, "something went wrong, sorry for the inconvenience"):
		return "the platform failed (its logs say why)", true
	}
	return "", false
}

// PlatformError is the innermost *Error in err that carries a platform's
// answer (an HTTP status).
func PlatformError(err error) *Error {
	var found *Error
	for err != nil {
		var e *Error
		if !errors.As(err, &e) {
			break
		}
		if e.Status != 0 {
			found = e
		}
		err = e.Err
	}
	return found
}
