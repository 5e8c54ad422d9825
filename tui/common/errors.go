package common

import (
	"errors"
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Explain turns a failed request into what the user should read: the
// platform's own message and what to do next.
func Explain(err error) (message, hint string) {
	if err == nil {
		return "", ""
	}
	var e *client.Error
	if !errors.As(err, &e) {
		return err.Error(), "Press r to try again."
	}
	message = strings.TrimSpace(e.Message)
	if message == "" {
		message = e.Error()
	}
	// A refusal the platform is known to send, in the UI's words (its own
	// text is in the debug log).
	words, known := client.Refusal(err)
	if known {
		message = strings.ToUpper(words[:1]) + words[1:]
	}
	switch e.Kind {
	case client.KindUnauthenticated:
		hint = "Log in again to go on."
	case client.KindForbidden:
		hint = "Your role does not allow this. A Manager of the workspace can do it or give you that role."
		if known {
			hint = "Ask a Manager to do it, or to give you that role."
		}
	case client.KindNoAccess:
		message = "You have no access to this, or it no longer exists."
		hint = "Go back and refresh the list (r)."
	case client.KindValidation:
		hint = "Correct what the platform names and try again."
	case client.KindConflict:
		hint = "Choose another name or check the current list."
	case client.KindNotFound:
		hint = "It no longer exists. Go back and refresh the list (r)."
	case client.KindNetwork:
		hint = "Check that the service is running and that the profile's URL is right, then press r to retry."
	case client.KindServer:
		hint = "The platform failed. Press r to retry; its logs say why if it keeps failing."
	default:
		hint = "Press r to try again."
	}
	return message, hint
}

// ErrorView draws a failed request for a screen's body: the platform's
// message, what to do, and the keys that retry or go back.
func ErrorView(s *styles.Styles, err error, width int) string {
	msg, hint := Explain(err)
	w := width - 4
	if w < 20 {
		w = 20
	}
	body := lipgloss.NewStyle().Width(w)
	return lipgloss.JoinVertical(lipgloss.Left,
		s.Error.Bold(true).Render("Something went wrong"),
		"",
		body.Render(s.Error.Render(safetext.Clean(msg))),
		"",
		body.Render(s.Subtle.Render(hint)),
		"",
		s.Subtle.Render(s.Key.Render("r")+" retry · "+s.Key.Render("esc")+" back"),
	)
}
