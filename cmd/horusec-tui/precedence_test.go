package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
)

// With --profile on the command line, the profile's services get the
// session and the HORUSEC_ENDPOINT_* of the environment get nothing, not
// even a health check; auth status says which URL came from where.
func TestProfileFlagBeatsEndpointEnvironment(t *testing.T) {
	srv := demoServer(t)
	other, stray, _ := strayListener(t)

	if code, _, errOut := runCmd(t, "", "profile", "add", "work", "--auth-url", srv.AuthURL, "--core-url", srv.CoreURL,
		"--analytic-url", srv.AnalyticURL, "--api-url", srv.APIURL); code != exitOK {
		t.Fatalf("profile add: exit %d: %s", code, errOut)
	}
	for _, k := range []string{config.EnvAuthURL, config.EnvCoreURL, config.EnvAnalyticURL, config.EnvAPIURL, config.EnvWebhookURL} {
		t.Setenv(k, other.URL)
	}
	if code, _, errOut := runCmd(t, horusectest.ManagerPassword+"\n", "--profile", "work", "auth", "login",
		"--email", horusectest.ManagerEmail, "--password-stdin"); code != exitOK {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	for _, args := range [][]string{
		{"--profile", "work", "repo", "list", "--workspace", "Acme Platform"},
		{"--profile", "work", "token", "list", "--workspace", "Acme Platform"},
		{"--profile", "work", "member", "list", "--workspace", "Acme Platform"},
		{"--profile", "work", "dashboard", "--workspace", "Acme Platform"},
	} {
		if code, _, errOut := runCmd(t, "", args...); code != exitOK {
			t.Errorf("%s: exit %d: %s", strings.Join(args[2:4], " "), code, errOut)
		}
	}
	_, out, _ := runCmd(t, "", "--profile", "work", "auth", "status")
	if !strings.Contains(out, srv.CoreURL) || strings.Contains(out, other.URL) {
		t.Errorf("auth status does not show the profile's URLs:\n%s", out)
	}
	if !strings.Contains(out, config.EnvCoreURL+" ignored") {
		t.Errorf("auth status does not say the environment's URL was ignored:\n%s", out)
	}
	if n := stray.Load(); n != 0 {
		t.Errorf("the environment's address got %d requests", n)
	}

	// Without --profile the environment still wins, as documented.
	runCmd(t, "", "auth", "status")
	if stray.Load() == 0 {
		t.Error("without --profile the environment's URLs were not used")
	}
}

// strayListener is another address that answers 418 and counts the
// requests it gets, and those that carry a session (an access token in the
// header, a refresh token in the body).
func strayListener(t *testing.T) (other *httptest.Server, all, carrying *atomic.Int64) {
	all, carrying = new(atomic.Int64), new(atomic.Int64)
	other = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		all.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("X-Horusec-Authorization") != "" || strings.Contains(string(body), "refreshToken") {
			carrying.Add(1)
		}
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(other.Close)
	return other, all, carrying
}

// Without --profile, a HORUSEC_ENDPOINT_* or a URL flag pointing a
// service elsewhere does not get the profile's session: the command exits
// 4 and says where the other URL came from and what to do. A session
// stored before sessions recorded their URLs counts as made for the
// profile's. A login made with the other URL serves it.
func TestSessionGoesOnlyToTheURLsItWasMadeFor(t *testing.T) {
	srv := demoServer(t)
	other, _, carried := strayListener(t)

	if code, _, errOut := runCmd(t, "", "profile", "add", "work", "--use", "--auth-url", srv.AuthURL, "--core-url", srv.CoreURL,
		"--analytic-url", srv.AnalyticURL, "--api-url", srv.APIURL); code != exitOK {
		t.Fatalf("profile add: exit %d: %s", code, errOut)
	}
	if code, _, errOut := runCmd(t, horusectest.ManagerPassword+"\n", "auth", "login",
		"--email", horusectest.ManagerEmail, "--password-stdin"); code != exitOK {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	list := []string{"repo", "list", "--workspace", "Acme Platform"}
	refused := func(what, origin, undo string, args ...string) {
		t.Helper()
		code, out, errOut := runCmd(t, "", args...)
		if code != exitAuth || out != "" {
			t.Errorf("%s: exit %d, stdout %q", what, code, out)
		}
		for _, want := range []string{"session not sent", srv.CoreURL, other.URL, origin, undo, "horusec-tui auth login"} {
			if !strings.Contains(errOut, want) {
				t.Errorf("%s: stderr does not say %q: %s", what, want, errOut)
			}
		}
	}

	t.Setenv(config.EnvCoreURL, other.URL)
	refused("environment", config.EnvCoreURL, "unset "+config.EnvCoreURL, list...)
	refused("environment, members", config.EnvCoreURL, "unset "+config.EnvCoreURL, "member", "list", "--workspace", "Acme Platform")
	t.Setenv(config.EnvCoreURL, "")
	refused("flag", "--core-url", "leave out --core-url", append([]string{"--core-url", other.URL}, list...)...)
	t.Setenv(config.EnvCoreURL, other.URL)
	if _, out, _ := runCmd(t, "", "auth", "status"); !strings.Contains(lineWith(out, "Not sent:"), "unset "+config.EnvCoreURL) {
		t.Errorf("auth status does not say the session is not sent to the core service:\n%s", out)
	}
	t.Setenv(config.EnvCoreURL, "")

	// A session stored before sessions recorded their URLs.
	store := config.NewKeyringStore(config.ServiceName(srv.AuthURL))
	s, err := store.Load("work")
	if err != nil || s.Services.Core != srv.CoreURL {
		t.Fatalf("the login did not record the core URL: %+v, %v", s.Services, err)
	}
	s.Services = client.ServiceURLs{}
	if err := store.Save("work", s); err != nil {
		t.Fatal(err)
	}
	t.Setenv(config.EnvCoreURL, other.URL)
	refused("stored before URLs were recorded", config.EnvCoreURL, "unset "+config.EnvCoreURL, list...)
	if n := carried.Load(); n != 0 {
		t.Fatalf("the other address got the session %d times", n)
	}
	t.Setenv(config.EnvCoreURL, "")
	if code, _, errOut := runCmd(t, "", list...); code != exitOK {
		t.Fatalf("with the profile's URLs: exit %d: %s", code, errOut)
	}

	// Logged in with the other URL, the session is made for it.
	t.Setenv(config.EnvCoreURL, other.URL)
	if code, _, errOut := runCmd(t, horusectest.ManagerPassword+"\n", "auth", "login",
		"--email", horusectest.ManagerEmail, "--password-stdin"); code != exitOK {
		t.Fatalf("login with the other URL: exit %d: %s", code, errOut)
	}
	runCmd(t, "", list...)
	if carried.Load() == 0 {
		t.Error("a session made for the other URL was not sent there")
	}
}

// Plain HTTP to another machine is called out once, on stderr.
func TestPlainHTTPToAnotherMachineIsCalledOut(t *testing.T) {
	isolate(t)
	t.Setenv(config.EnvAuthURL, "http://192.0.2.1:8006") // TEST-NET-1: nothing answers
	t.Setenv(config.EnvCoreURL, "http://192.0.2.1:8003")
	t.Setenv(config.EnvAnalyticURL, "https://192.0.2.1:8005")
	_, out, errOut := runCmd(t, "", "auth", "status")
	if n := strings.Count(errOut, "travel unencrypted"); n != 1 || !strings.Contains(errOut, "warning: the password and the session travel unencrypted: plain HTTP to another machine (auth, core at 192.0.2.1)") {
		t.Errorf("%d warnings on stderr:\n%s", n, errOut)
	}
	if strings.Contains(out, "unencrypted") {
		t.Errorf("the warning is on stdout:\n%s", out)
	}

	t.Setenv(config.EnvAuthURL, "http://127.0.0.1:1")
	t.Setenv(config.EnvCoreURL, "http://localhost:1")
	t.Setenv(config.EnvAnalyticURL, "http://127.0.0.1:1")
	if _, _, errOut := runCmd(t, "", "auth", "status"); strings.Contains(errOut, "unencrypted") {
		t.Errorf("loopback called out:\n%s", errOut)
	}
}

// A platform that answers token create with anything but a UUID: the
// command exits non-zero and prints no part of it, on stdout or stderr.
func TestTokenCreateRefusesATokenThatIsNotAUUID(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	for _, tok := range []string{`\u001b]52;c;cm0gLXJmIH4=\u0007`, `not-a-uuid-evil-token`, `3c7778f3-1169-4a4f-87fd-341bc5ea51f4 `} {
		srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/core/workspaces/", Status: 201, Times: 1,
			Body: `{"code":201,"status":"Created","content":"` + tok + `"}`})
		code, out, errOut := runCmd(t, "", "token", "create", "--workspace", "Acme Platform", "--description", "ci")
		if code == exitOK || out != "" {
			t.Errorf("%s: exit %d, stdout %q", tok, code, out)
		}
		if strings.Contains(errOut, "52;c") || strings.Contains(errOut, "evil-token") || strings.Contains(errOut, "3c7778f3") || !strings.Contains(errOut, "not a token") {
			t.Errorf("%s: stderr shows the answer or does not say what happened: %q", tok, errOut)
		}
	}
}
