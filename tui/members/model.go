package members

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// mode is what the tab shows: the list, or one of the dialogs over it.
type mode int

const (
	modeList        mode = iota
	modeInvite           // workspace: the invite form
	modePick             // repository: choose a workspace member to add
	modeAdd              // repository: the role of the chosen member
	modeRole             // the role picker of one member
	modeConfirm          // removing one member
	modePermissions      // what each role may do
)

// Request tags: a reply says which request it answers.
const (
	tagList       = "list:" // + the load's sequence number
	tagCandidates = "candidates"
	tagInvite     = "invite"
	tagAdd        = "add"
	tagRole       = "role:" // + the account id
	tagRemove     = "remove"
)

// pendingRole is a role change shown before the platform has answered.
type pendingRole struct{ prev, next string }

// Model is the Members tab.
type Model struct {
	c     *common.Common
	scope common.Scope
	id    int
	keys  keyMap

	table   *table.Model
	members []client.Member
	loaded  bool
	loading bool
	loadErr error // the first load failed: the error view replaces the list
	loadSeq int   // replies to an older load are dropped
	// selectEmail puts the cursor on the person just invited or added once
	// the list that holds them arrives.
	selectEmail string

	pending map[string]pendingRole // by account id

	// notice explains a refusal or a key that is not allowed; it stays
	// above the list until the next key.
	notice      string
	noticeError bool

	mode       mode
	form       *form.Model
	confirm    *confirm.Model
	target     client.Member // whom the form or prompt is about
	retry      tea.Cmd       // the dialog's request, run again after a new login
	picker     *table.Model
	candidates []client.Member // the people the picker lists
	pickBusy   bool
	pickErr    error
	permTop    int // first line of the permissions table on screen

	width, height int
}

func newModel(c *common.Common, scope common.Scope) *Model {
	m := &Model{
		c:       c,
		scope:   scope,
		id:      common.NewID(),
		keys:    newKeyMap(c.Keys, scope.IsRepository()),
		pending: map[string]pendingRole{},
	}
	m.table = table.New(m.id, c.Styles, c.Keys, memberColumns())
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

func memberColumns() []table.Column {
	return []table.Column{
		{Title: "Username", Flex: 2, MinWidth: 8},
		{Title: "E-mail", Flex: 3, MinWidth: 10},
		{Title: "Role", Width: 12},
	}
}

// ID implements common.Screen.
func (m *Model) ID() int { return m.id }

// Title carries the number of members once they are known.
func (m *Model) Title() string {
	if !m.loaded {
		return "Members"
	}
	return fmt.Sprintf("Members (%d)", len(m.members))
}

// Init loads the members.
func (m *Model) Init() tea.Cmd { return m.load() }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.layout()
}

func (m *Model) layout() {
	h := m.height - m.noticeHeight()
	m.table.SetSize(m.width, max(1, h))
	if m.picker != nil {
		m.picker.SetSize(m.width, max(1, m.height-4))
	}
	if m.form != nil {
		m.form.SetSize(m.width-2, m.height-1) // under a blank line
	}
	if m.confirm != nil {
		m.confirm.SetWidth(m.width)
	}
}

// Capturing is true while the user types in the filter, and while any
// dialog is open: a dialog takes every key (tab moves between its fields
// rather than to another tab; q and ? are not the shell's).
func (m *Model) Capturing() bool {
	return m.mode != modeList || m.table.Filtering()
}

// HandlesEsc is true when esc closes a dialog or clears the filter rather
// than leaving the page.
func (m *Model) HandlesEsc() bool {
	return m.mode != modeList || m.table.HandlesEsc()
}

// Loading is true while the tab waits for the platform (the shell's footer
// spins).
func (m *Model) Loading() bool {
	return m.loading || m.pickBusy || len(m.pending) > 0 ||
		(m.form != nil && m.form.Submitting())
}

// --- requests ---

func (m *Model) wsID() string { return m.scope.Workspace.WorkspaceID }

