package repositories

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
)

// deleted answers a delete.
type deleted struct {
	from *deletePrompt
	repo client.Repository
}

// deletePrompt asks for the repository's name before deleting it.
type deletePrompt struct {
	h       *Model
	target  client.Repository
	confirm *confirm.Model
}

func (m *Model) openDelete() tea.Cmd {
	r, ok := m.selected()
	if !ok {
		return nil
	}
	if !m.canEdit(r) {
		return m.refusal("delete it", &r)
	}
	m.open(&deletePrompt{h: m, target: r, confirm: confirm.NewTyped(m.c.Styles, "Delete repository "+r.Name+"?",
		"Its tokens, its members' roles and all its analyses are deleted with it. This cannot be undone.",
		"Delete", r.Name)})
	return nil
}

func (d *deletePrompt) SetSize(w, h int)    { d.confirm.SetSize(w-2, h-1) } // indented, under a blank line
func (d *deletePrompt) View() string        { return "\n" + indent(d.confirm.View(), 2) }
func (d *deletePrompt) Help() []key.Binding { return []key.Binding{d.h.c.Keys.Cancel} }
func (d *deletePrompt) Busy() bool          { return d.confirm.Busy() }
func (d *deletePrompt) Typing() bool        { return d.confirm.Typed() }
func (d *deletePrompt) Dirty() bool         { return false }

func (d *deletePrompt) Update(msg tea.Msg) tea.Cmd {
	cmd, action := d.confirm.Update(msg)
	switch action {
	case confirm.Cancel:
		d.h.close()
		return nil
	case confirm.Confirm:
		d.confirm.SetBusy(true)
		return d.send()
	}
	return cmd
}

func (d *deletePrompt) send() tea.Cmd {
	cl, r := d.h.c.Client, d.target
	return common.Do(d.h.c, d.h.id, "", func(ctx context.Context) (deleted, error) {
		return deleted{from: d, repo: r}, cl.DeleteRepository(ctx, r.WorkspaceID, r.RepositoryID)
	})
}

// onDeleted takes the row out, whether or not the prompt is still open.
func (m *Model) onDeleted(msg common.Result[deleted]) tea.Cmd {
	d, r := msg.Value.from, msg.Value.repo
	open := m.dialog == d
	if msg.Err != nil {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			// Not busy: if the user gives up logging in, esc still closes
			// the prompt.
			d.confirm.SetBusy(false)
			return common.SessionExpired(d.send())
		}
		text, hint := common.Explain(msg.Err)
		if open {
			d.confirm.SetError(platformText(text) + " " + hint)
			return nil
		}
		return common.Status(common.StatusError, "The repository was not deleted: "+sentence(platformText(text))+" "+hint)
	}
	if open {
		m.close()
	}
	delete(m.repos, r.RepositoryID)
	for i := len(m.rows) - 1; i >= 0; i-- {
		if m.rows[i].ID == r.RepositoryID {
			m.removeRow(i)
		}
	}
	m.table.SetRows(m.rows)
	return common.Status(common.StatusSuccess, "Deleted repository "+r.Name+".")
}
