// Package dialog is what a screen host uses for the steps it shows over
// its list: the Dialog interface and the Host that keeps the open one,
// FormHost (the one way to host a form) and Confirm (the one question before
// acting), and Route, which hands a host's input to what has focus.
// TableHost and ListHost (listhost.go) are Hosts for a screen whose body is
// a table, and for a tab that is one list: they decide what has the keys,
// what spins, the help and the body the same way for every such screen.
//
// A screen is a small host plus its dialogs: the host owns its list
// (common.List) and its table, opens a dialog on a key, and routes:
//
//	func (m *Model) Update(msg tea.Msg) tea.Cmd {
//		// the list's replies, then replies whose dialog is gone, then
//		return m.dialogs.Route(msg, m.onListKey)
//	}
//
// with m.dialogs an embedded TableHost or ListHost, which gives the screen
// its Capturing, Typing, HandlesEsc, Dirty and Close (and, for a ListHost,
// Loading), and the help m.dialogs.Help() while one is open.
package dialog

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// Dialog is one step a screen shows in place of its body: a form, a
// question, a one-time reveal. A screen is a small host (its list) plus
// its dialogs; the host keeps the open one in a Host.
//
// A dialog that sends a request does it with common.Do and the host's
// screen id,
// so the reply comes to the host, which passes it on to the open dialog
// (Dialogs.Update). A reply that finds its dialog gone (closed with esc
// while the request ran) is the host's to handle.
//
// A dialog may also be a common.Closer (it holds a secret to wipe when it
// goes) and a common.Dirtier (it holds typed input the shell asks about
// before quitting).
type Dialog interface {
	// Update handles a key or any other message and returns the dialog
	// to show next: itself, another one (the create form hands over to
	// the reveal), or nil when it is done.
	Update(msg tea.Msg) (Dialog, tea.Cmd)
	// View draws the dialog in the room SetSize gave.
	View() string
	// Help is the dialog's keys, for the footer and the ? help.
	Help() []key.Binding
	// SetSize gives the dialog the room of the screen's body.
	SetSize(width, height int)
	// Busy is true while the dialog waits for the platform (a form sent,
	// a revoke on its way); the host's Loading includes it, so the
	// footer spinner turns.
	Busy() bool
}

// Host holds a host screen's open dialog, at most one. While one is
// open the host should say Capturing and HandlesEsc (every key is the
// dialog's: tab moves between fields, q and esc do not leave the page).
type Host struct {
	open          Dialog
	width, height int
}

// Open shows d, closing the dialog open before.
func (h *Host) Open(d Dialog) {
	h.replace(d)
}

func (h *Host) replace(d Dialog) {
	if h.open != nil && h.open != d {
		if c, ok := h.open.(common.Closer); ok {
			c.Close()
		}
	}
	h.open = d
	if d != nil {
		d.SetSize(h.width, h.height)
	}
}

// Width is the width of the room the dialogs get (the screen's body).
func (h *Host) Width() int { return h.width }

// Left returns msg as a reply when it answers request tag of screen id
// and the dialog that sent it, a D, is no longer open (closed with esc
// while the request was on its way): the host takes such a reply itself.
// A reply whose dialog is open goes to it through Route.
func Left[D Dialog, T any](h *Host, id int, tag any, msg tea.Msg) (common.Result[T], bool) {
	r, ok := common.Answer[T](msg, id, tag)
	if !ok {
		return r, false
	}
	_, open := h.open.(D)
	return r, !open
}

// Active is the open dialog, or nil.
func (h *Host) Active() Dialog { return h.open }

// IsOpen reports whether a dialog is open.
func (h *Host) IsOpen() bool { return h.open != nil }

// Update hands msg to the open dialog and shows whatever it returns next.
func (h *Host) Update(msg tea.Msg) tea.Cmd {
	if h.open == nil {
		return nil
	}
	next, cmd := h.open.Update(msg)
	if next != h.open {
		h.replace(next)
	}
	return cmd
}

// SetSize gives the open dialog, and those opened later, the body's room.
func (h *Host) SetSize(w, ht int) {
	h.width, h.height = w, ht
	if h.open != nil {
		h.open.SetSize(w, ht)
	}
}

// View draws the open dialog ("" when none is open).
func (h *Host) View() string {
	if h.open == nil {
		return ""
	}
	return h.open.View()
}

// Help is the open dialog's keys.
func (h *Host) Help() []key.Binding {
	if h.open == nil {
		return nil
	}
	return h.open.Help()
}

// Typing reports whether a text field of the open dialog has focus.
func (h *Host) Typing() bool { return h.open != nil && common.Typing(h.open) }

