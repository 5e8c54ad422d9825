// Package vulnerabilities is the Vulnerabilities tab of a workspace (for
// its Managers) and of a repository (for any role there): the files with
// findings, filtered by severity, status and hash and paged by the
// platform; the findings of a file; and, for the roles the platform lets
// change them, the change of their status and severity, collected and
// saved in one request.
package vulnerabilities

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
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
	forder   []string // file keys in list order
	fseq     int
	fpage    int // pages of filesPageSize rows received
	fdone    bool
	ftoEnd   bool // G: the cursor follows the list to its end
	floading bool
	ferr     error
	fmoreErr error

	// The findings of the open file.
	file     client.VulnFile
	finds    *table.Model
	findRows map[string]client.Vulnerability
	order    []string // finding IDs in list order
	vseq     int
	vpage    int // pages of findingsPageSize rows received
	vdone    bool
	vtoEnd   bool
	vloading bool
	verr     error
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

// HandlesEsc is true while esc closes something of this tab (a search, the
// picker, the findings of a file, a finding, pending changes) rather than
// the page.
func (m *Model) HandlesEsc() bool { return m.searching || m.picker != nil || m.view != viewFiles }

// Loading is true while a list is on its way.
func (m *Model) Loading() bool { return m.floading || m.vloading || m.saving }

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

// --- loading ---

func (m *Model) query(page, size int) client.VulnQuery {
	return client.VulnQuery{Page: page, Size: size, Type: m.flt.Type, Severity: m.flt.Severity, Hash: m.flt.Hash}
}

func (m *Model) reloadFiles() tea.Cmd {
	m.fseq++
	m.fpage, m.fdone = 0, false
	m.ferr, m.fmoreErr = nil, nil
	m.ftoEnd = false
	return m.fetchFiles(1, filesPageSize)
}

func (m *Model) fetchFiles(page, size int) tea.Cmd {
	m.floading = true
	id, seq, q, c, sc := m.id, m.fseq, m.query(page, size), m.c, m.scope
	width, today := m.width, m.c.Today()
	return func() tea.Msg {
		var res client.VulnFilePage
		var err error
		if sc.IsRepository() {
			res, err = c.Client.RepositoryVulnFiles(c.Ctx, sc.Workspace.WorkspaceID, sc.Repository.RepositoryID, q)
		} else {
			res, err = c.Client.WorkspaceVulnFiles(c.Ctx, sc.Workspace.WorkspaceID, q)
		}
		// The rows are drawn here, not in Update: a key pressed while
		// thousands arrive does not wait for them.
		rows := make([]table.Row, len(res.Data))
		for i, f := range res.Data {
			rows[i] = fileRow(f, width, today, sc.IsRepository())
		}
		return filesMsg{to: id, seq: seq, page: page, size: size, res: res, rows: rows, width: width, err: err}
	}
}

func (m *Model) moreFiles() tea.Cmd {
	if m.floading || m.fdone || m.ferr != nil || m.fmoreErr != nil || m.fpage == 0 || !m.files.NearEnd(nearEnd) {
		return nil
	}
	return m.fetchFiles(m.fpage+1, filesPageSize)
}

// filesToEnd is G on the file list: the rest of it in one request (the
// workspace view's totalItems counts paths, not rows, so where the last
// row is cannot be worked out), the cursor on its last row.
func (m *Model) filesToEnd() tea.Cmd {
	if m.fdone || m.fpage == 0 || m.ferr != nil {
		return nil
	}
	m.ftoEnd, m.fmoreErr = true, nil
	m.fseq++ // a page of the scrolling on its way is not needed
	return m.fetchFiles(1, bulkSize)
}

func (m *Model) reloadFindings() tea.Cmd {
	m.vseq++
	m.vpage, m.vdone = 0, false
	m.verr = nil
	m.vtoEnd = false
	return m.fetchFindings(1, findingsPageSize)
}

// findingsToEnd is G on the findings: all of them in one request (their
// order is not fixed across pages, so one answer also lists each once).
func (m *Model) findingsToEnd() tea.Cmd {
	if m.vdone || m.vpage == 0 || m.verr != nil {
		return nil
	}
	m.vtoEnd = true
	m.vseq++
	return m.fetchFindings(1, bulkSize)
}

