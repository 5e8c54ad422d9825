package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/login"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

var day = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// fake is a screen that records what it is given.
type fake struct {
	id         int
	title      string
	capturing  bool
	handlesEsc bool
	dirty      bool
	got        []tea.Msg
	closed     bool
}

func newFake(title string) *fake { return &fake{id: common.NewID(), title: title} }

func (f *fake) ID() int          { return f.id }
func (f *fake) Title() string    { return f.title }
func (f *fake) Init() tea.Cmd    { return nil }
func (f *fake) View() string     { return "the " + f.title + " screen" }
func (f *fake) SetSize(int, int) {}
func (f *fake) Capturing() bool  { return f.capturing }
func (f *fake) HandlesEsc() bool {
	return f.handlesEsc
}
func (f *fake) Close()      { f.closed = true }
func (f *fake) Dirty() bool { return f.dirty }
func (f *fake) Update(msg tea.Msg) tea.Cmd {
	if r, ok := msg.(common.Reply); ok && r.ReplyTo() != f.id {
		return nil
	}
	f.got = append(f.got, msg)
	return nil
}
func (f *fake) ShortHelp() []key.Binding  { return nil }
func (f *fake) FullHelp() [][]key.Binding { return nil }

func newClient(t testing.TB, loggedIn bool) *client.Client {
	cl := tuitest.Offline(t)
	if loggedIn {
		cl.SetSession(&client.Session{AccountID: "acc-1", Email: "manager@example.com", AccessToken: "a", RefreshToken: "r", ExpiresAt: time.Now().Add(time.Hour)})
	}
	return cl
}

func newShell(t testing.TB, loggedIn bool) *Model {
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	m := New(Options{Client: newClient(t, loggedIn), AuthConfig: &cfg, Profile: "default", Host: "127.0.0.1:8006"})
	m.statusTTL = time.Millisecond // the timers' messages are not fed back
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	m.Init()
	return m
}

func send(m *Model, msg tea.Msg) []tea.Msg {
	_, cmd := m.Update(msg)
	return run(cmd)
}

// run executes cmd and the batches inside, leaving out the timers' ticks.
func run(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, msg := range tuitest.Run(cmd) {
		switch msg.(type) {
		case spinner.TickMsg, clearStatusMsg, nil:
		default:
			out = append(out, msg)
		}
	}
	return out
}

