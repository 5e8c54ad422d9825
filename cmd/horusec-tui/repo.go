package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

type repoListOptions struct {
	scopeOptions
	outputFlag
	search string
}

func newRepoListCmd(f *Factory) *cobra.Command {
	o := &repoListOptions{scopeOptions: scopeOptions{Factory: f, noRepository: true}}
	cmd := leaf(&cobra.Command{Use: "list --workspace W [--search S] [--output table|json]", Aliases: []string{"ls"},
		Short: "list a workspace's repositories"}, func() error { return repoListRun(o) }, &o.scopeOptions, &o.outputFlag)
	cmd.Flags().StringVar(&o.search, "search", "", "only repositories whose name contains this text (any case)")
	return cmd
}

func repoListRun(o *repoListOptions) error {
	return o.inScope(func(ctx context.Context, s scope) error {
		return repoList(ctx, o.Factory, s.c, s.ws, strings.TrimSpace(o.search), o.output)
	})
}

func newRepoCreateCmd(f *Factory) *cobra.Command {
	fields := repoFields()
	return newScopedCmd(scopeOptions{Factory: f, noRepository: true}, &cobra.Command{
		Use:     "create --workspace W --name N [--description D] [--admin-group G]... [--supervisor-group G]... [--member-group G]... [--output table|json]",
		Aliases: []string{"new"}, Short: "create a repository"}, func(ctx context.Context, o *scopedOptions, s scope) error {
		return repoCreate(ctx, o, fields, s)
	}, fields)
}

func repoCreate(ctx context.Context, o *scopedOptions, fields *fieldOptions, s scope) error {
	d := client.RepositoryData{Name: strings.TrimSpace(fields.name), Description: fields.description,
		AuthzAdmin: fields.admin, AuthzSupervisor: fields.supervisor, AuthzMember: fields.member}
	if err := checkNewAdminGroups(s.c, d.AuthzAdmin, "repository"); err != nil {
		return err
	}
	r, err := s.c.CreateRepository(ctx, s.ws.WorkspaceID, d)
	if err == nil {
		err = printRepo(o.Factory, r, o.output, "Created the repository “%s” (%s) in the workspace "+s.ws.Name+".\n")
	}
	return explainRepoRefusal(err, "only a Manager of the workspace "+s.ws.Name+" can create repositories")
}

func newRepoEditCmd(f *Factory) *cobra.Command {
	fields := repoFields()
	return newScopedCmd(scopeOptions{Factory: f, needRepository: true, repoUsage: repoRequiredUsage}, &cobra.Command{
		Use:     "edit --workspace W --repository R [--name N] [--description D] [--admin-group G]... [--supervisor-group G]... [--member-group G]... [--output table|json]",
		Aliases: []string{"update"}, Short: "change a repository's name, description or groups"}, func(ctx context.Context, o *scopedOptions, s scope) error {
		return repoEdit(ctx, o, fields, s)
	}, fields)
}

func repoEdit(ctx context.Context, o *scopedOptions, fields *fieldOptions, s scope) error {
	ws, repo := s.ws, *s.repo
	// The platform replaces every field: start from what is there.
	d := repo.Data()
	fields.edit(&d.Name, &d.Description)
	fields.applyTo(&d.AuthzAdmin, &d.AuthzSupervisor, &d.AuthzMember)
	r, err := s.c.UpdateRepository(ctx, ws.WorkspaceID, repo.RepositoryID, d)
	if err == nil {
		err = printRepo(o.Factory, r, o.output, "Saved the repository “%s” (%s).\n")
	}
	return explainRepoRefusal(err, "only a Manager of the repository "+repo.Name+" or of the workspace "+ws.Name+" can edit it")
}

// repoRequiredUsage describes --repository where it is required.
const repoRequiredUsage = "repository name or id (required)"