func (m *Model) fetchFindings(page, size int) tea.Cmd {
	m.vloading = true
	q := m.query(page, size)
	q.File = m.file.File
	id, seq, c, wsID, repoID := m.id, m.vseq, m.c, m.scope.Workspace.WorkspaceID, m.file.RepositoryID
	wide := m.width >= 120
	return func() tea.Msg {
		// The row's repository: there is no workspace route for one file.
		res, err := c.Client.FileVulnerabilities(c.Ctx, wsID, repoID, q)
		// Drawn here, unmarked and unchanged, off the program's loop.
		rows := make([]cachedRow, len(res.Data))
		for i, v := range res.Data {
			in := rowInputs{v: v, wide: wide}
			rows[i] = cachedRow{in: in, row: findingRow(in)}
		}
		return findingsMsg{to: id, seq: seq, page: page, size: size, res: res, rows: rows, err: err}
	}
}

func (m *Model) moreFindings() tea.Cmd {
	if m.vloading || m.vdone || m.verr != nil || m.vpage == 0 || !m.finds.NearEnd(nearEnd) {
		return nil
	}
	return m.fetchFindings(m.vpage+1, findingsPageSize)
}

// pagesOf is how many pages of size rows got received rows fill (at least
// one: a page was answered). Until the list is complete got is a multiple
// of size, so the next page of scrolling starts right after them.
func pagesOf(got, size int) int { return max(1, (got+size-1)/size) }

func fileKey(f client.VulnFile) string { return f.RepositoryID + "\x00" + f.File }

func (m *Model) onFiles(msg filesMsg) tea.Cmd {
	if msg.seq != m.fseq {
		return nil
	}
	m.floading = false
	if msg.err != nil {
		if client.IsKind(msg.err, client.KindUnauthenticated) {
			return common.SessionExpired(m.fetchFiles(msg.page, msg.size))
		}
		if msg.page <= 1 {
			m.ferr = msg.err
			m.files.SetRows(nil)
			m.fileRows, m.forder = map[string]client.VulnFile{}, nil
		} else {
			m.fmoreErr = msg.err
		}
		m.ftoEnd = false
		return nil
	}
	if msg.page <= 1 {
		m.fileRows = make(map[string]client.VulnFile, len(msg.res.Data))
		m.forder = m.forder[:0]
	}
	rows := make([]table.Row, 0, len(msg.res.Data))
	for i, f := range msg.res.Data {
		k := fileKey(f)
		if _, dup := m.fileRows[k]; dup {
			continue
		}
		m.fileRows[k] = f
		m.forder = append(m.forder, k)
		if msg.width == m.width && i < len(msg.rows) {
			rows = append(rows, msg.rows[i])
		} else { // drawn for another width
			rows = append(rows, m.fileRow(f))
		}
	}
	if msg.page <= 1 {
		m.files.SetRows(rows)
	} else {
		m.files.AppendRows(rows)
	}
	got := (msg.page-1)*msg.size + len(msg.res.Data)
	m.fpage = pagesOf(got, filesPageSize)
	// In the workspace view totalItems counts paths, not rows: only a
	// short page says the list is complete.
	m.fdone = len(msg.res.Data) < msg.size
	m.ferr, m.fmoreErr = nil, nil
	if m.ftoEnd {
		m.files.SetCursor(len(m.forder) - 1)
		if !m.fdone {
			return m.fetchFiles(msg.page+1, msg.size)
		}
		m.ftoEnd = false
	}
	return m.moreFiles()
}

func (m *Model) onFindings(msg findingsMsg) tea.Cmd {
	if msg.seq != m.vseq {
		return nil
	}
	m.vloading = false
	if msg.err != nil {
		if client.IsKind(msg.err, client.KindUnauthenticated) {
			return common.SessionExpired(m.fetchFindings(msg.page, msg.size))
		}
		m.verr = msg.err
		m.vtoEnd = false
		return nil
	}
	if msg.page <= 1 {
		m.findRows = make(map[string]client.Vulnerability, len(msg.res.Data))
		m.order = m.order[:0]
		m.rowCache = nil
	}
	if m.rowCache == nil {
		m.rowCache = make(map[string]cachedRow, len(msg.rows))
	}
	for i, v := range msg.res.Data {
		if _, dup := m.findRows[v.VulnerabilityID]; dup {
			continue // findings of equal severity have no fixed order across pages
		}
		m.findRows[v.VulnerabilityID] = v
		m.order = append(m.order, v.VulnerabilityID)
		if i < len(msg.rows) {
			m.rowCache[v.VulnerabilityID] = msg.rows[i]
		}
	}
	m.vtotal = msg.res.TotalItems
	m.vpage = pagesOf((msg.page-1)*msg.size+len(msg.res.Data), findingsPageSize)
	m.vdone = len(msg.res.Data) < msg.size || len(m.order) >= m.vtotal
	m.refreshFindingRows()
	if m.vtoEnd {
		m.finds.SetCursor(len(m.order) - 1)
		if !m.vdone {
			return m.fetchFindings(msg.page+1, msg.size)
		}
		m.vtoEnd = false
	}
	return m.moreFindings()
}

