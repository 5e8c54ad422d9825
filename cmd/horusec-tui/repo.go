package main

import (
	"context"
	"flag"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/horusec-tui/horusec-tui/client"
)

const repoUsage = `Usage:
  horusec-tui repo list   --workspace W [--search S] [--output table|json]
  horusec-tui repo create --workspace W --name N [--description D] [--output table|json]
  horusec-tui repo edit   --workspace W --repository R [--name N] [--description D] [--output table|json]
  horusec-tui repo delete --workspace W --repository R [--yes]

list walks every page of the platform's list (--search keeps the names
that contain S, ignoring case). edit changes only the fields given. delete
takes the repository's tokens, roles and analyses with it; it asks first,
and needs --yes when stdin is not a terminal.

Run 'horusec-tui repo <command> --help' for a command's flags.
`

func runRepo(a *app, args []string) int {
	return runGroup(a, "repo", repoUsage, []string{"list", "ls", "create", "new", "edit", "update", "delete", "rm"}, args, repoCommand)
}

func repoCommand(a *app, sub string, args []string) int {
	canonical := map[string]string{"ls": "list", "new": "create", "update": "edit", "rm": "delete"}
	if c, ok := canonical[sub]; ok {
		sub = c
	}
	synopsis := map[string]string{
		"list":   "  horusec-tui repo list --workspace W [--search S] [--output table|json]",
		"create": "  horusec-tui repo create --workspace W --name N [--description D] [--output table|json]",
		"edit":   "  horusec-tui repo edit --workspace W --repository R [--name N] [--description D] [--output table|json]",
		"delete": "  horusec-tui repo delete --workspace W --repository R [--yes]",
	}[sub]
	fs := a.flagSet("repo "+sub, synopsis)
	wsFlag := fs.String("workspace", "", "workspace name or id (required)")
	var repoFlag, search, name, description, output *string
	var yes *bool
	switch sub {
	case "list":
		search = fs.String("search", "", "only repositories whose name contains this text (any case)")
	case "create", "edit":
		name = fs.String("name", "", "the repository's name, 1 to 255 characters, unique in the workspace")
		description = fs.String("description", "", "the repository's description, at most 255 characters")
	case "delete":
		yes = fs.Bool("yes", false, "do not ask for confirmation (needed when stdin is not a terminal)")
	}
	if sub != "list" && sub != "create" {
		repoFlag = fs.String("repository", "", "repository name or id (required)")
	}
	if sub != "delete" {
		output = fs.String("output", "table", "table or json")
	}
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	// Check everything that needs no platform first.
	if len(pos) > 0 {
		return a.fail(usageErrorf("repo %s takes no arguments (got %q)", sub, strings.Join(pos, " ")))
	}
	if strings.TrimSpace(*wsFlag) == "" {
		return a.fail(usageErrorf("repo %s needs --workspace", sub))
	}
	if repoFlag != nil && strings.TrimSpace(*repoFlag) == "" {
		return a.fail(usageErrorf("repo %s needs --repository", sub))
	}
	if output != nil {
		if err := checkOutput(*output); err != nil {
			return a.fail(err)
		}
	}
	if name != nil {
		if sub == "create" && !given["name"] {
			return a.fail(usageErrorf("repo create needs --name"))
		}
		if given["name"] {
			if err := checkRepoName(*name); err != nil {
				return a.fail(err)
			}
		}
		if n := utf8.RuneCountInString(*description); n > 255 {
			return a.fail(usageErrorf("--description is %d characters long; the platform takes at most 255", n))
		}
		if sub == "edit" && !given["name"] && !given["description"] {
			return a.fail(usageErrorf("repo edit needs --name or --description (the fields to change)"))
		}
	}

	ctx, cancel := a.context()
	defer cancel()
	c, _, err := a.loggedInClient(ctx)
	if err != nil {
		return a.fail(err)
	}
	var repoName string // checked above: not blank where the command takes it
	if repoFlag != nil {
		repoName = *repoFlag
	}
	sc, err := resolveScope(ctx, c, *wsFlag, repoName)
	if err != nil {
		return a.fail(err)
	}
	ws := sc.ws
	var repo client.Repository
	if sc.repo != nil {
		repo = *sc.repo
	}
	switch sub {
	case "list":
		err = repoList(ctx, a, c, ws, strings.TrimSpace(*search), *output)
	case "create":
		d := client.RepositoryData{Name: strings.TrimSpace(*name), Description: *description}
		var r client.Repository
		if r, err = c.CreateRepository(ctx, ws.WorkspaceID, d); err == nil {
			err = printRepo(a, r, *output, "Created the repository “%s” (%s) in the workspace "+ws.Name+".\n")
		}
		err = explainRepoRefusal(err, "only a Manager of the workspace "+ws.Name+" can create repositories")
	case "edit":
		// The platform replaces every field: start from what is there.
		d := repo.Data()
		if given["name"] {
			d.Name = strings.TrimSpace(*name)
		}
		if given["description"] {
			d.Description = *description
		}
		var r client.Repository
		if r, err = c.UpdateRepository(ctx, ws.WorkspaceID, repo.RepositoryID, d); err == nil {
			err = printRepo(a, r, *output, "Saved the repository “%s” (%s).\n")
		}
		err = explainRepoRefusal(err, "only a Manager of the repository "+repo.Name+" or of the workspace "+ws.Name+" can edit it")
	case "delete":
		err = repoDelete(ctx, a, c, ws, repo, *yes)
		err = explainRepoRefusal(err, "only a Manager of the repository "+repo.Name+" or of the workspace "+ws.Name+" can delete it")
	}
	return a.fail(err)
}

