// Package tokens is the Tokens tab of a workspace or repository: the list,
// creating a token with its one-time reveal and copy, and revoking.
package tokens

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/expiry"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// Options changes how the tab works.
type Options struct {
	Clipboard Clipboard
}

type mode int

const (
	modeList mode = iota
	modeForm
	modeReveal
	modeConfirm
)

// Request tags.
const (
	tagList   = "tokens:list:"
	tagCreate = "tokens:create"
	tagRevoke = "tokens:revoke"
)

// Model is the Tokens tab.
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope
	opts  Options
	keys  keyMap

	table   *table.Model
	tokens  map[string]client.Token // by tokenID
	states  map[string]expiry.State
	loaded  bool
	loading bool
	loadSeq int
	err     error
	width   int
	height  int

	mode     mode
	form     *form.Model
	confirm  *confirm.Model
	revoking client.Token
	reveal   *reveal
	// sent is the last creation sent, and its expiry in words.
	sent       client.TokenData
	sentExpiry string
	// pick is the suffix of a token just created: the cursor goes to it
	// once the list shows it.
	pick string
}

// New builds the Tokens tab for scope, copying with the default clipboard.
func New(c *common.Common, scope common.Scope) common.Screen {
	return NewTab(c, scope, Options{Clipboard: DefaultClipboard()})
}

// NewTab builds the Tokens tab with opts.
func NewTab(c *common.Common, scope common.Scope, opts Options) *Model {
	m := &Model{c: c, id: common.NewID(), scope: scope, opts: opts, keys: newKeyMap(c.Keys)}
	m.table = table.New(common.NewID(), c.Styles, c.Keys, []table.Column{
		{Title: "Description", MinWidth: 12},
		{Title: "Token", Width: 14},
		{Title: "Created", Width: 10},
		{Title: "Expires", Width: 18},
	})
	m.table.Empty = "No tokens yet. Press n to create one: the Horusec CLI uploads analyses with it."
	m.table.Styler = m.styleCell
	return m
}

// ID implements common.Screen.
func (m *Model) ID() int { return m.id }

// Title is "Tokens", with the count once loaded.
func (m *Model) Title() string {
	if !m.loaded {
		return "Tokens"
	}
	return fmt.Sprintf("Tokens (%d)", len(m.tokens))
}

// Init loads the list.
func (m *Model) Init() tea.Cmd { return m.load() }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, h)
	if m.form != nil {
		m.form.SetSize(max(20, w-4), h-2) // inside a blank line above and below
	}
	if m.confirm != nil {
		m.confirm.SetWidth(w)
	}
}

// Capturing is true while a form, prompt or the reveal is open, or the
// filter is being typed: every key is then this tab's (tab moves between
// fields, q and esc do not leave with a token on screen).
func (m *Model) Capturing() bool {
	return m.mode != modeList || m.table.Filtering()
}

// Close wipes a token still on screen. The shell calls it when it drops
// the screen (see common.Closer).
func (m *Model) Close() {
	if m.reveal != nil {
		m.reveal.close()
		m.reveal = nil
	}
}

// HandlesEsc is true while esc closes something of this tab (a filter, the
// form, a prompt) rather than leaving the page.
func (m *Model) HandlesEsc() bool { return m.mode != modeList || m.table.HandlesEsc() }

// Loading is true while the list is being fetched.
func (m *Model) Loading() bool { return m.loading }

// Selected returns the token under the cursor.
func (m *Model) Selected() (client.Token, bool) {
	row, ok := m.table.Selected()
	if !ok {
		return client.Token{}, false
	}
	t, ok := m.tokens[row.ID]
	return t, ok
}

// --- requests ---

func (m *Model) load() tea.Cmd {
	m.loadSeq++
	m.loading = true
	ws := m.scope.Workspace.WorkspaceID
	repo := m.scope.Repository
	cl := m.c.Client
	return common.Do(m.c, m.id, tagList+strconv.Itoa(m.loadSeq), func(ctx context.Context) ([]client.Token, error) {
		if repo != nil {
			return cl.RepositoryTokens(ctx, ws, repo.RepositoryID)
		}
		return cl.WorkspaceTokens(ctx, ws)
	})
}

