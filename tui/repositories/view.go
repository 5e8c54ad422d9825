package repositories

import (
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View draws the list, or the form or prompt open over it.
func (m *Model) View() string {
	s := m.c.Styles
	if m.dialogs.IsOpen() {
		return m.dialogs.View()
	}
	if m.pages.Err != nil && len(m.table.Rows()) == 0 {
		return "\n" + common.Indent(common.ErrorView(s, m.pages.Err, m.width), 2)
	}
	if !m.answered && len(m.rows) == 0 {
		return common.LoadingView(s, "Loading the repositories of "+safetext.Fit(m.ws.Name, max(10, m.width-40))+"…")
	}
	return m.table.View() + "\n" + ansi.Truncate(m.statusLine(), max(10, m.width), "…")
}

// statusLine says what the list holds and what is under way (the
// footer's spinner turns meanwhile).
func (m *Model) statusLine() string {
	s := m.c.Styles
	switch {
	case m.pages.Err != nil:
		msg, hint := common.Explain(m.pages.Err)
		return s.Error.Render("✗ "+safetext.Clean(platformText(msg))) + " " + s.Subtle.Render(hint)
	case m.pending != m.query || m.fresh:
		q := m.pending
		if q == "" {
			return s.Subtle.Render("Loading every repository…")
		}
		return s.Subtle.Render("Searching for “" + safetext.Fit(q, 40) + "”…")
	case m.pages.ToEnd && !m.counted:
		return s.Subtle.Render("Loading to the last repository… " + common.Thousands(m.n) + " so far")
	case m.pages.MoreErr != nil:
		msg, _ := common.Explain(m.pages.MoreErr)
		return s.Error.Render("✗ Could not load more: "+safetext.Clean(platformText(msg))) + " " + s.Subtle.Render("Press r to try again.")
	}
	text := m.counter()
	if text == "" {
		return ""
	}
	return s.Subtle.Render(text)
}
