// Package form is the one form every screen uses: text, password and
// choice fields, tab/shift+tab between them, ctrl+s (or enter on the last
// field) to submit, esc to cancel. Field errors show under their field;
// the values stay as typed when a submit fails.
//
// form.go is the form and its keys; field.go its fields; view.go how it
// is drawn.
package form

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Action is what a key did to the form.
type Action int

const (
	None Action = iota
	Submit
	Cancel
)

// Model is a form.
type Model struct {
	Title string
	// Note is a line of explanation under the title.
	Note string

	styles *styles.Styles
	keys   *keys.KeyMap
	fields []*Field
	focus  int
	width  int
	height int // 0: as tall as it needs

	formErr    string
	submitting bool
	SubmitText string
	// HideCancel leaves out the Cancel button, for a form esc cannot leave
	// (the login at start).
	HideCancel bool
	// NoDiscardQuestion lets esc cancel at once even with input (the login,
	// whose only input is a password that is better forgotten).
	NoDiscardQuestion bool

	// initial holds the values before the first key, so that Dirty can
	// tell what the user typed from what the form was filled with.
	initial []string
	// discarding is true while the form asks whether to throw away what
	// was typed.
	discarding bool
}

// New builds a form with its fields; the first visible one has focus.
func New(s *styles.Styles, k *keys.KeyMap, title string, fields ...*Field) *Model {
	m := &Model{Title: title, styles: s, keys: k, fields: fields, SubmitText: "Save"}
	m.focus = -1
	m.move(1)
	return m
}

