package main

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// ldapDemo starts the demo platform in LDAP mode and logs the program in
// with a directory login name.
func ldapDemo(t *testing.T, login, password string) *horusectest.Server {
	t.Helper()
	return demoAs(t, horusectest.Options{LDAP: true, DisableEmails: true}, login, password)
}

func TestLDAPLoginWords(t *testing.T) {
	ldapDemo(t, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	code, _, errOut := runCmd(t, "Wrong#2026\n", "auth", "login", "--login", horusectest.LDAPManagerLogin, "--password-stdin")
	if code != exitAuth || !strings.Contains(errOut, "usual answer to a wrong password") {
		t.Errorf("wrong password: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "Wrong#2026\n", "auth", "login", "--login", "nobody", "--password-stdin")
	if code != exitAuth || !strings.Contains(errOut, "the login name or the password is wrong") {
		t.Errorf("unknown login: exit %d, %q", code, errOut)
	}
}

func TestLDAPMemberCommands(t *testing.T) {
	ldapDemo(t, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)

	code, out, errOut := runCmd(t, "", "member", "list", "--workspace", "Acme Platform")
	if code != exitOK || !strings.Contains(errOut, "access comes from LDAP groups (Admin groups: platform-leads; Member groups: developers)") || !strings.Contains(out, "manager@example.com") {
		t.Fatalf("list: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	// A stored role does nothing here: the command says so and does not
	// claim the change took effect.
	code, out, errOut = runCmd(t, "", "member", "set-role", "--workspace", "Acme Platform", "--email", "carla@example.com", "--role", "manager")
	if code != exitOK || strings.Contains(out, "is now") || !strings.Contains(out, "takes no effect") || !strings.Contains(out, "roles stored here are not used") {
		t.Fatalf("set-role: exit %d, stdout %q, stderr %q", code, out, errOut)
	}

	// "You" without an account id: removing yourself still asks, and says
	// it is you.
	code, out, errOut = runCmd(t, "n\n", "member", "remove", "--workspace", "Acme Platform", "--email", "manager@example.com")
	if code != exitUsage || !strings.Contains(errOut+out, "This is you") {
		t.Fatalf("remove yourself: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestLDAPRepoGroups(t *testing.T) {
	srv := ldapDemo(t, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)

	refusedLocally(t, srv, "a new repository needs --admin-group naming one of your groups (platform-leads, developers)",
		"repo", "create", "--workspace", "Sandbox", "--name", "lab")
	code, out, errOut := runCmd(t, "", "repo", "create", "--workspace", "Sandbox", "--name", "lab",
		"--admin-group", "platform-leads", "--supervisor-group", "qa,platform-leads", "--member-group", "developers")
	if code != exitOK || !strings.Contains(out, "Admin groups: platform-leads; Supervisor groups: qa, platform-leads; Member groups: developers") {
		t.Fatalf("create: exit %d, %q %q", code, out, errOut)
	}
	// Edit: the flag given replaces its list, the others stay.
	code, out, errOut = runCmd(t, "", "repo", "edit", "--workspace", "Sandbox", "--repository", "lab", "--member-group", "developers", "--member-group", "interns")
	if code != exitOK || !strings.Contains(out, "Admin groups: platform-leads; Supervisor groups: qa, platform-leads; Member groups: developers, interns") {
		t.Fatalf("edit: exit %d, %q %q", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", "repo", "create", "--workspace", "Sandbox", "--name", "x", "--admin-group", "a,b,c,d,e,f")
	if code != exitUsage || !strings.Contains(errOut, "at most 5") {
		t.Fatalf("six groups: exit %d, %q", code, errOut)
	}
}

func TestLDAPWorkspaceGroups(t *testing.T) {
	srv := ldapDemo(t, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)

	refusedLocally(t, srv, "a new workspace needs --admin-group naming one of your groups (platform-leads, developers)",
		"workspace", "create", "--name", "Lab", "--admin-group", "strangers")

	// Then, in order: each command, its exit code and what its output holds.
	for _, step := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"create", "--name", "Lab", "--description", "groups", "--admin-group", "platform-leads", "--member-group", "developers,qa"},
			exitOK, "Admin groups: platform-leads; Member groups: developers, qa"},
		{[]string{"show", "--workspace", "Lab"}, exitOK, "Admin groups:   platform-leads\nMember groups:  developers, qa\n"},
		// Edit sends every field (the platform's PATCH replaces them all):
		// a new description keeps both lists, a group flag replaces its
		// list only.
		{[]string{"edit", "--workspace", "Lab", "--description", "kept groups"}, exitOK, "Admin groups: platform-leads; Member groups: developers, qa"},
		{[]string{"edit", "--workspace", "Lab", "--member-group", "developers", "--member-group", "interns"},
			exitOK, "Admin groups: platform-leads; Member groups: developers, interns"},
		{[]string{"show", "--workspace", "Lab", "--output", "json"}, exitOK, `"description": "kept groups",
  "authzMember": [
    "developers",
    "interns"
  ],
  "authzAdmin": [
    "platform-leads"
  ],`},
		{[]string{"create", "--name", "x", "--admin-group", "a,b,c,d,e,f"}, exitUsage, "--admin-group names 6 groups; the platform takes at most 5"},
		{[]string{"edit", "--workspace", "Lab"}, exitUsage, "needs --name, --description or a group flag"},
	} {
		code, out, errOut := runCmd(t, "", append([]string{"workspace"}, step.args...)...)
		if code != step.code || !strings.Contains(out+errOut, step.want) {
			t.Fatalf("workspace %s: exit %d, stdout %q, stderr %q; want exit %d and %q", strings.Join(step.args, " "), code, out, errOut, step.code, step.want)
		}
	}
	if n := srv.Requests("POST", "/core/workspaces"); n != 1 {
		t.Fatalf("%d POSTs to create one workspace", n)
	}
}

// refusedLocally runs a create the LDAP rule refuses: it exits 2 saying
// want, and nothing was sent to the platform.
func refusedLocally(t *testing.T, srv *horusectest.Server, want string, args ...string) {
	t.Helper()
	code, out, errOut := runCmd(t, "", args...)
	if code != exitUsage || !strings.Contains(errOut, want) {
		t.Fatalf("%v: exit %d, %q %q", args, code, out, errOut)
	}
	if n := srv.Requests("POST", "/core/workspaces"); n != 0 {
		t.Fatalf("refused locally, yet %d POSTs", n)
	}
}
