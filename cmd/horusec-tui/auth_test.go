package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

func storedSession(t *testing.T, f *fakePlatform, profile string) *client.Session {
	t.Helper()
	raw, err := keyring.Get(config.ServiceName(f.URL), profile)
	if errors.Is(err, keyring.ErrNotFound) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var s client.Session
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		t.Fatal(err)
	}
	return &s
}

// filesIn lists the files under dir, except empty lock files (the locks
// that programs sharing a profile take hold nothing).
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil && strings.HasSuffix(p, ".lock") && info.Size() == 0 {
				return nil
			}
			names = append(names, p)
		}
		return nil
	})
	return names
}

func login(t *testing.T, extra ...string) {
	t.Helper()
	args := append(extra, "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code, _, errOut := runCmd(t, fakePassword+"\n", args...); code != exitOK {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
}

func TestLoginKeepsSessionInKeyring(t *testing.T) {
	dir, f := onFakePlatform(t)

	code, out, errOut := runCmd(t, fakePassword+"\n", "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "Logged in") || !strings.Contains(out, "OS keyring") {
		t.Errorf("stdout = %q", out)
	}
	if !strings.Contains(errOut, "auth type horusec") {
		t.Errorf("the auth type should be shown: %q", errOut)
	}
	for _, secret := range []string{fakePassword, "access-token-1", "refresh-token-1"} {
		if strings.Contains(out+errOut, secret) {
			t.Errorf("a secret reached the output")
		}
	}
	s := storedSession(t, f, "default")
	if s == nil || s.AccessToken != "access-token-1" || s.RefreshToken != "refresh-token-1" || s.Email != fakeEmail {
		t.Errorf("stored session = %+v", s)
	}
	if files := filesIn(t, dir); len(files) != 0 {
		t.Errorf("login wrote files: %v", files)
	}

	// Logging in again replaces the session and ends the old one.
	login(t)
	if s := storedSession(t, f, "default"); s == nil || s.AccessToken != "access-token-2" || f.logouts != 1 {
		t.Errorf("second login: stored %+v, platform logouts %d", s, f.logouts)
	}
}

func TestLoginRefused(t *testing.T) {
	_, f := onFakePlatform(t)
	code, _, errOut := runCmd(t, "wrong\n", "auth", "login", "--email", fakeEmail, "--password-stdin")
	// In the UI's words; the platform's own text only with --debug.
	if code != exitAuth || !strings.Contains(errOut, "the e-mail or the password is wrong") || strings.Contains(errOut, "HORUSEC") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "wrong\n", "--debug", filepath.Join(t.TempDir(), "debug.log"), "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitAuth || !strings.Contains(errOut, "{HORUSEC AUTH} invalid username or password (HTTP 403)") {
		t.Errorf("--debug: exit %d, stderr %q", code, errOut)
	}
	if storedSession(t, f, "default") != nil {
		t.Error("a refused login stored a session")
	}
}

func TestLoginWithoutKeyringNamesBothWaysOut(t *testing.T) {
	dir := isolate(t)
	keyring.MockInitWithError(errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	f := newFakePlatform(t)
	f.env(t)
	start := time.Now()
	code, out, errOut := runCmd(t, fakePassword+"\n", "auth", "login", "--email", fakeEmail, "--password-stdin")
	if time.Since(start) > 5*time.Second {
		t.Errorf("took %s", time.Since(start))
	}
	if code != exitError {
		t.Errorf("exit %d", code)
	}
	for _, want := range []string{"--insecure-storage", "for this run only", "org.freedesktop.secrets", "Nothing was stored"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr %q should name %q", errOut, want)
		}
	}
	if strings.Count(errOut, "\n") != 1 || out != "" {
		t.Errorf("want one line on stderr and nothing on stdout, got %q / %q", errOut, out)
	}
	if f.logins != 0 {
		t.Error("logged in on the platform although the session could not be kept")
	}
	if files := filesIn(t, dir); len(files) != 0 {
		t.Errorf("files were written: %v", files)
	}
}

