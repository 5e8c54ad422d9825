package tui

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/login"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

// TestGivingUpTheLoginLeavesTheFormUsable sends a form while the session
// is refused, gives up the login that comes up, and finds the form as it
// was, not stuck on "Sending…": ctrl+s sends it again.
func TestGivingUpTheLoginLeavesTheFormUsable(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := inWorkspace(cl, 100, 30)
	openTab(t, m, "Tokens")
	press(m, "n", "d", "e", "p", "l", "o", "y")
	// The platform now refuses the session and its refresh.
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/core/workspaces/", Status: 401,
		Body: `{"code":401,"status":"Unauthorized","content":"rpc error: code = Unknown desc = token is expired by 1s"}`, Times: 1})
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/auth/account/refresh-token", Status: 401,
		Body: `{"code":401,"status":"Unauthorized","content":"{ACCOUNT} invalid or expired refresh token"}`, Times: 1})
	press(m, "ctrl+s")
	if screen := string(tuitest.Screen(m)); !strings.Contains(screen, "Your session has expired") {
		t.Fatalf("no login over the form:\n%s", screen)
	}

	press(m, "esc") // give the login up
	screen := string(tuitest.Screen(m))
	if strings.Contains(screen, "Sending…") || !strings.Contains(screen, "Not sent") || !strings.Contains(screen, "deploy") {
		t.Fatalf("the form is not usable again with what was typed:\n%s", screen)
	}
	if m.loading() {
		t.Error("the footer still says something is on its way")
	}

	press(m, "ctrl+s") // sent again: the login comes back
	if screen := string(tuitest.Screen(m)); !strings.Contains(screen, "Your session has expired") {
		t.Fatalf("ctrl+s did nothing:\n%s", screen)
	}
	press(m, strings.Split(horusectest.ManagerPassword, "")...)
	press(m, "enter")
	if screen := string(tuitest.Screen(m)); !strings.Contains(screen, "Token created") || !strings.Contains(screen, "deploy") {
		t.Fatalf("the token was not created after the login:\n%s", screen)
	}
}

// On an LDAP platform the program does not renew the session: when its
// hour is over the login comes up over the screen, saying why, with the
// half-filled form kept; logging in again with the login name sends it.
func TestLDAPSessionEndBringsUpTheLogin(t *testing.T) {
	var mu sync.Mutex
	now := time.Now()
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	srv := tuitest.Platform(t, horusectest.Options{LDAP: true, DisableEmails: true, Now: clock})
	cl := tuitest.Client(t, srv, clock)
	sess, err := cl.Login(t.Context(), horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	if err != nil {
		t.Fatal(err)
	}
	cfg := client.AuthConfig{AuthType: client.AuthTypeLDAP}
	m := New(Options{Client: cl, AuthConfig: &cfg, Profile: "default", Host: "127.0.0.1:8006", Email: sess.Username})
	m.statusTTL = time.Millisecond
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	settle(m, m.Init())
	if !strings.Contains(string(tuitest.Screen(m)), "Acme Platform") {
		t.Fatalf("the list did not load:\n%s", tuitest.Screen(m))
	}
	for _, msg := range send(m, tuitest.Key("n")) {
		send(m, msg)
	}
	form := m.Top().(*workspaces.Model).Form()
	if form == nil {
		t.Fatalf("n opened no form:\n%s", tuitest.Screen(m))
	}
	typeText(m, "Night shift")

	mu.Lock()
	now = now.Add(time.Hour)
	mu.Unlock()
	srv.ResetRequests()
	press(m, "ctrl+s")
	l, ok := m.Top().(*login.Model)
	if !ok || !l.Overlay() {
		t.Fatalf("no login overlay: top %q\n%s", m.Top().Title(), tuitest.Screen(m))
	}
	screen := strings.Join(strings.Fields(string(tuitest.Screen(m))), " ")
	if !strings.Contains(screen, "On this LDAP platform a session lasts one hour; log in again") || !strings.Contains(screen, "manager") {
		t.Fatalf("the overlay does not say why or for whom:\n%s", tuitest.Screen(m))
	}
	if n := srv.Requests("", "/auth/account/refresh-token"); n != 0 {
		t.Fatalf("%d renewals of an LDAP session", n)
	}
	if n := srv.Requests("POST", "/core/workspaces"); n != 0 {
		t.Fatalf("the form was sent with a dead session (%d)", n)
	}

	// The same person logs in again: back on the form, which is sent.
	typeText(m, horusectest.LDAPManagerPassword)
	press(m, "enter")
	if _, over := m.Top().(*login.Model); over {
		t.Fatalf("still at the login:\n%s", tuitest.Screen(m))
	}
	if srv.Requests("POST", "/core/workspaces") != 1 {
		t.Fatalf("the form was not sent after the login: %v\n%s", srv.RequestLog(), tuitest.Screen(m))
	}
	if id, ok := srv.WorkspaceID("Night shift"); !ok || id == "" {
		t.Fatalf("not created; form %q", form.Value("name"))
	}
}
