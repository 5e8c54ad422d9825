// Package repositories is the Repositories tab of a workspace: the
// repositories the user may see, paged and searched by the platform, with
// create, edit and delete for those whose role allows it.
//
// repositories.go is the host: the list's keys and the dialog open over
// it (an embedded dialog.TableHost); paging.go loads the list, page by
// page as the cursor nears them, several at once (so not common.List,
// which loads one value, but common.Pages, the paged-list helper the
// Vulnerabilities tab uses too, for what is kept of a query and how a
// page's reply is taken);
// form.go creates and edits (a dialog.FormHost); delete.go deletes (a
// dialog.Confirm); view.go draws.
package repositories

import (
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/repository"
)

// SearchDelay is the pause after the last key of a filter before the
// platform is asked: typing "payments" sends one search, not eight.
var SearchDelay = 300 * time.Millisecond

// Model is the Repositories tab.
type Model struct {
	c     *common.Common
	id    int
	ws    client.Workspace
	scope common.Scope

	table *table.Model
	repos map[string]client.Repository // loaded rows by id

	// Paging and searching (paging.go). pages.Seq changes with every new
	// query (search, refresh): replies carrying another are for a list no
	// longer shown. pages.Done: a short page came back, n is the list's
	// length; pages.ToEnd: G while the length is unknown, loading to the
	// end. The requests under way are in inflight (pages.Loading and
	// pages.Page are not used: several pages are asked for at once).
	pages    common.Pages
	query    string      // the search the rows answer
	rows     []table.Row // the table's rows: n of them, loaded or placeholders
	have     []bool      // have[i]: row i is loaded
	n        int         // rows in the list as far as it is known
	loadedN  int         // rows loaded
	counted  bool        // n came from the workspace's repositoriesCount
	count    int         // the whole list's length when known (0: unknown)
	fresh    bool        // a new list was asked for; its first page replaces the rows
	answered bool        // a page of the current list came back
	inflight []span      // requests under way for pages.Seq
	// focus is a repository just created: the cursor goes to it once a
	// page holding it arrives.
	focus string

	// Debounced filter: filterSeq counts changes of the filter text.
	filterSeq int
	pending   string

	// dialogs holds the form or the delete prompt open over the list
	// (none: the list has the keys). Its Capturing, Typing, HandlesEsc,
	// Dirty and Close are the tab's.
	dialogs
	// leftSending is true while a form closed with esc waits for its
	// reply, which the list takes over.
	leftSending bool

	width, height int
}

// dialogs hosts the tab's dialogs over its list.
type dialogs = dialog.TableHost

// tag tells this tab's requests apart.
type tag int

const (
	tagPage tag = iota + 1
	tagSave
	tagDelete
)

// New builds the Repositories tab of ws.
func New(c *common.Common, ws client.Workspace) common.Screen {
	return newModel(c, ws)
}

func newModel(c *common.Common, ws client.Workspace) *Model {
	id := common.NewID()
	t := table.New(id, c.Styles, c.Keys, []table.Column{
		{Title: "Name", Flex: 2, MinWidth: 12},
		{Title: "Description", Flex: 3},
		{Title: "Your role", Width: 17},
	})
	t.ServerFilter = true
	m := &Model{
		c:     c,
		id:    id,
		ws:    ws,
		scope: common.Scope{Workspace: ws},
		table: t,
		repos: map[string]client.Repository{},
		count: ws.RepositoriesCount,
	}
	m.dialogs.Table = t
	t.Styler = func(row table.Row, _ int, _ bool) (lipgloss.Style, bool) {
		return c.Styles.Subtle, row.ID == "" // not loaded yet
	}
	m.setEmptyText()
	return m
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return "Repositories" }

// Init loads the first page only; the rest comes as the cursor nears it.
func (m *Model) Init() tea.Cmd { return m.restart() }

// SetSize gives the tab its room: the table and a status line under it.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(2, h-1))
	m.dialogs.SetSize(w, h)
}

// Loading is true while anything of the tab is on its way: pages, a search
// about to go out, a create, an edit or a delete (the footer spins).
func (m *Model) Loading() bool {
	return len(m.inflight) > 0 || m.pending != m.query || m.dialogs.Busy() || m.leftSending
}

// Update handles keys, replies and the debounce ticks.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if r, ok := common.Answer[page](msg, m.id, tagPage); ok {
		return m.onPage(r)
	}
	if r, ok := common.Answer[saved](msg, m.id, tagSave); ok {
		return m.onSaved(r)
	}
	switch msg := msg.(type) {
	case debounceMsg:
		if msg.to != m.id || msg.seq != m.filterSeq || m.pending == m.query {
			return nil
		}
		m.query = m.pending
		m.setEmptyText()
		return m.restart()
	case table.FilterChangedMsg:
		// The filter is also read after every key (below); this only
		// catches a change made some other way. Commands run concurrently,
		// so this message may arrive after a later key: read the filter as
		// it is now rather than the text the message carries.
		if msg.Table != m.id {
			return nil
		}
		return m.filterChanged(m.table.Filter())
	case common.RefreshMsg:
		return m.refresh()
	case tea.MouseMsg:
		if !m.dialogs.IsOpen() {
			cmd := m.table.Update(msg)
			m.pages.ToEnd = false
			return tea.Batch(cmd, m.ensure())
		}
		return nil
	}
	if _, ok := msg.(tea.KeyMsg); !ok && !m.dialogs.IsOpen() {
		// Cursor blinks and the like go to whatever has focus.
		return m.table.Update(msg)
	}
	return m.dialogs.Route(msg, m.updateList)
}

