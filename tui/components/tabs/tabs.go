// Package tabs hosts several screens under one tab bar (a workspace's
// Repositories, Tokens, Members and Dashboard; a repository's Dashboard,
// Tokens and Members). tab and shift+tab switch, unless the active tab is
// typing.
package tabs

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// Model is a tab set.
type Model struct {
	c      *common.Common
	tabs   []common.Screen
	active int
	width  int
	height int
	inited []bool
}

// New builds a tab set; tabs a user may not use are simply not passed.
func New(c *common.Common, tabs ...common.Screen) *Model {
	return &Model{c: c, tabs: tabs, inited: make([]bool, len(tabs))}
}

// Tabs returns the tabs.
func (m *Model) Tabs() []common.Screen { return m.tabs }

// Active returns the active tab, or nil when there is none.
func (m *Model) Active() common.Screen {
	if m.active < 0 || m.active >= len(m.tabs) {
		return nil
	}
	return m.tabs[m.active]
}

// ActiveIndex is the active tab's position.
func (m *Model) ActiveIndex() int { return m.active }

// Select makes tab i active and loads it the first time.
func (m *Model) Select(i int) tea.Cmd {
	if i < 0 || i >= len(m.tabs) {
		return nil
	}
	// What the previous tab said in the footer is not about this one.
	clear := tea.Cmd(nil)
	if i != m.active {
		clear = common.ClearStatus
	}
	m.active = i
	if !m.inited[i] {
		m.inited[i] = true
		return tea.Batch(clear, m.tabs[i].Init())
	}
	return clear
}

// Init loads the first tab; the others load when first shown.
func (m *Model) Init() tea.Cmd { return m.Select(m.active) }

// Owns reports whether screen id is one of the tabs.
func (m *Model) Owns(id int) bool {
	for _, t := range m.tabs {
		if t.ID() == id {
			return true
		}
	}
	return false
}

// SetSize gives every tab the room under the tab bar.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	for _, t := range m.tabs {
		t.SetSize(w, max(1, h-2))
	}
}

// Update routes keys to the active tab (tab/shift+tab switch first unless
// it is typing), replies to the tab that asked, and anything else to all.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyMsg, tea.MouseMsg:
		t := m.Active()
		if t == nil {
			return nil
		}
		if km, ok := msg.(tea.KeyMsg); ok && !t.Capturing() && len(m.tabs) > 1 {
			switch {
			case key.Matches(km, m.c.Keys.NextTab):
				return m.Select((m.active + 1) % len(m.tabs))
			case key.Matches(km, m.c.Keys.PrevTab):
				return m.Select((m.active - 1 + len(m.tabs)) % len(m.tabs))
			}
		}
		return t.Update(msg)
	case common.ShowTabMsg:
		for i, t := range m.tabs {
			if t.Title() == msg.Title {
				sel := m.Select(i)
				return tea.Batch(sel, t.Update(msg.Then))
			}
		}
		return nil
	case common.Reply:
		for _, t := range m.tabs {
			if t.ID() == msg.ReplyTo() {
				return t.Update(msg)
			}
		}
		return nil
	default:
		var cmds []tea.Cmd
		for _, t := range m.tabs {
			cmds = append(cmds, t.Update(msg))
		}
		return tea.Batch(cmds...)
	}
}

// Capturing is true while the active tab is typing.
func (m *Model) Capturing() bool {
	t := m.Active()
	return t != nil && t.Capturing()
}

// Typing is true while a text field of the active tab has focus.
func (m *Model) Typing() bool {
	t := m.Active()
	return t != nil && common.Typing(t)
}

// Dirty reports whether any tab holds input the user has not sent.
func (m *Model) Dirty() bool {
	for _, t := range m.tabs {
		if common.IsDirty(t) {
			return true
		}
	}
	return false
}

// View draws the tab bar and the active tab.
func (m *Model) View() string {
	s := m.c.Styles
	var parts []string
	for i, t := range m.tabs {
		title := safetext.Fit(t.Title(), 24)
		if i == m.active {
			if lipgloss.ColorProfile() == termenv.Ascii {
				// Without colours (NO_COLOR) bold and underline go too:
				// brackets, in the padding's place, say which tab is open.
				parts = append(parts, "["+title+"]")
				continue
			}
			parts = append(parts, s.ActiveTab.Render(title))
		} else {
			parts = append(parts, s.Tab.Render(title))
		}
	}
	bar := lipgloss.JoinHorizontal(lipgloss.Top, fitTabs(parts, m.active, m.width)...)
	rule := s.TabGap.Render(strings.Repeat("─", max(0, m.width)))
	body := ""
	if t := m.Active(); t != nil {
		body = t.View()
	}
	return bar + "\n" + rule + "\n" + body
}

// fitTabs keeps the tab titles that fit in width around the active one,
// marking with ‹ and › the tabs left out on either side (tab and
// shift+tab still reach them).
func fitTabs(parts []string, active, width int) []string {
	total := 0
	for _, p := range parts {
		total += lipgloss.Width(p)
	}
	if width <= 0 || total <= width || active < 0 || active >= len(parts) {
		return parts
	}
	lo, hi := active, active                  // the window parts[lo..hi]
	used := lipgloss.Width(parts[active]) + 4 // room for both marks
	for {
		grew := false
		if hi+1 < len(parts) && used+lipgloss.Width(parts[hi+1]) <= width {
			hi++
			used += lipgloss.Width(parts[hi])
			grew = true
		}
		if lo > 0 && used+lipgloss.Width(parts[lo-1]) <= width {
			lo--
			used += lipgloss.Width(parts[lo])
			grew = true
		}
		if !grew {
			break
		}
	}
	out := append([]string(nil), parts[lo:hi+1]...)
	if lo > 0 {
		out = append([]string{"‹ "}, out...)
	}
	if hi < len(parts)-1 {
		out = append(out, " ›")
	}
	return out
}

// ShortHelp is the active tab's help plus the tab keys.
func (m *Model) ShortHelp() []key.Binding {
	var b []key.Binding
	if t := m.Active(); t != nil {
		b = append(b, t.ShortHelp()...)
	}
	if len(m.tabs) > 1 && !m.Capturing() {
		b = append(b, m.c.Keys.NextTab)
	}
	return b
}

// FullHelp is the active tab's full help plus the tab keys.
func (m *Model) FullHelp() [][]key.Binding {
	var b [][]key.Binding
	if t := m.Active(); t != nil {
		b = append(b, t.FullHelp()...)
	}
	if len(m.tabs) > 1 {
		b = append(b, []key.Binding{m.c.Keys.NextTab, m.c.Keys.PrevTab})
	}
	return b
}

// HandlesEsc is true while the active tab uses esc itself (typing, a
// filter, a prompt), so the page holding the tabs does not go back.
func (m *Model) HandlesEsc() bool {
	t := m.Active()
	return t != nil && (t.Capturing() || common.HandlesEsc(t))
}

// Loading is true while the active tab waits for the platform.
func (m *Model) Loading() bool {
	t := m.Active()
	return t != nil && common.IsLoading(t)
}

// Close releases what the tabs hold (see common.Closer).
func (m *Model) Close() {
	for _, t := range m.tabs {
		common.Close(t)
	}
}
