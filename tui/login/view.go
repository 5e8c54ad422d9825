package login

import (
	"strings"

	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// View implements common.Screen.
func (m *Model) View() string {
	s := m.c.Styles
	var b strings.Builder
	if m.opts.Overlay {
		if why := m.c.Client.SessionElsewhere(); why != nil {
			// A service URL the session was not made for (an environment
			// variable, a flag): it is not sent there.
			msg, _ := common.Explain(why)
			b.WriteString(s.Warning.Width(max(20, min(m.width-4, 72))).Render(
				safetext.Clean(msg)+" here.") + "\n\n")
		} else if m.ldap() {
			// The program does not renew an LDAP session (the renewal would
			// drop the groups), so every hour ends like this.
			b.WriteString(s.Warning.Width(max(20, min(m.width-4, 72))).Render(
				"On this LDAP platform a session lasts one hour; log in again to go on where you were.") + "\n\n")
		} else {
			b.WriteString(s.Warning.Width(max(20, min(m.width-4, 72))).Render("Your session has expired. Log in again to go on where you were.") + "\n\n")
		}
	}
	b.WriteString(s.Title.Render("Log in to Horusec") + "\n")
	b.WriteString(s.Subtle.Render("Platform: "+safetext.Fit(m.c.Host, max(20, m.width-14))) + "\n")
	b.WriteString(m.authLine() + "\n")
	if m.keycloak() {
		b.WriteString("\n" + s.Error.Width(max(20, min(m.width-4, 72))).Render(
			"This platform logs users in with Keycloak. horusec-tui cannot log in there: use the web manager, "+
				"or ask the platform's administrator for a horusec or LDAP login.") + "\n")
		return lipgloss.NewStyle().Padding(0, 2).Render(b.String())
	}
	// The form gets the lines left under what is above it, so that the
	// focused field and the button stay in view on a short terminal.
	m.form.SetHeight(max(0, m.height-strings.Count(b.String(), "\n")))
	b.WriteString(m.form.View())
	return lipgloss.NewStyle().Padding(0, 2).Render(b.String())
}

func (m *Model) authLine() string {
	s := m.c.Styles
	switch {
	case m.cfgErr != nil:
		msg, _ := common.Explain(m.cfgErr)
		return s.Warning.Width(max(20, min(m.width-4, 72))).Render("The platform's login settings could not be read: " + safetext.Clean(msg))
	case m.c.AuthConfig.AuthType == "":
		return s.Subtle.Render("Auth type: reading…")
	}
	return s.Subtle.Render("Auth type: " + safetext.Fit(authTypeName(m.c.AuthConfig.AuthType), max(20, m.width-15)))
}

func authTypeName(t string) string {
	switch t {
	case client.AuthTypeHorusec:
		return "Horusec (e-mail and password)"
	case client.AuthTypeLDAP:
		return "LDAP (login name and password)"
	case client.AuthTypeKeycloak:
		return "Keycloak"
	}
	return t
}
