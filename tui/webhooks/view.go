package webhooks

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View implements common.Screen.
func (m *Model) View() string {
	if body, ok := m.dialogs.Body(m.c.Styles, m.errorView, "Loading the webhooks of "+m.scope.Name()+"…"); ok {
		return body
	}
	s := m.c.Styles
	note := "Each new analysis of a repository is POSTed to its webhook's URL · t sends a test"
	note = " " + ansi.Truncate(note, max(10, m.dialogs.Width()-2), "…")
	return s.Subtle.Render(note) + "\n" + m.table.View()
}

// fit draws a prompt in the room there is: in a box when it fits, else
// without the box, else its short form cut to the height (the footer still
// lists the keys). view(w, short) draws the text at width w.
func (m *Model) fit(view func(w int, short bool) string, width, height int) string {
	s := m.c.Styles
	if width <= 0 || height <= 0 {
		return s.Modal.Render(view(70, false))
	}
	w := max(20, min(width-8, 72))
	if boxed := s.Modal.Render(view(w, false)); lipgloss.Height(boxed) <= height && lipgloss.Width(boxed) <= width {
		return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, boxed)
	}
	pad := lipgloss.NewStyle().PaddingLeft(1)
	w = max(20, width-2)
	if plain := pad.Render(view(w, false)); lipgloss.Height(plain) <= height {
		return plain
	}
	return lipgloss.NewStyle().MaxHeight(height).Render(pad.Render(view(w, true)))
}

// keyLine is a prompt's last line, its keys.
func (m *Model) keyLine(pairs ...string) string {
	s := m.c.Styles
	var parts []string
	for i := 0; i+1 < len(pairs); i += 2 {
		parts = append(parts, s.Key.Render(pairs[i])+" "+pairs[i+1])
	}
	return s.Subtle.Render(strings.Join(parts, " · "))
}

// warnView is the stall warning read once before a URL is saved.
func (e *editor) warnView(w int, short bool) string {
	m := e.m
	s := m.c.Styles
	body := lipgloss.NewStyle().Width(w)
	url := ansi.Truncate(safetext.Clean(e.sent.URL), max(10, w-6), "…")
	if short {
		return s.Warning.Bold(true).Render("A failing receiver stops every webhook") + "\n" +
			body.Render(s.Text.Render(stallShort)) + "\n" +
			m.keyLine("y", "save "+url, "n/esc", "back")
	}
	return s.Warning.Bold(true).Render("A failing receiver stops every webhook") + "\n\n" +
		body.Render(s.Text.Render(stallText)) + "\n\n" +
		s.Text.Render("Save "+url+"?") + "\n\n" +
		m.keyLine("y", "save", "n/esc", "back to the form")
}

// testView is the test delivery: what was sent, and the receiver's answer.
func (t *tester) view(w int, short bool) string {
	m := t.m
	s := m.c.Styles
	body := lipgloss.NewStyle().Width(w)
	gap := "\n"
	if short {
		gap = ""
	}
	var b strings.Builder
	b.WriteString(s.Title.Render("Test delivery") + s.Subtle.Render(" · sent by horusec-tui, not the platform") + "\n" + gap)
	b.WriteString(s.Text.Render("POST "+ansi.Truncate(safetext.Clean(t.hook.URL), max(10, w-5), "…")) + "\n")
	if !short {
		names := strings.Join(t.hook.HeaderNames(), ", ")
		if names == "" {
			names = "none"
		}
		b.WriteString(body.Render(s.Subtle.Render(safetext.Clean("Headers: "+names+" · a sample analysis of "+repoName(t.hook)))) + "\n\n")
	}
	switch {
	case t.running:
		b.WriteString(s.Subtle.Render("Waiting for the receiver (at most 10 s)…") + "\n" + gap)
	case t.err != nil:
		msg, _ := common.Explain(t.err)
		b.WriteString(body.Render(s.Error.Render("✗ No answer: "+safetext.Clean(msg))) + "\n")
		b.WriteString(body.Render(s.Warning.Render(failedNote(short))) + "\n" + gap)
	default:
		r := t.result
		status := fmt.Sprintf("HTTP %d %s in %s", r.Status, http.StatusText(r.Status), r.Duration.Round(time.Millisecond))
		if r.Delivered {
			b.WriteString(s.Success.Render("✓ "+status) + s.Subtle.Render(" · the platform would count it as delivered") + "\n")
		} else {
			b.WriteString(s.Error.Render("✗ "+status) + "\n")
			b.WriteString(body.Render(s.Warning.Render(failedNote(short))) + "\n")
		}
		if r.Answer != "" {
			b.WriteString(s.Subtle.Render(ansi.Truncate("Answer: "+safetext.Clean(r.Answer), w, "…")) + "\n")
		}
		b.WriteString(gap)
	}
	if !short {
		b.WriteString(body.Render(s.Subtle.Render("This test came from this machine; the platform's own deliveries come from its webhook service, which must reach the URL too.")) + "\n\n")
	}
	if t.running {
		b.WriteString(m.keyLine("enter/esc", "close"))
	} else {
		b.WriteString(m.keyLine("t", "send again", "enter/esc", "close"))
	}
	return b.String()
}

// failedNote follows a test the platform would count as failed.
func failedNote(short bool) string {
	if short {
		return "A failed delivery stops every webhook of the platform."
	}
	return "The platform would count this as a failed delivery — and one failed delivery stops every webhook of the platform until its webhook service restarts."
}

// errorView says why the list did not load.
func (m *Model) errorView(err error) string {
	if common.Refused(err) {
		return common.RefusedView(m.c.Styles, "These webhooks are not yours to see",
			"Webhooks need "+roleNeeded+". "+common.NoLongerExists(m.scope), "", m.dialogs.Width())
	}
	return common.ErrorView(m.c.Styles, err, m.dialogs.Width())
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	return m.dialogs.ShortHelp(m.c.Keys.Retry, m.listHelp)
}

// listHelp is the list's keys.
func (m *Model) listHelp() []key.Binding {
	b := []key.Binding{m.keys.New}
	if m.table.Len() > 0 {
		b = append(b, m.keys.Test, m.keys.Edit)
		if !m.scope.IsRepository() {
			b = append(b, m.keys.Copy)
		}
		b = append(b, m.keys.Delete)
	}
	return append(b, m.keys.Filter, m.keys.Refresh)
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding {
	return m.dialogs.FullHelp(m.ShortHelp(), m.keys.Up, m.keys.Down)
}
