package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// headerLines is the header's height: below common.TallHeader one line
// holds the top bar and the breadcrumb, so that the header gives way
// before the content does (the layout rule is in tui/common/layout.go).
func (m *Model) headerLines() int {
	if m.height >= common.TallHeader {
		return 3
	}
	return 1
}

// screenHeight is the room a screen gets between the header and the footer.
func (m *Model) screenHeight() int {
	return max(1, m.height-m.headerLines()-m.footerLines())
}

func (m *Model) footerLines() int { return 2 } // status, short help

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
		// Wrapped between words, so that no size is cut however narrow.
		w := max(1, m.width)
		msg := m.c.Styles.Warning.Width(w).Align(lipgloss.Center).
			Render(fmt.Sprintf("Terminal too small — make it at least %d×%d", MinWidth, MinHeight)) + "\n" +
			m.c.Styles.Subtle.Width(w).Align(lipgloss.Center).Render(fmt.Sprintf("(now %d×%d)", m.width, m.height))
		if m.c.Veil.Showing() {
			msg += "\n" + m.c.Styles.Warning.Width(w).Align(lipgloss.Center).
				Render("Too small to show the token just created: it is kept until the terminal is larger.")
		}
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, msg,
			lipgloss.WithWhitespaceChars(" "))
	}
	view := ""
	if m.showAll {
		view = m.fullHelp()
	} else {
		view = m.Top().View()
	}
	// MaxWidth cuts (never wraps) a line a screen drew too wide.
	body := lipgloss.NewStyle().
		MaxWidth(m.width).
		Height(m.screenHeight()).MaxHeight(m.screenHeight()).
		Render(view)
	// Every piece of text from outside was cleaned where it was drawn;
	// Frame is the last guard, should a screen forget: only colours and
	// line breaks reach the terminal.
	// A secret on screen is put in last, into memory wiped with it.
	return m.c.Veil.Unveil(safetext.Frame(lipgloss.JoinVertical(lipgloss.Left, m.headerView(), body, m.footerView())))
}

func (m *Model) headerView() string {
	s := m.c.Styles
	brand := s.Brand.Render("horusec-tui")
	where := []string{}
	if m.opts.Demo {
		where = append(where, s.Warning.Bold(true).Render("demo"))
	} else if m.c.Profile != "" {
		where = append(where, "profile "+safetext.Fit(m.c.Profile, 24))
	}
	if m.c.Host != "" {
		where = append(where, safetext.Fit(m.c.Host, 40))
	}
	who := ""
	if sess := m.c.Session(); sess != nil {
		who = sess.Email
		if who == "" {
			who = sess.Username
		}
		if sess.IsApplicationAdmin {
			who += " (application admin)"
		}
		who = safetext.Fit(who, max(10, (m.width-2)/2))
	}
	w := m.width - 2 // the header's padding
	if m.headerLines() == 1 {
		// One line: the breadcrumb beside the program's name, the account
		// and where it is on the right as long as there is room.
		right := who
		if len(where) > 0 && who != "" {
			right += s.Subtle.Render(" · ") + where[0]
		}
		return s.Header.Render(m.oneLine(brand+"  ", right, w))
	}
	left := brand
	if len(where) > 0 {
		left += s.Subtle.Render("  " + strings.Join(where, s.Subtle.Render(" · ")))
	}
	right := s.Subtle.Render(who)
	gap := w - lipgloss.Width(left) - lipgloss.Width(right)
	if gap < 2 {
		right = ""
		gap = max(0, w-lipgloss.Width(left))
	}
	top := s.Header.Render(ansi.Truncate(left+strings.Repeat(" ", gap)+right, w, "…"))
	return top + "\n" + s.Header.Render(m.crumbs(w)) + "\n"
}

// oneLine lays out left, the breadcrumb and right in w columns; right goes
// first when room is short, and the breadcrumb keeps its end.
func (m *Model) oneLine(left, right string, w int) string {
	s := m.c.Styles
	if right != "" {
		right = s.Subtle.Render(right)
	}
	room := w - lipgloss.Width(left)
	if right != "" && room-lipgloss.Width(right)-2 < min(30, room/2) {
		right = ""
	}
	crumb := m.crumbs(max(1, room-lipgloss.Width(right)-2*min(1, len(right))))
	gap := max(0, w-lipgloss.Width(left)-lipgloss.Width(crumb)-lipgloss.Width(right))
	return ansi.Truncate(left+crumb+strings.Repeat(" ", gap)+right, w, "…")
}

