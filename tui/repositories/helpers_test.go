package repositories

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// platform starts the demo platform and returns it with a client logged in
// as email.
func platform(t testing.TB, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	return tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, email, password)
}

func newCommon(cl *client.Client) *common.Common { return tuitest.Common(cl, tuitest.Clock) }

// run runs cmd and what it leads to, handing the platform's replies to m
// and returning the other messages (status, push, …) in order. The
// debounce ticks and cursor blinks are not run: a test
// delivers the debounce itself when it wants the search to go out.
func run(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	for _, msg := range tuitest.Settle(cmd, func(msg tea.Msg) (tea.Cmd, bool) {
		switch msg.(type) {
		case common.Result[page], common.Result[saved], common.Result[struct{}]:
			return m.Update(msg), true
		}
		return nil, false
	}) {
		switch msg.(type) {
		case common.StatusMsg, common.PushMsg, common.SessionExpiredMsg:
			out = append(out, msg)
		}
	}
	return out
}
