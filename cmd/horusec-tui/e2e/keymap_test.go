package e2e

// One key map for the whole program, in a real terminal: q quits and L logs
// out from every screen (asking first over unsent input), and ctrl+z then
// fg at a shell comes back to the same screen.

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
)

// step is one key (a tmux key name) or text typed, and what the screen
// then shows.
type step struct {
	press, typ string
	want       []string
}

func press(key string, want ...string) step  { return step{press: key, want: want} }
func typed(text string, want ...string) step { return step{typ: text, want: want} }

// walkTo drives the program from the workspaces list along path.
func walkTo(tm *term, path []step) string {
	tm.tb.Helper()
	screen := tm.WaitFor("Workspaces · 5", "Acme Platform")
	for _, s := range path {
		if s.typ != "" {
			tm.Type(s.typ)
		} else {
			tm.Press(s.press)
		}
		screen = tm.WaitFor(s.want...)
	}
	return screen
}

// The ways into the screens of the program, from the workspaces list.
var (
	openAcme     = press("Enter", "Acme Platform · your role: Manager", "Repositories · 41")
	toTokens     = press("Tab", "Expires", "Nightly full scan")
	toMembers    = press("Tab", "alice@example.com")
	toDashboard  = press("Tab", "Vulnerabilities by severity")
	toVulns      = press("Tab", "Showing Severity")
	openRepo     = press("Enter", "accounts-service  ·  in Acme Platform", "No analyses yet")
	toRepoTokens = press("Tab", "No tokens yet")
	toRepoMember = press("Tab", "No one holds a role in this repository yet")
	toRepoVulns  = press("Tab", "No file with open findings")
	toRepoHooks  = press("Tab", "This repository has no webhook")
)

// everyScreen is each screen, tab, dialog and overlay where q and L are the
// shell's (no text field has focus). asks: the end of the question the
// program asks first ("Quit"+asks), when it holds typed input or a token
// shown once.
var everyScreen = []struct {
	name string
	path []step
	asks string
}{
	{name: "workspaces"},
	{name: "help", path: []step{press("?", "Keys · Workspaces", "ctrl+z")}},
	{name: "filtered list", path: []step{press("/"), typed("data"), press("Enter", "Data & ML", "1 shown")}},
	{name: "workspace repositories", path: []step{openAcme}},
	{name: "workspace tokens", path: []step{openAcme, toTokens}},
	{name: "token shown once", asks: "? The new token is not shown again.", path: []step{openAcme, toTokens,
		press("n", "New token for the workspace Acme Platform"), typed("keymap"), press("C-s", "Token created")}},
	{name: "revoke question", path: []step{openAcme, toTokens, press("d", "Revoke this token?")}},
	{name: "workspace members", path: []step{openAcme, toTokens, toMembers}},
	{name: "role table", path: []step{openAcme, toTokens, toMembers, press("P", "What each role may do")}},
	{name: "invite form, role chosen", asks: lostInput, path: []step{openAcme, toTokens, toMembers,
		press("n", "› E-mail"), typed("new.person@example.com"), press("Tab", "› Role")}},
	{name: "workspace dashboard", path: []step{openAcme, toTokens, toMembers, toDashboard}},
	{name: "period picker", path: []step{openAcme, toTokens, toMembers, toDashboard, press("p", "Dashboard period", "Last 7 days")}},
	{name: "workspace vulnerabilities", path: []step{openAcme, toTokens, toMembers, toDashboard, toVulns}},
	{name: "findings of a file", path: []step{openAcme, toTokens, toMembers, toDashboard, toVulns, press("Enter", "scripts/deploy.sh")}},
	{name: "workspace webhooks", path: []step{openAcme, press("BTab", "No webhooks yet")}},
	{name: "repository dashboard", path: []step{openAcme, openRepo}},
	{name: "repository tokens", path: []step{openAcme, openRepo, toRepoTokens}},
	{name: "repository members", path: []step{openAcme, openRepo, toRepoTokens, toRepoMember}},
	{name: "repository vulnerabilities", path: []step{openAcme, openRepo, toRepoTokens, toRepoMember, toRepoVulns}},
	{name: "repository webhooks", path: []step{openAcme, openRepo, toRepoTokens, toRepoMember, toRepoVulns, toRepoHooks}},
}

