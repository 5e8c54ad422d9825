// Package workspaces is the first screen after login: every workspace the
// user belongs to (the application admin sees all), with create, edit,
// delete, filter and sort.
package workspaces

import (
	"context"
	"sort"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// SortBy orders the list.
type SortBy int

const (
	ByName SortBy = iota
	ByDate        // newest first
)

func (s SortBy) String() string {
	if s == ByDate {
		return "date"
	}
	return "name"
}

// Opener builds the screen that enter opens for a workspace. The shell
// passes workspace.New; tests may pass something lighter.
type Opener func(c *common.Common, ws client.Workspace) common.Screen

// Model is the workspaces screen.
type Model struct {
	c      *common.Common
	id     int
	open   Opener
	table  *table.Model
	list   []client.Workspace
	byID   map[string]int // workspace id → index in list
	sortBy SortBy

	loading bool
	loaded  bool
	err     error
	loadSeq int // numbers the loads: a reply to an older one is dropped

	confirm  *confirm.Model
	deleting *client.Workspace

	selectID string // the row to put the cursor on after the next load
	// left are forms closed while their request was on its way: form id →
	// whether it was a create. The list acts on their replies.
	left   map[int]bool
	width  int
	height int
}

const roleTitle = "Your role"

// columns are the list's columns; the role column is as wide as the longest
// role shown ("Application admin" is rare), so that on a narrow terminal
// the room goes to the names.
func columns(roleWidth int) []table.Column {
	return []table.Column{
		{Title: "Name", Flex: 2},
		{Title: "Description", Flex: 3},
		{Title: roleTitle, Width: roleWidth},
		{Title: "Repositories", Width: 12, Numeric: true},
		{Title: "Created", Width: 10, Numeric: true},
	}
}

// New builds the screen; open builds the page of one workspace.
func New(c *common.Common, open Opener) *Model {
	id := common.NewID()
	t := table.New(id, c.Styles, c.Keys, columns(len(roleTitle)))
	m := &Model{c: c, id: id, open: open, table: t}
	m.setEmptyText()
	return m
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return "Workspaces" }

// Init loads the list.
func (m *Model) Init() tea.Cmd { return m.load() }

// Capturing is true while the filter or the typed delete prompt has focus.
func (m *Model) Capturing() bool { return m.confirm != nil || m.table.Filtering() }

// HandlesEsc is true while esc would clear the filter.
func (m *Model) HandlesEsc() bool { return m.confirm != nil || m.table.HandlesEsc() }

// Loading implements common.Loader.
func (m *Model) Loading() bool { return m.loading }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(1, h-2)) // the title line and a blank line
	if m.confirm != nil {
		m.confirm.SetSize(w, h)
	}
}

// Workspaces returns the list as loaded, in display order.
func (m *Model) Workspaces() []client.Workspace { return m.list }

// Table is the list, for tests and benchmarks.
func (m *Model) Table() *table.Model { return m.table }

// LoadTag is the tag the reply to the latest load carries; replies with
// another tag answer an older load.
func (m *Model) LoadTag() string { return "list:" + strconv.Itoa(m.loadSeq) }

func (m *Model) load() tea.Cmd {
	m.loadSeq++
	m.loading = true
	cl := m.c.Client
	return common.Do(m.c, m.id, m.LoadTag(), func(ctx context.Context) ([]client.Workspace, error) {
		return cl.Workspaces(ctx)
	})
}

// canCreate: with application-admin mode on, only the application admin
// may create workspaces.
func (m *Model) canCreate() bool {
	if !m.c.AuthConfig.EnableApplicationAdmin {
		return true
	}
	s := m.c.Session()
	return s != nil && s.IsApplicationAdmin
}

