package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

var uuidLine = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$`)

func TestTokenCreatePrintsOnlyTheToken(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	code, out, errOut := runCmd(t, "", "token", "create", "--workspace", "Acme Platform", "--description", "release job", "--expires", "30d")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !uuidLine.MatchString(out) {
		t.Fatalf("stdout = %q, want only the token and a line break", out)
	}
	token := strings.TrimSuffix(out, "\n")
	if strings.Contains(errOut, token) {
		t.Error("the token also went to stderr")
	}
	suffix := token[len(token)-5:]
	if !strings.Contains(errOut, "••••••••-"+suffix) || !strings.Contains(errOut, "only time") {
		t.Errorf("stderr = %q", errOut)
	}
	if got := upload(t, srv, token); got != http.StatusCreated {
		t.Errorf("the platform refused the created token: HTTP %d", got)
	}

	// The list names it by its suffix, with the expiry sent.
	code, out, errOut = runCmd(t, "", "token", "list", "--workspace", "Acme Platform", "--output", "json")
	if code != exitOK {
		t.Fatalf("list: exit %d: %s", code, errOut)
	}
	var list []tokenJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("list json: %v\n%s", err, out)
	}
	var found *tokenJSON
	for i := range list {
		if list[i].Description == "release job" {
			found = &list[i]
		}
	}
	if found == nil || found.SuffixValue != suffix || !found.IsExpirable {
		t.Fatalf("listed = %+v", found)
	}
	want := time.Now().UTC().AddDate(0, 0, 30).Format("2006-01-02")
	if got := found.ExpiresAt.UTC().Format("2006-01-02"); got != want {
		t.Errorf("expires %s, want %s", got, want)
	}
}

func TestTokenCreateForRepository(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	c := demoClient(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ctx := context.Background()
	ws, err := resolveWorkspace(ctx, c, "Acme Platform")
	if err != nil {
		t.Fatal(err)
	}
	repos, err := c.Repositories(ctx, ws.WorkspaceID, client.RepositoryQuery{})
	if err != nil || len(repos) == 0 {
		t.Fatalf("repositories: %v %v", repos, err)
	}
	repo := repos[0]
	code, out, errOut := runCmd(t, "", "token", "create", "--workspace", ws.WorkspaceID, "--repository", repo.Name, "--description", "repo bot", "--expires", "never")
	if code != exitOK || !uuidLine.MatchString(out) {
		t.Fatalf("exit %d, stdout %q: %s", code, out, errOut)
	}
	list, err := c.RepositoryTokens(ctx, ws.WorkspaceID, repo.RepositoryID)
	if err != nil {
		t.Fatal(err)
	}
	var ok bool
	for _, tk := range list {
		ok = ok || (tk.Description == "repo bot" && !tk.IsExpirable && strings.HasSuffix(strings.TrimSpace(out), tk.SuffixValue))
	}
	if !ok {
		t.Errorf("the repository's tokens do not hold it: %+v", list)
	}
}

func TestTokenRevoke(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	code, out, errOut := runCmd(t, "", "token", "create", "--workspace", "Acme Platform", "--description", "to revoke", "--expires", "never")
	if code != exitOK {
		t.Fatalf("create: exit %d: %s", code, errOut)
	}
	token := strings.TrimSpace(out)

	// Without --yes and without a terminal it refuses, and nothing is sent.
	code, _, errOut = runCmd(t, "", "token", "revoke", "--workspace", "Acme Platform", "--description", "to revoke")
	if code != exitUsage || !strings.Contains(errOut, "--yes") {
		t.Errorf("revoke without --yes: exit %d: %s", code, errOut)
	}
	if n := srv.Requests("DELETE", "/core/workspaces/"); n != 0 {
		t.Errorf("%d DELETE requests without confirmation", n)
	}
	if got := upload(t, srv, token); got != http.StatusCreated {
		t.Errorf("the token stopped working: HTTP %d", got)
	}

	code, out, errOut = runCmd(t, "", "token", "revoke", "--workspace", "Acme Platform", "--description", "to revoke", "--yes")
	if code != exitOK || !strings.Contains(out, "Revoked the token “to revoke” (••••••••-"+token[len(token)-5:]+")") {
		t.Fatalf("revoke: exit %d, stdout %q: %s", code, out, errOut)
	}
	if got := upload(t, srv, token); got != http.StatusUnauthorized {
		t.Errorf("the revoked token still works: HTTP %d", got)
	}
	// Gone already: nothing to find by description; by id it is no error.
	code, _, errOut = runCmd(t, "", "token", "revoke", "--workspace", "Acme Platform", "--description", "to revoke", "--yes")
	if code != exitNotFound || !strings.Contains(errOut, "no token described") {
		t.Errorf("second revoke: exit %d: %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "token", "revoke", "--workspace", "Acme Platform", "--id", "1b4e28ba-2fa1-41d2-883f-0016d3cca427", "--yes")
	if code != exitOK || !strings.Contains(errOut, "nothing to revoke") {
		t.Errorf("revoke of a missing id: exit %d: %s", code, errOut)
	}
}

func TestTokenListTable(t *testing.T) {
	demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	code, out, errOut := runCmd(t, "", "token", "list", "--workspace", "Acme Platform")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"DESCRIPTION", "CI pipeline (GitHub Actions)", "never", "Old Jenkins job", "expired", "••••••••-"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
	// One date style: the EXPIRES column holds a date or "never", nothing else.
	lines := strings.Split(strings.TrimSpace(out), "\n")
	col := strings.Index(lines[0], "EXPIRES")
	state := strings.Index(lines[0], "STATE")
	for _, l := range lines[1:] {
		cell := strings.TrimSpace(string([]rune(l)[col:state]))
		if _, err := time.Parse("2006-01-02", cell); err != nil && cell != "never" {
			t.Errorf("EXPIRES %q is neither a date nor never:\n%s", cell, out)
		}
	}

	// In JSON a token that never expires has "expiresAt": null.
	code, out, errOut = runCmd(t, "", "token", "list", "--workspace", "Acme Platform", "--output", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var list []map[string]any
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatal(err)
	}
	never, dated := 0, 0
	for _, tk := range list {
		switch v := tk["expiresAt"].(type) {
		case nil:
			never++
			if tk["isExpirable"] != false {
				t.Errorf("expiresAt null on an expiring token: %v", tk)
			}
		case string:
			dated++
			if strings.HasPrefix(v, "0001-") {
				t.Errorf("expiresAt %q", v)
			}
		}
	}
	if never == 0 || dated == 0 || strings.Contains(out, "0001-01-01") {
		t.Errorf("never %d, dated %d:\n%s", never, dated, out)
	}
}

func TestTokenRefusedToAUser(t *testing.T) {
	demoLogin(t, horusectest.UserEmail, horusectest.UserPassword)
	code, out, errOut := runCmd(t, "", "token", "create", "--workspace", "Acme Platform", "--description", "nope")
	if code != exitPermission {
		t.Errorf("exit %d, want %d: %s", code, exitPermission, errOut)
	}
	if out != "" || !strings.Contains(errOut, "only a Manager") || strings.Contains(errOut, "HTTP 401") {
		t.Errorf("stdout %q, stderr %q", out, errOut)
	}
}

func TestTokenUsageErrors(t *testing.T) {
	isolate(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"token", "create", "--description", "x"}, "--workspace"},
		{[]string{"token", "create", "--workspace", "w"}, "--description"},
		{[]string{"token", "create", "--workspace", "w", "--description", "x", "--expires", time.Now().UTC().Format("2006-01-02")}, "tomorrow"},
		{[]string{"token", "create", "--workspace", "w", "--description", "x", "--expires", "soon"}, "YYYY-MM-DD"},
		{[]string{"token", "list", "--workspace", "w", "--output", "yaml"}, "table or json"},
		{[]string{"token", "revoke", "--workspace", "w"}, "--id or --description"},
		{[]string{"token", "revoke", "--workspace", "w", "--id", "a", "--description", "b"}, "--id or --description"},
		{[]string{"token", "frobnicate"}, "unknown command"},
	} {
		code, out, errOut := runCmd(t, "", tc.args...)
		if code != exitUsage || out != "" || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", tc.args, code, out, errOut)
		}
	}
}

// upload sends an analysis with token as the Horusec CLI does, and returns
// the status code.
func upload(t *testing.T, srv *horusectest.Server, token string) int {
	t.Helper()
	return uploadTo(t, srv, token, "from-cli")
}

// uploadTo is upload of an analysis of the repository repo.
func uploadTo(t *testing.T, srv *horusectest.Server, token, repo string) int {
	t.Helper()
	status, err := srv.UploadAsCLI(token, repo)
	if err != nil {
		t.Fatal(err)
	}
	return status
}