// lostInput ends the question asked before quitting or logging out over
// typed input.
const lostInput = " and lose what you typed?"

var profileSeq atomic.Int64

// keyringLogin is a profile of its own (so tests in parallel never share a
// keyring entry) logged in as the demo Manager with 'auth login', which
// keeps the session in the real keyring.
type keyringLogin struct {
	env              []string
	service, profile string
}

func newKeyringLogin(tb testing.TB, p platform) keyringLogin {
	tb.Helper()
	cfgDir := filepath.Join(tb.TempDir(), "config")
	profile := fmt.Sprintf("keys%d-%d", os.Getpid(), profileSeq.Add(1))
	if err := os.MkdirAll(cfgDir, 0o700); err != nil {
		tb.Fatal(err)
	}
	cfg := fmt.Sprintf(`{"profiles": {%q: {}}}`, profile)
	if err := os.WriteFile(filepath.Join(cfgDir, config.ConfigFileName), []byte(cfg), 0o600); err != nil {
		tb.Fatal(err)
	}
	k := keyringLogin{env: cleanEnv(append(p.Env(cfgDir), config.EnvProfile+"="+profile)...),
		service: config.ServiceName(p.Auth), profile: profile}
	tb.Cleanup(func() { _ = exec.Command("secret-tool", "clear", "service", k.service, "username", k.profile).Run() })
	if _, stderr, code := runCLI(tb, k.env, horusectest.ManagerPassword, "auth", "login",
		"--email", horusectest.ManagerEmail, "--password-stdin"); code != 0 {
		tb.Fatalf("auth login: exit %d: %s", code, stderr)
	}
	if keyringSecret(tb, k.service, k.profile) == "" {
		tb.Fatal("auth login left no keyring entry")
	}
	return k
}

// startInShell opens an interactive shell (with job control, as a person
// has) and starts the program from it, as the profile's user.
func startInShell(tb testing.TB, k keyringLogin) *term {
	tb.Helper()
	tm := startTerm(tb, 100, 30, append(k.env, "PS1="+prompt+" "), "bash", "--norc", "--noprofile", "-i")
	tm.WaitFor(prompt)
	tm.Type(bin)
	tm.Press("Enter")
	return tm
}

// prompt is the shell's prompt in startInShell (a space follows it).
const prompt = "e2e$"

// backAtShell waits until the program has ended and the shell prompts
// again, and returns the program's exit status.
func (t *term) backAtShell() string {
	t.tb.Helper()
	// Typed before the shell reads again, the line would go to the
	// program on its way out.
	t.waitUntil("the shell's prompt", func(s string) bool {
		lines := strings.Fields(s)
		return len(lines) > 0 && lines[len(lines)-1] == prompt
	})
	t.Type("echo exit=$?")
	t.Press("Enter")
	m := regexp.MustCompile(`(?m)^exit=(\d+)$`).FindStringSubmatch(t.WaitForRE(regexp.MustCompile(`(?m)^exit=\d+$`)))
	return m[1]
}

// restored reports how the terminal was left: not in the alternate
// screen, the cursor shown, no mouse reporting.
func (t *term) restored() bool {
	flags := strings.TrimSpace(t.tmux("display-message", "-p", "-t", "e2e", "#{alternate_on} #{cursor_flag} #{mouse_any_flag}"))
	return flags == "0 1 0"
}