func (m *Model) updateList(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if !m.table.Filtering() {
		switch {
		case key.Matches(msg, k.Open):
			if r, ok := m.selected(); ok {
				return common.Push(repository.New(m.c, m.ws, r))
			}
			return nil
		case key.Matches(msg, k.New):
			return m.openCreate()
		case key.Matches(msg, k.Edit):
			return m.openEdit()
		case key.Matches(msg, k.Delete):
			return m.openDelete()
		case key.Matches(msg, k.Refresh):
			if m.pages.MoreErr != nil {
				// Only some pages failed: ask for those in view again.
				m.pages.MoreErr = nil
				return m.ensure()
			}
			return m.refresh()
		case key.Matches(msg, k.Bottom):
			// Straight to the last row when the length is known; else
			// load until the end is found, then go there. Either way the
			// cursor follows the end while it is not sure.
			m.pages.ToEnd = !m.pages.Done && m.answered && m.pages.Err == nil
			m.pages.MoreErr = nil
		default:
			m.pages.ToEnd = false
		}
	}
	before := m.table.Filter()
	cmd := m.table.Update(msg)
	if after := m.table.Filter(); after != before {
		cmd = tea.Batch(cmd, m.filterChanged(after))
	}
	return tea.Batch(cmd, m.ensure())
}

// filterChanged starts the pause after which the platform is searched.
func (m *Model) filterChanged(q string) tea.Cmd {
	q = strings.TrimSpace(q)
	if q == m.pending {
		return nil
	}
	m.pending = q
	m.filterSeq++
	id, seq := m.id, m.filterSeq
	return tea.Tick(SearchDelay, func(time.Time) tea.Msg { return debounceMsg{to: id, seq: seq} })
}

func (m *Model) row(r client.Repository) table.Row {
	return table.Row{ID: r.RepositoryID, Cells: []string{r.Name, r.Description, client.RoleName(r.Role)}}
}

func (m *Model) setEmptyText() {
	switch {
	case m.query != "":
		m.table.Empty = "No repository name contains “" + m.query + "”. Press esc to clear the search."
	case m.scope.WorkspaceAdmin():
		m.table.Empty = "No repositories yet. Press n to create one."
	default:
		m.table.Empty = "You hold no role in any repository of this workspace yet. A Manager can give you one."
	}
}

// selected returns the repository under the cursor.
func (m *Model) selected() (client.Repository, bool) { return table.SelectedIn(m.table, m.repos) }

// canEdit reports whether the user administers r (workspace Managers do
// every repository).
func (m *Model) canEdit(r client.Repository) bool {
	return common.Scope{Workspace: m.ws, Repository: &r}.RepositoryAdmin()
}

// changeable is the repository under the cursor when the user's role lets
// them do what ("edit it"); otherwise ok is false and refused says which
// role it needs (nil when no row is under the cursor).
func (m *Model) changeable(what string) (r client.Repository, refused tea.Cmd, ok bool) {
	r, ok = m.selected()
	if !ok {
		return r, nil, false
	}
	if !m.canEdit(r) {
		return r, m.refusal(what, &r), false
	}
	return r, nil, true
}

// refusal says which role a key needs that the user's role does not give.
func (m *Model) refusal(what string, r *client.Repository) tea.Cmd {
	who := "a Manager of the workspace"
	if r != nil {
		who = "a Manager of " + r.Name + " (or of the workspace)"
	}
	return common.Status(common.StatusError, "Only "+who+" can "+what+".")
}

// --- help ---

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.dialogs.IsOpen() {
		return m.dialogs.Help()
	}
	if m.table.Filtering() {
		return []key.Binding{keyWith(k.Back, "esc", "clear"), keyWith(k.Open, "enter", "done")}
	}
	b := []key.Binding{k.Up, k.Down}
	if _, ok := m.selected(); ok {
		b = append(b, keyWith(k.Open, "enter", "open"))
	}
	b = append(b, keyWith(k.Filter, "/", "search"))
	if m.scope.WorkspaceAdmin() {
		b = append(b, keyWith(k.New, "n", "new"))
	}
	if r, ok := m.selected(); ok && m.canEdit(r) {
		b = append(b, k.Edit, k.Delete)
	}
	return append(b, k.Refresh)
}

func (m *Model) FullHelp() [][]key.Binding {
	if m.dialogs.IsOpen() || m.table.Filtering() {
		return [][]key.Binding{m.ShortHelp()}
	}
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		m.ShortHelp()[2:],
	}
}

func keyWith(b key.Binding, keyName, desc string) key.Binding {
	nb := keys.WithHelp(b, desc)
	nb.SetHelp(keyName, desc)
	return nb
}
