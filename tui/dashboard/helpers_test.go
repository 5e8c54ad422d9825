package dashboard

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

var update = flag.Bool("update", false, "rewrite the golden files")

// now is the fixed clock of every test: the demo platform's relative dates
// and the period picker both count from it.
var now = time.Date(2026, time.March, 10, 15, 4, 5, 0, time.UTC)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// platform starts the demo platform and returns it with a client logged in
// as email.
func platform(t *testing.T, opts horusectest.Options, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	opts.Now = func() time.Time { return now }
	opts.DisableEmails = true
	srv, err := horusectest.NewServer(opts)
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

// workspace finds a workspace of the logged-in user by name.
func workspace(t *testing.T, cl *client.Client, name string) client.Workspace {
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

// run runs cmd and every command it leads to, handing the replies to m,
// until nothing is left. Cursor blinks and spinner ticks are dropped: they
// only animate (and would never end).
func run(m *Model, cmd tea.Cmd) {
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
			continue
		case dataMsg, exportedMsg:
			queue = append(queue, m.Update(msg))
		}
	}
}

// golden compares got with testdata/name.golden (rewritten with -update).
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
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