// TestKeyMapAndSessionStorage runs, on one demo platform: q and L from
// every screen, ctrl+z then fg, and the choice of storage without a
// keyring.
func TestKeyMapAndSessionStorage(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	p := startDemoServer(t)
	t.Run("q and L from every screen", func(t *testing.T) { quitAndLogOutEverywhere(t, p) })
	t.Run("ctrl+z and fg", func(t *testing.T) { suspendAndResume(t, p) })
	t.Run("no keyring", func(t *testing.T) { noKeyring(t, p) })
}

func quitAndLogOutEverywhere(t *testing.T, p platform) {
	requireKeyring(t)
	for _, sc := range everyScreen {
		t.Run(sc.name, func(t *testing.T) {
			t.Run("q", func(t *testing.T) {
				t.Parallel()
				k := newKeyringLogin(t, p)
				tm := startInShell(t, k)
				walkTo(tm, sc.path)
				tm.Press("q")
				if sc.asks != "" {
					tm.WaitFor("Quit" + sc.asks)
					tm.Press("y")
				}
				if code := tm.backAtShell(); code != "0" {
					t.Fatalf("q: exit status %s", code)
				}
				if !tm.restored() {
					t.Fatal("the terminal was left in the alternate screen, without its cursor or with mouse reporting on")
				}
				if keyringSecret(t, k.service, k.profile) == "" {
					t.Fatal("quitting deleted the session")
				}
			})
			t.Run("L", func(t *testing.T) {
				t.Parallel()
				k := newKeyringLogin(t, p)
				tm := startTerm(t, 100, 30, k.env, bin)
				walkTo(tm, sc.path)
				tm.Press("L")
				if sc.asks != "" {
					tm.WaitFor("Log out" + sc.asks)
					tm.Press("y")
				}
				tm.WaitFor("Log in to Horusec", "Logged out.")
				if keyringSecret(t, k.service, k.profile) != "" {
					t.Fatal("L left the session in the keyring")
				}
				tm.Press("C-c")
				tm.WaitExit()
			})
		})
	}
}

// suspendAndResume: ctrl+z stops the program and gives the terminal back
// to the shell; what is typed there stays there; fg draws the same screen
// again, whole.
func suspendAndResume(t *testing.T, p platform) {
	requireKeyring(t)
	for _, sc := range []struct {
		name  string
		path  []step
		dirty bool
	}{
		{name: "workspace tokens", path: []step{openAcme, toTokens}},
		{name: "form with input", path: []step{press("n", "New workspace"), typed("half typed")}, dirty: true},
		{name: "repository members", path: []step{openAcme, openRepo, toRepoTokens, toRepoMember}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			t.Parallel()
			tm := startInShell(t, newKeyringLogin(t, p))
			before := unspun(walkTo(tm, sc.path))

			tm.Press("C-z")
			tm.WaitForRE(regexp.MustCompile(`(?s)Stopped.*` + regexp.QuoteMeta(prompt)))
			if !tm.restored() {
				t.Fatal("suspended, the program left the terminal in the alternate screen, without its cursor or with mouse reporting on")
			}
			// Letters that are commands in the program: they must reach the
			// shell only.
			tm.Type("echo jjn qL")
			tm.Press("Enter")
			tm.WaitForRE(regexp.MustCompile(`(?m)^jjn qL$`))
			tm.Type("fg")
			tm.Press("Enter")
			after := tm.waitUntil("the same screen", func(s string) bool { return unspun(s) == before })
			if strings.Contains(after, prompt) {
				t.Fatalf("the shell shows through the redrawn screen:\n%s", after)
			}
			tm.Press("C-c")
			if sc.dirty {
				tm.WaitFor("Quit" + lostInput)
				tm.Press("y")
			}
			if code := tm.backAtShell(); code != "0" || !tm.restored() {
				t.Fatalf("after ctrl+c: exit status %s, terminal restored: %v", code, tm.restored())
			}
		})
	}
}

