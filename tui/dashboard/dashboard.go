// Package dashboard is the Dashboard tab of a workspace or a repository:
// totals, vulnerabilities by severity (with their status breakdown), the
// top developers, languages and repositories, and the timeline, for a
// period picked as in the web manager.
package dashboard

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/period"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// Keys of this tab beyond the shared ones.
var (
	keyPeriod    = key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "period"))
	keyExportCSV = key.NewBinding(key.WithKeys("X"), key.WithHelp("X", "export CSV"))
)

// Model is the Dashboard tab.
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope

	period period.Period
	custom client.DateRange
	rng    client.DateRange // what the data answers (or is being asked for)

	list *common.List[client.Dashboard]
	data *client.Dashboard // placeholders removed; nil before the first answer
	// exporting is true while an export is being written.
	exporting bool
	// exported says where the last export went, whole, over the figures.
	exported string

	sel  int  // selected severity bar
	open bool // the selected bar's breakdown is shown
	sub  int  // the status selected in the breakdown; -1 for the bar itself
	// chosen is the lines of the body that must be in view: the selected
	// bar (and its breakdown when open), as body last drew them.
	chosen [2]int

	picker *form.Model // the period picker, when open

	vp viewport.Model

	// ExportDir is where exports are written; "" is the working directory.
	ExportDir string

	width, height int
}

// exportTag tags an export's reply with its format (JSON or CSV).
type exportTag struct{ format string }

// New builds the Dashboard tab for scope.
func New(c *common.Common, scope common.Scope) common.Screen {
	return newModel(c, scope)
}

func newModel(c *common.Common, scope common.Scope) *Model {
	m := &Model{
		c:      c,
		id:     common.NewID(),
		scope:  scope,
		period: period.Beginning,
		sub:    -1,
		vp:     viewport.New(0, 0),
		// ExportDir: where the person asked exports to go.
		ExportDir: c.ExportDir,
	}
	m.list = common.NewList(c, m.id, nil, m.show)
	m.rng = period.Range(m.period, c.Today(), m.custom)
	// The viewport's own keys would take ↑/↓ from the severity bars.
	m.vp.KeyMap = viewport.KeyMap{}
	m.vp.MouseWheelEnabled = true
	return m
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return "Dashboard" }

// Init reads the dashboard for the default period.
func (m *Model) Init() tea.Cmd { return m.load() }

// Capturing is true while the period picker is open.
func (m *Model) Capturing() bool { return m.picker != nil }

// Typing is true while a date field of the period picker has focus.
func (m *Model) Typing() bool { return m.picker != nil && m.picker.Capturing() }

func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	if m.picker != nil {
		m.picker.SetSize(w, h-1) // a blank line above it
	}
	m.layout()
}

func (m *Model) load() tea.Cmd {
	m.rng = period.Range(m.period, m.c.Today(), m.custom)
	c, scope, rng := m.c, m.scope, m.rng
	cmd := m.list.LoadWith(func(ctx context.Context) (client.Dashboard, error) {
		return fetchDashboard(ctx, c.Client, scope, rng)
	})
	m.layout()
	return cmd
}

// show puts a dashboard that arrived on screen.
func (m *Model) show(d client.Dashboard) {
	d = d.Clean()
	m.data = &d
}

// fetchDashboard reads the workspace's or the repository's dashboard.
func fetchDashboard(ctx context.Context, cl *client.Client, scope common.Scope, rng client.DateRange) (client.Dashboard, error) {
	if scope.Repository != nil {
		return cl.RepositoryDashboard(ctx, scope.Workspace.WorkspaceID, scope.Repository.RepositoryID, rng)
	}
	return cl.WorkspaceDashboard(ctx, scope.Workspace.WorkspaceID, rng)
}

// Update handles keys and replies.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if mine, cmd := m.list.Update(msg); mine {
		m.layout()
		return cmd
	}
	if r, tag, ok := common.Tagged[exportTag, string](msg, m.id); ok {
		m.exporting = false
		if r.Err != nil {
			return common.Status(common.StatusError, "Export failed: "+r.Err.Error())
		}
		m.exported = exportedNotice(m.c.Styles, tag.format, r.Value, max(20, m.width-2))
		m.layout()
		m.vp.GotoTop()
		return common.Status(common.StatusSuccess, "Exported the dashboard as "+tag.format+".")
	}
	switch msg := msg.(type) {
	case common.RefreshMsg:
		return m.load()
	case common.FindingsChangedMsg:
		if !m.list.Loaded() && !m.list.Loading() && m.list.Err() == nil {
			return nil // not opened yet: it reads them when it is
		}
		return m.load()
	case tea.KeyMsg:
		if m.picker != nil {
			return m.updatePicker(msg)
		}
		return m.updateKeys(msg)
	case tea.MouseMsg:
		var cmd tea.Cmd
		m.vp, cmd = m.vp.Update(msg)
		return cmd
	default:
		if m.picker != nil {
			cmd, _ := m.picker.Update(msg)
			return cmd
		}
	}
	return nil
}

