package main

// End-to-end tests of the credential handling: the real binary, the demo
// platform and, for the first test, a real Secret Service ('make test'
// provides one in a private D-Bus session).

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
)

const keyringTestsEnv = "HORUSEC_TUI_KEYRING_TESTS"

// requireRealKeyring skips without a prepared Secret Service, except in CI
// where a skipped keyring test would hide a broken set-up.
func requireRealKeyring(t *testing.T) {
	t.Helper()
	if os.Getenv(keyringTestsEnv) == "" {
		msg := "real-keyring test skipped: " + keyringTestsEnv + " is not set; run 'make test', which starts a private D-Bus session with an unlocked GNOME keyring (apt-get install dbus gnome-keyring libsecret-tools)"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg + "; CI=true requires these tests to run")
		}
		t.Skip(msg)
	}
	if _, err := exec.LookPath("secret-tool"); err != nil {
		t.Fatal("secret-tool not found: apt-get install libsecret-tools")
	}
}

// buildBinary builds the program into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	if runtime.GOOS != "linux" {
		t.Skip("these tests drive the Linux Secret Service")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build the binary: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "horusec-tui")
	cmd := exec.Command(goBin, "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// baseEnv is the test's environment without anything that would point the
// program elsewhere.
func baseEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "HORUSEC_") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

func platformEnv(srv *horusectest.Server, configDir string) []string {
	return []string{
		config.EnvConfigDir + "=" + configDir,
		config.EnvAuthURL + "=" + srv.AuthURL,
		config.EnvCoreURL + "=" + srv.CoreURL,
		config.EnvAnalyticURL + "=" + srv.AnalyticURL,
		config.EnvAPIURL + "=" + srv.APIURL,
	}
}

type result struct {
	code           int
	stdout, stderr string
	took           time.Duration
}

func runBinary(t *testing.T, env []string, stdin string, name string, args ...string) result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return r
}

// keyringEntries counts the Secret Service items of a keyring service.
func keyringEntries(t *testing.T, service string) int {
	t.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "service", service).Output()
	if err != nil {
		// secret-tool exits 1 when nothing matches.
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			return 0
		}
		t.Fatalf("secret-tool search: %v", err)
	}
	n := 0
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "[/") {
			n++
		}
	}
	return n
}

// keyringSession reads an entry from outside the program.
func keyringSession(t *testing.T, service, profile string) client.Session {
	t.Helper()
	out, err := exec.Command("secret-tool", "lookup", "service", service, "username", profile).Output()
	if err != nil {
		t.Fatalf("secret-tool lookup %s %s: %v", service, profile, err)
	}
	var s client.Session
	if err := json.Unmarshal(out, &s); err != nil {
		t.Fatalf("the keyring entry is not a session: %v", err)
	}
	return s
}

