package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// memberDemo starts the demo platform (with e-mails, as invitations
// send them), points the program at it and logs the program in as email.
// It returns the platform and a client of its own (logged in as the demo
// Manager) to check the platform directly.
func memberDemo(t *testing.T, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	srv := demoAs(t, horusectest.Options{}, email, password)
	return srv, demoClient(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
}

func memberRoleIn(t *testing.T, members []client.Member, email string) string {
	t.Helper()
	for _, m := range members {
		if strings.EqualFold(m.Email, email) {
			return m.Role
		}
	}
	return ""
}

func memberWorkspaceRole(t *testing.T, cl *client.Client, wsID, email string) string {
	t.Helper()
	all, err := cl.WorkspaceMembers(context.Background(), wsID, "")
	if err != nil {
		t.Fatal(err)
	}
	return memberRoleIn(t, all, email)
}

func TestMemberInviteSetRoleRemove(t *testing.T) {
	srv, cl := memberDemo(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	if _, err := srv.AddAccount("ann@example.com", "ann", "Ann#2026pass"); err != nil {
		t.Fatal(err)
	}
	wsID := mustWS(t, srv, "Acme Platform")

	code, out, errOut := runCmd(t, "", "member", "invite", "--workspace", "Acme Platform", "--email", "ann@example.com")
	if code != exitOK || !strings.Contains(out, "Invited ann@example.com to the workspace Acme Platform as User.") {
		t.Fatalf("invite: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if got := memberWorkspaceRole(t, cl, wsID, "ann@example.com"); got != client.RoleMember {
		t.Fatalf("after invite: role %q", got)
	}

	// Roles by the UI's name, any case; the member by e-mail, any case.
	code, out, errOut = runCmd(t, "", "member", "set-role", "--workspace", wsID, "--email", "ANN@example.com", "--role", "Manager")
	if code != exitOK || !strings.Contains(out, "ann@example.com is now Manager in the workspace Acme Platform (was User).") {
		t.Fatalf("set-role: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if got := memberWorkspaceRole(t, cl, wsID, "ann@example.com"); got != client.RoleAdmin {
		t.Fatalf("after set-role: role %q", got)
	}
	// And by the platform's value.
	if code, _, errOut := runCmd(t, "", "member", "set-role", "--workspace", wsID, "--email", "ann@example.com", "--role", "supervisor"); code != exitOK {
		t.Fatalf("set-role supervisor: %d %s", code, errOut)
	}
	if got := memberWorkspaceRole(t, cl, wsID, "ann@example.com"); got != client.RoleSupervisor {
		t.Fatalf("after set-role supervisor: role %q", got)
	}

	code, out, _ = runCmd(t, "", "member", "list", "--workspace", "Acme Platform", "--output", "json")
	var listed []struct{ AccountID, Email, Username, Role string }
	if code != exitOK || json.Unmarshal([]byte(out), &listed) != nil {
		t.Fatalf("list json: exit %d, %q", code, out)
	}
	found := false
	for _, m := range listed {
		if m.Email == "ann@example.com" && m.Role == client.RoleSupervisor && m.AccountID != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("ann is not listed as supervisor: %s", out)
	}
	code, out, _ = runCmd(t, "", "member", "list", "--workspace", "Acme Platform")
	if code != exitOK || !strings.Contains(out, "USERNAME") || !strings.Contains(out, "Supervisor") {
		t.Errorf("list table: %d %q", code, out)
	}

	// Without a terminal, remove needs --yes and removes nothing.
	code, _, errOut = runCmd(t, "", "member", "remove", "--workspace", "Acme Platform", "--email", "ann@example.com")
	if code != exitUsage || !strings.Contains(errOut, "--yes") {
		t.Fatalf("remove without --yes: exit %d, %q", code, errOut)
	}
	if got := memberWorkspaceRole(t, cl, wsID, "ann@example.com"); got == "" {
		t.Fatal("removed without confirmation")
	}
	code, out, errOut = runCmd(t, "", "member", "remove", "--workspace", "Acme Platform", "--email", "ann@example.com", "--yes")
	if code != exitOK || !strings.Contains(out, "Removed ann@example.com") {
		t.Fatalf("remove: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if got := memberWorkspaceRole(t, cl, wsID, "ann@example.com"); got != "" {
		t.Fatalf("after remove: role %q", got)
	}
}

func TestMemberInviteRefusals(t *testing.T) {
	srv, _ := memberDemo(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	posts := func() int {
		return srv.Requests("POST", "/core/workspaces/"+mustWS(t, srv, "Acme Platform")+"/roles")
	}

	code, _, errOut := runCmd(t, "", "member", "invite", "--workspace", "Acme Platform", "--email", "User@Example.com")
	if code != exitError || !strings.Contains(errOut, "already a member") || posts() != 0 {
		t.Errorf("existing member: exit %d, %q, %d posts", code, errOut, posts())
	}
	code, _, errOut = runCmd(t, "", "member", "invite", "--workspace", "Acme Platform", "--email", "nobody@example.com")
	if code != exitNotFound || !strings.Contains(errOut, "must create a Horusec account first") {
		t.Errorf("no account: exit %d, %q", code, errOut)
	}
	wantUsage(t, [][]string{
		{"member", "invite", "--workspace", "Acme Platform", "--email", "not-an-email"},
		{"member", "invite", "--workspace", "Acme Platform", "--email", "ann@example.com", "--role", "owner"},
		{"member", "set-role", "--workspace", "Acme Platform", "--email", "user@example.com"},
		{"member", "invite", "--email", "ann@example.com"},
		{"member", "list", "--workspace", "Acme Platform", "--output", "yaml"},
		{"member", "frobnicate"},
	}...)
	for _, secret := range []string{horusectest.ManagerPassword} {
		_, out, errOut := runCmd(t, "", "member", "list", "--workspace", "Acme Platform")
		if strings.Contains(out+errOut, secret) {
			t.Error("a secret reached the output")
		}
	}
}

func TestMemberRepository(t *testing.T) {
	srv, cl := memberDemo(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	wsID := mustWS(t, srv, "Acme Platform")
	repoID, _ := srv.RepositoryID(wsID, "checkout-web")

	code, out, errOut := runCmd(t, "", "member", "invite", "--workspace", "Acme Platform", "--repository", "checkout-web", "--email", "erin@example.com", "--role", "supervisor")
	if code != exitOK || !strings.Contains(out, "Added erin@example.com to the repository Acme Platform/checkout-web as Supervisor.") {
		t.Fatalf("add: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	got, err := cl.RepositoryMembers(context.Background(), wsID, repoID)
	if err != nil {
		t.Fatal(err)
	}
	if r := memberRoleIn(t, got, "erin@example.com"); r != client.RoleSupervisor {
		t.Fatalf("erin's repository role %q", r)
	}
	// Someone outside the workspace cannot be added to its repository.
	code, _, errOut = runCmd(t, "", "member", "invite", "--workspace", "Acme Platform", "--repository", "checkout-web", "--email", "hiro@example.com")
	if code != exitNotFound || !strings.Contains(errOut, "invite them to the workspace first") {
		t.Errorf("outsider: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "member", "set-role", "--workspace", "Acme Platform", "--repository", "checkout-web", "--email", "erin@example.com", "--role", "user")
	if code != exitOK {
		t.Fatalf("set-role: %d %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "member", "remove", "--workspace", "Acme Platform", "--repository", "checkout-web", "--email", "erin@example.com", "--yes")
	if code != exitOK {
		t.Fatalf("remove: %d %s", code, errOut)
	}
	got, _ = cl.RepositoryMembers(context.Background(), wsID, repoID)
	if r := memberRoleIn(t, got, "erin@example.com"); r != "" {
		t.Fatalf("erin still holds %q", r)
	}
	if r := memberWorkspaceRole(t, cl, wsID, "erin@example.com"); r == "" {
		t.Fatal("removing from the repository removed her from the workspace")
	}
}

func TestMemberNeedsAManager(t *testing.T) {
	memberDemo(t, horusectest.UserEmail, horusectest.UserPassword)
	code, _, errOut := runCmd(t, "", "member", "list", "--workspace", "Acme Platform")
	if code != exitPermission || strings.Contains(errOut, "HTTP 500") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestMemberHelp(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{{"member", "--help"}, {"member", "list", "--help"}, {"member", "invite", "-h"}, {"member", "set-role", "--help"}, {"member", "remove", "--help"}} {
		code, out, errOut := runCmd(t, "", args...)
		if code != exitOK || !strings.Contains(out, "Usage:") || errOut != "" {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

// TestMemberGuards: the last Manager of a workspace or repository can be
// neither demoted nor removed; changing your own role needs --yes without
// a terminal.
func TestMemberGuards(t *testing.T) {
	demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	me := horusectest.ManagerEmail
	if code, _, errOut := runCmd(t, "", "workspace", "create", "--name", "Guarded"); code != exitOK {
		t.Fatalf("create: %d %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, "", "repo", "create", "--workspace", "Guarded", "--name", "svc"); code != exitOK {
		t.Fatalf("repo create: %d %s", code, errOut)
	}
	for _, args := range [][]string{
		{"member", "set-role", "--workspace", "Guarded", "--email", me, "--role", "user", "--yes"},
		{"member", "remove", "--workspace", "Guarded", "--email", me, "--yes"},
		{"member", "set-role", "--workspace", "Guarded", "--repository", "svc", "--email", me, "--role", "supervisor", "--yes"},
		{"member", "remove", "--workspace", "Guarded", "--repository", "svc", "--email", me, "--yes"},
	} {
		code, _, errOut := runCmd(t, "", args...)
		if code != exitPermission || !strings.Contains(errOut, "is the last Manager of the") ||
			!strings.Contains(errOut, "horusec-tui member set-role --workspace Guarded") || strings.Count(errOut, "\n") != 1 {
			t.Errorf("%v: exit %d: %s", args[:2], code, errOut)
		}
	}
	_, out, _ := runCmd(t, "", "member", "list", "--workspace", "Guarded")
	if !strings.Contains(out, "Manager") {
		t.Fatalf("the Manager is gone:\n%s", out)
	}

	// With a second Manager, demoting yourself is possible, after a
	// question only --yes answers without a terminal.
	if code, _, errOut := runCmd(t, "", "member", "invite", "--workspace", "Guarded", "--email", horusectest.UserEmail, "--role", "manager"); code != exitOK {
		t.Fatalf("invite: %d %s", code, errOut)
	}
	code, _, errOut := runCmd(t, "", "member", "set-role", "--workspace", "Guarded", "--email", me, "--role", "user")
	if code != exitUsage || !strings.Contains(errOut, "is you") || !strings.Contains(errOut, "--yes") || strings.Count(errOut, "\n") != 2 {
		t.Errorf("self-demotion without --yes: exit %d: %q", code, errOut)
	}
	_, out, _ = runCmd(t, "", "member", "list", "--workspace", "Guarded", "--output", "json")
	if !strings.Contains(out, `"email": "`+me+`",
    "username": "manager",
    "role": "admin"`) {
		t.Errorf("demoted without --yes:\n%s", out)
	}
	code, out, errOut = runCmd(t, "", "member", "set-role", "--workspace", "Guarded", "--email", me, "--role", "user", "--yes")
	if code != exitOK || !strings.Contains(out, "is now User") {
		t.Errorf("self-demotion with --yes: exit %d: %s %s", code, out, errOut)
	}
}
