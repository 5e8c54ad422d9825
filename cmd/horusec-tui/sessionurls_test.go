package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
)

// Without --profile, a HORUSEC_ENDPOINT_* or a URL flag pointing a
// service elsewhere does not get the profile's session: the command exits
// 4 and says where the other URL came from and what to do. A session
// stored before sessions recorded their URLs counts as made for the
// profile's. A login made with the other URL serves it.
func TestSessionGoesOnlyToTheURLsItWasMadeFor(t *testing.T) {
	isolate(t)
	keyring.MockInit()
	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	var carried, asked atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		asked.Add(1)
		body, _ := io.ReadAll(r.Body)
		if r.Header.Get("X-Horusec-Authorization") != "" || strings.Contains(string(body), "refreshToken") {
			carried.Add(1)
		}
		w.WriteHeader(http.StatusTeapot)
	}))
	t.Cleanup(other.Close)

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