// Field returns the field with that key, or nil.
func (m *Model) Field(key string) *Field {
	for _, f := range m.fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// Value returns a field's value.
func (m *Model) Value(key string) string {
	if f := m.Field(key); f != nil {
		return f.Value()
	}
	return ""
}

// SetError shows msg under a field ("" clears it) and focuses it.
func (m *Model) SetError(key, msg string) {
	for i, f := range m.fields {
		if f.Key == key {
			f.err = msg
			if msg != "" {
				m.setFocus(i)
			}
		}
	}
}

// Focus moves the focus to the field with that key.
func (m *Model) Focus(key string) {
	for i, f := range m.fields {
		if f.Key == key && !f.hidden() {
			m.setFocus(i)
		}
	}
}

// SetFormError shows msg above the buttons ("" clears it).
func (m *Model) SetFormError(msg string) { m.formErr = msg }

// SetSubmitting marks the form as waiting for the platform: keys that would
// submit again are ignored, the values stay.
func (m *Model) SetSubmitting(b bool) { m.submitting = b }

// Submitting reports whether the form waits for the platform.
func (m *Model) Submitting() bool { return m.submitting }

// SetHeight sets how many lines the form may take; a taller form shows the
// part around the focused field, with a mark where lines are hidden. 0 lets
// it take what it needs.
func (m *Model) SetHeight(h int) { m.height = h }

// SetSize sets the room the form may draw in.
func (m *Model) SetSize(w, h int) {
	m.SetWidth(w)
	m.SetHeight(h)
}

// SetWidth sets the room the form may draw in.
func (m *Model) SetWidth(w int) {
	m.width = w
	for _, f := range m.fields {
		f.input.Width = max(10, min(w-6, 72)) // indented by 4, and the cursor takes one more
	}
}

// Focused is the focused field.
func (m *Model) Focused() *Field {
	if m.focus < 0 || m.focus >= len(m.fields) {
		return nil
	}
	return m.fields[m.focus]
}

func (m *Model) setFocus(i int) {
	for j, f := range m.fields {
		if j == i {
			f.input.Focus()
		} else {
			f.input.Blur()
		}
	}
	m.focus = i
}

// move focuses the next (d=1) or previous (d=-1) visible field.
func (m *Model) move(d int) {
	n := len(m.fields)
	for step := 1; step <= n; step++ {
		i := ((m.focus+d*step)%n + n) % n
		if !m.fields[i].hidden() {
			m.setFocus(i)
			return
		}
	}
}

func (m *Model) lastVisible() int {
	for i := len(m.fields) - 1; i >= 0; i-- {
		if !m.fields[i].hidden() {
			return i
		}
	}
	return -1
}

// Validate runs every visible field's check and shows the errors; it
// reports whether the form may be sent.
func (m *Model) Validate() bool {
	ok := true
	first := -1
	for i, f := range m.fields {
		f.err = ""
		if f.hidden() || f.Validate == nil {
			continue
		}
		if msg := f.Validate(f.Value()); msg != "" {
			f.err = msg
			ok = false
			if first < 0 {
				first = i
			}
		}
	}
	if first >= 0 {
		m.setFocus(first)
	}
	return ok
}

// Init starts the cursor blinking.
func (m *Model) Init() tea.Cmd { return textinput.Blink }

// Dirty reports whether the user changed any value since the form was
// filled.
func (m *Model) Dirty() bool {
	if m.initial == nil {
		return false
	}
	for i, f := range m.fields {
		if f.Value() != m.initial[i] {
			return true
		}
	}
	return false
}

// Discarding reports whether the form is asking whether to throw away
// what was typed.
func (m *Model) Discarding() bool { return m.discarding }

func (m *Model) snapshot() {
	if m.initial != nil {
		return
	}
	m.initial = make([]string, len(m.fields))
	for i, f := range m.fields {
		m.initial[i] = f.Value()
	}
}

// Update handles a key and says whether the user submitted or cancelled.
// Submit is returned only when every field passes its check. esc on a form
// holding input asks first; y then cancels, n or esc goes back to it.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, Action) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if f := m.Focused(); f != nil && f.Kind != KindChoice {
			var cmd tea.Cmd
			f.input, cmd = f.input.Update(msg)
			return cmd, None
		}
		return nil, None
	}
	m.snapshot()
	if m.discarding {
		switch km.String() {
		case "y", "Y", "enter":
			m.discarding = false
			return nil, Cancel
		case "n", "N", "esc":
			m.discarding = false
		}
		return nil, None
	}
	switch {
	case key.Matches(km, m.keys.Cancel):
		if m.Dirty() && !m.NoDiscardQuestion && !m.submitting {
			m.discarding = true
			return nil, None
		}
		return nil, Cancel
	case key.Matches(km, m.keys.Submit):
		return m.submit()
	case key.Matches(km, m.keys.NextField), km.String() == "down" && m.onText():
		m.move(1)
		return nil, None
	case key.Matches(km, m.keys.PrevField), km.String() == "up" && m.onText():
		m.move(-1)
		return nil, None
	case km.String() == "enter":
		if m.focus == m.lastVisible() {
			return m.submit()
		}
		m.move(1)
		return nil, None
	}
	f := m.Focused()
	if f == nil {
		return nil, None
	}
	if f.Kind == KindChoice && f.Compact {
		f.err = ""
		switch km.String() {
		case "left", "up":
			if f.selected > 0 {
				f.selected--
			}
		case "right", "down":
			if f.selected < len(f.Options)-1 {
				f.selected++
			}
		default:
			if km.Type == tea.KeyRunes {
				for _, r := range km.Runes { // letters read in one burst, one by one
					f.jump(r)
				}
			}
		}
		return nil, None
	}
	if f.Kind == KindChoice {
		switch km.String() {
		case "left", "up", "h", "k":
			if f.selected > 0 {
				f.selected--
			}
		case "right", "down", "l", "j", " ":
			if f.selected < len(f.Options)-1 {
				f.selected++
			}
		}
		return nil, None
	}
	f.err = ""
	var cmd tea.Cmd
	f.input, cmd = f.input.Update(km)
	return cmd, None
}

func (m *Model) onText() bool {
	f := m.Focused()
	return f != nil && f.Kind != KindChoice
}

func (m *Model) submit() (tea.Cmd, Action) {
	if m.submitting {
		return nil, None
	}
	m.formErr = ""
	if !m.Validate() {
		return nil, None
	}
	return nil, Submit
}

// Capturing is true while a text field has focus (its keys are typing) or
// the form asks whether to discard what was typed.
func (m *Model) Capturing() bool {
	// A compact choice takes typed letters too (they jump through it).
	f := m.Focused()
	return m.onText() || m.discarding || (f != nil && f.Compact)
}

// Help lists the form's keys.
func (m *Model) Help() []key.Binding {
	if m.discarding {
		return []key.Binding{
			key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "discard")),
			key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "keep editing")),
		}
	}
	b := []key.Binding{m.keys.NextField, m.keys.PrevField, m.keys.Submit, m.keys.Cancel}
	if f := m.Focused(); f != nil && f.Kind == KindChoice && f.Compact {
		choose := key.NewBinding(key.WithKeys("left", "right"), key.WithHelp("←/→", "choose (or type its first letter)"))
		b = append([]key.Binding{choose}, b...)
	} else if f != nil && f.Kind == KindChoice {
		// Nothing on screen says how a choice is changed.
		choose := key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose"))
		b = append([]key.Binding{choose}, b...)
	}
	return b
}