func (m *Model) repoID() string {
	if m.scope.Repository == nil {
		return ""
	}
	return m.scope.Repository.RepositoryID
}

func (m *Model) load() tea.Cmd {
	m.loadSeq++
	m.loading = true
	cl, ws, repo := m.c.Client, m.wsID(), m.repoID()
	return common.Do(m.c, m.id, tagList+strconv.Itoa(m.loadSeq), func(ctx context.Context) ([]client.Member, error) {
		if repo != "" {
			return cl.RepositoryMembers(ctx, ws, repo)
		}
		return cl.WorkspaceMembers(ctx, ws, "")
	})
}

func (m *Model) setRoleCmd(accountID, role string) tea.Cmd {
	cl, ws, repo := m.c.Client, m.wsID(), m.repoID()
	return common.Do(m.c, m.id, tagRole+accountID, func(ctx context.Context) (client.Member, error) {
		if repo != "" {
			return cl.SetRepositoryMemberRole(ctx, ws, repo, accountID, role)
		}
		return cl.SetWorkspaceMemberRole(ctx, ws, accountID, role)
	})
}

// --- who may do what ---

// ldap reports an LDAP platform: access comes from the groups in the
// token, and the roles stored here are not used.
func (m *Model) ldap() bool { return m.c.AuthConfig.AuthType == client.AuthTypeLDAP }

// groupsLine names the scope's groups, the LDAP platform's source of access.
func (m *Model) groupsLine() string {
	list := func(g []string) string {
		if len(g) == 0 {
			return "none"
		}
		return safetext.Clean(strings.Join(g, ", "))
	}
	if r := m.scope.Repository; r != nil {
		return "Admin groups: " + list(r.AuthzAdmin) + " · Supervisor groups: " + list(r.AuthzSupervisor) + " · Member groups: " + list(r.AuthzMember)
	}
	w := m.scope.Workspace
	return "Admin groups: " + list(w.AuthzAdmin) + " · Member groups: " + list(w.AuthzMember)
}

// ldapBanner stays above the list on an LDAP platform.
func (m *Model) ldapBanner() string {
	if !m.ldap() {
		return ""
	}
	return "On this LDAP platform access comes from LDAP groups; the roles stored here are not used. " + m.groupsLine() + "."
}

// ldapRoleRefusal answers the role-change key on an LDAP platform.
func (m *Model) ldapRoleRefusal() string {
	what := "the workspace's"
	if m.scope.IsRepository() {
		what = "the repository's"
	}
	return "Roles are not changed here: on this LDAP platform the platform ignores stored roles and gives access by LDAP group. To change who may do what, edit " + what + " groups (its edit form) or the people's groups in the directory."
}

// mayInvite: a workspace invite needs a workspace Manager; adding to a
// repository needs the workspace's member list, which only workspace
// Managers may read (§4.4).
func (m *Model) mayInvite() bool { return m.scope.WorkspaceAdmin() }

// mayManage: changing roles and removing people need an admin of the scope.
func (m *Model) mayManage() bool { return m.scope.Admin() }

func (m *Model) inviteRefusal() string {
	if m.scope.IsRepository() {
		return "Only a workspace Manager can add people to this repository: the platform shows the workspace's members only to its Managers. Ask a Manager of " + m.scope.Workspace.Name + "."
	}
	return "Only a Manager of the workspace can invite people. Ask a Manager of " + m.scope.Workspace.Name + "."
}

func (m *Model) manageRefusal() string {
	if m.scope.IsRepository() {
		return "Only a Manager of this repository or of the workspace can change roles or remove people."
	}
	return "Only a Manager of the workspace can change roles or remove people."
}

// selfRefusal says why the user's own row cannot be changed.
func selfRefusal(remove bool) string {
	if remove {
		return "This is you. You cannot remove yourself here, so that you do not lose access by accident; another Manager can remove you."
	}
	return "This is you. You cannot change your own role here, so that you do not lose access by accident; another Manager can change it."
}