// crumbs is the breadcrumb in at most w columns: when it is too long the
// screens nearest the start give way to "…", so the current one stays named.
func (m *Model) crumbs(w int) string {
	s := m.c.Styles
	sep := s.Subtle.Render(" › ")
	// Titles are the platform's names: the screens below the current one
	// get a share of the line each, so a long name cannot push the current
	// screen's title out.
	parts := make([]string, len(m.stack))
	share := max(12, w/(len(m.stack)+1))
	for i, sc := range m.stack {
		if i == len(m.stack)-1 {
			parts[i] = s.Title.Render(safetext.Fit(sc.Title(), w))
		} else {
			parts[i] = s.Subtle.Render(safetext.Fit(sc.Title(), share))
		}
	}
	line := strings.Join(parts, sep)
	for k := 1; k < len(parts) && lipgloss.Width(line) > w; k++ {
		line = strings.Join(append([]string{s.Subtle.Render("…")}, parts[k:]...), sep)
	}
	return ansi.Truncate(line, w, "…")
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
		status += st.Render(safetext.Clean(m.status.Text))
	}
	if m.question != "" {
		status = s.Warning.Render(m.question) + " " + s.Subtle.Render(s.Key.Render("y")+" yes · "+s.Key.Render("n/esc")+" no")
	}
	status = s.Footer.Render(ansi.Truncate(status, m.width-2, "…"))
	return status + "\n" + s.Footer.Render(m.helpView())
}

// fullHelp is every key of the screen on top and the shell's, in a box
// over the screen: as many columns as fit, scrolling when they are taller
// than the room, so that no key is ever hidden.
func (m *Model) fullHelp() string {
	s := m.c.Styles
	box := m.helpBox
	box.SetSize(m.width, m.screenHeight())
	room := box.ContentWidth(0)
	var cols [][]string
	for _, g := range (helpKeys{m}).FullHelp() {
		keyW := 0
		for _, b := range g {
			if b.Enabled() {
				keyW = max(keyW, lipgloss.Width(b.Help().Key))
			}
		}
		var col []string
		for _, b := range g {
			if !b.Enabled() || b.Help().Key == "" {
				continue
			}
			k := b.Help().Key
			line := s.Key.Render(k) + strings.Repeat(" ", keyW-lipgloss.Width(k)+1)
			desc := lipgloss.NewStyle().Width(max(8, room-keyW-1)).Render(b.Help().Desc)
			for i, d := range strings.Split(desc, "\n") {
				if i > 0 {
					line += "\n" + strings.Repeat(" ", keyW+1)
				}
				line += s.Subtle.Render(strings.TrimRight(d, " "))
			}
			col = append(col, strings.Split(line, "\n")...)
		}
		if len(col) > 0 {
			cols = append(cols, col)
		}
	}
	// Columns side by side while they fit, then a new row of columns.
	var rows []string
	var row []string
	used := 0
	flush := func() {
		if len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
		}
		row, used = nil, 0
	}
	for _, col := range cols {
		block := lipgloss.NewStyle().PaddingRight(3).Render(strings.Join(col, "\n"))
		w := lipgloss.Width(block)
		if used > 0 && used+w-3 > room {
			flush()
		}
		row = append(row, block)
		used += w
	}
	flush()
	title := s.Title.Render("Keys") + s.Subtle.Render(" · "+safetext.Fit(m.Top().Title(), max(1, room-8)))
	foot := s.Subtle.Render(s.Key.Render("?") + " or " + s.Key.Render("esc") + " close")
	return box.View(title, strings.Join(rows, "\n\n"), foot)
}

func (m *Model) helpView() string {
	w := m.width - 2
	keys := helpKeys{m}
	// The shell's keys (? and q) stay visible; the screen's give way,
	// cut with an ellipsis, when the line is too narrow.
	global := m.help.ShortHelpView(keys.global())
	sep := m.help.Styles.ShortSeparator.Render(m.help.ShortSeparator)
	room := w - lipgloss.Width(global) - lipgloss.Width(sep)
	own := m.Top().ShortHelp()
	if m.showAll {
		own = m.helpBox.ScrollKeys()
	}
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

// global is the shell's keys on the key line: short enough to be drawn
// whole at the least width, whatever the screen's keys.
func (h helpKeys) global() []key.Binding {
	m := h.m
	k := m.c.Keys
	top := m.Top()
	if top.Capturing() {
		if common.Typing(top) {
			return []key.Binding{k.ForceQuit}
		}
		return []key.Binding{k.Quit} // q still quits over a question
	}
	b := []key.Binding{}
	if len(m.stack) > 1 && !common.HandlesEsc(top) {
		b = append(b, k.Back)
	}
	return append(b, keysHelp(m), k.Quit)
}

// all is every key of the shell, as the full help lists them.
func (h helpKeys) all() []key.Binding {
	m := h.m
	k := m.c.Keys
	b := h.global()
	if m.Top().Capturing() || m.c.Session() == nil {
		return b
	}
	b = b[:len(b)-1] // quit goes last
	if !lists(m.Top().FullHelp(), k.Logout) {
		b = append(b, k.Logout)
	}
	return append(b, k.Suspend, k.Quit, k.ForceQuit)
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
	return append(append(b, own...), h.all())
}
