package members

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// Model is the Members tab: the host of the list (list.go) and of the one
// dialog open over it (invite.go, add.go, role.go, remove.go,
// permissions.go). It keeps what outlives a dialog: the members, the role
// changes the platform has not answered yet, and the notice above the list.
type Model struct {
	c     *common.Common
	scope common.Scope
	id    int
	keys  keyMap

	table   *table.Model
	members []client.Member
	list    *common.List[[]client.Member]
	// selectEmail puts the cursor on the person just invited or added once
	// the list that holds them arrives.
	selectEmail string

	pending map[string]pendingRole // by account id

	// notice explains a refusal or a key that is not allowed; it stays
	// above the list until the next key (esc only takes it away).
	notice      string
	noticeError bool

	// dialogs is the tab's host (none open: the list has the keys); its
	// Init, Capturing, Typing, Dirty and Close are the tab's.
	dialogs
	// away are dialogs closed (esc) while their request was on its way:
	// the list announces their replies, and the footer spins until then.
	away map[dialog.Dialog]bool

	width, height int
}

// dialogs hosts the tab's dialogs over its list.
type dialogs = dialog.ListHost[[]client.Member]

func newModel(c *common.Common, scope common.Scope) *Model {
	m := &Model{
		c:       c,
		scope:   scope,
		id:      common.NewID(),
		keys:    newKeyMap(c.Keys, scope.IsRepository()),
		pending: map[string]pendingRole{},
	}
	cl, ws, repo := c.Client, m.wsID(), m.repoID()
	m.list = common.NewList(c, m.id, func(ctx context.Context) ([]client.Member, error) {
		if repo != "" {
			return cl.RepositoryMembers(ctx, ws, repo)
		}
		return cl.WorkspaceMembers(ctx, ws, "")
	}, m.setMembers)
	m.table = table.New(m.id, c.Styles, c.Keys, memberColumns())
	m.dialogs.List, m.dialogs.Table = m.list, m.table
	if scope.IsRepository() {
		m.table.Empty = "No one holds a role in this repository yet."
		if scope.WorkspaceAdmin() {
			m.table.Empty += " Press n to add a workspace member."
		}
	} else {
		m.table.Empty = "No members yet. Press n to invite someone."
	}
	return m
}

// ID implements common.Screen.
func (m *Model) ID() int { return m.id }

// Title carries the number of members once they are known.
func (m *Model) Title() string { return m.list.Title("Members", len(m.members)) }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

func (m *Model) layout() {
	m.dialogs.Above = m.noticeHeight()
	m.dialogs.SetSize(m.width, m.height)
}

// HandlesEsc is true when esc closes a dialog, clears the filter or takes
// the notice away rather than leaving the page: one thing per press.
func (m *Model) HandlesEsc() bool {
	return m.dialogs.HandlesEsc() || m.notice != ""
}

// Loading is true while the tab waits for the platform (the shell's footer
// spins).
func (m *Model) Loading() bool {
	return m.list.Loading() || len(m.pending) > 0 || m.dialogs.Busy() || len(m.away) > 0
}

// open puts d over the list; init is what starts it (a cursor's blink, a
// request).
func (m *Model) open(d dialog.Dialog, init tea.Cmd) tea.Cmd {
	m.dialogs.Open(d)
	return init
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if mine, cmd := m.list.Update(msg); mine {
		if err := m.list.Err(); err != nil && m.list.Loaded() {
			text, hint := common.Explain(err)
			m.setNotice("Could not refresh the members: "+text+" "+hint, true)
		}
		return cmd
	}
	if r, ok := common.Answer[reply](msg, m.id, tagAsk); ok {
		return m.onReply(r)
	}
	if r, ok := common.Answer[roleSet](msg, m.id, tagRole); ok {
		return m.onRoleSet(r)
	}
	// The rest (the removal's reply to its prompt among them) goes where
	// the host routes it.
	open, busy := m.dialogs.Active(), m.dialogs.Busy()
	cmd := m.dialogs.Route(msg, m.onKey)
	if busy && m.dialogs.Active() != open {
		if m.away == nil {
			m.away = map[dialog.Dialog]bool{}
		}
		m.away[open] = true
	}
	return cmd
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	if key.Matches(msg, m.c.Keys.Back) && m.notice != "" {
		m.setNotice("", false) // only that: esc does one thing per press
		return nil
	}
	m.setNotice("", false)
	switch {
	case key.Matches(msg, m.keys.Permissions):
		return m.open(newPermissions(m), nil)
	case key.Matches(msg, m.keys.Refresh):
		return m.load()
	}
	if !m.list.Loaded() {
		return nil // the error view offers r and esc only
	}
	switch {
	case key.Matches(msg, m.keys.Invite):
		return m.startInvite()
	case key.Matches(msg, m.keys.Edit):
		return m.startRole()
	case key.Matches(msg, m.keys.Remove):
		return m.startRemove()
	}
	return m.table.Update(msg)
}

func (m *Model) setNotice(text string, isErr bool) {
	if text == m.notice && isErr == m.noticeError {
		return
	}
	m.notice, m.noticeError = text, isErr
	m.layout()
}

// startInvite opens the invite form (workspace) or the list of people to
// add (repository), when the user's role allows it.
func (m *Model) startInvite() tea.Cmd {
	if !m.mayInvite() {
		m.setNotice(m.inviteRefusal(), false)
		return nil
	}
	if m.scope.IsRepository() {
		d := newAdd(m)
		return m.open(d, d.load())
	}
	d := newInvite(m)
	return m.open(d, d.Form.Init())
}

// ShortHelp lists only what the user's role allows.
func (m *Model) ShortHelp() []key.Binding {
	if m.dialogs.IsOpen() {
		return m.dialogs.Help()
	}
	if !m.list.Loaded() {
		return []key.Binding{keys.WithHelp(m.keys.Refresh, "retry"), m.keys.Permissions}
	}
	if m.table.Filtering() {
		return m.table.FilterHelp()
	}
	var b []key.Binding
	if m.mayInvite() {
		b = append(b, m.keys.Invite)
	}
	if m.mayManage() {
		if !m.ldap() { // roles do nothing there: not offered
			b = append(b, m.keys.Edit)
		}
		b = append(b, m.keys.Remove)
	}
	return append(b, m.keys.Filter, m.keys.Permissions, m.keys.Refresh)
}

// FullHelp adds the moves to the short help.
func (m *Model) FullHelp() [][]key.Binding {
	if m.dialogs.IsOpen() || m.table.Filtering() {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{m.ShortHelp(), {m.keys.Up, m.keys.Down}}
}
