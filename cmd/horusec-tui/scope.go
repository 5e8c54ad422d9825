package main

// Where a command works: the --workspace and --repository flags, and the
// workspace and repository they name, found by name or id.

import (
	"context"
	"errors"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

// scope is where a command works: a workspace, or one of its repositories
// when --repository was given.
type scope struct {
	c    *client.Client
	ws   client.Workspace
	repo *client.Repository
}

// name is for messages: the names come from the platform, so they are
// cleaned of control characters.
func (s scope) name() string {
	if s.repo != nil {
		return "repository " + cleanCell(s.ws.Name+"/"+s.repo.Name)
	}
	return "workspace " + cleanCell(s.ws.Name)
}

// scopeOptions are the --workspace and --repository flags of a command
// that works in a workspace or one of its repositories.
type scopeOptions struct {
	*Factory
	workspace  string
	repository string
	// noRepository is set by commands without --repository.
	noRepository bool
	// needRepository is set by commands that need --repository.
	needRepository bool
	// repoUsage describes --repository in the command's help.
	repoUsage string
}

// addFlags registers --workspace and, unless noRepository, --repository
// described by repoUsage.
func (o *scopeOptions) addFlags(cmd *cobra.Command, repoUsage string) {
	cmd.Flags().StringVar(&o.workspace, "workspace", "", "workspace name or id (required)")
	_ = cmd.RegisterFlagCompletionFunc("workspace", o.completeWorkspace())
	if !o.noRepository {
		cmd.Flags().StringVar(&o.repository, "repository", "", repoUsage)
		_ = cmd.RegisterFlagCompletionFunc("repository", o.completeRepository())
	}
}

// check refuses a blank --workspace (and --repository where needed)
// before anything asks the platform.
func (o *scopeOptions) check(c *cobra.Command) error {
	if strings.TrimSpace(o.workspace) == "" {
		return usageErrorf("%s needs --workspace", commandName(c))
	}
	if o.needRepository && strings.TrimSpace(o.repository) == "" {
		return usageErrorf("%s needs --repository", commandName(c))
	}
	return nil
}

// open logs in and finds the workspace and repository the flags name.
func (o *scopeOptions) open(ctx context.Context) (scope, error) {
	c, _, err := o.loggedInClient(ctx)
	if err != nil {
		return scope{}, err
	}
	return resolveScope(ctx, c, o.workspace, o.repository)
}

// resolveScope finds the workspace wsFlag names and, when repoFlag is not
// blank, the repository it names in that workspace.
func resolveScope(ctx context.Context, c *client.Client, wsFlag, repoFlag string) (scope, error) {
	ws, err := resolveWorkspace(ctx, c, strings.TrimSpace(wsFlag))
	if err != nil {
		return scope{}, err
	}
	s := scope{c: c, ws: ws}
	if strings.TrimSpace(repoFlag) != "" {
		r, err := resolveRepository(ctx, c, ws.WorkspaceID, strings.TrimSpace(repoFlag))
		if err != nil {
			return scope{}, err
		}
		s.repo = &r
	}
	return s, nil
}

// resolveWorkspace finds a workspace of the caller by id or exact name.
func resolveWorkspace(ctx context.Context, c *client.Client, nameOrID string) (client.Workspace, error) {
	all, err := c.Workspaces(ctx)
	if err != nil {
		return client.Workspace{}, err
	}
	w, err := client.FindWorkspace(all, nameOrID)
	return w, ambiguousIsUsage(err)
}

// resolveRepository finds a repository of a workspace by id or exact name.
func resolveRepository(ctx context.Context, c *client.Client, workspaceID, nameOrID string) (client.Repository, error) {
	r, err := c.FindRepository(ctx, workspaceID, nameOrID)
	return r, ambiguousIsUsage(err)
}

// ambiguousIsUsage makes a name several things carry a usage error: the
// command line must name one by id.
func ambiguousIsUsage(err error) error {
	var amb *client.AmbiguousError
	if errors.As(err, &amb) {
		return &usageError{amb.Error()}
	}
	return err
}
