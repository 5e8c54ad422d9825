package vulnerabilities

// Keys and replies: the filters, the search, the picker and the three views.

import (
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// Update handles keys and replies.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(common.Reply); ok && r.ReplyTo() != m.id {
		return nil // another screen's reply
	}
	switch msg := msg.(type) {
	case filesMsg:
		return m.onFiles(msg)
	case findingsMsg:
		return m.onFindings(msg)
	case savedMsg:
		return m.onSaved(msg)
	case common.VulnerabilityFilterMsg:
		return m.applyFilter(Filter{Severity: msg.Severity, Type: msg.Type})
	case common.RefreshMsg:
		return m.refresh()
	case tea.KeyMsg:
		if m.searching {
			return m.updateSearch(msg)
		}
		if m.picker != nil {
			return m.updatePicker(msg)
		}
		switch m.view {
		case viewDetail:
			return m.updateDetail(msg)
		case viewFindings:
			return m.updateFindings(msg)
		}
		return m.updateFiles(msg)
	case tea.MouseMsg:
		if m.view == viewDetail {
			m.dvp, _ = m.dvp.Update(msg)
			return nil
		}
		if m.view == viewFindings {
			return tea.Batch(m.finds.Update(msg), m.moreFindings())
		}
		if m.view == viewFiles {
			return tea.Batch(m.files.Update(msg), m.moreFiles())
		}
	default:
		if m.searching {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return cmd
		}
	}
	return nil
}

func (m *Model) refresh() tea.Cmd {
	if m.view == viewFiles {
		return m.reloadFiles()
	}
	return tea.Batch(m.reloadFiles(), m.reloadFindings())
}

// applyFilter shows the lists for f: the file list again (the open file
// may hold nothing under the new filter), unless changes are pending.
func (m *Model) applyFilter(f Filter) tea.Cmd {
	if f.Type == "" {
		f.Type = client.TypeVulnerability
	}
	if len(m.pending) > 0 {
		return common.Status(common.StatusError, "Save (ctrl+s) or discard (esc) the pending changes before changing the filter.")
	}
	m.flt = f
	m.setEmptyTexts()
	// What was listed under the old filter goes at once: the filter line
	// says the new one.
	m.files.SetRows(nil)
	m.fileRows, m.forder = map[string]client.VulnFile{}, nil
	if m.view != viewFiles {
		m.view = viewFindings
		m.finds.SetRows(nil)
		m.findRows, m.order, m.marked = map[string]client.Vulnerability{}, nil, map[string]bool{}
		return tea.Batch(m.reloadFiles(), m.reloadFindings())
	}
	return m.reloadFiles()
}

// filterKeys handles the keys shared by the file and findings views.
func (m *Model) filterKeys(msg tea.KeyMsg) (tea.Cmd, bool) {
	switch {
	case key.Matches(msg, m.keys.Severity):
		f := m.flt
		f.Severity = severityKeys[msg.String()]
		return m.applyFilter(f), true
	case key.Matches(msg, m.keys.Pick):
		if len(m.pending) > 0 {
			return m.applyFilter(m.flt), true // says why not
		}
		m.openPicker()
		return nil, true
	case key.Matches(msg, m.keys.Status):
		f := m.flt
		i := 0
		for j, t := range client.VulnTypes {
			if t == f.Type {
				i = j
			}
		}
		f.Type = client.VulnTypes[(i+1)%len(client.VulnTypes)]
		return m.applyFilter(f), true
	case key.Matches(msg, m.keys.ClearFilter):
		return m.applyFilter(Filter{}), true
	case key.Matches(msg, m.keys.Search):
		if len(m.pending) > 0 {
			return common.Status(common.StatusError, "Save (ctrl+s) or discard (esc) the pending changes before searching."), true
		}
		m.searching = true
		m.input.SetValue(m.flt.Hash)
		m.input.CursorEnd()
		m.input.Focus()
		return textinput.Blink, true
	}
	return nil, false
}

// openPicker offers the severities, the one shown chosen.
func (m *Model) openPicker() {
	opts := make([]form.Option, len(severityChoices))
	sel := 0
	for i, sev := range severityChoices {
		label := "All severities"
		if sev != "" {
			label = titleCase(sev)
		}
		opts[i] = form.Option{Value: sev, Label: label, Description: "key " + strconv.Itoa(i)}
		if sev == m.flt.Severity {
			sel = i
		}
	}
	f := form.New(m.c.Styles, m.c.Keys, "Show the findings of one severity", form.Choice("severity", "Severity", opts, sel))
	f.SubmitText = "Show"
	f.NoDiscardQuestion = true // nothing typed to lose
	f.SetSize(m.width-2, max(3, m.height-1))
	m.picker = f
}

func (m *Model) updatePicker(msg tea.KeyMsg) tea.Cmd {
	cmd, action := m.picker.Update(msg)
	switch action {
	case form.Cancel:
		m.picker = nil
	case form.Submit:
		f := m.flt
		f.Severity = m.picker.Value("severity")
		m.picker = nil
		return m.applyFilter(f)
	}
	return cmd
}