func TestKeyringEndToEnd(t *testing.T) {
	requireRealKeyring(t)
	bin := buildBinary(t)

	// The platform's clock runs 90 minutes behind at login, so the session
	// is issued already expired (a 1 h token) while its refresh token
	// (2 h) still has half an hour: 'auth status' must renew it.
	var lag atomic.Int64
	lag.Store(int64(90 * time.Minute))
	srv, err := horusectest.NewServer(horusectest.Options{Now: func() time.Time { return time.Now().Add(-time.Duration(lag.Load())) }})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	configDir := t.TempDir()
	env := baseEnv(platformEnv(srv, configDir)...)
	service := config.ServiceName(srv.AuthURL)
	t.Cleanup(func() { exec.Command("secret-tool", "clear", "service", service).Run() })
	if n := keyringEntries(t, service); n != 0 {
		t.Fatalf("the keyring already holds %d entries for %s", n, service)
	}

	// Log in the way a script does: the password never is an argument.
	login := runBinary(t, append(env, "HTUI="+bin, "EMAIL="+horusectest.ManagerEmail, "PASSWORD="+horusectest.ManagerPassword), "",
		"sh", "-c", `printf '%s' "$PASSWORD" | "$HTUI" auth login --email "$EMAIL" --password-stdin`)
	if login.code != exitOK {
		t.Fatalf("auth login: exit %d: %s", login.code, login.stderr)
	}
	if n := keyringEntries(t, service); n != 1 {
		t.Fatalf("after login the keyring holds %d entries for %s, want exactly 1", n, service)
	}
	first := keyringSession(t, service, config.DefaultProfile)
	if first.AccessToken == "" || first.RefreshToken == "" || first.Email != horusectest.ManagerEmail {
		t.Fatalf("the keyring entry is not the manager's session")
	}
	secrets := []string{horusectest.ManagerPassword, first.AccessToken, first.RefreshToken}

	lag.Store(0)
	status := runBinary(t, env, "", bin, "auth", "status")
	if status.code != exitOK {
		t.Fatalf("auth status: exit %d: %s%s", status.code, status.stdout, status.stderr)
	}
	if !strings.Contains(status.stdout, "just renewed") || !strings.Contains(status.stdout, "(env "+config.EnvAuthURL+")") {
		t.Errorf("auth status should show the renewal and the URLs' origin:\n%s", status.stdout)
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

	again := runBinary(t, env, "", bin, "auth", "status")
	if again.code != exitOK || strings.Contains(again.stdout, "just renewed") {
		t.Errorf("the stored renewed session should be used as it is: exit %d\n%s", again.code, again.stdout)
	}

	// No secret in any file of the config directory or in any output.
	filepath.WalkDir(configDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		for _, s := range secrets {
			if bytes.Contains(data, []byte(s)) {
				t.Errorf("%s holds a secret", p)
			}
		}
		return nil
	})
	for _, r := range []result{login, status, again} {
		for _, s := range secrets {
			if strings.Contains(r.stdout+r.stderr, s) {
				t.Error("a secret reached the output")
			}
		}
	}

	logout := runBinary(t, env, "", bin, "auth", "logout")
	if logout.code != exitOK || !strings.Contains(logout.stdout, "Logged out") {
		t.Errorf("auth logout: exit %d: %s%s", logout.code, logout.stdout, logout.stderr)
	}
	if n := keyringEntries(t, service); n != 0 {
		t.Errorf("after logout the keyring holds %d entries, want none", n)
	}
	if after := runBinary(t, env, "", bin, "auth", "status"); after.code != exitAuth {
		t.Errorf("auth status after logout: exit %d, want %d", after.code, exitAuth)
	}
}

// Without any Secret Service, login must stop quickly, say what to do and
// leave nothing behind. It needs no keyring, so it always runs on Linux.
func TestLoginWithoutAnyKeyring(t *testing.T) {
	bin := buildBinary(t)
	srv, err := horusectest.NewServer(horusectest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()

	configDir := t.TempDir()
	var env []string
	for _, kv := range baseEnv(platformEnv(srv, configDir)...) {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, "PATH=") {
			env = append(env, kv)
		}
	}
	// A bus that does not exist, and no dbus-launch on PATH to start one.
	env = append(env, "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(t.TempDir(), "no-bus"), "PATH="+t.TempDir())

	r := runBinary(t, env, horusectest.ManagerPassword, bin, "auth", "login", "--email", horusectest.ManagerEmail, "--password-stdin")
	if r.took > 5*time.Second {
		t.Errorf("login took %s without a keyring, want a few seconds at most", r.took)
	}
	if r.code != exitError {
		t.Errorf("exit %d, want %d", r.code, exitError)
	}
	for _, want := range []string{"--insecure-storage", "for this run only", "Nothing was stored"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr should name %q:\n%s", want, r.stderr)
		}
	}
	if strings.Contains(r.stdout+r.stderr, horusectest.ManagerPassword) {
		t.Error("the password reached the output")
	}
	if files := filesIn(t, configDir); len(files) != 0 {
		t.Errorf("files were written: %v", files)
	}
	if n := srv.Requests("POST", "/auth/authenticate/login"); n != 0 {
		t.Errorf("logged in on the platform %d times although the session could not be kept", n)
	}
}
