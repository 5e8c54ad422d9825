package members

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
)

// startRemove asks before someone leaves the workspace or the repository.
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
	prompt := confirm.New(m.c.Styles, "Remove "+whoShort(mem)+"?", text, "Remove")
	cl, ws, repo, acc := m.c.Client, m.wsID(), m.repoID(), mem.AccountID
	d := dialog.NewConfirm(m.c, m.id, tagRemove, prompt, func(ctx context.Context) (struct{}, error) {
		if repo != "" {
			return struct{}{}, cl.RemoveRepositoryMember(ctx, ws, repo, acc)
		}
		return struct{}{}, cl.RemoveWorkspaceMember(ctx, ws, acc)
	})
	d.After = "they are removed"
	d.Then = func(struct{}) tea.Cmd {
		return tea.Batch(common.Status(common.StatusSuccess, "Removed "+whoShort(mem)+"."), m.load())
	}
	// Indented under a blank line, like the list.
	d.Draw = func(w, h int) string {
		prompt.SetSize(w-2, h-1)
		return dialogStyle.Render(prompt.View())
	}
	return m.open(d, nil)
}