// --- update ---

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.Result[[]client.Member]:
		if msg.To != m.id {
			return nil
		}
		if msg.Tag == tagCandidates {
			return m.onCandidates(msg)
		}
		return m.onList(msg)
	case common.Result[client.Member]:
		if msg.To != m.id {
			return nil
		}
		switch {
		case msg.Tag == tagInvite:
			return m.onInvited(msg)
		case msg.Tag == tagAdd:
			return m.onAdded(msg)
		case strings.HasPrefix(fmt.Sprint(msg.Tag), tagRole):
			return m.onRoleSet(strings.TrimPrefix(fmt.Sprint(msg.Tag), tagRole), msg)
		}
		return nil
	case common.Result[struct{}]:
		if msg.To != m.id || msg.Tag != tagRemove {
			return nil
		}
		return m.onRemoved(msg)
	case common.RefreshMsg:
		return m.load()
	case tea.KeyMsg:
		return m.onKey(msg)
	case tea.MouseMsg:
		switch m.mode {
		case modeList:
			return m.table.Update(msg)
		case modePick:
			return m.picker.Update(msg)
		}
		return nil
	}
	// Anything else (a cursor blink) goes to whatever has an input.
	switch m.mode {
	case modeInvite, modeAdd, modeRole:
		cmd, _ := m.form.Update(msg)
		return cmd
	case modeConfirm:
		cmd, _ := m.confirm.Update(msg)
		return cmd
	case modePick:
		return m.picker.Update(msg)
	}
	return m.table.Update(msg)
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeInvite:
		return m.formKey(msg, m.submitInvite)
	case modeAdd:
		return m.formKey(msg, m.submitAdd)
	case modeRole:
		return m.formKey(msg, m.submitRole)
	case modeConfirm:
		return m.confirmKey(msg)
	case modePick:
		return m.pickKey(msg)
	case modePermissions:
		return m.permissionsKey(msg)
	}

	if m.table.Filtering() {
		return m.table.Update(msg)
	}
	m.setNotice("", false)
	switch {
	case key.Matches(msg, m.keys.Permissions):
		m.mode, m.permTop = modePermissions, 0
		return nil
	case key.Matches(msg, m.keys.Refresh):
		return m.load()
	}
	if !m.loaded {
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

func (m *Model) closeDialog() {
	m.mode = modeList
	m.form, m.confirm, m.picker, m.retry = nil, nil, nil, nil
	m.pickErr, m.pickBusy = nil, false
	m.layout()
}

// formKey hands a key to the open form and submits or closes it.
func (m *Model) formKey(msg tea.KeyMsg, submit func() tea.Cmd) tea.Cmd {
	cmd, action := m.form.Update(msg)
	switch action {
	case form.Submit:
		return tea.Batch(cmd, submit())
	case form.Cancel:
		if m.mode == modeAdd {
			// Back to the list of people, to choose someone else.
			m.mode, m.form, m.retry = modePick, nil, nil
			return nil
		}
		m.closeDialog()
	}
	return cmd
}

// --- the list ---

func (m *Model) onList(msg common.Result[[]client.Member]) tea.Cmd {
	if msg.Tag != tagList+strconv.Itoa(m.loadSeq) {
		return nil // an older load
	}
	m.loading = false
	if msg.Err != nil {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			return common.SessionExpired(m.load())
		}
		if !m.loaded {
			m.loadErr = msg.Err
			return nil
		}
		text, hint := common.Explain(msg.Err)
		m.setNotice("Could not refresh the members: "+text+" "+hint, true)
		return nil
	}
	m.loadErr = nil
	m.loaded = true
	members := append([]client.Member(nil), msg.Value...)
	for i := range members {
		if p, ok := m.pending[members[i].AccountID]; ok {
			members[i].Role = p.next
		}
	}
	client.SortMembers(members)
	m.members = members
	m.refreshRows()
	if m.selectEmail != "" {
		for _, mem := range members {
			if strings.EqualFold(mem.Email, m.selectEmail) {
				m.table.SelectID(rowID(mem))
			}
		}
		m.selectEmail = ""
	}
	return nil
}

