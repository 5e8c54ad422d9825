package e2e

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// live is a demo platform inside the test process, so a test can inject
// faults and move its clock while the program runs in the terminal.
type live struct {
	*horusectest.Server
	offset atomic.Int64 // added to the platform's clock
}

func startLive(tb testing.TB) *live {
	tb.Helper()
	l := &live{}
	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true, Now: func() time.Time {
		return time.Now().Add(time.Duration(l.offset.Load()))
	}})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	l.Server = srv
	return l
}

// liveTest is how a test in a terminal against a live platform starts:
// it needs tmux, runs beside the others, and has a platform of its own.
func liveTest(t *testing.T) *live {
	t.Helper()
	requireTmux(t)
	t.Parallel()
	return startLive(t)
}

// Advance moves the platform's clock (sessions expire on its clock).
func (l *live) Advance(d time.Duration) { l.offset.Add(int64(d)) }

func (l *live) platform() platform {
	return platform{Auth: l.AuthURL, Core: l.CoreURL, Analytic: l.AnalyticURL, API: l.APIURL, Webhook: l.WebhookURL,
		Vulnerability: l.VulnerabilityURL}
}

// session is a program run set up for one user: a config directory, a
// session kept in a 0600 file (these tests do not need the OS keyring),
// and a debug log.
type session struct {
	env      []string
	cfgDir   string
	debugLog string
}

// loggedIn logs the Manager in with 'auth login' before the UI starts.
func loggedIn(tb testing.TB, p platform) session {
	tb.Helper()
	s := session{cfgDir: filepath.Join(tb.TempDir(), "config"), debugLog: filepath.Join(tb.TempDir(), "debug.log")}
	s.env = cleanEnv(p.Env(s.cfgDir)...)
	if _, stderr, code := runCLI(tb, s.env, horusectest.ManagerPassword, "--insecure-storage", "auth", "login",
		"--email", horusectest.ManagerEmail, "--password-stdin"); code != 0 {
		tb.Fatalf("auth login: exit %d: %s", code, stderr)
	}
	return s
}

func (s session) open(tb testing.TB, w, h int) *term {
	tb.Helper()
	return startTerm(tb, w, h, s.env, bin, "--insecure-storage", "--debug", s.debugLog)
}

// storedRefreshToken reads the refresh token kept by --insecure-storage.
func (s session) storedRefreshToken(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(s.cfgDir, "credentials.json"))
	if err != nil {
		tb.Fatal(err)
	}
	m := regexp.MustCompile(`"refreshToken":\s*"([^"]+)"`).FindSubmatch(b)
	if m == nil {
		tb.Fatal("no refresh token in the insecure credential file")
	}
	return string(m[1])
}

// freeAddr is a loopback address where nothing listens (yet).
func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// TestPlatformUnreachableAtStartThenBack: the core service is down when the
// program starts; the list says so and what to do, and r loads it once the
// service is back.
func TestPlatformUnreachableAtStartThenBack(t *testing.T) {
	l := liveTest(t)
	p := l.platform()
	addr := freeAddr(t)
	p.Core = "http://" + addr // the session is made for it: the login asks only the auth service
	s := loggedIn(t, p)

	tm := s.open(t, 120, 40)
	tm.WaitFor("cannot reach the core service at http://"+addr, "press r to retry")

	// The service comes back on the same address.
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("the port was taken meanwhile: %v", err)
	}
	target, _ := url.Parse(l.CoreURL)
	srv := &http.Server{Handler: httputil.NewSingleHostReverseProxy(target)}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	tm.Press("r")
	tm.WaitFor("Workspaces · 5", "Acme Platform")
	tm.Press("Enter")
	tm.WaitFor("Acme Platform · your role: Manager", "accounts-service")
}

