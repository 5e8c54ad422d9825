// Package webhooks is the Webhooks tab of a workspace (every webhook of its
// repositories) or of one repository (only its webhook): the list, a form
// to create, edit or copy one, delete, and a test delivery sent from this
// machine. The platform lets only workspace Managers use webhooks.
package webhooks

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

type mode int

const (
	modeList mode = iota
	modeForm
	modeWarn // the stall warning, once, before a URL is saved
	modeConfirm
	modeTest
)

// Request tags.
const (
	tagList   = "webhooks:list:"
	tagSave   = "webhooks:save"
	tagDelete = "webhooks:delete"
	tagTest   = "webhooks:test:"
)

// listing is what one load brings: the webhooks, and the repositories the
// form offers (their failure does not hide the webhooks).
type listing struct {
	hooks    []client.Webhook
	repos    []client.Repository
	reposErr error
}

// testOutcome is a test delivery's answer.
type testOutcome struct {
	url    string
	result client.WebhookTestResult
}

// Model is the Webhooks tab.
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope
	keys  keyMap

	table    *table.Model
	hooks    map[string]client.Webhook // by webhookID
	repos    []client.Repository
	reposErr error
	loaded   bool
	loading  bool
	loadSeq  int
	err      error
	width    int
	height   int

	mode    mode
	form    *editor
	confirm *confirm.Model
	// warned is set once the user has read the stall warning.
	warned   bool
	deleting client.Webhook
	// pick is the repository of a webhook just saved: the cursor goes to it
	// once the list shows it.
	pick string

	test    *testState
	testSeq int
}

// testState is the test delivery on screen.
type testState struct {
	hook    client.Webhook
	running bool
	started time.Time
	result  client.WebhookTestResult
	err     error
}

// New builds the Webhooks tab for scope.
func New(c *common.Common, scope common.Scope) common.Screen { return NewTab(c, scope) }

// NewTab builds the Webhooks tab for scope.
func NewTab(c *common.Common, scope common.Scope) *Model {
	m := &Model{c: c, id: common.NewID(), scope: scope, keys: newKeyMap(c.Keys)}
	cols := []table.Column{
		{Title: "Repository", Flex: 3, MinWidth: 10},
		{Title: "URL", Flex: 5, MinWidth: 16},
		{Title: "Description", Flex: 2, MinWidth: 6},
		{Title: "Headers", Flex: 2, MinWidth: 7},
	}
	if scope.IsRepository() {
		cols = cols[1:]
	}
	m.table = table.New(common.NewID(), c.Styles, c.Keys, cols)
	m.table.Empty = "No webhooks yet. Press n to send every new analysis of a repository to a URL."
	if scope.IsRepository() {
		m.table.Empty = "This repository has no webhook. Press n to send each of its new analyses to a URL."
	}
	return m
}

// ID implements common.Screen.
func (m *Model) ID() int { return m.id }

// Title is "Webhooks", with the count once loaded.
func (m *Model) Title() string {
	if !m.loaded {
		return "Webhooks"
	}
	return fmt.Sprintf("Webhooks (%d)", len(m.hooks))
}

// Init loads the list.
func (m *Model) Init() tea.Cmd { return m.load() }

// noteHeight is the line above the table that says what a webhook does.
const noteHeight = 1

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.table.SetSize(w, max(1, h-noteHeight))
	if m.form != nil {
		m.form.f.SetSize(m.formSize())
	}
	if m.confirm != nil {
		m.confirm.SetWidth(w)
	}
}

// tight is true when the tab is so low that the form drops its margins.
func (m *Model) tight() bool { return m.height < 14 }

// formSize is the room the form gets inside its margins.
func (m *Model) formSize() (int, int) {
	if m.tight() {
		return max(20, m.width-2), m.height
	}
	return max(20, m.width-4), m.height - 2
}

// Capturing is true while a form, a prompt or the test result is open, or
// the filter is being typed.
func (m *Model) Capturing() bool { return m.mode != modeList || m.table.Filtering() }

// HandlesEsc is true while esc closes something of this tab.
func (m *Model) HandlesEsc() bool { return m.mode != modeList || m.table.HandlesEsc() }

// Loading is true while the list is being fetched or a test runs.
func (m *Model) Loading() bool { return m.loading || (m.test != nil && m.test.running) }

// Dirty reports whether an open form holds input the user has not sent.
func (m *Model) Dirty() bool { return m.form != nil && m.form.f.Dirty() }

// Selected returns the webhook under the cursor.
func (m *Model) Selected() (client.Webhook, bool) {
	row, ok := m.table.Selected()
	if !ok {
		return client.Webhook{}, false
	}
	h, ok := m.hooks[row.ID]
	return h, ok
}

// --- requests ---

