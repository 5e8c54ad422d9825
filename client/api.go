package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// This file lists every platform endpoint the program uses, one method each.

// dashboardDate is the only date form the analytic service accepts.
const dashboardDate = "2006-01-02T15:04:05Z"

// seg escapes one path segment, refusing an empty one: "/workspaces/" with
// no ID would reach a different route.
func seg(op, what, id string) (string, error) {
	if strings.TrimSpace(id) == "" {
		return "", &Error{Kind: KindValidation, Op: op, Message: "no " + what + " given"}
	}
	return url.PathEscape(id), nil
}

// get runs c and decodes the content into out (nil: ignore the content).
func (cl *Client) run(ctx context.Context, c call, out any) error {
	a, err := cl.send(ctx, c)
	if err != nil {
		return err
	}
	defer a.wipe()
	if out == nil {
		return nil
	}
	return decodeContent(c, a, out)
}

// --- auth service ---

// AuthConfig reads GET /auth/authenticate/config.
func (c *Client) AuthConfig(ctx context.Context) (AuthConfig, error) {
	var out AuthConfig
	err := c.run(ctx, call{op: "read the auth configuration", svc: ServiceAuth, method: http.MethodGet,
		path: "/auth/authenticate/config"}, &out)
	return out, err
}

type loginBody struct {
	Username string `json:"username"`
	Password string `json:"password"`
}

// Login posts the e-mail (the platform's "username" field) and password,
// keeps the session in the client and hands it to OnSession.
func (c *Client) Login(ctx context.Context, email, password string) (Session, error) {
	var s Session
	err := c.run(ctx, call{op: "log in", svc: ServiceAuth, method: http.MethodPost, path: "/auth/authenticate/login",
		body: loginBody{Username: email, Password: password}}, &s)
	if err != nil {
		return Session{}, err
	}
	if s.AccessToken == "" {
		return Session{}, &Error{Kind: KindServer, Op: "log in", Message: "the auth service sent a session without an access token"}
	}
	s = c.onLocalClock(s)
	c.install(s)
	return s, nil
}

// Refresh trades the refresh token for a new session (single use). Calls
// already do this on their own when the session is about to expire.
func (c *Client) Refresh(ctx context.Context) (Session, error) {
	cur := c.Session()
	if cur == nil {
		return Session{}, notLoggedIn("refresh session")
	}
	return c.refreshFrom(ctx, "refresh session", *cur)
}

// Logout forgets the refresh token on the platform and in the client. The
// client forgets the session even when the platform cannot be reached; the
// error still says so.
func (c *Client) Logout(ctx context.Context) error {
	var err error
	if cur := c.Session(); cur != nil && cur.RefreshToken != "" {
		// Not an authenticated call: logging out must never refresh.
		err = c.run(ctx, call{op: "log out", svc: ServiceAuth, method: http.MethodPost, path: "/auth/account/logout",
			body: tokenBody{RefreshToken: cur.RefreshToken}}, nil)
	}
	c.mu.Lock()
	c.session = nil
	c.mu.Unlock()
	c.notify(nil)
	return err
}

// Register creates a horusec account.
func (c *Client) Register(ctx context.Context, r RegisterRequest) (Account, error) {
	var out Account
	err := c.run(ctx, call{op: "create the account", svc: ServiceAuth, method: http.MethodPost,
		path: "/auth/account/create-account-horusec", body: r}, &out)
	return out, err
}

// Health checks one service's health route.
func (c *Client) Health(ctx context.Context, s Service) error {
	switch s {
	case ServiceAuth, ServiceCore, ServiceAnalytic, ServiceAPI, ServiceWebhook, ServiceVulnerability:
	default:
		return &Error{Kind: KindValidation, Op: "check health", Message: fmt.Sprintf("unknown service %q", s)}
	}
	// No retries: a health check reports the state of now.
	return c.run(ctx, call{op: "check the " + string(s) + " service", svc: s, method: http.MethodGet,
		path: "/" + string(s) + "/health", noRetry: true}, nil)
}

// --- core: workspaces ---

