package e2e

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
)

// platformClient is a client of the test's own, to ask the platform
// directly what the program did.
func platformClient(tb testing.TB, p platform, email, password string) *client.Client {
	tb.Helper()
	c, err := client.New(client.Options{AuthURL: p.Auth, CoreURL: p.Core, AnalyticURL: p.Analytic, APIURL: p.API, VulnerabilityURL: p.Vulnerability})
	if err != nil {
		tb.Fatal(err)
	}
	if email != "" {
		if _, err := c.Login(context.Background(), email, password); err != nil {
			tb.Fatalf("log in as %s: %v", email, err)
		}
	}
	return c
}

func upload(c *client.Client, token, repo string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	return c.UploadAnalysis(ctx, []byte(token), repo, client.AnalysisUpload{Findings: []client.Finding{
		{Severity: "CRITICAL", Language: "Go", File: "main.go", Line: "12", Details: "hard-coded credential", CommitEmail: "dev@example.com"},
		{Severity: "HIGH", Language: "Go", File: "db.go", Line: "40", Details: "SQL injection", CommitEmail: "dev@example.com"},
	}})
}

var tokenRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)

// headerIDRE is the workspace page's id line, also a UUID: revealedToken
// looks past it.
var headerIDRE = regexp.MustCompile(`(?m)^ id [0-9a-f-]{36}`)

// revealedToken is the token on a screen that shows one.
func revealedToken(screen string) string {
	return tokenRE.FindString(headerIDRE.ReplaceAllString(screen, ""))
}

