// Package repositories is the Repositories tab of a workspace: the
// repositories the user may see, paged and searched by the platform, with
// create, edit and delete for those whose role allows it.
package repositories

import (
	"errors"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/repository"
)

// SearchDelay is the pause after the last key of a filter before the
// platform is asked: typing "payments" sends one search, not eight.
var SearchDelay = 300 * time.Millisecond

type mode int

const (
	modeList mode = iota
	modeForm
	modeConfirm
)

// Model is the Repositories tab.
type Model struct {
	c     *common.Common
	id    int
	ws    client.Workspace
	scope common.Scope

	table *table.Model
	repos map[string]client.Repository // loaded rows by id

	// Paging and searching (paging.go). seq changes with every new query
	// (search, refresh): replies carrying another seq are for a list no
	// longer shown.
	seq      int
	query    string      // the search the rows answer
	rows     []table.Row // the table's rows: n of them, loaded or placeholders
	have     []bool      // have[i]: row i is loaded
	n        int         // rows in the list as far as it is known
	loadedN  int         // rows loaded
	end      bool        // a short page came back: n is the list's length
	counted  bool        // n came from the workspace's repositoriesCount
	count    int         // the whole list's length when known (0: unknown)
	fresh    bool        // a new list was asked for; its first page replaces the rows
	answered bool        // a page of the current list came back
	toEnd    bool        // G while the length is unknown: loading to the end
	inflight []span      // requests under way for seq
	err      error       // the first page failed
	moreErr  error       // a later page failed; the rows loaded stay
	// focus is a repository just created: the cursor goes to it once a
	// page holding it arrives.
	focus string

	// Debounced filter: filterSeq counts changes of the filter text.
	filterSeq int
	pending   string

	spin     spinner.Model
	spinning bool

	mode    mode
	form    *form.Model
	editing *client.Repository // nil when creating
	confirm *confirm.Model
	target  client.Repository // being deleted

	width, height int
}

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
		spin:  spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.Subtle)),
		count: ws.RepositoriesCount,
	}
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
	if m.form != nil {
		m.form.SetSize(w, h-1) // a blank line above it
	}
	if m.confirm != nil {
		m.confirm.SetWidth(w)
	}
}

// Capturing is true while a field or prompt takes the keys.
func (m *Model) Capturing() bool {
	return m.mode != modeList || m.table.Filtering()
}

func (m *Model) startSpinner() tea.Cmd {
	if m.spinning {
		return nil
	}
	m.spinning = true
	return m.wrapSpin(m.spin.Tick)
}

func (m *Model) wrapSpin(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	id := m.id
	return func() tea.Msg { return spinMsg{to: id, msg: cmd()} }
}

func (m *Model) busy() bool {
	return len(m.inflight) > 0 || (m.form != nil && m.form.Submitting()) || m.pending != m.query
}

// Update handles keys, replies and the debounce ticks.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case pageMsg:
		if msg.to != m.id {
			return nil
		}
		return m.onPage(msg)
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
	case savedMsg:
		if msg.to != m.id {
			return nil
		}
		return m.onSaved(msg)
	case deletedMsg:
		if msg.to != m.id {
			return nil
		}
		return m.onDeleted(msg)
	case spinMsg:
		if msg.to != m.id {
			return nil
		}
		if !m.busy() {
			m.spinning = false
			return nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg.msg)
		return m.wrapSpin(cmd)
	case common.RefreshMsg:
		return m.refresh()
	case tea.KeyMsg:
		switch m.mode {
		case modeForm:
			return m.updateForm(msg)
		case modeConfirm:
			return m.updateConfirm(msg)
		}
		return m.updateList(msg)
	case tea.MouseMsg:
		if m.mode == modeList {
			cmd := m.table.Update(msg)
			m.toEnd = false
			return tea.Batch(cmd, m.ensure())
		}
	default:
		// Cursor blinks and the like go to whatever has focus.
		switch {
		case m.mode == modeForm && m.form != nil:
			cmd, _ := m.form.Update(msg)
			return cmd
		case m.mode == modeConfirm && m.confirm != nil:
			cmd, _ := m.confirm.Update(msg)
			return cmd
		case m.mode == modeList:
			return m.table.Update(msg)
		}
	}
	return nil
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
			if m.moreErr != nil {
				// Only some pages failed: ask for those in view again.
				m.moreErr = nil
				return m.ensure()
			}
			return m.refresh()
		case key.Matches(msg, k.Bottom):
			// Straight to the last row when the length is known; else
			// load until the end is found, then go there. Either way the
			// cursor follows the end while it is not sure.
			m.toEnd = !m.end && m.answered && m.err == nil
			m.moreErr = nil
		default:
			m.toEnd = false
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
	return tea.Batch(
		tea.Tick(SearchDelay, func(time.Time) tea.Msg { return debounceMsg{to: id, seq: seq} }),
		m.startSpinner(),
	)
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
func (m *Model) selected() (client.Repository, bool) {
	row, ok := m.table.Selected()
	if !ok {
		return client.Repository{}, false
	}
	r, ok := m.repos[row.ID]
	return r, ok
}

