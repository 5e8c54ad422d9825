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
	// RefusalWrongLogin: "{HORUSEC AUTH} invalid username or password".
	RefusalWrongLogin
	// RefusalWrongLDAPLogin: "{LDAP} wrong user or password" — the login
	// name or the password is wrong on an LDAP platform.
	RefusalWrongLDAPLogin
	// RefusalNotConfirmed: "account email not confirmed".
	RefusalNotConfirmed
	// RefusalNoPrivileges: "{HORUSEC_MIDDLEWARE} you do not have enough
	// privileges for this action" — the caller's role is too low (or, on
	// the api service, the token was refused).
	RefusalNoPrivileges
	// RefusalAdminGroup: "admin ldap group should be a valid one for this
	// user" — a new workspace's or repository's Admin groups name none of
	// the caller's LDAP groups.
	RefusalAdminGroup
	// RefusalPastExpiry: "{TOKEN} expires at cannot be a past date".
	RefusalPastExpiry
	// RefusalAPITokenExpired: the api service's "this authorization token
	// has expired, please renew it" — a Horusec token, not the session.
	RefusalAPITokenExpired
	// RefusalPlatformFailed: the fixed text of every 500, "{ERROR_HTTP}
	// something went wrong, sorry for the inconvenience".
	RefusalPlatformFailed

	// Refusals of the session (Kind is KindUnauthenticated on 400 and 401).

	// RefusalSessionExpired: the access token has expired ("token is
	// expired by …"); a renewed session fixes it.
	RefusalSessionExpired
	// RefusalSessionInvalid: the access token is missing, malformed, badly
	// signed or names a deleted account.
	RefusalSessionInvalid
	// RefusalRefreshRefused: "{ACCOUNT} invalid or expired refresh token" —
	// unknown, reused, logged out or expired; only this ends a session.
	RefusalRefreshRefused

	// The program's own refusals to use a session (no request was sent).

	// RefusalGroupSessionOver: a session that is never renewed (it carries
	// LDAP groups) has run out (MsgLDAPSessionOver).
	RefusalGroupSessionOver
	// RefusalSessionElsewhere: a service URL is not one the session was
	// made for (Session.Services), so the session is not sent there.
	RefusalSessionElsewhere
)

// refusalOf recognises the platform's worded refusals in msg. It is the
// one place that reads the platform's words; everything else (Kind, the
// UI's words, renewing the session) goes by the code.
func refusalOf(msg string) RefusalCode {
	low := strings.ToLower(msg)
	switch {
	case strings.Contains(low, "invalid or expired refresh token"):
		return RefusalRefreshRefused
	case strings.Contains(low, "token is expired"):
		return RefusalSessionExpired
	case sessionInvalid(low):
		return RefusalSessionInvalid
	case strings.Contains(low, "you do not have enough privileges"):
		return RefusalNoPrivileges
	case strings.Contains(low, "admin ldap group"):
		return RefusalAdminGroup
	case strings.Contains(low, "expires at cannot be a past date"):
		return RefusalPastExpiry
	case strings.Contains(low, "authorization token has expired"):
		return RefusalAPITokenExpired
	case strings.Contains(low, "something went wrong, sorry for the inconvenience"):
		return RefusalPlatformFailed
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
	case strings.Contains(low, "invalid username or password"):
		return RefusalWrongLogin
	case strings.Contains(low, "wrong user or password"):
		return RefusalWrongLDAPLogin
	case strings.Contains(low, "not confirmed"):
		return RefusalNotConfirmed
	}
	return RefusalNone
}

// sessionInvalid recognises the texts the platform uses when the access
// token is missing, malformed, badly signed or names a deleted account.
func sessionInvalid(low string) bool {
	for _, s := range []string{
		"token contains an invalid",
		"token is malformed",
		"signature is invalid",
		"is not possible get user without email",
	} {
		if strings.Contains(low, s) {
			return true
		}
	}
	return strings.Contains(low, "rpc error") && (strings.Contains(low, "token") || strings.Contains(low, "not found records"))
}

// session reports a refusal of the session's tokens.
func (r RefusalCode) session() bool {
	return r == RefusalSessionExpired || r == RefusalSessionInvalid || r == RefusalRefreshRefused
}

// inUse reports a refusal of a name, e-mail or username already taken.
func (r RefusalCode) inUse() bool {
	return r == RefusalNameInUse || r == RefusalEmailInUse || r == RefusalUsernameInUse
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
