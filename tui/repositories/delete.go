package repositories

import (
	"context"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
)

// openDelete asks for the repository's name before deleting it.
func (m *Model) openDelete() tea.Cmd {
	r, refused, ok := m.changeable("delete it")
	if !ok {
		return refused
	}
	prompt := confirm.NewTyped(m.c.Styles, "Delete repository "+r.Name+"?",
		"Its tokens, its members' roles and all its analyses are deleted with it. This cannot be undone.",
		"Delete", r.Name)
	cl := m.c.Client
	d := dialog.NewConfirm(m.c, m.id, tagDelete, prompt, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cl.DeleteRepository(ctx, r.WorkspaceID, r.RepositoryID)
	})
	d.After = "the repository is deleted"
	d.Refused = func(err error) string {
		text, hint := common.Explain(err)
		return platformText(text) + " " + hint
	}
	d.Then = func(struct{}) tea.Cmd {
		delete(m.repos, r.RepositoryID)
		for i := len(m.rows) - 1; i >= 0; i-- {
			if m.rows[i].ID == r.RepositoryID {
				m.removeRow(i)
			}
		}
		m.table.SetRows(m.rows)
		return common.Status(common.StatusSuccess, "Deleted repository "+r.Name+".")
	}
	// Indented under a blank line, like the form.
	d.Draw = func(w, h int) string {
		prompt.SetSize(w-2, h-1)
		return "\n" + common.Indent(prompt.View(), 2)
	}
	m.dialogs.Open(d)
	return nil
}
