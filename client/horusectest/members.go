package horusectest

import (
	"net/http"
)

// The core's role routes: workspace members and repository members
// (client/members.go calls them).

// memberJSON is a workspace or repository member as the core answers it.
type memberJSON struct {
	AccountID string `json:"accountID,omitempty"`
	Email     string `json:"email,omitempty"`
	Username  string `json:"username,omitempty"`
	Role      string `json:"role,omitempty"`
}

func (s *Server) memberJSON(accountID, role string) memberJSON {
	m := memberJSON{AccountID: accountID, Role: role}
	if a := s.st.accounts[accountID]; a != nil {
		m.Email, m.Username = a.email, a.username
	}
	return m
}

// answerMembers writes the members of roles, by e-mail, leaving out those
// in skip.
func (s *Server) answerMembers(q *req, roles, skip map[string]string) {
	out := []memberJSON{}
	for id, role := range roles {
		if _, in := skip[id]; !in {
			out = append(out, s.memberJSON(id, role))
		}
	}
	sortedByName(out, func(m memberJSON) string { return m.Email }, func(m memberJSON) string { return m.AccountID })
	q.answer(http.StatusOK, out)
}

// --- workspace members ---

func (s *Server) listWorkspaceMembers(q *req) {
	ws := q.sc.ws
	if ws == nil {
		s.answerMembers(q, nil, nil)
		return
	}
	var skip map[string]string
	if id, bad := parseUUID(q.r.URL.Query().Get("notBelong")); bad == "" {
		if repo := ws.repos[id]; repo != nil {
			skip = repo.members
		}
	}
	s.answerMembers(q, ws.members, skip)
}

type inviteBody struct {
	Email    string `json:"email"`
	Role     string `json:"role"`
	Username string `json:"username"`
}

// valid answers 400 unless the invitation is well formed.
func (b inviteBody) valid(q *req) bool {
	v := verrs{}
	if v.required("email", b.Email) {
		v.lenBetween("email", b.Email, 1, 255)
		v.email("email", b.Email)
	}
	v.role("role", b.Role)
	v.maxLen("username", b.Username, 255)
	return !q.invalid(v)
}

func (s *Server) inviteWorkspaceMember(q *req) {
	var body inviteBody
	if !q.decode(&body, "role.InviteUserData") || !body.valid(q) {
		return
	}
	acc := s.st.byEmail[body.Email]
	if acc == nil {
		q.refuse(http.StatusBadRequest, msgUserNotFound)
		return
	}
	if q.sc.ws == nil {
		q.fail()
		return
	}
	if _, member := q.sc.ws.members[acc.id]; member {
		q.fail() // unique constraint on the platform
		return
	}
	s.st.setMember(q.sc.ws, acc.id, body.Role)
	q.answer(http.StatusOK, s.memberJSON(acc.id, body.Role))
}

// roleChange reads a role route's account id and new role, answering 400
// when either is malformed.
func roleChange(q *req) (accountID, role string, ok bool) {
	accountID, ok = q.pathID("accountID")
	if !ok {
		return "", "", false
	}
	var body struct {
		Role string `json:"role"`
	}
	if !q.decode(&body, "role.Data") {
		return "", "", false
	}
	v := verrs{}
	v.role("role", body.Role)
	return accountID, body.Role, !q.invalid(v)
}

func (s *Server) setWorkspaceRole(q *req) {
	accountID, role, ok := roleChange(q)
	if !ok {
		return
	}
	if q.sc.ws == nil {
		q.fail()
		return
	}
	changeRole(q, q.sc.ws.members, accountID, role)
}

// changeRole gives accountID role in roles, where it must hold one already
// (the platform's update of no row is a 500).
func changeRole(q *req, roles map[string]string, accountID, role string) {
	if _, holds := roles[accountID]; !holds {
		q.fail()
		return
	}
	roles[accountID] = role
	q.answer(http.StatusOK, memberJSON{AccountID: accountID, Role: role})
}

func (s *Server) removeWorkspaceMember(q *req) {
	removeRole(q, func(accountID string) {
		if q.sc.ws != nil {
			s.st.removeMember(q.sc.ws, accountID)
		}
	})
}

// removeRole answers a role removal: 400 for a malformed account id, else
// 204 whether or not the account held the role.
func removeRole(q *req, remove func(accountID string)) {
	if accountID, ok := q.pathID("accountID"); ok {
		remove(accountID)
		q.noContent()
	}
}

// --- repository members ---

func (s *Server) listRepositoryMembers(q *req) {
	var roles map[string]string
	if q.sc.repo != nil {
		roles = q.sc.repo.members
	}
	s.answerMembers(q, roles, nil)
}

// repositoryMember checks a repository role route: its workspace and
// repository exist (500) and accountID is a member of the workspace (400).
func repositoryMember(q *req, accountID string) bool {
	if q.sc.ws == nil || q.sc.repo == nil {
		q.fail()
		return false
	}
	if _, member := q.sc.ws.members[accountID]; !member {
		q.refuse(http.StatusBadRequest, msgNotInWorkspace)
		return false
	}
	return true
}

func (s *Server) addRepositoryMember(q *req) {
	var body struct {
		AccountID string `json:"accountID"`
		inviteBody
	}
	if !q.decode(&body, "role.UserData") {
		return
	}
	accountID := ""
	if body.AccountID != "" {
		var bad string
		if accountID, bad = parseUUID(body.AccountID); bad != "" {
			q.refuse(http.StatusBadRequest, bad) // the body's uuid.UUID fails to decode
			return
		}
	}
	if !body.valid(q) {
		return
	}
	if !repositoryMember(q, accountID) {
		return
	}
	if _, holds := q.sc.repo.members[accountID]; holds {
		q.fail()
		return
	}
	q.sc.repo.members[accountID] = body.Role
	// The answer echoes the body's e-mail and username.
	q.answer(http.StatusOK, memberJSON{AccountID: accountID, Email: body.Email, Username: body.Username, Role: body.Role})
}

func (s *Server) setRepositoryRole(q *req) {
	accountID, role, ok := roleChange(q)
	if !ok {
		return
	}
	if repositoryMember(q, accountID) {
		changeRole(q, q.sc.repo.members, accountID, role)
	}
}

func (s *Server) removeRepositoryMember(q *req) {
	removeRole(q, func(accountID string) {
		if q.sc.repo != nil {
			delete(q.sc.repo.members, accountID)
		}
	})
}