// canEdit reports whether the user administers r (workspace Managers do
// every repository).
func (m *Model) canEdit(r client.Repository) bool {
	return common.Scope{Workspace: m.ws, Repository: &r}.RepositoryAdmin()
}

// --- create and edit ---

func (m *Model) openCreate() tea.Cmd {
	if !m.scope.WorkspaceAdmin() {
		return common.Status(common.StatusError, "Only a Manager of the workspace can create repositories.")
	}
	m.editing = nil
	m.form = m.newForm("New repository", client.Repository{})
	m.form.SubmitText = "Create"
	m.mode = modeForm
	return m.form.Init()
}

func (m *Model) openEdit() tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	if !m.canEdit(r) {
		return common.Status(common.StatusError, "Only a Manager of "+r.Name+" (or of the workspace) can edit it.")
	}
	m.editing = &r
	m.form = m.newForm("Edit "+r.Name, r)
	m.mode = modeForm
	return m.form.Init()
}

func (m *Model) newForm(title string, r client.Repository) *form.Model {
	name := form.Text("name", "Name", "Unique in the workspace; 1–255 characters.", 255, validateName)
	name.SetValue(r.Name)
	desc := form.Text("description", "Description", "Optional; up to 255 characters.", 255, validateDescription)
	desc.SetValue(r.Description)
	// Where access comes from groups: who administers, supervises and
	// uses the repository (an edit keeps the current lists).
	create := r.RepositoryID == ""
	fields := append([]*form.Field{name, desc}, groups.Fields(m.c, true, create, r.AuthzAdmin, r.AuthzSupervisor, r.AuthzMember)...)
	f := form.New(m.c.Styles, m.c.Keys, title, fields...)
	f.Note = "In workspace " + m.ws.Name
	f.SetSize(m.width, m.height-1)
	return f
}

func validateName(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "A repository needs a name."
	}
	return client.TooLong("The name", v)
}

func validateDescription(v string) string {
	return client.TooLong("The description", v)
}

func (m *Model) updateForm(msg tea.Msg) tea.Cmd {
	cmd, action := m.form.Update(msg)
	switch action {
	case form.Cancel:
		m.closeModal()
		return nil
	case form.Submit:
		return m.submit()
	}
	return cmd
}

// submit sends the form; the values stay in it until the platform agrees.
func (m *Model) submit() tea.Cmd {
	m.form.SetSubmitting(true)
	m.form.SetFormError("")
	d := client.RepositoryData{Name: strings.TrimSpace(m.form.Value("name")), Description: m.form.Value("description"),
		AuthzAdmin:      groups.FromForm(m.form, groups.FieldAdminGroups),
		AuthzSupervisor: groups.FromForm(m.form, groups.FieldSupervisorGroups),
		AuthzMember:     groups.FromForm(m.form, groups.FieldMemberGroups)}
	c, id, wsID := m.c, m.id, m.ws.WorkspaceID
	if m.editing != nil {
		// The platform replaces every field: keep the ones not in the form.
		full := m.editing.Data()
		full.Name, full.Description = d.Name, d.Description
		if m.form.Field(groups.FieldAdminGroups) != nil {
			full.AuthzAdmin, full.AuthzSupervisor, full.AuthzMember = d.AuthzAdmin, d.AuthzSupervisor, d.AuthzMember
		}
		repoID := m.editing.RepositoryID
		return tea.Batch(func() tea.Msg {
			r, err := c.Client.UpdateRepository(c.Ctx, wsID, repoID, full)
			return savedMsg{to: id, repo: r, err: err}
		}, m.startSpinner())
	}
	return tea.Batch(func() tea.Msg {
		r, err := c.Client.CreateRepository(c.Ctx, wsID, d)
		return savedMsg{to: id, created: true, repo: r, err: err}
	}, m.startSpinner())
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	if m.form == nil {
		return nil
	}
	m.form.SetSubmitting(false)
	if msg.err != nil {
		if client.IsKind(msg.err, client.KindUnauthenticated) {
			// After the new login, send the same form again.
			m.form.SetSubmitting(true)
			return common.SessionExpired(m.resubmit())
		}
		m.showFormError(msg.err)
		return nil
	}
	r := msg.repo
	m.closeModal()
	if msg.created {
		m.focus = r.RepositoryID
		if m.count > 0 {
			m.count++
		}
		if m.counted && m.query == "" && m.answered {
			m.grow(m.n + 1) // it is somewhere in the list: one more row
			m.table.SetRows(m.rows)
		}
		return tea.Batch(common.Status(common.StatusSuccess, "Created repository "+r.Name+"."), m.refresh())
	}
	old, ok := m.repos[r.RepositoryID]
	if r.Role == "" && ok {
		r.Role = old.Role
	}
	m.repos[r.RepositoryID] = r
	for i, row := range m.rows {
		if row.ID == r.RepositoryID {
			m.rows[i] = m.row(r)
		}
	}
	m.table.SetRows(m.rows)
	return common.Status(common.StatusSuccess, "Saved repository "+r.Name+".")
}

