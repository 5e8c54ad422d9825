package form

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// A form filled in from the platform (editing a workspace) shows the
// platform's text with what is invisible marked, in its title, note,
// values, options and errors.
func TestFormShowsPlatformTextVisibly(t *testing.T) {
	evil := "Acme\u202Etxt\u200B"
	name := Text("name", "Name", "", 255, nil)
	name.SetValue(evil)
	m := New(styles.New(), keys.Default(), "Edit workspace “"+evil+"\x1b]2;x\x07”",
		name, Choice("role", "Role", []Option{{Value: "a", Label: "A\u2066", Description: "d\x1b[31m"}}, 0))
	m.Note = "In workspace " + evil
	m.SetWidth(80)
	m.SetFormError("refused: \x1b]52;c;aGk=\x07")
	v := string(tuitest.Screen(m))
	for _, want := range []string{"Acme⟨U+202E⟩txt⟨U+200B⟩", "Edit workspace “Acme⟨U+202E⟩", "␛]2;x␇", "A⟨U+2066⟩", "d␛[31m", "refused: ␛]52;c;aGk=␇"} {
		if !strings.Contains(v, want) {
			t.Errorf("%q is not on screen:\n%s", want, v)
		}
	}
	if name.Value() != evil {
		t.Errorf("the value changed: %q", name.Value())
	}
}

// A field filled with text the input cannot hold (an escape, a tab: the
// input drops control characters) gives that text back untouched, so an
// edit saved without retyping the field renames nothing; once the user
// changes it, what they see is what is sent.
func TestUntouchedFieldKeepsTheTextItWasGiven(t *testing.T) {
	given := "Acme\x1b[31m\tPlatform"
	m := New(styles.New(), keys.Default(), "Edit", Text("name", "Name", "", 255, nil), Text("description", "Description", "", 255, nil))
	m.Field("name").SetValue(given)
	m.Focus("description")
	press(m, "x")
	if got := m.Value("name"); got != given {
		t.Errorf("untouched name %q, want %q", got, given)
	}
	if got := m.Value("description"); got != "x" {
		t.Errorf("description %q", got)
	}
	m.Focus("name")
	press(m, "!")
	if got := m.Value("name"); strings.ContainsAny(got, "\x1b\t") || !strings.HasSuffix(got, "Platform!") {
		t.Errorf("edited name %q: want what the field shows", got)
	}
}
