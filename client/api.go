package client

import (
	"context"
	"errors"
)

// This file lists every platform endpoint the program uses, one method each.

var errTODO = errors.New("not implemented yet")

// --- auth service ---

// AuthConfig reads GET /auth/authenticate/config.
func (c *Client) AuthConfig(ctx context.Context) (AuthConfig, error) { return AuthConfig{}, errTODO }

// Login posts the e-mail (the platform's "username" field) and password,
// keeps the session in the client and hands it to OnSession.
func (c *Client) Login(ctx context.Context, email, password string) (Session, error) {
	return Session{}, errTODO
}

// Refresh trades the refresh token for a new session (single use).
func (c *Client) Refresh(ctx context.Context) (Session, error) { return Session{}, errTODO }

// Logout forgets the refresh token on the platform and in the client.
func (c *Client) Logout(ctx context.Context) error { return errTODO }

// Register creates a horusec account.
func (c *Client) Register(ctx context.Context, r RegisterRequest) (Account, error) {
	return Account{}, errTODO
}

// Health checks one service's health route.
func (c *Client) Health(ctx context.Context, s Service) error { return errTODO }

// --- core: workspaces ---

func (c *Client) Workspaces(ctx context.Context) ([]Workspace, error) { return nil, errTODO }
func (c *Client) Workspace(ctx context.Context, workspaceID string) (Workspace, error) {
	return Workspace{}, errTODO
}
func (c *Client) CreateWorkspace(ctx context.Context, d WorkspaceData) (Workspace, error) {
	return Workspace{}, errTODO
}
func (c *Client) UpdateWorkspace(ctx context.Context, workspaceID string, d WorkspaceData) (Workspace, error) {
	return Workspace{}, errTODO
}
func (c *Client) DeleteWorkspace(ctx context.Context, workspaceID string) error { return errTODO }

// --- core: workspace members ---

// WorkspaceMembers lists the workspace's members; a non-empty notBelong
// (a repository id) leaves out those who already hold a role there.
func (c *Client) WorkspaceMembers(ctx context.Context, workspaceID, notBelong string) ([]Member, error) {
	return nil, errTODO
}
func (c *Client) InviteWorkspaceMember(ctx context.Context, workspaceID string, in Invite) (Member, error) {
	return Member{}, errTODO
}
func (c *Client) SetWorkspaceMemberRole(ctx context.Context, workspaceID, accountID, role string) (Member, error) {
	return Member{}, errTODO
}
func (c *Client) RemoveWorkspaceMember(ctx context.Context, workspaceID, accountID string) error {
	return errTODO
}

// --- core: tokens ---

func (c *Client) WorkspaceTokens(ctx context.Context, workspaceID string) ([]Token, error) {
	return nil, errTODO
}

// CreateWorkspaceToken returns the plaintext token, shown only this once.
func (c *Client) CreateWorkspaceToken(ctx context.Context, workspaceID string, d TokenData) (*Secret, error) {
	return nil, errTODO
}
func (c *Client) DeleteWorkspaceToken(ctx context.Context, workspaceID, tokenID string) error {
	return errTODO
}
func (c *Client) RepositoryTokens(ctx context.Context, workspaceID, repositoryID string) ([]Token, error) {
	return nil, errTODO
}
func (c *Client) CreateRepositoryToken(ctx context.Context, workspaceID, repositoryID string, d TokenData) (*Secret, error) {
	return nil, errTODO
}
func (c *Client) DeleteRepositoryToken(ctx context.Context, workspaceID, repositoryID, tokenID string) error {
	return errTODO
}

// --- core: repositories ---

func (c *Client) Repositories(ctx context.Context, workspaceID string, q RepositoryQuery) ([]Repository, error) {
	return nil, errTODO
}
func (c *Client) Repository(ctx context.Context, workspaceID, repositoryID string) (Repository, error) {
	return Repository{}, errTODO
}
func (c *Client) CreateRepository(ctx context.Context, workspaceID string, d RepositoryData) (Repository, error) {
	return Repository{}, errTODO
}
func (c *Client) UpdateRepository(ctx context.Context, workspaceID, repositoryID string, d RepositoryData) (Repository, error) {
	return Repository{}, errTODO
}
func (c *Client) DeleteRepository(ctx context.Context, workspaceID, repositoryID string) error {
	return errTODO
}

// --- core: repository members ---

func (c *Client) RepositoryMembers(ctx context.Context, workspaceID, repositoryID string) ([]Member, error) {
	return nil, errTODO
}
func (c *Client) AddRepositoryMember(ctx context.Context, workspaceID, repositoryID string, d RepositoryMemberData) (Member, error) {
	return Member{}, errTODO
}
func (c *Client) SetRepositoryMemberRole(ctx context.Context, workspaceID, repositoryID, accountID, role string) (Member, error) {
	return Member{}, errTODO
}
func (c *Client) RemoveRepositoryMember(ctx context.Context, workspaceID, repositoryID, accountID string) error {
	return errTODO
}

// --- analytic: dashboards ---

func (c *Client) WorkspaceDashboard(ctx context.Context, workspaceID string, r DateRange) (Dashboard, error) {
	return Dashboard{}, errTODO
}
func (c *Client) RepositoryDashboard(ctx context.Context, workspaceID, repositoryID string, r DateRange) (Dashboard, error) {
	return Dashboard{}, errTODO
}
