package members

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	dialog := lipgloss.NewStyle().PaddingLeft(2).PaddingTop(1)
	switch m.mode {
	case modeInvite, modeAdd, modeRole:
		return dialog.Render(m.form.View())
	case modeConfirm:
		return dialog.Render(m.confirm.View())
	case modePick:
		return m.pickView()
	case modePermissions:
		return m.permissionsView()
	}
	if !m.loaded {
		if m.loadErr != nil {
			return dialog.Render(common.ErrorView(s, m.loadErr, m.width-2))
		}
		return common.LoadingView(s, "Loading the members of "+safetext.Fit(m.scope.Name(), max(10, m.width-30))+"…")
	}
	top := ""
	if b := m.bannerView(); b != "" {
		top = b + "\n"
	}
	if m.notice == "" {
		return top + m.table.View()
	}
	return top + m.noticeView() + "\n" + m.table.View()
}

// bannerView is the LDAP explanation above the list (empty elsewhere).
func (m *Model) bannerView() string {
	b := m.ldapBanner()
	if b == "" {
		return ""
	}
	return m.c.Styles.Subtle.Width(max(20, m.width-2)).PaddingLeft(2).Render(b)
}

func (m *Model) noticeView() string {
	st := m.c.Styles.Warning
	mark := "! "
	if m.noticeError {
		st, mark = m.c.Styles.Error, "✗ "
	}
	return st.Width(max(20, m.width-2)).PaddingLeft(2).Render(mark + safetext.Clean(m.notice))
}

func (m *Model) noticeHeight() int {
	h := 0
	if b := m.bannerView(); b != "" {
		h += lipgloss.Height(b)
	}
	if m.notice != "" {
		h += lipgloss.Height(m.noticeView())
	}
	return h
}

func (m *Model) pickView() string {
	s := m.c.Styles
	title := lipgloss.NewStyle().PaddingLeft(2).Render(
		s.Title.Render("Add a member to "+safetext.Fit(m.scope.Repository.Name, max(10, m.width-20))) + "\n" +
			s.Subtle.Render("Choose one of the workspace's members (enter); the role comes next."))
	switch {
	case m.pickErr != nil:
		msg, hint := m.pickRefusal(m.pickErr)
		w := max(20, m.width-4)
		body := lipgloss.NewStyle().PaddingLeft(2).Width(w + 2).Render(
			s.Error.Render(safetext.Clean(msg)) + "\n\n" + s.Subtle.Render(safetext.Clean(hint)) + "\n\n" +
				s.Subtle.Render(s.Key.Render("r")+" retry · "+s.Key.Render("esc")+" back"))
		return "\n" + title + "\n\n" + body
	case m.pickBusy:
		return "\n" + title + "\n\n  " + s.Subtle.Render("Loading the workspace's members…")
	}
	return "\n" + title + "\n" + m.picker.View()
}

// permission is one line of the permissions table.
type permission struct {
	what                    string
	manager, supervisor, us bool
}

// The platform's documented permissions (§4 of the contract): at workspace
// level a Supervisor is a User; on a repository a Supervisor also manages
// its vulnerabilities.
var (
	workspacePermissions = []permission{
		{"View, edit and delete the workspace", true, false, false},
		{"Create, view and revoke its tokens", true, false, false},
		{"Invite members, change roles, remove", true, false, false},
		{"Add repositories and see all of them", true, false, false},
		{"See the workspace dashboard", true, false, false},
		{"See repos and dashboards given to them", true, true, true},
	}
	repositoryPermissions = []permission{
		{"Edit and delete the repository", true, false, false},
		{"Create, view and revoke its tokens", true, false, false},
		{"Add members, change roles, remove", true, false, false},
		{"Manage its vulnerabilities", true, true, false},
		{"See the repository and its dashboard", true, true, true},
	}
)

func (m *Model) permissionLines() []string {
	s := m.c.Styles
	const what = 40
	cell := func(ok bool, w int) string {
		if ok {
			return s.Success.Render(padRight("✓", w))
		}
		return s.Subtle.Render(padRight("·", w))
	}
	section := func(title string, rows []permission) []string {
		out := []string{"  " + s.TableHeader.Render(padRight(title, what)+padRight("Manager", 10)+padRight("Supervisor", 12)+"User")}
		for _, p := range rows {
			out = append(out, "  "+s.Text.Render(padRight(p.what, what))+
				cell(p.manager, 10)+cell(p.supervisor, 12)+cell(p.us, 4))
		}
		return out
	}
	lines := []string{"  " + s.Title.Render("What each role may do"), ""}
	lines = append(lines, section("In a workspace", workspacePermissions)...)
	lines = append(lines, "")
	lines = append(lines, section("In a repository", repositoryPermissions)...)
	note := s.Subtle.Width(max(20, m.width-4)).Render("A workspace Manager acts as Manager of every repository where they hold no role of their own. The platform calls these roles admin, supervisor and member.")
	lines = append(lines, "")
	for _, l := range strings.Split(note, "\n") {
		lines = append(lines, "  "+l)
	}
	return lines
}

func (m *Model) permissionsView() string {
	lines := m.permissionLines()
	h := max(1, m.height-1)
	top := min(m.permTop, max(0, len(lines)-h))
	end := min(len(lines), top+h)
	return "\n" + strings.Join(lines[top:end], "\n")
}

func (m *Model) permissionsKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Down):
		if m.permTop < len(m.permissionLines())-max(1, m.height-1) {
			m.permTop++
		}
	case key.Matches(msg, m.keys.Up):
		if m.permTop > 0 {
			m.permTop--
		}
	case key.Matches(msg, m.keys.Close), key.Matches(msg, m.keys.Permissions), msg.String() == "p", msg.String() == "q", msg.String() == "enter":
		m.mode = modeList
	}
	return nil
}

func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
