package client

import (
	"fmt"
	"slices"
	"strings"
)

// MaxGroups is how many groups each of a workspace's or repository's group
// lists may hold (authzAdmin, authzSupervisor, authzMember).
const MaxGroups = 5

// UsesGroups reports an auth type where access comes from groups, so
// workspaces and repositories have group lists (the web manager's dialogs
// show them for ldap and keycloak).
func UsesGroups(authType string) bool {
	return authType == AuthTypeLDAP || authType == AuthTypeKeycloak
}

// ParseGroups splits a comma-separated list of group names: trimmed, no
// empty names, each name once, in the order given.
func ParseGroups(s string) []string {
	var out []string
	for _, g := range strings.Split(s, ",") {
		if g = strings.TrimSpace(g); g != "" && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// JoinGroups is the inverse of ParseGroups, for a form field.
func JoinGroups(g []string) string { return strings.Join(g, ", ") }

// CheckGroups says what is wrong with one group list ("" when fine).
func CheckGroups(g []string) string {
	if len(g) > MaxGroups {
		return fmt.Sprintf("At most %d groups (%d given).", MaxGroups, len(g))
	}
	return ""
}

// CheckAdminGroups applies the LDAP platform's rule on creating a
// workspace or repository: its Admin groups must name at least one of the
// creator's own groups (else the platform answers "admin ldap group should
// be a valid one for this user"). mine are the caller's groups
// (Session.Groups). Other auth types only have the length limit.
func CheckAdminGroups(authType string, admin, mine []string) string {
	if msg := CheckGroups(admin); msg != "" {
		return msg
	}
	if authType != AuthTypeLDAP {
		return ""
	}
	for _, g := range admin {
		if slices.Contains(mine, g) {
			return ""
		}
	}
	if len(mine) == 0 {
		return "Name at least one of your LDAP groups: the platform accepts only those as Admin groups (this session carries none; log in again)."
	}
	return "Name at least one of your LDAP groups (" + JoinGroups(mine) + "): the platform accepts only those as Admin groups."
}