func (m *Model) selected() (client.Workspace, bool) {
	row, ok := m.table.Selected()
	if !ok {
		return client.Workspace{}, false
	}
	i, ok := m.byID[row.ID]
	if !ok {
		return client.Workspace{}, false
	}
	return m.list[i], true
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.Result[[]client.Workspace]:
		if msg.To != m.id || msg.Tag != m.LoadTag() {
			return nil // another screen's, or an older load's
		}
		m.loading = false
		if msg.Err != nil {
			if client.IsKind(msg.Err, client.KindUnauthenticated) {
				return common.SessionExpired(m.load())
			}
			m.err = msg.Err
			return nil
		}
		m.err = nil
		m.loaded = true
		m.setList(msg.Value)
		return nil
	case common.Result[struct{}]:
		if msg.To != m.id || msg.Tag != "delete" {
			return nil
		}
		return m.deleted(msg.Err)
	case leftMsg:
		if m.left == nil {
			m.left = map[int]bool{}
		}
		m.left[msg.form] = msg.created
		return nil
	case common.Result[client.Workspace]:
		created, ok := m.left[msg.To]
		if !ok {
			return nil
		}
		delete(m.left, msg.To)
		verb := "created"
		if !created {
			verb = "saved"
		}
		if msg.Err != nil {
			text, _ := common.Explain(msg.Err)
			return tea.Batch(m.load(), common.Status(common.StatusError, "The workspace was not "+verb+": "+text))
		}
		return tea.Batch(m.Update(savedMsg{id: msg.Value.WorkspaceID, ws: msg.Value, created: created}),
			common.Status(common.StatusSuccess, "Workspace “"+msg.Value.Name+"” "+verb+"."))
	case savedMsg:
		// The list shows what was saved at once; the reload that follows
		// brings the platform's whole view.
		m.selectID = msg.id
		m.listSaved(msg)
		m.selectID = msg.id
		return m.load()
	case common.RefreshMsg:
		return m.load()
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.confirm == nil && m.err == nil {
			return m.table.Update(msg)
		}
		return nil
	}
	if m.confirm != nil {
		cmd, _ := m.confirm.Update(msg)
		return cmd
	}
	if m.table.Filtering() {
		return m.table.Update(msg)
	}
	return nil
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.confirm != nil {
		cmd, action := m.confirm.Update(msg)
		switch action {
		case confirm.Cancel:
			m.confirm, m.deleting = nil, nil
		case confirm.Confirm:
			m.confirm.SetBusy(true)
			return m.deleteCmd(*m.deleting)
		}
		return cmd
	}
	if m.table.Filtering() {
		return m.table.Update(msg)
	}
	if m.err != nil || !m.loaded {
		switch {
		case key.Matches(msg, k.Retry) && !m.loading:
			m.err = nil
			return m.load()
		}
		return nil
	}
	switch {
	case key.Matches(msg, k.Open):
		if ws, ok := m.selected(); ok && m.open != nil {
			return common.Push(m.open(m.c, ws))
		}
		return nil
	case key.Matches(msg, k.New):
		if !m.canCreate() {
			return common.Status(common.StatusError, "Only the application admin can create workspaces on this platform.")
		}
		return common.Push(NewForm(m.c, nil))
	case key.Matches(msg, k.Edit):
		ws, ok := m.selected()
		if !ok {
			return nil
		}
		if !ws.IsManager() {
			return common.Status(common.StatusError, "Only a Manager of this workspace can edit it.")
		}
		return common.Push(NewForm(m.c, &ws))
	case key.Matches(msg, k.Delete):
		ws, ok := m.selected()
		if !ok {
			return nil
		}
		if !ws.IsManager() {
			return common.Status(common.StatusError, "Only a Manager of this workspace can delete it.")
		}
		m.deleting = &ws
		m.confirm = confirm.NewTyped(m.c.Styles, "Delete workspace “"+ws.Name+"”?",
			"Its repositories, tokens, members and analyses are deleted with it. This cannot be undone.",
			"Delete", ws.Name)
		m.confirm.SetSize(m.width, m.height)
		return nil
	case key.Matches(msg, k.Refresh):
		if m.loading {
			return nil // the list is on its way
		}
		return m.load()
	case key.Matches(msg, k.Sort):
		if m.sortBy == ByName {
			m.sortBy = ByDate
		} else {
			m.sortBy = ByName
		}
		m.setList(m.list)
		return nil
	}
	return m.table.Update(msg)
}

func (m *Model) deleteCmd(ws client.Workspace) tea.Cmd {
	cl := m.c.Client
	return common.Do(m.c, m.id, "delete", func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cl.DeleteWorkspace(ctx, ws.WorkspaceID)
	})
}

