package client

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
)

// ZeroAccountID is what the platform sends as accountID where it has none:
// every LDAP login answers it (client/horusec-api.md §15).
const ZeroAccountID = "00000000-0000-0000-0000-000000000000"

// knownID reports whether id names an account: not empty, not the zero UUID.
func knownID(id string) bool { return id != "" && id != ZeroAccountID }

// SamePerson reports whether two sessions belong to the same person, with
// the rules of Session.IsMe: used to tell a login over an expired session from
// someone else logging in.
func SamePerson(a, b *Session) bool {
	if a == nil || b == nil {
		return false
	}
	return a.IsMe(Member{AccountID: b.AccountID, Username: b.Username, Email: b.Email})
}

// Groups returns the LDAP groups the access token carries (its
// "permissions" claim): what the platform compares with the authzAdmin,
// authzSupervisor and authzMember lists on an LDAP platform. Nil when the
// token has none (other auth types, or a renewed LDAP token).
func (s Session) Groups() []string {
	return tokenGroups(s.AccessToken)
}

// tokenGroups reads the "permissions" claim of a JWT without verifying it
// (the client needs to know what the platform will see, not to trust it).
func tokenGroups(jwt string) []string {
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return nil
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return nil
	}
	var claims struct {
		Permissions []string `json:"permissions"`
	}
	if json.Unmarshal(payload, &claims) != nil {
		return nil
	}
	var out []string
	for _, g := range claims.Permissions {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// KeepsGroups reports a session that must not be renewed: the platform's
// renewal of an LDAP session answers a token without the groups, after
// which every group-based check fails (§15). Such a session ends when its
// access token does, and the person logs in again with the password.
func (s Session) KeepsGroups() bool { return len(s.Groups()) > 0 }

// MsgLDAPSessionOver is what a person hears when an LDAP session's access
// token has run out.
const MsgLDAPSessionOver = "on this LDAP platform a session lasts one hour; log in again"

// MsgLDAPLogin500 explains the platform's generic 500 to a login on an LDAP
// platform: it is how the platform answers a wrong password of a directory
// user (an unknown login name gets "wrong user or password").
const MsgLDAPLogin500 = "The platform answered its generic error (HTTP 500), which on an LDAP platform is its usual answer to a wrong password."

// LDAPLoginFailed reports the platform's generic 500 to a login: on an LDAP
// platform, most likely a wrong password (see MsgLDAPLogin500).
func LDAPLoginFailed(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == http.StatusInternalServerError && e.Op == "log in"
}