// Workspaces lists the caller's workspaces (all of them for the
// application admin).
func (c *Client) Workspaces(ctx context.Context) ([]Workspace, error) {
	var out []Workspace
	// Not protected: this handler resolves the token itself, so a 500 here
	// is a platform failure, not "no access".
	err := c.run(ctx, call{op: "list workspaces", svc: ServiceCore, method: http.MethodGet, path: "/core/workspaces",
		auth: true}, &out)
	return out, err
}

func (c *Client) Workspace(ctx context.Context, workspaceID string) (Workspace, error) {
	const op = "get workspace"
	var out Workspace
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodGet, path: "/core/workspaces/" + w,
		auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) CreateWorkspace(ctx context.Context, d WorkspaceData) (Workspace, error) {
	var out Workspace
	err := c.run(ctx, call{op: "create workspace", svc: ServiceCore, method: http.MethodPost, path: "/core/workspaces",
		body: d, auth: true, protected: true}, &out)
	return out, err
}

// UpdateWorkspace replaces every field of the workspace with d.
func (c *Client) UpdateWorkspace(ctx context.Context, workspaceID string, d WorkspaceData) (Workspace, error) {
	const op = "update workspace"
	var out Workspace
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPatch, path: "/core/workspaces/" + w,
		body: d, auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) DeleteWorkspace(ctx context.Context, workspaceID string) error {
	const op = "delete workspace"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return err
	}
	return c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodDelete, path: "/core/workspaces/" + w,
		auth: true, protected: true}, nil)
}

// --- core: workspace members ---

type roleBody struct {
	Role string `json:"role"`
}

// WorkspaceMembers lists the workspace's members; a non-empty notBelong
// (a repository id) leaves out those who already hold a role there.
func (c *Client) WorkspaceMembers(ctx context.Context, workspaceID, notBelong string) ([]Member, error) {
	const op = "list workspace members"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	var q url.Values
	if notBelong != "" {
		q = url.Values{"notBelong": {notBelong}}
	}
	var out []Member
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodGet, path: "/core/workspaces/" + w + "/roles",
		query: q, auth: true, protected: true}, &out)
	return out, err
}

// InviteWorkspaceMember gives an existing account (found by e-mail) a role
// in the workspace. Inviting a member again is KindConflict.
func (c *Client) InviteWorkspaceMember(ctx context.Context, workspaceID string, in Invite) (Member, error) {
	const op = "invite workspace member"
	var out Member
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPost, path: "/core/workspaces/" + w + "/roles",
		body: in, auth: true, protected: true, conflictOn500: true}, &out)
	return out, err
}

func (c *Client) SetWorkspaceMemberRole(ctx context.Context, workspaceID, accountID, role string) (Member, error) {
	const op = "change workspace member role"
	var out Member
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	a, err := seg(op, "account ID", accountID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPatch,
		path: "/core/workspaces/" + w + "/roles/" + a, body: roleBody{Role: role}, auth: true, protected: true}, &out)
	return out, err
}

// RemoveWorkspaceMember also removes the account's repository roles in the
// workspace. Removing a non-member succeeds.
func (c *Client) RemoveWorkspaceMember(ctx context.Context, workspaceID, accountID string) error {
	const op = "remove workspace member"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return err
	}
	a, err := seg(op, "account ID", accountID)
	if err != nil {
		return err
	}
	return c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodDelete,
		path: "/core/workspaces/" + w + "/roles/" + a, auth: true, protected: true}, nil)
}

// --- core: tokens ---

// tokenBody sends expiresAt only for an expiring token, as RFC 3339.
type tokenCreateBody struct {
	Description string `json:"description"`
	IsExpirable bool   `json:"isExpirable,omitempty"`
	ExpiresAt   string `json:"expiresAt,omitempty"`
}

func newTokenBody(d TokenData) tokenCreateBody {
	b := tokenCreateBody{Description: d.Description, IsExpirable: d.IsExpirable}
	if d.IsExpirable && d.ExpiresAt != nil {
		b.ExpiresAt = d.ExpiresAt.Format(time.RFC3339)
	}
	return b
}

