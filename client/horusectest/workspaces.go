package horusectest

import (
	"net/http"
	"slices"
	"time"
)

// The core's workspace routes (client/workspaces.go calls them).

type workspaceJSON struct {
	WorkspaceID       string    `json:"workspaceID"`
	Name              string    `json:"name"`
	Role              string    `json:"role"`
	Description       string    `json:"description"`
	AuthzMember       []string  `json:"authzMember"`
	AuthzAdmin        []string  `json:"authzAdmin"`
	CreatedAt         time.Time `json:"createdAt"`
	UpdatedAt         time.Time `json:"updatedAt"`
	RepositoriesCount int       `json:"repositoriesCount"`
}

// readBack is a workspace as the database returns it: dates only.
func (ws *workspace) readBack(role string) workspaceJSON {
	return workspaceJSON{
		WorkspaceID: ws.id, Name: ws.name, Role: role, Description: ws.description,
		AuthzMember: ws.authzMember, AuthzAdmin: ws.authzAdmin,
		CreatedAt: dateOnly(ws.createdAt), UpdatedAt: dateOnly(ws.updatedAt),
	}
}

func (s *Server) listWorkspaces(w http.ResponseWriter, r *http.Request, _ params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	acc, groups, status, msg := s.tokenCaller(r)
	if acc == nil {
		writeError(w, status, msg)
		return
	}
	out := []workspaceJSON{}
	add := func(ws *workspace, role string) {
		j := ws.readBack(role)
		j.RepositoriesCount = len(ws.repos)
		out = append(out, j)
	}
	if s.ldap() {
		// By the token's groups alone: a token without groups (a
		// refreshed one) lists nothing.
		for _, ws := range s.st.workspaces {
			if role := ldapWorkspaceRole(groups, ws); role != "" {
				add(ws, role)
			}
		}
	} else if s.opts.ApplicationAdmin && acc.isAppAdmin {
		for _, ws := range s.st.workspaces {
			add(ws, roleAppAdmin)
		}
	} else {
		for id := range s.st.accountWS[acc.id] {
			ws := s.st.workspaces[id]
			add(ws, ws.members[acc.id])
		}
	}
	sortedByName(out, func(j workspaceJSON) string { return j.Name }, func(j workspaceJSON) string { return j.WorkspaceID })
	writeJSON(w, http.StatusOK, out)
}

type workspaceBody struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	AuthzAdmin  []string `json:"authzAdmin"`
	AuthzMember []string `json:"authzMember"`
	Permissions []string `json:"permissions"` // must be empty (validation.Empty)
}

// readWorkspaceBody decodes and validates a create or update body; msg is
// the platform's 400 text.
func readWorkspaceBody(raw []byte) (body workspaceBody, msg string) {
	if msg, ok := decodeBytes(raw, &body, "workspace.Data"); !ok {
		return body, msg
	}
	v := verrs{}
	v.named(body.Name, body.Description, body.Permissions)
	v.maxItems("authzAdmin", body.AuthzAdmin, 5)
	v.maxItems("authzMember", body.AuthzMember, 5)
	if len(v) > 0 {
		return body, v.String()
	}
	return body, ""
}

// named applies the rules a workspace and a repository body share: a name
// of 1 to 255 bytes, a description of at most 255, no permissions.
func (v verrs) named(name, description string, permissions []string) {
	if v.required("name", name) {
		v.lenBetween("name", name, 1, 255)
	}
	v.maxLen("description", description, 255)
	if len(permissions) > 0 {
		v.add("permissions", "must be blank")
	}
}

// appAdminOnly is the IsApplicationAdmin middleware of a platform with an
// application admin: a failing check is a 500. s.mu must be held.
func (s *Server) appAdminOnly(w http.ResponseWriter, r *http.Request) bool {
	claims, bad := parseJWT(bearer(r.Header.Get("X-Horusec-Authorization")), s.now())
	acc := s.st.accounts[claims.Subject]
	if bad != "" || acc == nil {
		writeError(w, http.StatusInternalServerError, "")
		return false
	}
	isAdmin := acc.isAppAdmin
	if s.ldap() {
		isAdmin = slices.Contains(claims.Permissions, LDAPAdminGroup)
	}
	if !isAdmin {
		writeError(w, http.StatusUnauthorized, msgPrivileges)
	}
	return isAdmin
}

func (s *Server) createWorkspace(w http.ResponseWriter, r *http.Request, _ params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.ApplicationAdmin && !s.appAdminOnly(w, r) {
		return
	}
	acc, groups, status, msg := s.tokenCaller(r)
	if acc == nil {
		writeError(w, status, msg)
		return
	}
	body, msg := readWorkspaceBody(raw)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if s.ldap() && !intersects(groups, body.AuthzAdmin) {
		writeError(w, http.StatusBadRequest, msgLDAPGroup)
		return
	}
	now := s.now()
	ws := newWorkspace(NewUUID(), body.Name, body.Description, now)
	ws.authzAdmin, ws.authzMember = body.AuthzAdmin, body.AuthzMember
	s.st.addWorkspace(ws)
	s.st.setMember(ws, acc.id, roleAdmin)
	j := ws.readBack(roleAdmin)
	j.CreatedAt, j.UpdatedAt = ws.createdAt, ws.updatedAt // just created: full precision
	writeJSON(w, http.StatusCreated, j)
}

func newWorkspace(id, name, description string, now time.Time) *workspace {
	return &workspace{
		id: id, name: name, description: description, createdAt: now, updatedAt: now,
		members: map[string]string{}, repos: map[string]*repository{},
		repoNames: map[string]*repository{}, tokens: map[string]*token{},
	}
}

func (s *Server) getWorkspace(q *req) {
	if q.sc.ws == nil {
		q.fail()
		return
	}
	q.answer(http.StatusOK, q.sc.ws.readBack(q.sc.wsRole()))
}

func (s *Server) updateWorkspace(q *req) {
	body, msg := readWorkspaceBody(q.raw)
	if msg != "" {
		q.refuse(http.StatusBadRequest, msg)
		return
	}
	ws := q.sc.ws
	if ws == nil {
		q.fail()
		return
	}
	// Full replacement: omitted fields are cleared.
	ws.name, ws.description = body.Name, body.Description
	ws.authzAdmin, ws.authzMember = body.AuthzAdmin, body.AuthzMember
	ws.updatedAt = s.now()
	j := ws.readBack(roleAdmin)
	j.UpdatedAt = ws.updatedAt
	q.answer(http.StatusOK, j)
}

func (s *Server) deleteWorkspace(q *req) {
	if q.sc.ws != nil {
		s.st.deleteWorkspace(q.sc.ws)
	}
	q.noContent()
}
