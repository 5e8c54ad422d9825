// Fields of a form: text, password and choice, and what they hold.

package form

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
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
	// given is the text the field was filled with (an item being edited)
	// and shown is what the input made of it: the input drops control
	// characters, so an untouched field gives back the text as given,
	// and saving an edit renames nothing the user did not retype.
	given, shown string

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
	if v := f.input.Value(); v != f.shown {
		return v
	}
	return f.given
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
	f.given, f.shown = v, f.input.Value()
}

// SetPlaceholder sets a text field's placeholder.
func (f *Field) SetPlaceholder(p string) { f.input.Placeholder = p }

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
