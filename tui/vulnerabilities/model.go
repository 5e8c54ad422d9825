// Package vulnerabilities is the Vulnerabilities tab of a workspace (for
// its Managers) and of a repository (for any role there): the files with
// findings, filtered by severity, status and hash and paged by the
// platform; the findings of a file; and, for the roles the platform lets
// change them, the change of their status and severity, collected and
// saved in one request.
package vulnerabilities

import (
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// Page sizes asked of the platform; it has no upper limit, and a page
// is one request, so a large page keeps a long list quick to scroll.
const (
	filesPageSize    = 100
	findingsPageSize = 100
	// bulkSize is the page G asks for: the rest of a list in one request
	// (a multiple of the page sizes, so that scrolling can go on after it).
	bulkSize = 50000
	nearEnd  = 5
	narrow   = 70 // below it the file list leaves out the languages
)

type view int

const (
	viewFiles view = iota
	viewFindings
	viewDetail
)

// Filter is what the lists show: one severity or all, one status, and a
// part of a hash (which makes the platform ignore the status).
type Filter struct {
	Severity string // "" for all
	Type     string // one of client.VulnTypes
	Hash     string
}

// Model is the Vulnerabilities tab.
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope
	keys  keyMap

	canEdit bool
	flt     Filter
	view    view

	// The file list.
	files    *table.Model
	fileRows map[string]client.VulnFile
	forder   []string     // file keys in list order
	fpages   common.Pages // in pages of filesPageSize rows

	// The findings of the open file.
	file     client.VulnFile
	finds    *table.Model
	findRows map[string]client.Vulnerability
	order    []string     // finding IDs in list order
	vpages   common.Pages // in pages of findingsPageSize rows
	vtotal   int
	marked   map[string]bool
	pending  map[string]client.VulnChange
	rowCache map[string]cachedRow // drawn rows of the findings, by ID
	saving   bool
	saveErr  error
	detail   string         // ID of the finding shown in full
	dvp      viewport.Model // its scroll position, when taller than the tab

	// The hash search being typed.
	searching bool
	input     textinput.Model

	// The severity picker, when open.
	picker *form.Model

	width, height int
}

// New builds the tab for scope (a workspace, or one repository of it).
func New(c *common.Common, scope common.Scope) *Model {
	id := common.NewID()
	in := textinput.New()
	in.Prompt = "/ "
	in.PromptStyle = c.Styles.FilterPrompt
	in.Placeholder = "a part of a finding's hash"
	in.CharLimit = 128
	m := &Model{
		c: c, id: id, scope: scope, keys: newKeyMap(c.Keys),
		flt:      Filter{Type: client.TypeVulnerability},
		fileRows: map[string]client.VulnFile{},
		findRows: map[string]client.Vulnerability{},
		marked:   map[string]bool{},
		pending:  map[string]client.VulnChange{},
		input:    in,
		dvp:      viewport.New(0, 0),
	}
	// The tab's own keys scroll the finding: the viewport's would take f
	// (false positive) and space.
	m.dvp.KeyMap = viewport.KeyMap{}
	m.dvp.MouseWheelEnabled = true
	if scope.IsRepository() {
		m.canEdit = client.CanChangeFindings(scope.Workspace.Role, scope.Repository.Role, true)
	} else {
		m.canEdit = client.CanChangeFindings(scope.Workspace.Role, "", false)
	}
	m.files = table.New(common.NewID(), c.Styles, c.Keys, m.fileColumns(80))
	m.finds = table.New(common.NewID(), c.Styles, c.Keys, m.findingColumns(80))
	m.finds.Styler = m.styleFinding
	m.setEmptyTexts()
	return m
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return "Vulnerabilities" }
func (m *Model) Init() tea.Cmd { return m.reloadFiles() }

// Filter is the filter in force.
func (m *Model) Filter() Filter { return m.flt }

// CanEdit reports whether the user's role lets them change findings here.
func (m *Model) CanEdit() bool { return m.canEdit }

// Capturing is true while the hash search is typed or the severity
// picker is open.
func (m *Model) Capturing() bool { return m.searching || m.picker != nil }

// Typing is true while the hash is typed.
func (m *Model) Typing() bool { return m.searching || (m.picker != nil && m.picker.Capturing()) }

// HandlesEsc is true while esc closes something of this tab (a search, the
// picker, the findings of a file, a finding, pending changes) rather than
// the page.
func (m *Model) HandlesEsc() bool { return m.searching || m.picker != nil || m.view != viewFiles }

// Loading is true while a list is on its way.
func (m *Model) Loading() bool { return m.fpages.Loading || m.vpages.Loading || m.saving }

// Dirty is true while changes wait to be saved.
func (m *Model) Dirty() bool { return len(m.pending) > 0 }

// SetSize gives the tab its room.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.input.Width = max(10, w-4)
	m.setEmptyTexts()
	m.files.SetColumns(m.fileColumns(w))
	m.refreshFileRows()
	m.files.SetSize(w, max(2, h-2)) // the filter line above, the status line below
	m.finds.SetColumns(m.findingColumns(w))
	m.finds.SetSize(w, max(2, h-4)) // the file and filter lines, the pending bar and the status line
	if m.picker != nil {
		m.picker.SetSize(w-2, max(3, h-1)) // under the filter line
	}
}

func (m *Model) fileColumns(w int) []table.Column {
	cols := []table.Column{
		{Title: "File", Flex: 3, MinWidth: 16},
		{Title: "Languages", Width: 12},
		{Title: "Findings", Width: 8, Numeric: true},
		{Title: "Analysed", Width: 9},
	}
	if !m.scope.IsRepository() {
		cols = append(cols, table.Column{Title: "Repository", Flex: 1, MinWidth: 10})
	}
	if w < narrow {
		cols = append(cols[:1], cols[2:]...) // no room for the languages
	}
	return cols
}

func (m *Model) findingColumns(w int) []table.Column {
	cols := []table.Column{
		{Title: " ", Width: 1},
		{Title: "Severity", Width: 9},
		{Title: "Status", Width: 15},
		{Title: "Line", Width: 9},
		{Title: "Code", Flex: 3, MinWidth: 10},
	}
	if w >= 120 {
		cols = append(cols,
			table.Column{Title: "Tool", Width: 14},
			table.Column{Title: "Confidence", Width: 10},
			table.Column{Title: "Author", Flex: 1, MinWidth: 10},
			table.Column{Title: "Hash", Width: 12, Numeric: true},
		)
	}
	return cols
}
