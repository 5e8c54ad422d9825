package horusectest

import (
	"crypto/sha256"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	wsPath   = "/core/workspaces/{workspaceID}"
	repoPath = wsPath + "/repositories/{repositoryID}"
)

func (s *Server) coreRoutes() *router {
	rt := &router{}
	rt.handle("GET", "/core/health", s.health)
	rt.handle("GET", "/core/workspaces", s.listWorkspaces)
	rt.handle("POST", "/core/workspaces", s.createWorkspace)
	rt.handle("GET", wsPath, s.getWorkspace)
	rt.handle("PATCH", wsPath, s.updateWorkspace)
	rt.handle("DELETE", wsPath, s.deleteWorkspace)
	rt.handle("GET", wsPath+"/roles", s.listWorkspaceMembers)
	rt.handle("POST", wsPath+"/roles", s.inviteWorkspaceMember)
	rt.handle("PATCH", wsPath+"/roles/{accountID}", s.setWorkspaceRole)
	rt.handle("DELETE", wsPath+"/roles/{accountID}", s.removeWorkspaceMember)
	rt.handle("GET", wsPath+"/tokens", s.listTokens)
	rt.handle("POST", wsPath+"/tokens", s.createToken)
	rt.handle("DELETE", wsPath+"/tokens/{tokenID}", s.deleteToken)
	rt.handle("GET", wsPath+"/repositories", s.listRepositories)
	rt.handle("POST", wsPath+"/repositories", s.createRepository)
	rt.handle("GET", repoPath, s.getRepository)
	rt.handle("PATCH", repoPath, s.updateRepository)
	rt.handle("DELETE", repoPath, s.deleteRepository)
	rt.handle("GET", repoPath+"/roles", s.listRepositoryMembers)
	rt.handle("POST", repoPath+"/roles", s.addRepositoryMember)
	rt.handle("PATCH", repoPath+"/roles/{accountID}", s.setRepositoryRole)
	rt.handle("DELETE", repoPath+"/roles/{accountID}", s.removeRepositoryMember)
	rt.handle("GET", repoPath+"/tokens", s.listTokens)
	rt.handle("POST", repoPath+"/tokens", s.createToken)
	rt.handle("DELETE", repoPath+"/tokens/{tokenID}", s.deleteToken)
	return rt
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

// --- JSON shapes ---

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

type repositoryJSON struct {
	WorkspaceID     string    `json:"workspaceID"`
	RepositoryID    string    `json:"repositoryID"`
	Name            string    `json:"name"`
	Role            string    `json:"role"`
	Description     string    `json:"description"`
	AuthzMember     []string  `json:"authzMember"`
	AuthzAdmin      []string  `json:"authzAdmin"`
	AuthzSupervisor []string  `json:"authzSupervisor"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

func (r *repository) readBack(role string) repositoryJSON {
	return repositoryJSON{
		WorkspaceID: r.workspaceID, RepositoryID: r.id, Name: r.name, Role: role, Description: r.description,
		AuthzMember: r.authzMember, AuthzAdmin: r.authzAdmin, AuthzSupervisor: r.authzSupervisor,
		CreatedAt: dateOnly(r.createdAt), UpdatedAt: dateOnly(r.updatedAt),
	}
}

type memberJSON struct {
	AccountID string `json:"accountID,omitempty"`
	Email     string `json:"email,omitempty"`
	Username  string `json:"username,omitempty"`
	Role      string `json:"role,omitempty"`
}

type tokenJSON struct {
	TokenID      string    `json:"tokenID"`
	WorkspaceID  string    `json:"workspaceID"`
	RepositoryID string    `json:"repositoryID"`
	Description  string    `json:"description"`
	SuffixValue  string    `json:"suffixValue"`
	IsExpirable  bool      `json:"isExpirable"`
	CreatedAt    time.Time `json:"createdAt"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

// --- workspaces ---

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

func (b *workspaceBody) validate() string {
	v := verrs{}
	if v.required("name", b.Name) {
		v.lenBetween("name", b.Name, 1, 255)
	}
	v.maxLen("description", b.Description, 255)
	v.maxItems("authzAdmin", b.AuthzAdmin, 5)
	v.maxItems("authzMember", b.AuthzMember, 5)
	if len(b.Permissions) > 0 {
		v.add("permissions", "must be blank")
	}
	if len(v) > 0 {
		return v.String()
	}
	return ""
}

func (s *Server) createWorkspace(w http.ResponseWriter, r *http.Request, _ params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.opts.ApplicationAdmin {
		// IsApplicationAdmin middleware: a failing check is a 500.
		claims, bad := parseJWT(bearer(r.Header.Get("X-Horusec-Authorization")), s.now())
		acc := s.st.accounts[claims.Subject]
		if bad != "" || acc == nil {
			writeError(w, http.StatusInternalServerError, "")
			return
		}
		isAdmin := acc.isAppAdmin
		if s.ldap() {
			isAdmin = slices.Contains(claims.Permissions, LDAPAdminGroup)
		}
		if !isAdmin {
			writeError(w, http.StatusUnauthorized, msgPrivileges)
			return
		}
	}
	acc, groups, status, msg := s.tokenCaller(r)
	if acc == nil {
		writeError(w, status, msg)
		return
	}
	var body workspaceBody
	if msg, ok := decodeBytes(raw, &body, "workspace.Data"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if msg := body.validate(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if s.ldap() && !intersects(groups, body.AuthzAdmin) {
		writeError(w, http.StatusBadRequest, msgLDAPGroup)
		return
	}
	now := s.now()
	ws := newWorkspace(newUUID(), body.Name, body.Description, now)
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

func (s *Server) getWorkspace(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceMember)
	if !ok {
		return
	}
	if sc.ws == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	writeJSON(w, http.StatusOK, sc.ws.readBack(sc.wsRole()))
}

func (s *Server) updateWorkspace(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	var body workspaceBody
	if msg, ok := decodeBytes(raw, &body, "workspace.Data"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if msg := body.validate(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if sc.ws == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	ws := sc.ws
	// Full replacement: omitted fields are cleared.
	ws.name, ws.description = body.Name, body.Description
	ws.authzAdmin, ws.authzMember = body.AuthzAdmin, body.AuthzMember
	ws.updatedAt = s.now()
	j := ws.readBack(roleAdmin)
	j.UpdatedAt = ws.updatedAt
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) deleteWorkspace(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	if sc.ws != nil {
		s.st.deleteWorkspace(sc.ws)
	}
	writeNoContent(w)
}

// --- workspace members ---

func (s *Server) memberJSON(accountID, role string) memberJSON {
	m := memberJSON{AccountID: accountID, Role: role}
	if a := s.st.accounts[accountID]; a != nil {
		m.Email, m.Username = a.email, a.username
	}
	return m
}

func (s *Server) listWorkspaceMembers(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	out := []memberJSON{}
	if sc.ws != nil {
		var skip map[string]string
		if id, bad := parseUUID(r.URL.Query().Get("notBelong")); bad == "" {
			if repo := sc.ws.repos[id]; repo != nil {
				skip = repo.members
			}
		}
		for id, role := range sc.ws.members {
			if _, in := skip[id]; in {
				continue
			}
			out = append(out, s.memberJSON(id, role))
		}
	}
	sortedByName(out, func(m memberJSON) string { return m.Email }, func(m memberJSON) string { return m.AccountID })
	writeJSON(w, http.StatusOK, out)
}

type inviteBody struct {
	Email    string `json:"email"`
	Role     string `json:"role"`
	Username string `json:"username"`
}

func (s *Server) inviteWorkspaceMember(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	var body inviteBody
	if msg, ok := decodeBytes(raw, &body, "role.InviteUserData"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	v := verrs{}
	if v.required("email", body.Email) {
		v.lenBetween("email", body.Email, 1, 255)
		v.email("email", body.Email)
	}
	v.role("role", body.Role)
	v.maxLen("username", body.Username, 255)
	if len(v) > 0 {
		writeError(w, http.StatusBadRequest, v.String())
		return
	}
	acc := s.st.byEmail[body.Email]
	if acc == nil {
		writeError(w, http.StatusBadRequest, msgUserNotFound)
		return
	}
	if sc.ws == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	if _, member := sc.ws.members[acc.id]; member {
		writeError(w, http.StatusInternalServerError, "") // unique constraint on the platform
		return
	}
	s.st.setMember(sc.ws, acc.id, body.Role)
	writeJSON(w, http.StatusOK, s.memberJSON(acc.id, body.Role))
}

type roleBody struct {
	Role string `json:"role"`
}

func readRole(raw []byte) (string, string) {
	var body roleBody
	if msg, ok := decodeBytes(raw, &body, "role.Data"); !ok {
		return "", msg
	}
	v := verrs{}
	v.role("role", body.Role)
	if len(v) > 0 {
		return "", v.String()
	}
	return body.Role, ""
}

func (s *Server) setWorkspaceRole(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	accountID, bad := parseUUID(p["accountID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	role, msg := readRole(raw)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if sc.ws == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	if _, member := sc.ws.members[accountID]; !member {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	sc.ws.members[accountID] = role
	writeJSON(w, http.StatusOK, memberJSON{AccountID: accountID, Role: role})
}

func (s *Server) removeWorkspaceMember(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	accountID, bad := parseUUID(p["accountID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	if sc.ws != nil {
		s.st.removeMember(sc.ws, accountID)
	}
	writeNoContent(w)
}

// --- tokens (workspace and repository routes share the handlers) ---

func tokenCheck(p params) check {
	if _, ok := p["repositoryID"]; ok {
		return isRepositoryAdmin
	}
	return isWorkspaceAdmin
}

// tokenSet returns the tokens a route addresses, or nil when its workspace
// or repository does not exist.
func (sc scope) tokenSet(p params) map[string]*token {
	if sc.ws == nil {
		return nil
	}
	if _, ok := p["repositoryID"]; ok {
		if sc.repo == nil {
			return nil
		}
		return sc.repo.tokens
	}
	return sc.ws.tokens
}

func (t *token) readBack() tokenJSON {
	j := tokenJSON{
		TokenID: t.id, WorkspaceID: t.workspaceID, RepositoryID: t.repositoryID,
		Description: t.description, SuffixValue: t.suffix, IsExpirable: t.isExpirable,
		CreatedAt: dateOnly(t.createdAt),
	}
	if t.isExpirable {
		j.ExpiresAt = dateOnly(t.expiresAt)
	}
	return j
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, tokenCheck(p))
	if !ok {
		return
	}
	out := []tokenJSON{}
	for _, t := range sc.tokenSet(p) {
		out = append(out, t.readBack())
	}
	sortedByName(out, func(t tokenJSON) string { return t.CreatedAt.Format(time.RFC3339) + t.Description }, func(t tokenJSON) string { return t.TokenID })
	writeJSON(w, http.StatusOK, out)
}

type tokenBody struct {
	Description string     `json:"description"`
	IsExpirable bool       `json:"isExpirable"`
	ExpiresAt   *time.Time `json:"expiresAt"`
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, tokenCheck(p))
	if !ok {
		return
	}
	var body tokenBody
	if msg, ok := decodeBytes(raw, &body, "token.Data"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	now := s.now()
	v := verrs{}
	if v.required("description", body.Description) {
		v.lenBetween("description", body.Description, 1, 255)
	}
	// The check uses the full time; the stored value keeps only the date.
	if body.IsExpirable && (body.ExpiresAt == nil || !body.ExpiresAt.After(now)) {
		v.add("expiresAt", msgPastDate)
	}
	if len(v) > 0 {
		writeError(w, http.StatusBadRequest, v.String())
		return
	}
	set := sc.tokenSet(p)
	if set == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	var expiresAt time.Time
	if body.IsExpirable {
		expiresAt = *body.ExpiresAt
	}
	plain := s.st.newToken(sc.ws, sc.repo, "", body.Description, now, expiresAt)
	writeJSON(w, http.StatusCreated, plain)
}

// newToken stores a token and returns its plaintext, which is kept nowhere.
// An empty id draws a new one; a zero expiresAt never expires.
func (st *state) newToken(ws *workspace, repo *repository, id, description string, now, expiresAt time.Time) string {
	plain := newUUID()
	if id == "" {
		id = newUUID()
	}
	t := &token{
		id: id, workspaceID: ws.id, description: description,
		hash: sha256.Sum256([]byte(plain)), suffix: plain[len(plain)-5:],
		isExpirable: !expiresAt.IsZero(), createdAt: now, expiresAt: expiresAt,
	}
	if repo != nil {
		t.repositoryID = repo.id
	}
	st.addToken(ws, repo, t)
	return plain
}

func (s *Server) deleteToken(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, tokenCheck(p))
	if !ok {
		return
	}
	id, bad := parseUUID(p["tokenID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	set := sc.tokenSet(p)
	if t := set[id]; t != nil {
		delete(set, id)
		delete(s.st.tokensByHash, t.hash)
	}
	writeNoContent(w)
}

// --- repositories ---

// MinPageSize is the platform's smallest repository page.
const MinPageSize = 15

func (s *Server) listRepositories(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	sc, ok := s.authorize(w, r, p, isWorkspaceMember)
	if !ok {
		s.mu.Unlock()
		return
	}
	out := []repositoryJSON{}
	if sc.ws == nil {
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, out)
		return
	}
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	search := strings.ToLower(q.Get("search"))
	if page < 1 || sc.appAdmin {
		search = "" // applied only with paging, never for the application admin
	}
	wsRole := sc.wsRole()
	for _, repo := range sc.ws.reposByName() {
		role := wsRole
		if s.ldap() {
			// By the repository's groups alone, with its group lists.
			if role = ldapRepositoryRole(sc.groups, repo); role == "" {
				continue
			}
			if search != "" && !strings.Contains(strings.ToLower(repo.name), search) {
				continue
			}
			out = append(out, repo.readBack(role))
			continue
		}
		if !sc.appAdmin && wsRole != roleAdmin {
			var holds bool
			if role, holds = repo.members[sc.acc.id]; !holds {
				continue
			}
		}
		if search != "" && !strings.Contains(strings.ToLower(repo.name), search) {
			continue
		}
		j := repo.readBack(role)
		j.AuthzAdmin, j.AuthzMember, j.AuthzSupervisor = nil, nil, nil // lists leave them out
		out = append(out, j)
	}
	s.mu.Unlock()
	skipped := 0
	if page >= 1 {
		if size < MinPageSize {
			size = MinPageSize
		}
		lo := (page - 1) * size
		if lo > len(out) || lo < 0 {
			lo = len(out)
		}
		hi := min(lo+size, len(out))
		skipped = lo
		out = out[lo:hi]
	}
	// Outside the lock: the real database answers several pages at once.
	s.opts.ListCost.wait(skipped, len(out))
	writeJSON(w, http.StatusOK, out)
}

type repositoryBody struct {
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	AuthzAdmin      []string `json:"authzAdmin"`
	AuthzMember     []string `json:"authzMember"`
	AuthzSupervisor []string `json:"authzSupervisor"`
	Permissions     []string `json:"permissions"` // must be empty (validation.Empty)
}

func readRepositoryBody(raw []byte) (repositoryBody, string) {
	var body repositoryBody
	if msg, ok := decodeBytes(raw, &body, "repository.Data"); !ok {
		return body, msg
	}
	v := verrs{}
	if v.required("name", body.Name) {
		v.lenBetween("name", body.Name, 1, 255)
	}
	v.maxLen("description", body.Description, 255)
	v.maxItems("authzAdmin", body.AuthzAdmin, 5)
	v.maxItems("authzMember", body.AuthzMember, 5)
	v.maxItems("authzSupervisor", body.AuthzSupervisor, 5)
	if len(body.Permissions) > 0 {
		v.add("permissions", "must be blank")
	}
	if len(v) > 0 {
		return body, v.String()
	}
	return body, ""
}

func (s *Server) createRepository(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isWorkspaceAdmin)
	if !ok {
		return
	}
	body, msg := readRepositoryBody(raw)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if s.ldap() && !intersects(sc.groups, body.AuthzAdmin) {
		writeError(w, http.StatusBadRequest, msgLDAPGroup)
		return
	}
	if sc.ws == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	if sc.ws.repoNames[body.Name] != nil {
		writeError(w, http.StatusBadRequest, msgRepoNameInUse)
		return
	}
	repo := newRepository(sc.ws, newUUID(), body.Name, body.Description, s.now())
	// Missing or empty group lists inherit the workspace's; supervisors
	// inherit the workspace's admin groups (InheritWorkspaceGroups).
	repo.authzAdmin = orDefault(body.AuthzAdmin, sc.ws.authzAdmin)
	repo.authzMember = orDefault(body.AuthzMember, sc.ws.authzMember)
	repo.authzSupervisor = orDefault(body.AuthzSupervisor, sc.ws.authzAdmin)
	repo.members[sc.acc.id] = roleAdmin
	s.st.addRepository(sc.ws, repo)
	j := repo.readBack(roleAdmin)
	j.CreatedAt, j.UpdatedAt = repo.createdAt, repo.updatedAt
	writeJSON(w, http.StatusCreated, j)
}

func orDefault(l, def []string) []string {
	if len(l) == 0 {
		return def
	}
	return l
}

func newRepository(ws *workspace, id, name, description string, now time.Time) *repository {
	return &repository{
		id: id, workspaceID: ws.id, name: name, description: description,
		createdAt: now, updatedAt: now,
		members: map[string]string{}, tokens: map[string]*token{},
	}
}

func (s *Server) getRepository(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryMember)
	if !ok {
		return
	}
	if sc.repo == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	role := roleAppAdmin
	switch {
	case s.ldap():
		if role = ldapRepositoryRole(sc.groups, sc.repo); role != "" {
			break
		}
		if role = roleAppAdmin; intersects(sc.groups, sc.ws.authzAdmin) {
			role = roleAdmin // passed as workspace admin
		}
	case !sc.appAdmin:
		var holds bool
		if role, holds = sc.repo.members[sc.acc.id]; !holds {
			role = roleAdmin // passed as workspace admin
		}
	}
	writeJSON(w, http.StatusOK, sc.repo.readBack(role))
}

func (s *Server) updateRepository(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryAdmin)
	if !ok {
		return
	}
	body, msg := readRepositoryBody(raw)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if sc.repo == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	repo := sc.repo
	if other := sc.ws.repoNames[body.Name]; other != nil && other != repo {
		writeError(w, http.StatusBadRequest, msgRepoNameInUse)
		return
	}
	delete(sc.ws.repoNames, repo.name)
	sc.ws.byName = nil
	repo.name, repo.description = body.Name, body.Description
	repo.authzAdmin, repo.authzMember, repo.authzSupervisor = body.AuthzAdmin, body.AuthzMember, body.AuthzSupervisor
	repo.updatedAt = s.now()
	sc.ws.repoNames[repo.name] = repo
	j := repo.readBack(roleAdmin)
	j.UpdatedAt = repo.updatedAt
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) deleteRepository(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryAdmin)
	if !ok {
		return
	}
	if sc.repo != nil {
		s.st.deleteRepository(sc.ws, sc.repo)
	}
	writeNoContent(w)
}

// --- repository members ---

func (s *Server) listRepositoryMembers(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryAdmin)
	if !ok {
		return
	}
	out := []memberJSON{}
	if sc.repo != nil {
		for id, role := range sc.repo.members {
			out = append(out, s.memberJSON(id, role))
		}
	}
	sortedByName(out, func(m memberJSON) string { return m.Email }, func(m memberJSON) string { return m.AccountID })
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) addRepositoryMember(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryAdmin)
	if !ok {
		return
	}
	var body struct {
		AccountID string `json:"accountID"`
		inviteBody
	}
	if msg, ok := decodeBytes(raw, &body, "role.UserData"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	accountID := ""
	if body.AccountID != "" {
		var bad string
		if accountID, bad = parseUUID(body.AccountID); bad != "" {
			writeError(w, http.StatusBadRequest, bad) // the body's uuid.UUID fails to decode
			return
		}
	}
	v := verrs{}
	if v.required("email", body.Email) {
		v.lenBetween("email", body.Email, 1, 255)
		v.email("email", body.Email)
	}
	v.role("role", body.Role)
	v.maxLen("username", body.Username, 255)
	if len(v) > 0 {
		writeError(w, http.StatusBadRequest, v.String())
		return
	}
	if sc.ws == nil || sc.repo == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	if _, member := sc.ws.members[accountID]; !member {
		writeError(w, http.StatusBadRequest, msgNotInWorkspace)
		return
	}
	if _, holds := sc.repo.members[accountID]; holds {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	sc.repo.members[accountID] = body.Role
	// The answer echoes the body's e-mail and username.
	writeJSON(w, http.StatusOK, memberJSON{AccountID: accountID, Email: body.Email, Username: body.Username, Role: body.Role})
}

func (s *Server) setRepositoryRole(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryAdmin)
	if !ok {
		return
	}
	accountID, bad := parseUUID(p["accountID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	role, msg := readRole(raw)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if sc.ws == nil || sc.repo == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	if _, member := sc.ws.members[accountID]; !member {
		writeError(w, http.StatusBadRequest, msgNotInWorkspace)
		return
	}
	if _, holds := sc.repo.members[accountID]; !holds {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	sc.repo.members[accountID] = role
	writeJSON(w, http.StatusOK, memberJSON{AccountID: accountID, Role: role})
}

func (s *Server) removeRepositoryMember(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sc, ok := s.authorize(w, r, p, isRepositoryAdmin)
	if !ok {
		return
	}
	accountID, bad := parseUUID(p["accountID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	if sc.repo != nil {
		delete(sc.repo.members, accountID)
	}
	writeNoContent(w)
}
