// Package workspace is the page of one workspace: its name, description
// and the user's role over the tabs Repositories, Tokens, Members,
// Dashboard and Webhooks. Tabs the user's role cannot use are not shown.
package workspace

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
	"github.com/horusec-tui/horusec-tui/tui/components/tabs"
	"github.com/horusec-tui/horusec-tui/tui/dashboard"
	"github.com/horusec-tui/horusec-tui/tui/members"
	"github.com/horusec-tui/horusec-tui/tui/repositories"
	"github.com/horusec-tui/horusec-tui/tui/tokens"
	"github.com/horusec-tui/horusec-tui/tui/vulnerabilities"
	"github.com/horusec-tui/horusec-tui/tui/webhooks"
)

// Model is the workspace page.
type Model struct {
	c      *common.Common
	id     int
	ws     client.Workspace
	tabs   *tabs.Model
	width  int
	height int
}

// New builds the page of ws. Only workspace Managers (and the application
// admin) get the Tokens, Members and Dashboard tabs: the platform refuses
// them to anyone else.
func New(c *common.Common, ws client.Workspace) common.Screen {
	scope := common.Scope{Workspace: ws}
	ts := []common.Screen{repositories.New(c, ws)}
	if scope.WorkspaceAdmin() {
		ts = append(ts, tokens.New(c, scope), members.New(c, scope), dashboard.New(c, scope))
		ts = append(ts, vulnerabilities.New(c, scope))
	}
	if scope.WorkspaceAdmin() { // the platform lets only Managers use webhooks
		ts = append(ts, webhooks.New(c, scope))
	}
	return &Model{c: c, id: common.NewID(), ws: ws, tabs: tabs.New(c, ts...)}
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return m.ws.Name }
func (m *Model) Init() tea.Cmd { return m.tabs.Init() }

// Workspace is the workspace shown.
func (m *Model) Workspace() client.Workspace { return m.ws }

// Tabs is the tab set, for tests.
func (m *Model) Tabs() *tabs.Model { return m.tabs }

// Close passes on to the tabs (a revealed token is wiped).
func (m *Model) Close() { m.tabs.Close() }

// Capturing is true while the active tab is typing.
func (m *Model) Capturing() bool { return m.tabs.Capturing() }
func (m *Model) Typing() bool    { return m.tabs.Typing() }

// Dirty reports whether a tab holds input the user has not sent.
func (m *Model) Dirty() bool { return m.tabs.Dirty() }

// HandlesEsc is true while the active tab uses esc (a filter, a prompt).
func (m *Model) HandlesEsc() bool { return m.tabs.HandlesEsc() }

// Loading is true while the active tab waits for the platform.
func (m *Model) Loading() bool { return m.tabs.Loading() }

// compact is true on a page too short for the whole header (a terminal of
// fewer than about 19 rows): the name, role and id stay; the description
// and groups give their rows to the tabs.
func (m *Model) compact() bool { return m.height < common.CompactPage }

func (m *Model) headerHeight() int {
	if m.compact() {
		return 2
	}
	h := 2
	if strings.TrimSpace(m.ws.Description) != "" {
		h++
	}
	if m.groupsLine() != "" {
		h++
	}
	return h
}

// groupsLine names the workspace's groups, where access comes from them.
func (m *Model) groupsLine() string {
	return groups.Line(m.ws.AuthzAdmin, nil, m.ws.AuthzMember, false)
}

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.tabs.SetSize(w, max(1, h-m.headerHeight()))
}

// Update implements common.Screen. Replies reach the tab that asked; the
// rest goes to the active tab (keys) or to every tab.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(common.Reply); ok && !m.tabs.Owns(r.ReplyTo()) {
		return nil
	}
	if km, ok := msg.(tea.KeyMsg); ok && m.tabKeyRefused(km) {
		return common.Status(common.StatusError, "Only a Manager of this workspace can open its Tokens, Members, Dashboard, Vulnerabilities and Webhooks tabs. Ask a Manager of "+m.ws.Name+".")
	}
	return m.tabs.Update(msg)
}

// tabKeyRefused: tab and shift+tab do nothing for one who sees only the
// Repositories tab; they are told which role opens the others.
func (m *Model) tabKeyRefused(km tea.KeyMsg) bool {
	k := m.c.Keys
	return len(m.tabs.Tabs()) == 1 && !m.tabs.Capturing() && (key.Matches(km, k.NextTab) || key.Matches(km, k.PrevTab))
}

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	var b strings.Builder
	// A long name is cut so that the role stays in view.
	role := " · your role: " + client.RoleName(m.ws.Role)
	name := safetext.Fit(m.ws.Name, max(10, m.width-2-ansi.StringWidth(role)))
	b.WriteString(" " + s.Title.Render(name) + s.Subtle.Render(role) + "\n")
	if m.compact() {
		// The id takes the blank line under the title.
		return b.String() + m.idLine() + "\n" + m.tabs.View()
	}
	if d := strings.TrimSpace(m.ws.Description); d != "" {
		b.WriteString(" " + s.Subtle.Render(safetext.Fit(firstLine(d), max(10, m.width-2))) + "\n")
	}
	if g := m.groupsLine(); g != "" {
		b.WriteString(" " + s.Subtle.Render(ansi.Truncate(g, max(10, m.width-2), "…")) + "\n")
	}
	b.WriteString(m.idLine() + "\n")
	b.WriteString(m.tabs.View())
	return b.String()
}

// idLine is the workspace's id: it tells apart workspaces of the same name
// (the commands take it). It is shown whole, on a line of its own, at any
// size the program draws in (36 columns and its label; the least width
// is 60).
func (m *Model) idLine() string {
	if m.ws.WorkspaceID == "" {
		return ""
	}
	return " " + m.c.Styles.Subtle.Render("id "+safetext.Clean(m.ws.WorkspaceID))
}

func firstLine(s string) string {
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		return s[:i] + "…"
	}
	return s
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding { return m.tabs.ShortHelp() }

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return m.tabs.FullHelp() }
