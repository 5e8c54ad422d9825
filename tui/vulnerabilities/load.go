package vulnerabilities

// Loading the lists page by page, and the rows drawn from them.

import (
	"strings"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

func (m *Model) query(page, size int) client.VulnQuery {
	return client.VulnQuery{Page: page, Size: size, Type: m.flt.Type, Severity: m.flt.Severity, Hash: m.flt.Hash}
}

func (m *Model) reloadFiles() tea.Cmd {
	m.fpages.Restart()
	return m.fetchFiles(1, filesPageSize)
}

func (m *Model) fetchFiles(page, size int) tea.Cmd {
	m.fpages.Loading = true
	id, seq, q, c, sc := m.id, m.fpages.Seq, m.query(page, size), m.c, m.scope
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
	if !m.fpages.More(m.files, nearEnd) {
		return nil
	}
	return m.fetchFiles(m.fpages.Page+1, filesPageSize)
}

// filesToEnd is G on the file list: the rest of it in one request (the
// workspace view's totalItems counts paths, not rows, so where the last
// row is cannot be worked out), the cursor on its last row.
func (m *Model) filesToEnd() tea.Cmd {
	if !m.fpages.GoToEnd() {
		return nil
	}
	return m.fetchFiles(1, bulkSize)
}

func (m *Model) reloadFindings() tea.Cmd {
	m.vpages.Restart()
	return m.fetchFindings(1, findingsPageSize)
}

// findingsToEnd is G on the findings: all of them in one request (their
// order is not fixed across pages, so one answer also lists each once).
func (m *Model) findingsToEnd() tea.Cmd {
	if !m.vpages.GoToEnd() {
		return nil
	}
	return m.fetchFindings(1, bulkSize)
}

func (m *Model) fetchFindings(page, size int) tea.Cmd {
	m.vpages.Loading = true
	q := m.query(page, size)
	q.File = m.file.File
	id, seq, c, wsID, repoID := m.id, m.vpages.Seq, m.c, m.scope.Workspace.WorkspaceID, m.file.RepositoryID
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
	if !m.vpages.More(m.finds, nearEnd) {
		return nil
	}
	return m.fetchFindings(m.vpages.Page+1, findingsPageSize)
}

func fileKey(f client.VulnFile) string { return f.RepositoryID + "\x00" + f.File }

func (m *Model) onFiles(msg filesMsg) tea.Cmd {
	ok, cmd := m.fpages.Reply(msg.seq, msg.page <= 1, msg.err, func() tea.Cmd { return m.fetchFiles(msg.page, msg.size) })
	if !ok {
		if m.fpages.Err != nil { // no list to show
			m.files.SetRows(nil)
			m.fileRows, m.forder = map[string]client.VulnFile{}, nil
		}
		return cmd
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
	m.fpages.Received((msg.page-1)*msg.size+len(msg.res.Data), filesPageSize)
	// In the workspace view totalItems counts paths, not rows: only a
	// short page says the list is complete.
	m.fpages.Done = len(msg.res.Data) < msg.size
	if m.fpages.Follow(m.files, len(m.forder)-1) {
		return m.fetchFiles(msg.page+1, msg.size)
	}
	return m.moreFiles()
}

func (m *Model) onFindings(msg findingsMsg) tea.Cmd {
	// Any page that fails is the list's failure: the findings keep no
	// MoreErr (r loads them again from the first page).
	if ok, cmd := m.vpages.Reply(msg.seq, true, msg.err, func() tea.Cmd { return m.fetchFindings(msg.page, msg.size) }); !ok {
		return cmd
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
	m.vpages.Received((msg.page-1)*msg.size+len(msg.res.Data), findingsPageSize)
	m.vpages.Done = len(msg.res.Data) < msg.size || len(m.order) >= m.vtotal
	m.refreshFindingRows()
	if m.vpages.Follow(m.finds, len(m.order)-1) {
		return m.fetchFindings(msg.page+1, msg.size)
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