// TestServerErrorInTheMiddleOfAList: a later page of repositories fails
// with a 500; the rows loaded stay, the failure is named, and r loads the
// page again.
func TestServerErrorInTheMiddleOfAList(t *testing.T) {
	l := liveTest(t)
	acme, _ := l.WorkspaceID("Acme Platform")
	for i := range 80 { // three pages
		if _, err := l.AddRepository(acme, fmt.Sprintf("zz-%03d", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	s := loggedIn(t, l.platform())

	tm := s.open(t, 120, 40)
	tm.WaitFor("Acme Platform")
	tm.Press("Enter")
	tm.WaitFor("Repositories · 121 · row 1 · 100 loaded") // the first page, and the next one near it
	l.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/core/workspaces/" + acme + "/repositories", Status: 500, Times: 1})
	tm.Press("G")
	tm.WaitFor("Could not load more", "Press r to try again.")
	tm.Press("r")
	tm.WaitFor("▌ zz-079")
	tm.Press("g")
	if screen := tm.WaitFor("▌ "); !strings.Contains(screen, "accounts-service") {
		t.Fatalf("the rows loaded first are gone:\n%s", screen)
	}
}

// TestMalformedAnswer: the platform answers the list with broken JSON; the
// program says the answer could not be read and r tries again.
func TestMalformedAnswer(t *testing.T) {
	l := liveTest(t)
	s := loggedIn(t, l.platform())
	l.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/core/workspaces", Malformed: true, Times: 1})

	tm := s.open(t, 120, 40)
	screen := tm.WaitFor("Something went wrong", "r retry")
	if strings.Contains(screen, "Acme Platform") {
		t.Fatalf("a broken answer was shown as a list:\n%s", screen)
	}
	tm.Press("r")
	tm.WaitFor("Workspaces · 5", "Acme Platform")
}

// TestSessionExpiresWhileAFormIsOpen: a token form is filled in when the
// session (and its refresh token) expires; submitting brings up the login,
// and after it the token is created from what was typed.
func TestSessionExpiresWhileAFormIsOpen(t *testing.T) {
	l := liveTest(t)
	// Sessions issued now end in two minutes by the program's clock, so it
	// renews the session before every request, as it would near the end
	// of any session.
	l.Advance(-58 * time.Minute)
	s := loggedIn(t, l.platform())
	tm := s.open(t, 120, 40)
	tm.WaitFor("Sandbox")
	tm.Type("/")
	tm.Type("Sandbox")
	tm.Press("Enter")
	tm.WaitForRE(regexp.MustCompile(`▌ Sandbox`))
	tm.Press("Enter")
	tm.WaitFor("Sandbox · your role: Manager")
	tm.Press("Tab")
	tm.WaitFor("Tokens")
	tm.Press("n")
	tm.WaitFor("New token for the workspace Sandbox")
	tm.Type("typed before the expiry")

	l.ExpireRefreshTokens() // the session can no longer be renewed
	tm.Press("C-s")
	tm.WaitFor("Your session has expired", "Password")
	tm.Type(horusectest.ManagerPassword)
	tm.Press("Enter")
	screen := tm.WaitFor("Token created", "typed before the expiry")
	if tok := revealedToken(screen); tok == "" {
		t.Fatalf("no token revealed:\n%s", screen)
	}
	tm.Press("Enter")
	tm.Press("Enter")
	tm.WaitFor("Tokens (1)", "typed before the expiry")
}

// TestRefreshTokenAlreadyUsed: another process renewed the session first,
// so the program's refresh token is refused; the program asks for the
// password instead of failing, and goes on where it was.
func TestRefreshTokenAlreadyUsed(t *testing.T) {
	l := liveTest(t)
	l.Advance(-58 * time.Minute) // sessions end in two minutes: renewed before every request
	s := loggedIn(t, l.platform())
	tm := s.open(t, 120, 40)
	tm.WaitFor("Workspaces · 5")

	// Another process spends the stored refresh token (the program wrote
	// its latest one back to the store).
	body, _ := json.Marshal(map[string]string{"refreshToken": s.storedRefreshToken(t)})
	res, err := http.Post(l.AuthURL+"/auth/account/refresh-token", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 {
		t.Fatalf("the outside refresh got %d", res.StatusCode)
	}

	tm.Press("r")
	tm.WaitFor("Your session has expired", "Password")
	tm.Type(horusectest.ManagerPassword)
	tm.Press("Enter")
	screen := tm.WaitFor("Workspaces · 5", "Acme Platform")
	// A word of its own: the header's port may hold the digits 401.
	if regexp.MustCompile(`\b401\b`).MatchString(screen) || strings.Contains(screen, "Unauthorized") {
		t.Fatalf("a raw refusal reached the screen:\n%s", screen)
	}
}

// TestKeyringThatNeverAnswers: the Secret Service is there but never
// answers (a locked keyring waiting on a prompt nobody sees). The program
// does not hang: it asks where to keep the session, the login works and
// the session is kept for this run.
func TestKeyringThatNeverAnswers(t *testing.T) {
	l := liveTest(t)
	p := l.platform()
	// A D-Bus socket that accepts connections and never says a word.
	sock := filepath.Join(t.TempDir(), "bus")
	ln, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			t.Cleanup(func() { c.Close() })
		}
	}()
	cfgDir := filepath.Join(t.TempDir(), "config")
	env := cleanEnv(append(p.Env(cfgDir), "DBUS_SESSION_BUS_ADDRESS=unix:path="+sock)...)

	tm := startTerm(t, 120, 40, env, bin)
	tm.WaitFor("No OS keyring: where should the session go?", "no answer within 3s")
	tm.Press("1")
	tm.WaitFor("Log in to Horusec", "The session lasts for this run only")
	tm.Fill(horusectest.ManagerEmail, horusectest.ManagerPassword)
	tm.Press("Enter")
	tm.WaitFor("Acme Platform")
	tm.Press("Enter")
	tm.WaitFor("Acme Platform · your role: Manager")

	// The subcommand fails fast with both ways out.
	start := time.Now()
	_, stderr, code := runCLI(t, env, horusectest.ManagerPassword, "auth", "login", "--email", horusectest.ManagerEmail, "--password-stdin")
	if code == 0 || !strings.Contains(stderr, "--insecure-storage") {
		t.Fatalf("auth login with a silent keyring: exit %d: %s", code, stderr)
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Errorf("auth login took %v with a silent keyring", took)
	}
}

// TestResizeToTinyAndBack: a 20×5 terminal gets a note instead of a broken
// layout; back at full size everything is where it was.
func TestResizeToTinyAndBack(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	tm := startTerm(t, 120, 40, cleanEnv(), bin, "--demo")
	tm.WaitFor("Workspaces · 5")
	tm.Press("j")
	tm.WaitForRE(regexp.MustCompile(`▌ Data & ML`))
	tm.Resize(20, 5)
	small := tm.WaitFor("too small")
	for i, line := range strings.Split(strings.TrimRight(small, "\n"), "\n") {
		if i >= 5 {
			t.Fatalf("a 20×5 terminal shows more than 5 lines:\n%s", small)
		}
		_ = line
	}
	tm.Press("j") // ignored while too small
	tm.Resize(120, 40)
	// The whole layout comes back: header on the first line, the list with
	// the cursor where it was, the key help on the last line. (tmux may
	// show a frame half drawn, so this waits for all of it.)
	tm.waitUntil("the layout to come back at 120×40", func(screen string) bool {
		lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
		return strings.HasPrefix(strings.TrimSpace(lines[0]), "horusec-tui") &&
			strings.Contains(screen, "Workspaces · 5") && strings.Contains(screen, "▌ Data & ML") &&
			strings.Contains(lines[len(lines)-1], "quit")
	})
	tm.Press("j")
	tm.WaitForRE(regexp.MustCompile(`▌ Mobile Apps`))
}

// TestNamesThatStretchTheLayout: names with emoji, right-to-left text and
// 255 characters, made on the platform, fit their columns.
func TestNamesThatStretchTheLayout(t *testing.T) {
	l := liveTest(t)
	mgr, _ := l.AccountID(horusectest.ManagerEmail)
	long := strings.Repeat("L", 250) + "-tail"
	names := []string{"🚀 Launch 👩‍💻 team 🇧🇷", "مساحة العمل الأمنية", "עברית ו-English", long}
	for _, n := range names {
		if _, err := l.AddWorkspace(n, map[string]string{mgr: "admin"}); err != nil {
			t.Fatalf("add %q: %v", n, err)
		}
	}
	s := loggedIn(t, l.platform())
	tm := s.open(t, 120, 40)
	screen := tm.WaitFor("Workspaces · 9", "Launch", "LLLL")
	checkLayout(t, screen, 120, 40)
	// Every row ends in the same terminal column as a plain one: tmux pads
	// the lines it captures with -N, so the padding tells where each ends.
	padded := tm.tmux("capture-pane", "-t", "e2e", "-p", "-N")
	ends := map[string]int{} // row → blank columns after it
	for _, line := range strings.Split(padded, "\n") {
		if strings.Contains(line, "Manager") && strings.Contains(line, "20") {
			ends[line] = len(line) - len(strings.TrimRight(line, " "))
		}
	}
	want := -1
	for line, pad := range ends {
		if strings.Contains(line, "Acme Platform") {
			want = pad
		}
	}
	if len(ends) != 8 || want < 0 {
		t.Fatalf("expected 8 rows of a Manager, found %d:\n%s", len(ends), padded)
	}
	for line, pad := range ends {
		if pad != want {
			t.Errorf("this row ends %d columns off:\n%q", want-pad, line)
		}
	}
	if strings.Contains(screen, "-tail") {
		t.Errorf("the 255-character name was not cut to its column:\n%s", screen)
	}
	// Open the long one: its page header is cut too.
	tm.Type("/")
	tm.Type("LLLL")
	tm.Press("Enter")
	tm.WaitForRE(regexp.MustCompile(`▌ LLLL`))
	tm.Press("Enter")
	page := tm.WaitFor("your role: Manager")
	checkLayout(t, page, 120, 40)
}

// checkLayout fails when the screen lost its frame: the header on the
// first line, the key help on the last, nothing wrapped in between.
func checkLayout(t *testing.T, screen string, w, h int) {
	t.Helper()
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if len(lines) != h {
		t.Errorf("%d lines on a %d-line terminal:\n%s", len(lines), h, screen)
	}
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "horusec-tui") {
		t.Errorf("the header moved:\n%s", screen)
	}
	if !strings.Contains(lines[len(lines)-1], "help") {
		t.Errorf("the key help is not on the last line:\n%s", screen)
	}
	_ = w
}

// TestHungRequest: the platform stops answering the list; the client's
// timeout ends the wait, the screen says so and what to do, and r gets the
// list once the platform answers again.
func TestHungRequest(t *testing.T) {
	requireTmux(t)
	if testing.Short() {
		t.Skip("waits for the client's 15-second timeout")
	}
	t.Parallel()
	l := startLive(t)
	s := loggedIn(t, l.platform())
	l.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/core/workspaces", Latency: time.Minute})
	tm := s.open(t, 120, 40)
	tm.WaitFor("Loading workspaces…")
	start := time.Now()
	// Longer than waitTime: the client waits 15 s for an answer and does
	// not ask again after a timeout.
	deadline := start.Add(25 * time.Second)
	var screen string
	for screen = tm.Screen(); !strings.Contains(screen, "no answer within 15s"); screen = tm.Screen() {
		if time.Now().After(deadline) {
			t.Fatalf("no timeout shown after %v:\n%s", time.Since(start), screen)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Logf("the timeout was shown after %v", time.Since(start).Round(time.Second))
	if !strings.Contains(screen, "press r to retry") {
		t.Errorf("the timeout does not say what to do:\n%s", screen)
	}
	l.ClearFaults()
	tm.Press("r")
	tm.WaitFor("Workspaces · 5", "Acme Platform")
}
