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
	case m.err != nil:
		return lipgloss.NewStyle().Padding(0, 2).Render(common.ErrorView(s, m.err, m.width))
	case !m.loaded:
		return common.LoadingView(s, "Loading workspaces…")
	}
	title := s.Title.Render("Workspaces") + s.Subtle.Render(" · "+strconv.Itoa(len(m.list))+" · sorted by "+m.sortBy.String())
	if f := m.table.Filter(); f != "" {
		title += s.Subtle.Render(" · " + strconv.Itoa(m.table.Len()) + " shown")
	}
	body := " " + title + "\n\n" + m.table.View()
	if m.confirm != nil {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, m.confirm.View())
	}
	return body
}
