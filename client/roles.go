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
