package tui

import (
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

// hostile is what anyone with an account can make the platform send: a
// clipboard write, a window title, a screen clear, a colour, an 8-bit CSI,
// a bidi override and a zero-width space.
const hostile = "Evil\x1b]52;c;cm0gLXJmIH4=\x07\x1b]2;pwned\x07\x1b[2J\x1b[31m\u009b1m\u202Etxt\u200B"

// The shell draws the platform's text only through safetext: names in the
// list, the breadcrumb, the header (profile, host, e-mail) and the status
// line are shown with their escapes visible, and the frame keeps its
// shape.
func TestShellDrawsHostileTextVisibly(t *testing.T) {
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec + hostile}
	cl := tuitest.Offline(t)
	cl.SetSession(&client.Session{AccountID: "acc-1", Email: "dev" + hostile + "@example.com", AccessToken: "a", RefreshToken: "r", ExpiresAt: time.Now().Add(time.Hour)})
	m := New(Options{Client: cl, AuthConfig: &cfg, Profile: "work" + hostile, Host: "core" + hostile})
	m.statusTTL = time.Millisecond
	for _, size := range []tea.WindowSizeMsg{{Width: 80, Height: 24}, {Width: 160, Height: 45}, {Width: 60, Height: 15}} {
		m.Update(size)
		ws := m.Top().(*workspaces.Model)
		send(m, ws.Reply([]client.Workspace{
			{WorkspaceID: "w1", Name: hostile + strings.Repeat("n", 200), Description: hostile, Role: client.RoleAdmin, RepositoriesCount: 1, CreatedAt: day},
			{WorkspaceID: "w2", Name: "Acme\u200BPlatform", Description: "lookalike", Role: client.RoleAdmin, CreatedAt: day},
		}, nil))
		send(m, common.StatusMsg{Kind: common.StatusError, Text: "refused: " + hostile})
		tuitest.MustBeClean(m.Top().View())
		frame := m.View()
		tuitest.MustBeClean(frame)
		lines := strings.Split(frame, "\n")
		if len(lines) != size.Height {
			t.Errorf("%dx%d: %d lines", size.Width, size.Height, len(lines))
		}
		if !strings.HasPrefix(strings.TrimSpace(lines[0]), "horusec-tui") {
			t.Errorf("%dx%d: the header left the first line: %q", size.Width, size.Height, lines[0])
		}
		if !tuitest.Fits(t, frame, size.Width, 0) {
			t.Errorf("%dx%d: a line is too wide", size.Width, size.Height)
		}
		for _, want := range []string{"Evil␛]52;c;", "Acme⟨U+2", "refused: Evil␛]52"} {
			if !strings.Contains(frame, want) {
				t.Errorf("%dx%d: %q is not on screen:\n%s", size.Width, size.Height, want, frame)
			}
		}
	}
	// Open the workspace: its name is in the breadcrumb and the title.
	send(m, tuitest.Key("enter"))
	frame := m.View()
	tuitest.MustBeClean(m.Top().View())
	if !strings.Contains(frame, "Evil␛]52") {
		t.Errorf("the open workspace's name is not shown visibly:\n%s", frame)
	}
}

// The plain-HTTP warning is on the status line at start.
func TestWarningOnTheStatusLineAtStart(t *testing.T) {
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	m := New(Options{Client: newClient(t, true), AuthConfig: &cfg, Warning: "the password and the session travel unencrypted"})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 24})
	for _, msg := range run(m.Init()) {
		send(m, msg)
	}
	if !strings.Contains(m.Status(), "travel unencrypted") {
		t.Errorf("status %q", m.Status())
	}
}
