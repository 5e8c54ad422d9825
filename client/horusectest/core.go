package horusectest

import (
	"net/http"
)

// This file holds the core service's routes and the checks every core
// route runs first (the platform's auth gRPC checks, §4.2–§4.3). The
// handlers live by resource, as the client's methods do: workspaces.go,
// members.go (workspace and repository roles), tokens.go and
// repositories.go.

const (
	wsPath   = "/core/workspaces/{workspaceID}"
	repoPath = wsPath + "/repositories/{repositoryID}"
)

func (s *Server) coreRoutes(rt *router) {
	// Resolved from the token alone, without a route check.
	rt.handle("GET", "/core/workspaces", s.listWorkspaces)
	rt.handle("POST", "/core/workspaces", s.createWorkspace)
	rt.handle("GET", wsPath+"/repositories", s.listRepositories)
	// Behind a route check: path, then method.
	member, admin := isWorkspaceMember, isWorkspaceAdmin
	routes := map[string]map[string]checked{
		wsPath:                        {"GET": {member, s.getWorkspace}, "PATCH": {admin, s.updateWorkspace}, "DELETE": {admin, s.deleteWorkspace}},
		wsPath + "/roles":             {"GET": {admin, s.listWorkspaceMembers}, "POST": {admin, s.inviteWorkspaceMember}},
		wsPath + "/roles/{accountID}": {"PATCH": {admin, s.setWorkspaceRole}, "DELETE": {admin, s.removeWorkspaceMember}},
		wsPath + "/repositories":      {"POST": {admin, s.createRepository}},
		repoPath: {
			"GET":    {isRepositoryMember, s.getRepository},
			"PATCH":  {isRepositoryAdmin, s.updateRepository},
			"DELETE": {isRepositoryAdmin, s.deleteRepository},
		},
		repoPath + "/roles":             {"GET": {isRepositoryAdmin, s.listRepositoryMembers}, "POST": {isRepositoryAdmin, s.addRepositoryMember}},
		repoPath + "/roles/{accountID}": {"PATCH": {isRepositoryAdmin, s.setRepositoryRole}, "DELETE": {isRepositoryAdmin, s.removeRepositoryMember}},
	}
	// Workspace and repository tokens share the handlers.
	for base, c := range map[string]check{wsPath: admin, repoPath: isRepositoryAdmin} {
		routes[base+"/tokens"] = map[string]checked{"GET": {c, s.listTokens}, "POST": {c, s.createToken}}
		routes[base+"/tokens/{tokenID}"] = map[string]checked{"DELETE": {c, s.deleteToken}}
	}
	for path, methods := range routes {
		for method, r := range methods {
			rt.handle(method, path, s.guard(r.c, r.h))
		}
	}
}

// checked is a route's check and the handler that runs once it passed.
type checked struct {
	c check
	h func(*req)
}

// --- one request that passed its route's check ---

// req is a request whose route check passed; its handler runs with s.mu
// held. The helpers write the platform's answers.
type req struct {
	w   http.ResponseWriter
	r   *http.Request
	p   params
	sc  scope
	raw []byte // the body, read before the lock was taken
}