// Busy reports whether the open dialog waits for the platform.
func (h *Host) Busy() bool { return h.open != nil && h.open.Busy() }

// Dirty reports whether the open dialog holds input not yet sent.
func (h *Host) Dirty() bool {
	d, ok := h.open.(common.Dirtier)
	return ok && d.Dirty()
}

// Close closes the open dialog, wiping what it holds (the host's Close
// calls it when the shell drops the screen).
func (h *Host) Close() { h.replace(nil) }

// Route hands a host's input to what has focus: the open dialog (which
// also gets every other message, the replies to its requests among them;
// the mouse is not its), else keys to onListKey, the mouse to the table,
// and, while the filter is typed, the cursor's blink to the table.
func Route(d *Host, t *table.Model, msg tea.Msg, onListKey func(tea.KeyMsg) tea.Cmd) tea.Cmd {
	if d.IsOpen() {
		if _, ok := msg.(tea.MouseMsg); ok {
			return nil
		}
		return d.Update(msg)
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		return onListKey(msg)
	case tea.MouseMsg:
		return t.Update(msg)
	}
	if t.Filtering() {
		return t.Update(msg)
	}
	return nil
}

// Reveal moves the table's cursor to the row id, clearing a filter that
// hides it (a row just created or saved).
func Reveal(t *table.Model, id string) {
	if !t.SelectID(id) {
		t.ClearFilter()
		t.SelectID(id)
	}
}

// FormHost is the one way a screen hosts a form: a form dialog embeds it
// and gets the form's view, help, size and dirtiness, plus the life of a
// submit:
//
//	cmd, act := d.Handle(msg)   // keys and the cursor's blink
//	case form.Submit: return d, d.Send(request)  // form shows "Sending…"
//	// the reply:
//	if r.Err != nil { return d, d.Fail(r.Err, "the token is created", d.showError) }
//
// Expired keeps the form sent (so it cannot go twice), brings up the
// login and sends the same request again after it. If the user gives the
// login up, Handle gets common.LoginAbandonedMsg and makes the form usable again
// with everything typed still in it, and ctrl+s sends it again.
type FormHost struct {
	Form *form.Model
	// request is the last one sent, sent again after a new login.
	request tea.Cmd
	// expired is true while the form waits for a login to send again.
	expired bool

	width, height int
}

// NewFormHost hosts f.
func NewFormHost(f *form.Model) FormHost { return FormHost{Form: f} }

// Handle passes msg to the form and says what the user did (Submit only
// for a form whose every field passes its check; Cancel when it is left).
func (h *FormHost) Handle(msg tea.Msg) (tea.Cmd, form.Action) {
	if _, ok := msg.(common.LoginAbandonedMsg); ok {
		if h.expired {
			h.expired = false
			h.Form.SetSubmitting(false)
			h.Form.SetFormError("Not sent: you did not log in again. Press ctrl+s to send it once more (you will be asked to log in).")
		}
		return nil, form.None
	}
	return h.Form.Update(msg)
}

// Send marks the form as sent and returns request, which is kept to send
// again after a new login.
func (h *FormHost) Send(request tea.Cmd) tea.Cmd {
	h.Form.SetSubmitting(true)
	h.request = request
	h.expired = false
	return request
}

// Expired handles a reply saying the session expired: the form says that
// what happens ("the token is created") happens once the user logs in
// again, and the login comes up.
func (h *FormHost) Expired(what string) tea.Cmd {
	h.expired = true
	h.Form.SetFormError("Your session expired: " + what + " as soon as you log in again (esc gives up).")
	return common.SessionExpired(h.request)
}

// Fail handles a reply that failed: an expired session goes to Expired
// (what says what happens after the login); any other failure makes the
// form usable again and show tells why on it.
func (h *FormHost) Fail(err error, what string, show func(error)) tea.Cmd {
	if client.IsKind(err, client.KindUnauthenticated) {
		return h.Expired(what)
	}
	h.Failed()
	show(err)
	return nil
}

// Failed makes the form usable again after a refusal (the caller shows
// why on the form).
func (h *FormHost) Failed() {
	h.expired = false
	h.Form.SetSubmitting(false)
}

// tight is true when the room is so low that the form drops its margins.
func (h *FormHost) tight() bool { return h.height < 14 }

// View draws the form under a blank line, indented like the lists; the
// last line is the form's own (a button row, a scroll hint).
func (h *FormHost) View() string {
	if h.tight() {
		return lipgloss.NewStyle().PaddingLeft(1).Render(h.Form.View())
	}
	return lipgloss.NewStyle().Padding(1, 2, 0).Render(h.Form.View())
}

