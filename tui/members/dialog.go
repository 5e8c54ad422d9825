package members

import (
	"context"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// dialog is what opens over the list: the invite form, the people to add
// to a repository, the role picker, the removal prompt, the permissions
// table. While one is open it takes every key and draws the whole tab.
type dialog interface {
	Init() tea.Cmd
	// Update takes keys, cursor blinks and the replies to its requests.
	Update(msg tea.Msg) tea.Cmd
	View() string
	Help() []key.Binding
	SetSize(w, h int)
	// Busy is true while a request of its own is on its way.
	Busy() bool
	// Dirty is true while it holds input the user has not sent.
	Dirty() bool
	// Late says how a request went when its answer comes after the
	// dialog was closed (esc while it was on its way).
	Late(r common.Result[reply]) tea.Cmd
}

// reply answers a dialog's request. It names the dialog that asked, so it
// reaches that dialog while it is open, and is announced by the list once
// it is not: an invitation sent and then left with esc is still announced,
// and the list reloaded.
type reply struct {
	from    dialog
	member  client.Member   // who was invited or added
	members []client.Member // the workspace's members, to add one of them
}

// ask runs fn for dialog d and answers with a reply from d.
func (m *Model) ask(d dialog, fn func(ctx context.Context) (reply, error)) tea.Cmd {
	return common.Do(m.c, m.id, "", func(ctx context.Context) (reply, error) {
		r, err := fn(ctx)
		r.from = d
		return r, err
	})
}

// dialogStyle places a dialog under a blank line, indented like the list.
var dialogStyle = lipgloss.NewStyle().PaddingLeft(2).PaddingTop(1)

// formDialog is the one way a form is hosted here: keys go to the form,
// its submit sends the request send builds (nil: refused before sending),
// esc closes it (or goes back a step, when back is set). The answer closes
// it and is announced by done, or is shown on the form by refused; an
// expired session keeps it as it is and sends it again after the login.
type formDialog struct {
	h       *Model
	kind    string        // "invite", "add" or "role"
	target  client.Member // whom it is about (add, role)
	form    *form.Model
	send    func() tea.Cmd
	back    func() tea.Cmd                       // esc: nil closes the dialog
	done    func(r common.Result[reply]) tea.Cmd // nil: nothing to announce
	refused func(err error) tea.Cmd
	resent  string        // what happens after the login: "the invitation is sent"
	retry   tea.Cmd       // the request, sent again after a new login
	help    []key.Binding // nil: the form's own
}

func (d *formDialog) Init() tea.Cmd { return d.form.Init() }

func (d *formDialog) SetSize(w, h int) { d.form.SetSize(w-2, h-1) } // under a blank line

func (d *formDialog) View() string { return dialogStyle.Render(d.form.View()) }

func (d *formDialog) Busy() bool { return d.form.Submitting() }

// Typing is true while a text field of the form has focus.
func (d *formDialog) Typing() bool { return d.form.Capturing() }

func (d *formDialog) Dirty() bool { return d.form.Dirty() }

func (d *formDialog) Help() []key.Binding {
	if d.help != nil && !d.form.Discarding() {
		return d.help
	}
	return d.form.Help()
}

// Update hands keys and blinks to the form, submits or closes it, and
// takes the answer to its request.
func (d *formDialog) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(common.Result[reply]); ok {
		return d.answer(r)
	}
	cmd, action := d.form.Update(msg)
	switch action {
	case form.Submit:
		req := d.send()
		if req != nil && d.h.dialog == dialog(d) { // still open: it waits for the answer
			d.retry = req
			d.form.SetSubmitting(true)
		}
		return tea.Batch(cmd, req)
	case form.Cancel:
		if d.back != nil {
			return d.back()
		}
		d.h.close()
	}
	return cmd
}

func (d *formDialog) answer(r common.Result[reply]) tea.Cmd {
	if r.Err == nil {
		d.h.close()
		return d.Late(r)
	}
	if client.IsKind(r.Err, client.KindUnauthenticated) {
		// The form stays as it is, says why, and goes out again after
		// the login.
		d.form.SetFormError("Your session has expired. Log in again: " + d.resent + " right after.")
		return common.SessionExpired(d.retry)
	}
	d.form.SetSubmitting(false)
	return d.refused(r.Err)
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
