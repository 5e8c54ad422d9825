package repositories

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// updating reports -update, the flag teatest's golden package defines.
func updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

var now = time.Date(2026, time.March, 10, 15, 4, 5, 0, time.UTC)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// platform starts the demo platform and returns it with a client logged in
// as email.
func platform(t testing.TB, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	cl, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL,
		Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Login(context.Background(), email, password); err != nil {
		t.Fatal(err)
	}
	return srv, cl
}

func newCommon(cl *client.Client) *common.Common {
	return &common.Common{
		Ctx:    context.Background(),
		Client: cl,
		Styles: styles.New(),
		Keys:   keys.Default(),
		Now:    func() time.Time { return now },
	}
}

func workspace(t testing.TB, cl *client.Client, name string) client.Workspace {
	t.Helper()
	wss, err := cl.Workspaces(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ws := range wss {
		if ws.Name == name {
			return ws
		}
	}
	t.Fatalf("no workspace %q", name)
	return client.Workspace{}
}

// run runs cmd and what it leads to, handing the platform's replies to m
// and returning the other messages (status, push, …) in order. The
// debounce ticks, cursor blinks and spinner frames are not run: a test
// delivers the debounce itself when it wants the search to go out.
func run(m *Model, cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		switch msg := msg.(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case pageMsg, savedMsg, deletedMsg:
			queue = append(queue, m.Update(msg))
		case common.StatusMsg, common.PushMsg, common.SessionExpiredMsg:
			out = append(out, msg)
		}
	}
	return out
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if updating() {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file:\n--- got ---\n%s\n--- want ---\n%s", name, got, want)
	}
}
