package login

import (
	"errors"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

func newCommon(t *testing.T, authType string) *common.Common {
	c := tuitest.Common(tuitest.Offline(t), nil)
	c.Host = "127.0.0.1:8006"
	c.AuthConfig = client.AuthConfig{AuthType: authType}
	return c
}

func newModel(t *testing.T, authType string, opts Options) *Model {
	m := New(newCommon(t, authType), opts)
	m.SetSize(90, 20)
	return m
}

func TestGolden(t *testing.T) {
	t.Run("empty", func(t *testing.T) {
		tuitest.Golden(t, "empty", tuitest.Screen(newModel(t, client.AuthTypeHorusec, Options{})))
	})
	t.Run("reading_config", func(t *testing.T) {
		tuitest.Golden(t, "reading_config", tuitest.Screen(newModel(t, "", Options{Email: "manager@example.com"})))
	})
	t.Run("config_unreachable", func(t *testing.T) {
		m := newModel(t, "", Options{})
		m.Update(ConfigMsg{Err: &client.Error{Kind: client.KindNetwork, Message: "cannot reach the auth service at http://127.0.0.1:8006 (connection refused)"}})
		tuitest.Golden(t, "config_unreachable", tuitest.Screen(m))
	})
	t.Run("ldap", func(t *testing.T) {
		tuitest.Golden(t, "ldap", tuitest.Screen(newModel(t, client.AuthTypeLDAP, Options{})))
	})
	t.Run("keycloak", func(t *testing.T) {
		tuitest.Golden(t, "keycloak", tuitest.Screen(newModel(t, client.AuthTypeKeycloak, Options{})))
	})
	t.Run("overlay", func(t *testing.T) {
		tuitest.Golden(t, "overlay", tuitest.Screen(newModel(t, client.AuthTypeHorusec, Options{Overlay: true, Email: "manager@example.com"})))
	})
	t.Run("wrong_password", func(t *testing.T) {
		m := newModel(t, client.AuthTypeHorusec, Options{Email: "manager@example.com"})
		tuitest.Type(m, "nope")
		m.Update(tea.KeyMsg{Type: tea.KeyEnter})
		m.Update(common.Result[result]{To: m.ID(), Err: &client.Error{Kind: client.KindForbidden, Status: 403,
			Message: "{HORUSEC AUTH} invalid username or password", Refusal: client.RefusalWrongLogin}})
		tuitest.Golden(t, "wrong_password", tuitest.Screen(m))
	})
}

func TestPasswordClearedAfterEachAttempt(t *testing.T) {
	m := newModel(t, client.AuthTypeHorusec, Options{Email: "manager@example.com"})
	tuitest.Type(m, "Secret#2026")
	cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter})
	if cmd == nil {
		t.Fatal("nothing sent")
	}
	if v := m.form.Value("password"); v != "" {
		t.Errorf("password still in the field: %d characters", len(v))
	}
	if strings.Contains(string(tuitest.Screen(m)), "Secret#2026") {
		t.Error("password on screen")
	}
}

func TestLoginChecksBeforeSending(t *testing.T) {
	m := newModel(t, client.AuthTypeHorusec, Options{})
	tuitest.Type(m, "manager")
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	tuitest.Type(m, "x")
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		t.Fatal("a user name was sent where the platform wants an e-mail")
	}
	if !strings.Contains(string(tuitest.Screen(m)), "e-mail address of your account") {
		t.Errorf("no explanation:\n%s", tuitest.Screen(m))
	}
	// LDAP logins are names.
	l := newModel(t, client.AuthTypeLDAP, Options{})
	tuitest.Type(l, "jdoe")
	l.Update(tea.KeyMsg{Type: tea.KeyTab})
	tuitest.Type(l, "x")
	if cmd := l.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd == nil {
		t.Fatal("an LDAP name was refused")
	}
}

func TestKeycloakIsRefused(t *testing.T) {
	m := newModel(t, client.AuthTypeKeycloak, Options{Email: "a@b.c"})
	tuitest.Type(m, "x")
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		t.Fatal("a Keycloak login was sent")
	}
}