func (m *Model) create(d client.TokenData) tea.Cmd {
	ws := m.scope.Workspace.WorkspaceID
	repo := m.scope.Repository
	cl := m.c.Client
	return common.Do(m.c, m.id, tagCreate, func(ctx context.Context) (*client.Secret, error) {
		if repo != nil {
			return cl.CreateRepositoryToken(ctx, ws, repo.RepositoryID, d)
		}
		return cl.CreateWorkspaceToken(ctx, ws, d)
	})
}

func (m *Model) revoke(t client.Token) tea.Cmd {
	ws := m.scope.Workspace.WorkspaceID
	repo := m.scope.Repository
	cl := m.c.Client
	return common.Do(m.c, m.id, tagRevoke, func(ctx context.Context) (struct{}, error) {
		if repo != nil {
			return struct{}{}, cl.DeleteRepositoryToken(ctx, ws, repo.RepositoryID, t.TokenID)
		}
		return struct{}{}, cl.DeleteWorkspaceToken(ctx, ws, t.TokenID)
	})
}

// --- update ---

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.Result[[]client.Token]:
		if msg.To != m.id {
			return nil
		}
		return m.onList(msg)
	case common.Result[*client.Secret]:
		if msg.To != m.id || msg.Tag != tagCreate {
			return nil
		}
		return m.onCreated(msg)
	case common.Result[struct{}]:
		if msg.To != m.id || msg.Tag != tagRevoke {
			return nil
		}
		return m.onRevoked(msg)
	case copiedMsg:
		if msg.to != m.id {
			return nil
		}
		text, kind := copiedText(msg)
		if m.reveal != nil {
			m.reveal.copied = text
		}
		var clearCmd tea.Cmd
		if msg.native {
			clearCmd = m.opts.Clipboard.clearLaterCmd(msg.digest)
		}
		return tea.Batch(common.Status(kind, text), clearCmd)
	case common.RefreshMsg:
		return m.load()
	case tea.KeyMsg:
		return m.onKey(msg)
	case tea.MouseMsg:
		if m.mode == modeList {
			return m.table.Update(msg)
		}
		return nil
	}
	// Anything else (the cursor's blink) goes to what has focus.
	switch m.mode {
	case modeForm:
		cmd, _ := m.form.Update(msg)
		return cmd
	case modeConfirm:
		cmd, _ := m.confirm.Update(msg)
		return cmd
	case modeList:
		if m.table.Filtering() {
			return m.table.Update(msg)
		}
	}
	return nil
}

func (m *Model) onList(msg common.Result[[]client.Token]) tea.Cmd {
	if msg.Tag != tagList+strconv.Itoa(m.loadSeq) {
		return nil // an older load
	}
	m.loading = false
	if msg.Err != nil {
		m.err = msg.Err
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			// The list loads again after the login; if the user gives up,
			// the error stays with r to retry.
			retry := m.load()
			m.loading = false
			return common.SessionExpired(retry)
		}
		return nil
	}
	m.err = nil
	m.loaded = true
	m.setTokens(msg.Value)
	if m.pick != "" {
		for _, t := range msg.Value {
			if t.SuffixValue == m.pick {
				if !m.table.SelectID(t.TokenID) {
					m.table.ClearFilter() // the filter hides it
					m.table.SelectID(t.TokenID)
				}
				break
			}
		}
		m.pick = ""
	}
	return nil
}

func (m *Model) setTokens(list []client.Token) {
	sorted := append([]client.Token(nil), list...)
	client.SortTokens(sorted)
	now := m.c.Today()
	m.tokens = make(map[string]client.Token, len(sorted))
	m.states = make(map[string]expiry.State, len(sorted))
	rows := make([]table.Row, len(sorted))
	for i, t := range sorted {
		m.tokens[t.TokenID] = t
		st, _ := expiry.Status(t, now)
		m.states[t.TokenID] = st
		rows[i] = table.Row{
			ID:     t.TokenID,
			Cells:  []string{t.Description, t.Masked(), dateOf(t.CreatedAt), expiry.Describe(t, now)},
			Filter: t.Description,
		}
	}
	m.table.SetRows(rows)
}

func dateOf(t time.Time) string {
	if t.IsZero() || t.Year() <= 1 {
		return "—"
	}
	return t.UTC().Format(client.DateLayout)
}

