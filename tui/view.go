package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

// Lines the header takes: the top bar, the breadcrumb and a blank line.
const headerLines = 3

// screenHeight is the room a screen gets between the header and the footer.
func (m *Model) screenHeight() int {
	return max(1, m.height-headerLines-m.footerLines())
}

func (m *Model) footerLines() int {
	if !m.showAll {
		return 2 // status, short help
	}
	return 1 + lipgloss.Height(m.helpView())
}

// reflow gives every screen its size again when the room changed (a new
// terminal size, the full help opened or closed).
func (m *Model) reflow() {
	if m.width == 0 {
		return
	}
	h := m.screenHeight()
	if h == m.bodyHeight {
		return
	}
	m.bodyHeight = h
	for _, s := range m.stack {
		s.SetSize(m.width, h)
	}
}

// View implements tea.Model.
func (m *Model) View() string {
	if m.width == 0 {
		return ""
	}
	if m.tooSmall() {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center,
			m.c.Styles.Warning.Render(fmt.Sprintf("Terminal too small — make it at least %d×%d", MinWidth, MinHeight))+"\n"+
				m.c.Styles.Subtle.Render(fmt.Sprintf("(now %d×%d)", m.width, m.height)),
			lipgloss.WithWhitespaceChars(" "))
	}
	// MaxWidth cuts (never wraps) a line a screen drew too wide.
	body := lipgloss.NewStyle().
		MaxWidth(m.width).
		Height(m.screenHeight()).MaxHeight(m.screenHeight()).
		Render(m.Top().View())
	return lipgloss.JoinVertical(lipgloss.Left, m.headerView(), body, m.footerView())
}

func (m *Model) headerView() string {
	s := m.c.Styles
	left := s.Brand.Render("horusec-tui")
	where := []string{}
	if m.opts.Demo {
		where = append(where, s.Warning.Bold(true).Render("demo"))
	} else if m.c.Profile != "" {
		where = append(where, "profile "+m.c.Profile)
	}
	if m.c.Host != "" {
		where = append(where, m.c.Host)
	}
	if len(where) > 0 {
		left += s.Subtle.Render("  " + strings.Join(where, s.Subtle.Render(" · ")))
	}
	right := ""
	if sess := m.c.Session(); sess != nil {
		who := sess.Email
		if who == "" {
			who = sess.Username
		}
		if sess.IsApplicationAdmin {
			who += " (application admin)"
		}
		right = s.Subtle.Render(who)
	}
	w := m.width - 2 // the header's padding
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		right = ""
		gap = max(0, w-lipgloss.Width(left))
	}
	top := s.Header.Render(ansi.Truncate(left+strings.Repeat(" ", gap)+right, w, "…"))

	crumbs := make([]string, len(m.stack))
	for i, sc := range m.stack {
		t := sc.Title()
		if i == len(m.stack)-1 {
			crumbs[i] = s.Title.Render(t)
		} else {
			crumbs[i] = s.Subtle.Render(t)
		}
	}
	crumb := s.Header.Render(ansi.Truncate(strings.Join(crumbs, s.Subtle.Render(" › ")), w, "…"))
	return top + "\n" + crumb + "\n"
}

func (m *Model) footerView() string {
	s := m.c.Styles
	var status string
	if m.loading() {
		status = m.spinner.View() + " " + s.Subtle.Render("Loading…")
		if m.status.Text != "" {
			status += "  "
		}
	}
	if m.status.Text != "" {
		st := s.StatusInfo
		switch m.status.Kind {
		case common.StatusSuccess:
			st = s.StatusSuccess
		case common.StatusError:
			st = s.StatusError
		}
		status += st.Render(m.status.Text)
	}
	if m.question != "" {
		status = s.Warning.Render(m.question) + " " + s.Subtle.Render(s.Key.Render("y")+" yes · "+s.Key.Render("n/esc")+" no")
	}
	status = s.Footer.Render(ansi.Truncate(status, m.width-2, "…"))
	return status + "\n" + s.Footer.Render(m.helpView())
}

func (m *Model) helpView() string {
	w := m.width - 2
	keys := helpKeys{m}
	if m.showAll {
		m.help.Width = w
		lines := strings.Split(m.help.FullHelpView(keys.FullHelp()), "\n")
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, w, "…")
		}
		return strings.Join(lines, "\n")
	}
	// The shell's keys (? and q) stay visible; the screen's give way,
	// cut with an ellipsis, when the line is too narrow.
	global := m.help.ShortHelpView(keys.global())
	sep := m.help.Styles.ShortSeparator.Render(m.help.ShortSeparator)
	room := w - lipgloss.Width(global) - lipgloss.Width(sep)
	own := m.Top().ShortHelp()
	if len(own) == 0 || room < 10 {
		return ansi.Truncate(global, w, "…")
	}
	m.help.Width = room
	screen := ansi.Truncate(m.help.ShortHelpView(own), room, "…")
	if screen == "" {
		return global
	}
	return screen + sep + global
}

// helpKeys is the active screen's keys plus the shell's.
type helpKeys struct{ m *Model }

func (h helpKeys) global() []key.Binding {
	m := h.m
	k := m.c.Keys
	top := m.Top()
	if top.Capturing() {
		return []key.Binding{k.ForceQuit}
	}
	b := []key.Binding{}
	if len(m.stack) > 1 && !common.HandlesEsc(top) {
		b = append(b, k.Back)
	}
	b = append(b, keysHelp(m))
	if m.showAll && m.c.Session() != nil {
		if !lists(top.FullHelp(), k.Logout) {
			b = append(b, k.Logout)
		}
		b = append(b, k.Suspend)
	}
	return append(b, k.Quit)
}

// lists reports whether a screen's help already shows the key of b.
func lists(groups [][]key.Binding, b key.Binding) bool {
	for _, g := range groups {
		for _, x := range g {
			if x.Help().Key == b.Help().Key {
				return true
			}
		}
	}
	return false
}

func keysHelp(m *Model) key.Binding {
	if m.showAll {
		return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "less help"))
	}
	return key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more help"))
}

func (h helpKeys) ShortHelp() []key.Binding {
	own := h.m.Top().ShortHelp()
	b := make([]key.Binding, 0, len(own)+3)
	return append(append(b, own...), h.global()...)
}

func (h helpKeys) FullHelp() [][]key.Binding {
	own := h.m.Top().FullHelp()
	b := make([][]key.Binding, 0, len(own)+1)
	return append(append(b, own...), h.global())
}
