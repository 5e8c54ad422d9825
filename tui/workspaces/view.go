package workspaces

import (
	"strconv"

	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	switch {
	case m.dialogs.IsOpen():
		return m.dialogs.View()
	case m.list.Err() != nil:
		return lipgloss.NewStyle().Padding(0, 2).Render(common.ErrorView(s, m.list.Err(), m.dialogs.Width()))
	case !m.list.Loaded():
		return common.LoadingView(s, "Loading workspaces…")
	}
	title := s.Title.Render("Workspaces") + s.Subtle.Render(" · "+strconv.Itoa(len(m.shown))+" · sorted by "+m.sortBy.String())
	if f := m.table.Filter(); f != "" {
		title += s.Subtle.Render(" · " + strconv.Itoa(m.table.Len()) + " shown")
	}
	return " " + title + "\n\n" + m.table.View()
}