func (m *Model) styleCell(row table.Row, col int, selected bool) (lipgloss.Style, bool) {
	if col != 3 || selected {
		return lipgloss.Style{}, false
	}
	switch m.states[row.ID] {
	case expiry.StateExpired:
		return m.c.Styles.Error, true
	case expiry.StateExpiring:
		return m.c.Styles.Warning, true
	case expiry.StateNever:
		return m.c.Styles.Subtle, true
	}
	return lipgloss.Style{}, false
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeForm:
		return m.onFormKey(msg)
	case modeReveal:
		return m.onRevealKey(msg)
	case modeConfirm:
		return m.onConfirmKey(msg)
	}
	if m.table.Filtering() {
		return m.table.Update(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Refresh):
		m.err = nil
		return m.load()
	case m.err != nil:
		return nil // nothing to act on until the list loads
	case key.Matches(msg, m.keys.New):
		if !m.scope.Admin() {
			return common.Status(common.StatusError, "Creating tokens needs "+m.roleNeeded()+".")
		}
		m.openForm()
		return m.form.Init()
	case key.Matches(msg, m.keys.Revoke):
		if !m.scope.Admin() {
			return common.Status(common.StatusError, "Revoking tokens needs "+m.roleNeeded()+".")
		}
		t, ok := m.Selected()
		if !ok {
			return nil
		}
		m.revoking = t
		m.confirm = confirm.New(m.c.Styles, "Revoke this token?",
			fmt.Sprintf("“%s” (%s) stops working at once: every pipeline or script that uploads with it will be refused.", t.Description, t.Masked()),
			"Revoke")
		m.confirm.SetWidth(m.width)
		m.mode = modeConfirm
		return nil
	}
	return m.table.Update(msg)
}

// roleNeeded names the role that manages tokens in this scope.
func (m *Model) roleNeeded() string {
	if m.scope.IsRepository() {
		return "the " + client.RoleName(client.RoleAdmin) + " role in this repository or in its workspace"
	}
	return "the " + client.RoleName(client.RoleAdmin) + " role in this workspace"
}

// --- create ---

const formNote = "The platform keeps only the date: the token stops working at 00:00 UTC of that day."

func (m *Model) openForm() {
	now := m.c.Today()
	desc := form.Text("description", "Description", "What will use it, e.g. “GitHub Actions of api”.", 255, func(v string) string {
		if strings.TrimSpace(v) == "" {
			return "Give the token a description (1 to 255 characters)."
		}
		return client.TooLong("The description", strings.TrimSpace(v))
	})
	var opts []form.Option
	for _, p := range expiry.Presets {
		o := form.Option{Value: p.Value, Label: p.Label}
		if p.Value != "never" {
			if e, err := expiry.Parse(p.Value, now); err == nil {
				o.Description = "until " + e.String()
			}
		} else {
			o.Description = "works until revoked"
		}
		opts = append(opts, o)
	}
	opts = append(opts, form.Option{Value: "date", Label: "On a date…", Description: "type it below"})
	choice := form.Choice("expiry", "Expires", opts, 3) // 90 days
	earliest := expiry.Earliest(now).Format(client.DateLayout)
	date := form.Text("date", "Expiry date", "YYYY-MM-DD, from "+earliest+" on.", 10, func(v string) string {
		d, err := expiry.ParseDate(v)
		if err != nil {
			return err.Error()
		}
		if err := (expiry.Expiry{Date: d}).Check(m.c.Today()); err != nil {
			return "Choose a date from " + expiry.Earliest(m.c.Today()).Format(client.DateLayout) + " on: a token expiring today would be refused at once."
		}
		return ""
	})
	date.SetPlaceholder(earliest)
	date.Hidden = func() bool { return choice.Value() != "date" }

	title := "New token for the workspace " + m.scope.Workspace.Name
	if m.scope.IsRepository() {
		title = "New token for the repository " + m.scope.Name()
	}
	m.form = form.New(m.c.Styles, m.c.Keys, title, desc, choice, date)
	m.form.Note = formNote
	m.form.SubmitText = "Create"
	m.form.SetSize(max(20, m.width-4), m.height-2)
	m.mode = modeForm
}