// settle runs cmd as the program would, handing every message back to m,
// until nothing is left. Cursor blinks and spinner ticks are not fed back
// (they never end), nor the status timers.
func settle(m *Model, cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for n := 0; len(queue) > 0; n++ {
		if n > 500 {
			panic("settle: the program does not settle")
		}
		c := queue[0]
		queue = queue[1:]
		for _, msg := range run(c) {
			if strings.Contains(fmt.Sprintf("%T", msg), "cursor.") {
				continue
			}
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

func press(m *Model, keys ...string) {
	for _, k := range keys {
		_, cmd := m.Update(tuitest.Key(k))
		settle(m, cmd)
	}
}

// typeText types s into the shell one letter at a time.
func typeText(m *Model, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func quits(msgs []tea.Msg) bool {
	for _, m := range msgs {
		if _, ok := m.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func loadList(m *Model) {
	ws := m.Top().(*workspaces.Model)
	send(m, ws.Reply([]client.Workspace{
		{WorkspaceID: "w1", Name: "Acme Platform", Description: "Core products", Role: client.RoleAdmin, RepositoriesCount: 41, CreatedAt: day},
		{WorkspaceID: "w2", Name: "Security Research", Description: "Red-team tooling", Role: client.RoleMember, RepositoriesCount: 4, CreatedAt: day},
	}, nil))
}

func TestGolden(t *testing.T) {
	t.Run("login", func(t *testing.T) {
		tuitest.Golden(t, "login", tuitest.Screen(newShell(t, false)))
	})
	t.Run("loading", func(t *testing.T) {
		m := newShell(t, true)
		tuitest.Golden(t, "loading", tuitest.Screen(m))
	})
	t.Run("list", func(t *testing.T) {
		m := newShell(t, true)
		loadList(m)
		send(m, common.StatusMsg{Kind: common.StatusSuccess, Text: "Workspace “Acme Platform” saved."})
		tuitest.Golden(t, "list", tuitest.Screen(m))
	})
	t.Run("full_help", func(t *testing.T) {
		m := newShell(t, true)
		loadList(m)
		send(m, tuitest.Key("?"))
		tuitest.Golden(t, "full_help", tuitest.Screen(m))
	})
	t.Run("form", func(t *testing.T) {
		m := newShell(t, true)
		loadList(m)
		for _, msg := range send(m, tuitest.Key("n")) {
			send(m, msg)
		}
		tuitest.Golden(t, "form", tuitest.Screen(m))
	})
	t.Run("session_expired", func(t *testing.T) {
		m := newShell(t, true)
		loadList(m)
		send(m, common.SessionExpiredMsg{})
		tuitest.Golden(t, "session_expired", tuitest.Screen(m))
	})
	t.Run("too_small", func(t *testing.T) {
		m := newShell(t, true)
		send(m, tea.WindowSizeMsg{Width: 50, Height: 12})
		tuitest.Golden(t, "too_small", tuitest.Screen(m))
	})
	t.Run("demo_header", func(t *testing.T) {
		cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
		m := New(Options{Client: newClient(t, true), AuthConfig: &cfg, Profile: "demo", Demo: true, Host: "127.0.0.1:40000"})
		m.Update(tea.WindowSizeMsg{Width: 80, Height: 16})
		loadList(m)
		tuitest.Golden(t, "demo_header", tuitest.Screen(m))
	})
}

func TestStartsAtLoginWithoutASession(t *testing.T) {
	if _, ok := newShell(t, false).Top().(*login.Model); !ok {
		t.Error("no login screen")
	}
	if _, ok := newShell(t, true).Top().(*workspaces.Model); !ok {
		t.Error("no workspaces screen")
	}
}

func TestKeyRouting(t *testing.T) {
	m := newShell(t, true)
	loadList(m)

	// A typing screen gets q and ?; only ctrl+c quits.
	typing := newFake("typing")
	typing.capturing = true
	send(m, common.PushMsg{Screen: typing})
	if quits(send(m, tuitest.Key("q"))) || m.showAll {
		t.Fatal("q or ? acted while a screen was typing")
	}
	send(m, tuitest.Key("?"))
	send(m, tuitest.Key("esc"))
	if len(typing.got) != 3 || m.Top() != typing {
		t.Fatalf("the typing screen got %d keys, top %q", len(typing.got), m.Top().Title())
	}
	if !quits(send(m, tuitest.Key("ctrl+c"))) {
		t.Fatal("ctrl+c did not quit while typing")
	}
	if !typing.closed {
		t.Error("quitting did not close the screens")
	}

	m = newShell(t, true)
	loadList(m)
	page := newFake("page")
	send(m, common.PushMsg{Screen: page})
	// q quits from any screen whose keys are not typing.
	if !quits(send(m, tuitest.Key("q"))) {
		t.Fatal("q did not quit from a screen above the first")
	}
	m = newShell(t, true)
	loadList(m)
	page = newFake("page")
	send(m, common.PushMsg{Screen: page})
	send(m, tuitest.Key("?"))
	if !m.showAll {
		t.Error("? did not open the full help")
	}
	// A screen using esc (a filter) keeps it; otherwise esc goes back.
	page.handlesEsc = true
	send(m, tuitest.Key("esc"))
	if m.Top() != page {
		t.Fatal("esc went back while the screen used it")
	}
	page.handlesEsc = false
	send(m, tuitest.Key("esc"))
	if m.Top() == page || !page.closed {
		t.Fatal("esc did not go back (and close the screen)")
	}
	if !quits(send(m, tuitest.Key("q"))) {
		t.Fatal("q did not quit from the first screen")
	}
}

// twoScreensUp is the shell with its list loaded and two screens pushed
// over it, below and then above.
func twoScreensUp(t *testing.T) (m *Model, below, above *fake) {
	m = newShell(t, true)
	loadList(m)
	below, above = newFake("below"), newFake("above")
	send(m, common.PushMsg{Screen: below})
	send(m, common.PushMsg{Screen: above})
	return m, below, above
}

func TestRepliesGoToEveryScreenAndLateOnesAreDropped(t *testing.T) {
	m, below, above := twoScreensUp(t)
	send(m, common.Result[int]{To: below.ID(), Value: 1})
	if len(below.got) != 1 || len(above.got) != 0 {
		t.Fatalf("below got %d, above %d", len(below.got), len(above.got))
	}
	// A reply to a screen that is gone changes nothing.
	send(m, common.PopMsg{})
	send(m, common.Result[int]{To: above.ID(), Value: 2})
	send(m, common.Result[client.Workspace]{To: above.ID()})
	if len(above.got) != 0 || len(below.got) != 1 {
		t.Fatal("a late reply was delivered")
	}
}

func TestPopDeliversThenBelow(t *testing.T) {
	m, below, _ := twoScreensUp(t)
	send(m, common.PopMsg{Then: common.RefreshMsg{}})
	if m.Top() != below || len(below.got) != 1 || below.got[0] != (common.RefreshMsg{}) {
		t.Fatalf("below got %#v", below.got)
	}
	if !strings.Contains(string(tuitest.Screen(m)), "Workspaces › below") {
		t.Errorf("breadcrumb:\n%s", tuitest.Screen(m))
	}
}

func TestSessionExpiryKeepsTheHalfFilledForm(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	for _, msg := range send(m, tuitest.Key("n")) {
		send(m, msg)
	}
	ws := m.Top().(*workspaces.Model)
	form := ws.Form()
	if form == nil {
		t.Fatalf("n opened no form:\n%s", tuitest.Screen(m))
	}
	typeText(m, "Half typed")
	send(m, tuitest.Key("tab"))
	typeText(m, "desc")

	retried := false
	retry := func() tea.Msg { retried = true; return nil }
	send(m, common.SessionExpiredMsg{Retry: retry})
	send(m, common.SessionExpiredMsg{}) // a second failure does not stack a second login
	l, ok := m.Top().(*login.Model)
	if !ok || !l.Overlay() || len(m.Stack()) != 2 {
		t.Fatalf("no login overlay: top %q, depth %d", m.Top().Title(), len(m.Stack()))
	}
	if !strings.Contains(string(tuitest.Screen(m)), "Your session has expired") {
		t.Error("the overlay does not say why")
	}
	send(m, common.LoggedInMsg{Session: &client.Session{AccountID: "acc-1", Email: "manager@example.com"}})
	if m.Top() != ws || ws.Form() != form {
		t.Fatalf("top after login: %q\n%s", m.Top().Title(), tuitest.Screen(m))
	}
	if !retried {
		t.Error("the failed request was not retried")
	}
	if v := form.Value("name"); v != "Half typed" {
		t.Errorf("name after login: %q", v)
	}
	if v := form.Value("description"); v != "desc" {
		t.Errorf("description after login: %q", v)
	}
}

// expiredOver is the shell with its list loaded and a screen, page, pushed
// over it, where the session has just expired; a retry of the failed
// request fails the test, saying why.
func expiredOver(t *testing.T, why string) (*Model, *fake) {
	m := newShell(t, true)
	loadList(m)
	page := newFake("page")
	send(m, common.PushMsg{Screen: page})
	send(m, common.SessionExpiredMsg{Retry: func() tea.Msg { t.Error(why); return nil }})
	return m, page
}

func TestGivingUpTheOverlayKeepsTheScreen(t *testing.T) {
	m, page := expiredOver(t, "retried without a login")
	for _, msg := range send(m, tuitest.Key("esc")) {
		send(m, msg)
	}
	if m.Top() != page || m.overlay != 0 {
		t.Fatalf("top %q overlay %d", m.Top().Title(), m.overlay)
	}
}

func TestAnotherAccountStartsAfresh(t *testing.T) {
	m, page := expiredOver(t, "retried for another account")
	send(m, common.LoggedInMsg{Session: &client.Session{AccountID: "someone-else"}})
	if _, ok := m.Top().(*workspaces.Model); !ok || len(m.Stack()) != 1 || !page.closed {
		t.Fatalf("stack after another login: depth %d, top %q", len(m.Stack()), m.Top().Title())
	}
}

func TestLogoutForgetsTheSession(t *testing.T) {
	var saved []*client.Session
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	m := New(Options{Client: newClient(t, true), AuthConfig: &cfg, Save: func(s *client.Session) error {
		saved = append(saved, s)
		return nil
	}})
	m.statusTTL = time.Millisecond
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	loadList(m)
	for _, msg := range send(m, common.LogoutMsg{}) {
		send(m, msg)
	}
	if _, ok := m.Top().(*login.Model); !ok || len(m.Stack()) != 1 {
		t.Fatalf("top after logout: %q", m.Top().Title())
	}
	if m.Common().Session() != nil {
		t.Error("the client still holds the session")
	}
	if len(saved) != 1 || saved[0] != nil {
		t.Errorf("stored session not deleted: %v", saved)
	}
	// The login screen offers the account that just logged out.
	if v := string(tuitest.Screen(m)); !strings.Contains(v, "manager@example.com") {
		t.Errorf("the login screen does not offer the e-mail that logged out:\n%s", v)
	}
}

func TestStatusClearsItself(t *testing.T) {
	m := newShell(t, true)
	send(m, common.StatusMsg{Text: "first"})
	seq := m.statusSeq
	send(m, common.StatusMsg{Text: "second"})
	send(m, clearStatusMsg{seq: seq}) // the first one's timer
	if m.Status() != "second" {
		t.Fatalf("status %q", m.Status())
	}
	send(m, clearStatusMsg{seq: m.statusSeq})
	if m.Status() != "" {
		t.Fatalf("status %q not cleared", m.Status())
	}
}

func TestResizeReflowsEveryScreen(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	ws := m.Top().(*workspaces.Model)
	send(m, common.PushMsg{Screen: newFake("page")})
	send(m, tea.WindowSizeMsg{Width: 70, Height: 18})
	send(m, common.PopMsg{})
	if v := string(tuitest.Screen(m)); !strings.Contains(v, "Security Res") || strings.Contains(v, "Security Research") || lipgloss.Width(ws.View()) > 70 {
		t.Errorf("the screen below was not reflowed:\n%s", v)
	}
	for i, l := range strings.Split(string(tuitest.Screen(m)), "\n") {
		if lipgloss.Width(l) > 70 {
			t.Errorf("line %d is %d wide", i, lipgloss.Width(l))
		}
	}
	if n := strings.Count(string(tuitest.Screen(m)), "\n"); n != 18 {
		t.Errorf("%d lines for a height of 18", n)
	}
}

func TestAuthConfigReachesTheScreens(t *testing.T) {
	m := New(Options{Client: newClient(t, false)})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	send(m, authConfigMsg{cfg: client.AuthConfig{AuthType: client.AuthTypeLDAP}})
	if !strings.Contains(string(tuitest.Screen(m)), "Login name (LDAP)") {
		t.Errorf("auth type not shown:\n%s", tuitest.Screen(m))
	}
}

// Letters that reach the program in one read (a held key, a slow link) act
// one by one, as if typed apart; once a field opens it takes the rest.
func TestKeysReadTogetherActOneByOne(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	list := m.Top().(*workspaces.Model)

	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("jk j")})
	if r, ok := list.Table().Selected(); !ok || r.ID != "w2" {
		t.Fatalf("after j, k, j the cursor is on %q, want w2", r.ID)
	}

	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("/acme")})
	if got := list.Table().Filter(); got != "acme" {
		t.Fatalf("the filter holds %q after a burst of /acme, want acme", got)
	}

	// A paste into an open field stays one piece of text.
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(" pl"), Paste: true})
	if got := list.Table().Filter(); got != "acme pl" {
		t.Fatalf("the filter holds %q after a paste, want %q", got, "acme pl")
	}
}

