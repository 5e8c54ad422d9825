package form

import (
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

func helpText(m *Model) string {
	var out []string
	for _, b := range m.Help() {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(out, ", ")
}

// On a choice the help says how to change it: nothing else on screen does.
func TestHelpSaysHowToChoose(t *testing.T) {
	m := New(styles.New(), keys.Default(), "Invite",
		Text("email", "E-mail", "", 255, nil),
		Choice("role", "Role", []Option{{Value: "a", Label: "A"}, {Value: "b", Label: "B"}}, 0))
	if h := helpText(m); strings.Contains(h, "choose") {
		t.Errorf("help on a text field: %s", h)
	}
	m.Focus("role")
	if h := helpText(m); !strings.HasPrefix(h, "↑/↓ choose, tab next field") {
		t.Errorf("help on a choice: %s", h)
	}
}

// A long error under a field is wrapped to the form's width, indented
// under the field, rather than cut at the edge of the screen.
func TestLongFieldErrorWraps(t *testing.T) {
	m := New(styles.New(), keys.Default(), "Invite", Text("email", "E-mail", "hint", 255, nil))
	m.SetWidth(60)
	msg := "No Horusec account uses this e-mail. The person must create a Horusec account first, then you can invite them."
	m.SetError("email", msg)
	var got []string
	for _, l := range strings.Split(m.View(), "\n") {
		if w := lipgloss.Width(l); w > 60 {
			t.Errorf("a line of %d cells in 60: %q", w, l)
		}
		if strings.HasPrefix(l, "    ") && !strings.HasPrefix(l, "     ") {
			got = append(got, strings.TrimSpace(l))
		}
	}
	if j := strings.Join(got, " "); !strings.Contains(j, "✗ "+msg) {
		t.Errorf("the error is not all there, indented under its field:\n%s", m.View())
	}
}