func (m *Model) refreshRows() {
	s := m.c.Session()
	rows := make([]table.Row, len(m.members))
	for i, mem := range m.members {
		name := mem.Username
		if s.IsMe(mem) {
			name += " (you)"
		}
		role := client.RoleName(mem.Role)
		if _, ok := m.pending[mem.AccountID]; ok {
			role += " …"
		}
		rows[i] = table.Row{ID: rowID(mem), Cells: []string{name, mem.Email, role}, Filter: mem.Username + " " + mem.Email}
	}
	m.table.SetRows(rows)
}

func rowID(mem client.Member) string {
	if mem.AccountID != "" {
		return mem.AccountID
	}
	return strings.ToLower(mem.Email)
}

// selected is the member under the cursor.
func (m *Model) selected() (client.Member, bool) {
	row, ok := m.table.Selected()
	if !ok {
		return client.Member{}, false
	}
	for _, mem := range m.members {
		if rowID(mem) == row.ID {
			return mem, true
		}
	}
	return client.Member{}, false
}

func (m *Model) findByEmail(email string) (client.Member, bool) {
	for _, mem := range m.members {
		if client.SameEmail(mem.Email, email) {
			return mem, true
		}
	}
	return client.Member{}, false
}

func (m *Model) setRole(accountID, role string) {
	for i := range m.members {
		if m.members[i].AccountID == accountID {
			m.members[i].Role = role
		}
	}
}

// who names a member in sentences: "alice (alice@example.com)".
func who(mem client.Member) string {
	switch {
	case mem.Username != "" && mem.Email != "":
		return mem.Username + " (" + mem.Email + ")"
	case mem.Email != "":
		return mem.Email
	default:
		return mem.Username
	}
}

// whoShort names a member in short messages.
func whoShort(mem client.Member) string {
	if mem.Username != "" {
		return mem.Username
	}
	return mem.Email
}

// --- invite (workspace) ---

func (m *Model) startInvite() tea.Cmd {
	if !m.mayInvite() {
		m.setNotice(m.inviteRefusal(), false)
		return nil
	}
	if m.scope.IsRepository() {
		return m.startPick()
	}
	email := form.Text("email", "E-mail", "The address of the person's Horusec account.", 255, client.CheckEmail)
	email.SetPlaceholder("name@example.com")
	role := form.Choice("role", "Role", roleOptions(false), 2)
	f := form.New(m.c.Styles, m.c.Keys, "Invite a member to "+m.scope.Workspace.Name, email, role)
	f.SubmitText = "Invite"
	f.Note = "The person must already have a Horusec account with this e-mail. " + m.emailNote()
	m.form, m.mode = f, modeInvite
	m.layout()
	return f.Init()
}

// emailNote says whether the platform tells the person.
func (m *Model) emailNote() string {
	if m.c.AuthConfig.DisableEmails {
		return "This platform sends no e-mails: tell them yourself."
	}
	return "The platform e-mails them the invitation."
}

func (m *Model) submitInvite() tea.Cmd {
	f := m.form
	addr := strings.TrimSpace(f.Value("email"))
	// The platform answers an invite of an existing member with a bare 500:
	// refuse it here with words instead.
	if mem, ok := m.findByEmail(addr); ok {
		f.SetError("email", fmt.Sprintf("%s is already a member of this workspace, as %s. Press esc, then e on their row to change the role.", who(mem), client.RoleName(mem.Role)))
		return nil
	}
	in := client.Invite{Email: addr, Role: f.Value("role")}
	cl, ws := m.c.Client, m.wsID()
	m.retry = common.Do(m.c, m.id, tagInvite, func(ctx context.Context) (client.Member, error) {
		return cl.InviteWorkspaceMember(ctx, ws, in)
	})
	f.SetSubmitting(true)
	return m.retry
}