// --- rows ---

func (m *Model) fileRow(f client.VulnFile) table.Row {
	return fileRow(f, m.width, m.c.Today(), m.scope.IsRepository())
}

// fileRow draws a file's row for a list width wide; a function of its
// arguments alone, so that a page's rows are drawn in the command that
// fetched it, off the program's loop.
func fileRow(f client.VulnFile, width int, today time.Time, repoView bool) table.Row {
	langs := strings.Join(f.Languages, ", ")
	cells := []string{safetext.Clean(f.File), safetext.Clean(langs), itoa(f.TotalVulnerabilities), age(today, f.CreatedAt)}
	if width < narrow {
		cells = append(cells[:1], cells[2:]...)
	}
	if !repoView {
		cells = append(cells, safetext.Clean(f.RepositoryName))
	}
	if f.File == "" {
		cells[0] = "(no path)"
	}
	return table.Row{ID: fileKey(f), Cells: cells}
}

// effective is a finding as it will be after the pending changes.
func (m *Model) effective(v client.Vulnerability) client.Vulnerability {
	if p, ok := m.pending[v.VulnerabilityID]; ok {
		v.Severity, v.Type = p.Severity, p.Type
	}
	return v
}

// findingRow draws a finding's row from what it depends on alone (see
// rowInputs), so that a page's rows can be drawn off the program's loop.
func findingRow(in rowInputs) table.Row {
	v, e := in.v, in.v
	mark := " "
	if in.marked {
		mark = "●"
	}
	sev, typ := v.Severity, v.Type
	if in.pending.VulnerabilityID != "" {
		e.Severity, e.Type = in.pending.Severity, in.pending.Type
		sev, typ = e.Severity, e.Type
		if e.Severity != v.Severity {
			sev += "*"
		}
		if e.Type != v.Type {
			typ += "*"
		}
	}
	cells := []string{mark, safetext.Clean(sev), safetext.Clean(typ), safetext.Clean(v.Line + ":" + v.Column), safetext.Clean(oneLine(v.Code))}
	if in.wide {
		cells = append(cells, safetext.Clean(v.SecurityTool), safetext.Clean(v.Confidence), safetext.Clean(v.CommitAuthor), safetext.Clean(shortHash(v.VulnHash)))
	}
	return table.Row{ID: v.VulnerabilityID, Cells: cells}
}

// refreshFileRows draws the loaded files again (after a resize).
func (m *Model) refreshFileRows() {
	rows := make([]table.Row, 0, len(m.forder))
	for _, k := range m.forder {
		rows = append(rows, m.fileRow(m.fileRows[k]))
	}
	m.files.SetRows(rows)
	m.refreshFindingRows()
}

// rowInputs is everything a finding's row is drawn from: a row is drawn
// again only when one of them changed (a key on a file of thousands of
// findings then costs what the rows it changed cost).
type rowInputs struct {
	v       client.Vulnerability
	pending client.VulnChange
	marked  bool
	wide    bool
}

type cachedRow struct {
	in  rowInputs
	row table.Row
}

func (m *Model) refreshFindingRows() {
	if m.rowCache == nil {
		m.rowCache = make(map[string]cachedRow, len(m.order))
	}
	rows := make([]table.Row, 0, len(m.order))
	for _, id := range m.order {
		in := rowInputs{v: m.findRows[id], pending: m.pending[id], marked: m.marked[id], wide: m.width >= 120}
		c, ok := m.rowCache[id]
		if !ok || c.in != in {
			c = cachedRow{in: in, row: findingRow(in)}
			m.rowCache[id] = c
		}
		rows = append(rows, c.row)
	}
	m.finds.SetRows(rows)
}

func (m *Model) setEmptyTexts() {
	what := "open findings"
	switch {
	case m.flt.Hash != "":
		what = "findings whose hash contains “" + safetext.Fit(m.flt.Hash, 24) + "”"
	case m.flt.Type != client.TypeVulnerability:
		what = "findings marked " + m.flt.Type
	}
	if m.flt.Severity != "" && m.flt.Hash == "" {
		what = strings.Replace(what, "findings", titleCase(m.flt.Severity)+" findings", 1)
	}
	// The table draws these on one line, two cells in: they are wrapped
	// here to the tab's width.
	fit := func(s string) string {
		return strings.ReplaceAll(ansi.Wrap(s, max(20, m.width-4), ""), "\n", "\n  ")
	}
	m.files.Empty = fit("No file with " + what + " in the latest analysis. Press c to clear the filters, t to show another status.")
	m.finds.Empty = fit("No " + what + " in this file.")
}

// --- update ---

