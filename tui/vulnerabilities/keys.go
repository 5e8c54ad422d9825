package vulnerabilities

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// keyMap is the tab's keys: the shared ones in this tab's words, and the
// triage keys.
type keyMap struct {
	Open, Back, Refresh, Up, Down key.Binding

	Severity    key.Binding // 1–6 one severity, 0 all
	Pick        key.Binding // the severity picker
	Status      key.Binding // cycles the status shown
	Search      key.Binding // "/" a part of a hash
	ClearFilter key.Binding

	// Changing findings (findings view).
	Mark           key.Binding
	RiskAccepted   key.Binding
	FalsePositive  key.Binding
	Corrected      key.Binding
	Vulnerability  key.Binding
	SeverityDown   key.Binding
	SeverityUp     key.Binding
	Save           key.Binding
	Discard        key.Binding
	DetailsOfFocus key.Binding
}

func newKeyMap(k *keys.KeyMap) keyMap {
	return keyMap{
		Open:           keys.WithHelp(k.Open, "open"),
		Back:           k.Back,
		Refresh:        k.Refresh,
		Up:             k.Up,
		Down:           k.Down,
		Severity:       key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6"), key.WithHelp("1–6/0", "severity/all")),
		Pick:           key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "pick severity")),
		Status:         key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "status shown")),
		Search:         keys.WithHelp(k.Filter, "search hash"),
		ClearFilter:    key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "clear filters")),
		Mark:           key.NewBinding(key.WithKeys(" "), key.WithHelp("space", "mark")),
		RiskAccepted:   key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "risk accepted")),
		FalsePositive:  key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "false positive")),
		Corrected:      key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "corrected")),
		Vulnerability:  key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "vulnerability")),
		SeverityDown:   key.NewBinding(key.WithKeys("-"), key.WithHelp("-/+", "severity")),
		SeverityUp:     key.NewBinding(key.WithKeys("+", "="), key.WithHelp("+", "raise severity")),
		Save:           keys.WithHelp(k.Submit, "save changes"),
		Discard:        key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "discard changes")),
		DetailsOfFocus: keys.WithHelp(k.Open, "details"),
	}
}

// severityKeys maps the digit keys to the severities, gravest first.
var severityKeys = map[string]string{
	"0": "", "1": client.SeverityCritical, "2": client.SeverityHigh, "3": client.SeverityMedium,
	"4": client.SeverityLow, "5": client.SeverityInfo, "6": client.SeverityUnknown,
}

// severityChoices are the picker's options, in the digit keys' order
// after "all".
var severityChoices = []string{"", client.SeverityCritical, client.SeverityHigh, client.SeverityMedium,
	client.SeverityLow, client.SeverityInfo, client.SeverityUnknown}

// statusKeys maps the status keys to the platform's types.
var statusKeys = map[string]string{
	"a": client.TypeRiskAccepted, "f": client.TypeFalsePositive, "x": client.TypeCorrected, "v": client.TypeVulnerability,
}

// ShortHelp is the keys of the current view.
func (m *Model) ShortHelp() []key.Binding {
	if m.searching {
		return []key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "search")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}
	}
	if m.picker != nil {
		return m.picker.Help()
	}
	switch m.view {
	case viewDetail:
		b := []key.Binding{keyBack(m)}
		if m.detailScrolls() {
			b = append(b, keys.WithHelp(m.c.Keys.Down, "scroll"))
		}
		if m.canEdit {
			b = append(b, m.keys.FalsePositive, m.keys.RiskAccepted, m.keys.Save)
		}
		return b
	case viewFindings:
		b := []key.Binding{m.keys.DetailsOfFocus}
		if m.canEdit {
			b = append(b, m.keys.Mark, m.keys.FalsePositive, m.keys.RiskAccepted, m.keys.Corrected, m.keys.SeverityDown)
		}
		if len(m.pending) > 0 {
			b = append(b, m.keys.Save, m.keys.Discard)
		} else {
			b = append(b, m.keys.Severity, m.keys.Status, keyBack(m))
		}
		return b
	}
	return []key.Binding{m.keys.Open, m.keys.Severity, m.keys.Pick, m.keys.Status, m.keys.Search, m.keys.Refresh}
}

func keyBack(m *Model) key.Binding { return m.keys.Back }

// FullHelp is every key of the tab.
func (m *Model) FullHelp() [][]key.Binding {
	first := []key.Binding{m.keys.Open, m.keys.Refresh}
	if m.view != viewFiles {
		first = append(first, m.keys.Back) // in the file list the shell's esc goes back
	}
	lists := [][]key.Binding{
		first,
		{m.keys.Severity, m.keys.Pick, m.keys.Status, m.keys.Search, m.keys.ClearFilter},
	}
	if m.canEdit {
		lists = append(lists, []key.Binding{m.keys.Mark, m.keys.Vulnerability, m.keys.RiskAccepted, m.keys.FalsePositive,
			m.keys.Corrected, m.keys.SeverityDown, m.keys.SeverityUp, m.keys.Save, m.keys.Discard})
	}
	return lists
}

var _ common.Screen = (*Model)(nil)