// formExpiry reads the chosen expiry.
func (m *Model) formExpiry() (expiry.Expiry, error) {
	v := m.form.Value("expiry")
	if v == "date" {
		v = m.form.Value("date")
	}
	return expiry.Parse(v, m.c.Today())
}

func (m *Model) onFormKey(msg tea.KeyMsg) tea.Cmd {
	cmd, act := m.form.Update(msg)
	switch act {
	case form.Cancel:
		m.mode = modeList
		m.form = nil
		return nil
	case form.Submit:
		e, err := m.formExpiry()
		if err != nil {
			// The day may have turned since the form opened.
			if m.form.Value("expiry") == "date" {
				m.form.SetError("date", err.Error())
			} else {
				m.form.SetFormError(err.Error())
			}
			return nil
		}
		m.form.SetSubmitting(true)
		m.sent = e.TokenData(strings.TrimSpace(m.form.Value("description")))
		m.sentExpiry = describeNew(e)
		return m.create(m.sent)
	}
	return cmd
}

func (m *Model) onCreated(msg common.Result[*client.Secret]) tea.Cmd {
	if msg.Err != nil {
		if m.form == nil {
			return common.Status(common.StatusError, "The token was not created: "+firstLine(msg.Err))
		}
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			// Log in again, then send the same form once more. It stays
			// sent meanwhile, so the token cannot be created twice.
			m.form.SetFormError("Your session expired: the token is created as soon as you log in again (esc gives up).")
			return common.SessionExpired(m.create(m.sent))
		}
		m.form.SetSubmitting(false)
		m.showCreateError(msg.Err)
		return nil
	}
	if msg.Value == nil || msg.Value.Len() == 0 {
		if m.form != nil {
			m.form.SetSubmitting(false)
			m.form.SetFormError("The platform answered without a token. Press r on the list to see whether it was created.")
		}
		return nil
	}
	// The token exists now: show it even if the form was cancelled while
	// the request ran, or it could never be used.
	if m.reveal != nil {
		m.reveal.close()
	}
	m.reveal = newReveal(m.c.Ctx, msg.Value, m.sent.Description, m.sentExpiry)
	m.form = nil
	m.mode = modeReveal
	return nil
}

func describeNew(e expiry.Expiry) string {
	if e.Never {
		return "never"
	}
	return e.String() + " at 00:00 UTC"
}

func (m *Model) showCreateError(err error) {
	message, hint := common.Explain(err)
	switch client.KindOf(err) {
	case client.KindValidation:
		var e *client.Error
		errors.As(err, &e)
		switch {
		case e.Fields["description"] != "":
			m.form.SetError("description", e.Fields["description"]+".")
			return
		case e.Fields["expiresAt"] != "":
			if m.form.Value("expiry") == "date" {
				m.form.SetError("date", message)
			} else {
				m.form.SetFormError(message)
			}
			return
		}
		m.form.SetFormError(message)
	case client.KindForbidden:
		m.form.SetFormError("Creating tokens needs " + m.roleNeeded() + ". " + hint)
	default:
		m.form.SetFormError(message + " " + hint)
	}
}

func firstLine(err error) string {
	msg, _ := common.Explain(err)
	if i := strings.IndexByte(msg, '\n'); i >= 0 {
		msg = msg[:i]
	}
	return msg
}

// --- reveal ---

func (m *Model) onRevealKey(msg tea.KeyMsg) tea.Cmd {
	r := m.reveal
	switch {
	case key.Matches(msg, m.keys.Copy):
		text := r.text()
		if text == "" {
			return nil
		}
		return m.opts.Clipboard.copyCmd(m.id, text)
	case key.Matches(msg, m.keys.Done):
		if !r.confirming {
			r.confirming = true
			return nil
		}
		desc := r.description
		m.pick = r.suffix
		r.close()
		m.reveal = nil
		m.mode = modeList
		return tea.Batch(
			common.Status(common.StatusSuccess, "Token “"+desc+"” created; it is no longer shown anywhere"),
			m.load(),
		)
	case key.Matches(msg, m.keys.Keep):
		r.confirming = false
	}
	return nil
}

// --- revoke ---

func (m *Model) onConfirmKey(msg tea.KeyMsg) tea.Cmd {
	cmd, act := m.confirm.Update(msg)
	switch act {
	case confirm.Cancel:
		m.mode = modeList
		m.confirm = nil
		return nil
	case confirm.Confirm:
		m.confirm.SetBusy(true)
		return m.revoke(m.revoking)
	}
	return cmd
}