// Update handles keys and replies.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case filesMsg:
		if msg.to != m.id {
			return nil
		}
		return m.onFiles(msg)
	case findingsMsg:
		if msg.to != m.id {
			return nil
		}
		return m.onFindings(msg)
	case savedMsg:
		if msg.to != m.id {
			return nil
		}
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
	m.ftoEnd = false // any other key stops the cursor following the load
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
		if m.fmoreErr != nil {
			m.fmoreErr = nil
			return m.fetchFiles(m.fpage+1, filesPageSize)
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
	m.vtoEnd = false
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
	case key.Matches(msg, k.PageDown):
		m.dvp.PageDown()
	case key.Matches(msg, k.PageUp):
		m.dvp.PageUp()
	case key.Matches(msg, k.Top):
		m.dvp.GotoTop()
	case key.Matches(msg, k.Bottom):
		m.dvp.GotoBottom()
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

// targets are the marked findings, or the one under the cursor.
func (m *Model) targets() []string {
	if len(m.marked) > 0 {
		out := make([]string, 0, len(m.marked))
		for id := range m.marked {
			if _, ok := m.findRows[id]; ok {
				out = append(out, id)
			}
		}
		sort.Strings(out)
		return out
	}
	if row, ok := m.finds.Selected(); ok {
		return []string{row.ID}
	}
	return nil
}

// change applies fn to the targets' pending change; a change back to what
// the platform holds is no change.
func (m *Model) change(fn func(*client.VulnChange)) {
	for _, id := range m.targets() {
		v := m.findRows[id]
		e := m.effective(v)
		ch := client.VulnChange{VulnerabilityID: id, Severity: e.Severity, Type: e.Type}
		fn(&ch)
		if ch.Severity == v.Severity && ch.Type == v.Type {
			delete(m.pending, id)
		} else {
			m.pending[id] = ch
		}
	}
	m.saveErr = nil
	m.refreshFindingRows()
}

func (m *Model) refuse() tea.Cmd {
	return common.Status(common.StatusError, m.readOnlyText())
}

func (m *Model) readOnlyText() string {
	role := m.scope.Workspace.Role
	where := "the workspace"
	if m.scope.IsRepository() {
		role = m.scope.Repository.Role
		where = m.scope.Repository.Name
	}
	return "Read-only: only " + client.ChangeFindingsRoles(m.scope.IsRepository()) +
		" can change findings; you are " + article(client.RoleName(role)) + " of " + safetext.Clean(where) + "."
}

// readOnlyShort says the same in a line of 80.
func (m *Model) readOnlyShort() string {
	role := m.scope.Workspace.Role
	who := "a workspace Manager"
	if m.scope.IsRepository() {
		role = m.scope.Repository.Role
		who = "a repository Manager or Supervisor"
	}
	return "Read-only for " + article(client.RoleName(role)) + ": " + who + " can change findings."
}

// save sends every pending change in one request, each with both its
// severity and its status, and the analysis of the file's listing.
func (m *Model) save() tea.Cmd {
	if len(m.pending) == 0 || m.saving {
		return nil
	}
	if !m.canEdit {
		return m.refuse()
	}
	u := client.VulnUpdate{AnalysisID: m.file.AnalysisID}
	for _, ch := range m.pending {
		u.Vulnerabilities = append(u.Vulnerabilities, ch)
	}
	sort.Slice(u.Vulnerabilities, func(i, j int) bool {
		return u.Vulnerabilities[i].VulnerabilityID < u.Vulnerabilities[j].VulnerabilityID
	})
	m.saving, m.saveErr = true, nil
	id, c, sc, repoID := m.id, m.c, m.scope, m.file.RepositoryID
	n := len(u.Vulnerabilities)
	return func() tea.Msg {
		var err error
		if sc.IsRepository() {
			err = c.Client.UpdateRepositoryVulnerabilities(c.Ctx, sc.Workspace.WorkspaceID, repoID, u)
		} else {
			err = c.Client.UpdateWorkspaceVulnerabilities(c.Ctx, sc.Workspace.WorkspaceID, u)
		}
		return savedMsg{to: id, n: n, err: err}
	}
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		if client.IsKind(msg.err, client.KindUnauthenticated) {
			return common.SessionExpired(m.save())
		}
		m.saveErr = msg.err
		return nil
	}
	m.pending, m.marked = map[string]client.VulnChange{}, map[string]bool{}
	if m.view == viewDetail {
		m.view = viewFindings
	}
	return tea.Batch(
		common.Status(common.StatusSuccess, "Saved "+plural(msg.n, "change")+"."),
		m.reloadFiles(), m.reloadFindings(),
		func() tea.Msg { return common.FindingsChangedMsg{} },
	)
}

// --- help ---

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
