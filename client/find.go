package client

import (
	"context"
	"fmt"
	"strings"
)

// AmbiguousError is a name that several workspaces or repositories carry:
// the caller must name one by id.
type AmbiguousError struct {
	What string   // "workspaces" or "repositories"
	Name string   // the name given
	IDs  []string // the ids of those that carry it
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("%d %s are named %q: give one of their ids instead: %s", len(e.IDs), e.What, e.Name, strings.Join(e.IDs, ", "))
}

// FindWorkspace finds a workspace of list by id, or by its exact name
// (names are case-sensitive). It answers a KindNotFound *Error when none
// matches and an *AmbiguousError when several carry the name.
func FindWorkspace(list []Workspace, nameOrID string) (Workspace, error) {
	var named []Workspace
	for _, w := range list {
		if w.WorkspaceID == nameOrID {
			return w, nil
		}
		if w.Name == nameOrID {
			named = append(named, w)
		}
	}
	return onlyOne(named, nameOrID, "workspaces", func(w Workspace) string { return w.WorkspaceID }, &Error{Kind: KindNotFound, Op: "find workspace",
		Message: fmt.Sprintf("you have no workspace with the id or name %q (names are case-sensitive)", nameOrID)})
}

// onlyOne is the one item of named, notFound when there is none, or an
// *AmbiguousError listing their ids when several carry the name.
func onlyOne[T any](named []T, name, what string, id func(T) string, notFound error) (T, error) {
	var zero T
	switch len(named) {
	case 1:
		return named[0], nil
	case 0:
		return zero, notFound
	}
	ids := make([]string, len(named))
	for i, v := range named {
		ids[i] = id(v)
	}
	return zero, &AmbiguousError{What: what, Name: name, IDs: ids}
}

// findPageSize is the page asked for when walking the repository list.
const findPageSize = 100

// FindRepository finds a repository of a workspace by id, or by its exact
// name, among those the caller can see. The platform pages the list, so it
// walks every page. Errors as FindWorkspace.
func (c *Client) FindRepository(ctx context.Context, workspaceID, nameOrID string) (Repository, error) {
	var named []Repository
	seen := map[string]bool{}
	for page := 1; ; page++ {
		repos, err := c.Repositories(ctx, workspaceID, RepositoryQuery{Page: page, Size: findPageSize})
		if err != nil {
			return Repository{}, err
		}
		fresh := 0
		for _, r := range repos {
			if r.RepositoryID == nameOrID {
				return r, nil
			}
			if seen[r.RepositoryID] {
				continue
			}
			seen[r.RepositoryID] = true
			fresh++
			if r.Name == nameOrID {
				named = append(named, r)
			}
		}
		// A short page is the last; a page of nothing new means the
		// platform ignored paging and sent everything again.
		if len(repos) < findPageSize || fresh == 0 {
			break
		}
	}
	return onlyOne(named, nameOrID, "repositories", func(r Repository) string { return r.RepositoryID }, &Error{Kind: KindNotFound, Op: "find repository",
		Message: fmt.Sprintf("the workspace has no repository you can see with the id or name %q (names are case-sensitive)", nameOrID)})
}
