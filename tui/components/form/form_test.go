package form

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
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

// A form taller than its room shows the focused field, and the buttons
// when the last field has focus, with marks where lines are hidden.
func TestTallFormKeepsTheFocusedFieldInView(t *testing.T) {
	opts := []Option{{Value: "1", Label: "one"}, {Value: "2", Label: "two"}, {Value: "3", Label: "three"}, {Value: "4", Label: "four"}}
	m := New(styles.New(), keys.Default(), "A tall form",
		Text("a", "First", "hint of the first", 255, nil),
		Choice("b", "Second", opts, 0),
		Choice("c", "Third", opts, 0),
		Text("d", "Fourth", "hint of the fourth", 255, nil))
	m.SetSize(60, 10)

	lines := func() []string { return strings.Split(m.View(), "\n") }
	has := func(want string) bool { return strings.Contains(m.View(), want) }
	if n := len(lines()); n != 10 {
		t.Fatalf("%d lines in a room of 10:\n%s", n, m.View())
	}
	if !has("First") || !has("↓ more below") || has("↑ more above") {
		t.Fatalf("the first field is not in view at the top:\n%s", m.View())
	}

	m.Focus("c")
	if !has("Third") || !has("three") || !has("↑ more above") || !has("↓ more below") {
		t.Fatalf("the third field is not in view:\n%s", m.View())
	}

	m.Focus("d")
	if !has("Fourth") || !has("Save (ctrl+s)") || has("↓ more below") {
		t.Fatalf("the last field and the buttons are not in view:\n%s", m.View())
	}
	if n := len(lines()); n != 10 {
		t.Fatalf("%d lines in a room of 10:\n%s", n, m.View())
	}

	m.SetHeight(0) // no limit: everything
	if has("more above") || has("more below") || !has("First") || !has("Save") {
		t.Fatalf("an unlimited form is cut:\n%s", m.View())
	}
}

// "↓ more below" is never drawn under the buttons, the form's last line:
// there is nothing below them.
func TestNoMoreBelowUnderTheButtons(t *testing.T) {
	opts := []Option{{Value: "1", Label: "one"}, {Value: "2", Label: "two"}, {Value: "3", Label: "three"}, {Value: "4", Label: "four"}, {Value: "5", Label: "five"}}
	m := New(styles.New(), keys.Default(), "A tall form",
		Text("a", "First", "hint of the first", 255, nil),
		Choice("b", "Second", opts, 0),
		Choice("c", "Third", opts, 0))
	m.SetWidth(60)
	for h := 3; h < 24; h++ {
		m.SetHeight(h)
		for _, f := range []string{"a", "b", "c"} {
			m.Focus(f)
			if v := m.View(); strings.Contains(v, "Save (ctrl+s)") && strings.Contains(v, "more below") {
				t.Errorf("height %d, %s focused: more below the buttons:\n%s", h, f, v)
			}
		}
	}
}

// The platform's refusal stays in view whichever field has focus.
func TestTallFormKeepsTheRefusalInView(t *testing.T) {
	opts := []Option{{Value: "1", Label: "one"}, {Value: "2", Label: "two"}, {Value: "3", Label: "three"}, {Value: "4", Label: "four"}}
	m := New(styles.New(), keys.Default(), "A tall form",
		Text("a", "First", "hint of the first", 255, nil),
		Choice("b", "Second", opts, 0),
		Choice("c", "Third", opts, 0))
	m.SetSize(60, 10)
	m.Focus("a")
	m.SetFormError("the platform said no")
	if v := m.View(); !strings.Contains(v, "the platform said no") || len(strings.Split(v, "\n")) != 10 {
		t.Fatalf("the refusal is not in view:\n%s", v)
	}
}

func press(m *Model, keys ...string) Action {
	var a Action
	for _, k := range keys {
		var msg tea.KeyMsg
		switch k {
		case "esc":
			msg = tea.KeyMsg{Type: tea.KeyEsc}
		case "enter":
			msg = tea.KeyMsg{Type: tea.KeyEnter}
		default:
			msg = tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
		}
		_, a = m.Update(msg)
	}
	return a
}

