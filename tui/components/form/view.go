// How a form is drawn: its fields, errors and buttons, scrolled to keep
// the focused field in view.

package form

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/horusec-tui/horusec-tui/client/safetext"
)

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
	if top+room >= len(all) { // nothing left below: no mark saying there is
		return strings.Join(append([]string{above}, all[len(all)-(h-1):]...), "\n")
	}
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