func (m *Model) onInvited(msg common.Result[client.Member]) tea.Cmd {
	open := m.mode == modeInvite
	if msg.Err == nil {
		name := msg.Value.Email
		if name == "" && open {
			name = m.form.Value("email")
		}
		m.selectEmail = name
		text := fmt.Sprintf("Invited %s as %s.", name, client.RoleName(msg.Value.Role))
		if open {
			text = fmt.Sprintf("Invited %s as %s.", name, client.RoleName(m.form.Value("role")))
			m.closeDialog()
		}
		return tea.Batch(common.Status(common.StatusSuccess, text), m.load())
	}
	if !open {
		text, hint := common.Explain(msg.Err)
		return common.Status(common.StatusError, "The invitation failed: "+text+" "+hint)
	}
	m.form.SetSubmitting(false)
	if client.IsKind(msg.Err, client.KindUnauthenticated) {
		m.form.SetFormError("Your session has expired. Log in again: the invitation is sent right after.")
		m.form.SetSubmitting(true)
		return common.SessionExpired(m.retry)
	}
	field, text, reload := m.inviteError(msg.Err)
	if field != "" {
		m.form.SetError(field, text)
	} else {
		m.form.SetFormError(text)
	}
	if reload {
		return m.load()
	}
	return nil
}

// inviteError turns a refused invitation into words, at the field it is
// about when there is one. reload is true when the member list is probably
// out of date.
func (m *Model) inviteError(err error) (field, text string, reload bool) {
	e := asError(err)
	switch {
	case e != nil && e.Refusal == client.RefusalNoAccount:
		text = "No Horusec account uses this e-mail. The person must create a Horusec account first, then you can invite them."
		if m.c.AuthConfig.DisableEmails {
			text += " This platform sends no e-mails: tell them yourself."
		} else {
			text += " The platform then e-mails them the invitation."
		}
		return "email", text, false
	case e != nil && e.Fields["email"] != "":
		return "email", "The platform says: " + e.Message, false
	case e != nil && e.Kind == client.KindConflict:
		return "email", "This person is already a member of the workspace. The list has been reloaded.", true
	case e != nil && (e.Status == 500 || e.Kind == client.KindNoAccess):
		// The platform's bare 500 on invite most often means "already a
		// member" (someone else invited them meanwhile).
		return "", "The platform refused the invitation without saying why. It does this when the person is already a member (someone may have invited them meanwhile) or when you no longer have access to the workspace. The list has been reloaded: check it.", true
	}
	text, hint := common.Explain(err)
	return "", text + " " + hint, false
}

// --- add to a repository ---

func (m *Model) startPick() tea.Cmd {
	m.mode = modePick
	m.pickErr, m.pickBusy = nil, true
	m.picker = table.New(m.id, m.c.Styles, m.c.Keys, []table.Column{
		{Title: "Username", Flex: 2, MinWidth: 8},
		{Title: "E-mail", Flex: 3, MinWidth: 10},
		{Title: "Workspace role", Width: 15},
	})
	m.picker.Empty = "Everyone in the workspace already holds a role in this repository. Invite people to the workspace first (its Members tab)."
	m.layout()
	cl, ws, repo := m.c.Client, m.wsID(), m.repoID()
	m.retry = common.Do(m.c, m.id, tagCandidates, func(ctx context.Context) ([]client.Member, error) {
		return cl.WorkspaceMembers(ctx, ws, repo)
	})
	return m.retry
}

func (m *Model) onCandidates(msg common.Result[[]client.Member]) tea.Cmd {
	if m.mode != modePick || m.picker == nil {
		return nil
	}
	m.pickBusy = false
	if msg.Err != nil {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			m.pickBusy = true
			return common.SessionExpired(m.retry)
		}
		m.pickErr = msg.Err
		return nil
	}
	people := append([]client.Member(nil), msg.Value...)
	client.SortMembers(people)
	s := m.c.Session()
	rows := make([]table.Row, len(people))
	for i, p := range people {
		name := p.Username
		if s.IsMe(p) {
			name += " (you)"
		}
		rows[i] = table.Row{ID: p.AccountID, Cells: []string{name, p.Email, client.RoleName(p.Role)}, Filter: p.Username + " " + p.Email}
	}
	m.picker.SetRows(rows)
	m.candidates = people
	return nil
}