func newRepoDeleteCmd(f *Factory) *cobra.Command {
	return newScopedCmd(scopeOptions{Factory: f, needRepository: true, repoUsage: repoRequiredUsage}, &cobra.Command{
		Use: "delete --workspace W --repository R [--yes]", Short: "delete a repository"}, func(ctx context.Context, o *scopedOptions, s scope) error {
		ws, repo := s.ws, *s.repo
		err := repoDelete(ctx, o.Factory, s.c, ws, repo, o.yes)
		return explainRepoRefusal(err, "only a Manager of the repository "+repo.Name+" or of the workspace "+ws.Name+" can delete it")
	})
}

// explainRepoRefusal says which role was needed when the platform refuses.
func explainRepoRefusal(err error, need string) error {
	if e := explainGroupRefusal(err); e != err {
		return e
	}
	return refusedBecause(err, "repositories", need)
}

// refusedBecause says, for op, which role was needed when the platform
// refuses for the caller's role.
func refusedBecause(err error, op, need string) error {
	if client.KindOf(err) != client.KindForbidden {
		return err
	}
	return &client.Error{Kind: client.KindForbidden, Op: op, Message: need, Err: err}
}

// explainNoRole says, for op, who may do it when the platform refuses
// for the caller's role or for want of access.
func explainNoRole(err error, op, who string) error {
	k := client.KindOf(err)
	if k != client.KindForbidden && k != client.KindNoAccess {
		return err
	}
	return &client.Error{Kind: k, Op: op, Message: who, Err: err}
}

// listPageSize is the page asked for when walking the list: the platform
// takes any size of 15 or more.
const listPageSize = 100

// allRepositories walks the platform's pages until a short one.
func allRepositories(ctx context.Context, c *client.Client, workspaceID, search string) ([]client.Repository, error) {
	var all []client.Repository
	seen := map[string]bool{}
	for page := 1; ; page++ {
		repos, err := c.Repositories(ctx, workspaceID, client.RepositoryQuery{Page: page, Size: listPageSize, Search: search})
		if err != nil {
			return nil, err
		}
		fresh := 0
		for _, r := range repos {
			if !seen[r.RepositoryID] {
				seen[r.RepositoryID] = true
				all = append(all, r)
				fresh++
			}
		}
		// A page of nothing new means the platform ignored paging (the
		// application admin gets everything at once).
		if len(repos) < listPageSize || fresh == 0 {
			return all, nil
		}
	}
}

func repoList(ctx context.Context, o *Factory, c *client.Client, ws client.Workspace, search, output string) error {
	all, err := allRepositories(ctx, c, ws.WorkspaceID, search)
	if err != nil {
		return err
	}
	empty := fmt.Sprintf("The workspace %s has no repository you can see.", cleanCell(ws.Name))
	if search != "" {
		empty = fmt.Sprintf("No repository of the workspace %s you can see has a name containing %q.", cleanCell(ws.Name), search)
	}
	return listing[client.Repository]{
		headers: []string{"ID", "NAME", "YOUR ROLE", "DESCRIPTION"},
		row: func(r client.Repository) []string {
			return []string{r.RepositoryID, r.Name, client.RoleName(r.Role), r.Description}
		},
		empty: empty,
	}.print(o, output, all)
}

func printRepo(o *Factory, r client.Repository, output, format string) error {
	return printSaved(o, output, r, format, r.Name, r.RepositoryID, groupsLine(r.AuthzAdmin, r.AuthzSupervisor, r.AuthzMember, true))
}

func repoDelete(ctx context.Context, o *Factory, c *client.Client, ws client.Workspace, r client.Repository, yes bool) error {
	return o.remove(removal{
		question: fmt.Sprintf("Delete the repository “%s” of the workspace %s, with its tokens, roles and analyses?", cleanCell(r.Name), ws.Name),
		nothing:  "Nothing was deleted.",
		do:       func() error { return c.DeleteRepository(ctx, ws.WorkspaceID, r.RepositoryID) },
		done:     fmt.Sprintf("Deleted the repository “%s” (%s).", cleanCell(r.Name), r.RepositoryID),
	}, yes)
}