// TestOneKeyMapEverywhere: q quits and L logs out from a screen deep in the
// stack, ctrl+z suspends, and a screen holding unsent input makes q, L and
// ctrl+c ask first.
func TestOneKeyMapEverywhere(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	page := newFake("page")
	send(m, common.PushMsg{Screen: page})

	if got := send(m, tuitest.Key("ctrl+z")); len(got) != 1 || got[0] != tea.Suspend() {
		t.Fatalf("ctrl+z: %#v, want a suspend", got)
	}
	logout := false
	for _, msg := range send(m, tuitest.Key("L")) {
		_, logout = msg.(common.LogoutMsg)
	}
	if !logout {
		t.Fatal("L did not log out from a screen above the first")
	}

	page.dirty = true
	if quits(send(m, tuitest.Key("q"))) || !strings.Contains(m.Question(), "Quit") {
		t.Fatalf("q over unsent input quit without asking (question %q)", m.Question())
	}
	if !strings.Contains(m.View(), "Quit and lose what you typed?") {
		t.Fatalf("the question is not on screen:\n%s", m.View())
	}
	if quits(send(m, tuitest.Key("n"))) || m.Question() != "" || page.closed {
		t.Fatal("n did not keep the program and the input")
	}
	if quits(send(m, tuitest.Key("ctrl+c"))) {
		t.Fatal("ctrl+c over unsent input quit without asking")
	}
	if !quits(send(m, tuitest.Key("ctrl+c"))) {
		t.Fatal("a second ctrl+c did not quit")
	}

	m = newShell(t, true)
	loadList(m)
	page = newFake("page")
	page.dirty = true
	send(m, common.PushMsg{Screen: page})
	send(m, tuitest.Key("L"))
	if !strings.Contains(m.Question(), "Log out") {
		t.Fatalf("L over unsent input did not ask: %q", m.Question())
	}
	logout = false
	for _, msg := range send(m, tuitest.Key("y")) {
		_, logout = msg.(common.LogoutMsg)
	}
	if !logout {
		t.Fatal("y did not log out")
	}
}

