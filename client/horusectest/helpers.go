package horusectest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Errors of the test helpers.
var (
	ErrExists   = errors.New("horusectest: already exists")
	ErrNotFound = errors.New("horusectest: not found")
	ErrInvalid  = errors.New("horusectest: invalid argument")
)

// AddAccount creates a confirmed account directly (no validation of the
// password rules) and returns its id.
func (s *Server) AddAccount(email, username, password string) (accountID string, err error) {
	if email == "" || username == "" {
		return "", ErrInvalid
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.inUse(email, username) != "" {
		return "", fmt.Errorf("%w: account %s", ErrExists, email)
	}
	return s.newAccount("", email, username, password, true).id, nil
}

// AccountID returns the id of the account with that e-mail.
func (s *Server) AccountID(email string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a := s.st.byEmail[email]; a != nil {
		return a.id, true
	}
	return "", false
}

// AddWorkspace creates a workspace whose members maps account ids to roles
// (admin, supervisor, member) and returns its id.
func (s *Server) AddWorkspace(name string, members map[string]string) (workspaceID string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkMembers(members, nil); err != nil {
		return "", err
	}
	ws := newWorkspace(NewUUID(), name, "", s.now())
	for id, role := range members {
		ws.members[id] = role
	}
	s.st.addWorkspace(ws)
	return ws.id, nil
}

// SetWorkspaceMember gives an account a role in a workspace ("" removes
// it, with its repository roles there).
func (s *Server) SetWorkspaceMember(workspaceID, accountID, role string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.st.workspaces[workspaceID]
	if ws == nil {
		return fmt.Errorf("%w: workspace %s", ErrNotFound, workspaceID)
	}
	if role == "" {
		s.st.removeMember(ws, accountID)
		return nil
	}
	if err := s.checkMembers(map[string]string{accountID: role}, nil); err != nil {
		return err
	}
	s.st.setMember(ws, accountID, role)
	return nil
}

// AddRepository creates a repository in a workspace; members maps account
// ids (workspace members) to repository roles.
func (s *Server) AddRepository(workspaceID, name string, members map[string]string) (repositoryID string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.st.workspaces[workspaceID]
	if ws == nil {
		return "", fmt.Errorf("%w: workspace %s", ErrNotFound, workspaceID)
	}
	if name == "" {
		return "", ErrInvalid
	}
	if ws.repoNames[name] != nil {
		return "", fmt.Errorf("%w: repository %s", ErrExists, name)
	}
	if err := s.checkMembers(members, ws); err != nil {
		return "", err
	}
	repo := newRepository(ws, NewUUID(), name, "", s.now())
	for id, role := range members {
		repo.members[id] = role
	}
	s.st.addRepository(ws, repo)
	return repo.id, nil
}

func (s *Server) checkMembers(members map[string]string, ws *workspace) error {
	for id, role := range members {
		if s.st.accounts[id] == nil {
			return fmt.Errorf("%w: account %s", ErrNotFound, id)
		}
		if !validRole(role) {
			return fmt.Errorf("%w: role %q", ErrInvalid, role)
		}
		if ws != nil {
			if _, ok := ws.members[id]; !ok {
				return fmt.Errorf("%w: account %s is not a member of the workspace", ErrInvalid, id)
			}
		}
	}
	return nil
}

// AddToken creates a workspace token (repositoryID "") or a repository
// token and returns its plaintext. A zero expiresAt never expires; the
// expiry keeps only its date, as on the platform.
func (s *Server) AddToken(workspaceID, repositoryID, description string, expiresAt time.Time) (plaintext string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.st.workspaces[workspaceID]
	if ws == nil {
		return "", fmt.Errorf("%w: workspace %s", ErrNotFound, workspaceID)
	}
	var repo *repository
	if repositoryID != "" {
		if repo = ws.repos[repositoryID]; repo == nil {
			return "", fmt.Errorf("%w: repository %s", ErrNotFound, repositoryID)
		}
	}
	return s.st.newToken(ws, repo, "", description, s.now(), expiresAt), nil
}

// Finding is a group of findings of a stored analysis: as many findings
// as Count, alike but for their files, lines, code and hashes.
type Finding struct {
	Email    string // commit e-mail (the dashboard's author)
	Language string // e.g. "Go", "JavaScript", "Leaks"
	Severity string // CRITICAL, HIGH, MEDIUM, LOW, INFO, UNKNOWN
	Type     string // Vulnerability, Risk Accepted, False Positive, Corrected
	Count    int
}

// AddAnalysis stores an analysis of a repository taken at the given time,
// as an upload through the api service would, and returns its id.
func (s *Server) AddAnalysis(workspaceID, repositoryID string, at time.Time, findings []Finding) (analysisID string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ws := s.st.workspaces[workspaceID]
	if ws == nil || ws.repos[repositoryID] == nil {
		return "", fmt.Errorf("%w: repository %s", ErrNotFound, repositoryID)
	}
	a := &analysis{id: NewUUID(), workspaceID: workspaceID, repositoryID: repositoryID, status: "success", createdAt: at, finishedAt: at}
	for _, f := range findings {
		sev := severityNames[strings.ToUpper(f.Severity)]
		typ := typeNames[strings.ToLower(f.Type)]
		lang := languageNames[strings.ToLower(f.Language)]
		if sev == "" || typ == "" || lang == "" || f.Count < 1 {
			return "", fmt.Errorf("%w: finding %+v", ErrInvalid, f)
		}
		fd := finding{email: f.Email, language: lang, severity: sev, vtype: typ, count: f.Count}
		for _, v := range seedFindings(a.id, len(a.findings), fd) {
			a.refs = append(a.refs, s.st.addVuln(ws.repos[repositoryID], v))
		}
		a.findings = append(a.findings, fd)
	}
	s.st.addAnalysis(ws.repos[repositoryID], a)
	return a.id, nil
}

// WorkspaceID returns the id of the first workspace with that name.
func (s *Server) WorkspaceID(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	best := ""
	for id, ws := range s.st.workspaces {
		if ws.name == name && (best == "" || id < best) {
			best = id
		}
	}
	return best, best != ""
}

// RepositoryID returns the id of the named repository of a workspace.
func (s *Server) RepositoryID(workspaceID, name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if ws := s.st.workspaces[workspaceID]; ws != nil {
		if r := ws.repoNames[name]; r != nil {
			return r.id, true
		}
	}
	return "", false
}

// AccessToken mints an access token (JWT) for an account, as a login would,
// without a refresh token.
func (s *Server) AccessToken(accountID string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.st.accounts[accountID]
	if a == nil {
		return "", fmt.Errorf("%w: account %s", ErrNotFound, accountID)
	}
	tok, _ := s.issueAccessToken(a, nil)
	return tok, nil
}

// ExpireRefreshTokens makes every refresh token issued so far expired.
func (s *Server) ExpireRefreshTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	for k, e := range s.st.refreshTokens {
		e.expiresAt = now
		s.st.refreshTokens[k] = e
	}
}

// ForgetRefreshTokens drops every refresh token, as an auth restart does.
func (s *Server) ForgetRefreshTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.refreshTokens = map[string]refreshEntry{}
}

// RefreshTokens counts the refresh tokens currently kept.
func (s *Server) RefreshTokens() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.refreshTokens)
}

// UploadAsCLI sends an analysis of repositoryName without findings to the
// api service with token, as the Horusec CLI sends one (the token's
// plaintext as the header, no "Bearer"), and returns the status code.
func (s *Server) UploadAsCLI(token, repositoryName string) (int, error) {
	now := s.now().UTC().Format(time.RFC3339)
	body := `{"repositoryName":"` + repositoryName + `","analysis":{"id":"` + NewUUID() + `","status":"success","createdAt":"` + now +
		`","finishedAt":"` + now + `","analysisVulnerabilities":[]}}`
	req, err := http.NewRequest(http.MethodPost, s.APIURL+"/api/analysis", strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Horusec-Authorization", token)
	req.Header.Set("X-Horusec-CLI-Version", "v2.9.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
