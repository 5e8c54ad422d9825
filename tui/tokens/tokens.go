// Package tokens is the Tokens tab of a workspace or repository. The tab
// is a small host (this file: the list, its keys and its help) plus three
// dialogs: create (create.go), the one-time reveal with its copy
// (reveal.go, clipboard.go) and revoke (a dialog.Confirm, at the end of
// this file).
package tokens

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/expiry"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// Options changes how the tab works.
type Options struct {
	Clipboard Clipboard
}

// tag tells this tab's requests apart (the list tags its own loads).
type tag int

const (
	tagCreate tag = iota + 1
	tagRevoke
)

// Model is the Tokens tab.
type Model struct {
	c     *common.Common
	id    int
	scope common.Scope
	opts  Options
	keys  keyMap

	list   *common.List[[]client.Token]
	table  *table.Model
	tokens map[string]client.Token // by tokenID
	states map[string]expiry.State

	// dialogs is the tab's host: its Init, SetSize, Capturing, Typing,
	// HandlesEsc, Loading, Dirty and Close are the tab's (the shell calls
	// Close when it drops the screen: a token still on screen is wiped).
	dialogs
	// sent is the last creation sent, and its expiry in words: the reveal
	// names the token with them, even if the form was closed meanwhile.
	sent       client.TokenData
	sentExpiry string
	// pick is the suffix of a token just created: the cursor goes to it
	// once the list shows it.
	pick string
}

// dialogs hosts the tab's dialogs over its list.
type dialogs = dialog.ListHost[[]client.Token]

// New builds the Tokens tab for scope, copying with the default clipboard.
func New(c *common.Common, scope common.Scope) common.Screen {
	return NewTab(c, scope, Options{Clipboard: DefaultClipboard()})
}

// NewTab builds the Tokens tab with opts.
func NewTab(c *common.Common, scope common.Scope, opts Options) *Model {
	m := &Model{c: c, id: common.NewID(), scope: scope, opts: opts, keys: newKeyMap(c.Keys)}
	ws, repo, cl := scope.Workspace.WorkspaceID, scope.Repository, c.Client
	m.list = common.NewList(c, m.id, func(ctx context.Context) ([]client.Token, error) {
		if repo != nil {
			return cl.RepositoryTokens(ctx, ws, repo.RepositoryID)
		}
		return cl.WorkspaceTokens(ctx, ws)
	}, m.setTokens)
	m.table = table.New(common.NewID(), c.Styles, c.Keys, []table.Column{
		{Title: "Description", MinWidth: 12},
		{Title: "Token", Width: 14, Numeric: true},
		{Title: "Created", Width: 10, Numeric: true},
		{Title: "Expires", Width: 18},
	})
	m.table.Empty = "No tokens yet. Press n to create one: the Horusec CLI uploads analyses with it."
	m.table.Styler = m.styleCell
	m.dialogs.List, m.dialogs.Table = m.list, m.table
	return m
}

// ID implements common.Screen.
func (m *Model) ID() int { return m.id }

// Title is "Tokens", with the count once loaded.
func (m *Model) Title() string { return m.list.Title("Tokens", len(m.tokens)) }

func (m *Model) load() tea.Cmd { return m.list.Load() }

// Selected returns the token under the cursor.
func (m *Model) Selected() (client.Token, bool) { return table.SelectedIn(m.table, m.tokens) }

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	if r, left := dialog.Left[*createDialog, *client.Secret](&m.dialogs.Host, m.id, tagCreate, msg); left {
		return m.createdMeanwhile(r)
	}
	if c, ok := msg.(copiedMsg); ok {
		if c.to != m.id {
			return nil
		}
		return m.copied(c)
	}
	return m.dialogs.Route(msg, m.onListKey)
}