// esc on an untouched form (or one filled by the program, as an edit form
// is) leaves at once; on a form holding what the user typed it asks, and
// only y throws the input away.
func TestEscAsksBeforeDiscardingInput(t *testing.T) {
	m := New(styles.New(), keys.Default(), "Edit", Text("name", "Name", "", 255, nil))
	m.Field("name").SetValue("Acme")
	if a := press(m, "esc"); a != Cancel {
		t.Fatalf("esc on an untouched form: %v, want Cancel", a)
	}

	m = New(styles.New(), keys.Default(), "Edit", Text("name", "Name", "", 255, nil))
	m.Field("name").SetValue("Acme")
	if press(m, "x") != None || !m.Dirty() {
		t.Fatal("typing did not make the form dirty")
	}
	if a := press(m, "esc"); a != None || !strings.Contains(m.View(), "Discard what you typed?") {
		t.Fatalf("esc with input: %v\n%s", a, m.View())
	}
	if a := press(m, "n"); a != None || m.Value("name") != "Acmex" || strings.Contains(m.View(), "Discard") {
		t.Fatalf("n did not go back to the form: %v %q", a, m.Value("name"))
	}
	press(m, "esc")
	if a := press(m, "esc"); a != None || m.Discarding() {
		t.Fatalf("a second esc did not keep the input: %v", a)
	}
	press(m, "esc")
	if a := press(m, "y"); a != Cancel {
		t.Fatalf("y did not discard: %v", a)
	}
	// Typing back what was there is no input to lose.
	m = New(styles.New(), keys.Default(), "Edit", Text("name", "Name", "", 255, nil))
	press(m, "a")
	m.Update(tea.KeyMsg{Type: tea.KeyBackspace})
	if a := press(m, "esc"); a != Cancel {
		t.Fatalf("esc after undoing the typing: %v", a)
	}
}

// The question replaces the buttons and stays in view on a short form.
func TestDiscardQuestionStaysInView(t *testing.T) {
	fields := []*Field{}
	for _, k := range []string{"a", "b", "c", "d", "e"} {
		fields = append(fields, Text(k, strings.ToUpper(k), "a hint", 255, nil))
	}
	m := New(styles.New(), keys.Default(), "Tall", fields...)
	m.SetSize(60, 6)
	press(m, "z", "esc")
	if v := m.View(); !strings.Contains(v, "Discard what you typed?") || lipgloss.Height(v) > 6 {
		t.Fatalf("the question is not in a 6-line view:\n%s", v)
	}
}

// A compact choice takes one line whatever the number of options, steps
// with the arrows, jumps by first letter, and keeps typed letters from the
// shell (q must not quit while choosing).
func TestCompactChoice(t *testing.T) {
	var opts []Option
	for _, n := range []string{"accounts", "audit", "billing", "payments", "partner", "quotes"} {
		opts = append(opts, Option{Value: n, Label: n})
	}
	opts[1].Description = "has a webhook"
	c := Choice("repo", "Repository", opts, 0)
	c.Compact = true
	m := New(styles.New(), keys.Default(), "New", c, Text("url", "URL", "", 100, nil))
	m.SetWidth(60)
	line := func() string {
		for _, l := range strings.Split(m.View(), "\n") {
			if strings.Contains(l, "‹") {
				return strings.TrimSpace(l)
			}
		}
		return ""
	}
	if got := line(); got != "‹ accounts ›  1/6" || strings.Count(m.View(), "billing") != 0 {
		t.Fatalf("compact line %q", got)
	}
	if !m.Capturing() || !strings.HasPrefix(helpText(m), "←/→ choose") {
		t.Fatalf("capturing %v, help %s", m.Capturing(), helpText(m))
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRight})
	if got := line(); got != "‹ audit ›  has a webhook  2/6" {
		t.Fatalf("after right %q", got)
	}
	for _, r := range "pp" {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
	if m.Value("repo") != "partner" {
		t.Fatalf("p p picked %q, want partner", m.Value("repo"))
	}
	m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{'a'}}) // wraps around
	if m.Value("repo") != "accounts" {
		t.Fatalf("a picked %q", m.Value("repo"))
	}
	m.Update(tea.KeyMsg{Type: tea.KeyLeft})
	if m.Value("repo") != "accounts" {
		t.Fatal("left moved before the first option")
	}
}
