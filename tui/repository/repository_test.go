package repository

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
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

var now = time.Date(2026, time.March, 10, 15, 4, 5, 0, time.UTC)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// page opens the repository named repo of Acme Platform as email sees it.
func page(t *testing.T, email, password, repo string) *Model {
	t.Helper()
	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	cl, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := cl.Login(ctx, email, password); err != nil {
		t.Fatal(err)
	}
	var ws client.Workspace
	wss, _ := cl.Workspaces(ctx)
	for _, w := range wss {
		if w.Name == "Acme Platform" {
			ws = w
		}
	}
	repos, err := cl.Repositories(ctx, ws.WorkspaceID, client.RepositoryQuery{Page: 1, Size: client.PageSize, Search: repo})
	if err != nil || len(repos) != 1 {
		t.Fatalf("%s: %v %v", repo, repos, err)
	}
	c := &common.Common{Ctx: ctx, Client: cl, Styles: styles.New(), Keys: keys.Default(), Now: func() time.Time { return now }}
	m := New(c, ws, repos[0]).(*Model)
	m.SetSize(80, 24)
	return m
}

func tabTitles(m *Model) string {
	var out []string
	for _, t := range m.tabs.Tabs() {
		out = append(out, t.Title())
	}
	return strings.Join(out, ",")
}

func TestTabsFollowTheRepositoryRole(t *testing.T) {
	for _, tc := range []struct {
		email, password, repo, tabs, role string
	}{
		{horusectest.ManagerEmail, horusectest.ManagerPassword, "payments-api", "Dashboard,Tokens,Members", "your role: Manager"},
		{horusectest.UserEmail, horusectest.UserPassword, "payments-api", "Dashboard", "your role: User"},
		{horusectest.UserEmail, horusectest.UserPassword, "checkout-web", "Dashboard", "your role: Supervisor"},
	} {
		m := page(t, tc.email, tc.password, tc.repo)
		if got := tabTitles(m); got != tc.tabs {
			t.Errorf("%s on %s: tabs %s, want %s", tc.email, tc.repo, got, tc.tabs)
		}
		if v := m.View(); !strings.Contains(v, tc.role) || !strings.Contains(v, "Acme "+strings.ReplaceAll(tc.repo, "-", " ")) {
			t.Errorf("%s on %s: header\n%s", tc.email, tc.repo, v)
		}
	}
}

func TestHeaderGoldenAndEscGoesBack(t *testing.T) {
	m := page(t, horusectest.UserEmail, horusectest.UserPassword, "payments-api")
	// Load the Dashboard tab: run the commands, hand the replies back.
	queue := []tea.Cmd{m.Init()}
	for i := 0; len(queue) > 0 && i < 100; i++ {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case common.Reply:
			queue = append(queue, m.Update(msg))
		}
	}
	got := m.View()
	path := filepath.Join("testdata", "user-payments-api-80x24.golden")
	if *update {
		os.WriteFile(path, []byte(got), 0o644)
	}
	want, _ := os.ReadFile(path)
	if string(want) != got {
		t.Errorf("view differs from %s:\n%s", path, got)
	}
	cmd := m.Update(tea.KeyMsg{Type: tea.KeyEsc})
	if cmd == nil {
		t.Fatal("esc did nothing")
	}
	if _, ok := cmd().(common.PopMsg); !ok {
		t.Error("esc should go back")
	}
}
