package tokens

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// host is the least of a shell: it sizes the screen, shows status
// messages under it and quits on ctrl+c.
type host struct {
	s      common.Screen
	status string
}

func (h *host) Init() tea.Cmd { return h.s.Init() }

func (h *host) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		h.s.SetSize(msg.Width, msg.Height-1)
		return h, nil
	case common.StatusMsg:
		h.status = msg.Text
		return h, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return h, tea.Quit
		}
	}
	return h, h.s.Update(msg)
}

func (h *host) View() string { return h.s.View() + "\n" + h.status }

// demo starts the demo platform and logs a client in as its Manager.
func demo(t *testing.T) (*horusectest.Server, *client.Client, client.Workspace) {
	t.Helper()
	srv, err := horusectest.NewServer(horusectest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	cl, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL, APIURL: srv.APIURL})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := cl.Login(ctx, horusectest.ManagerEmail, horusectest.ManagerPassword); err != nil {
		t.Fatal(err)
	}
	wss, err := cl.Workspaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ws := range wss {
		if ws.Name == "Acme Platform" {
			return srv, cl, ws
		}
	}
	t.Fatal("the demo has no workspace Acme Platform")
	return nil, nil, client.Workspace{}
}

func waitFor(t *testing.T, tm *teatest.TestModel, what string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
		teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(5*time.Millisecond))
}

func TestCreateRevealCopyRevokeOnTheDemoPlatform(t *testing.T) {
	srv, cl, ws := demo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := &common.Common{Ctx: ctx, Client: cl, Styles: styles.New(), Keys: keys.Default(), Now: time.Now}
	osc := &safeBuffer{}
	scope := common.Scope{Workspace: ws}
	screen := NewTab(c, scope, Options{Clipboard: Clipboard{OSC52: osc}})
	tm := teatest.NewTestModel(t, &host{s: screen}, teatest.WithInitialTermSize(110, 32))

	waitFor(t, tm, "CI pipeline (GitHub Actions)")
	tm.Send(press("n"))
	waitFor(t, tm, "New token for the workspace Acme Platform")
	tm.Type("Release bot")
	tm.Send(press("ctrl+s"))
	waitFor(t, tm, "Token created")

	tm.Send(press("c"))
	waitFor(t, tm, "Copied to the clipboard (OSC 52")
	plain := decodeOSC52(t, osc.String())
	if len(plain) != 36 {
		t.Fatalf("copied %d characters, want a UUID", len(plain))
	}
	// The platform accepts what was copied.
	uploadWith(t, srv, plain, http.StatusCreated)

	tm.Send(press("enter"))
	waitFor(t, tm, "I have stored it")
	tm.Send(press("enter"))
	// The list shows the new token by the copied text's last five characters.
	suffix := plain[len(plain)-5:]
	waitFor(t, tm, "••••••••-"+suffix)

	list, err := cl.WorkspaceTokens(context.Background(), ws.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	var made client.Token
	for _, tk := range list {
		if tk.Description == "Release bot" {
			made = tk
		}
	}
	if made.SuffixValue != suffix {
		t.Fatalf("platform suffix %q, copied token ends in %q", made.SuffixValue, suffix)
	}
	if !made.IsExpirable {
		t.Error("the form's default expiry (90 days) was not sent")
	}

	// The cursor is on the new token: revoke it.
	tm.Send(press("d"))
	waitFor(t, tm, "“Release bot” (••••••••-"+suffix+")")
	tm.Send(press("y"))
	waitFor(t, tm, "Revoked “Release bot”")

	list, err = cl.WorkspaceTokens(context.Background(), ws.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range list {
		if tk.TokenID == made.TokenID {
			t.Fatal("the token is still on the platform")
		}
	}
	if n := srv.Requests("DELETE", "/core/workspaces/"+ws.WorkspaceID+"/tokens/"+made.TokenID); n != 1 {
		t.Errorf("%d DELETE requests, want 1", n)
	}
	uploadWith(t, srv, plain, http.StatusUnauthorized)

	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	if out := readAll(tm); strings.Contains(out, plain) {
		t.Error("the token was drawn again after the reveal closed")
	}
}

func readAll(tm *teatest.TestModel) string {
	var b bytes.Buffer
	_, _ = b.ReadFrom(tm.Output())
	return b.String()
}

// uploadWith sends a minimal analysis to the demo's api service with the
// token, as the Horusec CLI does.
func uploadWith(t *testing.T, srv *horusectest.Server, token string, want int) {
	t.Helper()
	body := `{"repositoryName":"tokens-test","analysis":{"id":"5b0d5a56-3c4e-4b57-9d0b-6f3c2f1d2a10","status":"success","createdAt":"` +
		time.Now().UTC().Format(time.RFC3339) + `","finishedAt":"` + time.Now().UTC().Format(time.RFC3339) + `","analysisVulnerabilities":[]}}`
	req, err := http.NewRequest(http.MethodPost, srv.APIURL+"/api/analysis", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Horusec-Authorization", token)
	req.Header.Set("X-Horusec-CLI-Version", "v2.9.0")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != want {
		t.Errorf("upload with the token: HTTP %d, want %d", resp.StatusCode, want)
	}
}
