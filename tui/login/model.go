// Package login is the login screen: e-mail (or LDAP login name) and a
// hidden password, the platform's auth type, and the platform's refusal
// shown inline. It appears at start when no session is stored, after a
// logout, and over the current screen when the session expired.
package login

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// Options configures the screen.
type Options struct {
	// Save keeps the new session in the credential store. It may fail (no
	// usable keyring): the user is told and goes on with a session kept for
	// this run only. nil keeps the session in memory only, silently.
	Save func(*client.Session) error
	// Email fills the first field (the profile's last e-mail).
	Email string
	// Overlay: the login was brought up over a screen whose session
	// expired; esc then goes back to that screen.
	Overlay bool
}

// ConfigMsg carries the platform's auth settings, read by the shell at
// start. The shell hands it to every screen; the login screen shows it.
type ConfigMsg struct {
	Config client.AuthConfig
	Err    error
}

// result is what a login attempt brings back.
type result struct {
	session client.Session
	saveErr error
}

// Model is the login screen.
type Model struct {
	c      *common.Common
	id     int
	opts   Options
	form   *form.Model
	cfgErr error
	width  int
	height int
}

// New builds the login screen.
func New(c *common.Common, opts Options) *Model {
	m := &Model{c: c, id: common.NewID(), opts: opts}
	email := form.Text("email", "E-mail", "", 255, m.checkLogin)
	password := form.Password("password", "Password", 255, func(v string) string {
		if v == "" {
			return "Type your password."
		}
		return ""
	})
	m.form = form.New(c.Styles, c.Keys, "", email, password)
	m.form.SubmitText = "Log in"
	m.form.HideCancel = !opts.Overlay
	m.form.NoDiscardQuestion = true
	if opts.Email != "" {
		email.SetValue(opts.Email)
		m.form.Focus("password")
	}
	m.relabel()
	return m
}

// ldap reports whether the platform logs users in with an LDAP name.
func (m *Model) ldap() bool { return m.c.AuthConfig.AuthType == client.AuthTypeLDAP }

// keycloak reports whether the platform uses Keycloak, which this program
// cannot log in to (the token comes from Keycloak's own pages).
func (m *Model) keycloak() bool { return m.c.AuthConfig.AuthType == client.AuthTypeKeycloak }

func (m *Model) relabel() {
	f := m.form.Field("email")
	if m.ldap() {
		f.Label = "Login name (LDAP)"
		f.SetPlaceholder("jdoe")
	} else {
		f.Label = "E-mail"
		f.SetPlaceholder("you@example.com")
	}
}

func (m *Model) checkLogin(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "" && m.ldap():
		return "Type your LDAP login name."
	case v == "":
		return "Type the e-mail address of your account."
	case !m.ldap() && !strings.Contains(v, "@"):
		// The platform refuses a plain user name with "invalid username or
		// password", which would mislead.
		return "Log in with the e-mail address of your account, not the user name."
	}
	return ""
}

func (m *Model) ID() int         { return m.id }
func (m *Model) Title() string   { return "Log in" }
func (m *Model) Init() tea.Cmd   { return m.form.Init() }
func (m *Model) Capturing() bool { return true } // every key types or moves between fields
func (m *Model) Loading() bool   { return m.form.Submitting() }

// Overlay reports whether the screen was brought up over an expired session.
func (m *Model) Overlay() bool { return m.opts.Overlay }

// SetSize implements common.Screen.
func (m *Model) SetSize(w, h int) {
	m.width, m.height = w, h
	m.form.SetWidth(min(w-4, 72)) // padded by 2 each side
}

