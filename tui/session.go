// The session's life in the shell: the login, the login over an expired
// session and the retries it releases, the question where to keep the
// session, and logging out.

package tui

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/login"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

// The answers of the shell's own requests.
type (
	authConfigMsg struct {
		cfg client.AuthConfig
		err error
	}
	loggedOutMsg struct{ saveErr error }
)

// storageQuestion is the question where to keep the session, when it is
// to be asked now (else nil).
func (m *Model) storageQuestion() common.Screen {
	st := m.opts.Storage
	if st == nil || st.Pending == nil {
		return nil
	}
	if _, open := m.Top().(*login.Storage); open {
		return nil
	}
	if reason := st.Pending(); reason != "" {
		return login.NewStorage(m.c, *st, reason)
	}
	return nil
}

func (m *Model) newLogin(overlay bool) common.Screen {
	email := m.opts.Email
	if m.me != nil {
		// The person whose session expired or who logged out: by login
		// name on an LDAP platform, where that is what logs in.
		email = m.me.Email
		if m.c.AuthConfig.AuthType == client.AuthTypeLDAP && m.me.Username != "" {
			email = m.me.Username
		}
	}
	return login.New(m.c, login.Options{Save: m.opts.Save, Email: email, Overlay: overlay})
}

func (m *Model) newWorkspaces() common.Screen { return workspaces.New(m.c, m.opts.Open) }

func (m *Model) readAuthConfig() tea.Cmd {
	cl, ctx := m.c.Client, m.c.Ctx
	return func() tea.Msg {
		cfg, err := cl.AuthConfig(ctx)
		return authConfigMsg{cfg: cfg, err: err}
	}
}

func (m *Model) sessionExpired(msg common.SessionExpiredMsg) tea.Cmd {
	if _, ok := m.stack[0].(*login.Model); ok && len(m.stack) == 1 {
		return nil // not logged in at all: the login screen is already up
	}
	if msg.Retry != nil {
		m.retries = append(m.retries, msg.Retry)
	}
	if m.overlay != 0 {
		return nil
	}
	m.c.Logger.Info("session expired")
	m.overlayMe = m.me
	l := m.newLogin(true)
	m.overlay = l.ID()
	return m.push(l)
}

func (m *Model) loggedIn(msg common.LoggedInMsg) tea.Cmd {
	var cmds []tea.Cmd
	if m.cfgErr != nil || m.c.AuthConfig.AuthType == "" {
		cmds = append(cmds, m.readAuthConfig())
	}
	same := msg.Session != nil && (m.overlayMe == nil || client.SamePerson(m.overlayMe, msg.Session))
	if msg.Session != nil {
		m.me = identity(msg.Session)
	}
	if m.overlay != 0 && same {
		for i, s := range m.stack {
			if s.ID() == m.overlay {
				m.stack = append(m.stack[:i], m.stack[i+1:]...)
				break
			}
		}
		cmds = append(cmds, m.retries...)
		m.overlay, m.retries, m.overlayMe = 0, nil, nil
		return tea.Batch(append(cmds, m.push(m.storageQuestion()))...)
	}
	// A first login, or someone else logged in over an expired session:
	// start afresh from the list of workspaces.
	m.overlay, m.retries, m.overlayMe = 0, nil, nil
	m.closeAll()
	cmds = append(cmds, m.push(m.newWorkspaces()))
	return tea.Batch(append(cmds, m.push(m.storageQuestion()))...)
}

func (m *Model) logout() tea.Cmd {
	cl, ctx, save := m.c.Client, m.c.Ctx, m.opts.Save
	m.c.Logger.Info("logging out")
	return tea.Batch(common.Status(common.StatusInfo, "Logging out…"), func() tea.Msg {
		// Logging out on the platform only forgets the refresh token; the
		// stored session goes whatever the platform answers.
		_ = cl.Logout(ctx)
		var err error
		if save != nil {
			err = save(nil)
		}
		return loggedOutMsg{saveErr: err}
	})
}

// authConfigRead keeps the platform's auth settings (or why they could not
// be read) and tells every login screen.
func (m *Model) authConfigRead(msg authConfigMsg) tea.Cmd {
	if msg.err != nil {
		m.cfgErr = msg.err
		m.c.Logger.Warn("auth config not read", "kind", client.KindOf(msg.err).String())
	} else {
		m.cfgErr = nil
		m.c.AuthConfig = msg.cfg
	}
	return m.broadcast(login.ConfigMsg{Config: m.c.AuthConfig, Err: msg.err})
}

// loggedOut forgets the session and opens the login screen alone.
func (m *Model) loggedOut(msg loggedOutMsg) tea.Cmd {
	m.c.Client.SetSession(nil)
	m.overlay, m.retries = 0, nil
	m.closeAll()
	cmd := m.push(m.newLogin(false))
	text, kind := "Logged out.", common.StatusSuccess
	if msg.saveErr != nil {
		text, kind = "Logged out, but the stored session could not be deleted: "+msg.saveErr.Error(), common.StatusError
	}
	return tea.Batch(cmd, common.Status(kind, text))
}
