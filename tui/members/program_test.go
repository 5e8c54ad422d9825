package members_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/members"
	"github.com/horusec-tui/horusec-tui/tui/workspace"
)

// host runs one screen as a program, as the shell would: it sizes it,
// hands it every message and shows its title over it and the last status
// line under it.
func host(s common.Screen) *tuitest.Shell {
	return &tuitest.Shell{Stack: []common.Screen{s}, Title: true, Rows: 3}
}

// memberRole is the role the platform holds for email, "" when none.
func memberRole(t *testing.T, cl *client.Client, wsID, email string) string {
	t.Helper()
	all, err := cl.WorkspaceMembers(context.Background(), wsID, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range all {
		if strings.EqualFold(m.Email, email) {
			return m.Role
		}
	}
	return ""
}

// TestInvitePromoteRemove drives the tab with the real client against the
// demo platform, and checks the platform itself after each step.
func TestInvitePromoteRemove(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	if _, err := srv.AddAccount("ann@example.com", "ann", "Ann#2026pass"); err != nil {
		t.Fatal(err)
	}
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	c := tuitest.Common(cl, nil)
	before, err := cl.WorkspaceMembers(context.Background(), ws.WorkspaceID, "")
	if err != nil {
		t.Fatal(err)
	}

	tab := members.New(c, common.Scope{Workspace: ws})
	tm := tuitest.Program(t, host(tab), 100, 30)
	tuitest.WaitFor(t, tm, "manager (you)", "alice@example.com", "Members ("+strconv.Itoa(len(before))+")")

	// Invite ann as a User (the form's default role).
	tm.Send(tuitest.Key("n"))
	tuitest.WaitFor(t, tm, "Invite a member to Acme Platform")
	tm.Type("ann@example.com")
	tm.Send(tuitest.Key("ctrl+s"))
	tuitest.WaitFor(t, tm, "Invited ann@example.com as User.", "Members ("+strconv.Itoa(len(before)+1)+")")
	if got := memberRole(t, cl, ws.WorkspaceID, "ann@example.com"); got != client.RoleMember {
		t.Fatalf("after the invite the platform holds role %q", got)
	}

	// Promote her to Manager: the list is sorted by username, ann comes
	// after alice.
	tm.Send(tuitest.Key("/"))
	tm.Type("ann@")
	tm.Send(tuitest.Key("enter"))
	tm.Send(tuitest.Key("e"))
	tuitest.WaitFor(t, tm, "Change the role of ann (ann@example.com)")
	tm.Send(tuitest.Key("up"))
	tm.Send(tuitest.Key("up"))
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "ann is now a Manager.")
	if got := memberRole(t, cl, ws.WorkspaceID, "ann@example.com"); got != client.RoleAdmin {
		t.Fatalf("after the change the platform holds role %q", got)
	}

	// Remove her.
	tm.Send(tuitest.Key("d"))
	tuitest.WaitFor(t, tm, "Remove ann?")
	tm.Send(tuitest.Key("y"))
	tuitest.WaitFor(t, tm, "Removed ann.", "Members ("+strconv.Itoa(len(before))+")")
	if got := memberRole(t, cl, ws.WorkspaceID, "ann@example.com"); got != "" {
		t.Fatalf("after the removal the platform still holds role %q", got)
	}

	tuitest.Quit(t, tm)
}

// TestInviteRefusals: an existing member is refused before anything is
// sent; an e-mail without an account gets the platform's answer in words.
func TestInviteRefusals(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	c := tuitest.Common(cl, nil)
	c.AuthConfig.DisableEmails = true

	tm := tuitest.Program(t, host(members.New(c, common.Scope{Workspace: ws})), 100, 30)
	tuitest.WaitFor(t, tm, "manager (you)")
	posts := srv.Requests("POST", "/core/workspaces/"+ws.WorkspaceID+"/roles")

	tm.Send(tuitest.Key("n"))
	tm.Type("User@Example.com")
	tm.Send(tuitest.Key("ctrl+s"))
	tuitest.WaitFor(t, tm, "already a member of this workspace")
	if n := srv.Requests("POST", "/core/workspaces/"+ws.WorkspaceID+"/roles"); n != posts {
		t.Fatalf("an invite of an existing member was sent (%d requests)", n-posts)
	}

	// Replace the address with one that has no account.
	for range "User@Example.com" {
		tm.Send(tuitest.Key("backspace"))
	}
	tm.Type("nobody@example.com")
	tm.Send(tuitest.Key("ctrl+s"))
	tuitest.WaitFor(t, tm, "must create a Horusec account first", "sends no e-mails")
	if n := srv.Requests("POST", "/core/workspaces/"+ws.WorkspaceID+"/roles"); n != posts+1 {
		t.Fatalf("%d invites sent, want 1", n-posts)
	}
	if got := memberRole(t, cl, ws.WorkspaceID, "nobody@example.com"); got != "" {
		t.Fatalf("the platform holds role %q", got)
	}

	tuitest.Quit(t, tm)
}

