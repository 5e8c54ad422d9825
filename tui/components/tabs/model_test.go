package tabs

import (
	"strings"
	"testing"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// tab is a screen that records what it was given.
type tab struct {
	id        int
	title     string
	inits     int
	got       []tea.Msg
	capturing bool
	dirty     bool
	w, h      int
}

func newTab(title string) *tab { return &tab{id: common.NewID(), title: title} }

func (f *tab) ID() int                    { return f.id }
func (f *tab) Title() string              { return f.title }
func (f *tab) Init() tea.Cmd              { f.inits++; return nil }
func (f *tab) View() string               { return "the " + f.title + " tab" }
func (f *tab) SetSize(w, h int)           { f.w, f.h = w, h }
func (f *tab) Capturing() bool            { return f.capturing }
func (f *tab) Dirty() bool                { return f.dirty }
func (f *tab) ShortHelp() []key.Binding   { return nil }
func (f *tab) FullHelp() [][]key.Binding  { return nil }
func (f *tab) Update(msg tea.Msg) tea.Cmd { f.got = append(f.got, msg); return nil }

type reply struct{ to int }

func (r reply) ReplyTo() int { return r.to }

func three(t *testing.T) (*Model, []*tab) {
	ts := []*tab{newTab("Repositories"), newTab("Tokens (4)"), newTab("Members (7)")}
	m := New(tuitest.Common(tuitest.Offline(t), nil), ts[0], ts[1], ts[2])
	m.SetSize(80, 20)
	m.Init()
	return m, ts
}

func TestTabKeysSwitchAndLoadATabOnce(t *testing.T) {
	m, ts := three(t)
	if ts[0].inits != 1 || ts[1].inits != 0 {
		t.Fatalf("inits %d %d: only the first tab loads at first", ts[0].inits, ts[1].inits)
	}
	m.Update(tuitest.Key("tab"))
	m.Update(tuitest.Key("tab"))
	m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	if m.ActiveIndex() != 1 || ts[1].inits != 1 || ts[2].inits != 1 {
		t.Fatalf("active %d, inits %d %d", m.ActiveIndex(), ts[1].inits, ts[2].inits)
	}
	m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	if m.ActiveIndex() != 2 {
		t.Fatalf("shift+tab from the first tab went to %d, want the last", m.ActiveIndex())
	}
	if ts[0].w != 80 || ts[0].h != 18 {
		t.Errorf("a tab got %dx%d under the bar, want 80x18", ts[0].w, ts[0].h)
	}
}

func TestSwitchingClearsTheStatus(t *testing.T) {
	m, _ := three(t)
	var cleared bool
	for _, msg := range tuitest.Run(m.Update(tuitest.Key("tab"))) {
		if _, ok := msg.(common.ClearStatusMsg); ok {
			cleared = true
		}
	}
	if !cleared {
		t.Error("the previous tab's status stays after a switch")
	}
}

func TestATypingTabKeepsTheTabKey(t *testing.T) {
	m, ts := three(t)
	ts[0].capturing = true
	m.Update(tuitest.Key("tab"))
	if m.ActiveIndex() != 0 || len(ts[0].got) != 1 {
		t.Fatalf("tab left a form: active %d, the form got %v", m.ActiveIndex(), ts[0].got)
	}
	if !m.Capturing() || !m.HandlesEsc() {
		t.Error("the tab set does not say its tab is typing")
	}
}

func TestKeysGoToTheActiveTabAndRepliesToTheirOwner(t *testing.T) {
	m, ts := three(t)
	m.Update(tuitest.Key("j"))
	m.Update(reply{to: ts[2].id})
	if len(ts[0].got) != 1 || len(ts[1].got) != 0 || len(ts[2].got) != 1 {
		t.Fatalf("messages went %d %d %d", len(ts[0].got), len(ts[1].got), len(ts[2].got))
	}
	if !m.Owns(ts[1].id) || m.Owns(-1) {
		t.Error("Owns is wrong")
	}
	m.Update(common.ShowTabMsg{Title: "Members (7)", Then: tuitest.Key("x")})
	if m.ActiveIndex() != 2 || len(ts[2].got) != 2 {
		t.Errorf("ShowTabMsg: active %d, the tab got %v", m.ActiveIndex(), ts[2].got)
	}
}

func TestDirtyIsAnyTab(t *testing.T) {
	m, ts := three(t)
	if m.Dirty() {
		t.Fatal("dirty with nothing typed")
	}
	ts[2].dirty = true // a form left half-filled in a tab not shown
	if !m.Dirty() {
		t.Error("a half-filled form in another tab is not reported")
	}
}

// Without colours the open tab is told by brackets, and a bar too wide
// keeps the open tab in view.
func TestBarShowsTheOpenTab(t *testing.T) {
	m, _ := three(t)
	m.Update(tuitest.Key("tab"))
	v := string(tuitest.Screen(m))
	if !strings.Contains(v, "[Tokens (4)]") || !strings.Contains(v, "the Tokens (4) tab") {
		t.Errorf("bar:\n%s", v)
	}
	m.SetSize(30, 10)
	m.Update(tuitest.Key("tab"))
	first := strings.Split(string(tuitest.Screen(m)), "\n")[0]
	if !strings.Contains(first, "[Members (7)]") || !strings.HasPrefix(first, "‹") {
		t.Errorf("narrow bar: %q", first)
	}
}
