package webhooks

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/confirm"
)

// newDelete asks before h is deleted, naming its URL.
func (m *Model) newDelete(h client.Webhook) dialog.Dialog {
	prompt := confirm.New(m.c.Styles, "Delete this webhook?",
		fmt.Sprintf("New analyses of %s will no longer be sent to %s.", repoName(h), h.URL), "Delete")
	ws, cl := m.scope.Workspace.WorkspaceID, m.c.Client
	d := dialog.NewConfirm(m.c, m.id, tagDelete, prompt, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, cl.DeleteWebhook(ctx, ws, h.WebhookID)
	})
	d.After = "the webhook is deleted"
	d.Refused = func(err error) string {
		message, hint := common.Explain(err)
		if client.IsKind(err, client.KindForbidden) {
			message = "Deleting webhooks needs " + roleNeeded + "."
		}
		return message + " " + hint
	}
	d.Then = func(struct{}) tea.Cmd {
		return tea.Batch(
			common.Status(common.StatusSuccess, "Deleted the webhook of "+repoName(h)+": its analyses are no longer sent to "+h.URL),
			m.load(),
		)
	}
	d.Draw = func(w, ht int) string {
		return m.fit(func(w int, short bool) string { return m.deleteView(prompt, w, short) }, w, ht)
	}
	return d
}

// deleteView asks before a webhook is deleted, naming its URL.
func (m *Model) deleteView(p *confirm.Model, w int, short bool) string {
	s := m.c.Styles
	body := lipgloss.NewStyle().Width(w)
	var b strings.Builder
	b.WriteString(s.Warning.Bold(true).Render(p.Title) + "\n")
	if !short {
		b.WriteString("\n")
	}
	b.WriteString(body.Render(s.Text.Render(safetext.Clean(p.Message))) + "\n")
	if !short {
		b.WriteString("\n")
	}
	if e := p.Err(); e != "" {
		b.WriteString(body.Render(s.Error.Render("✗ "+safetext.Clean(e))) + "\n")
	}
	if p.Busy() {
		b.WriteString(s.Subtle.Render("Sending…"))
	} else {
		b.WriteString(m.keyLine("y", "delete", "n/esc", "cancel"))
	}
	return b.String()
}
