package dialog

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

func newCommon() *common.Common {
	return &common.Common{Ctx: context.Background(), Styles: styles.New(), Keys: keys.Default()}
}

// step is a dialog that counts what it is given and closes on "x".
type step struct {
	got    int
	closed bool
	next   Dialog
	busy   bool
}

func (s *step) Update(msg tea.Msg) (Dialog, tea.Cmd) {
	s.got++
	if k, ok := msg.(tea.KeyMsg); ok {
		switch k.String() {
		case "x":
			return nil, nil
		case ">":
			return s.next, nil
		}
	}
	return s, nil
}
func (s *step) View() string        { return "step" }
func (s *step) Help() []key.Binding { return nil }
func (s *step) SetSize(int, int)    {}
func (s *step) Busy() bool          { return s.busy }
func (s *step) Close()              { s.closed = true }
func (s *step) Dirty() bool         { return s.got > 0 }

func TestDialogsHandOverAndClose(t *testing.T) {
	var h Host
	second := &step{}
	first := &step{next: second, busy: true}
	h.Open(first)
	if !h.Busy() || !h.IsOpen() || h.View() != "step" {
		t.Fatal("the open dialog is not shown")
	}
	h.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(">")})
	if h.Active() != second || !first.closed {
		t.Fatal("handing over did not close the first dialog")
	}
	h.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("a")})
	if !h.Dirty() {
		t.Error("Dirty does not come from the dialog")
	}
	h.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("x")})
	if h.IsOpen() || !second.closed || h.Busy() || h.View() != "" {
		t.Error("x did not close the dialog")
	}
	third := &step{}
	h.Open(third)
	h.Close()
	if !third.closed {
		t.Error("Close did not close the open dialog")
	}
}

func TestFormHostIsUsableAgainWhenTheLoginIsGivenUp(t *testing.T) {
	c := newCommon()
	f := form.New(c.Styles, c.Keys, "New thing", form.Text("name", "Name", "", 20, nil))
	h := NewFormHost(f)
	h.Form.Field("name").SetValue("kept")
	h.Send(func() tea.Msg { return "sent" })
	// Another request's abandoned login does not touch a form on its way.
	h.Handle(common.LoginAbandonedMsg{})
	if !h.Busy() {
		t.Fatal("a form on its way was made usable by someone else's login")
	}
	cmd := h.Expired("the thing is created")
	if se, ok := cmd().(common.SessionExpiredMsg); !ok || se.Retry() != "sent" {
		t.Fatal("the login does not send the same request again")
	}
	if !h.Busy() || !strings.Contains(h.View(), "Sending…") {
		t.Fatal("the form can be sent twice while the login is up")
	}
	h.Handle(common.LoginAbandonedMsg{})
	if h.Busy() || strings.Contains(h.View(), "Sending…") || !strings.Contains(h.View(), "Not sent") {
		t.Fatalf("the form is stuck:\n%s", h.View())
	}
	if _, act := h.Handle(tea.KeyMsg{Type: tea.KeyCtrlS}); act != form.Submit {
		t.Error("ctrl+s does not send it again")
	}
	if f.Value("name") != "kept" {
		t.Error("what was typed is lost")
	}
}

func TestConfirmSendsAndReports(t *testing.T) {
	c := newCommon()
	type tg int
	calls := 0
	var fail error
	d := NewConfirm(c, 3, tg(1), confirm.New(c.Styles, "Delete it?", "It goes.", "Delete"),
		func(context.Context) (struct{}, error) { calls++; return struct{}{}, fail })
	d.SetSize(100, 30)
	d.After = "it is deleted"
	done := false
	d.Then = func(struct{}) tea.Cmd { done = true; return nil }
	next, cmd := d.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("y")})
	if next != d || cmd == nil || !d.Busy() {
		t.Fatal("y did not send")
	}
	fail = &client.Error{Kind: client.KindUnauthenticated}
	next, cmd = d.Update(cmd())
	if next != d || d.Busy() || !strings.Contains(d.View(), "as soon as you log in again") {
		t.Fatalf("an expired session:\n%s", d.View())
	}
	se := cmd().(common.SessionExpiredMsg)
	fail = nil
	if next, _ = d.Update(common.Result[struct{}]{To: 3, Tag: tg(2)}); next != d || done {
		t.Fatal("another request's reply closed the dialog")
	}
	if next, _ = d.Update(se.Retry()); next != nil || !done || calls != 2 {
		t.Errorf("the retry after the login: next %v, done %v, calls %d", next, done, calls)
	}
}

// A list tab's help and body follow what has the keys: the open dialog,
// else a failed list (retry), else the list's own keys.
func TestListHostHelpAndBodyFollowTheFocus(t *testing.T) {
	c := newCommon()
	var h ListHost[[]string]
	h.List = common.NewList(c, 7, func(context.Context) ([]string, error) { return nil, nil }, nil)
	h.Table = table.New(8, c.Styles, c.Keys, []table.Column{{Title: "Name"}})
	retry := key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry"))
	act := key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new"))
	actions := func() []key.Binding { return []key.Binding{act} }
	errView := func(err error) string { return "failed: " + err.Error() }

	h.List.Load()
	if body, ok := h.Body(c.Styles, errView, "Loading the names…"); !ok || !strings.Contains(body, "Loading the names…") || !h.Loading() {
		t.Fatalf("while loading: %q, %v", body, ok)
	}
	h.List.Update(h.List.Reply(nil, &client.Error{Kind: client.KindNetwork, Op: "list", Message: "refused"}))
	if got := h.ShortHelp(retry, actions); len(got) != 1 || got[0].Help().Key != "r" {
		t.Errorf("a failed list offers %v", got)
	}
	if body, ok := h.Body(c.Styles, errView, ""); !ok || !strings.Contains(body, "failed: list: refused") {
		t.Errorf("a failed list shows %q", body)
	}
	h.List.Load()
	h.List.Update(h.List.Reply([]string{"a"}, nil))
	if _, ok := h.Body(c.Styles, errView, ""); ok || h.Capturing() || h.HandlesEsc() {
		t.Error("a loaded list is not drawn, or does not leave the keys to the shell")
	}
	if got := h.FullHelp(h.ShortHelp(retry, actions), retry); len(got) != 2 || got[0][0].Help().Key != "n" {
		t.Errorf("the list's help %v", got)
	}
	h.Open(&step{busy: true})
	if body, _ := h.Body(c.Styles, errView, ""); body != "step" || !h.Capturing() || !h.HandlesEsc() || !h.Loading() {
		t.Errorf("with a dialog open: body %q", body)
	}
	if got := h.FullHelp(h.ShortHelp(retry, actions), retry); len(got) != 1 || len(got[0]) != 0 {
		t.Errorf("with a dialog open the help is the dialog's: %v", got)
	}
}
