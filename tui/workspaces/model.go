// Package workspaces is the first screen after login: every workspace the
// user belongs to (the application admin sees all), with filter and sort.
// The screen is a small host (this file: the list, its keys and its help;
// view.go draws it) plus two dialogs over the list: the form that creates
// or edits a workspace (form.go) and the typed delete question (a
// dialog.Confirm, at the end of this file).
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
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
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

// tag tells this screen's requests apart (the list tags its own loads).
type tag int

const (
	tagSave tag = iota + 1
	tagDelete
)

// Model is the workspaces screen.
type Model struct {
	c      *common.Common
	id     int
	open   Opener
	list   *common.List[[]client.Workspace]
	table  *table.Model
	shown  []client.Workspace // the list in display order
	byID   map[string]int     // workspace id → index in shown
	sortBy SortBy

	// dialogs is the screen's host: its Init, SetSize, Capturing, Typing,
	// HandlesEsc, Dirty and Close are the screen's.
	dialogs
	// leftSending is true while a form closed with esc waits for its
	// reply, which the list takes over.
	leftSending bool

	selectID string // the row to put the cursor on after the next load
}

// dialogs hosts the screen's dialogs over its list.
type dialogs = dialog.ListHost[[]client.Workspace]

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
	cl := c.Client
	m.list = common.NewList(c, id, func(ctx context.Context) ([]client.Workspace, error) {
		return cl.Workspaces(ctx)
	}, m.setList)
	m.dialogs.List, m.dialogs.Table = m.list, t
	m.dialogs.Above = 2 // the title line and a blank line
	m.setEmptyText()
	return m
}

func (m *Model) ID() int       { return m.id }
func (m *Model) Title() string { return "Workspaces" }

func (m *Model) load() tea.Cmd { return m.list.Load() }

// Loading is true while anything of this screen is on its way: the list,
// a save, a delete (also one whose form was closed).
func (m *Model) Loading() bool { return m.dialogs.Loading() || m.leftSending }

// Workspaces returns the list as loaded, in display order.
func (m *Model) Workspaces() []client.Workspace { return m.shown }

// Table is the list, for tests and benchmarks.
func (m *Model) Table() *table.Model { return m.table }

// Form is the open create or edit form, or nil, for tests.
func (m *Model) Form() *form.Model {
	if e, ok := m.dialogs.Active().(*editor); ok {
		return e.Form
	}
	return nil
}

// Reply is the message the answer to the latest load would be, for tests
// that play the platform's part.
func (m *Model) Reply(ws []client.Workspace, err error) common.Result[[]client.Workspace] {
	return m.list.Reply(ws, err)
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
	i, ok := table.SelectedIn(m.table, m.byID)
	if !ok {
		return client.Workspace{}, false
	}
	return m.shown[i], true
}

// managed is the workspace under the cursor when the user is one of its
// Managers, who alone may do what ("edit it"); otherwise ok is false and
// refused says so (nil when no row is under the cursor).
func (m *Model) managed(what string) (ws client.Workspace, refused tea.Cmd, ok bool) {
	ws, ok = m.selected()
	if !ok {
		return ws, nil, false
	}
	if !ws.IsManager() {
		return ws, common.Status(common.StatusError, "Only a Manager of this workspace can "+what+"."), false
	}
	return ws, nil, true
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if r, left := dialog.Left[*editor, saved](&m.dialogs.Host, m.id, tagSave, msg); left {
		m.leftSending = false
		return m.savedMeanwhile(r)
	}
	return m.dialogs.Route(msg, m.onListKey)
}

func (m *Model) onListKey(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if m.list.Err() != nil || !m.list.Loaded() {
		if key.Matches(msg, k.Retry) && !m.list.Loading() {
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
		return m.openForm(nil)
	case key.Matches(msg, k.Edit):
		ws, refused, ok := m.managed("edit it")
		if !ok {
			return refused
		}
		return m.openForm(&ws)
	case key.Matches(msg, k.Delete):
		ws, refused, ok := m.managed("delete it")
		if !ok {
			return refused
		}
		m.dialogs.Open(m.newDelete(ws))
		return nil
	case key.Matches(msg, k.Refresh):
		if m.list.Loading() {
			return nil // the list is on its way
		}
		return m.load()
	case key.Matches(msg, k.Sort):
		if m.sortBy == ByName {
			m.sortBy = ByDate
		} else {
			m.sortBy = ByName
		}
		m.setList(m.shown)
		return nil
	}
	return m.table.Update(msg)
}

// newDelete asks for the name of ws before it is deleted.
func (m *Model) newDelete(ws client.Workspace) dialog.Dialog {
	prompt := confirm.NewTyped(m.c.Styles, "Delete workspace “"+ws.Name+"”?",
		"Its repositories, tokens, members and analyses are deleted with it. This cannot be undone.",
		"Delete", ws.Name)
	cl := m.c.Client
	d := dialog.NewConfirm(m.c, m.id, tagDelete, prompt, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cl.DeleteWorkspace(ctx, ws.WorkspaceID)
	})
	d.After = "the workspace is deleted"
	d.Then = func(struct{}) tea.Cmd {
		return tea.Batch(m.load(), common.Status(common.StatusSuccess, "Workspace “"+ws.Name+"” deleted."))
	}
	return d
}

// setList sorts ws and fills the table, keeping the cursor on its row.
// listSaved puts a workspace just created or saved into the list, so that
// what the next key acts on is what the user sees named.
func (m *Model) listSaved(msg saved) {
	list := make([]client.Workspace, len(m.shown), len(m.shown)+1)
	copy(list, m.shown)
	if i, ok := m.byID[msg.ws.WorkspaceID]; ok {
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
	m.shown = list
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
			Filter: w.Name + " " + w.Description + " " + client.RoleName(w.Role),
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
	if m.dialogs.IsOpen() {
		return m.dialogs.Help()
	}
	if m.table.Filtering() {
		return m.table.FilterHelp()
	}
	if m.list.Err() != nil || !m.list.Loaded() {
		if m.list.Loading() {
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
	if m.dialogs.IsOpen() || m.table.Filtering() || m.list.Err() != nil || !m.list.Loaded() {
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
