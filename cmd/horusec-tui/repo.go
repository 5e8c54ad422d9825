package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

func newRepoCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("repo", "list, create, edit and delete repositories",
		`list walks every page of the platform's list (--search keeps the names
that contain S, ignoring case). edit changes only the fields given. delete
takes the repository's tokens, roles and analyses with it; it asks first,
and needs --yes when stdin is not a terminal.`)
	cmd.AddCommand(newRepoListCmd(f), newRepoCreateCmd(f), newRepoEditCmd(f), newRepoDeleteCmd(f))
	return cmd
}

type repoListOptions struct {
	scopeOptions
	search, output string
}

func newRepoListCmd(f *Factory) *cobra.Command {
	o := &repoListOptions{scopeOptions: scopeOptions{Factory: f, noRepository: true}}
	cmd := &cobra.Command{
		Use:     "list --workspace W [--search S] [--output table|json]",
		Aliases: []string{"ls"},
		Short:   "list a workspace's repositories",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			if err := checkOutput(o.output); err != nil {
				return err
			}
			return repoListRun(o)
		},
	}
	o.addFlags(cmd, "")
	cmd.Flags().StringVar(&o.search, "search", "", "only repositories whose name contains this text (any case)")
	addOutputFlag(cmd, &o.output)
	return cmd
}

func repoListRun(o *repoListOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	return repoList(ctx, o.Factory, s.c, s.ws, strings.TrimSpace(o.search), o.output)
}

// repoFieldOptions are the fields create and edit set.
type repoFieldOptions struct {
	name, description string
	groupFlags
}

func (o *repoFieldOptions) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.name, "name", "", "the repository's name, 1 to 255 characters, unique in the workspace")
	cmd.Flags().StringVar(&o.description, "description", "", "the repository's description, at most 255 characters")
	o.groupFlags.addFlags(cmd, true)
}

// check checks the fields given; create needs --name, edit a field.
func (o *repoFieldOptions) check(c *cobra.Command) error {
	given := c.Flags().Changed
	if c.Name() == "create" && !given("name") {
		return usageErrorf("repo create needs --name")
	}
	if given("name") {
		if err := checkRepoName(o.name); err != nil {
			return err
		}
	}
	if msg := client.TooLong("--description", o.description); msg != "" {
		return usageErrorf("%s", msg)
	}
	if err := o.groupFlags.check(c); err != nil {
		return err
	}
	if c.Name() == "edit" && !given("name") && !given("description") && !o.groupFlags.given(c) {
		return usageErrorf("repo edit needs --name, --description or a group flag (the fields to change)")
	}
	return nil
}

type repoCreateOptions struct {
	scopeOptions
	repoFieldOptions
	output string
}

func newRepoCreateCmd(f *Factory) *cobra.Command {
	o := &repoCreateOptions{scopeOptions: scopeOptions{Factory: f, noRepository: true}}
	cmd := &cobra.Command{
		Use:     "create --workspace W --name N [--description D] [--admin-group G]... [--supervisor-group G]... [--member-group G]... [--output table|json]",
		Aliases: []string{"new"},
		Short:   "create a repository",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.scopeOptions.check(c); err != nil {
				return err
			}
			if err := checkOutput(o.output); err != nil {
				return err
			}
			if err := o.repoFieldOptions.check(c); err != nil {
				return err
			}
			return repoCreateRun(o)
		},
	}
	o.scopeOptions.addFlags(cmd, "")
	o.repoFieldOptions.addFlags(cmd)
	addOutputFlag(cmd, &o.output)
	return cmd
}

func repoCreateRun(o *repoCreateOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	d := client.RepositoryData{Name: strings.TrimSpace(o.name), Description: o.description,
		AuthzAdmin: o.admin, AuthzSupervisor: o.supervisor, AuthzMember: o.member}
	if err := checkNewAdminGroups(s.c, d.AuthzAdmin, "repository"); err != nil {
		return err
	}
	r, err := s.c.CreateRepository(ctx, s.ws.WorkspaceID, d)
	if err == nil {
		err = printRepo(o.Factory, r, o.output, "Created the repository “%s” (%s) in the workspace "+s.ws.Name+".\n")
	}
	return explainRepoRefusal(err, "only a Manager of the workspace "+s.ws.Name+" can create repositories")
}

type repoEditOptions struct {
	scopeOptions
	repoFieldOptions
	output                  string
	setName, setDescription bool
	cmd                     *cobra.Command
}

