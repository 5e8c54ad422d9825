package e2e

// Where a session is kept, and several programs on one profile: the
// terminal UI and scripts sharing a session whose refresh tokens are
// single use, profiles added at once, writes killed half-way; a session
// in a real Secret Service, and a login where there is none.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
)

func TestSharedSessionSoakKeyring(t *testing.T) {
	requireTmux(t)
	requireKeyring(t)
	soak(t, false)
}

func TestSharedSessionSoakInsecureStorage(t *testing.T) {
	requireTmux(t)
	soak(t, true)
}

// The programs run side by side for soakFor, longer if the session was
// renewed fewer than 25 times by then, but never longer than soakCap.
const (
	soakFor = 10 * time.Second
	soakCap = 40 * time.Second
)

// soak runs the terminal UI and 8 command loops on one profile against a
// platform whose access tokens last 3 seconds, so that every call renews
// the session (the renewal margin is 5 minutes). No program may ever find
// itself logged out, and the profile must still be logged in at the end.
func soak(t *testing.T, insecure bool) {
	p := startDemoServer(t, "--session-ttl", "3s")
	cfgDir := filepath.Join(t.TempDir(), "config")
	logDir := t.TempDir()
	env := cleanEnv(p.Env(cfgDir)...)
	var global []string
	if insecure {
		global = []string{"--insecure-storage"}
	}
	service := config.ServiceName(p.Auth)
	if !insecure {
		t.Cleanup(func() { _ = exec.Command("secret-tool", "clear", "service", service).Run() })
	}

	if _, stderr, code := runCLI(t, env, horusectest.ManagerPassword,
		append(global, "auth", "login", "--email", horusectest.ManagerEmail, "--password-stdin")...); code != 0 {
		t.Fatalf("auth login: exit %d: %s", code, stderr)
	}

	tuiLog := filepath.Join(logDir, "tui.log")
	tm := startTerm(t, 100, 30, env, append(append([]string{bin}, global...), "--debug", tuiLog)...)
	tm.WaitFor("Workspaces · 5", "Acme Platform")

	var (
		failures []string
		mu       sync.Mutex
		runs     atomic.Int64
		wg       sync.WaitGroup
	)
	fail := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(failures) < 10 {
			failures = append(failures, fmt.Sprintf(format, args...))
		}
	}
	// Until soakFor has passed and the session was renewed often enough
	// (a slow machine renews less often in the same time), within a cap.
	var stop atomic.Bool
	start := time.Now()
	commands := [][]string{
		{"repo", "list", "--workspace", "Acme Platform"},
		{"token", "list", "--workspace", "Acme Platform"},
		{"member", "list", "--workspace", "Acme Platform"},
		{"auth", "status"},
	}
	for i := range 8 {
		wg.Go(func() {
			debug := filepath.Join(logDir, fmt.Sprintf("worker-%d.log", i))
			for n := 0; !stop.Load(); n++ {
				args := append(append(append([]string{}, global...), "--debug", debug), commands[(i+n)%len(commands)]...)
				stdout, stderr, code := runCLI(t, env, "", args...)
				runs.Add(1)
				if code != 0 || strings.Contains(stderr, "not logged in") || strings.Contains(stderr, "log in again") {
					fail("worker %d: %v: exit %d: %s%s", i, args[len(global)+2:], code, stderr, stdout)
				}
			}
		})
	}
	// Meanwhile the UI reloads its list again and again, each time renewing
	// the session, and must never fall back to the login screen.
	var screens int
	for !stop.Load() {
		tm.Press("r")
		time.Sleep(300 * time.Millisecond)
		screen := tm.Screen()
		screens++
		for _, bad := range []string{"Log in to Horusec", "expired", "not logged in", "Something went wrong"} {
			if strings.Contains(screen, bad) {
				fail("the UI shows %q:\n%s", bad, screen)
				break
			}
		}
		if took := time.Since(start); took > soakCap || took > soakFor && renewals(t, logDir) >= 25 {
			stop.Store(true)
		}
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	tm.WaitFor("Workspaces · 5", "Acme Platform")

	refreshes, refused := countAllRefreshes(t, logDir)
	t.Logf("%d command runs and %d reloads of the UI in %s renewed the session %d times", runs.Load(), screens,
		time.Since(start).Round(time.Second), refreshes)
	if refreshes < 20 {
		t.Errorf("only %d renewals of the session, want at least 20", refreshes)
	}
	if refused != 0 {
		t.Errorf("the platform refused %d renewals: some program used a spent refresh token", refused)
	}

	// Still logged in, with one stored session.
	if stdout, stderr, code := runCLI(t, env, "", append(global, "auth", "status")...); code != 0 {
		t.Errorf("auth status at the end: exit %d: %s%s", code, stdout, stderr)
	}
	if !insecure {
		if n := keyringEntries(t, service); n != 1 {
			t.Errorf("the keyring holds %d entries for %s, want 1", n, service)
		}
	}
	assertNoTemporaryFiles(t, cfgDir)
}