func TestSuccessSavesAndSaysWhenTheStoreFails(t *testing.T) {
	m := newModel(t, client.AuthTypeHorusec, Options{})
	got := m.Update(common.Result[result]{To: m.ID(), Value: result{
		session: client.Session{Email: "manager@example.com", AccessToken: "tok"},
		saveErr: errors.New("the OS keyring is not usable (write the session of x: no D-Bus). Either …"),
	}})
	// The warning comes after the login is handed on, so that it lands on
	// the screen the login opens rather than on the login that goes.
	var loggedIn, warned bool
	for _, msg := range tuitest.Run(got) {
		switch msg := msg.(type) {
		case common.LoggedInMsg:
			loggedIn = msg.Session.Email == "manager@example.com"
		case common.StatusMsg:
			warned = loggedIn && msg.Kind == common.StatusError && strings.Contains(msg.Text, "kept for this run only") &&
				strings.Contains(msg.Text, "the OS keyring is not usable") && !strings.Contains(msg.Text, "tok")
		}
	}
	if !loggedIn || !warned {
		t.Errorf("loggedIn=%v warned after it=%v", loggedIn, warned)
	}
}

func TestEscLeavesOnlyTheOverlay(t *testing.T) {
	m := newModel(t, client.AuthTypeHorusec, Options{})
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc}); cmd != nil {
		t.Error("esc left the login at start")
	}
	o := newModel(t, client.AuthTypeHorusec, Options{Overlay: true})
	cmd := o.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if cmd == nil {
		t.Fatal("esc did not leave the overlay")
	}
	if _, ok := cmd().(common.PopMsg); !ok {
		t.Error("esc on the overlay is not a pop")
	}
}

func TestNetworkErrorNamesTheURL(t *testing.T) {
	got := explainLogin(&client.Error{Kind: client.KindNetwork, URL: "http://10.0.0.9:8006/auth/authenticate/login", Message: "connection refused"}, false)
	if !strings.Contains(got, "http://10.0.0.9:8006") {
		t.Errorf("%q", got)
	}
	got = explainLogin(&client.Error{Kind: client.KindForbidden, Message: "{HORUSEC AUTH} account email not confirmed", Refusal: client.RefusalNotConfirmed}, false)
	if !strings.Contains(got, "Open the confirmation link") {
		t.Errorf("%q", got)
	}
}

// enter on the e-mail field logs in once the password is there (typed
// first, or the e-mail corrected after a refusal), as the hint says; with
// no password it moves on to the password.
func TestEnterOnTheEmailLogsInWhenThePasswordIsFilled(t *testing.T) {
	m := newModel(t, client.AuthTypeHorusec, Options{})
	tuitest.Type(m, "manager@example.com")
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil || m.form.Focused() != m.form.Field("password") {
		t.Fatal("enter with no password did not move to the password")
	}
	tuitest.Type(m, "Secret#2026")
	m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	if m.form.Focused() != m.form.Field("email") {
		t.Fatal("shift+tab did not go back to the e-mail")
	}
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd == nil || !m.form.Submitting() {
		t.Fatal("enter on the e-mail with the password filled did not log in")
	}
	// An e-mail the platform cannot take is still refused first.
	m = newModel(t, client.AuthTypeHorusec, Options{})
	tuitest.Type(m, "manager")
	m.Update(tea.KeyMsg{Type: tea.KeyTab})
	tuitest.Type(m, "x")
	m.Update(tea.KeyMsg{Type: tea.KeyShiftTab})
	if cmd := m.Update(tea.KeyMsg{Type: tea.KeyEnter}); cmd != nil {
		t.Fatal("a user name was sent where the platform wants an e-mail")
	}
}

func TestExplainLoginOnLDAP(t *testing.T) {
	wrong := &client.Error{Kind: client.KindUnauthenticated, Op: "log in", Status: 403, Message: "{LDAP} wrong user or password", Refusal: client.RefusalWrongLogin}
	if got := explainLogin(wrong, true); got != "Wrong login name or password. Check both and try again." {
		t.Errorf("LDAP refusal: %q", got)
	}
	if got := explainLogin(wrong, false); !strings.HasPrefix(got, "Wrong e-mail or password") {
		t.Errorf("horusec refusal: %q", got)
	}
	generic := &client.Error{Kind: client.KindServer, Op: "log in", Status: 500, Message: "{ERROR_HTTP} something went wrong, sorry for the inconvenience", Refusal: client.RefusalPlatformFailed}
	if got := explainLogin(generic, true); !strings.Contains(got, "usual answer to a wrong password") || !strings.Contains(got, "Check the password") {
		t.Errorf("LDAP 500: %q", got)
	}
}
