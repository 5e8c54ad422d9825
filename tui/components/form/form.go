// Package form is the one form every screen uses: text, password and
// choice fields, tab/shift+tab between them, ctrl+s (or enter on the last
// field) to submit, esc to cancel. Field errors show under their field;
// the values stay as typed when a submit fails.
package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Kind is a field's kind.
type Kind int

const (
	KindText Kind = iota
	KindPassword
	KindChoice
)

// Option is one choice of a choice field.
type Option struct {
	Value       string
	Label       string
	Description string // one line shown beside the label
}

// Field is one field of a form.
type Field struct {
	Key   string
	Label string
	Hint  string // shown under the field
	Kind  Kind

	input textinput.Model

	Options  []Option
	selected int
	// Compact draws a choice on one line, the chosen option between ‹ ›
	// with its place among the others, for a long list (repositories):
	// ←/→ or ↑/↓ step through it and a typed letter jumps to the next
	// option whose label starts with it.
	Compact bool

	// Validate returns "" when v is acceptable, else what is wrong.
	Validate func(v string) string
	// Hidden hides the field (and skips its validation), e.g. a date that
	// matters only when "custom" is chosen.
	Hidden func() bool

	err string
}

// Text makes a text field of at most limit characters.
func Text(key, label, hint string, limit int, validate func(string) string) *Field {
	in := textinput.New()
	in.CharLimit = limit
	in.Prompt = ""
	return &Field{Key: key, Label: label, Hint: hint, Kind: KindText, input: in, Validate: validate}
}

// Password makes a field whose characters are hidden.
func Password(key, label string, limit int, validate func(string) string) *Field {
	f := Text(key, label, "", limit, validate)
	f.Kind = KindPassword
	f.input.EchoMode = textinput.EchoPassword
	f.input.EchoCharacter = '•'
	return f
}

// Choice makes a field that picks one of options (←/→ or ↑/↓ change it).
func Choice(key, label string, options []Option, selected int) *Field {
	// A real (unused) input: focusing a zero textinput panics.
	return &Field{Key: key, Label: label, Kind: KindChoice, Options: options, selected: selected, input: textinput.New()}
}

func (f *Field) hidden() bool { return f.Hidden != nil && f.Hidden() }

// Value is the field's text, or the chosen option's value.
func (f *Field) Value() string {
	if f.Kind == KindChoice {
		if f.selected >= 0 && f.selected < len(f.Options) {
			return f.Options[f.selected].Value
		}
		return ""
	}
	return f.input.Value()
}

// SetValue sets the text, or picks the option with that value.
func (f *Field) SetValue(v string) {
	if f.Kind == KindChoice {
		for i, o := range f.Options {
			if o.Value == v {
				f.selected = i
			}
		}
		return
	}
	f.input.SetValue(v)
}

// SetPlaceholder sets a text field's placeholder.
func (f *Field) SetPlaceholder(p string) { f.input.Placeholder = p }

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