// TestAlreadyMemberAnsweredByThePlatform: someone invited the person
// after the tab loaded its list; the platform's bare 500 is explained.
func TestAlreadyMemberAnsweredByThePlatform(t *testing.T) {
	_, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	c := tuitest.Common(cl, nil)

	tm := tuitest.Program(t, host(members.New(c, common.Scope{Workspace: ws})), 100, 30)
	tuitest.WaitFor(t, tm, "manager (you)")
	if _, err := cl.InviteWorkspaceMember(context.Background(), ws.WorkspaceID, client.Invite{Email: "grace@example.com", Role: client.RoleMember}); err != nil {
		t.Fatal(err)
	}
	tm.Send(tuitest.Key("n"))
	tm.Type("grace@example.com")
	tm.Send(tuitest.Key("ctrl+s"))
	// The list was reloaded meanwhile: grace is there now.
	tuitest.WaitFor(t, tm, "already a member of the workspace", "Members (8)")
	// esc asks before throwing away what was typed; y does.
	tm.Send(tuitest.Key("esc"))
	tuitest.WaitFor(t, tm, "Discard what you typed?")
	tm.Send(tuitest.Key("y"))
	tuitest.WaitFor(t, tm, "grace@example.com")

	tuitest.Quit(t, tm)
}

// TestRepositoryAdminWhoIsNotWorkspaceManager: the demo Manager is only a
// User of "Security Research" but admin of its repository
// fuzzing-harness. They may change roles there, but adding people needs
// the workspace's member list, which is not theirs: the tab says so
// without asking the platform.
func TestRepositoryAdminWhoIsNotWorkspaceManager(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Security Research")
	repos, err := cl.Repositories(context.Background(), ws.WorkspaceID, client.RepositoryQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var repo *client.Repository
	for i := range repos {
		if repos[i].Name == "fuzzing-harness" {
			repo = &repos[i]
		}
	}
	if repo == nil {
		t.Fatal("no fuzzing-harness")
	}
	scope := common.Scope{Workspace: ws, Repository: repo}
	if scope.WorkspaceAdmin() || !scope.RepositoryAdmin() {
		t.Fatalf("seed changed: workspace role %q, repository role %q", ws.Role, repo.Role)
	}
	tm := tuitest.Program(t, host(members.New(tuitest.Common(cl, nil), scope)), 100, 30)
	tuitest.WaitFor(t, tm, "manager (you)", "user@example.com")
	srv.ResetRequests()
	tm.Send(tuitest.Key("n"))
	tuitest.WaitFor(t, tm, "Only a workspace Manager can add people")
	if n := srv.Requests("GET", "/core/workspaces/"+ws.WorkspaceID+"/roles"); n != 0 {
		t.Errorf("a doomed request was sent")
	}

	// Changing the User's role there works.
	tm.Send(tuitest.Key("/"))
	tm.Type("user@")
	tm.Send(tuitest.Key("enter"))
	tm.Send(tuitest.Key("e"))
	tm.Send(tuitest.Key("up"))
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "user is now a Supervisor.")
	got, err := cl.RepositoryMembers(context.Background(), ws.WorkspaceID, repo.RepositoryID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range got {
		if m.Email == horusectest.UserEmail && m.Role != client.RoleSupervisor {
			t.Errorf("the platform holds role %q", m.Role)
		}
	}
	tuitest.Quit(t, tm)
}

// TestRepositoryAdd: a workspace Manager adds a workspace member to a
// repository (the platform needs the account id, taken from the list).
func TestRepositoryAdd(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	repoID, ok := srv.RepositoryID(ws.WorkspaceID, "checkout-web")
	if !ok {
		t.Fatal("no checkout-web")
	}
	repo, err := cl.Repository(context.Background(), ws.WorkspaceID, repoID)
	if err != nil {
		t.Fatal(err)
	}
	tm := tuitest.Program(t, host(members.New(tuitest.Common(cl, nil), common.Scope{Workspace: ws, Repository: &repo})), 100, 30)
	tuitest.WaitFor(t, tm, "bruno@example.com")
	tm.Send(tuitest.Key("n"))
	tuitest.WaitFor(t, tm, "Add a member to checkout-web", "erin@example.com")
	tm.Send(tuitest.Key("/"))
	tm.Type("erin")
	tm.Send(tuitest.Key("enter"))
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Role in the repository")
	tm.Send(tuitest.Key("enter")) // User, the default
	tuitest.WaitFor(t, tm, "Added erin to the repository as User.")
	got, err := cl.RepositoryMembers(context.Background(), ws.WorkspaceID, repo.RepositoryID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range got {
		if m.Email == "erin@example.com" {
			found = m.Role == client.RoleMember
		}
	}
	if !found {
		t.Errorf("the platform has no User erin in checkout-web: %+v", got)
	}
	tuitest.Quit(t, tm)
}

// TestUserIsNotOfferedTheMembersTab: the demo User is a member of Acme
// Platform; the workspace view has no Members tab for them, and still
// opens on its repositories.
func TestUserIsNotOfferedTheMembersTab(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.UserEmail, horusectest.UserPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	if ws.Role != client.RoleMember {
		t.Fatalf("seed changed: role %q", ws.Role)
	}
	page := workspace.New(tuitest.Common(cl, nil), ws)
	if wp, ok := page.(*workspace.Model); ok {
		for _, tab := range wp.Tabs().Tabs() {
			if strings.HasPrefix(tab.Title(), "Members") {
				t.Fatal("the Members tab is offered to a User")
			}
		}
	} else {
		t.Fatalf("unexpected page type %T", page)
	}
	tm := tuitest.Program(t, host(page), 100, 30)
	tuitest.WaitFor(t, tm, "Acme Platform", "payments-api")
	if srv.Requests("GET", "/core/workspaces/"+ws.WorkspaceID+"/roles") != 0 {
		t.Error("the members were asked for")
	}
	tuitest.Quit(t, tm)
	if v := page.View(); strings.Contains(v, "Members") || !strings.Contains(v, "Repositories") {
		t.Errorf("the page:\n%s", v)
	}
}
