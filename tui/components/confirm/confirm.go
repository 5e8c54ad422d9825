// Package confirm asks before something is deleted, revoked or removed.
// The plain kind takes y/enter or n/esc; the typed kind asks the user to
// type a name, for deletes that take everything inside with them.
package confirm

import (
	"strings"

	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/components/modal"
	"github.com/horusec-tui/horusec-tui/tui/keys"
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
	box     *modal.Box
}

// New asks a yes/no question.
func New(s *styles.Styles, title, message, verb string) *Model {
	return &Model{Title: title, Message: message, Verb: verb, styles: s, box: modal.New(s, keys.Default())}
}

// NewTyped asks the user to type require to confirm.
func NewTyped(s *styles.Styles, title, message, verb, require string) *Model {
	in := textinput.New()
	in.Prompt = "› "
	in.CharLimit = 1024
	in.Focus()
	box := modal.New(s, keys.Default())
	box.Typing = true
	return &Model{Title: title, Message: message, Verb: verb, styles: s, require: require, input: in, box: box}
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

// SetWidth sets the width the prompt may draw in, its height unbounded.
func (m *Model) SetWidth(w int) { m.SetSize(w, 0) }

// SetSize sets the room the prompt may draw in. A message taller than the
// room scrolls; the question, the field and the keys stay on screen.
func (m *Model) SetSize(w, h int) {
	m.box.SetSize(w, h)
	m.input.Width = max(10, m.box.ContentWidth(70)-3)
}

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
	if m.box.Update(km) {
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

// View draws the prompt. Names and e-mails in it are wrapped, never cut.
func (m *Model) View() string {
	s := m.styles
	w := m.box.ContentWidth(70)
	// Titles and messages name things of the platform.
	title := s.Warning.Bold(true).Width(w).Render(safetext.Clean(m.Title))
	var body strings.Builder
	body.WriteString(s.Text.Width(w).Render(safetext.Clean(m.Message)))
	var foot strings.Builder
	if m.require != "" {
		body.WriteString("\n\n" + lipgloss.NewStyle().Width(w).Render(s.Subtle.Render("Type ")+s.Title.Render(safetext.Clean(m.require))+s.Subtle.Render(" to confirm:")))
		if !safetext.Safe(m.require) {
			body.WriteString("\n" + s.Subtle.Width(w).Render("(without the marked characters: "+safetext.Clean(safetext.Typeable(m.require))+")"))
		}
		foot.WriteString(safetext.Frame(m.input.View()) + "\n")
	}
	if m.err != "" {
		foot.WriteString(s.Error.Width(w).Render("✗ "+safetext.Clean(m.err)) + "\n")
	}
	switch {
	case m.busy:
		foot.WriteString(s.Subtle.Render("Sending…"))
	case m.require != "":
		foot.WriteString(s.Subtle.Render(s.Key.Render("enter") + " " + strings.ToLower(m.Verb) + " · " + s.Key.Render("esc") + " cancel"))
	default:
		foot.WriteString(s.Subtle.Render(s.Key.Render("y") + " " + strings.ToLower(m.Verb) + " · " + s.Key.Render("n/esc") + " cancel"))
	}
	return m.box.View(title, body.String(), foot.String())
}