// guard reads the body, takes the lock and runs check c; h runs only when
// the check passed (authorize has answered otherwise).
func (s *Server) guard(c check, h func(*req)) func(http.ResponseWriter, *http.Request, params) {
	return func(w http.ResponseWriter, r *http.Request, p params) {
		raw := readBody(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		if sc, ok := s.authorize(w, r, p, c); ok {
			h(&req{w: w, r: r, p: p, sc: sc, raw: raw})
		}
	}
}

// fail answers the platform's bare 500: a row that is missing, a
// constraint of the database.
func (q *req) fail() { writeError(q.w, http.StatusInternalServerError, "") }

// refuse answers status with the platform's text msg.
func (q *req) refuse(status int, msg string) { writeError(q.w, status, msg) }

// answer writes content with status.
func (q *req) answer(status int, content any) { writeJSON(q.w, status, content) }

func (q *req) noContent() { writeNoContent(q.w) }

// decode reads the body into dst (typeName: the platform's Go type) and
// answers 400 when it cannot.
func (q *req) decode(dst any, typeName string) bool {
	msg, ok := decodeBytes(q.raw, dst, typeName)
	if !ok {
		q.refuse(http.StatusBadRequest, msg)
	}
	return ok
}

// invalid answers 400 with the validation texts in v, if any.
func (q *req) invalid(v verrs) bool {
	if len(v) == 0 {
		return false
	}
	q.refuse(http.StatusBadRequest, v.String())
	return true
}

// pathID is the UUID in the path parameter name; a malformed one is
// answered with 400.
func (q *req) pathID(name string) (string, bool) {
	id, bad := parseUUID(q.p[name])
	if bad != "" {
		q.refuse(http.StatusBadRequest, bad)
		return "", false
	}
	return id, true
}

// --- authorization (the platform's auth gRPC checks, §4.2–§4.3) ---

type check int

const (
	isWorkspaceMember check = iota + 1
	isWorkspaceAdmin
	isRepositoryMember
	isRepositorySupervisor
	isRepositoryAdmin
)

// scope is what a passed check found. ws and repo may be nil when the
// application admin names something that does not exist.
type scope struct {
	acc      *account
	appAdmin bool
	ws       *workspace
	repo     *repository
	groups   []string // LDAP mode: the token's groups
}

func roleAtLeast(role string, c check) bool {
	switch c {
	case isWorkspaceMember, isRepositoryMember:
		return validRole(role)
	case isRepositorySupervisor:
		return role == roleAdmin || role == roleSupervisor
	default:
		return role == roleAdmin
	}
}

// authorize runs route check c. On refusal it writes the platform's answer
// (401 privileges when the role is too low, 500 generic when the check
// itself fails) and returns false. s.mu must be held.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request, p params, c check) (scope, bool) {
	var sc scope
	claims, bad := parseJWT(bearer(r.Header.Get("X-Horusec-Authorization")), s.now())
	acc := s.st.accounts[claims.Subject]
	wsID, badWS := parseUUID(p["workspaceID"])
	var repoID, badRepo string
	if c >= isRepositoryMember {
		repoID, badRepo = parseUUID(p["repositoryID"])
	}
	if bad != "" || acc == nil || badWS != "" || badRepo != "" {
		writeError(w, http.StatusInternalServerError, "")
		return sc, false
	}
	sc.acc = acc
	sc.ws = s.st.workspaces[wsID]
	if sc.ws != nil && repoID != "" {
		sc.repo = sc.ws.repos[repoID]
	}
	if s.ldap() {
		return s.authorizeLDAP(w, sc, claims.Permissions, c)
	}
	if s.opts.ApplicationAdmin && acc.isAppAdmin {
		sc.appAdmin = true
		return sc, true
	}
	wsRole := ""
	if sc.ws != nil {
		wsRole = sc.ws.members[acc.id]
	}
	if c >= isRepositoryMember {
		if sc.repo != nil {
			if role, ok := sc.repo.members[acc.id]; ok {
				if roleAtLeast(role, c) {
					return sc, true
				}
				writeError(w, http.StatusUnauthorized, msgPrivileges)
				return sc, false
			}
		}
		// No repository role: only a workspace admin passes.
		c = isWorkspaceAdmin
	}
	if wsRole == "" {
		writeError(w, http.StatusInternalServerError, "")
		return sc, false
	}
	if !roleAtLeast(wsRole, c) {
		writeError(w, http.StatusUnauthorized, msgPrivileges)
		return sc, false
	}
	return sc, true
}

// tokenCaller resolves the caller the way GET/POST /core/workspaces do,
// with the token's LDAP groups, returning the status and text of a
// failure. s.mu must be held.
func (s *Server) tokenCaller(r *http.Request) (*account, []string, int, string) {
	tok := bearer(r.Header.Get("X-Horusec-Authorization"))
	if tok == "" {
		return nil, nil, http.StatusUnauthorized, msgRPCPrefix + msgNoEmail
	}
	claims, bad := parseJWT(tok, s.now())
	if bad != "" {
		return nil, nil, http.StatusBadRequest, msgRPCPrefix + bad
	}
	acc := s.st.accounts[claims.Subject]
	if acc == nil {
		return nil, nil, http.StatusUnauthorized, msgRPCPrefix + msgNotFoundRecords
	}
	return acc, claims.Permissions, 0, ""
}

// wsRole is the workspace role a passed check gives the caller.
func (sc scope) wsRole() string {
	if sc.appAdmin {
		return roleAppAdmin
	}
	if sc.groups != nil {
		if role := ldapWorkspaceRole(sc.groups, sc.ws); role != "" {
			return role
		}
		return roleAppAdmin // passed as a member of the admin group
	}
	return sc.ws.members[sc.acc.id]
}
