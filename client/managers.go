package client

import "strings"

// LeavesNoManager reports whether giving target the role newRole, or
// removing target when newRole is "", would leave members (a workspace's
// or a repository's) without a Manager: then nobody could manage its
// people any more, and a workspace would vanish from every list but the
// application admin's. The commands and the screens refuse such a change
// with this one rule.
func LeavesNoManager(members []Member, target Member, newRole string) bool {
	if target.Role != RoleAdmin || newRole == RoleAdmin {
		return false
	}
	for _, m := range members {
		if m.Role == RoleAdmin && !sameMember(m, target) {
			return false
		}
	}
	return true
}

// sameMember compares two entries of a member list: by account id when
// both have a real one, else by e-mail without case.
func sameMember(a, b Member) bool {
	if knownID(a.AccountID) && knownID(b.AccountID) {
		return a.AccountID == b.AccountID
	}
	return a.Email != "" && strings.EqualFold(a.Email, b.Email)
}