// Help is the form's keys.
func (h *FormHost) Help() []key.Binding { return h.Form.Help() }

// SetSize gives the form the room of the screen's body, margins included.
func (h *FormHost) SetSize(w, ht int) {
	h.width, h.height = w, ht
	if h.tight() {
		h.Form.SetSize(max(20, w-2), ht)
		return
	}
	h.Form.SetSize(max(20, w-4), ht-1) // under a blank line, indented
}

// Busy is true while the form is sent and not answered.
func (h *FormHost) Busy() bool { return h.Form.Submitting() }

// Typing reports whether the form's focused field takes letters.
func (h *FormHost) Typing() bool { return h.Form.Capturing() }

// Dirty reports whether the form holds input not yet sent.
func (h *FormHost) Dirty() bool { return h.Form.Dirty() }

// Confirm is the one question-before-acting dialog (revoke a token,
// delete a webhook, remove a member): y sends the request, the prompt
// shows "Sending…" until the reply, a refusal stays in the prompt with y
// to try again, an expired session brings up the login and sends the same
// request after it, and a success closes the dialog.
type Confirm[T any] struct {
	Prompt *confirm.Model
	// Then says what follows a success (a status line, a reload).
	Then func(T) tea.Cmd
	// Refused words a refusal for the prompt; nil uses common.Explain.
	Refused func(err error) string
	// Done reports an error that means the work is done all the same (a
	// token already gone is revoked); nil counts every error as failed.
	Done func(err error) bool
	// After says what happens after a new login ("the token is revoked").
	After string
	// Draw, when set, draws the dialog in the room it has (width,
	// height) instead of the prompt's own box.
	Draw func(width, height int) string

	width, height int

	to      int
	tag     any
	request tea.Cmd
	keys    []key.Binding
}

// NewConfirm asks prompt for screen id (the host); y runs fn, whose reply
// carries tag (a value of the host's own tag type).
func NewConfirm[T any](c *common.Common, id int, tag any, prompt *confirm.Model, fn func(ctx context.Context) (T, error)) *Confirm[T] {
	yes := key.NewBinding(key.WithKeys("y"), key.WithHelp("y", strings.ToLower(prompt.Verb)))
	no := key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel"))
	if prompt.Typed() {
		yes = key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", strings.ToLower(prompt.Verb)))
		no = key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	}
	return &Confirm[T]{Prompt: prompt, to: id, tag: tag, request: common.Do(c, id, tag, fn), keys: []key.Binding{yes, no}}
}

// Update implements Dialog.
func (d *Confirm[T]) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	if r, ok := msg.(common.Result[T]); ok {
		if r.To != d.to || r.Tag != d.tag {
			return d, nil
		}
		return d.answered(r)
	}
	cmd, act := d.Prompt.Update(msg)
	switch act {
	case confirm.Cancel:
		return nil, nil
	case confirm.Confirm:
		d.Prompt.SetBusy(true)
		return d, d.request
	}
	return d, cmd
}

func (d *Confirm[T]) answered(r common.Result[T]) (Dialog, tea.Cmd) {
	if r.Err != nil && (d.Done == nil || !d.Done(r.Err)) {
		if client.IsKind(r.Err, client.KindUnauthenticated) {
			// Sent after the login; y tries again if the user gives up.
			d.Prompt.SetError("Your session expired: " + d.After + " as soon as you log in again.")
			return d, common.SessionExpired(d.request)
		}
		var text string
		if d.Refused != nil {
			text = d.Refused(r.Err)
		} else {
			message, hint := common.Explain(r.Err)
			text = message + " " + hint
		}
		d.Prompt.SetError(text)
		return d, nil
	}
	var then tea.Cmd
	if d.Then != nil {
		then = d.Then(r.Value)
	}
	return nil, then
}

// View implements Dialog.
func (d *Confirm[T]) View() string {
	if d.Draw != nil {
		return d.Draw(d.width, d.height)
	}
	return common.Center(d.Prompt.View(), d.width, d.height)
}

// Help implements Dialog.
func (d *Confirm[T]) Help() []key.Binding { return d.keys }

// SetSize implements Dialog.
func (d *Confirm[T]) SetSize(w, h int) {
	d.width, d.height = w, h
	d.Prompt.SetSize(w, h)
}

// Busy implements Dialog.
func (d *Confirm[T]) Busy() bool { return d.Prompt.Busy() }

// Typing is true for a question answered by typing a name.
func (d *Confirm[T]) Typing() bool { return d.Prompt.Typed() }
