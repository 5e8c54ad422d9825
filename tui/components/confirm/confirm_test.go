package confirm

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

const evil = "Evil\x1b]52;c;aGk=\x07\u202E"

func TestPromptShowsNamesVisibly(t *testing.T) {
	m := New(styles.New(), "Delete workspace “"+evil+"”?", "Everything in "+evil+" goes.", "Delete")
	m.SetWidth(80)
	m.SetError("refused: " + evil)
	v := string(tuitest.Screen(m))
	for _, want := range []string{"Delete workspace “Evil␛]52;c;aGk=␇⟨U+202E⟩”?", "Everything in Evil␛]52", "refused: Evil␛]52"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on screen:\n%s", want, v)
		}
	}
}

// A name nobody can type is confirmed by typing what is shown without the
// marked characters.
func TestTypedConfirmationOfAnUntypeableName(t *testing.T) {
	m := NewTyped(styles.New(), "Delete?", "Really.", "Delete", evil)
	m.SetWidth(80)
	v := string(tuitest.Screen(m))
	if !strings.Contains(v, "Type Evil␛]52;c;aGk=␇⟨U+202E⟩ to confirm") || !strings.Contains(v, "without the marked characters: Evil]52;c;aGk=") {
		t.Errorf("the prompt does not say what to type:\n%s", v)
	}
	tuitest.Type(updater{m}, "Evil]52;c;aGk")
	if _, a := m.Update(tuitest.Key("enter")); a == Confirm {
		t.Fatal("a part of the name confirmed")
	}
	tuitest.Type(updater{m}, "=")
	if _, a := m.Update(tuitest.Key("enter")); a != Confirm {
		t.Fatalf("typing the visible name did not confirm: %q", m.input.Value())
	}
}

type updater struct{ m *Model }

func (u updater) Update(msg tea.Msg) tea.Cmd { c, _ := u.m.Update(msg); return c }