// TestStatusBelongsToItsScreen: a message goes when the screen it spoke of
// is covered or left, and an error stays until then.
func TestStatusBelongsToItsScreen(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	send(m, common.StatusMsg{Text: "Only a Manager of this workspace can delete it.", Kind: common.StatusError})
	if got := send(m, common.StatusMsg{Text: "x", Kind: common.StatusError}); len(got) != 0 {
		t.Fatalf("an error set a timer: %#v", got)
	}
	page := newFake("page")
	send(m, common.PushMsg{Screen: page})
	if m.Status() != "" {
		t.Fatalf("the list's message %q stayed over the page", m.Status())
	}
	send(m, common.StatusMsg{Text: "Token created.", Kind: common.StatusSuccess})
	send(m, common.ClearStatusMsg{}) // the page changed tab
	if m.Status() != "" {
		t.Fatalf("%q stayed after the tab changed", m.Status())
	}
	send(m, common.StatusMsg{Text: "Token revoked.", Kind: common.StatusSuccess})
	send(m, tuitest.Key("esc"))
	if len(m.Stack()) != 1 || m.Status() != "" {
		t.Fatalf("the page's message %q stayed after leaving it", m.Status())
	}
	// A message that comes after the pop is the list's own.
	send(m, common.PushMsg{Screen: newFake("form")})
	send(m, common.PopMsg{})
	send(m, common.StatusMsg{Text: "Workspace “A” saved.", Kind: common.StatusSuccess})
	if m.Status() != "Workspace “A” saved." {
		t.Fatalf("status %q", m.Status())
	}
}

