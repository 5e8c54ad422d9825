// How the shell routes keys: the question it asks before input would be
// lost, a text field that has every key, the global keys, then the screen.

package tui

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/modal"
)

// quit closes every screen (a token on screen is wiped) and ends the program.
func (m *Model) quit() tea.Cmd {
	m.closeAll()
	m.stack = []common.Screen{common.NewPlaceholder(m.c, "", "")}
	return tea.Quit
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if key.Matches(msg, k.Suspend) {
		return tea.Suspend
	}
	if msg.Type == tea.KeyEsc && msg.Alt {
		// Two esc pressed quickly arrive as one alt+esc: each acts.
		first := m.key(tea.KeyMsg{Type: tea.KeyEsc})
		return tea.Batch(first, m.key(tea.KeyMsg{Type: tea.KeyEsc}))
	}
	if m.question != "" {
		switch {
		case key.Matches(msg, k.ForceQuit):
			return m.quit() // a second ctrl+c does not ask again
		case msg.String() == "y" || msg.String() == "Y" || msg.String() == "enter":
			yes := m.yes
			m.question, m.yes = "", nil
			return yes()
		case msg.String() == "n" || msg.String() == "N" || msg.String() == "esc":
			m.question, m.yes = "", nil
		}
		return nil
	}
	if key.Matches(msg, k.ForceQuit) {
		return m.unlessDirty("Quit", m.quit)
	}
	if m.tooSmall() {
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		return nil
	}
	if m.showAll {
		// The full help is open: it scrolls, closes, or the program quits.
		switch {
		case key.Matches(msg, k.Help), msg.String() == "esc":
			m.showAll = false
		case key.Matches(msg, k.Quit), key.Matches(msg, k.Logout):
			m.showAll = false
			return m.key(msg)
		default:
			m.helpBox.Update(msg)
		}
		return nil
	}
	top := m.Top()
	if top.Capturing() && common.Typing(top) {
		return top.Update(msg) // a text field has every key
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// Keys that arrive in one burst (a held key, a slow link) are read
		// as one multi-letter key; outside a text field each letter is a
		// command of its own (or an answer to a question), and one of them
		// may open a field that takes the rest as text.
		cmds := make([]tea.Cmd, 0, len(msg.Runes))
		for _, r := range msg.Runes {
			cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	if top.Capturing() && !m.shellKey(msg) {
		// A question or a list to choose from has every key but the
		// shell's q and L.
		return top.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showAll = true
		m.helpBox = modal.New(m.c.Styles, m.c.Keys) // from the top
		return nil
	case key.Matches(msg, k.Quit):
		return m.unlessDirty("Quit", m.quit)
	case key.Matches(msg, k.Logout) && m.c.Session() != nil && m.overlay == 0:
		return m.unlessDirty("Log out", func() tea.Cmd {
			return func() tea.Msg { return common.LogoutMsg{} }
		})
	case key.Matches(msg, k.Back) && len(m.stack) > 1 && !common.HandlesEsc(top):
		return m.pop(nil)
	}
	return top.Update(msg)
}

// shellKey reports whether msg is a key the shell keeps even while a
// screen captures keys without typing (a question, a choice).
func (m *Model) shellKey(msg tea.KeyMsg) bool {
	return key.Matches(msg, m.c.Keys.Quit) || key.Matches(msg, m.c.Keys.Logout)
}

// unlessDirty runs do (to quit, to log out: action) at once, or first asks
// when a screen holds input the user typed and has not sent, or shows a
// token that is not shown again.
func (m *Model) unlessDirty(action string, do func() tea.Cmd) tea.Cmd {
	if m.c.Veil != nil && m.c.Veil.Showing() {
		m.question, m.yes = action+"? The new token is not shown again.", do
		return nil
	}
	for _, s := range m.stack {
		if common.IsDirty(s) {
			m.question, m.yes = action+" and lose what you typed?", do
			return nil
		}
	}
	return do()
}

// Question is the shell's pending yes/no question ("" when none).
func (m *Model) Question() string { return m.question }