// pickRefusal explains a refused workspace member list.
func (m *Model) pickRefusal(err error) (string, string) {
	switch client.KindOf(err) {
	case client.KindForbidden, client.KindNoAccess:
		return "Only a workspace Manager can add people to this repository.", "The platform shows the workspace's members only to its Managers. Ask a Manager of " + m.scope.Workspace.Name + "."
	}
	return common.Explain(err)
}

func (m *Model) pickKey(msg tea.KeyMsg) tea.Cmd {
	if m.picker.Filtering() {
		return m.picker.Update(msg)
	}
	switch {
	case msg.String() == "esc" && m.picker.HandlesEsc():
		return m.picker.Update(msg)
	case msg.String() == "esc":
		m.closeDialog()
		return nil
	case m.pickErr != nil && key.Matches(msg, m.keys.Refresh):
		return m.startPick()
	case key.Matches(msg, m.keys.Select):
		row, ok := m.picker.Selected()
		if !ok || m.pickBusy {
			return nil
		}
		for _, p := range m.candidates {
			if p.AccountID == row.ID {
				m.target = p
			}
		}
		f := form.New(m.c.Styles, m.c.Keys, "Add "+who(m.target)+" to "+m.scope.Repository.Name,
			form.Choice("role", "Role in the repository", roleOptions(true), 2))
		f.SubmitText = "Add"
		if m.c.Session().IsMe(m.target) {
			// The platform's workspace-Manager fallback applies only where
			// they hold no repository role (§4.2).
			f.Note = "A role here replaces your workspace Manager rights in this repository: as anything but Manager you could no longer manage it."
		}
		m.form, m.mode = f, modeAdd
		m.layout()
		return nil
	}
	return m.picker.Update(msg)
}

func (m *Model) submitAdd() tea.Cmd {
	t := m.target
	d := client.RepositoryMemberData{AccountID: t.AccountID, Email: t.Email, Username: t.Username, Role: m.form.Value("role")}
	cl, ws, repo := m.c.Client, m.wsID(), m.repoID()
	m.retry = common.Do(m.c, m.id, tagAdd, func(ctx context.Context) (client.Member, error) {
		return cl.AddRepositoryMember(ctx, ws, repo, d)
	})
	m.form.SetSubmitting(true)
	return m.retry
}

func (m *Model) onAdded(msg common.Result[client.Member]) tea.Cmd {
	open := m.mode == modeAdd
	if msg.Err == nil {
		m.selectEmail = m.target.Email
		text := "Added " + whoShort(m.target) + " to the repository."
		if open {
			text = fmt.Sprintf("Added %s to the repository as %s.", whoShort(m.target), client.RoleName(m.form.Value("role")))
			m.closeDialog()
		}
		return tea.Batch(common.Status(common.StatusSuccess, text), m.load())
	}
	if !open {
		text, hint := common.Explain(msg.Err)
		return common.Status(common.StatusError, "Adding the member failed: "+text+" "+hint)
	}
	m.form.SetSubmitting(false)
	if client.IsKind(msg.Err, client.KindUnauthenticated) {
		m.form.SetFormError("Your session has expired. Log in again: the member is added right after.")
		m.form.SetSubmitting(true)
		return common.SessionExpired(m.retry)
	}
	e := asError(msg.Err)
	switch {
	case e != nil && e.Refusal == client.RefusalNotWorkspaceMember:
		m.form.SetFormError(whoShort(m.target) + " is no longer a member of the workspace. Press esc and choose someone else.")
	case e != nil && e.Kind == client.KindConflict:
		m.form.SetFormError(whoShort(m.target) + " already holds a role in this repository (someone may have added them meanwhile). The list has been reloaded.")
		return m.load()
	case e != nil && (e.Status == 500 || e.Kind == client.KindNoAccess):
		m.form.SetFormError("The platform refused without saying why. It does this when the person already holds a role in this repository (someone may have added them meanwhile). The list has been reloaded: check it.")
		return m.load()
	default:
		text, hint := common.Explain(msg.Err)
		m.form.SetFormError(text + " " + hint)
	}
	return nil
}