// TestHeaderGivesWayBeforeTheContent: under 30 rows the header is one line;
// a breadcrumb too long for it loses its start, never the current screen;
// below the minimum size the message is whole at any width.
func TestHeaderGivesWayBeforeTheContent(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	send(m, common.PushMsg{Screen: newFake("A workspace with a rather long name indeed")})
	send(m, common.PushMsg{Screen: newFake("Repository api-gateway-service")})
	send(m, tea.WindowSizeMsg{Width: 60, Height: 15})
	lines := strings.Split(ansi.Strip(m.View()), "\n")
	if len(lines) != 15 {
		t.Fatalf("%d lines at 60×15", len(lines))
	}
	if !strings.Contains(lines[0], "horusec-tui") || !strings.Contains(lines[0], "… › ") ||
		!strings.Contains(lines[0], "Repository api-gateway-service") {
		t.Fatalf("header at 60×15: %q", lines[0])
	}
	if !strings.Contains(lines[1], "the Repository api-gateway-service screen") {
		t.Fatalf("the screen does not start on the second line: %q", lines[1])
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 60 {
			t.Errorf("line wider than 60: %q", l)
		}
	}
	send(m, tea.WindowSizeMsg{Width: 100, Height: 40})
	lines = strings.Split(ansi.Strip(m.View()), "\n")
	if !strings.Contains(lines[1], "Workspaces › A workspace") {
		t.Fatalf("a tall terminal has no breadcrumb line: %q", lines[1])
	}
	for _, size := range [][2]int{{40, 12}, {20, 5}, {12, 4}} {
		send(m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		v := ansi.Strip(m.View())
		if !strings.Contains(v, "60×15") {
			t.Errorf("at %d×%d the minimum size is cut:\n%s", size[0], size[1], v)
		}
	}
}

// asking is a screen that captures keys for a question or a choice, with
// no text field: the shell's q and L are still the shell's.
type asking struct{ *fake }

func (asking) Typing() bool { return false }

// TestQAndLOverAQuestionButNotInAField: a screen that captures keys
// without a text field (a confirmation, the period picker) still quits on
// q and logs out on L, and its other keys stay its own; a screen typing
// gets q and L as letters.
func TestQAndLOverAQuestionButNotInAField(t *testing.T) {
	m := newShell(t, true)
	loadList(m)
	q := asking{newFake("question")}
	q.capturing = true
	send(m, common.PushMsg{Screen: q})
	send(m, tuitest.Key("y"))
	if km, ok := q.got[len(q.got)-1].(tea.KeyMsg); !ok || km.String() != "y" {
		t.Fatalf("the question did not get its y: %#v", q.got)
	}
	if !strings.Contains(ansi.Strip(m.View()), "q quit") {
		t.Fatalf("the footer over a question does not offer q:\n%s", ansi.Strip(m.View()))
	}
	// Keys read in one burst are answers one by one, as outside a field.
	n := len(q.got)
	send(m, tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j2")})
	if len(q.got) != n+2 {
		t.Fatalf("a burst of j and 2 reached the question as %d keys", len(q.got)-n)
	}
	logout := false
	for _, msg := range send(m, tuitest.Key("L")) {
		_, logout = msg.(common.LogoutMsg)
	}
	if !logout {
		t.Fatal("L over a question did not log out")
	}
	if !quits(send(m, tuitest.Key("q"))) {
		t.Fatal("q over a question did not quit")
	}

	m = newShell(t, true)
	loadList(m)
	field := newFake("field")
	field.capturing = true
	send(m, common.PushMsg{Screen: field})
	for _, k := range []string{"q", "L"} {
		if msgs := send(m, tuitest.Key(k)); quits(msgs) || len(msgs) != 0 {
			t.Fatalf("%s in a text field reached the shell: %#v", k, msgs)
		}
	}
	if len(field.got) != 2 {
		t.Fatalf("the field got %d of q and L", len(field.got))
	}
}