func renewals(t *testing.T, logDir string) int {
	n, _ := countAllRefreshes(t, logDir)
	return n
}

// countAllRefreshes adds up the renewals in every log of logDir.
func countAllRefreshes(t *testing.T, logDir string) (ok, refused int) {
	logs, _ := filepath.Glob(filepath.Join(logDir, "*.log"))
	for _, l := range logs {
		r, x := countRefreshes(t, l)
		ok += r
		refused += x
	}
	return ok, refused
}

// countRefreshes counts the renewals in a --debug log: accepted and refused.
func countRefreshes(t *testing.T, path string) (ok, refused int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, 0 // a worker that never ran a command
	}
	for _, line := range bytes.Split(data, []byte("\n")) {
		var rec struct {
			Path   string `json:"path"`
			Status int    `json:"status"`
		}
		if json.Unmarshal(line, &rec) != nil || rec.Path != "/auth/account/refresh-token" {
			continue
		}
		switch rec.Status {
		case 200:
			ok++
		case 401:
			refused++
		}
	}
	return ok, refused
}

func assertNoTemporaryFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".config.json.") || strings.HasPrefix(e.Name(), ".credentials.json.") {
			t.Errorf("temporary file left in the config directory: %s", e.Name())
		}
	}
}

// Twenty programs adding a profile at the same moment: all twenty are kept.
func TestConcurrentProfileAdd(t *testing.T) {
	t.Parallel()
	cfgDir := filepath.Join(t.TempDir(), "config")
	env := cleanEnv(config.EnvConfigDir + "=" + cfgDir)
	const n = 20
	cmds := make([]*exec.Cmd, n)
	outs := make([]*bytes.Buffer, n)
	for i := range n {
		cmds[i] = exec.Command(bin, "profile", "add", fmt.Sprintf("p%02d", i), "--auth-url", "http://127.0.0.1:8006",
			"--core-url", "http://127.0.0.1:8003", "--analytic-url", "http://127.0.0.1:8005")
		cmds[i].Env = env
		outs[i] = &bytes.Buffer{}
		cmds[i].Stdout, cmds[i].Stderr = outs[i], outs[i]
	}
	for _, c := range cmds {
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("profile add p%02d: %v: %s", i, err, outs[i])
		}
	}
	f, err := config.LoadFile(filepath.Join(cfgDir, config.ConfigFileName))
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Profiles) != n {
		t.Errorf("%d of %d profiles survived: %v", len(f.Profiles), n, f.Names())
	}
	stdout, stderr, code := runCLI(t, env, "", "profile", "list")
	if code != 0 || strings.Count(stdout, "http://127.0.0.1:8006") != n {
		t.Errorf("profile list: exit %d: %s%s", code, stdout, stderr)
	}
	assertNoTemporaryFiles(t, cfgDir)
}

