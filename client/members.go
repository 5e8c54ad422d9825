package client

import (
	"context"
	"net/http"
	"net/url"
)

// The core service's role routes: workspace members and repository members.

type roleBody struct {
	Role string `json:"role"`
}

// --- workspace members ---

// WorkspaceMembers lists the workspace's members; a non-empty notBelong
// (a repository id) leaves out those who already hold a role there.
func (c *Client) WorkspaceMembers(ctx context.Context, workspaceID, notBelong string) ([]Member, error) {
	var q url.Values
	if notBelong != "" {
		q = url.Values{"notBelong": {notBelong}}
	}
	return fetch[[]Member](ctx, c, guarded(ServiceCore, "list workspace members", http.MethodGet, workspaceRoute+"/roles").asking(q), workspaceID)
}

// InviteWorkspaceMember gives an existing account (found by e-mail) a role
// in the workspace. Inviting a member again is KindConflict.
func (c *Client) InviteWorkspaceMember(ctx context.Context, workspaceID string, in Invite) (Member, error) {
	cl := guarded(ServiceCore, "invite workspace member", http.MethodPost, workspaceRoute+"/roles").with(in)
	cl.conflictOn500 = true
	return fetch[Member](ctx, c, cl, workspaceID)
}

func (c *Client) SetWorkspaceMemberRole(ctx context.Context, workspaceID, accountID, role string) (Member, error) {
	return fetch[Member](ctx, c, guarded(ServiceCore, "change workspace member role", http.MethodPatch,
		workspaceRoute+"/roles/{account ID}").with(roleBody{Role: role}), workspaceID, accountID)
}

// RemoveWorkspaceMember also removes the account's repository roles in the
// workspace. Removing a non-member succeeds.
func (c *Client) RemoveWorkspaceMember(ctx context.Context, workspaceID, accountID string) error {
	return c.do(ctx, guarded(ServiceCore, "remove workspace member", http.MethodDelete, workspaceRoute+"/roles/{account ID}"),
		nil, workspaceID, accountID)
}

// --- repository members ---

func (c *Client) RepositoryMembers(ctx context.Context, workspaceID, repositoryID string) ([]Member, error) {
	return fetch[[]Member](ctx, c, guarded(ServiceCore, "list repository members", http.MethodGet, repositoryRoute+"/roles"),
		workspaceID, repositoryID)
}

// AddRepositoryMember gives a workspace member (d.AccountID is required in
// practice) a role in the repository. Adding a holder again is KindConflict.
func (c *Client) AddRepositoryMember(ctx context.Context, workspaceID, repositoryID string, d RepositoryMemberData) (Member, error) {
	cl := guarded(ServiceCore, "add repository member", http.MethodPost, repositoryRoute+"/roles").with(d)
	cl.conflictOn500 = true
	return fetch[Member](ctx, c, cl, workspaceID, repositoryID)
}

func (c *Client) SetRepositoryMemberRole(ctx context.Context, workspaceID, repositoryID, accountID, role string) (Member, error) {
	return fetch[Member](ctx, c, guarded(ServiceCore, "change repository member role", http.MethodPatch,
		repositoryRoute+"/roles/{account ID}").with(roleBody{Role: role}), workspaceID, repositoryID, accountID)
}

// RemoveRepositoryMember succeeds also when the account holds no role there.
func (c *Client) RemoveRepositoryMember(ctx context.Context, workspaceID, repositoryID, accountID string) error {
	return c.do(ctx, guarded(ServiceCore, "remove repository member", http.MethodDelete, repositoryRoute+"/roles/{account ID}"),
		nil, workspaceID, repositoryID, accountID)
}
