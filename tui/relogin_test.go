package tui

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
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
