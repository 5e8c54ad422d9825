package webhooks

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// View implements common.Screen.
func (m *Model) View() string {
	switch m.mode {
	case modeForm:
		if m.tight() {
			return lipgloss.NewStyle().PaddingLeft(1).Render(m.form.f.View())
		}
		return lipgloss.NewStyle().Padding(1, 2).Render(m.form.f.View())
	case modeWarn:
		return m.fit(m.warnView)
	case modeConfirm:
		return m.fit(m.deleteView)
	case modeTest:
		return m.fit(m.testView)
	}
	if m.err != nil {
		return lipgloss.NewStyle().Padding(1, 2).Render(m.errorView())
	}
	if !m.loaded {
		return common.LoadingView(m.c.Styles, "Loading the webhooks of "+m.scope.Name()+"…")
	}
	s := m.c.Styles
	note := "Each new analysis of a repository is POSTed to its webhook's URL · t sends a test"
	note = " " + ansi.Truncate(note, max(10, m.width-2), "…")
	return s.Subtle.Render(note) + "\n" + m.table.View()
}

// fit draws a prompt in the room there is: in a box when it fits, else
// without the box, else its short form cut to the height (the footer still
// lists the keys). view(w, short) draws the text at width w.
func (m *Model) fit(view func(w int, short bool) string) string {
	s := m.c.Styles
	if m.width <= 0 || m.height <= 0 {
		return s.Modal.Render(view(70, false))
	}
	w := max(20, min(m.width-8, 72))
	if boxed := s.Modal.Render(view(w, false)); lipgloss.Height(boxed) <= m.height && lipgloss.Width(boxed) <= m.width {
		return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, boxed)
	}
	pad := lipgloss.NewStyle().PaddingLeft(1)
	w = max(20, m.width-2)
	if plain := pad.Render(view(w, false)); lipgloss.Height(plain) <= m.height {
		return plain
	}
	return lipgloss.NewStyle().MaxHeight(m.height).Render(pad.Render(view(w, true)))
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
func (m *Model) warnView(w int, short bool) string {
	s := m.c.Styles
	body := lipgloss.NewStyle().Width(w)
	url := ansi.Truncate(safetext.Clean(m.form.sent.URL), max(10, w-6), "…")
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

// deleteView asks before a webhook is deleted, naming its URL.
func (m *Model) deleteView(w int, short bool) string {
	s := m.c.Styles
	body := lipgloss.NewStyle().Width(w)
	h := m.deleting
	var b strings.Builder
	b.WriteString(s.Warning.Bold(true).Render("Delete this webhook?") + "\n")
	if !short {
		b.WriteString("\n")
	}
	b.WriteString(body.Render(s.Text.Render(safetext.Clean("New analyses of "+repoName(h)+" will no longer be sent to "+h.URL+"."))) + "\n")
	if !short {
		b.WriteString("\n")
	}
	if e := m.confirm.Err(); e != "" {
		b.WriteString(body.Render(s.Error.Render("✗ "+safetext.Clean(e))) + "\n")
	}
	if m.confirm.Busy() {
		b.WriteString(s.Subtle.Render("Sending…"))
	} else {
		b.WriteString(m.keyLine("y", "delete", "n/esc", "cancel"))
	}
	return b.String()
}

// testView is the test delivery: what was sent, and the receiver's answer.
func (m *Model) testView(w int, short bool) string {
	s := m.c.Styles
	t := m.test
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
func (m *Model) errorView() string {
	s := m.c.Styles
	switch client.KindOf(m.err) {
	case client.KindForbidden, client.KindNoAccess:
		w := max(20, m.width-4)
		body := lipgloss.NewStyle().Width(w)
		return lipgloss.JoinVertical(lipgloss.Left,
			s.Error.Bold(true).Render("These webhooks are not yours to see"),
			"",
			body.Render(s.Text.Render("Webhooks need "+roleNeeded+". The platform refused, so your role may have changed or "+m.scope.Name()+" no longer exists.")),
			"",
			s.Subtle.Render(s.Key.Render("r")+" retry · "+s.Key.Render("esc")+" back"),
		)
	}
	return common.ErrorView(s, m.err, m.width)
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	switch m.mode {
	case modeForm:
		return m.form.f.Help()
	case modeWarn:
		return []key.Binding{keys.WithHelp(m.keys.Yes, "save"), keys.WithHelp(m.keys.No, "back to the form")}
	case modeConfirm:
		return []key.Binding{keys.WithHelp(m.keys.Yes, "delete"), m.keys.No}
	case modeTest:
		if m.test != nil && !m.test.running {
			return []key.Binding{keys.WithHelp(m.keys.Test, "send again"), m.keys.Close}
		}
		return []key.Binding{m.keys.Close}
	}
	if m.err != nil {
		return []key.Binding{m.c.Keys.Retry}
	}
	if m.table.Filtering() {
		return m.table.FilterHelp()
	}
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
	if m.mode != modeList || m.table.Filtering() {
		return [][]key.Binding{m.ShortHelp()}
	}
	return [][]key.Binding{m.ShortHelp(), {m.keys.Up, m.keys.Down}}
}