func (m *Model) onRevoked(msg common.Result[struct{}]) tea.Cmd {
	if m.confirm == nil {
		return m.load()
	}
	// The platform answers 204 whether or not the token was still there:
	// either way it no longer works.
	if msg.Err != nil && !client.IsKind(msg.Err, client.KindNotFound) {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			// Revoked after the login; y tries again if the user gives up.
			m.confirm.SetError("Your session expired: the token is revoked as soon as you log in again.")
			return common.SessionExpired(m.revoke(m.revoking))
		}
		message, hint := common.Explain(msg.Err)
		if client.IsKind(msg.Err, client.KindForbidden) {
			message = "Revoking tokens needs " + m.roleNeeded() + "."
		}
		m.confirm.SetError(message + " " + hint)
		return nil
	}
	t := m.revoking
	m.confirm = nil
	m.mode = modeList
	return tea.Batch(
		common.Status(common.StatusSuccess, "Revoked “"+t.Description+"” ("+t.Masked()+")"),
		m.load(),
	)
}

// --- view ---

// View implements common.Screen.
func (m *Model) View() string {
	switch m.mode {
	case modeForm:
		return lipgloss.NewStyle().Padding(1, 2).Render(m.form.View())
	case modeReveal:
		return m.center(m.reveal.view(m.c.Styles, m.width))
	case modeConfirm:
		return m.center(m.confirm.View())
	}
	if m.err != nil {
		return lipgloss.NewStyle().Padding(1, 2).Render(m.errorView())
	}
	if !m.loaded {
		return common.LoadingView(m.c.Styles, "Loading the tokens of "+m.scope.Name()+"…")
	}
	return m.table.View()
}

func (m *Model) center(s string) string {
	if m.width <= 0 || m.height <= 0 {
		return s
	}
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, s)
}

// errorView says why the list did not load; a refusal of the role is told
// in the UI's words, never as a raw status.
func (m *Model) errorView() string {
	s := m.c.Styles
	switch client.KindOf(m.err) {
	case client.KindForbidden, client.KindNoAccess:
		w := max(20, m.width-4)
		body := lipgloss.NewStyle().Width(w)
		return lipgloss.JoinVertical(lipgloss.Left,
			s.Error.Bold(true).Render("These tokens are not yours to see"),
			"",
			body.Render(s.Text.Render("Listing and creating tokens needs "+m.roleNeeded()+". The platform refused, so your role may have changed or "+safetext.Clean(m.scope.Name())+" no longer exists.")),
			"",
			body.Render(s.Subtle.Render("Ask a "+client.RoleName(client.RoleAdmin)+" of the workspace for the role, or go back and refresh.")),
			"",
			s.Subtle.Render(s.Key.Render("r")+" retry · "+s.Key.Render("esc")+" back"),
		)
	}
	return common.ErrorView(s, m.err, m.width)
}

// ShortHelp implements help.KeyMap. Actions the role does not allow are
// not offered.
func (m *Model) ShortHelp() []key.Binding {
	switch m.mode {
	case modeForm:
		return m.form.Help()
	case modeReveal:
		if m.reveal != nil && m.reveal.confirming {
			return []key.Binding{keys.WithHelp(m.keys.Done, "close"), m.keys.Keep}
		}
		return []key.Binding{m.keys.Copy, m.keys.Done}
	case modeConfirm:
		return []key.Binding{m.keys.Yes, m.keys.No}
	}
	if m.err != nil {
		return []key.Binding{m.c.Keys.Retry}
	}
	if m.table.Filtering() {
		return m.table.FilterHelp()
	}
	var b []key.Binding
	if m.scope.Admin() {
		b = append(b, m.keys.New)
		if m.table.Len() > 0 {
			b = append(b, m.keys.Revoke)
		}
	}
	return append(b, m.keys.Filter, m.keys.Refresh)
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	if m.mode != modeList || m.table.Filtering() {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{m.ShortHelp(), {m.keys.Up, m.keys.Down}}
}

// Dirty reports whether an open form holds input the user has not sent.
func (m *Model) Dirty() bool { return m.form != nil && m.form.Dirty() }
