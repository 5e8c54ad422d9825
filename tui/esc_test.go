package tui

import (
	"context"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// In the Members tab esc does one thing per press: it takes a notice away
// and nothing else (the next e is not the workspace list's "edit"), and
// two esc read together as one alt+esc act twice.
func TestEscInTheMembersTabDoesOneThingPerPress(t *testing.T) {
	srv := tuitest.Platform(t, horusectest.Options{DisableEmails: true})
	c := tuitest.Client(t, srv, nil)
	if _, err := c.Login(context.Background(), horusectest.ManagerEmail, horusectest.ManagerPassword); err != nil {
		t.Fatal(err)
	}
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	tm := teatest.NewTestModel(t, New(Options{Client: c, AuthConfig: &cfg, Host: HostOf(srv.AuthURL)}),
		teatest.WithInitialTermSize(100, 30))
	tuitest.WaitFor(t, tm, "Acme Platform")
	tm.Send(tea.KeyMsg{Type: tea.KeyEnter})
	tuitest.WaitFor(t, tm, "your role: Manager")
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tm.Send(tea.KeyMsg{Type: tea.KeyTab})
	tuitest.WaitFor(t, tm, "manager (you)")
	tm.Type("Gk") // the members by name: …, manager, user
	tm.Type("e")
	tuitest.WaitFor(t, tm, "This is you.")

	tm.Send(tea.KeyMsg{Type: tea.KeyEsc}) // the notice goes; the tab stays
	tuitest.WaitFor(t, tm, "Username")    // the list moves up into its room
	tm.Type("e")                          // the notice again, not "Edit workspace"
	tuitest.WaitFor(t, tm, "This is you.")

	// Two quick esc: the notice goes, then the workspace is left.
	tm.Send(tea.KeyMsg{Type: tea.KeyEsc, Alt: true})
	tuitest.WaitFor(t, tm, "sorted by")

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
}