// Programs killed (SIGKILL) at random moments while they write the config
// file and the insecure credential file: the files are always whole, and
// after the next start no temporary file (which may hold a session) is
// left.
func TestKilledWritesLeaveWholeFiles(t *testing.T) {
	t.Parallel()
	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	p := platform{Auth: srv.AuthURL, Core: srv.CoreURL, Analytic: srv.AnalyticURL, API: srv.APIURL, Webhook: srv.WebhookURL}
	cfgDir := filepath.Join(t.TempDir(), "config")
	env := cleanEnv(p.Env(cfgDir)...)
	// A profile named on the command line takes its URLs from the file.
	if _, stderr, code := runCLI(t, env, "", "profile", "add", "default", "--auth-url", srv.AuthURL,
		"--core-url", srv.CoreURL, "--analytic-url", srv.AnalyticURL); code != 0 {
		t.Fatalf("profile add: exit %d: %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, env, horusectest.ManagerPassword, "--insecure-storage", "--profile", "default", "auth", "login",
		"--email", horusectest.ManagerEmail, "--password-stdin"); code != 0 {
		t.Fatalf("auth login: exit %d: %s", code, stderr)
	}

	start := func(stdin string, args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Env = env
		c.Stdin = strings.NewReader(stdin)
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		return c
	}
	const rounds = 40
	var leftovers, killed int
	for round := range rounds {
		procs := []*exec.Cmd{
			start("", "profile", "add", fmt.Sprintf("k%02d", round), "--auth-url", srv.AuthURL,
				"--core-url", srv.CoreURL, "--analytic-url", srv.AnalyticURL, "--use"),
			start(horusectest.ManagerPassword, "--insecure-storage", "--profile", "default", "auth", "login",
				"--email", horusectest.ManagerEmail, "--password-stdin"),
			start("", "profile", "use", "default"),
		}
		time.Sleep(time.Duration(rand.IntN(60)) * time.Millisecond)
		for _, c := range procs {
			if c.Process.Signal(syscall.SIGKILL) == nil {
				killed++
			}
			_ = c.Wait()
		}
		// Whatever was killed where, both files are whole.
		if _, err := os.Stat(filepath.Join(cfgDir, config.ConfigFileName)); err == nil {
			if _, err := config.LoadFile(filepath.Join(cfgDir, config.ConfigFileName)); err != nil {
				t.Fatalf("round %d: the config file is broken: %v", round, err)
			}
		}
		if data, err := os.ReadFile(filepath.Join(cfgDir, config.CredentialsFileName)); err == nil {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatalf("round %d: the credential file is broken (%v)", round, err)
			}
		}
		entries, _ := os.ReadDir(cfgDir)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".config.json.") || strings.HasPrefix(e.Name(), ".credentials.json.") {
				leftovers++
			}
		}
	}
	t.Logf("%d rounds, %d programs killed, %d temporary files left behind by them", rounds, killed, leftovers)

	// The next start cleans up.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := exec.CommandContext(ctx, bin, "--insecure-storage", "--profile", "default", "auth", "status")
	c.Env = env
	out, err := c.CombinedOutput()
	if err != nil {
		t.Fatalf("auth status after the kills: %v: %s", err, out)
	}
	assertNoTemporaryFiles(t, cfgDir)
}