// resubmit is the request the form would send now, for after a login.
func (m *Model) resubmit() tea.Cmd {
	m.form.SetSubmitting(false)
	cmd := m.submit()
	m.form.SetSubmitting(true)
	return cmd
}

// showFormError puts the platform's refusal where it belongs: a name in
// use or a bad field under that field, anything else above the buttons.
func (m *Model) showFormError(err error) {
	text, hint := common.Explain(err)
	text = platformText(text)
	var e *client.Error
	errors.As(err, &e)
	switch {
	case client.IsKind(err, client.KindConflict) || client.RefusalOf(err) == client.RefusalNameInUse:
		m.form.SetError("name", capitalize(text)+". Choose another name.")
	case client.IsKind(err, client.KindValidation) && e.Fields["name"] != "":
		m.form.SetError("name", capitalize(e.Fields["name"])+".")
	case client.IsKind(err, client.KindValidation) && e.Fields["description"] != "":
		m.form.SetError("description", capitalize(e.Fields["description"])+".")
	case strings.Contains(strings.ToLower(text), "admin ldap group") && m.form.Field(groups.FieldAdminGroups) != nil:
		m.form.SetError(groups.FieldAdminGroups, groups.MsgAdminGroupRefused)
	default:
		m.form.SetFormError(sentence(text) + " " + hint)
	}
}

// sentence ends a text with a full stop when it has no ending mark, so a
// hint can follow it.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return capitalize(s) + "."
}

// platformText drops the platform's "{CORE_REPOSITORY} " tag: it names a
// service's source file, not anything the user can act on.
func platformText(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		if i := strings.Index(s, "}"); i > 0 {
			s = strings.TrimSpace(s[i+1:])
		}
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// --- delete ---

func (m *Model) openDelete() tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	if !m.canEdit(r) {
		return common.Status(common.StatusError, "Only a Manager of "+r.Name+" (or of the workspace) can delete it.")
	}
	m.target = r
	m.confirm = confirm.NewTyped(m.c.Styles, "Delete repository "+r.Name+"?",
		"Its tokens, its members' roles and all its analyses are deleted with it. This cannot be undone.",
		"Delete", r.Name)
	m.confirm.SetWidth(m.width)
	m.mode = modeConfirm
	return nil
}

func (m *Model) updateConfirm(msg tea.Msg) tea.Cmd {
	cmd, action := m.confirm.Update(msg)
	switch action {
	case confirm.Cancel:
		m.closeModal()
		return nil
	case confirm.Confirm:
		m.confirm.SetBusy(true)
		return m.sendDelete()
	}
	return cmd
}

func (m *Model) sendDelete() tea.Cmd {
	c, id, r := m.c, m.id, m.target
	return func() tea.Msg {
		err := c.Client.DeleteRepository(c.Ctx, r.WorkspaceID, r.RepositoryID)
		return deletedMsg{to: id, repo: r, err: err}
	}
}

func (m *Model) onDeleted(msg deletedMsg) tea.Cmd {
	if msg.err != nil {
		if client.IsKind(msg.err, client.KindUnauthenticated) {
			return common.SessionExpired(m.sendDelete())
		}
		if m.confirm != nil && m.target.RepositoryID == msg.repo.RepositoryID {
			text, hint := common.Explain(msg.err)
			m.confirm.SetError(platformText(text) + " " + hint)
		}
		return nil
	}
	if m.mode == modeConfirm && m.target.RepositoryID == msg.repo.RepositoryID {
		m.closeModal()
	}
	delete(m.repos, msg.repo.RepositoryID)
	for i := len(m.rows) - 1; i >= 0; i-- {
		if m.rows[i].ID == msg.repo.RepositoryID {
			m.removeRow(i)
		}
	}
	m.table.SetRows(m.rows)
	return common.Status(common.StatusSuccess, "Deleted repository "+msg.repo.Name+".")
}

func (m *Model) closeModal() {
	m.mode = modeList
	m.form = nil
	m.editing = nil
	m.confirm = nil
}

// --- help ---

func (m *Model) ShortHelp() []key.Binding {
	k := m.c.Keys
	switch m.mode {
	case modeForm:
		return m.form.Help()
	case modeConfirm:
		return []key.Binding{k.Cancel}
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
	if m.mode != modeList || m.table.Filtering() {
		return [][]key.Binding{m.ShortHelp()}
	}
	k := m.c.Keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		m.ShortHelp()[2:],
	}
}

func keyWith(b key.Binding, keyName, desc string) key.Binding {
	nb := b
	nb.SetHelp(keyName, desc)
	return nb
}

// HandlesEsc is true while esc clears the search or closes the form or the
// prompt, rather than leaving the workspace.
func (m *Model) HandlesEsc() bool { return m.mode != modeList || m.table.HandlesEsc() }

// Loading is true while the platform is asked for repositories.
func (m *Model) Loading() bool { return len(m.inflight) > 0 }

// Dirty reports whether an open form holds input the user has not sent.
func (m *Model) Dirty() bool { return m.form != nil && m.form.Dirty() }
