package horusectest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The core's repository routes (client/repositories.go calls them).

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

// MinPageSize is the platform's smallest repository page.
const MinPageSize = 15

// listRepositories takes the lock itself: a page's cost is paid outside it.
func (s *Server) listRepositories(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	sc, ok := s.authorize(w, r, p, isWorkspaceMember)
	if !ok {
		s.mu.Unlock()
		return
	}
	q := r.URL.Query()
	page, _ := strconv.Atoi(q.Get("page"))
	size, _ := strconv.Atoi(q.Get("size"))
	search := strings.ToLower(q.Get("search"))
	if page < 1 || sc.appAdmin {
		search = "" // applied only with paging, never for the application admin
	}
	out := s.visibleRepositories(sc, search)
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

// visibleRepositories are the workspace's repositories the caller sees,
// by name, with the caller's role in each. s.mu must be held.
func (s *Server) visibleRepositories(sc scope, search string) []repositoryJSON {
	out := []repositoryJSON{}
	if sc.ws == nil {
		return out
	}
	wsRole := sc.wsRole()
	for _, repo := range sc.ws.reposByName() {
		if search != "" && !strings.Contains(strings.ToLower(repo.name), search) {
			continue
		}
		role := wsRole
		if s.ldap() {
			// By the repository's groups alone, with its group lists.
			if role = ldapRepositoryRole(sc.groups, repo); role != "" {
				out = append(out, repo.readBack(role))
			}
			continue
		}
		if !sc.appAdmin && wsRole != roleAdmin {
			var holds bool
			if role, holds = repo.members[sc.acc.id]; !holds {
				continue
			}
		}
		j := repo.readBack(role)
		j.AuthzAdmin, j.AuthzMember, j.AuthzSupervisor = nil, nil, nil // lists leave them out
		out = append(out, j)
	}
	return out
}

type repositoryBody struct {
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	AuthzAdmin      []string `json:"authzAdmin"`
	AuthzMember     []string `json:"authzMember"`
	AuthzSupervisor []string `json:"authzSupervisor"`
	Permissions     []string `json:"permissions"` // must be empty (validation.Empty)
}

// readRepositoryBody decodes and validates a create or update body,
// answering 400 when it is not right.
func readRepositoryBody(q *req) (body repositoryBody, ok bool) {
	if !q.decode(&body, "repository.Data") {
		return body, false
	}
	v := verrs{}
	v.named(body.Name, body.Description, body.Permissions)
	v.maxItems("authzAdmin", body.AuthzAdmin, 5)
	v.maxItems("authzMember", body.AuthzMember, 5)
	v.maxItems("authzSupervisor", body.AuthzSupervisor, 5)
	return body, !q.invalid(v)
}

func (s *Server) createRepository(q *req) {
	body, ok := readRepositoryBody(q)
	if !ok {
		return
	}
	sc := q.sc
	if s.ldap() && !intersects(sc.groups, body.AuthzAdmin) {
		q.refuse(http.StatusBadRequest, msgLDAPGroup)
		return
	}
	if sc.ws == nil {
		q.fail()
		return
	}
	if sc.ws.repoNames[body.Name] != nil {
		q.refuse(http.StatusBadRequest, msgRepoNameInUse)
		return
	}
	repo := newRepository(sc.ws, NewUUID(), body.Name, body.Description, s.now())
	// Missing or empty group lists inherit the workspace's; supervisors
	// inherit the workspace's admin groups (InheritWorkspaceGroups).
	repo.authzAdmin = orDefault(body.AuthzAdmin, sc.ws.authzAdmin)
	repo.authzMember = orDefault(body.AuthzMember, sc.ws.authzMember)
	repo.authzSupervisor = orDefault(body.AuthzSupervisor, sc.ws.authzAdmin)
	repo.members[sc.acc.id] = roleAdmin
	s.st.addRepository(sc.ws, repo)
	j := repo.readBack(roleAdmin)
	j.CreatedAt, j.UpdatedAt = repo.createdAt, repo.updatedAt
	q.answer(http.StatusCreated, j)
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

func (s *Server) getRepository(q *req) {
	sc := q.sc
	if sc.repo == nil {
		q.fail()
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
	q.answer(http.StatusOK, sc.repo.readBack(role))
}

func (s *Server) updateRepository(q *req) {
	body, ok := readRepositoryBody(q)
	if !ok {
		return
	}
	repo, ws := q.sc.repo, q.sc.ws
	if repo == nil {
		q.fail()
		return
	}
	if other := ws.repoNames[body.Name]; other != nil && other != repo {
		q.refuse(http.StatusBadRequest, msgRepoNameInUse)
		return
	}
	delete(ws.repoNames, repo.name)
	ws.byName = nil
	repo.name, repo.description = body.Name, body.Description
	repo.authzAdmin, repo.authzMember, repo.authzSupervisor = body.AuthzAdmin, body.AuthzMember, body.AuthzSupervisor
	repo.updatedAt = s.now()
	ws.repoNames[repo.name] = repo
	j := repo.readBack(roleAdmin)
	j.UpdatedAt = repo.updatedAt
	q.answer(http.StatusOK, j)
}

func (s *Server) deleteRepository(q *req) {
	if q.sc.repo != nil {
		s.st.deleteRepository(q.sc.ws, q.sc.repo)
	}
	q.noContent()
}
