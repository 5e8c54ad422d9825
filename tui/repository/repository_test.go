package repository

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// page opens the repository named repo of Acme Platform as email sees it.
func page(t *testing.T, email, password, repo string) *Model {
	t.Helper()
	_, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, email, password)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	repos, err := cl.Repositories(context.Background(), ws.WorkspaceID, client.RepositoryQuery{Page: 1, Size: client.PageSize, Search: repo})
	if err != nil || len(repos) != 1 {
		t.Fatalf("%s: %v %v", repo, repos, err)
	}
	c := tuitest.Common(cl, tuitest.Clock)
	m := New(c, ws, repos[0]).(*Model)
	m.SetSize(80, 24)
	return m
}

func tabTitles(m *Model) string {
	var out []string
	for _, t := range m.tabs.Tabs() {
		out = append(out, t.Title())
	}
	return strings.Join(out, ",")
}

func TestTabsFollowTheRepositoryRole(t *testing.T) {
	for _, tc := range []struct {
		email, password, repo, tabs, role string
	}{
		{horusectest.ManagerEmail, horusectest.ManagerPassword, "payments-api", "Dashboard,Tokens,Members,Vulnerabilities,Webhooks", "your role: Manager"},
		// A repository admin who is not a Manager of the workspace: the
		// webhook service refuses them, so no Webhooks tab.
		{horusectest.UserEmail, horusectest.UserPassword, "customer-portal", "Dashboard,Tokens,Members,Vulnerabilities", "your role: Manager"},
		{horusectest.UserEmail, horusectest.UserPassword, "payments-api", "Dashboard,Vulnerabilities", "your role: User"},
		{horusectest.UserEmail, horusectest.UserPassword, "checkout-web", "Dashboard,Vulnerabilities", "your role: Supervisor"},
	} {
		m := page(t, tc.email, tc.password, tc.repo)
		if got := tabTitles(m); got != tc.tabs {
			t.Errorf("%s on %s: tabs %s, want %s", tc.email, tc.repo, got, tc.tabs)
		}
		if v := m.View(); !strings.Contains(v, tc.role) || !strings.Contains(v, "Acme "+strings.ReplaceAll(tc.repo, "-", " ")) {
			t.Errorf("%s on %s: header\n%s", tc.email, tc.repo, v)
		}
	}
}

func TestHeaderGoldenAndEscGoesBack(t *testing.T) {
	m := page(t, horusectest.UserEmail, horusectest.UserPassword, "payments-api")
	// Load the Dashboard tab: run the commands, hand the replies back.
	tuitest.Answer(m, m.Init())
	tuitest.Golden(t, "user-payments-api-80x24", m.View())
	// esc is the shell's: it goes back from any page that does not claim it.
	if m.HandlesEsc() {
		t.Error("the page claims esc with no filter, prompt or form open: the shell would not go back")
	}
}

// The shell's footer adds "esc back" itself (only when esc goes back): the
// page must not list it again, or the footer reads "esc back • esc back".
func TestHelpLeavesEscBackToTheShell(t *testing.T) {
	m := page(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "payments-api")
	for _, tab := range []string{"Dashboard", "Tokens", "Members", "Vulnerabilities"} {
		var all []key.Binding
		all = append(all, m.ShortHelp()...)
		for _, col := range m.FullHelp() {
			all = append(all, col...)
		}
		for _, b := range all {
			if b.Help().Key == "esc" && b.Help().Desc == "back" {
				t.Errorf("%s tab: the help lists esc back; the shell adds it", tab)
				break
			}
		}
		m.Update(tea.KeyMsg{Type: tea.KeyTab})
	}
}

func TestHeaderShowsTheGroupsOnLDAP(t *testing.T) {
	_, cl := tuitest.Demo(t, horusectest.Options{LDAP: true, DisableEmails: true, Now: tuitest.Clock}, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	repos, err := cl.Repositories(context.Background(), ws.WorkspaceID, client.RepositoryQuery{Page: 1, Size: client.PageSize, Search: "payments-api"})
	if err != nil || len(repos) != 1 {
		t.Fatalf("%v %v", repos, err)
	}
	m := New(tuitest.Common(cl, tuitest.Clock), ws, repos[0]).(*Model)
	m.SetSize(100, 24)
	v := m.View()
	if !strings.Contains(v, "Groups — Admin: platform-leads · Supervisor: platform-leads · Member: developers") {
		t.Errorf("the groups are not in the header:\n%s", v)
	}
	if n := strings.Count(strings.TrimRight(v, "\n"), "\n") + 1; n > 24 {
		t.Errorf("%d lines on a 24-line screen", n)
	}
}

// n creates tokens and adds members, in tabs a User or Supervisor of the
// repository does not get: pressed on their Dashboard it says who can.
func TestNewKeySaysWhichRoleIsNeeded(t *testing.T) {
	m := page(t, horusectest.UserEmail, horusectest.UserPassword, "payments-api")
	st, ok := tuitest.StatusOf(tuitest.Run(m.Update(tuitest.Key("n"))))
	if !ok || !strings.Contains(st.Text, "Only a Manager of this repository or of its workspace can create its tokens or add members") {
		t.Errorf("status %q", st.Text)
	}
}

// At 60 columns a long repository name leaves the role whole: the
// workspace's name, which the breadcrumb also shows, gives way first.
func TestRoleWholeAtTheLeastWidth(t *testing.T) {
	m := page(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "notifications-worker")
	for _, h := range []int{12, 24} {
		m.SetSize(60, h)
		title := strings.Split(ansi.Strip(m.View()), "\n")[0]
		if !strings.Contains(title, "notifications-worker") || !strings.HasSuffix(strings.TrimSpace(title), "your role: Manager") {
			t.Errorf("60×%d: the name or the role is cut: %q", h+3, title)
		}
	}
}