func TestLoginInsecureStorageWarns(t *testing.T) {
	dir := isolate(t)
	keyring.MockInitWithError(errors.New("no keyring"))
	f := newFakePlatform(t)
	f.env(t)
	code, out, errOut := runCmd(t, fakePassword, "--insecure-storage", "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "warning") || !strings.Contains(errOut, config.CredentialsFileName) {
		t.Errorf("stderr should warn about the plain file: %q", errOut)
	}
	p := filepath.Join(dir, config.CredentialsFileName)
	data := readPrivate(t, p)
	if !strings.Contains(string(data), "access-token-1") || strings.Contains(string(data), fakePassword) {
		t.Error("the file should hold the session and never the password")
	}
	if !strings.Contains(out, config.CredentialsFileName) {
		t.Errorf("stdout should say where the session is: %q", out)
	}

	// Every later use warns again, and status works from the file.
	code, _, errOut = runCmd(t, "", "auth", "status", "--insecure-storage")
	if code != exitOK || !strings.Contains(errOut, "warning") {
		t.Errorf("status: exit %d, stderr %q", code, errOut)
	}
}

func TestLoginAuthTypes(t *testing.T) {
	_, f := onFakePlatform(t)

	f.authType = client.AuthTypeKeycloak
	code, _, errOut := runCmd(t, fakePassword, "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitError || !strings.Contains(errOut, "Keycloak") || f.logins != 0 {
		t.Errorf("keycloak: exit %d, stderr %q", code, errOut)
	}

	f.authType = client.AuthTypeLDAP
	code, _, errOut = runCmd(t, fakePassword, "auth", "login", "--password-stdin")
	if code != exitUsage || !strings.Contains(errOut, "LDAP login name") && !strings.Contains(errOut, "ldap login name") {
		t.Errorf("ldap without a login name: exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, fakePassword, "auth", "login", "--login", fakeEmail, "--password-stdin")
	if code != exitOK || !strings.Contains(errOut, "auth type ldap") {
		t.Errorf("ldap: exit %d, stderr %q", code, errOut)
	}
}

func TestLoginWithoutTerminalNeedsPasswordStdin(t *testing.T) {
	onFakePlatform(t)
	code, _, errOut := runCmd(t, fakePassword, "auth", "login", "--email", fakeEmail)
	if code != exitUsage || !strings.Contains(errOut, "--password-stdin") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	code, _, errOut = runCmd(t, "", "auth", "login", "--email", fakeEmail, "--password", "x")
	if code != exitUsage {
		t.Errorf("--password must not exist: exit %d, %q", code, errOut)
	}
}

func TestStatus(t *testing.T) {
	_, f := onFakePlatform(t)

	code, out, _ := runCmd(t, "", "auth", "status")
	if code != exitAuth || !strings.Contains(out, "auth login") {
		t.Errorf("not logged in: exit %d, stdout %q", code, out)
	}

	login(t)
	code, out, errOut := runCmd(t, "", "--core-url", f.URL+"/", "auth", "status", "--vulnerability-url", f.URL)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"(env " + config.EnvAuthURL + ")", "(flag --core-url)", "(env " + config.EnvAPIURL + ")",
		"healthy", "dev <" + fakeEmail + ">", "Expires:", "OS keyring (service " + config.ServiceName(f.URL) + ")",
		"not in the config file", "Vulnerability:", "(flag --vulnerability-url)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("status should show %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "access-token") {
		t.Error("status printed a token")
	}
	if line := lineWith(out, "Webhook:"); !strings.Contains(line, "(env "+config.EnvWebhookURL+")") || !strings.Contains(line, "healthy") {
		t.Errorf("status should show the webhook service, healthy: %q", line)
	}

	// The webhook service is checked too: one that cannot be reached is
	// shown as such, and the status still succeeds.
	code, out, errOut = runCmd(t, "", "--webhook-url", "http://127.0.0.1:1", "auth", "status")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if line := lineWith(out, "Webhook:"); !strings.Contains(line, "http://127.0.0.1:1") || !strings.Contains(line, "(flag --webhook-url)") ||
		!strings.Contains(line, "unhealthy") || !strings.Contains(line, "connection refused") {
		t.Errorf("an unreachable webhook service: %q", line)
	}
}

func lineWith(out, prefix string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return l
		}
	}
	return ""
}