func (m *Model) deleted(err error) tea.Cmd {
	if m.deleting == nil {
		return nil
	}
	ws := *m.deleting
	if err != nil {
		if client.IsKind(err, client.KindUnauthenticated) {
			// Not busy: if the user gives up logging in, esc must still close
			// the prompt.
			m.confirm.SetBusy(false)
			return common.SessionExpired(m.deleteCmd(ws))
		}
		msg, hint := common.Explain(err)
		m.confirm.SetError(msg + " " + hint)
		return nil
	}
	m.confirm, m.deleting = nil, nil
	return tea.Batch(m.load(), common.Status(common.StatusSuccess, "Workspace “"+ws.Name+"” deleted."))
}

// setList sorts ws and fills the table, keeping the cursor on its row.
// listSaved puts a workspace just created or saved into the list, so that
// what the next key acts on is what the user sees named.
func (m *Model) listSaved(msg savedMsg) {
	list := make([]client.Workspace, len(m.list), len(m.list)+1)
	copy(list, m.list)
	if i, ok := m.byID[msg.id]; ok {
		list[i].Name, list[i].Description = msg.ws.Name, msg.ws.Description
	} else if msg.created {
		ws := msg.ws
		if ws.Role == "" {
			ws.Role = client.RoleAdmin // the platform makes the creator its Manager
		}
		list = append(list, ws)
	} else {
		return
	}
	m.setList(list)
}

func (m *Model) setList(ws []client.Workspace) {
	list := make([]client.Workspace, len(ws))
	copy(list, ws)
	if m.sortBy == ByDate {
		sort.SliceStable(list, func(i, j int) bool {
			if !list[i].CreatedAt.Equal(list[j].CreatedAt) {
				return list[i].CreatedAt.After(list[j].CreatedAt)
			}
			return strings.ToLower(list[i].Name) < strings.ToLower(list[j].Name)
		})
	} else {
		sort.SliceStable(list, func(i, j int) bool {
			return strings.ToLower(list[i].Name) < strings.ToLower(list[j].Name)
		})
	}
	m.list = list
	m.byID = make(map[string]int, len(list))
	rows := make([]table.Row, len(list))
	roleWidth := len(roleTitle)
	for i, w := range list {
		roleWidth = max(roleWidth, lipgloss.Width(client.RoleName(w.Role)))
		m.byID[w.WorkspaceID] = i
		created := ""
		if !w.CreatedAt.IsZero() {
			created = w.CreatedAt.Format("2006-01-02")
		}
		// The platform counts every repository of the workspace; only its
		// Managers see them all, so others are shown no number they could
		// not check.
		count := "—"
		if w.IsManager() {
			count = strconv.Itoa(w.RepositoriesCount)
		}
		rows[i] = table.Row{
			ID:     w.WorkspaceID,
			Cells:  []string{w.Name, w.Description, client.RoleName(w.Role), count, created},
			Filter: w.Name + " " + w.Description,
		}
	}
	m.setEmptyText()
	m.table.SetColumns(columns(roleWidth))
	m.table.SetRows(rows)
	if m.selectID != "" {
		m.table.SelectID(m.selectID)
		m.selectID = ""
	}
}

func (m *Model) setEmptyText() {
	if m.canCreate() {
		m.table.Empty = "No workspaces yet — press n to create one."
	} else {
		m.table.Empty = "No workspaces yet — ask a Manager to invite you, or the application admin to create one."
	}
}

// ShortHelp implements help.KeyMap: only what the user's role allows on
// the selected workspace.
func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	if m.confirm != nil {
		return nil // the prompt shows its own keys
	}
	if m.table.Filtering() {
		return m.table.FilterHelp()
	}
	if m.err != nil || !m.loaded {
		if m.loading {
			return []key.Binding{k.Logout}
		}
		return []key.Binding{k.Retry, k.Logout}
	}
	b := []key.Binding{}
	ws, ok := m.selected()
	if ok {
		b = append(b, k.Open)
	}
	if m.canCreate() {
		b = append(b, k.New)
	}
	if ok && ws.IsManager() {
		b = append(b, k.Edit, k.Delete)
	}
	b = append(b, k.Filter, keysSort(m), k.Refresh)
	return b
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.c.Keys
	short := m.ShortHelp()
	if m.confirm != nil || m.table.Filtering() || m.err != nil || !m.loaded {
		return [][]key.Binding{short}
	}
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		short,
	}
}

func keysSort(m *Model) key.Binding {
	next := ByDate
	if m.sortBy == ByDate {
		next = ByName
	}
	return keys.WithHelp(m.c.Keys.Sort, "sort by "+next.String())
}