func (m *Model) updateSearch(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		m.searching = false
		m.input.Blur()
		return nil
	case "enter":
		m.searching = false
		m.input.Blur()
		f := m.flt
		f.Hash = strings.TrimSpace(m.input.Value())
		return m.applyFilter(f)
	}
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(msg)
	return cmd
}

func (m *Model) updateFiles(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.Keys.Bottom) {
		return tea.Batch(m.files.Update(msg), m.filesToEnd())
	}
	m.fpages.ToEnd = false // any other key stops the cursor following the load
	if cmd, ok := m.filterKeys(msg); ok {
		return cmd
	}
	switch {
	case key.Matches(msg, m.keys.Open):
		row, ok := m.files.Selected()
		if !ok {
			return nil
		}
		m.file = m.fileRows[row.ID]
		m.view = viewFindings
		m.findRows, m.order = map[string]client.Vulnerability{}, nil
		m.marked, m.pending = map[string]bool{}, map[string]client.VulnChange{}
		m.saveErr = nil
		m.finds.SetRows(nil)
		return m.reloadFindings()
	case key.Matches(msg, m.keys.Refresh):
		if m.fpages.MoreErr != nil {
			m.fpages.MoreErr = nil
			return m.fetchFiles(m.fpages.Page+1, filesPageSize)
		}
		return m.reloadFiles()
	case msg.String() == "/":
		return nil
	}
	return tea.Batch(m.files.Update(msg), m.moreFiles())
}

func (m *Model) updateFindings(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.Keys.Bottom) {
		return tea.Batch(m.finds.Update(msg), m.findingsToEnd())
	}
	m.vpages.ToEnd = false
	switch {
	case key.Matches(msg, m.keys.Save):
		return m.save()
	case key.Matches(msg, m.keys.Discard):
		if len(m.pending) > 0 || len(m.marked) > 0 {
			n := len(m.pending)
			m.pending, m.marked = map[string]client.VulnChange{}, map[string]bool{}
			m.saveErr = nil
			m.refreshFindingRows()
			if n > 0 {
				return common.Status(common.StatusInfo, plural(n, "change")+" discarded.")
			}
			return nil
		}
		m.view = viewFiles
		return nil
	case key.Matches(msg, m.keys.Open):
		if row, ok := m.finds.Selected(); ok {
			m.detail = row.ID
			m.view = viewDetail
			m.dvp.GotoTop()
		}
		return nil
	case key.Matches(msg, m.keys.Refresh):
		if len(m.pending) > 0 {
			return common.Status(common.StatusError, "Save (ctrl+s) or discard (esc) the pending changes before reloading.")
		}
		return tea.Batch(m.reloadFiles(), m.reloadFindings())
	case key.Matches(msg, m.keys.Mark):
		if !m.canEdit {
			return m.refuse()
		}
		if row, ok := m.finds.Selected(); ok {
			if m.marked[row.ID] {
				delete(m.marked, row.ID)
			} else {
				m.marked[row.ID] = true
			}
			m.refreshFindingRows()
			m.finds.Update(tea.KeyMsg{Type: tea.KeyDown})
		}
		return m.moreFindings()
	case key.Matches(msg, m.keys.RiskAccepted, m.keys.FalsePositive, m.keys.Corrected, m.keys.Vulnerability):
		if !m.canEdit {
			return m.refuse()
		}
		t := statusKeys[msg.String()]
		m.change(func(v *client.VulnChange) { v.Type = t })
		return nil
	case key.Matches(msg, m.keys.SeverityDown, m.keys.SeverityUp):
		if !m.canEdit {
			return m.refuse()
		}
		step := 1
		if key.Matches(msg, m.keys.SeverityUp) {
			step = -1
		}
		m.change(func(v *client.VulnChange) { v.Severity = shiftSeverity(v.Severity, step) })
		return nil
	}
	if cmd, ok := m.filterKeys(msg); ok {
		return cmd
	}
	if msg.String() == "/" {
		return nil
	}
	return tea.Batch(m.finds.Update(msg), m.moreFindings())
}

func (m *Model) updateDetail(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Down):
		m.dvp.ScrollDown(1)
	case key.Matches(msg, k.Up):
		m.dvp.ScrollUp(1)
	case common.ScrollPage(&m.dvp, k, msg): // by a page, or to an end
	case key.Matches(msg, m.keys.Back), key.Matches(msg, m.keys.Open):
		m.view = viewFindings
	case key.Matches(msg, m.keys.RiskAccepted, m.keys.FalsePositive, m.keys.Corrected, m.keys.Vulnerability,
		m.keys.SeverityDown, m.keys.SeverityUp):
		// The same keys as in the list, on this finding.
		if !m.canEdit {
			return m.refuse()
		}
		saved := m.marked
		m.marked = map[string]bool{m.detail: true}
		cmd := m.updateFindings(msg)
		m.marked = saved
		m.refreshFindingRows()
		return cmd
	case key.Matches(msg, m.keys.Save):
		return m.save()
	}
	return nil
}