// TestManagerDay is a Manager's day, through the login screen and the real
// keyring: create a workspace, add a repository, create a token and copy
// it, send an analysis with it, open the repository's dashboard, invite a
// member and promote them, revoke the token, log out. Afterwards no
// password or token is left in the config directory, the debug log, the
// keyring or the terminal.
func TestManagerDay(t *testing.T) {
	requireTmux(t)
	requireKeyring(t)
	t.Parallel()
	p := startDemoServer(t)
	cfgDir := filepath.Join(t.TempDir(), "config")
	debugLog := filepath.Join(t.TempDir(), "debug.log")
	service := config.ServiceName(p.Auth)
	if n := keyringEntries(t, service); n != 0 {
		t.Fatalf("the keyring already holds %d entries for %s", n, service)
	}

	tm := startTerm(t, 120, 40, cleanEnv(p.Env(cfgDir)...), bin, "--debug", debugLog)

	// Log in through the login screen.
	tm.WaitFor("Log in to Horusec", "Auth type: Horusec")
	tm.Fill(horusectest.ManagerEmail, horusectest.ManagerPassword)
	tm.Press("Enter")
	tm.WaitFor("Workspaces · 5", "Acme Platform", horusectest.ManagerEmail)
	if n := keyringEntries(t, service); n != 1 {
		t.Fatalf("after the login the keyring holds %d entries for %s, want 1", n, service)
	}
	sess := keyringSession(t, service, "default")
	if sess.AccessToken == "" || sess.RefreshToken == "" {
		t.Fatal("the keyring entry is a session without its tokens")
	}

	// Create a workspace; it is selected when the list comes back.
	tm.Press("n")
	tm.WaitFor("New workspace", "You become the workspace's Manager.")
	tm.Fill("E2E Workspace", "Made by the end-to-end test")
	tm.Press("C-s")
	tm.WaitFor("Workspace “E2E Workspace” created.", "Workspaces · 6", "▌ E2E Workspace")
	tm.Press("Enter")
	tm.WaitFor("E2E Workspace · your role: Manager", "No repositories yet. Press n to create one.")

	// Add a repository.
	tm.Press("n")
	tm.WaitFor("New repository", "In workspace E2E Workspace")
	tm.Type("e2e-api")
	tm.Press("C-s")
	tm.WaitFor("Created repository e2e-api.", "▌ e2e-api", "Repositories · 1 · row 1")

	// Create a token, copy it with c and close the reveal.
	tm.Press("Tab")
	tm.WaitFor("No tokens") // hint line of the empty Tokens tab
	tm.Press("n")
	tm.WaitFor("New token for the workspace E2E Workspace")
	tm.Type("e2e pipeline")
	tm.Press("C-s")
	reveal := tm.WaitFor("Token created", "it can never be shown again")
	shown := revealedToken(reveal)
	if shown == "" {
		t.Fatalf("the reveal shows no token:\n%s", reveal)
	}
	tm.Press("c")
	tm.WaitFor("Copied to the clipboard")
	copied, err := tm.Buffer()
	if err != nil {
		t.Fatalf("nothing reached the clipboard: %v", err)
	}
	if copied != shown {
		t.Fatalf("the clipboard holds %q, the reveal shows %q", copied, shown)
	}
	tm.Press("Enter")
	tm.WaitFor("I have stored it")
	tm.Press("Enter")
	list := tm.WaitFor("Tokens (1)", "e2e pipeline")
	if !strings.Contains(list, "••••••••-"+copied[len(copied)-5:]) {
		t.Fatalf("the list does not end the token with %q:\n%s", copied[len(copied)-5:], list)
	}
	if strings.Contains(list, copied) {
		t.Fatal("the full token is still on screen after the reveal closed")
	}
	_, _ = tm.try("delete-buffer")

	// The copied token is the one the platform accepts: the Horusec CLI's
	// upload with it lands in the new repository.
	anon := platformClient(t, p, "", "")
	if _, err := upload(anon, copied, "e2e-api"); err != nil {
		t.Fatalf("the platform refuses the copied token: %v", err)
	}

	// Invite the demo User as User, then make them Manager.
	tm.Press("Tab")
	tm.WaitFor("Members (1)", "manager (you)")
	tm.Press("n")
	tm.WaitFor("Invite a member to E2E Workspace")
	tm.Type(horusectest.UserEmail)
	tm.Press("C-s")
	tm.WaitFor("Invited "+horusectest.UserEmail+" as User.", "Members (2)")
	tm.Press("j")
	tm.WaitForRE(regexp.MustCompile(`▌ user +user@example\.com +User`))
	tm.Press("e")
	tm.WaitFor("Change the role of user (user@example.com)")
	tm.Press("Up")
	tm.Press("Up")
	tm.WaitForRE(regexp.MustCompile(`● Manager`))
	tm.Press("Enter")
	tm.WaitForRE(regexp.MustCompile(`▌ user +user@example\.com +Manager`))
	mgr := platformClient(t, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	wsID := workspaceID(t, mgr, "E2E Workspace")
	members, err := mgr.WorkspaceMembers(context.Background(), wsID, "")
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]string{}
	for _, m := range members {
		roles[m.Email] = m.Role
	}
	if roles[horusectest.UserEmail] != client.RoleAdmin {
		t.Fatalf("the platform has the roles %v", roles)
	}

	// Open the repository's dashboard: the analysis sent with the token
	// is there.
	tm.Press("Tab") // Dashboard of the workspace
	tm.Press("Tab") // its Vulnerabilities
	tm.WaitFor("Showing Severity: all · Status: Vulnerability", "db.go")
	tm.Press("Tab") // its Webhooks
	tm.Press("Tab") // back to Repositories
	tm.WaitFor("▌ e2e-api")
	tm.Press("Enter")
	dash := tm.WaitFor("e2e-api  ·  in E2E Workspace", "Vulnerabilities 2")
	if !strings.Contains(dash, "Critical") {
		t.Fatalf("the dashboard does not show the severities:\n%s", dash)
	}

	// Revoke the token; the platform refuses it from then on.
	tm.Press("Escape")
	tm.WaitFor("E2E Workspace · your role: Manager", "▌ e2e-api")
	tm.Press("Tab")
	tm.WaitFor("e2e pipeline")
	tm.Press("d")
	tm.WaitFor("Revoke this token?", "“e2e pipeline” (••••••••-"+copied[len(copied)-5:]+")")
	tm.Press("y")
	tm.WaitFor("Revoked “e2e pipeline”", "Tokens (0)")
	if _, err := upload(anon, copied, "e2e-api"); client.KindOf(err) != client.KindUnauthenticated && client.KindOf(err) != client.KindForbidden {
		t.Fatalf("the revoked token still works, or fails oddly: %v", err)
	}

	// Log out from the list of workspaces; the keyring entry goes.
	tm.Press("Escape")
	tm.WaitFor("Workspaces · 6")
	tm.Press("L")
	tm.WaitFor("Logged out.", "Log in to Horusec")
	if n := keyringEntries(t, service); n != 0 {
		t.Fatalf("after the logout the keyring holds %d entries for %s", n, service)
	}
	tm.Press("C-c")
	if status := tm.WaitExit(); status != "0" {
		t.Fatalf("the program ended with status %s", status)
	}

	// No secret anywhere the program wrote or drew.
	secrets := []string{horusectest.ManagerPassword, copied, sess.AccessToken, sess.RefreshToken}
	if hits := filesContaining(t, cfgDir, secrets...); len(hits) > 0 {
		t.Errorf("a secret is in the config directory: %v", hits)
	}
	if hits := filesContaining(t, filepath.Dir(debugLog), secrets...); len(hits) > 0 {
		t.Errorf("a secret is in the debug log: %v", hits)
	}
	if fi, err := os.Stat(debugLog); err != nil || fi.Size() == 0 {
		t.Errorf("the debug log was not written (%v)", err)
	}
	screen := tm.Scrollback()
	for _, s := range secrets {
		if strings.Contains(screen, s) {
			t.Errorf("a secret (%d characters) is left in the terminal:\n%s", len(s), screen)
		}
	}
}

// workspaceID is the id of the workspace named name.
func workspaceID(tb testing.TB, c *client.Client, name string) string {
	tb.Helper()
	all, err := c.Workspaces(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	w, err := client.FindWorkspace(all, name)
	if err != nil {
		tb.Fatal(err)
	}
	return w.WorkspaceID
}
