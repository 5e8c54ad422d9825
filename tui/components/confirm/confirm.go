// Package confirm asks before something is deleted, revoked or removed.
// The plain kind takes y/enter or n/esc; the typed kind asks the user to
// type a name, for deletes that take everything inside with them.
package confirm

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Action is what a key did.
type Action int

const (
	None Action = iota
	Confirm
	Cancel
)

// Model is a confirmation prompt.
type Model struct {
	Title   string
	Message string
	// Verb labels the confirming answer ("Delete", "Revoke", "Remove").
	Verb string

	styles  *styles.Styles
	require string
	input   textinput.Model
	err     string
	busy    bool
	width   int
}

// New asks a yes/no question.
func New(s *styles.Styles, title, message, verb string) *Model {
	return &Model{Title: title, Message: message, Verb: verb, styles: s}
}

// NewTyped asks the user to type require to confirm.
func NewTyped(s *styles.Styles, title, message, verb, require string) *Model {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 1024
	in.Focus()
	return &Model{Title: title, Message: message, Verb: verb, styles: s, require: require, input: in}
}

// Typed reports whether the prompt takes typing (so the shell's keys wait).
func (m *Model) Typed() bool { return m.require != "" }

// SetBusy marks the prompt as waiting for the platform.
func (m *Model) SetBusy(b bool) { m.busy = b }

// SetError shows the platform's refusal under the prompt.
func (m *Model) SetError(msg string) { m.err = msg; m.busy = false }

// Err is the refusal shown under the prompt, if any.
func (m *Model) Err() string { return m.err }

// Busy reports whether the prompt waits for the platform.
func (m *Model) Busy() bool { return m.busy }

// SetWidth sets the room the prompt may draw in.
func (m *Model) SetWidth(w int) { m.width = w; m.input.Width = max(10, min(w-6, 60)) }

// Update handles a key.
func (m *Model) Update(msg tea.Msg) (tea.Cmd, Action) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if m.require != "" {
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return cmd, None
		}
		return nil, None
	}
	if m.busy {
		return nil, None
	}
	if km.String() == "esc" {
		return nil, Cancel
	}
	if m.require == "" {
		switch km.String() {
		case "y", "Y", "enter":
			return nil, Confirm
		case "n", "N", "q":
			return nil, Cancel
		}
		return nil, None
	}
	if km.String() == "enter" {
		// A name with characters nobody can type (an escape sequence, a
		// zero-width space) is confirmed by typing what is shown without
		// the marked characters.
		if v := m.input.Value(); v == m.require || (!safetext.Safe(m.require) && v == safetext.Typeable(m.require)) {
			return nil, Confirm
		}
		m.err = "That is not the name. Type it exactly, or press esc to keep it."
		return nil, None
	}
	m.err = ""
	var cmd tea.Cmd
	m.input, cmd = m.input.Update(km)
	return cmd, None
}

// View draws the prompt.
func (m *Model) View() string {
	s := m.styles
	w := max(20, min(m.width-8, 70))
	var b strings.Builder
	// Titles and messages name things of the platform.
	b.WriteString(s.Warning.Bold(true).Width(w).Render(safetext.Clean(m.Title)) + "\n\n")
	b.WriteString(s.Text.Width(w).Render(safetext.Clean(m.Message)) + "\n\n")
	if m.require != "" {
		b.WriteString(s.Subtle.Render("Type ") + s.Title.Render(safetext.Fit(m.require, w-18)) + s.Subtle.Render(" to confirm:") + "\n")
		if !safetext.Safe(m.require) {
			b.WriteString(s.Subtle.Width(w).Render("(without the marked characters: "+safetext.Fit(safetext.Typeable(m.require), w-34)+")") + "\n")
		}
		b.WriteString(safetext.Frame(m.input.View()) + "\n\n")
	}
	if m.err != "" {
		b.WriteString(s.Error.Width(w).Render("✗ "+safetext.Clean(m.err)) + "\n\n")
	}
	switch {
	case m.busy:
		b.WriteString(s.Subtle.Render("Sending…"))
	case m.require != "":
		b.WriteString(s.Subtle.Render(s.Key.Render("enter") + " " + strings.ToLower(m.Verb) + " · " + s.Key.Render("esc") + " cancel"))
	default:
		b.WriteString(s.Subtle.Render(s.Key.Render("y") + " " + strings.ToLower(m.Verb) + " · " + s.Key.Render("n/esc") + " cancel"))
	}
	return s.Modal.Render(b.String())
}