func (c *Client) listTokens(ctx context.Context, op, path string) ([]Token, error) {
	var out []Token
	err := c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodGet, path: path, auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) createToken(ctx context.Context, op, path string, d TokenData) (*Secret, error) {
	cl := call{op: op, svc: ServiceCore, method: http.MethodPost, path: path, body: newTokenBody(d), auth: true, protected: true}
	a, err := c.send(ctx, cl)
	if err != nil {
		return nil, err
	}
	s, err := decodeSecret(cl, a)
	if err != nil {
		return nil, err
	}
	// The platform's tokens are UUIDs. Anything else is not shown, copied
	// or printed: it could carry escape sequences or be someone else's text.
	if !isUUID(s.Bytes()) {
		s.Wipe()
		return nil, &Error{Kind: KindServer, Op: op, Method: cl.method, URL: a.url, Status: a.status,
			Message: "the core service answered with something that is not a token (the platform's tokens are UUIDs), so it is not shown; " +
				"list the tokens to see whether one was created, and revoke it"}
	}
	return s, nil
}

// isUUID reports whether b is a UUID in its text form
// (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hexadecimal).
func isUUID(b []byte) bool {
	if len(b) != 36 {
		return false
	}
	for i, c := range b {
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func (c *Client) WorkspaceTokens(ctx context.Context, workspaceID string) ([]Token, error) {
	const op = "list workspace tokens"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	return c.listTokens(ctx, op, "/core/workspaces/"+w+"/tokens")
}

// CreateWorkspaceToken returns the plaintext token, shown only this once.
func (c *Client) CreateWorkspaceToken(ctx context.Context, workspaceID string, d TokenData) (*Secret, error) {
	const op = "create workspace token"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	return c.createToken(ctx, op, "/core/workspaces/"+w+"/tokens", d)
}

// DeleteWorkspaceToken revokes a token; an unknown token ID succeeds.
func (c *Client) DeleteWorkspaceToken(ctx context.Context, workspaceID, tokenID string) error {
	const op = "delete workspace token"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return err
	}
	t, err := seg(op, "token ID", tokenID)
	if err != nil {
		return err
	}
	return c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodDelete,
		path: "/core/workspaces/" + w + "/tokens/" + t, auth: true, protected: true}, nil)
}

func (c *Client) RepositoryTokens(ctx context.Context, workspaceID, repositoryID string) ([]Token, error) {
	const op = "list repository tokens"
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return nil, err
	}
	return c.listTokens(ctx, op, p+"/tokens")
}

// CreateRepositoryToken returns the plaintext token, shown only this once.
func (c *Client) CreateRepositoryToken(ctx context.Context, workspaceID, repositoryID string, d TokenData) (*Secret, error) {
	const op = "create repository token"
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return nil, err
	}
	return c.createToken(ctx, op, p+"/tokens", d)
}

// DeleteRepositoryToken revokes a token; an unknown token ID succeeds.
func (c *Client) DeleteRepositoryToken(ctx context.Context, workspaceID, repositoryID, tokenID string) error {
	const op = "delete repository token"
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return err
	}
	t, err := seg(op, "token ID", tokenID)
	if err != nil {
		return err
	}
	return c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodDelete, path: p + "/tokens/" + t,
		auth: true, protected: true}, nil)
}

// --- core: repositories ---

func repoPath(op, workspaceID, repositoryID string) (string, error) {
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return "", err
	}
	r, err := seg(op, "repository ID", repositoryID)
	if err != nil {
		return "", err
	}
	return "/core/workspaces/" + w + "/repositories/" + r, nil
}

// Repositories lists the workspace's repositories the caller may see. With
// q.Page ≥ 1 the platform pages (at least PageSize a page) and applies
// q.Search; with Page 0 it returns everything and ignores Search.
func (c *Client) Repositories(ctx context.Context, workspaceID string, q RepositoryQuery) ([]Repository, error) {
	const op = "list repositories"
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return nil, err
	}
	v := url.Values{}
	if q.Page > 0 {
		v.Set("page", strconv.Itoa(q.Page))
	}
	if q.Size > 0 {
		v.Set("size", strconv.Itoa(q.Size))
	}
	if q.Search != "" {
		v.Set("search", q.Search)
	}
	var out []Repository
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodGet, path: "/core/workspaces/" + w + "/repositories",
		query: v, auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) Repository(ctx context.Context, workspaceID, repositoryID string) (Repository, error) {
	const op = "get repository"
	var out Repository
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodGet, path: p, auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) CreateRepository(ctx context.Context, workspaceID string, d RepositoryData) (Repository, error) {
	const op = "create repository"
	var out Repository
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPost, path: "/core/workspaces/" + w + "/repositories",
		body: d, auth: true, protected: true}, &out)
	return out, err
}

