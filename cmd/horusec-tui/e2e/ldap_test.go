package e2e

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// ldapLogin opens the UI on an LDAP platform and logs in on its login
// screen with the directory's Manager login name. It returns when the
// workspaces are listed.
func ldapLogin(t *testing.T, p platform, cfgDir string, argv ...string) *term {
	t.Helper()
	tm := startTerm(t, 100, 30, cleanEnv(p.Env(cfgDir)...), append([]string{bin, "--insecure-storage"}, argv...)...)
	tm.WaitFor("Log in to Horusec", "Auth type: LDAP", "Login name (LDAP)")
	tm.Fill(horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	tm.Press("Enter")
	tm.WaitFor("Workspaces · 5", "Acme Platform", horusectest.ManagerEmail)
	return tm
}

// oneLine is a screen with its runs of spaces and line breaks as one
// space, so that a sentence the terminal wrapped reads whole.
func oneLine(screen string) string { return strings.Join(strings.Fields(screen), " ") }

// TestLDAPManagerInTheTerminal: on 'demo-server --ldap' the directory's
// Manager logs in with a login name, creates a workspace with groups and a
// repository with groups (which the platform then holds), sees their own
// row marked "(you)" in Members with the LDAP explanation, and is refused
// removing themselves and changing roles.
func TestLDAPManagerInTheTerminal(t *testing.T) {
	t.Parallel()
	p := startDemoServer(t, "--ldap")
	tm := ldapLogin(t, p, filepath.Join(t.TempDir(), "config"))

	tm.Press("n")
	tm.WaitFor("New workspace", "Admin groups", "Member groups", "platform-leads")
	if s := oneLine(tm.Screen()); !strings.Contains(s, "Your groups: platform-leads, developers.") {
		t.Errorf("the group fields do not offer the login's groups:\n%s", tm.Screen())
	}
	tm.Fill("Night shift", "Made in the terminal")
	tm.Press("Tab")
	tm.WaitFor("› Admin groups") // prefilled with the first of the login's groups
	tm.Press("Tab")
	tm.Type(horusectest.LDAPDevelopersGroup)
	tm.Press("C-s")
	tm.WaitFor("Workspace “Night shift” created.", "Workspaces · 6", "▌ Night shift")
	tm.Press("Enter")
	tm.WaitFor("Night shift · your role: Manager", "Groups — Admin: platform-leads · Member: developers")

	tm.Press("n")
	tm.WaitFor("New repository", "In workspace Night shift", "Admin groups")
	tm.Type("night-api")
	tm.Press("Tab")
	tm.Press("Tab")
	tm.WaitFor("› Admin groups")
	tm.Press("Tab")
	tm.WaitFor("› Supervisor groups")
	tm.Type(horusectest.LDAPSecurityLeadsGroup)
	tm.Press("Tab")
	tm.WaitFor("› Member groups")
	tm.Type(horusectest.LDAPDevelopersGroup)
	tm.Press("C-s")
	tm.WaitFor("Created repository night-api.", "▌ night-api", "Repositories · 1")
	tm.Press("Enter")
	tm.WaitFor("night-api  ·  in Night shift", "Groups — Admin: platform-leads · Supervisor: security-leads · Member: developers")
	tm.Press("Escape")
	tm.WaitFor("Repositories · 1", "Night shift · your role: Manager")

	// The platform holds both with their groups.
	c := platformClient(t, p, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	ctx := context.Background()
	wsID := workspaceID(t, c, "Night shift")
	ws, err := c.Workspace(ctx, wsID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ws.AuthzAdmin, []string{horusectest.LDAPLeadsGroup}) || !slices.Equal(ws.AuthzMember, []string{horusectest.LDAPDevelopersGroup}) {
		t.Errorf("the workspace's groups: admin %q, member %q", ws.AuthzAdmin, ws.AuthzMember)
	}
	repos, err := c.Repositories(ctx, wsID, client.RepositoryQuery{})
	if err != nil || len(repos) != 1 {
		t.Fatalf("repositories %v: %v", repos, err)
	}
	r := repos[0]
	if r.Name != "night-api" || !slices.Equal(r.AuthzAdmin, []string{horusectest.LDAPLeadsGroup}) ||
		!slices.Equal(r.AuthzSupervisor, []string{horusectest.LDAPSecurityLeadsGroup}) || !slices.Equal(r.AuthzMember, []string{horusectest.LDAPDevelopersGroup}) {
		t.Errorf("the repository %q has groups admin %q, supervisor %q, member %q", r.Name, r.AuthzAdmin, r.AuthzSupervisor, r.AuthzMember)
	}

	// Members: the login's own row is marked, and cannot be removed.
	tm.Press("Tab")
	tm.WaitFor("Tokens (0)")
	tm.Press("Tab")
	screen := tm.WaitFor("Members (1)", "manager (you)", horusectest.ManagerEmail)
	if s := oneLine(screen); !strings.Contains(s, "On this LDAP platform access comes from LDAP groups; the roles stored here are not used.") ||
		!strings.Contains(s, "Admin groups: platform-leads · Member groups: developers.") {
		t.Errorf("the Members tab does not say where access comes from:\n%s", screen)
	}
	tm.Press("d")
	screen = tm.waitUntil("the refusal to remove oneself", func(s string) bool {
		return strings.Contains(oneLine(s), "This is you. You cannot remove yourself here")
	})
	if strings.Contains(screen, "leaves the workspace") {
		t.Errorf("removing oneself was offered:\n%s", screen)
	}
	tm.Press("e")
	tm.waitUntil("no role change on LDAP", func(s string) bool {
		return strings.Contains(oneLine(s), "Roles are not changed here: on this LDAP platform")
	})
	if ms, err := c.WorkspaceMembers(ctx, wsID, ""); err != nil || len(ms) != 1 {
		t.Errorf("members after the refusals: %v, %v", ms, err)
	}
}

// ldapTTL is the demo's access-token life in TestLDAPSessionRunsOut; the
// client ends such a session 10 s before its token.
const ldapTTL = 40 * time.Second

// TestLDAPSessionRunsOut: an LDAP session is not renewed; when its token
// runs out, sending a half-filled form brings the login up over it saying
// why, and after logging in again the form is sent as it was.
func TestLDAPSessionRunsOut(t *testing.T) {
	t.Parallel()
	p := startDemoServer(t, "--ldap", "--session-ttl", ldapTTL.String())
	debugLog := filepath.Join(t.TempDir(), "debug.log")
	tm := ldapLogin(t, p, filepath.Join(t.TempDir(), "config"), "--debug", debugLog)
	// The token was issued before the list came: it is dead by then.
	over := time.Now().Add(ldapTTL)

	tm.Press("n")
	tm.WaitFor("New workspace", "Admin groups")
	tm.Fill("Half done", "typed before the hour ran out")
	tm.WaitFor("typed before the hour ran out")
	// Wait for the session's end, which is known (no screen shows it
	// before a request is made).
	time.Sleep(time.Until(over))
	tm.Press("C-s")
	screen := tm.waitUntil("the login over the form", func(s string) bool {
		return strings.Contains(oneLine(s), "On this LDAP platform a session lasts one hour; log in again")
	})
	if !strings.Contains(screen, horusectest.LDAPManagerLogin) || strings.Contains(screen, "Workspaces · 6") {
		t.Errorf("the login does not name whose session ended, or the form was sent:\n%s", screen)
	}
	tm.Type(horusectest.LDAPManagerPassword)
	tm.Press("Enter")
	tm.WaitFor("Workspace “Half done” created.", "Workspaces · 6", "▌ Half done", "typed before the hour ran out")

	c := platformClient(t, p, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	ws, err := c.Workspace(context.Background(), workspaceID(t, c, "Half done"))
	if err != nil {
		t.Fatal(err)
	}
	if ws.Description != "typed before the hour ran out" || !slices.Equal(ws.AuthzAdmin, []string{horusectest.LDAPLeadsGroup}) {
		t.Errorf("the form lost what was typed: description %q, admin groups %q", ws.Description, ws.AuthzAdmin)
	}
	b, err := os.ReadFile(debugLog)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "refresh-token") {
		t.Errorf("an LDAP session was renewed:\n%s", b)
	}
}
