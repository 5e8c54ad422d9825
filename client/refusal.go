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
	where := "workspace"
	if strings.Contains(e.URL, "/repositories/") {
		where = "repository"
	}
	switch {
	case e.Kind == KindForbidden && e.Refusal == RefusalNoPrivileges:
		return "your role in this " + where + " does not allow this — a Manager can", true
	case e.Kind == KindNoAccess:
		return "you hold no role in this " + where + ", or it no longer exists", true
	case e.Kind == KindUnauthenticated && e.Refusal.session(), e.Refusal == RefusalRefreshRefused:
		return "the session has expired or was ended", true
	}
	if words, ok := refusalWords[e.Refusal]; ok {
		return words, true
	}
	return "", false
}

// refusalWords are the refusals said the same way wherever they happen.
var refusalWords = map[RefusalCode]string{
	RefusalWrongLogin:         "the e-mail or the password is wrong",
	RefusalWrongLDAPLogin:     "the login name or the password is wrong",
	RefusalNotConfirmed:       "the account's e-mail address is not confirmed yet: open the link the platform sent to it",
	RefusalNameInUse:          "another repository of this workspace already has that name",
	RefusalNoAccount:          "no Horusec account uses that e-mail",
	RefusalNotWorkspaceMember: "that person is not a member of the workspace: invite them to the workspace first",
	RefusalEmailInUse:         "an account already uses that e-mail",
	RefusalUsernameInUse:      "an account already uses that username",
	RefusalPastExpiry:         "the expiry date is in the past: choose a date from tomorrow on",
	RefusalAPITokenExpired:    "the token has expired",
	RefusalPlatformFailed:     "the platform failed (its logs say why)",
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