// UpdateRepository replaces every field of the repository with d.
func (c *Client) UpdateRepository(ctx context.Context, workspaceID, repositoryID string, d RepositoryData) (Repository, error) {
	const op = "update repository"
	var out Repository
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPatch, path: p, body: d, auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) DeleteRepository(ctx context.Context, workspaceID, repositoryID string) error {
	const op = "delete repository"
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return err
	}
	return c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodDelete, path: p, auth: true, protected: true}, nil)
}

// --- core: repository members ---

func (c *Client) RepositoryMembers(ctx context.Context, workspaceID, repositoryID string) ([]Member, error) {
	const op = "list repository members"
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return nil, err
	}
	var out []Member
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodGet, path: p + "/roles", auth: true, protected: true}, &out)
	return out, err
}

// AddRepositoryMember gives a workspace member (d.AccountID is required in
// practice) a role in the repository. Adding a holder again is KindConflict.
func (c *Client) AddRepositoryMember(ctx context.Context, workspaceID, repositoryID string, d RepositoryMemberData) (Member, error) {
	const op = "add repository member"
	var out Member
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPost, path: p + "/roles", body: d,
		auth: true, protected: true, conflictOn500: true}, &out)
	return out, err
}

func (c *Client) SetRepositoryMemberRole(ctx context.Context, workspaceID, repositoryID, accountID, role string) (Member, error) {
	const op = "change repository member role"
	var out Member
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return out, err
	}
	a, err := seg(op, "account ID", accountID)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodPatch, path: p + "/roles/" + a,
		body: roleBody{Role: role}, auth: true, protected: true}, &out)
	return out, err
}

// RemoveRepositoryMember succeeds also when the account holds no role there.
func (c *Client) RemoveRepositoryMember(ctx context.Context, workspaceID, repositoryID, accountID string) error {
	const op = "remove repository member"
	p, err := repoPath(op, workspaceID, repositoryID)
	if err != nil {
		return err
	}
	a, err := seg(op, "account ID", accountID)
	if err != nil {
		return err
	}
	return c.run(ctx, call{op: op, svc: ServiceCore, method: http.MethodDelete, path: p + "/roles/" + a,
		auth: true, protected: true}, nil)
}

// --- analytic: dashboards ---

// dashboardQuery sends From's UTC day from 00:00:00 and To's UTC day until
// 23:59:59, in the one format the platform parses.
func dashboardQuery(op string, r DateRange) (url.Values, error) {
	if r.From.IsZero() || r.To.IsZero() {
		return nil, &Error{Kind: KindValidation, Op: op, Message: "the date range needs both dates"}
	}
	from, to := r.From.UTC(), r.To.UTC()
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	end := time.Date(to.Year(), to.Month(), to.Day(), 23, 59, 59, 0, time.UTC)
	if end.Before(start) {
		return nil, &Error{Kind: KindValidation, Op: op, Message: "the date range ends before it starts"}
	}
	return url.Values{"initialDate": {start.Format(dashboardDate)}, "finalDate": {end.Format(dashboardDate)}}, nil
}

func (c *Client) WorkspaceDashboard(ctx context.Context, workspaceID string, r DateRange) (Dashboard, error) {
	const op = "read workspace dashboard"
	var out Dashboard
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	q, err := dashboardQuery(op, r)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceAnalytic, method: http.MethodGet, path: "/analytic/dashboard/" + w,
		query: q, auth: true, protected: true}, &out)
	return out, err
}

func (c *Client) RepositoryDashboard(ctx context.Context, workspaceID, repositoryID string, r DateRange) (Dashboard, error) {
	const op = "read repository dashboard"
	var out Dashboard
	w, err := seg(op, "workspace ID", workspaceID)
	if err != nil {
		return out, err
	}
	rp, err := seg(op, "repository ID", repositoryID)
	if err != nil {
		return out, err
	}
	q, err := dashboardQuery(op, r)
	if err != nil {
		return out, err
	}
	err = c.run(ctx, call{op: op, svc: ServiceAnalytic, method: http.MethodGet, path: "/analytic/dashboard/" + w + "/" + rp,
		query: q, auth: true, protected: true}, &out)
	return out, err
}
