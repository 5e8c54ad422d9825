package repositories

import (
	"fmt"
	"strings"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View draws the list, or the form or prompt open over it.
func (m *Model) View() string {
	s := m.c.Styles
	switch m.mode {
	case modeForm:
		return "\n" + indent(m.form.View(), 2)
	case modeConfirm:
		return "\n" + indent(m.confirm.View(), 2)
	}
	if m.err != nil && len(m.table.Rows()) == 0 {
		return "\n" + indent(common.ErrorView(s, m.err, m.width), 2)
	}
	if m.page == 0 && m.loading && len(m.table.Rows()) == 0 {
		return "\n  " + m.spin.View() + " " + s.Subtle.Render("Loading the repositories of "+m.ws.Name+"…")
	}
	return m.table.View() + "\n" + m.statusLine()
}

// statusLine says what the list holds and what is under way.
func (m *Model) statusLine() string {
	s := m.c.Styles
	switch {
	case m.err != nil:
		msg, hint := common.Explain(m.err)
		return s.Error.Render("✗ "+platformText(msg)) + " " + s.Subtle.Render(hint)
	case m.pending != m.query || (m.loading && m.searched):
		q := m.pending
		if q == "" {
			return m.spin.View() + " " + s.Subtle.Render("Loading every repository…")
		}
		return m.spin.View() + " " + s.Subtle.Render("Searching for “"+q+"”…")
	case m.loading:
		return m.spin.View() + " " + s.Subtle.Render("Loading more…")
	case m.moreErr != nil:
		msg, _ := common.Explain(m.moreErr)
		return s.Error.Render("✗ Could not load more: "+platformText(msg)) + " " + s.Subtle.Render("Press r to try again.")
	}
	n := len(m.table.Rows())
	if n == 0 {
		return ""
	}
	noun := "repositories"
	if n == 1 {
		noun = "repository"
	}
	text := fmt.Sprintf("%d %s", n, noun)
	if m.query != "" {
		text += " matching “" + m.query + "”"
	}
	if !m.done {
		text += " · more load as you scroll"
	}
	return s.Subtle.Render(text)
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}