func checkRepoName(name string) error {
	n := utf8.RuneCountInString(strings.TrimSpace(name))
	switch {
	case n == 0:
		return usageErrorf("--name cannot be empty")
	case n > 255:
		return usageErrorf("--name is %d characters long; the platform takes at most 255", n)
	}
	return nil
}

// explainRepoRefusal says which role was needed when the platform refuses.
func explainRepoRefusal(err error, need string) error {
	if client.KindOf(err) != client.KindForbidden {
		return err
	}
	return &client.Error{Kind: client.KindForbidden, Op: "repositories", Message: need, Err: err}
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

func repoList(ctx context.Context, a *app, c *client.Client, ws client.Workspace, search, output string) error {
	all, err := allRepositories(ctx, c, ws.WorkspaceID, search)
	if err != nil {
		return err
	}
	if output == "json" {
		if all == nil {
			all = []client.Repository{}
		}
		return printJSON(a.stdout, all)
	}
	if len(all) == 0 {
		if search != "" {
			fmt.Fprintf(a.stderr, "No repository of the workspace %s you can see has a name containing %q.\n", cleanCell(ws.Name), search)
		} else {
			fmt.Fprintf(a.stderr, "The workspace %s has no repository you can see.\n", cleanCell(ws.Name))
		}
		return nil
	}
	t := newTable(a.stdout, "ID", "NAME", "YOUR ROLE", "DESCRIPTION")
	for _, r := range all {
		t.row(r.RepositoryID, r.Name, client.RoleName(r.Role), r.Description)
	}
	return t.flush()
}

func printRepo(a *app, r client.Repository, output, format string) error {
	if output == "json" {
		return printJSON(a.stdout, r)
	}
	fmt.Fprintf(a.stdout, format, cleanCell(r.Name), r.RepositoryID)
	return nil
}

func repoDelete(ctx context.Context, a *app, c *client.Client, ws client.Workspace, r client.Repository, yes bool) error {
	ok, err := a.confirm(fmt.Sprintf("Delete the repository “%s” of the workspace %s, with its tokens, roles and analyses?", cleanCell(r.Name), ws.Name), yes)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(a.stderr, "Nothing was deleted.")
		return nil
	}
	if err := c.DeleteRepository(ctx, ws.WorkspaceID, r.RepositoryID); err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Deleted the repository “%s” (%s).\n", cleanCell(r.Name), r.RepositoryID)
	return nil
}