func (m *Model) load() tea.Cmd {
	m.loadSeq++
	m.loading = true
	ws := m.scope.Workspace.WorkspaceID
	repo := m.scope.Repository
	cl := m.c.Client
	return common.Do(m.c, m.id, tagList+strconv.Itoa(m.loadSeq), func(ctx context.Context) (listing, error) {
		hooks, err := cl.Webhooks(ctx, ws)
		if err != nil {
			return listing{}, err
		}
		if repo != nil {
			return listing{hooks: hooks, repos: []client.Repository{*repo}}, nil
		}
		repos, rerr := cl.Repositories(ctx, ws, client.RepositoryQuery{})
		return listing{hooks: hooks, repos: repos, reposErr: rerr}, nil
	})
}

func (m *Model) save(e *editor, d client.WebhookData) tea.Cmd {
	ws := m.scope.Workspace.WorkspaceID
	cl := m.c.Client
	id := e.editing.WebhookID
	return common.Do(m.c, m.id, tagSave, func(ctx context.Context) (string, error) {
		if id != "" {
			return id, cl.UpdateWebhook(ctx, ws, id, d)
		}
		return cl.CreateWebhook(ctx, ws, d)
	})
}

func (m *Model) remove(h client.Webhook) tea.Cmd {
	ws := m.scope.Workspace.WorkspaceID
	cl := m.c.Client
	return common.Do(m.c, m.id, tagDelete, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cl.DeleteWebhook(ctx, ws, h.WebhookID)
	})
}

func (m *Model) runTest(h client.Webhook) tea.Cmd {
	m.testSeq++
	m.test = &testState{hook: h, running: true, started: time.Now()}
	m.mode = modeTest
	t := client.WebhookTest{URL: h.URL, Headers: h.Headers, WorkspaceID: m.scope.Workspace.WorkspaceID,
		WorkspaceName: m.scope.Workspace.Name, RepositoryID: h.RepositoryID, RepositoryName: h.Repository.Name}
	cl := m.c.Client
	return common.Do(m.c, m.id, tagTest+strconv.Itoa(m.testSeq), func(ctx context.Context) (testOutcome, error) {
		res, err := cl.TestWebhook(ctx, t)
		return testOutcome{url: t.URL, result: res}, err
	})
}

// --- update ---

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.Result[listing]:
		if msg.To != m.id {
			return nil
		}
		return m.onList(msg)
	case common.Result[string]:
		if msg.To != m.id || msg.Tag != tagSave {
			return nil
		}
		return m.onSaved(msg)
	case common.Result[struct{}]:
		if msg.To != m.id || msg.Tag != tagDelete {
			return nil
		}
		return m.onDeleted(msg)
	case common.Result[testOutcome]:
		if msg.To != m.id || msg.Tag != tagTest+strconv.Itoa(m.testSeq) || m.test == nil {
			return nil
		}
		m.test.running = false
		m.test.result, m.test.err = msg.Value.result, msg.Err
		return nil
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
	switch m.mode {
	case modeForm:
		cmd, _ := m.form.f.Update(msg)
		return cmd
	case modeList:
		if m.table.Filtering() {
			return m.table.Update(msg)
		}
	}
	return nil
}

func (m *Model) onList(msg common.Result[listing]) tea.Cmd {
	if msg.Tag != tagList+strconv.Itoa(m.loadSeq) {
		return nil // an older load
	}
	m.loading = false
	if msg.Err != nil {
		m.err = msg.Err
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			retry := m.load()
			m.loading = false
			return common.SessionExpired(retry)
		}
		return nil
	}
	m.err = nil
	m.loaded = true
	m.repos, m.reposErr = msg.Value.repos, msg.Value.reposErr
	sort.SliceStable(m.repos, func(i, j int) bool { return strings.ToLower(m.repos[i].Name) < strings.ToLower(m.repos[j].Name) })
	m.setHooks(msg.Value.hooks)
	if m.pick != "" {
		for _, h := range m.hooks {
			if h.RepositoryID == m.pick {
				if !m.table.SelectID(h.WebhookID) {
					m.table.ClearFilter()
					m.table.SelectID(h.WebhookID)
				}
			}
		}
		m.pick = ""
	}
	return nil
}

func (m *Model) setHooks(list []client.Webhook) {
	var mine []client.Webhook
	for _, h := range list {
		if m.scope.IsRepository() && h.RepositoryID != m.scope.Repository.RepositoryID {
			continue
		}
		mine = append(mine, h)
	}
	sort.SliceStable(mine, func(i, j int) bool {
		a, b := strings.ToLower(mine[i].Repository.Name), strings.ToLower(mine[j].Repository.Name)
		if a != b {
			return a < b
		}
		return mine[i].WebhookID < mine[j].WebhookID
	})
	m.hooks = make(map[string]client.Webhook, len(mine))
	rows := make([]table.Row, len(mine))
	for i, h := range mine {
		m.hooks[h.WebhookID] = h
		names := strings.Join(h.HeaderNames(), ", ")
		if names == "" {
			names = "—"
		}
		desc := h.Description
		if desc == "" {
			desc = "—"
		}
		cells := []string{repoName(h), h.URL, desc, names}
		if m.scope.IsRepository() {
			cells = cells[1:]
		}
		rows[i] = table.Row{ID: h.WebhookID, Cells: cells,
			Filter: h.URL + " " + h.Description + " " + repoName(h)}
	}
	m.table.SetRows(rows)
}

