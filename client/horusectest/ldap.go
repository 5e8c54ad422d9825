package horusectest

import (
	"crypto/rand"
	"crypto/subtle"
	"net/http"
	"slices"
)

// LDAP mode (Options.LDAP) behaves as the platform with auth type "ldap"
// (client/horusec-api.md §15): people log in with a directory login name, access
// comes from the groups in the access token's "permissions" compared with
// the workspace's and repository's authzAdmin / authzSupervisor /
// authzMember lists, roles stored with …/roles are kept but not used, and a
// refreshed token carries no groups.

// Directory logins of the demo's LDAP mode and their groups.
const (
	// LDAPManagerLogin is in LDAPLeadsGroup and LDAPDevelopersGroup: a
	// Manager of every seed workspace the demo Manager manages.
	LDAPManagerLogin    = "manager"
	LDAPManagerPassword = ManagerPassword
	// LDAPUserLogin is in LDAPDevelopersGroup only.
	LDAPUserLogin    = "user"
	LDAPUserPassword = UserPassword
	// LDAPAdminLogin is in LDAPAdminGroup (HORUSEC_LDAP_ADMIN_GROUP): an
	// application admin who passes every check.
	LDAPAdminLogin    = AdminUsername
	LDAPAdminPassword = AdminPassword

	LDAPLeadsGroup         = "platform-leads"
	LDAPDevelopersGroup    = "developers"
	LDAPSecurityLeadsGroup = "security-leads"
	LDAPAdminGroup         = "horusec-admins"
)

const (
	msgLDAPWrongLogin = "{LDAP} wrong user or password"
	msgLDAPGroup      = "admin ldap group should be a valid one for this user"
)

// dirEntry is a directory user: the password only as a salted hash.
type dirEntry struct {
	login  string
	email  string
	salt   [16]byte
	pwHash [32]byte
	groups []string
}

func newDirectory() map[string]*dirEntry {
	d := map[string]*dirEntry{}
	add := func(login, email, password string, groups ...string) {
		e := &dirEntry{login: login, email: email, groups: groups}
		_, _ = rand.Read(e.salt[:])
		e.pwHash = hashPassword(e.salt, password)
		d[login] = e
	}
	add(LDAPManagerLogin, ManagerEmail, LDAPManagerPassword, LDAPLeadsGroup, LDAPDevelopersGroup)
	add(LDAPUserLogin, UserEmail, LDAPUserPassword, LDAPDevelopersGroup)
	add(LDAPAdminLogin, AdminEmail, LDAPAdminPassword, LDAPAdminGroup)
	return d
}

func (s *Server) ldap() bool { return s.opts.LDAP }

// ldapLogin answers POST /auth/authenticate/login in LDAP mode. s.mu must
// be held.
func (s *Server) ldapLogin(w http.ResponseWriter, login, password string) {
	e := s.st.directory[login]
	if e == nil {
		writeError(w, http.StatusForbidden, msgLDAPWrongLogin)
		return
	}
	h := hashPassword(e.salt, password)
	if subtle.ConstantTimeCompare(h[:], e.pwHash[:]) != 1 {
		// The directory answers "Invalid Credentials" (result 49), which
		// the platform turns into its generic 500.
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	// The platform keys LDAP users by their login name and creates the
	// account at the first login.
	a := s.st.byUsername[e.login]
	if a == nil {
		var pw [16]byte
		_, _ = rand.Read(pw[:])
		a = s.newAccount("", e.email, e.login, string(pw[:]), true)
	}
	resp := s.sessionWith(a, slices.Clone(e.groups))
	resp.AccountID = zeroUUID // not filled in LDAP mode
	resp.IsApplicationAdmin = slices.Contains(e.groups, LDAPAdminGroup)
	writeJSON(w, http.StatusOK, resp)
}

// intersects reports whether the caller's groups name one of allowed.
func intersects(groups, allowed []string) bool {
	for _, g := range groups {
		if g != "" && slices.Contains(allowed, g) {
			return true
		}
	}
	return false
}

// ldapWorkspaceRole is the role the platform reports for a workspace in
// LDAP mode: from the groups alone.
func ldapWorkspaceRole(groups []string, ws *workspace) string {
	return ldapRole(groups, ws.authzAdmin, nil, ws.authzMember)
}

func ldapRepositoryRole(groups []string, r *repository) string {
	return ldapRole(groups, r.authzAdmin, r.authzSupervisor, r.authzMember)
}

// ldapRole is the highest role whose groups the caller is in: admin, then
// supervisor (repositories only), then member; none is "".
func ldapRole(groups, admin, supervisor, member []string) string {
	switch {
	case intersects(groups, admin):
		return roleAdmin
	case intersects(groups, supervisor):
		return roleSupervisor
	case intersects(groups, member):
		return roleMember
	}
	return ""
}

// authorizeLDAP is the auth service's LDAP check: the token's groups
// against the groups the check accepts (the admin group always among them).
// A refusal is 401 whatever the reason; a missing workspace or repository
// is an error of the check, so 500. s.mu must be held.
func (s *Server) authorizeLDAP(w http.ResponseWriter, sc scope, groups []string, c check) (scope, bool) {
	if sc.ws == nil || (c >= isRepositoryMember && sc.repo == nil) {
		writeError(w, http.StatusInternalServerError, "")
		return sc, false
	}
	allowed := []string{LDAPAdminGroup}
	ws, r := sc.ws, sc.repo
	switch c {
	case isWorkspaceAdmin:
		allowed = append(allowed, ws.authzAdmin...)
	case isWorkspaceMember:
		allowed = append(append(allowed, ws.authzAdmin...), ws.authzMember...)
	case isRepositoryAdmin:
		allowed = append(append(allowed, r.authzAdmin...), ws.authzAdmin...)
	case isRepositorySupervisor:
		allowed = append(append(append(allowed, r.authzAdmin...), r.authzSupervisor...), ws.authzAdmin...)
	case isRepositoryMember:
		allowed = append(append(append(append(allowed, r.authzAdmin...), r.authzSupervisor...), r.authzMember...), ws.authzAdmin...)
	}
	if !intersects(groups, allowed) {
		writeError(w, http.StatusUnauthorized, msgPrivileges)
		return sc, false
	}
	sc.groups = append([]string{}, groups...) // non-nil: marks LDAP mode
	return sc, true
}

// seedLDAPGroups gives the seed's workspaces and repositories group lists
// that match the directory: the leads manage what the demo Manager
// manages, the developers reach what the demo User reaches. s.mu must be
// held.
func (s *Server) seedLDAPGroups() {
	manager, user := s.st.byEmail[ManagerEmail], s.st.byEmail[UserEmail]
	if manager == nil || user == nil {
		return
	}
	for _, ws := range s.st.workspaces {
		if ws.members[manager.id] == roleAdmin {
			ws.authzAdmin = []string{LDAPLeadsGroup}
		} else {
			ws.authzAdmin = []string{LDAPSecurityLeadsGroup}
		}
		if _, in := ws.members[user.id]; in {
			ws.authzMember = []string{LDAPDevelopersGroup}
		}
		for _, r := range ws.repos {
			r.authzAdmin = ws.authzAdmin
			r.authzSupervisor = ws.authzAdmin
			if _, in := r.members[user.id]; in {
				r.authzMember = []string{LDAPDevelopersGroup}
			}
		}
	}
}
