package client

import (
	"fmt"
	"strings"
)

// RoleName is the label the UI shows for a platform role; an unknown role
// is shown as it is.
func RoleName(role string) string {
	switch role {
	case RoleAdmin:
		return "Manager"
	case RoleSupervisor:
		return "Supervisor"
	case RoleMember:
		return "User"
	case RoleApplicationAdmin:
		return "Application admin"
	}
	return role
}

// ParseRole reads a role typed by a user: the platform's names (admin,
// supervisor, member) or the UI's (manager, user), in any case. Only
// assignable roles are accepted.
func ParseRole(s string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "admin", "manager":
		return RoleAdmin, nil
	case "supervisor":
		return RoleSupervisor, nil
	case "member", "user":
		return RoleMember, nil
	}
	return "", fmt.Errorf("unknown role %q: use manager (admin), supervisor or user (member)", s)
}

// IsManager reports whether the caller manages the workspace: its Manager
// (admin), or the application admin. Managers edit and delete the
// workspace and see its tokens, members and dashboard.
func (w Workspace) IsManager() bool {
	return w.Role == RoleAdmin || w.Role == RoleApplicationAdmin
}

// IsManager reports whether the caller holds the repository's own admin
// role (or is the application admin). A workspace Manager acts as one too:
// see ManagesRepository.
func (r Repository) IsManager() bool {
	return r.Role == RoleAdmin || r.Role == RoleApplicationAdmin
}

// ManagesRepository reports whether the caller may manage repository r of
// workspace w: the platform lets a workspace's Managers act as the admins
// of every repository in it.
func ManagesRepository(w Workspace, r Repository) bool {
	return w.IsManager() || r.IsManager()
}