func newRepoEditCmd(f *Factory) *cobra.Command {
	o := &repoEditOptions{scopeOptions: scopeOptions{Factory: f, needRepository: true}}
	cmd := &cobra.Command{
		Use:     "edit --workspace W --repository R [--name N] [--description D] [--admin-group G]... [--supervisor-group G]... [--member-group G]... [--output table|json]",
		Aliases: []string{"update"},
		Short:   "change a repository's name, description or groups",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.scopeOptions.check(c); err != nil {
				return err
			}
			if err := checkOutput(o.output); err != nil {
				return err
			}
			if err := o.repoFieldOptions.check(c); err != nil {
				return err
			}
			o.setName, o.setDescription = c.Flags().Changed("name"), c.Flags().Changed("description")
			o.cmd = c
			return repoEditRun(o)
		},
	}
	o.scopeOptions.addFlags(cmd, "repository name or id (required)")
	o.repoFieldOptions.addFlags(cmd)
	addOutputFlag(cmd, &o.output)
	return cmd
}

func repoEditRun(o *repoEditOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	ws, repo := s.ws, *s.repo
	// The platform replaces every field: start from what is there.
	d := repo.Data()
	if o.setName {
		d.Name = strings.TrimSpace(o.name)
	}
	if o.setDescription {
		d.Description = o.description
	}
	// Each group flag given replaces that list; the others stay.
	d.AuthzAdmin = o.groupFlags.apply(o.cmd, flagAdminGroup, d.AuthzAdmin)
	d.AuthzSupervisor = o.groupFlags.apply(o.cmd, flagSupervisorGroup, d.AuthzSupervisor)
	d.AuthzMember = o.groupFlags.apply(o.cmd, flagMemberGroup, d.AuthzMember)
	r, err := s.c.UpdateRepository(ctx, ws.WorkspaceID, repo.RepositoryID, d)
	if err == nil {
		err = printRepo(o.Factory, r, o.output, "Saved the repository “%s” (%s).\n")
	}
	return explainRepoRefusal(err, "only a Manager of the repository "+repo.Name+" or of the workspace "+ws.Name+" can edit it")
}

type repoDeleteOptions struct {
	scopeOptions
	yes bool
}

func newRepoDeleteCmd(f *Factory) *cobra.Command {
	o := &repoDeleteOptions{scopeOptions: scopeOptions{Factory: f, needRepository: true}}
	cmd := &cobra.Command{
		Use:     "delete --workspace W --repository R [--yes]",
		Aliases: []string{"rm"},
		Short:   "delete a repository",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			return repoDeleteRun(o)
		},
	}
	o.addFlags(cmd, "repository name or id (required)")
	addYesFlag(cmd, &o.yes)
	return cmd
}

func repoDeleteRun(o *repoDeleteOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	ws, repo := s.ws, *s.repo
	err = repoDelete(ctx, o.Factory, s.c, ws, repo, o.yes)
	return explainRepoRefusal(err, "only a Manager of the repository "+repo.Name+" or of the workspace "+ws.Name+" can delete it")
}

func checkRepoName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return usageErrorf("--name cannot be empty")
	}
	if msg := client.TooLong("--name", name); msg != "" {
		return usageErrorf("%s", msg)
	}
	return nil
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
	if output == "json" {
		if all == nil {
			all = []client.Repository{}
		}
		return printJSON(o.IO.Out, all)
	}
	if len(all) == 0 {
		if search != "" {
			fmt.Fprintf(o.IO.ErrOut, "No repository of the workspace %s you can see has a name containing %q.\n", cleanCell(ws.Name), search)
		} else {
			fmt.Fprintf(o.IO.ErrOut, "The workspace %s has no repository you can see.\n", cleanCell(ws.Name))
		}
		return nil
	}
	t := newTable(o.IO.Out, "ID", "NAME", "YOUR ROLE", "DESCRIPTION")
	for _, r := range all {
		t.row(r.RepositoryID, r.Name, client.RoleName(r.Role), r.Description)
	}
	return t.flush()
}

func printRepo(o *Factory, r client.Repository, output, format string) error {
	if output == "json" {
		return printJSON(o.IO.Out, r)
	}
	fmt.Fprintf(o.IO.Out, format, cleanCell(r.Name), r.RepositoryID)
	if g := groupsLine(r.AuthzAdmin, r.AuthzSupervisor, r.AuthzMember, true); g != "" {
		fmt.Fprintln(o.IO.Out, g)
	}
	return nil
}

func repoDelete(ctx context.Context, o *Factory, c *client.Client, ws client.Workspace, r client.Repository, yes bool) error {
	ok, err := o.confirm(fmt.Sprintf("Delete the repository “%s” of the workspace %s, with its tokens, roles and analyses?", cleanCell(r.Name), ws.Name), yes)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(o.IO.ErrOut, "Nothing was deleted.")
		return nil
	}
	if err := c.DeleteRepository(ctx, ws.WorkspaceID, r.RepositoryID); err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "Deleted the repository “%s” (%s).\n", cleanCell(r.Name), r.RepositoryID)
	return nil
}
