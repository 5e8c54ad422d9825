package members

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	if m.dialogs.IsOpen() {
		return m.dialogs.View()
	}
	if !m.list.Loaded() {
		if err := m.list.Err(); err != nil {
			return dialogStyle.Render(common.ErrorView(s, err, m.width-2))
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

func padRight(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