// --- change role ---

// checkTarget returns the member under the cursor when the user may change
// it, or explains why not.
func (m *Model) checkTarget(remove bool) (client.Member, bool) {
	if !m.mayManage() {
		m.setNotice(m.manageRefusal(), false)
		return client.Member{}, false
	}
	mem, ok := m.selected()
	if !ok {
		return client.Member{}, false
	}
	if m.c.Session().IsMe(mem) {
		m.setNotice(selfRefusal(remove), false)
		return client.Member{}, false
	}
	if _, busy := m.pending[mem.AccountID]; busy {
		m.setNotice("The role of "+whoShort(mem)+" is being changed; wait for the platform's answer.", false)
		return client.Member{}, false
	}
	if remove && client.LeavesNoManager(m.members, mem, "") {
		m.setNotice(m.lastManagerRefusal(mem, true), false)
		return client.Member{}, false
	}
	return mem, true
}

// lastManagerRefusal says why the last Manager can be neither removed nor
// demoted (client.LeavesNoManager), and how to hand over first.
func (m *Model) lastManagerRefusal(mem client.Member, remove bool) string {
	where, without := "workspace", "nobody could manage it"
	if m.scope.IsRepository() {
		where, without = "repository", "only the workspace's Managers could manage it"
	}
	then := "remove them"
	if !remove {
		then = "change their role"
	}
	return whoShort(mem) + " is the last Manager of this " + where + ": without one " + without + ". " +
		"Hand over first: make someone else Manager (e on their row), then " + then + "."
}

func (m *Model) startRole() tea.Cmd {
	if m.ldap() {
		m.setNotice(m.ldapRoleRefusal(), false)
		return nil
	}
	mem, ok := m.checkTarget(false)
	if !ok {
		return nil
	}
	opts := roleOptions(m.scope.IsRepository())
	sel := len(opts) - 1
	for i, o := range opts {
		if o.Value == mem.Role {
			sel = i
		}
	}
	f := form.New(m.c.Styles, m.c.Keys, "Change the role of "+who(mem), form.Choice("role", "Role", opts, sel))
	f.Note = "Now " + client.RoleName(mem.Role) + ". Choose with ↑/↓, enter to save."
	f.SubmitText = "Change role"
	m.target, m.form, m.mode = mem, f, modeRole
	m.layout()
	return nil
}

// submitRole shows the new role at once and rolls it back if the platform
// refuses.
func (m *Model) submitRole() tea.Cmd {
	mem, role := m.target, m.form.Value("role")
	m.closeDialog()
	if role == mem.Role {
		return nil
	}
	if client.LeavesNoManager(m.members, mem, role) {
		m.setNotice(m.lastManagerRefusal(mem, false), false)
		return nil
	}
	m.pending[mem.AccountID] = pendingRole{prev: mem.Role, next: role}
	m.setRole(mem.AccountID, role)
	m.refreshRows()
	return m.setRoleCmd(mem.AccountID, role)
}

func (m *Model) onRoleSet(accountID string, msg common.Result[client.Member]) tea.Cmd {
	p, ok := m.pending[accountID]
	if !ok {
		return nil
	}
	mem := client.Member{AccountID: accountID}
	for _, x := range m.members {
		if x.AccountID == accountID {
			mem = x
		}
	}
	if msg.Err != nil && client.IsKind(msg.Err, client.KindUnauthenticated) {
		return common.SessionExpired(m.setRoleCmd(accountID, p.next))
	}
	delete(m.pending, accountID)
	if msg.Err != nil {
		m.setRole(accountID, p.prev)
		m.refreshRows()
		text, hint := common.Explain(msg.Err)
		m.setNotice(fmt.Sprintf("%s is still %s: the platform refused the change. %s %s", whoShort(mem), client.RoleName(p.prev), text, hint), true)
		return nil
	}
	m.refreshRows()
	return common.Status(common.StatusSuccess, fmt.Sprintf("%s is now %s.", whoShort(mem), article(client.RoleName(p.next))))
}

