package repositories

import (
	"context"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// Sparse paging. The platform serves any page of the repository list
// directly (page, size; no total), and a workspace Manager knows the
// length of the list up front from the workspace's repositoriesCount. The
// table then holds that many rows at once: the ones loaded, and
// placeholders for the rest. Whatever comes on screen (or within a screen
// of it) is asked for, page by page, so G goes straight to the last page
// and pgdn never waits for the pages between.
//
// Without a count (a User, a search) the list grows from the top as the
// cursor nears its end; G then loads until the end with ever larger pages,
// showing how far it got, and lands on the last row.

// PageSize is the number of rows asked for in one page. BenchmarkOpenPageSize
// opens the tab with pages of 15 (the platform's smallest) to 200 against
// the demo platform costed as the real one: the first rows come as fast
// with 50 as with 15, within the noise (the model adds about 1 ms, 25 µs
// a row), and paging through takes a third of the round trips; larger
// pages add more to every page than they save.
var PageSize = 50

// maxChunk bounds the pages asked for while loading to the end of a list
// whose length is unknown: each asks for as many rows as are loaded, up to
// this, so 10,000 rows take about ten requests.
const maxChunk = 2000

// span is a request under way: size rows from offset.
type span struct{ off, size int }

// placeholder is drawn for a row not loaded yet.
var placeholder = table.Row{Cells: []string{"…"}}

// useCount reports whether the workspace's repositoriesCount is the length
// of this user's list: it is for those who see every repository.
func (m *Model) useCount() bool { return m.scope.WorkspaceAdmin() }

// restart starts a new list: a new search (or the first load). The rows
// shown stay until its first page comes.
func (m *Model) restart() tea.Cmd {
	m.pages.Seq++
	m.inflight = nil
	m.fresh = true
	m.answered = false
	m.pages.ToEnd = false
	m.pages.Err, m.pages.MoreErr = nil, nil
	return m.fetch(0, PageSize)
}

// refresh asks again for what is on screen (and near it) of the same
// list; the rows elsewhere are asked for again when they come near.
func (m *Model) refresh() tea.Cmd {
	if !m.answered || m.n == 0 {
		return m.restart()
	}
	m.pages.Restart()
	m.inflight = nil
	clear(m.have)
	m.loadedN = 0
	return m.ensure()
}

// startList makes the table the new list's, before its first page lands.
func (m *Model) startList() {
	m.fresh = false
	m.pages.Done = false
	m.counted = m.query == "" && m.useCount() && m.count > 0
	m.n = 0
	if m.counted {
		m.n = m.count
	}
	m.rows = make([]table.Row, m.n)
	for i := range m.rows {
		m.rows[i] = placeholder
	}
	m.have = make([]bool, m.n)
	m.loadedN = 0
	m.repos = make(map[string]client.Repository)
	m.table.SetRows(m.rows)
	m.table.SetCursor(0)
}

// fetch asks for the page of size rows that starts at off (a multiple of
// size).
func (m *Model) fetch(off, size int) tea.Cmd {
	m.inflight = append(m.inflight, span{off, size})
	seq, wsID, q, cl := m.pages.Seq, m.ws.WorkspaceID, m.query, m.c.Client
	n := off/size + 1
	return common.Do(m.c, m.id, tagPage, func(ctx context.Context) (page, error) {
		repos, err := cl.Repositories(ctx, wsID, client.RepositoryQuery{Page: n, Size: size, Search: q})
		return page{seq: seq, off: off, size: size, repos: repos}, err
	})
}

// covered reports whether row i is being asked for.
func (m *Model) covered(i int) bool {
	for _, s := range m.inflight {
		if i >= s.off && i < s.off+s.size {
			return true
		}
	}
	return false
}

func (m *Model) finished(off, size int) {
	for i, s := range m.inflight {
		if s.off == off && s.size == size {
			m.inflight = append(m.inflight[:i], m.inflight[i+1:]...)
			return
		}
	}
}

// ensure asks for the rows on screen that are not loaded; once they are,
// for those within a screen below and above, and (while the end is
// unknown and near, or G wants it) the rows after the last.
func (m *Model) ensure() tea.Cmd {
	if m.fresh || m.pages.Err != nil || m.pages.MoreErr != nil {
		return nil
	}
	first, end := m.table.Window()
	if screen := m.need(first, end); screen != nil {
		// The screen's pages alone: the rest would only slow them down,
		// and is asked for when they come.
		return screen
	}
	h := max(1, m.table.ScreenRows())
	cmds := []tea.Cmd{m.need(end, end+h), m.need(first-h, first)}
	if !m.pages.Done && (m.pages.ToEnd || end+h >= m.n) {
		cmds = append(cmds, m.next())
	}
	return tea.Batch(cmds...)
}

// need asks for the pages that hold the rows [lo, hi) not loaded yet.
func (m *Model) need(lo, hi int) tea.Cmd {
	lo, hi = max(0, lo), min(m.n, hi)
	var cmds []tea.Cmd
	for i := lo; i < hi; i++ {
		if m.have[i] || m.covered(i) {
			continue
		}
		off := i / PageSize * PageSize
		cmds = append(cmds, m.fetch(off, PageSize))
		i = off + PageSize - 1
	}
	return tea.Batch(cmds...)
}

// next asks for the rows after the last one of the list. Loading to the
// end of a list of unknown length, it asks for as many as there are (up
// to maxChunk). With a count it checks that nothing follows (the count is
// from when the workspaces were listed).
func (m *Model) next() tea.Cmd {
	if m.covered(m.n) {
		return nil
	}
	size := PageSize
	if m.pages.ToEnd && !m.counted {
		size = chunk(m.n)
	}
	return m.fetch(m.n/size*size, size)
}

// chunk is the page size that asks for the rows after the first n while
// loading to the end: n itself (the page after them) up to maxChunk, then
// the largest size up to maxChunk whose pages start at n, so no row is
// asked for twice.
func chunk(n int) int {
	if n <= maxChunk {
		return max(n, PageSize)
	}
	for d := maxChunk; d > PageSize; d-- {
		if n%d == 0 {
			return d
		}
	}
	return PageSize
}

// put lays a page's rows in place. A short page ends the list there.
func (m *Model) put(off, size int, repos []client.Repository) {
	if got := off + len(repos); got > m.n {
		m.grow(got)
	}
	for j, r := range repos {
		i := off + j
		m.repos[r.RepositoryID] = r
		m.rows[i] = m.row(r)
		if !m.have[i] {
			m.have[i] = true
			m.loadedN++
		}
	}
	if len(repos) < size {
		m.truncate(off + len(repos))
		m.pages.Done = true
		if m.query == "" {
			m.count = m.n
		}
	}
}

func (m *Model) grow(n int) {
	for len(m.rows) < n {
		m.rows = append(m.rows, placeholder)
		m.have = append(m.have, false)
	}
	m.n = n
}

func (m *Model) truncate(n int) {
	if n >= m.n {
		return
	}
	for _, h := range m.have[n:] {
		if h {
			m.loadedN--
		}
	}
	m.rows, m.have, m.n = m.rows[:n], m.have[:n], n
}

// removeRow takes row i out (a repository deleted): the rows after it move
// up, as they do on the platform.
func (m *Model) removeRow(i int) {
	if m.have[i] {
		m.loadedN--
	}
	m.rows = append(m.rows[:i], m.rows[i+1:]...)
	m.have = append(m.have[:i], m.have[i+1:]...)
	m.n--
	if m.count > 0 && m.query == "" {
		m.count--
	}
}

func (m *Model) onPage(r common.Result[page]) tea.Cmd {
	msg := r.Value
	if msg.seq != m.pages.Seq {
		return nil // an older search or refresh
	}
	m.finished(msg.off, msg.size)
	if ok, cmd := m.pages.Reply(msg.seq, !m.answered, r.Err, func() tea.Cmd { return m.fetch(msg.off, msg.size) }); !ok {
		return cmd
	}
	if m.fresh {
		m.startList()
	}
	m.answered = true
	m.put(msg.off, msg.size, msg.repos)
	m.table.SetRows(m.rows)
	if m.focus != "" && m.table.SelectID(m.focus) {
		m.focus = ""
	}
	m.pages.Follow(m.table, m.n-1) // ensure asks for the rest
	return m.ensure()
}

// counter is the status line's account of the list: how long it is (or
// how much is known of it), where the cursor is, and how much is loaded.
// It fits in the width: the hint goes first, then the search is cut;
// numbers are never cut.
func (m *Model) counter() string {
	if m.n == 0 {
		return ""
	}
	known := m.pages.Done || m.counted
	so := ""
	if !known {
		so = " so far"
	}
	q := safetext.Clean(m.query) // what the user typed (or pasted)
	head := func() string {
		if m.query == "" {
			return "Repositories · " + common.Thousands(m.n) + so
		}
		return "“" + q + "” · " + common.Thousands(m.n) + " found" + so
	}
	tail := []string{"row " + common.Thousands(m.table.Cursor()+1)}
	if m.loadedN < m.n {
		tail = append(tail, common.Thousands(m.loadedN)+" loaded")
	}
	if !known {
		tail = append(tail, "more as you scroll")
	}
	room := m.width
	text := strings.Join(append([]string{head()}, tail...), " · ")
	for ansi.StringWidth(text) > room && len(tail) > 1 {
		tail = tail[:len(tail)-1]
		text = strings.Join(append([]string{head()}, tail...), " · ")
	}
	if over := ansi.StringWidth(text) - room; over > 0 && q != "" {
		q = ansi.Truncate(q, max(1, ansi.StringWidth(q)-over), "…")
		text = strings.Join(append([]string{head()}, tail...), " · ")
	}
	return text
}
