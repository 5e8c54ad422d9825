package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

func TestExitCode(t *testing.T) {
	a := &app{}
	tests := []struct {
		err  error
		want int
	}{
		{nil, exitOK},
		{errors.New("disk full"), exitError},
		{usageErrorf("bad"), exitUsage},
		{fmt.Errorf("wrapped: %w", usageErrorf("bad")), exitUsage},
		{notLoggedIn(config.Settings{}), exitAuth},
		{&client.Error{Kind: client.KindUnauthenticated}, exitAuth},
		{&client.Error{Kind: client.KindForbidden}, exitPermission},
		{fmt.Errorf("x: %w", &client.Error{Kind: client.KindNoAccess}), exitPermission},
		{&client.Error{Kind: client.KindNetwork}, exitError},
		{&client.Error{Kind: client.KindNotFound}, exitError},
		{&config.KeyringError{Err: errors.New("locked")}, exitError},
	}
	for _, tt := range tests {
		if got := a.exitCode(tt.err); got != tt.want {
			t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
}

func TestFailPrintsOneLineWithAdvice(t *testing.T) {
	var stderr bytes.Buffer
	a := &app{stderr: &stderr}
	code := a.fail(&client.Error{Kind: client.KindForbidden, Op: "delete repository", Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges", Status: 401})
	if code != exitPermission {
		t.Errorf("code = %d", code)
	}
	msg := stderr.String()
	if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "horusec-tui: delete repository:") || !strings.Contains(msg, "role") {
		t.Errorf("message = %q", msg)
	}
}

func TestConfirmWithoutTerminalNeedsYes(t *testing.T) {
	a := &app{stdin: strings.NewReader("y\n")}
	ok, err := a.confirm("Delete repository api?", false)
	if ok || err == nil || !strings.Contains(err.Error(), "--yes") || a.exitCode(err) != exitUsage {
		t.Errorf("confirm without a terminal: ok=%v err=%v", ok, err)
	}
	if ok, err := a.confirm("Delete repository api?", true); !ok || err != nil {
		t.Errorf("--yes should confirm: %v %v", ok, err)
	}
}

func TestParseAcceptsFlagsAfterArguments(t *testing.T) {
	var stdout, stderr bytes.Buffer
	a := &app{stdout: &stdout, stderr: &stderr}
	fs := a.flagSet("x", "  x NAME")
	json := fs.Bool("json", false, "print JSON")
	pos, _, done := a.parse(fs, []string{"one", "--json", "--profile", "p", "two", "--", "--three"})
	if done || !*json || a.flags.profile != "p" || strings.Join(pos, ",") != "one,two,--three" {
		t.Errorf("pos=%v json=%v profile=%q done=%v", pos, *json, a.flags.profile, done)
	}

	a.flags.profile = "kept"
	fs = a.flagSet("x", "  x NAME")
	if a.flags.profile != "kept" {
		t.Error("a new flag set reset a global flag given before the command")
	}
	_, code, done := a.parse(fs, []string{"--help"})
	if !done || code != exitOK || !strings.Contains(stdout.String(), "Usage:") || strings.Contains(stdout.String(), "URL of the auth service") {
		t.Errorf("--help: code %d, stdout %q", code, stdout.String())
	}
	_, code, done = a.parse(fs, []string{"--nope"})
	if !done || code != exitUsage || !strings.Contains(stderr.String(), "--help") {
		t.Errorf("bad flag: code %d, stderr %q", code, stderr.String())
	}
}

func TestEveryCommandHasHelp(t *testing.T) {
	isolate(t)
	for _, args := range [][]string{
		{"auth", "--help"}, {"auth", "login", "--help"}, {"auth", "status", "--help"}, {"auth", "logout", "-h"},
		{"profile", "--help"}, {"profile", "list", "--help"}, {"profile", "use", "--help"},
		{"profile", "add", "--help"}, {"profile", "remove", "--help"},
	} {
		code, out, errOut := runCmd(t, "", args...)
		if code != exitOK || !strings.Contains(out, "Usage:") || errOut != "" {
			t.Errorf("%v: code %d, stdout %q, stderr %q", args, code, out, errOut)
		}
	}
}

func TestResolveWorkspace(t *testing.T) {
	f := newFakePlatform(t)
	f.workspaces = []client.Workspace{
		{WorkspaceID: "w-1", Name: "team"}, {WorkspaceID: "w-2", Name: "dup"}, {WorkspaceID: "w-3", Name: "dup"},
	}
	c := loggedInFakeClient(t, f)
	ctx := context.Background()
	if w, err := resolveWorkspace(ctx, c, "team"); err != nil || w.WorkspaceID != "w-1" {
		t.Errorf("by name: %v %v", w, err)
	}
	if w, err := resolveWorkspace(ctx, c, "w-3"); err != nil || w.WorkspaceID != "w-3" {
		t.Errorf("by id: %v %v", w, err)
	}
	_, err := resolveWorkspace(ctx, c, "dup")
	if (&app{}).exitCode(err) != exitUsage || !strings.Contains(err.Error(), "w-2, w-3") {
		t.Errorf("ambiguous: %v", err)
	}
	if _, err := resolveWorkspace(ctx, c, "Team"); !client.IsKind(err, client.KindNotFound) {
		t.Errorf("names are exact: %v", err)
	}
}

func TestResolveRepositoryPages(t *testing.T) {
	f := newFakePlatform(t)
	for i := range 2*repositoryPageSize + 7 {
		f.repos = append(f.repos, client.Repository{RepositoryID: fmt.Sprintf("r-%d", i), Name: fmt.Sprintf("repo-%d", i)})
	}
	f.repos = append(f.repos, client.Repository{RepositoryID: "r-dup", Name: "repo-3"})
	c := loggedInFakeClient(t, f)
	ctx := context.Background()

	r, err := resolveRepository(ctx, c, "w-1", "repo-205")
	if err != nil || r.RepositoryID != "r-205" {
		t.Errorf("a name on the third page: %v %v", r, err)
	}
	if f.pageCalls != 3 {
		t.Errorf("pages asked = %d, want 3", f.pageCalls)
	}
	if r, err := resolveRepository(ctx, c, "w-1", "r-2"); err != nil || r.Name != "repo-2" {
		t.Errorf("by id: %v %v", r, err)
	}
	_, err = resolveRepository(ctx, c, "w-1", "repo-3")
	if (&app{}).exitCode(err) != exitUsage || !strings.Contains(err.Error(), "r-3, r-dup") {
		t.Errorf("ambiguous across pages: %v", err)
	}
	if _, err := resolveRepository(ctx, c, "w-1", "nope"); !client.IsKind(err, client.KindNotFound) {
		t.Errorf("missing: %v", err)
	}
}

func loggedInFakeClient(t *testing.T, f *fakePlatform) *client.Client {
	t.Helper()
	c, err := client.New(client.Options{AuthURL: f.URL, CoreURL: f.URL, AnalyticURL: f.URL})
	if err != nil {
		t.Fatal(err)
	}
	s := f.session(1)
	c.SetSession(&s)
	return c
}

func TestTableCleansControlCharacters(t *testing.T) {
	var b bytes.Buffer
	tb := newTable(&b, "NAME", "ROLE")
	tb.row("evil\x1b[2Jname", "admin")
	tb.flush()
	if strings.Contains(b.String(), "\x1b") {
		t.Errorf("an escape sequence reached the terminal: %q", b.String())
	}
	if !strings.Contains(b.String(), "NAME") {
		t.Errorf("table = %q", b.String())
	}
}

func TestPrintJSON(t *testing.T) {
	var b bytes.Buffer
	printJSON(&b, map[string]string{"name": "<a&b>"})
	if b.String() != "{\n  \"name\": \"<a&b>\"\n}\n" {
		t.Errorf("printJSON = %q", b.String())
	}
}

func TestDebugLogIsPrivateAndHoldsNoSecret(t *testing.T) {
	isolate(t)
	keyring.MockInit()
	f := newFakePlatform(t)
	f.env(t)
	logPath := filepath.Join(t.TempDir(), "debug.log")
	code, _, errOut := runCmd(t, fakePassword+"\n", "--debug", logPath, "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitOK {
		t.Fatalf("login: %d %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "--debug", logPath, "auth", "status")
	if code != exitOK {
		t.Fatalf("status: %d %s", code, errOut)
	}
	st, err := os.Stat(logPath)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("debug log mode = %o, want 600", st.Mode().Perm())
	}
	data, _ := os.ReadFile(logPath)
	for _, secret := range []string{fakePassword, "access-token-1", "refresh-token-1"} {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the debug log holds a secret")
		}
	}
}
