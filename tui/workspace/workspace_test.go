package workspace

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

func newCommon(t *testing.T) *common.Common {
	return tuitest.Common(tuitest.Offline(t), func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) })
}

func titles(m *Model) string {
	var t []string
	for _, s := range m.Tabs().Tabs() {
		t = append(t, s.Title())
	}
	return strings.Join(t, ",")
}

func TestTabsFollowTheRole(t *testing.T) {
	for role, want := range map[string]string{
		client.RoleAdmin:            "Repositories,Tokens,Members,Dashboard,Vulnerabilities,Webhooks",
		client.RoleApplicationAdmin: "Repositories,Tokens,Members,Dashboard,Vulnerabilities,Webhooks",
		client.RoleSupervisor:       "Repositories",
		client.RoleMember:           "Repositories",
	} {
		m := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: role}).(*Model)
		if got := titles(m); got != want {
			t.Errorf("%s: tabs %s, want %s", role, got, want)
		}
	}
}

func TestTitleShowsNameDescriptionAndRole(t *testing.T) {
	m := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Description: "Core products\nsecond line", Role: client.RoleMember}).(*Model)
	m.SetSize(80, 20)
	v := ansi.Strip(m.View())
	for _, s := range []string{"Acme · your role: User", "Core products…", "Repositories"} {
		if !strings.Contains(v, s) {
			t.Errorf("%q not on screen:\n%s", s, v)
		}
	}
	if m.Title() != "Acme" {
		t.Errorf("breadcrumb title %q", m.Title())
	}
}

func TestHeaderShowsTheWorkspaceID(t *testing.T) {
	const id = "1b4e28ba-2fa1-41d2-883f-0016d3cca427"
	for _, w := range []int{60, 80} {
		m := New(newCommon(t), client.Workspace{WorkspaceID: id, Name: "Acme", Role: client.RoleAdmin}).(*Model)
		m.SetSize(w, 20)
		lines := strings.Split(ansi.Strip(m.View()), "\n")
		if len(lines) < 3 || strings.TrimSpace(lines[1]) != "id "+id {
			t.Errorf("at width %d the id is not under the name, whole:\n%s", w, strings.Join(lines, "\n"))
		}
	}
	// In a terminal of 15 rows the page has 12: the header keeps only the
	// name and role, and the id in place of the blank line; the tab gets
	// the rest.
	m := New(newCommon(t), client.Workspace{WorkspaceID: id, Name: "Acme", Description: "Core", Role: client.RoleAdmin}).(*Model)
	m.SetSize(60, 12)
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if strings.TrimSpace(lines[0]) != "Acme · your role: Manager" || strings.TrimSpace(lines[1]) != "id "+id || !strings.Contains(lines[2], "Repositories") {
		t.Errorf("the header is not the name and the id at the smallest size:\n%s", strings.Join(lines, "\n"))
	}
}

func TestForeignRepliesAreIgnored(t *testing.T) {
	m := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleAdmin}).(*Model)
	if cmd := m.Update(common.Result[int]{To: m.ID() + 999}); cmd != nil {
		t.Error("a reply to nobody here produced a command")
	}
	// tab moves between tabs when no tab is typing.
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	if m.Tabs().ActiveIndex() != 1 {
		t.Errorf("tab: active %d", m.Tabs().ActiveIndex())
	}
}

// With NO_COLOR (the Ascii profile the tests run in) the active tab loses
// its colour, bold and underline: brackets must still say which one is open.
func TestActiveTabIsMarkedWithoutColour(t *testing.T) {
	m := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleAdmin}).(*Model)
	m.SetSize(80, 20)
	bar := func() string {
		for _, l := range strings.Split(m.View(), "\n") {
			if strings.Contains(l, "Tokens") {
				return strings.TrimSpace(l)
			}
		}
		return ""
	}
	if got := bar(); got != "[Repositories] Tokens  Members  Dashboard  Vulnerabilities  Webhooks" {
		t.Errorf("tab bar %q", got)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	if got := bar(); got != "Repositories [Tokens] Members  Dashboard  Vulnerabilities  Webhooks" {
		t.Errorf("tab bar after tab %q", got)
	}
}

// Changing tab takes away what the previous tab said in the footer.
func TestChangingTabClearsTheStatus(t *testing.T) {
	m := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleAdmin}).(*Model)
	m.SetSize(80, 20)
	m.Init()
	cleared := false
	for _, msg := range tuitest.Run(m.Update(tea.KeyMsg{Type: tea.KeyTab})) {
		if _, ok := msg.(common.ClearStatusMsg); ok {
			cleared = true
		}
	}
	if !cleared {
		t.Fatal("tab did not clear the status")
	}
}

func TestHeaderShowsTheGroups(t *testing.T) {
	ws := client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleAdmin, AuthzAdmin: []string{"leads"}, AuthzMember: []string{"devs", "qa"}}
	m := New(newCommon(t), ws).(*Model)
	m.SetSize(80, 20)
	v := ansi.Strip(m.View())
	if !strings.Contains(v, "Groups — Admin: leads · Member: devs, qa") {
		t.Errorf("the groups are not in the header:\n%s", v)
	}
	if lines := strings.Count(strings.TrimRight(m.View(), "\n"), "\n") + 1; lines > 20 {
		t.Errorf("%d lines on a 20-line screen", lines)
	}
	plain := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleAdmin}).(*Model)
	plain.SetSize(80, 20)
	if strings.Contains(plain.View(), "Groups —") {
		t.Error("a groups line for a workspace without groups")
	}
}

// A User sees only the Repositories tab; tab and shift+tab say which role
// opens the others rather than doing nothing.
func TestTabKeySaysWhichRoleOpensTheOtherTabs(t *testing.T) {
	m := New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleMember}).(*Model)
	m.SetSize(80, 20)
	for _, k := range []string{"tab", "shift+tab"} {
		st, ok := tuitest.StatusOf(tuitest.Run(m.Update(tuitest.Key(k))))
		if !ok || !strings.Contains(st.Text, "Only a Manager of this workspace can open its Tokens, Members") {
			t.Errorf("%s: status %q", k, st.Text)
		}
	}
	// A Manager's tab moves to the next tab, with no such word.
	m = New(newCommon(t), client.Workspace{WorkspaceID: "w1", Name: "Acme", Role: client.RoleAdmin}).(*Model)
	m.SetSize(80, 20)
	if st, ok := tuitest.StatusOf(tuitest.Run(m.Update(tuitest.Key("tab")))); ok && strings.Contains(st.Text, "Only") {
		t.Errorf("a Manager was refused: %q", st.Text)
	}
	if m.Tabs().ActiveIndex() != 1 {
		t.Errorf("tab did not move on: %d", m.Tabs().ActiveIndex())
	}
}
