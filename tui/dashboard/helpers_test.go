package dashboard

import (
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// now is the fixed clock of every test: the demo platform's relative dates
// and the period picker both count from it.
var now = tuitest.Now

// platform starts the demo platform and returns it with a client logged in
// as email.
func platform(t *testing.T, opts horusectest.Options, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	opts.Now = tuitest.Clock
	opts.DisableEmails = true
	return tuitest.Demo(t, opts, email, password)
}

func newCommon(cl *client.Client) *common.Common { return tuitest.Common(cl, tuitest.Clock) }

// run runs cmd and every command it leads to, handing the replies to m,
// until nothing is left. Cursor blinks and spinner ticks are dropped: they
// only animate (and would never end).
func run(m *Model, cmd tea.Cmd) {
	tuitest.Settle(cmd, func(msg tea.Msg) (tea.Cmd, bool) {
		switch msg.(type) {
		case common.Result[client.Dashboard], common.Result[string]:
			return m.Update(msg), true
		}
		return nil, false
	})
}