// setTokens shows the list, the cursor on a token just created.
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
			ID:    t.TokenID,
			Cells: []string{t.Description, t.Masked(), dateOf(t.CreatedAt), expiry.Describe(t, now)},
			// Every text shown: the mask's end and the expiry too.
			Filter: t.Description + " " + t.Masked() + " " + expiry.Describe(t, now),
		}
	}
	m.table.SetRows(rows)
	if m.pick != "" {
		for _, t := range sorted {
			if t.SuffixValue == m.pick {
				dialog.Reveal(m.table, t.TokenID)
				break
			}
		}
		m.pick = ""
	}
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

func (m *Model) onListKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Refresh):
		return m.load()
	case m.list.Err() != nil:
		return nil // nothing to act on until the list loads
	case key.Matches(msg, m.keys.New):
		if !m.scope.Admin() {
			return common.Status(common.StatusError, "Creating tokens needs "+m.roleNeeded()+".")
		}
		d := m.newCreate()
		m.dialogs.Open(d)
		return d.Form.Init()
	case key.Matches(msg, m.keys.Revoke):
		if !m.scope.Admin() {
			return common.Status(common.StatusError, "Revoking tokens needs "+m.roleNeeded()+".")
		}
		if t, ok := m.Selected(); ok {
			m.dialogs.Open(m.newRevoke(t))
		}
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

// View implements common.Screen.
func (m *Model) View() string {
	if body, ok := m.dialogs.Body(m.c.Styles, m.errorView, "Loading the tokens of "+m.scope.Name()+"…"); ok {
		return body
	}
	return m.table.View()
}

// errorView says why the list did not load; a refusal of the role is told
// in the UI's words, never as a raw status.
func (m *Model) errorView(err error) string {
	if common.Refused(err) {
		return common.RefusedView(m.c.Styles, "These tokens are not yours to see",
			"Listing and creating tokens needs "+m.roleNeeded()+". "+common.NoLongerExists(m.scope),
			"Ask a "+client.RoleName(client.RoleAdmin)+" of the workspace for the role, or go back and refresh.",
			m.dialogs.Width())
	}
	return common.ErrorView(m.c.Styles, err, m.dialogs.Width())
}

// ShortHelp implements help.KeyMap. Actions the role does not allow are
// not offered.
func (m *Model) ShortHelp() []key.Binding {
	return m.dialogs.ShortHelp(m.c.Keys.Retry, m.listHelp)
}

// listHelp is the list's keys.
func (m *Model) listHelp() []key.Binding {
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
	return m.dialogs.FullHelp(m.ShortHelp(), m.keys.Up, m.keys.Down)
}

// newRevoke asks before t is revoked.
func (m *Model) newRevoke(t client.Token) dialog.Dialog {
	prompt := confirm.New(m.c.Styles, "Revoke this token?",
		fmt.Sprintf("“%s” (%s) stops working at once: every pipeline or script that uploads with it will be refused.", t.Description, t.Masked()),
		"Revoke")
	ws, repo, cl := m.scope.Workspace.WorkspaceID, m.scope.Repository, m.c.Client
	d := dialog.NewConfirm(m.c, m.id, tagRevoke, prompt, func(ctx context.Context) (struct{}, error) {
		if repo != nil {
			return struct{}{}, cl.DeleteRepositoryToken(ctx, ws, repo.RepositoryID, t.TokenID)
		}
		return struct{}{}, cl.DeleteWorkspaceToken(ctx, ws, t.TokenID)
	})
	d.After = "the token is revoked"
	// The platform answers 204 whether or not the token was still there:
	// either way it no longer works.
	d.Done = func(err error) bool { return client.IsKind(err, client.KindNotFound) }
	d.Refused = func(err error) string {
		message, hint := common.Explain(err)
		if client.IsKind(err, client.KindForbidden) {
			message = "Revoking tokens needs " + m.roleNeeded() + "."
		}
		return message + " " + hint
	}
	d.Then = func(struct{}) tea.Cmd {
		return tea.Batch(
			common.Status(common.StatusSuccess, "Revoked “"+t.Description+"” ("+t.Masked()+")"),
			m.load(),
		)
	}
	return d
}
