package client

import (
	"errors"
	"strings"
)

// RefusalCode names a refusal the platform gives in words only, so that
// the screens and the commands can act on it without matching its text
// (Refusal says it in the UI's words).
type RefusalCode int

const (
	// RefusalNone: no refusal recognised (read Kind and Message).
	RefusalNone RefusalCode = iota
	// RefusalNoAccount: "{CORE_WORKSPACE} not found user in workspace" — no
	// Horusec account uses the e-mail of an invitation.
	RefusalNoAccount
	// RefusalNotWorkspaceMember: "{CORE_REPOSITORY} this user does not
	// belong to this workspace" — a repository role for someone outside the
	// workspace.
	RefusalNotWorkspaceMember
	// RefusalNameInUse: "… name already in use".
	RefusalNameInUse
	// RefusalEmailInUse: "{ACCOUNT} email already in use".
	RefusalEmailInUse
	// RefusalUsernameInUse: "{ACCOUNT} username already in use".
	RefusalUsernameInUse
	// RefusalWrongLogin: "invalid username or password" (or LDAP's "wrong
	// user or password").
	RefusalWrongLogin
	// RefusalNotConfirmed: "account email not confirmed".
	RefusalNotConfirmed

	// The program's own refusals to use a session (no request was sent).

	// RefusalGroupSessionOver: a session that is never renewed (it carries
	// LDAP groups) has run out (MsgLDAPSessionOver).
	RefusalGroupSessionOver
	// RefusalSessionElsewhere: a service URL is not one the session was
	// made for (Session.Services), so the session is not sent there.
	RefusalSessionElsewhere
)

// refusalOf recognises the platform's worded refusals in msg.
func refusalOf(msg string) RefusalCode {
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "not found user"):
		return RefusalNoAccount
	case strings.Contains(low, "does not belong"):
		return RefusalNotWorkspaceMember
	case strings.Contains(low, "email already in use"):
		return RefusalEmailInUse
	case strings.Contains(low, "username already in use"):
		return RefusalUsernameInUse
	case strings.Contains(low, "name already in use"):
		return RefusalNameInUse
	case strings.Contains(low, "invalid username or password"), strings.Contains(low, "wrong user or password"):
		return RefusalWrongLogin
	case strings.Contains(low, "not confirmed"):
		return RefusalNotConfirmed
	}
	return RefusalNone
}

// fieldsOf reads a validation refusal ("name: the length must be between 1
// and 255; description: …") as the reason per JSON field. Parts that name
// no field are left out.
func fieldsOf(msg string) map[string]string {
	var out map[string]string
	for _, part := range strings.Split(strings.TrimSuffix(strings.TrimSpace(msg), "."), "; ") {
		field, reason, ok := strings.Cut(part, ": ")
		if !ok || reason == "" || field == "" || strings.ContainsAny(field, " {}") {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[field] = reason
	}
	return out
}

// RefusalOf returns err's RefusalCode, or RefusalNone when err is not an
// *Error.
func RefusalOf(err error) RefusalCode {
	var e *Error
	if errors.As(err, &e) {
		return e.Refusal
	}
	return RefusalNone
}
