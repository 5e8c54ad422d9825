package client

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
)

// The core service's repository routes.

const repositoryRoute = workspaceRoute + "/repositories/{repository ID}"

// Repositories lists the workspace's repositories the caller may see. With
// q.Page ≥ 1 the platform pages (at least PageSize a page) and applies
// q.Search; with Page 0 it returns everything and ignores Search.
func (c *Client) Repositories(ctx context.Context, workspaceID string, q RepositoryQuery) ([]Repository, error) {
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
	return fetch[[]Repository](ctx, c, guarded(ServiceCore, "list repositories", http.MethodGet, workspaceRoute+"/repositories").asking(v),
		workspaceID)
}

func (c *Client) Repository(ctx context.Context, workspaceID, repositoryID string) (Repository, error) {
	return fetch[Repository](ctx, c, guarded(ServiceCore, "get repository", http.MethodGet, repositoryRoute), workspaceID, repositoryID)
}

func (c *Client) CreateRepository(ctx context.Context, workspaceID string, d RepositoryData) (Repository, error) {
	return fetch[Repository](ctx, c, guarded(ServiceCore, "create repository", http.MethodPost, workspaceRoute+"/repositories").with(d),
		workspaceID)
}

// UpdateRepository replaces every field of the repository with d.
func (c *Client) UpdateRepository(ctx context.Context, workspaceID, repositoryID string, d RepositoryData) (Repository, error) {
	return fetch[Repository](ctx, c, guarded(ServiceCore, "update repository", http.MethodPatch, repositoryRoute).with(d),
		workspaceID, repositoryID)
}

func (c *Client) DeleteRepository(ctx context.Context, workspaceID, repositoryID string) error {
	return c.do(ctx, guarded(ServiceCore, "delete repository", http.MethodDelete, repositoryRoute), nil, workspaceID, repositoryID)
}