// Update implements common.Screen.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ConfigMsg:
		m.cfgErr = msg.Err
		m.relabel()
		return nil
	case common.Result[result]:
		if msg.To != m.id {
			return nil
		}
		m.form.SetSubmitting(false)
		if msg.Err != nil {
			m.c.Logger.Info("login failed", "kind", client.KindOf(msg.Err).String())
			m.form.SetFormError(explainLogin(msg.Err, m.ldap()))
			return nil
		}
		s := msg.Value.session
		m.c.Logger.Info("logged in", "user", s.Email)
		cmds := []tea.Cmd{func() tea.Msg { return common.LoggedInMsg{Session: &s} }}
		if msg.Value.saveErr != nil {
			m.c.Logger.Warn("session not stored", "err", msg.Value.saveErr.Error())
			cmds = append(cmds, common.Status(common.StatusError,
				"The session could not be stored ("+shortSaveErr(msg.Value.saveErr)+"): it is kept for this run only."))
		}
		// In order: the message is about the session, so it belongs to the
		// screen the login opens, not to the login it replaces.
		return tea.Sequence(cmds...)
	case tea.KeyMsg:
		if m.form.Submitting() && msg.String() != "esc" {
			return nil
		}
		if msg.String() == "enter" && m.form.Focused() == m.form.Field("email") && m.form.Value("password") != "" {
			// The password is already there (the login over an expired
			// session, or typed first): enter logs in, as the hint says.
			if !m.form.Validate() {
				return nil
			}
			return m.submit()
		}
		cmd, action := m.form.Update(msg)
		switch action {
		case form.Cancel:
			if m.opts.Overlay {
				return common.Pop(nil)
			}
			return nil
		case form.Submit:
			return m.submit()
		}
		return cmd
	}
	cmd, _ := m.form.Update(msg)
	return cmd
}

func (m *Model) submit() tea.Cmd {
	if m.keycloak() {
		m.form.SetFormError("This platform logs users in with Keycloak, which horusec-tui does not support. Use the web manager.")
		return nil
	}
	login := strings.TrimSpace(m.form.Value("email"))
	password := m.form.Value("password")
	// The password leaves the field at once: it is kept only by the request.
	m.form.Field("password").SetValue("")
	m.form.SetFormError("")
	m.form.SetSubmitting(true)
	save := m.opts.Save
	cl := m.c.Client
	return common.Do(m.c, m.id, "login", func(ctx context.Context) (result, error) {
		s, err := cl.Login(ctx, login, password)
		if err != nil {
			return result{}, err
		}
		var saveErr error
		if save != nil {
			saveErr = save(&s)
		}
		return result{session: s, saveErr: saveErr}, nil
	})
}

var bracePrefix = regexp.MustCompile(`^\{[^}]*\}\s*`)

// explainLogin says why a login failed and what to do, in the platform's
// words where it has any. ldap: the platform logs people in by LDAP login
// name.
func explainLogin(err error, ldap bool) string {
	var e *client.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	msg := bracePrefix.ReplaceAllString(strings.TrimSpace(e.Message), "")
	switch {
	case e.Kind == client.KindNetwork:
		m, _ := common.Explain(err)
		if e.URL != "" && !strings.Contains(m, hostOf(e.URL)) {
			m += " (" + e.URL + ")"
		}
		return m + ". Check that the service is running and that the profile's URL is right, then log in again."
	case e.Refusal == client.RefusalNotConfirmed:
		return "The account's e-mail is not confirmed yet. Open the confirmation link the platform sent to it, then log in."
	case e.Refusal == client.RefusalWrongLogin, e.Refusal == client.RefusalWrongLDAPLogin:
		if ldap {
			return "Wrong login name or password. Check both and try again."
		}
		return "Wrong e-mail or password. Check both and try again."
	case ldap && client.LDAPLoginFailed(err):
		return client.MsgLDAPLogin500 + " Check the password and try again."
	case msg == "":
		m, _ := common.Explain(err)
		return m + "."
	}
	return msg
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}

// shortSaveErr names the store's problem without the long advice the
// config package gives command-line users.
func shortSaveErr(err error) string {
	s := err.Error()
	if i := strings.Index(s, " ("); i > 0 && strings.HasPrefix(s, "the OS keyring is not usable") {
		return "the OS keyring is not usable"
	}
	if len(s) > 80 {
		s = s[:77] + "…"
	}
	return s
}

// ShortHelp implements help.KeyMap.
func (m *Model) ShortHelp() []key.Binding {
	b := []key.Binding{m.c.Keys.NextField, keysSubmit(m)}
	if m.opts.Overlay {
		b = append(b, m.c.Keys.Cancel)
	}
	return b
}

// FullHelp implements help.KeyMap.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

func keysSubmit(m *Model) key.Binding {
	return key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "log in"))
}
