package horusectest

import (
	"crypto/sha256"
	"net/http"
	"time"
)

// The core's token routes; workspace and repository tokens share the
// handlers (client/tokens.go calls them).

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

// tokenSet returns the tokens a route addresses, or nil when its workspace
// or repository does not exist.
func (q *req) tokenSet() map[string]*token {
	if q.sc.ws == nil {
		return nil
	}
	if _, ok := q.p["repositoryID"]; ok {
		if q.sc.repo == nil {
			return nil
		}
		return q.sc.repo.tokens
	}
	return q.sc.ws.tokens
}

func (s *Server) listTokens(q *req) {
	out := []tokenJSON{}
	for _, t := range q.tokenSet() {
		out = append(out, t.readBack())
	}
	sortedByName(out, func(t tokenJSON) string { return t.CreatedAt.Format(time.RFC3339) + t.Description }, func(t tokenJSON) string { return t.TokenID })
	q.answer(http.StatusOK, out)
}

func (s *Server) createToken(q *req) {
	var body struct {
		Description string     `json:"description"`
		IsExpirable bool       `json:"isExpirable"`
		ExpiresAt   *time.Time `json:"expiresAt"`
	}
	if !q.decode(&body, "token.Data") {
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
	if q.invalid(v) {
		return
	}
	if q.tokenSet() == nil {
		q.fail()
		return
	}
	var expiresAt time.Time
	if body.IsExpirable {
		expiresAt = *body.ExpiresAt
	}
	plain := s.st.newToken(q.sc.ws, q.sc.repo, "", body.Description, now, expiresAt)
	q.answer(http.StatusCreated, plain)
}

// newToken stores a token and returns its plaintext, which is kept nowhere.
// An empty id draws a new one; a zero expiresAt never expires.
func (st *state) newToken(ws *workspace, repo *repository, id, description string, now, expiresAt time.Time) string {
	plain := NewUUID()
	if id == "" {
		id = NewUUID()
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

func (s *Server) deleteToken(q *req) {
	id, ok := q.pathID("tokenID")
	if !ok {
		return
	}
	set := q.tokenSet()
	if t := set[id]; t != nil {
		delete(set, id)
		delete(s.st.tokensByHash, t.hash)
	}
	q.noContent()
}