// View draws the form.
func (m *Model) View() string {
	var b strings.Builder
	// The lines of the focused field (and, on the last field, the buttons)
	// must stay in view when the form is cut to its height.
	focusStart, focusEnd := 0, 0
	lines := func() int { return strings.Count(b.String(), "\n") }
	s := m.styles
	if m.Title != "" {
		// Titles and notes name things of the platform (“Edit workspace …”).
		b.WriteString(s.Title.Render(safetext.Fit(m.Title, max(20, m.width-2))) + "\n")
	}
	if m.Note != "" {
		b.WriteString(s.Subtle.Width(max(20, m.width-2)).Render(safetext.Clean(m.Note)) + "\n")
	}
	for i, f := range m.fields {
		if f.hidden() {
			continue
		}
		b.WriteByte('\n')
		focused := i == m.focus
		if focused {
			focusStart = lines()
		}
		label := s.Label
		mark := "  "
		if focused {
			label = s.FocusedLabel
			mark = s.FocusedLabel.Render("› ")
		}
		b.WriteString(mark + label.Render(safetext.Clean(f.Label)) + "\n")
		if f.Kind == KindChoice && f.Compact {
			b.WriteString(m.compactChoice(f, focused) + "\n")
		} else if f.Kind == KindChoice {
			for j, o := range f.Options {
				dot := "○ "
				st := s.Text
				if j == f.selected {
					dot = "● "
					if focused {
						st = s.FocusedLabel
					}
				}
				line := "    " + st.Render(dot+safetext.Clean(o.Label))
				if o.Description != "" {
					line += s.Subtle.Render("  " + safetext.Clean(o.Description))
				}
				if m.width > 0 { // a narrow terminal: the description is cut, with its mark
					line = ansi.Truncate(line, m.width, "…")
				}
				b.WriteString(line + "\n")
			}
		} else {
			// A value filled in from the platform (editing a name) is
			// shown with its invisible characters marked.
			b.WriteString("    " + safetext.Frame(f.input.View()) + "\n")
		}
		if f.err != "" {
			b.WriteString(m.under(s.FieldError, "✗ "+safetext.Clean(f.err)) + "\n")
		} else if f.Hint != "" {
			b.WriteString(m.under(s.FieldHint, safetext.Clean(f.Hint)) + "\n")
		}
		if focused {
			focusEnd = lines() - 1
		}
	}
	b.WriteByte('\n')
	if m.formErr != "" {
		b.WriteString(s.Error.Width(max(20, m.width-2)).Render("✗ "+safetext.Clean(m.formErr)) + "\n\n")
		// The platform's refusal stays in view, whichever field has focus.
		focusEnd = max(focusEnd, lines()-1)
	}
	if m.discarding {
		b.WriteString(s.Warning.Render("Discard what you typed?") + " " +
			s.Subtle.Render(s.Key.Render("y")+" discard · "+s.Key.Render("n/esc")+" keep editing"))
	} else if m.submitting {
		b.WriteString(s.Subtle.Render("Sending…"))
	} else if m.HideCancel {
		b.WriteString(s.ActiveButton.Render(m.SubmitText + " (ctrl+s)"))
	} else {
		b.WriteString(lipgloss.JoinHorizontal(lipgloss.Top,
			s.ActiveButton.Render(m.SubmitText+" (ctrl+s)"), " ", s.Button.Render("Cancel (esc)")))
	}
	if m.focus == m.lastVisible() || m.discarding {
		focusEnd = lines() // the buttons, or the question in their place
	}
	return m.window(b.String(), focusStart, focusEnd)
}

// window cuts view to the form's height around the lines from start to
// end (the focused field), marking the lines it hides above and below.
func (m *Model) window(view string, start, end int) string {
	all := strings.Split(view, "\n")
	h := m.height
	if h < 3 || len(all) <= h {
		return view
	}
	above := m.styles.Subtle.Render("  ↑ more above (shift+tab)")
	below := m.styles.Subtle.Render("  ↓ more below (tab)")
	switch {
	case end <= h-2: // the top of the form holds the field
		return strings.Join(append(all[:h-1:h-1], below), "\n")
	case start >= len(all)-(h-1): // the bottom of the form holds it
		return strings.Join(append([]string{above}, all[len(all)-(h-1):]...), "\n")
	}
	// The lowest start that still shows end: when the lines asked for do
	// not all fit, their end (a refusal, the buttons) is what stays.
	room := h - 2
	top := max(1, end-room+1)
	top = min(top, len(all)-room)
	out := append([]string{above}, all[top:top+room]...)
	return strings.Join(append(out, below), "\n")
}

// under draws a field's error or hint indented under it, wrapped to the
// form's width so that a long explanation is read to its end rather than
// cut at the edge of the screen.
func (m *Model) under(st lipgloss.Style, text string) string {
	const indent = "    "
	if m.width > 0 {
		st = st.Width(max(20, m.width-len(indent)-2))
	}
	lines := strings.Split(st.Render(text), "\n")
	for i, l := range lines {
		lines[i] = indent + strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

// jump selects the next option after the chosen one whose label starts
// with r (case-insensitive), wrapping around.
func (f *Field) jump(r rune) {
	want := strings.ToLower(string(r))
	n := len(f.Options)
	for step := 1; step <= n; step++ {
		i := (f.selected + step) % n
		if strings.HasPrefix(strings.ToLower(f.Options[i].Label), want) {
			f.selected = i
			return
		}
	}
}

// compactChoice is a compact choice's line: ‹ label › description (i/n).
func (m *Model) compactChoice(f *Field, focused bool) string {
	s := m.styles
	if len(f.Options) == 0 {
		return "    " + s.Subtle.Render("(nothing to choose from)")
	}
	o := f.Options[f.selected]
	st := s.Text
	if focused {
		st = s.FocusedLabel
	}
	pos := fmt.Sprintf("  %d/%d", f.selected+1, len(f.Options))
	room := max(10, m.width-4-lipgloss.Width(pos))
	label := ansi.Truncate("‹ "+safetext.Clean(o.Label)+" ›", room, "…")
	line := st.Render(label)
	if o.Description != "" {
		if left := room - lipgloss.Width(label) - 2; left > 3 {
			line += s.Subtle.Render("  " + ansi.Truncate(safetext.Clean(o.Description), left, "…"))
		}
	}
	return "    " + line + s.Subtle.Render(pos)
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
