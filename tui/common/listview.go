package common

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// RefusedView is the body of a list the platform would not show to the
// user's role: a title, what the list needs and why it may have been
// refused (body), what to do (hint, may be ""), and the keys. Untrusted
// text in body must be cleaned by the caller.
func RefusedView(s *styles.Styles, title, body, hint string, width int) string {
	text := lipgloss.NewStyle().Width(max(20, width-4))
	parts := []string{s.Error.Bold(true).Render(title), "", text.Render(s.Text.Render(body)), ""}
	if hint != "" {
		parts = append(parts, text.Render(s.Subtle.Render(hint)), "")
	}
	parts = append(parts, s.Subtle.Render(s.Key.Render("r")+" retry · "+s.Key.Render("esc")+" back"))
	return lipgloss.JoinVertical(lipgloss.Left, parts...)
}

// Refused reports whether err is the platform refusing the user's role
// (or access to the scope), which a list explains with RefusedView.
func Refused(err error) bool {
	k := client.KindOf(err)
	return k == client.KindForbidden || k == client.KindNoAccess
}

// NoLongerExists is the end of a RefusedView body: why the platform may
// have refused ("…, so your role may have changed or acme no longer
// exists.").
func NoLongerExists(scope Scope) string {
	return "The platform refused, so your role may have changed or " + safetext.Clean(scope.Name()) + " no longer exists."
}

// Center places a dialog's box in the middle of the room (width, height);
// with no room known it is drawn as it is.
func Center(box string, width, height int) string {
	if width <= 0 || height <= 0 {
		return box
	}
	return lipgloss.Place(width, height, lipgloss.Center, lipgloss.Center, box)
}
