package client

import (
	"context"
	"net/http"
)

// The core service's workspace routes.

const workspaceRoute = "/core/workspaces/{workspace ID}"

// Workspaces lists the caller's workspaces (all of them for the
// application admin).
func (c *Client) Workspaces(ctx context.Context) ([]Workspace, error) {
	// Not protected: this handler resolves the token itself, so a 500 here
	// is a platform failure, not "no access".
	return fetch[[]Workspace](ctx, c, call{op: "list workspaces", svc: ServiceCore, method: http.MethodGet, path: "/core/workspaces",
		auth: true})
}

func (c *Client) Workspace(ctx context.Context, workspaceID string) (Workspace, error) {
	return fetch[Workspace](ctx, c, guarded(ServiceCore, "get workspace", http.MethodGet, workspaceRoute), workspaceID)
}

func (c *Client) CreateWorkspace(ctx context.Context, d WorkspaceData) (Workspace, error) {
	return fetch[Workspace](ctx, c, guarded(ServiceCore, "create workspace", http.MethodPost, "/core/workspaces").with(d))
}

// UpdateWorkspace replaces every field of the workspace with d.
func (c *Client) UpdateWorkspace(ctx context.Context, workspaceID string, d WorkspaceData) (Workspace, error) {
	return fetch[Workspace](ctx, c, guarded(ServiceCore, "update workspace", http.MethodPatch, workspaceRoute).with(d), workspaceID)
}

func (c *Client) DeleteWorkspace(ctx context.Context, workspaceID string) error {
	return c.do(ctx, guarded(ServiceCore, "delete workspace", http.MethodDelete, workspaceRoute), nil, workspaceID)
}
