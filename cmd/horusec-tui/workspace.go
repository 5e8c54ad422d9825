package main

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

type workspaceListOptions struct {
	*Factory
	outputFlag
}

func newWorkspaceListCmd(f *Factory) *cobra.Command {
	o := &workspaceListOptions{Factory: f}
	return leaf(&cobra.Command{Use: "list [--output table|json]", Aliases: []string{"ls"}, Short: "list your workspaces, with their ids"},
		func() error { return workspaceListRun(o) }, &o.outputFlag)
}

func workspaceListRun(o *workspaceListOptions) error {
	return o.withClient(func(ctx context.Context, c *client.Client) error {
		all, err := c.Workspaces(ctx)
		if err != nil {
			return err
		}
		sort.SliceStable(all, func(i, j int) bool { return strings.ToLower(all[i].Name) < strings.ToLower(all[j].Name) })
		return listing[client.Workspace]{
			headers: []string{"ID", "NAME", "YOUR ROLE", "REPOSITORIES", "DESCRIPTION"},
			row: func(w client.Workspace) []string {
				return []string{w.WorkspaceID, w.Name, client.RoleName(w.Role), fmt.Sprint(w.RepositoriesCount), w.Description}
			},
			empty: "You have no workspace yet: create one with 'horusec-tui workspace create --name NAME'.",
		}.print(o.Factory, o.output, all)
	})
}

type workspaceShowOptions struct {
	scopeOptions
	outputFlag
}

func newWorkspaceShowCmd(f *Factory) *cobra.Command {
	o := &workspaceShowOptions{scopeOptions: scopeOptions{Factory: f, noRepository: true}}
	return leaf(&cobra.Command{Use: "show --workspace W [--output table|json]", Short: "show a workspace"},
		func() error { return workspaceShowRun(o) }, &o.scopeOptions, &o.outputFlag)
}

func workspaceShowRun(o *workspaceShowOptions) error {
	return o.inScope(func(_ context.Context, s scope) error {
		// The list's entry: only it counts the repositories.
		w := s.ws
		if o.output == "json" {
			return printJSON(o.IO.Out, w)
		}
		t := newTable(o.IO.Out)
		t.row("ID:", w.WorkspaceID)
		t.row("Name:", w.Name)
		t.row("Description:", w.Description)
		t.row("Your role:", client.RoleName(w.Role))
		t.row("Repositories:", fmt.Sprint(w.RepositoriesCount))
		if !w.CreatedAt.IsZero() {
			t.row("Created:", w.CreatedAt.UTC().Format(dateLayout))
		}
		if len(w.AuthzAdmin)+len(w.AuthzMember) > 0 {
			t.row("Admin groups:", groupList(w.AuthzAdmin))
			t.row("Member groups:", groupList(w.AuthzMember))
		}
		return t.flush()
	})
}

// dateLayout is the one way dates are printed in tables (UTC days).
const dateLayout = "2006-01-02"

// warnSameName warns when another of the caller's workspaces has name: the
// platform allows it, but names then no longer tell them apart.
func warnSameName(ctx context.Context, o *Factory, c *client.Client, name, exceptID string) {
	all, err := c.Workspaces(ctx)
	if err != nil {
		return // only a warning
	}
	var ids []string
	for _, w := range all {
		if w.Name == name && w.WorkspaceID != exceptID {
			ids = append(ids, w.WorkspaceID)
		}
	}
	if len(ids) > 0 {
		fmt.Fprintf(o.IO.ErrOut, "warning: another of your workspaces is named “%s” (%s): name them by id from now on, or rename one.\n",
			cleanCell(name), strings.Join(ids, ", "))
	}
}

type workspaceCreateOptions struct {
	*Factory
	*fieldOptions
	outputFlag
}

func newWorkspaceCreateCmd(f *Factory) *cobra.Command {
	o := &workspaceCreateOptions{Factory: f, fieldOptions: workspaceFields()}
	return leaf(&cobra.Command{Use: "create --name N [--description D] [--admin-group G]... [--member-group G]... [--output table|json]", Aliases: []string{"new"},
		Short: "create a workspace (you become its Manager)"},
		func() error { return workspaceCreateRun(o) }, &o.outputFlag, o.fieldOptions)
}

