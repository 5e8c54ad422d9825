package main

// Shell completion: cobra writes the scripts (horusec-tui completion bash|
// zsh|fish|powershell); the values of --workspace, --repository, a
// member's --email and a token's --description come from the platform,
// for the logged-in profile. Without a session, or when the platform is
// slow, they offer nothing and say nothing (the scripts drop stderr).

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

// completionTimeout bounds a completion's platform calls: a shell waits
// for them.
const completionTimeout = 3 * time.Second

type completeFunc = func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective)

// completeWith runs list with the logged-in client and keeps the values
// that start with what was typed.
func (f *Factory) completeWith(list func(ctx context.Context, c *client.Client, cmd *cobra.Command) ([]string, error)) completeFunc {
	return func(cmd *cobra.Command, _ []string, typed string) ([]string, cobra.ShellCompDirective) {
		ctx, cancel := context.WithTimeout(context.Background(), completionTimeout)
		defer cancel()
		c, _, err := f.loggedInClient(ctx)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		values, err := list(ctx, c, cmd)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		seen := map[string]bool{}
		for _, v := range values {
			v = cleanCell(v)
			if v != "" && !seen[v] && strings.HasPrefix(v, typed) {
				seen[v] = true
				out = append(out, v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

func (f *Factory) completeWorkspace() completeFunc {
	return f.completeWith(func(ctx context.Context, c *client.Client, _ *cobra.Command) ([]string, error) {
		all, err := c.Workspaces(ctx)
		return names(all, func(w client.Workspace) string { return w.Name }), err
	})
}

// flagScope finds the workspace (and repository) the command line names so
// far.
func flagScope(ctx context.Context, c *client.Client, cmd *cobra.Command, withRepo bool) (scope, error) {
	ws, _ := cmd.Flags().GetString("workspace")
	repo := ""
	if withRepo {
		repo, _ = cmd.Flags().GetString("repository")
	}
	return resolveScope(ctx, c, ws, repo)
}

// completeInScope completes name of each item list finds in the scope the
// command line names so far (withRepo: its repository too, when named).
func completeInScope[T any](f *Factory, withRepo bool, list func(context.Context, scope) ([]T, error), name func(T) string) completeFunc {
	return f.completeWith(func(ctx context.Context, c *client.Client, cmd *cobra.Command) ([]string, error) {
		s, err := flagScope(ctx, c, cmd, withRepo)
		if err != nil {
			return nil, err
		}
		all, err := list(ctx, s)
		return names(all, name), err
	})
}

func (f *Factory) completeRepository() completeFunc {
	return completeInScope(f, false, func(ctx context.Context, s scope) ([]client.Repository, error) {
		return allRepositories(ctx, s.c, s.ws.WorkspaceID, "")
	}, func(r client.Repository) string { return r.Name })
}

func (f *Factory) completeMemberEmail() completeFunc {
	return completeInScope(f, true, func(ctx context.Context, s scope) ([]client.Member, error) { return memberScope{s}.list(ctx) },
		func(m client.Member) string { return m.Email })
}

func (f *Factory) completeTokenDescription() completeFunc {
	return completeInScope(f, true, func(ctx context.Context, s scope) ([]client.Token, error) { return tokenScope{s}.list(ctx) },
		func(t client.Token) string { return t.Description })
}

// names are the values completed from a list: name(item) for each.
func names[T any](all []T, name func(T) string) []string {
	out := make([]string, len(all))
	for i, it := range all {
		out[i] = name(it)
	}
	return out
}
