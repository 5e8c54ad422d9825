package common

import tea "github.com/charmbracelet/bubbletea"

// ShowTabMsg asks the page holding tabs to open the tab titled Title and
// hand it Then (e.g. the dashboard opening the Vulnerabilities tab with a
// filter).
type ShowTabMsg struct {
	Title string
	Then  tea.Msg
}

// ShowTab returns a command that opens the tab titled title with then.
func ShowTab(title string, then tea.Msg) tea.Cmd {
	return func() tea.Msg { return ShowTabMsg{Title: title, Then: then} }
}

// VulnerabilityFilterMsg sets what the Vulnerabilities tab shows: one
// severity ("" for all) and one status ("" for Vulnerability).
type VulnerabilityFilterMsg struct {
	Severity string
	Type     string
}

// FindingsChangedMsg says findings of the page's scope were changed (their
// status or severity saved): a dashboard beside them reads its figures
// again.
type FindingsChangedMsg struct{}