// The auth service answers 503 to a renewal while the UI runs: the UI keeps
// working with its still-valid access token, says so in the footer, and
// renews the session once the service is back.
func TestUIKeepsSessionWhenRenewalFails(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true, SessionTTL: 4 * time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	p := platform{Auth: srv.AuthURL, Core: srv.CoreURL, Analytic: srv.AnalyticURL, API: srv.APIURL, Webhook: srv.WebhookURL}
	s := loggedIn(t, p)
	before := s.storedRefreshToken(t)
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/auth/account/refresh-token", Status: 503})

	tm := s.open(t, 120, 30)
	screen := tm.WaitFor("Acme Platform", "could not renew the session: the auth service answered 503; it stays valid until")
	if strings.Contains(screen, "Log in to Horusec") {
		t.Fatalf("the UI fell back to the login screen:\n%s", screen)
	}
	if got := s.storedRefreshToken(t); got != before {
		t.Error("the stored session changed although the renewal failed")
	}

	srv.ClearFaults()
	tm.Press("r")
	tm.WaitFor("Acme Platform")
	deadline := time.Now().Add(waitTime)
	for s.storedRefreshToken(t) == before {
		if time.Now().After(deadline) {
			t.Fatal("the session was not renewed once the auth service answered again")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestKeyringEndToEnd(t *testing.T) {
	requireKeyring(t)
	// The platform's clock runs 90 minutes behind at login, so the session
	// is issued already expired (a 1 h token) while its refresh token
	// (2 h) still has half an hour: 'auth status' must renew it.
	l := startLive(t)
	l.Advance(-90 * time.Minute)

	configDir := t.TempDir()
	env := cleanEnv(l.platform().Env(configDir)...)
	service := config.ServiceName(l.AuthURL)
	t.Cleanup(func() { exec.Command("secret-tool", "clear", "service", service).Run() })
	if n := keyringEntries(t, service); n != 0 {
		t.Fatalf("the keyring already holds %d entries for %s", n, service)
	}

	// Log in the way a script does: the password never is an argument.
	var outputs []string
	stdout, stderr, code := runProgram(t, append(env, "HTUI="+bin, "EMAIL="+horusectest.ManagerEmail, "PASSWORD="+horusectest.ManagerPassword), "",
		"sh", "-c", `printf '%s' "$PASSWORD" | "$HTUI" auth login --email "$EMAIL" --password-stdin`)
	outputs = append(outputs, stdout, stderr)
	if code != 0 {
		t.Fatalf("auth login: exit %d: %s", code, stderr)
	}
	if n := keyringEntries(t, service); n != 1 {
		t.Fatalf("after login the keyring holds %d entries for %s, want exactly 1", n, service)
	}
	first := keyringSession(t, service, config.DefaultProfile)
	if first.AccessToken == "" || first.RefreshToken == "" || first.Email != horusectest.ManagerEmail {
		t.Fatalf("the keyring entry is not the manager's session")
	}
	secrets := []string{horusectest.ManagerPassword, first.AccessToken, first.RefreshToken}

	l.Advance(90 * time.Minute)
	stdout, stderr, code = runCLI(t, env, "", "auth", "status")
	outputs = append(outputs, stdout, stderr)
	if code != 0 {
		t.Fatalf("auth status: exit %d: %s%s", code, stdout, stderr)
	}
	if !strings.Contains(stdout, "just renewed") || !strings.Contains(stdout, "(env "+config.EnvAuthURL+")") {
		t.Errorf("auth status should show the renewal and the URLs' origin:\n%s", stdout)
	}

	// The renewed session went back to the keyring, in place.
	if n := keyringEntries(t, service); n != 1 {
		t.Errorf("after the renewal the keyring holds %d entries, want exactly 1", n)
	}
	renewed := keyringSession(t, service, config.DefaultProfile)
	if renewed.AccessToken == first.AccessToken || renewed.RefreshToken == first.RefreshToken || !renewed.ExpiresAt.After(time.Now()) {
		t.Errorf("the keyring still holds the expired session after a refresh")
	}
	secrets = append(secrets, renewed.AccessToken, renewed.RefreshToken)

	stdout, stderr, code = runCLI(t, env, "", "auth", "status")
	outputs = append(outputs, stdout, stderr)
	if code != 0 || strings.Contains(stdout, "just renewed") {
		t.Errorf("the stored renewed session should be used as it is: exit %d\n%s", code, stdout)
	}

	// No secret in any file of the config directory or in any output.
	for _, p := range filesContaining(t, configDir, secrets...) {
		t.Errorf("%s holds a secret", p)
	}
	for _, out := range outputs {
		for _, s := range secrets {
			if strings.Contains(out, s) {
				t.Error("a secret reached the output")
			}
		}
	}

	stdout, stderr, code = runCLI(t, env, "", "auth", "logout")
	if code != 0 || !strings.Contains(stdout, "Logged out") {
		t.Errorf("auth logout: exit %d: %s%s", code, stdout, stderr)
	}
	if n := keyringEntries(t, service); n != 0 {
		t.Errorf("after logout the keyring holds %d entries, want none", n)
	}
	if _, _, code := runCLI(t, env, "", "auth", "status"); code != 4 {
		t.Errorf("auth status after logout: exit %d, want 4 (not logged in)", code)
	}
}

// Without any Secret Service, login must stop quickly, say what to do and
// leave nothing behind. It needs no keyring, so it always runs on Linux.
func TestLoginWithoutAnyKeyring(t *testing.T) {
	requireLinux(t, "the tests of a missing Secret Service")
	l := startLive(t)
	configDir := t.TempDir()
	var env []string
	for _, kv := range cleanEnv(l.platform().Env(configDir)...) {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	// A bus that does not exist, and no dbus-launch on PATH to start one.
	env = append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(t.TempDir(), "no-bus"), "PATH="+t.TempDir())

	start := time.Now()
	stdout, stderr, code := runCLI(t, env, horusectest.ManagerPassword, "auth", "login", "--email", horusectest.ManagerEmail, "--password-stdin")
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("login took %s without a keyring, want a few seconds at most", took)
	}
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	for _, want := range []string{"--insecure-storage", "for this run only", "Nothing was stored"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr should name %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stdout+stderr, horusectest.ManagerPassword) {
		t.Error("the password reached the output")
	}
	for p := range filesUnder(t, configDir) {
		t.Errorf("a file was written: %s", p)
	}
	if n := l.Requests("POST", "/auth/authenticate/login"); n != 0 {
		t.Errorf("logged in on the platform %d times although the session could not be kept", n)
	}
}