// noKeyring: with no D-Bus session (so no Secret Service), the program asks
// where to keep the session, keeps asking until answered, and remembers the
// answer for the profile; no secret reaches the config file, the debug log
// or the scrollback.
func noKeyring(t *testing.T, p platform) {
	for _, c := range []struct {
		name       string
		w, h       int
		key        string
		said, next string // after the choice; at the next start
	}{
		{"file at 80x24", 80, 24, "2", "The session is kept in", "credentials.json (0600, not encrypted)"},
		{"this run only at 60x15", 60, 15, "1", "The session lasts for this run only", "this run only"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			cfgDir := filepath.Join(t.TempDir(), "config")
			debugLog := filepath.Join(t.TempDir(), "debug.log")
			env := cleanEnv(append(p.Env(cfgDir), "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(t.TempDir(), "no-bus"))...)
			tm := startTerm(t, c.w, c.h, env, bin, "--debug", debugLog)
			screen := tm.WaitFor("No OS keyring: where should the session go?", "--insecure-storage", "1 this run only · 2 file")
			if !hasBottomBorder(screen) {
				t.Fatalf("the question is not whole at %dx%d:\n%s", c.w, c.h, screen)
			}
			// esc and other keys leave the question up: the choice then
			// answers it, not the login form below.
			tm.Press("Escape")
			tm.WaitFor("Choose 1 or 2 first")
			tm.Press("j")
			tm.Press(c.key)
			tm.WaitFor(c.said, "Log in to Horusec")
			tm.Fill(horusectest.ManagerEmail, horusectest.ManagerPassword)
			tm.Press("Enter")
			tm.WaitFor("Workspaces · 5")
			tm.Press("q")
			tm.WaitExit()

			creds := filepath.Join(cfgDir, config.CredentialsFileName)
			st, err := os.Stat(creds)
			if c.key == "2" && (err != nil || st.Mode().Perm() != 0o600) {
				t.Fatalf("the chosen file: %v %v", st, err)
			}
			if c.key == "1" && err == nil {
				t.Fatal("a session for this run only was written to a file")
			}
			var sess struct{ AccessToken, RefreshToken string }
			if b, err := os.ReadFile(creds); err == nil {
				a := regexp.MustCompile(`"accessToken":\s*"([^"]+)"`).FindSubmatch(b)
				r := regexp.MustCompile(`"refreshToken":\s*"([^"]+)"`).FindSubmatch(b)
				if a == nil || r == nil {
					t.Fatal("no session in the chosen file")
				}
				sess.AccessToken, sess.RefreshToken = string(a[1]), string(r[1])
			}
			want := map[string]string{"2": config.StorageFile, "1": config.StorageMemory}[c.key]
			if b, _ := os.ReadFile(filepath.Join(cfgDir, config.ConfigFileName)); !strings.Contains(string(b), `"default": "`+want+`"`) {
				t.Fatalf("the choice is not remembered:\n%s", b)
			}
			secrets := []string{horusectest.ManagerPassword, sess.AccessToken, sess.RefreshToken}
			if hits := filesContaining(t, cfgDir, secrets...); len(hits) > 1 || (len(hits) == 1 && hits[0] != creds) {
				t.Fatalf("secrets outside the chosen file: %v", hits)
			}
			if hits := filesContaining(t, filepath.Dir(debugLog), secrets...); len(hits) > 0 {
				t.Fatalf("secrets in the debug log: %v", hits)
			}

			// The next start asks nothing and says what applies.
			tm = startTerm(t, c.w, c.h, env, bin)
			if c.key == "2" {
				tm.WaitFor("Workspaces · 5", c.next)
				tm.Press("L")
				tm.WaitFor("Logged out.")
				if _, err := os.Stat(creds); err == nil {
					t.Fatal("L left the session in the chosen file")
				}
			} else {
				tm.WaitFor("Log in to Horusec", c.next)
			}
			scroll := tm.Scrollback()
			for _, s := range secrets {
				if s != "" && strings.Contains(scroll, s) {
					t.Fatal("a secret is in the terminal's scrollback")
				}
			}
			tm.Press("C-c")
			tm.WaitExit()
		})
	}
}
