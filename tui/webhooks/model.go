// Package webhooks is the Webhooks tab of a workspace (every webhook of its
// repositories) or of one repository (only its webhook): the list, a form
// to create, edit or copy one, delete, and a test delivery sent from this
// machine. The platform lets only workspace Managers use webhooks.
package webhooks

import (
	"context"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// tag tells this tab's requests apart (the list tags its own loads).
type tag int

const (
	tagSave tag = iota + 1
	tagDelete
)

// testTag tags a test delivery: only the latest one's answer is shown.
type testTag struct{ seq int }

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

// Model is the Webhooks tab: the list, hosting the form (form.go), the
// delete question (delete.go) and the test delivery (test.go).
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope
	keys  keyMap

	list     *common.List[listing]
	table    *table.Model
	hooks    map[string]client.Webhook // by webhookID
	repos    []client.Repository
	reposErr error

	// dialogs is the tab's host: its Init, SetSize, Capturing, Typing,
	// HandlesEsc, Loading, Dirty and Close are the tab's.
	dialogs
	// warned is set once the user has read the stall warning.
	warned bool
	// pick is the repository of a webhook just saved: the cursor goes to it
	// once the list shows it.
	pick    string
	testSeq int
}

// dialogs hosts the tab's dialogs over its list.
type dialogs = dialog.ListHost[listing]

// New builds the Webhooks tab for scope.
func New(c *common.Common, scope common.Scope) common.Screen { return NewTab(c, scope) }

// NewTab builds the Webhooks tab for scope.
func NewTab(c *common.Common, scope common.Scope) *Model {
	m := &Model{c: c, id: common.NewID(), scope: scope, keys: newKeyMap(c.Keys)}
	ws, repo, cl := scope.Workspace.WorkspaceID, scope.Repository, c.Client
	m.list = common.NewList(c, m.id, func(ctx context.Context) (listing, error) {
		hooks, err := cl.Webhooks(ctx, ws)
		if err != nil {
			return listing{}, err
		}
		if repo != nil {
			return listing{hooks: hooks, repos: []client.Repository{*repo}}, nil
		}
		repos, rerr := cl.Repositories(ctx, ws, client.RepositoryQuery{})
		return listing{hooks: hooks, repos: repos, reposErr: rerr}, nil
	}, m.onList)
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
	m.dialogs.List, m.dialogs.Table = m.list, m.table
	m.dialogs.Above = noteHeight
	return m
}

// ID implements common.Screen.
func (m *Model) ID() int { return m.id }

// Title is "Webhooks", with the count once loaded.
func (m *Model) Title() string { return m.list.Title("Webhooks", len(m.hooks)) }

func (m *Model) load() tea.Cmd { return m.list.Load() }

// noteHeight is the line above the table that says what a webhook does.
const noteHeight = 1

// Selected returns the webhook under the cursor.
func (m *Model) Selected() (client.Webhook, bool) { return table.SelectedIn(m.table, m.hooks) }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if _, left := dialog.Left[*editor, string](&m.dialogs.Host, m.id, tagSave, msg); left {
		return m.load() // the form was left: the list shows what was saved
	}
	return m.dialogs.Route(msg, m.onListKey)
}

func (m *Model) onList(l listing) {
	m.repos, m.reposErr = l.repos, l.reposErr
	sort.SliceStable(m.repos, func(i, j int) bool { return strings.ToLower(m.repos[i].Name) < strings.ToLower(m.repos[j].Name) })
	m.setHooks(l.hooks)
	if m.pick != "" {
		if h, ok := m.hookOf(m.pick); ok {
			dialog.Reveal(m.table, h.WebhookID)
		}
		m.pick = ""
	}
}

func (m *Model) setHooks(list []client.Webhook) {
	repoID := ""
	if m.scope.IsRepository() {
		repoID = m.scope.Repository.RepositoryID
	}
	mine := client.ScopeWebhooks(list, repoID)
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
			Filter: h.URL + " " + h.Description + " " + repoName(h) + " " + strings.Join(h.HeaderNames(), " ")}
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

func (m *Model) onListKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Refresh):
		return m.load()
	case m.list.Err() != nil || !m.list.Loaded():
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
		m.dialogs.Open(m.newDelete(h))
		return nil
	case key.Matches(msg, m.keys.Test):
		h, ok := m.Selected()
		if !ok {
			return nil
		}
		t := m.newTester(h)
		m.dialogs.Open(t)
		return t.run()
	}
	return m.table.Update(msg)
}

// roleNeeded names the role webhooks need.
var roleNeeded = "the " + client.RoleName(client.RoleAdmin) + " role in this workspace"
