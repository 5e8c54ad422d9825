package members

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// tag tells this tab's requests apart (the list tags its own loads).
type tag int

const (
	tagAsk    tag = iota + 1 // a dialog's request; the reply names the dialog
	tagRole                  // a role change, shown before the answer
	tagRemove                // the removal prompt's request
)

// late is a dialog whose request may be answered after it was closed
// (esc while it was on its way): the list then says how it went.
type late interface {
	Late(r common.Result[reply]) tea.Cmd
}

// reply answers a dialog's request. It names the dialog that asked, so it
// reaches that dialog while it is open, and is announced by the list once
// it is not: an invitation sent and then left with esc is still announced,
// and the list reloaded.
type reply struct {
	from    dialog.Dialog
	member  client.Member   // who was invited or added
	members []client.Member // the workspace's members, to add one of them
}

// ask runs fn for dialog d and answers with a reply from d.
func (m *Model) ask(d dialog.Dialog, fn func(ctx context.Context) (reply, error)) tea.Cmd {
	return common.Do(m.c, m.id, tagAsk, func(ctx context.Context) (reply, error) {
		r, err := fn(ctx)
		r.from = d
		return r, err
	})
}

// onReply hands a reply to the dialog that asked while it is open, or
// lets the list announce it.
func (m *Model) onReply(r common.Result[reply]) tea.Cmd {
	delete(m.away, r.Value.from)
	if from := r.Value.from; from != m.dialogs.Active() {
		if l, ok := from.(late); ok {
			return l.Late(r)
		}
		return nil
	}
	return m.dialogs.Update(r)
}

// dialogStyle places a dialog under a blank line, indented like the list.
var dialogStyle = lipgloss.NewStyle().PaddingLeft(2).PaddingTop(1)

// formDialog is a form of this tab (invite, the role of a person added,
// the role change): its submit sends the request send builds (nil:
// refused before sending, or, for the role change, nothing to wait for),
// esc closes it (or goes back a step, when back is set). The answer closes
// it and is announced by done, or is shown on the form by refused.
type formDialog struct {
	dialog.FormHost
	h       *Model
	kind    string        // "invite", "add" or "role"
	target  client.Member // whom it is about (add, role)
	send    func() tea.Cmd
	instant bool                                 // the role change: closes as soon as it is sent
	back    func() dialog.Dialog                 // esc: nil closes the dialog
	done    func(r common.Result[reply]) tea.Cmd // nil: nothing to announce
	refused func(err error) tea.Cmd
	resent  string        // what happens after the login: "the invitation is sent"
	help    []key.Binding // nil: the form's own
}

func newFormDialog(h *Model, kind string, f *form.Model) *formDialog {
	return &formDialog{FormHost: dialog.NewFormHost(f), h: h, kind: kind}
}

func (d *formDialog) Help() []key.Binding {
	if d.help != nil && !d.Form.Discarding() {
		return d.help
	}
	return d.FormHost.Help()
}

// Update hands keys and blinks to the form, submits or closes it, and
// takes the answer to its request.
func (d *formDialog) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	if r, ok := msg.(common.Result[reply]); ok {
		return d.answer(r)
	}
	cmd, action := d.Handle(msg)
	switch action {
	case form.Submit:
		req := d.send()
		if d.instant {
			return nil, req
		}
		if req == nil {
			return d, cmd // refused before sending: the form says why
		}
		return d, tea.Batch(cmd, d.Send(req))
	case form.Cancel:
		if d.back != nil {
			return d.back(), nil
		}
		return nil, nil
	}
	return d, cmd
}

func (d *formDialog) answer(r common.Result[reply]) (dialog.Dialog, tea.Cmd) {
	if r.Err == nil {
		return nil, d.Late(r)
	}
	var reload tea.Cmd
	cmd := d.Fail(r.Err, d.resent, func(err error) { reload = d.refused(err) })
	return d, tea.Batch(cmd, reload)
}

// Late announces a success (also one that comes after esc closed the form).
func (d *formDialog) Late(r common.Result[reply]) tea.Cmd {
	if d.done == nil {
		return nil
	}
	return d.done(r)
}

// late announces a reply whose dialog was closed: success with a reload of
// the list, or the failure in the footer.
func (m *Model) late(r common.Result[reply], done, failed string) tea.Cmd {
	if r.Err != nil {
		text, hint := common.Explain(r.Err)
		return common.Status(common.StatusError, failed+": "+text+" "+hint)
	}
	return tea.Batch(common.Status(common.StatusSuccess, done), m.load())
}
