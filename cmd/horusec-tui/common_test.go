package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

func TestExitCode(t *testing.T) {
	a := &Factory{}
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
		{&client.Error{Kind: client.KindNotFound}, exitNotFound},
		{notFoundErrorf("no profile"), exitNotFound},
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
	a := &Factory{IO: IOStreams{ErrOut: &stderr}}
	code := a.fail(&client.Error{Kind: client.KindForbidden, Op: "delete repository", Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges", Refusal: client.RefusalNoPrivileges, Status: 401})
	if code != exitPermission {
		t.Errorf("code = %d", code)
	}
	msg := stderr.String()
	if strings.Count(msg, "\n") != 1 || !strings.HasPrefix(msg, "horusec-tui: delete repository:") || !strings.Contains(msg, "role") {
		t.Errorf("message = %q", msg)
	}
}

func TestConfirmWithoutTerminalNeedsYes(t *testing.T) {
	var stderr bytes.Buffer
	a := &Factory{IO: IOStreams{In: strings.NewReader("y\n"), ErrOut: &stderr}}
	ok, err := a.confirm("Delete repository api?", false)
	if ok || err == nil || !strings.Contains(err.Error(), "--yes") || a.exitCode(err) != exitUsage {
		t.Errorf("confirm without a terminal: ok=%v err=%v", ok, err)
	}
	// The question on its own line; the error follows on the next.
	if stderr.String() != "Delete repository api?\n" || strings.Contains(err.Error(), "api") {
		t.Errorf("stderr %q, error %q", stderr.String(), err)
	}
	if ok, err := a.confirm("Delete repository api?", true); !ok || err != nil {
		t.Errorf("--yes should confirm: %v %v", ok, err)
	}
}

func TestFlagsAfterArgumentsAndGlobalFlagsAfterTheCommand(t *testing.T) {
	isolate(t)
	// A flag after the positional argument, a global flag after the
	// command, and "--" ending the flags.
	code, _, errOut := runCmd(t, "", "profile", "add", "lab", "--auth-url", "http://lab:8006", "--core-url", "http://lab:8003",
		"--analytic-url", "http://lab:8005", "--use")
	if code != exitOK {
		t.Fatalf("profile add: exit %d: %s", code, errOut)
	}
	code, out, errOut := runCmd(t, "", "profile", "list", "--json")
	if code != exitOK || !strings.Contains(out, `"current": true`) {
		t.Errorf("--use after the argument was not applied: exit %d %s %s", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", "profile", "use", "--", "--lab")
	if code != exitNotFound || !strings.Contains(errOut, `"--lab"`) {
		t.Errorf("after --, --lab is a name: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "auth", "status", "--profile", "nope")
	if !strings.Contains(errOut, "nope") {
		t.Errorf("--profile after the command was ignored: exit %d, %q", code, errOut)
	}
}

func TestSingleDashLongFlags(t *testing.T) {
	isolate(t)
	// The flags have always been written -flag too.
	code, _, errOut := runCmd(t, "", "profile", "add", "lab", "-auth-url", "http://lab:8006", "-core-url=http://lab:8003",
		"-analytic-url", "http://lab:8005", "-email", "-x@example.com", "-use")
	if code != exitOK {
		t.Fatalf("profile add with -flags: exit %d: %s", code, errOut)
	}
	code, out, _ := runCmd(t, "", "-profile", "lab", "profile", "list", "-json")
	if code != exitOK || !strings.Contains(out, `"authURL": "http://lab:8006"`) || !strings.Contains(out, `"coreURL": "http://lab:8003"`) {
		t.Errorf("list: exit %d %s", code, out)
	}
	// A value that starts with a dash stays a value.
	if !strings.Contains(out, `"email": "-x@example.com"`) {
		t.Errorf("the value -x@example.com was taken for a flag: %s", out)
	}
	if got := normalizeArgs(newRootCmd(&Factory{}), []string{"-debug", "/tmp/x", "token", "revoke", "-description", "-yes", "-yes", "-h", "--", "-id"}); strings.Join(got, " ") !=
		"--debug /tmp/x token revoke --description -yes --yes -h -- -id" {
		t.Errorf("normalizeArgs = %q", got)
	}
	code, out, errOut = runCmd(t, "", "repo", "list", "-help")
	if code != exitOK || !strings.Contains(out, "Usage:") || errOut != "" {
		t.Errorf("-help: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = runCmd(t, "", "-version")
	if code != exitOK || out != "horusec-tui dev\n" {
		t.Errorf("-version: exit %d, %q", code, out)
	}
}

func TestHelpAndBadFlags(t *testing.T) {
	isolate(t)
	code, out, errOut := runCmd(t, "", "repo", "list", "--help")
	if code != exitOK || !strings.Contains(out, "Usage:\n  horusec-tui repo list --workspace W") || !strings.Contains(out, "--search string") ||
		strings.Contains(out, "URL of the auth service") || errOut != "" {
		t.Errorf("--help: exit %d, stdout %q", code, out)
	}
	code, out, errOut = runCmd(t, "", "repo", "list", "--nope")
	if code != exitUsage || out != "" || !strings.Contains(errOut, "--nope") || !strings.Contains(errOut, "'horusec-tui repo list --help'") ||
		strings.Count(errOut, "\n") != 1 {
		t.Errorf("bad flag: exit %d, stderr %q", code, errOut)
	}
	code, out, _ = runCmd(t, "", "--help")
	if code != exitOK || !strings.Contains(out, "open the terminal UI") || !strings.Contains(out, "--insecure-storage") || !strings.Contains(out, "dashboard") {
		t.Errorf("--help: exit %d, %q", code, out)
	}
	code, _, errOut = runCmd(t, "", "frobnicate")
	if code != exitUsage || !strings.Contains(errOut, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "repo")
	if code != exitUsage || !strings.Contains(errOut, "horusec-tui repo delete") {
		t.Errorf("a group without a command: exit %d, %q", code, errOut)
	}
	code, out, _ = runCmd(t, "", "repo", "help")
	if code != exitOK || !strings.Contains(out, "horusec-tui repo create") {
		t.Errorf("repo help: exit %d, %q", code, out)
	}
	code, _, errOut = runCmd(t, "", "repo", "lst", "--workspace", "W")
	if code != exitUsage || !strings.Contains(errOut, "unknown command 'repo lst'") || !strings.Contains(errOut, "'repo list'") {
		t.Errorf("a misspelt command: exit %d, %q", code, errOut)
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
	if (&Factory{}).exitCode(err) != exitUsage || !strings.Contains(err.Error(), "w-2, w-3") {
		t.Errorf("ambiguous: %v", err)
	}
	if _, err := resolveWorkspace(ctx, c, "Team"); !client.IsKind(err, client.KindNotFound) {
		t.Errorf("names are exact: %v", err)
	}
}

func TestResolveRepositoryPages(t *testing.T) {
	f := newFakePlatform(t)
	for i := range 207 { // three pages of the 100 asked for
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
	if (&Factory{}).exitCode(err) != exitUsage || !strings.Contains(err.Error(), "r-3, r-dup") {
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
	onFakePlatform(t)
	logPath := filepath.Join(t.TempDir(), "debug.log")
	code, _, errOut := runCmd(t, fakePassword+"\n", "--debug", logPath, "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitOK {
		t.Fatalf("login: %d %s", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "--debug", logPath, "auth", "status")
	if code != exitOK {
		t.Fatalf("status: %d %s", code, errOut)
	}
	data := readPrivate(t, logPath)
	for _, secret := range []string{fakePassword, "access-token-1", "refresh-token-1"} {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the debug log holds a secret")
		}
	}
}