// repoName is the webhook's repository as the list names it.
func repoName(h client.Webhook) string {
	if h.Repository.Name != "" {
		return h.Repository.Name
	}
	return h.RepositoryID
}

// hookOf returns the webhook of a repository, if it has one.
func (m *Model) hookOf(repositoryID string) (client.Webhook, bool) {
	for _, h := range m.hooks {
		if h.RepositoryID == repositoryID {
			return h, true
		}
	}
	return client.Webhook{}, false
}

func (m *Model) onKey(msg tea.KeyMsg) tea.Cmd {
	switch m.mode {
	case modeForm:
		return m.onFormKey(msg)
	case modeWarn:
		return m.onWarnKey(msg)
	case modeConfirm:
		return m.onConfirmKey(msg)
	case modeTest:
		return m.onTestKey(msg)
	}
	if m.table.Filtering() {
		return m.table.Update(msg)
	}
	switch {
	case key.Matches(msg, m.keys.Refresh):
		m.err = nil
		return m.load()
	case m.err != nil || !m.loaded:
		return nil // nothing to act on until the list loads
	case key.Matches(msg, m.keys.New):
		if !m.scope.WorkspaceAdmin() {
			return common.Status(common.StatusError, "Webhooks need "+roleNeeded+".")
		}
		if m.scope.IsRepository() {
			if h, ok := m.hookOf(m.scope.Repository.RepositoryID); ok {
				return common.Status(common.StatusError, "This repository already has a webhook (to "+h.URL+"): press e to change it.")
			}
		}
		return m.openForm(client.Webhook{}, false)
	case key.Matches(msg, m.keys.Edit), key.Matches(msg, m.keys.Copy):
		h, ok := m.Selected()
		if !ok {
			return nil
		}
		if key.Matches(msg, m.keys.Copy) && m.scope.IsRepository() {
			return common.Status(common.StatusError, "A repository has at most one webhook: copy this one from the workspace's Webhooks tab to another repository.")
		}
		return m.openForm(h, key.Matches(msg, m.keys.Copy))
	case key.Matches(msg, m.keys.Delete):
		h, ok := m.Selected()
		if !ok {
			return nil
		}
		m.deleting = h
		m.confirm = confirm.New(m.c.Styles, "Delete this webhook?",
			fmt.Sprintf("New analyses of %s will no longer be sent to %s.", repoName(h), h.URL), "Delete")
		m.confirm.SetWidth(m.width)
		m.mode = modeConfirm
		return nil
	case key.Matches(msg, m.keys.Test):
		h, ok := m.Selected()
		if !ok {
			return nil
		}
		return m.runTest(h)
	}
	return m.table.Update(msg)
}

// roleNeeded names the role webhooks need.
var roleNeeded = "the " + client.RoleName(client.RoleAdmin) + " role in this workspace"

// --- delete ---

func (m *Model) onConfirmKey(msg tea.KeyMsg) tea.Cmd {
	cmd, act := m.confirm.Update(msg)
	switch act {
	case confirm.Cancel:
		m.mode = modeList
		m.confirm = nil
		return nil
	case confirm.Confirm:
		m.confirm.SetBusy(true)
		return m.remove(m.deleting)
	}
	return cmd
}

func (m *Model) onDeleted(msg common.Result[struct{}]) tea.Cmd {
	if m.confirm == nil || m.mode != modeConfirm {
		return m.load()
	}
	if msg.Err != nil {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			m.confirm.SetError("Your session expired: the webhook is deleted as soon as you log in again.")
			return common.SessionExpired(m.remove(m.deleting))
		}
		message, hint := common.Explain(msg.Err)
		if client.IsKind(msg.Err, client.KindForbidden) {
			message = "Deleting webhooks needs " + roleNeeded + "."
		}
		m.confirm.SetError(message + " " + hint)
		return nil
	}
	h := m.deleting
	m.confirm = nil
	m.mode = modeList
	return tea.Batch(
		common.Status(common.StatusSuccess, "Deleted the webhook of "+repoName(h)+": its analyses are no longer sent to "+h.URL),
		m.load(),
	)
}

// --- test delivery ---

func (m *Model) onTestKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Test):
		if m.test != nil && !m.test.running {
			return m.runTest(m.test.hook)
		}
	case key.Matches(msg, m.keys.Close):
		// A test still running is left to finish; its answer is dropped.
		m.test = nil
		m.mode = modeList
	}
	return nil
}