func (m *Model) updateKeys(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	switch {
	case key.Matches(msg, k.Up):
		// An open breakdown's statuses are lines of their own.
		switch {
		case m.open && m.sub >= 0:
			m.sub--
		case m.sel > 0:
			m.sel--
			if m.open {
				m.sub = len(statuses) - 1
			}
		}
	case key.Matches(msg, k.Down):
		switch {
		case m.open && m.sub < len(statuses)-1:
			m.sub++
		case m.sel < len(severities)-1:
			m.sel++
			m.sub = -1
		}
	case key.Matches(msg, k.Open):
		if m.open {
			// On the open bar, the findings of that severity; on one of
			// its statuses, those of that severity and status.
			f := common.VulnerabilityFilterMsg{Severity: strings.ToUpper(severities[m.sel].Key)}
			if m.sub >= 0 {
				f.Type = statuses[m.sub].Type
			}
			return common.ShowTab("Vulnerabilities", f)
		}
		m.open, m.sub = true, -1
	case msg.String() == "esc" && m.open:
		m.open, m.sub = false, -1
	case common.ScrollPage(&m.vp, k, msg):
		return nil
	case key.Matches(msg, k.Refresh):
		return m.load()
	case key.Matches(msg, keyPeriod):
		m.openPicker()
		return m.picker.Init()
	case key.Matches(msg, k.Export):
		return m.export(formatJSON)
	case key.Matches(msg, keyExportCSV):
		return m.export(formatCSV)
	default:
		return nil
	}
	m.layout()
	m.keepChosenInView()
	return nil
}

// keepChosenInView scrolls the body so that the selected bar, or the
// status selected in its breakdown, is on screen (the whole breakdown when
// it has just been opened and there is room).
func (m *Model) keepChosenInView() {
	from, to := m.chosen[0], m.chosen[1]
	if to-from >= m.vp.Height {
		to = from + m.vp.Height - 1
	}
	if to >= m.vp.YOffset+m.vp.Height {
		m.vp.SetYOffset(to - m.vp.Height + 1)
	}
	if from < m.vp.YOffset {
		m.vp.SetYOffset(from)
	}
}

// --- period picker ---

func (m *Model) openPicker() {
	opts := make([]form.Option, 0, len(period.All))
	sel := 0
	for i, p := range period.All {
		opts = append(opts, form.Option{Value: p.Key(), Label: p.Label()})
		if p == m.period {
			sel = i
		}
	}
	choice := form.Choice("period", "Period", opts, sel)
	custom := func() bool { return choice.Value() != period.Custom.Key() }
	from := form.Text("from", "From (YYYY-MM-DD)", "", 10, validDate)
	from.Hidden = custom
	to := form.Text("to", "To (YYYY-MM-DD)", "", 10, validDate)
	to.Hidden = custom
	r := m.rng
	from.SetValue(r.From.Format(client.DateLayout))
	to.SetValue(r.To.Format(client.DateLayout))
	f := form.New(m.c.Styles, m.c.Keys, "Dashboard period", choice, from, to)
	f.Note = "The timeline shows this period; totals, severities and the top lists count each repository's latest analysis."
	f.SubmitText = "Apply"
	f.SetSize(m.width, m.height-1)
	m.picker = f
}

func validDate(v string) string {
	if _, err := period.ParseCustom(v, v); err != nil {
		return "Type a date as YYYY-MM-DD."
	}
	return ""
}

func (m *Model) updatePicker(msg tea.Msg) tea.Cmd {
	cmd, action := m.picker.Update(msg)
	switch action {
	case form.Cancel:
		m.picker = nil
		m.layout()
		return nil
	case form.Submit:
		p := period.Of(m.picker.Value("period"))
		if p == period.Custom {
			r, err := period.ParseCustom(m.picker.Value("from"), m.picker.Value("to"))
			if err != nil {
				m.picker.SetError("to", "The end date is before the start date.")
				return nil
			}
			m.custom = r
		}
		m.period = p
		m.picker = nil
		return m.load()
	}
	return cmd
}

// --- help ---

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.picker != nil {
		return m.picker.Help()
	}
	open := keyWithHelp(k.Open, "enter", "by status")
	if m.open {
		open = keyWithHelp(k.Open, "enter", "its findings")
	}
	b := []key.Binding{keyWithHelp(k.Up, "↑/↓", "severity"), open, keyPeriod}
	if m.data != nil {
		b = append(b, keyWithHelp(k.Export, "x", "export JSON"), keyExportCSV)
	}
	return append(b, k.Refresh)
}

func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	if m.picker != nil {
		return [][]key.Binding{m.picker.Help()}
	}
	return [][]key.Binding{
		{k.Up, k.Down, keyWithHelp(k.Open, "enter", "severity by status, then its findings")},
		{k.PageUp, k.PageDown, k.Top, k.Bottom},
		m.ShortHelp()[2:],
	}
}

func keyWithHelp(b key.Binding, keyName, desc string) key.Binding {
	nb := b
	nb.SetHelp(keyName, desc)
	return nb
}

// HandlesEsc is true while esc closes the period picker or a breakdown.
func (m *Model) HandlesEsc() bool { return m.picker != nil || m.open }

// Loading is true while the dashboard is being read.
func (m *Model) Loading() bool { return m.list.Loading() || m.exporting }