func article(role string) string {
	if role == "" {
		return role
	}
	if strings.ContainsRune("AEIOU", rune(role[0])) {
		return "an " + role
	}
	return "a " + role
}

// --- remove ---

func (m *Model) startRemove() tea.Cmd {
	mem, ok := m.checkTarget(true)
	if !ok {
		return nil
	}
	var text string
	if m.scope.IsRepository() {
		text = fmt.Sprintf("%s leaves the repository %s and stays a member of the workspace %s.", who(mem), m.scope.Repository.Name, m.scope.Workspace.Name)
	} else {
		text = fmt.Sprintf("%s leaves the workspace %s, and their roles in its repositories go too. You can invite them again later.", who(mem), m.scope.Workspace.Name)
	}
	m.target = mem
	m.confirm = confirm.New(m.c.Styles, "Remove "+whoShort(mem)+"?", text, "Remove")
	m.mode = modeConfirm
	m.layout()
	return nil
}

func (m *Model) confirmKey(msg tea.KeyMsg) tea.Cmd {
	cmd, action := m.confirm.Update(msg)
	switch action {
	case confirm.Cancel:
		m.closeDialog()
		return nil
	case confirm.Confirm:
		cl, ws, repo, acc := m.c.Client, m.wsID(), m.repoID(), m.target.AccountID
		m.retry = common.Do(m.c, m.id, tagRemove, func(ctx context.Context) (struct{}, error) {
			if repo != "" {
				return struct{}{}, cl.RemoveRepositoryMember(ctx, ws, repo, acc)
			}
			return struct{}{}, cl.RemoveWorkspaceMember(ctx, ws, acc)
		})
		m.confirm.SetBusy(true)
		return m.retry
	}
	return cmd
}

func (m *Model) onRemoved(msg common.Result[struct{}]) tea.Cmd {
	open := m.mode == modeConfirm
	if msg.Err == nil {
		text := "Removed " + whoShort(m.target) + "."
		if open {
			m.closeDialog()
		}
		return tea.Batch(common.Status(common.StatusSuccess, text), m.load())
	}
	if client.IsKind(msg.Err, client.KindUnauthenticated) && open {
		return common.SessionExpired(m.retry)
	}
	text, hint := common.Explain(msg.Err)
	if !open {
		return common.Status(common.StatusError, "Removing the member failed: "+text+" "+hint)
	}
	m.confirm.SetError(text + " " + hint)
	return nil
}

// --- help ---

// ShortHelp lists only what the user's role allows.
func (m *Model) ShortHelp() []key.Binding {
	switch m.mode {
	case modeInvite:
		return m.form.Help()
	case modeAdd, modeRole:
		return []key.Binding{m.keys.Choose, m.keys.Save, m.c.Keys.Cancel}
	case modeConfirm:
		return []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "remove")),
			key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
		}
	case modePick:
		if m.pickErr != nil {
			return []key.Binding{keys.WithHelp(m.keys.Refresh, "retry"), m.keys.Close}
		}
		return []key.Binding{m.keys.Select, m.keys.Filter, m.keys.Close}
	case modePermissions:
		return []key.Binding{m.keys.Up, m.keys.Down, m.keys.Close}
	}
	if !m.loaded {
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
	if m.mode == modeList && m.table.Filtering() {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{m.ShortHelp(), {m.keys.Up, m.keys.Down}}
}

func asError(err error) *client.Error {
	var e *client.Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// Dirty reports whether an open form holds input the user has not sent.
func (m *Model) Dirty() bool { return m.form != nil && m.form.Dirty() }
