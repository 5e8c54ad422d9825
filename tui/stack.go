// The stack of screens: opening and closing them, and what every screen
// is told at once.

package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stack))
	for _, s := range m.stack {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

// closeAll drops every screen, letting each release what it holds.
func (m *Model) closeAll() {
	for _, s := range m.stack {
		common.Close(s)
	}
	m.stack = nil
}

func (m *Model) clearStatus() {
	m.status = common.StatusMsg{}
	m.statusSeq++
}

func (m *Model) push(s common.Screen) tea.Cmd {
	if s == nil {
		return nil
	}
	m.clearStatus() // it spoke of the screen now covered
	m.stack = append(m.stack, s)
	s.SetSize(m.width, m.screenHeight())
	m.c.Logger.Debug("screen opened", "screen", s.Title(), "depth", len(m.stack))
	return s.Init()
}

func (m *Model) pop(then tea.Msg) tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	gone := m.stack[len(m.stack)-1]
	if m.statusOf == gone.ID() {
		m.clearStatus()
	}
	m.stack[len(m.stack)-1] = nil
	m.stack = m.stack[:len(m.stack)-1]
	common.Close(gone)
	var abandoned tea.Cmd
	if gone.ID() == m.overlay {
		// The user gave up logging in: the screen below keeps what it had,
		// and whatever waited to be sent again is told it will not be.
		m.overlay, m.retries = 0, nil
		abandoned = m.broadcast(common.LoginAbandonedMsg{})
	}
	m.c.Logger.Debug("screen closed", "screen", gone.Title(), "depth", len(m.stack))
	if then == nil {
		return abandoned
	}
	return tea.Batch(abandoned, m.Top().Update(then))
}