func workspaceCreateRun(o *workspaceCreateOptions) error {
	return o.withClient(func(ctx context.Context, c *client.Client) error {
		d := client.WorkspaceData{Name: strings.TrimSpace(o.name), Description: o.description, AuthzAdmin: o.admin, AuthzMember: o.member}
		if err := checkNewAdminGroups(c, d.AuthzAdmin, "workspace"); err != nil {
			return err
		}
		w, err := c.CreateWorkspace(ctx, d)
		if client.IsKind(err, client.KindForbidden) {
			return &client.Error{Kind: client.KindForbidden, Op: "create workspace",
				Message: "on this platform only the application admin can create workspaces", Err: err}
		}
		if err != nil {
			return explainGroupRefusal(err)
		}
		warnSameName(ctx, o.Factory, c, w.Name, w.WorkspaceID)
		return printSaved(o.Factory, o.output, w, "Created the workspace “%s” (%s); you are its Manager.\n", w.Name, w.WorkspaceID, workspaceGroups(w))
	})
}

type workspaceEditOptions struct {
	scopeOptions
	*fieldOptions
	outputFlag
}

func newWorkspaceEditCmd(f *Factory) *cobra.Command {
	o := &workspaceEditOptions{scopeOptions: scopeOptions{Factory: f, noRepository: true}, fieldOptions: workspaceFields()}
	return leaf(&cobra.Command{Use: "edit --workspace W [--name N] [--description D] [--admin-group G]... [--member-group G]... [--output table|json]", Aliases: []string{"update"},
		Short: "change a workspace's name, description or groups"},
		func() error { return workspaceEditRun(o) }, &o.scopeOptions, &o.outputFlag, o.fieldOptions)
}

func workspaceEditRun(o *workspaceEditOptions) error {
	return o.inScope(func(ctx context.Context, s scope) error {
		// The platform replaces every field: start from what is there.
		d := s.ws.Data()
		o.edit(&d.Name, &d.Description)
		o.applyTo(&d.AuthzAdmin, nil, &d.AuthzMember)
		w, err := s.c.UpdateWorkspace(ctx, s.ws.WorkspaceID, d)
		if err != nil {
			return refusedBecause(explainGroupRefusal(err), "edit workspace", "only a Manager of the workspace "+s.ws.Name+" can edit it")
		}
		if o.setName && d.Name != s.ws.Name {
			warnSameName(ctx, o.Factory, s.c, d.Name, s.ws.WorkspaceID)
		}
		return printSaved(o.Factory, o.output, w, "Saved the workspace “%s” (%s).\n", w.Name, w.WorkspaceID, workspaceGroups(w))
	})
}

func newWorkspaceDeleteCmd(f *Factory) *cobra.Command {
	return newScopedCmd(scopeOptions{Factory: f, noRepository: true}, &cobra.Command{Use: "delete --workspace W [--yes]",
		Short: "delete a workspace with everything in it"}, func(ctx context.Context, o *scopedOptions, s scope) error {
		w := s.ws
		err := o.remove(removal{
			question: fmt.Sprintf("Delete the workspace “%s” (%s), with its repositories, tokens, roles and analyses?", w.Name, w.WorkspaceID),
			nothing:  "Nothing was deleted.",
			do:       func() error { return s.c.DeleteWorkspace(ctx, w.WorkspaceID) },
			done:     fmt.Sprintf("Deleted the workspace “%s” (%s).", cleanCell(w.Name), w.WorkspaceID),
		}, o.yes)
		return refusedBecause(err, "delete workspace", "only a Manager of the workspace "+w.Name+" can delete it")
	})
}

// workspaceGroups names a workspace's groups ("" when it has none).
func workspaceGroups(w client.Workspace) string {
	return groupsLine(w.AuthzAdmin, nil, w.AuthzMember, false)
}
