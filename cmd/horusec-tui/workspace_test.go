package main

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// TestWorkspaceRoundTrip: create, list --output json, show, edit and
// delete --yes against the demo platform, with the ids the platform gives.
func TestWorkspaceRoundTrip(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	c := demoClient(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ctx := context.Background()

	code, out, errOut := runCmd(t, "", "workspace", "create", "--name", "Round Trip", "--description", "made by a test", "--output", "json")
	if code != exitOK {
		t.Fatalf("create: exit %d: %s", code, errOut)
	}
	var created client.Workspace
	if err := json.Unmarshal([]byte(out), &created); err != nil || created.WorkspaceID == "" || created.Role != client.RoleAdmin {
		t.Fatalf("create --output json: %v %q", err, out)
	}
	// The platform has it, under that id.
	onPlatform, err := c.Workspace(ctx, created.WorkspaceID)
	if err != nil || onPlatform.Name != "Round Trip" || onPlatform.Description != "made by a test" {
		t.Fatalf("the platform has %+v, %v", onPlatform, err)
	}

	code, out, errOut = runCmd(t, "", "workspace", "list", "--output", "json")
	if code != exitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	var listed []client.Workspace
	if err := json.Unmarshal([]byte(out), &listed); err != nil {
		t.Fatal(err)
	}
	platform, err := c.Workspaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := func(ws []client.Workspace) map[string]string {
		m := map[string]string{}
		for _, w := range ws {
			m[w.WorkspaceID] = w.Name
		}
		return m
	}
	got, want := ids(listed), ids(platform)
	if len(got) != len(want) || got[created.WorkspaceID] != "Round Trip" {
		t.Errorf("list --output json %v, the platform %v", got, want)
	}
	for id, name := range want {
		if got[id] != name {
			t.Errorf("workspace %s: listed as %q, the platform says %q", id, got[id], name)
		}
	}

	// The table shows the ids too.
	_, table, _ := runCmd(t, "", "workspace", "list")
	if !strings.Contains(table, created.WorkspaceID) || !strings.Contains(table, "Round Trip") || !strings.HasPrefix(table, "ID") {
		t.Errorf("table:\n%s", table)
	}
	code, out, _ = runCmd(t, "", "workspace", "show", "--workspace", "Round Trip")
	if code != exitOK || !regexp.MustCompile(`ID:\s+`+created.WorkspaceID).MatchString(out) || !strings.Contains(out, "Manager") {
		t.Errorf("show: exit %d:\n%s", code, out)
	}

	// edit changes only what is given.
	code, _, errOut = runCmd(t, "", "workspace", "edit", "--workspace", created.WorkspaceID, "--name", "Round Trip 2")
	if code != exitOK {
		t.Fatalf("edit: exit %d: %s", code, errOut)
	}
	if w, _ := c.Workspace(ctx, created.WorkspaceID); w.Name != "Round Trip 2" || w.Description != "made by a test" {
		t.Errorf("after edit: %+v", w)
	}

	// delete needs --yes without a terminal, and asks on its own line.
	code, _, errOut = runCmd(t, "", "workspace", "delete", "--workspace", "Round Trip 2")
	if code != exitUsage || !strings.Contains(errOut, "--yes") || !strings.HasPrefix(errOut, "Delete the workspace “Round Trip 2”") || strings.Count(errOut, "\n") != 2 {
		t.Errorf("delete without --yes: exit %d: %q", code, errOut)
	}
	if _, err := c.Workspace(ctx, created.WorkspaceID); err != nil {
		t.Fatalf("deleted without --yes: %v", err)
	}
	code, out, errOut = runCmd(t, "", "workspace", "delete", "--workspace", created.WorkspaceID, "--yes")
	if code != exitOK || !strings.Contains(out, created.WorkspaceID) {
		t.Fatalf("delete --yes: exit %d: %s %s", code, out, errOut)
	}
	platform, _ = c.Workspaces(ctx)
	if _, still := ids(platform)[created.WorkspaceID]; still {
		t.Error("the platform still has the workspace")
	}
	code, _, errOut = runCmd(t, "", "workspace", "show", "--workspace", created.WorkspaceID)
	if code != exitNotFound {
		t.Errorf("show of a deleted workspace: exit %d: %s", code, errOut)
	}
}

func TestWorkspaceSameNameWarnsAndIDsTellApart(t *testing.T) {
	demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	code, out, errOut := runCmd(t, "", "workspace", "create", "--name", "Acme Platform")
	if code != exitOK || !strings.Contains(errOut, "warning: another of your workspaces is named “Acme Platform”") {
		t.Fatalf("duplicate name: exit %d: %s", code, errOut)
	}
	newID := regexp.MustCompile(`\(([0-9a-f-]{36})\)`).FindStringSubmatch(out)
	if newID == nil {
		t.Fatalf("no id in %q", out)
	}
	// The name is ambiguous now; the commands say which ids to use.
	code, _, errOut = runCmd(t, "", "workspace", "show", "--workspace", "Acme Platform")
	if code != exitUsage || !strings.Contains(errOut, newID[1]) {
		t.Errorf("ambiguous: exit %d: %s", code, errOut)
	}
	code, out, _ = runCmd(t, "", "workspace", "show", "--workspace", newID[1], "--output", "json")
	if code != exitOK || !strings.Contains(out, newID[1]) {
		t.Errorf("show by id: exit %d: %s", code, out)
	}
	// A rename onto a name in use warns too; a rename elsewhere does not.
	_, _, errOut = runCmd(t, "", "workspace", "edit", "--workspace", newID[1], "--name", "Sandbox")
	if !strings.Contains(errOut, "warning: another of your workspaces is named “Sandbox”") {
		t.Errorf("rename onto Sandbox: %q", errOut)
	}
	_, _, errOut = runCmd(t, "", "workspace", "edit", "--workspace", newID[1], "--name", "Unique Name")
	if strings.Contains(errOut, "warning") {
		t.Errorf("rename to a free name: %q", errOut)
	}
}

func TestWorkspaceRefusalsAndUsage(t *testing.T) {
	demoLogin(t, horusectest.UserEmail, horusectest.UserPassword)
	code, _, errOut := runCmd(t, "", "workspace", "delete", "--workspace", "Acme Platform", "--yes")
	if code != exitPermission || !strings.Contains(errOut, "only a Manager of the workspace Acme Platform can delete it") || strings.Contains(errOut, "HORUSEC") {
		t.Errorf("a User deletes: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "workspace", "edit", "--workspace", "Acme Platform", "--description", "x")
	if code != exitPermission || !strings.Contains(errOut, "Manager") {
		t.Errorf("a User edits: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "workspace", "show", "--workspace", "No Such Workspace")
	if code != exitNotFound {
		t.Errorf("unknown name: exit %d: %s", code, errOut)
	}
	wantUsage(t, [][]string{
		{"workspace", "create"},
		{"workspace", "create", "--name", " "},
		{"workspace", "create", "--name", strings.Repeat("x", 256)},
		// The platform counts bytes: 128 letters é are 256 of them.
		{"workspace", "create", "--name", strings.Repeat("é", 128)},
		{"workspace", "create", "--name", "x", "--description", strings.Repeat("é", 128)},
		{"workspace", "edit", "--workspace", "Acme Platform"},
		{"workspace", "delete"},
		{"workspace", "list", "--output", "yaml"},
		{"workspace", "show", "extra"},
	}...)
}

// TestCompletionOfPlatformValues: cobra's completion entry point, as the
// shells' scripts call it, offers the logged-in profile's values.
func TestCompletionOfPlatformValues(t *testing.T) {
	demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	complete := func(args ...string) []string {
		t.Helper()
		code, out, errOut := runCmd(t, "", append([]string{"__complete"}, args...)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		return lines[:len(lines)-1] // the last line is cobra's directive
	}
	if got := strings.Join(complete("member", "list", "--workspace", ""), ","); !strings.Contains(got, "Acme Platform") || !strings.Contains(got, "Sandbox") {
		t.Errorf("--workspace: %q", got)
	}
	if got := complete("token", "list", "--workspace", "Sa"); strings.Join(got, ",") != "Sandbox" {
		t.Errorf("--workspace Sa: %q", got)
	}
	if got := strings.Join(complete("repo", "delete", "--workspace", "Acme Platform", "--repository", "pay"), ","); got != "payments-api" {
		t.Errorf("--repository: %q", got)
	}
	if got := strings.Join(complete("member", "remove", "--workspace", "Acme Platform", "--email", "user@"), ","); got != horusectest.UserEmail {
		t.Errorf("--email: %q", got)
	}
	if got := strings.Join(complete("token", "revoke", "--workspace", "Acme Platform", "--description", "CI"), ","); !strings.Contains(got, "CI pipeline (GitHub Actions)") {
		t.Errorf("--description: %q", got)
	}
	// Logged out: nothing, quickly, and nothing on stderr.
	runCmd(t, "", "auth", "logout")
	code, out, errOut := runCmd(t, "", "__complete", "member", "list", "--workspace", "")
	// (cobra notes its directive on stderr, which the scripts drop.)
	if code != exitOK || strings.TrimSpace(out) != ":4" || strings.Contains(errOut, "horusec-tui:") {
		t.Errorf("logged out: exit %d, %q, %q", code, out, errOut)
	}
}
