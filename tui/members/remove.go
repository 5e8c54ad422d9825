package members

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
)

// remove asks before someone leaves the workspace or the repository.
type remove struct {
	h       *Model
	target  client.Member
	confirm *confirm.Model
	retry   tea.Cmd
}

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
	return m.open(&remove{h: m, target: mem, confirm: confirm.New(m.c.Styles, "Remove "+whoShort(mem)+"?", text, "Remove")})
}

func (d *remove) Init() tea.Cmd       { return nil }
func (d *remove) SetSize(w, _ int)    { d.confirm.SetWidth(w) }
func (d *remove) View() string        { return dialogStyle.Render(d.confirm.View()) }
func (d *remove) Busy() bool          { return d.confirm.Busy() }
func (d *remove) Typing() bool        { return d.confirm.Typed() }
func (d *remove) Dirty() bool         { return false }
func (d *remove) Help() []key.Binding { return d.h.keys.confirmHelp }

func (d *remove) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(common.Result[reply]); ok {
		return d.onRemoved(r)
	}
	cmd, action := d.confirm.Update(msg)
	switch action {
	case confirm.Cancel:
		d.h.close()
		return nil
	case confirm.Confirm:
		cl, ws, repo, acc := d.h.c.Client, d.h.wsID(), d.h.repoID(), d.target.AccountID
		d.retry = d.h.ask(d, func(ctx context.Context) (reply, error) {
			if repo != "" {
				return reply{}, cl.RemoveRepositoryMember(ctx, ws, repo, acc)
			}
			return reply{}, cl.RemoveWorkspaceMember(ctx, ws, acc)
		})
		d.confirm.SetBusy(true)
		return d.retry
	}
	return cmd
}

func (d *remove) onRemoved(r common.Result[reply]) tea.Cmd {
	if r.Err == nil {
		d.h.close()
		return d.Late(r)
	}
	if client.IsKind(r.Err, client.KindUnauthenticated) {
		return common.SessionExpired(d.retry)
	}
	text, hint := common.Explain(r.Err)
	d.confirm.SetError(text + " " + hint)
	return nil
}

// Late announces the removal and reloads the list.
func (d *remove) Late(r common.Result[reply]) tea.Cmd {
	return d.h.late(r, "Removed "+whoShort(d.target)+".", "Removing the member failed")
}
