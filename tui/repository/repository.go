// Package repository is the page of one repository: its name, description
// and the user's role over a tab set of its Dashboard, and — for those who
// administer it — its Tokens and Members; for workspace Managers its Webhook.
package repository

import (
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
	"github.com/horusec-tui/horusec-tui/tui/tokens"
	"github.com/horusec-tui/horusec-tui/tui/vulnerabilities"
	"github.com/horusec-tui/horusec-tui/tui/webhooks"
)

// Model is the repository page.
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope
	repo  client.Repository
	tabs  *tabs.Model

	width, height int
}

// New builds the page of repo, a repository of ws.
func New(c *common.Common, ws client.Workspace, repo client.Repository) common.Screen {
	r := repo
	scope := common.Scope{Workspace: ws, Repository: &r}
	screens := []common.Screen{dashboard.New(c, scope)}
	// Tokens and members need the repository admin role: the tabs are not
	// offered to anyone else rather than failing when opened.
	if scope.RepositoryAdmin() {
		screens = append(screens, tokens.New(c, scope), members.New(c, scope))
	}
	// Findings: every repository role may read them (changing them is
	// for the roles the platform allows, see vulnerabilities).
	screens = append(screens, vulnerabilities.New(c, scope))
	if scope.WorkspaceAdmin() { // webhooks: workspace Managers only, even here
		screens = append(screens, webhooks.New(c, scope))
	}
	return &Model{c: c, id: common.NewID(), scope: scope, repo: r, tabs: tabs.New(c, screens...)}
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return m.repo.Name }

// Tabs is the page's tab set.
func (m *Model) Tabs() *tabs.Model { return m.tabs }
func (m *Model) Init() tea.Cmd     { return m.tabs.Init() }

// headerHeight is the title line, the description line, the groups line
// where the repository has groups, and a blank line.
func (m *Model) headerHeight() int {
	if m.compact() {
		return 2
	}
	if m.groupsLine() != "" {
		return 4
	}
	return 3
}

// compact is true on a page too short for the whole header (a terminal
// of fewer than about 19 rows): the title line alone stays, the tabs get
// the rest.
func (m *Model) compact() bool { return m.height < common.CompactPage }

// groupsLine names the repository's groups, where access comes from them.
func (m *Model) groupsLine() string {
	return groups.Line(m.repo.AuthzAdmin, m.repo.AuthzSupervisor, m.repo.AuthzMember, true)
}

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.tabs.SetSize(w, max(1, h-m.headerHeight()))
}

func (m *Model) Capturing() bool { return m.tabs.Capturing() }
func (m *Model) Typing() bool    { return m.tabs.Typing() }

// Dirty reports whether a tab holds input the user has not sent.
func (m *Model) Dirty() bool { return m.tabs.Dirty() }

// Update routes to the tabs. esc is the shell's: it goes back unless
// HandlesEsc says a tab is using it.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(common.Reply); ok && r.ReplyTo() != m.id && !m.tabs.Owns(r.ReplyTo()) {
		return nil
	}
	if km, ok := msg.(tea.KeyMsg); ok && !m.scope.RepositoryAdmin() && !m.tabs.Capturing() && key.Matches(km, m.c.Keys.New) {
		// n makes tokens and adds members, in tabs this role does not get.
		return common.Status(common.StatusError, "Only a Manager of this repository or of its workspace can create its tokens or add members. Ask a Manager of "+m.repo.Name+".")
	}
	return m.tabs.Update(msg)
}

// View draws the header and the tabs.
func (m *Model) View() string {
	s := m.c.Styles
	role := client.RoleName(m.repo.Role)
	if m.scope.WorkspaceAdmin() && !m.repo.IsManager() {
		role = client.RoleName(m.scope.Workspace.Role) + " (of the workspace)"
	}
	w := max(10, m.width-2)
	// The names are the platform's and the role stays whole. The
	// repository's name is whole when it can be; the workspace's (the
	// breadcrumb shows it too) gets what is left, or gives way.
	yours := "  ·  your role: "
	full, fixed := ansi.StringWidth(safetext.Clean(m.repo.Name)), ansi.StringWidth(yours+role)
	nameW := full
	if full+fixed+8+10 > w && (full > w/2 || full+fixed > w) {
		nameW = max(10, w/3) // a long name takes a share of the line
	}
	name := safetext.Fit(m.repo.Name, nameW)
	in := ""
	if left := w - ansi.StringWidth(name) - fixed - 8; left >= 6 {
		in = "  ·  in " + safetext.Fit(m.scope.Workspace.Name, min(max(10, w/4), left))
	}
	title := s.Title.Render(name) + s.Subtle.Render(in+yours) + s.Text.Render(role)
	if m.compact() {
		return " " + ansi.Truncate(title, w, "…") + "\n\n" + m.tabs.View()
	}
	desc := safetext.Fit(m.repo.Description, w)
	if desc == "" {
		desc = "No description."
	}
	line2 := s.Subtle.Render(desc)
	if g := m.groupsLine(); g != "" {
		line2 += "\n " + s.Subtle.Render(safetext.Fit(g, w))
	}
	return " " + ansi.Truncate(title, w, "…") + "\n " + line2 + "\n\n" + m.tabs.View()
}

// ShortHelp is the active tab's keys; the shell adds "esc back" when esc
// goes back (and not when a tab uses it), so it is not listed here too.
func (m *Model) ShortHelp() []key.Binding { return m.tabs.ShortHelp() }

// FullHelp is the active tab's keys and the tab keys.
func (m *Model) FullHelp() [][]key.Binding { return m.tabs.FullHelp() }

// HandlesEsc is true while a tab uses esc (a filter, a prompt, a form).
func (m *Model) HandlesEsc() bool { return m.tabs.HandlesEsc() }

// Loading is true while the active tab waits for the platform.
func (m *Model) Loading() bool { return m.tabs.Loading() }

// Close lets the tabs release what they hold (a token on screen).
func (m *Model) Close() { m.tabs.Close() }