func TestStatusRenewsExpiredSession(t *testing.T) {
	_, f := onFakePlatform(t)
	f.expiresIn = -time.Minute
	login(t)
	f.expiresIn = time.Hour

	code, out, errOut := runCmd(t, "", "auth", "status")
	if code != exitOK || !strings.Contains(out, "just renewed") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if f.refreshes != 1 {
		t.Errorf("refreshes = %d", f.refreshes)
	}
	if s := storedSession(t, f, "default"); s == nil || s.AccessToken != "access-token-101" || s.RefreshToken != "refresh-token-101" {
		t.Errorf("the renewed session was not written back: %+v", s)
	}
}

// An expired session that the auth service fails to renew (503) is kept:
// exit 1 with what happened, not "log in again"; the platform's refusal of
// the refresh token ends it.
func TestStatusKeepsSessionWhenRenewalFails(t *testing.T) {
	_, f := onFakePlatform(t)
	f.expiresIn = -time.Minute
	login(t)
	f.refreshStatus, f.refreshMessage = 503, "Service Unavailable"

	code, out, errOut := runCmd(t, "", "auth", "status")
	if code != exitError || strings.Contains(errOut, "log in again") || !strings.Contains(errOut, "could not renew the session: the auth service answered 503") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if s := storedSession(t, f, "default"); s == nil || s.RefreshToken != "refresh-token-1" {
		t.Fatalf("the session was not kept: %+v", s)
	}

	f.refreshStatus, f.refreshMessage = 401, "{ACCOUNT} invalid or expired refresh token"
	code, _, errOut = runCmd(t, "", "auth", "status")
	if code != exitAuth || !strings.Contains(errOut, "log in again") {
		t.Fatalf("refused: exit %d, stderr %q", code, errOut)
	}
	if s := storedSession(t, f, "default"); s != nil {
		t.Errorf("the refused session is still stored")
	}
}

// A config directory others may read is reported, with the fix; a private
// one is not.
func TestStatusReportsAnOpenConfigDirectory(t *testing.T) {
	dir, _ := onFakePlatform(t)
	login(t)
	if err := os.Chmod(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if _, out, _ := runCmd(t, "", "auth", "status"); strings.Contains(out, "open to others") {
		t.Errorf("a 0700 directory was reported:\n%s", out)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "auth", "status")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"the config directory " + dir + " is open to others (mode 0755)", "chmod 700 " + dir} {
		if !strings.Contains(out, want) {
			t.Errorf("status should say %q:\n%s", want, out)
		}
	}
}

func TestLogout(t *testing.T) {
	_, f := onFakePlatform(t)
	login(t)
	code, out, errOut := runCmd(t, "", "auth", "logout")
	if code != exitOK || !strings.Contains(out, "Logged out") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if f.logouts != 1 || storedSession(t, f, "default") != nil {
		t.Errorf("logouts %d, session left: %v", f.logouts, storedSession(t, f, "default"))
	}
	code, out, _ = runCmd(t, "", "auth", "logout")
	if code != exitOK || !strings.Contains(out, "Not logged in") {
		t.Errorf("second logout: exit %d, %q", code, out)
	}
}

func TestLogoutWhilePlatformIsDown(t *testing.T) {
	_, f := onFakePlatform(t)
	login(t)
	service := config.ServiceName(f.URL)
	f.Close()

	start := time.Now()
	code, out, errOut := runCmd(t, "", "auth", "logout")
	if code != exitOK || !strings.Contains(out, "deleted") || !strings.Contains(errOut, "could not log out on the platform") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if time.Since(start) > 15*time.Second {
		t.Errorf("logout took %s", time.Since(start))
	}
	if _, err := keyring.Get(service, "default"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("the keyring entry is still there: %v", err)
	}
}

func TestLoggedInClientWithoutSession(t *testing.T) {
	isolate(t)
	a := &Factory{IO: IOStreams{ErrOut: os.Stderr}}
	_, _, err := a.loggedInClient(t.Context())
	if a.exitCode(err) != exitAuth || !strings.Contains(err.Error(), "run 'horusec-tui auth login'") {
		t.Errorf("err = %v", err)
	}
}
