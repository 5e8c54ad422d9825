package tokens

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// demo starts the demo platform and logs a client in as its Manager.
func demo(t *testing.T) (*horusectest.Server, *client.Client, client.Workspace) {
	t.Helper()
	srv, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	return srv, cl, tuitest.Workspace(t, cl, "Acme Platform")
}

func TestCreateRevealCopyRevokeOnTheDemoPlatform(t *testing.T) {
	srv, cl, ws := demo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := tuitest.Common(cl, nil)
	c.Ctx = ctx
	osc := &safeBuffer{}
	scope := common.Scope{Workspace: ws}
	screen := NewTab(c, scope, Options{Clipboard: Clipboard{OSC52: osc}})
	tm := tuitest.Program(t, tuitest.NewShell(screen), 110, 32)

	tuitest.WaitFor(t, tm, "CI pipeline (GitHub Actions)")
	tm.Send(tuitest.Key("n"))
	tuitest.WaitFor(t, tm, "New token for the workspace Acme Platform")
	tm.Type("Release bot")
	tm.Send(tuitest.Key("ctrl+s"))
	tuitest.WaitFor(t, tm, "Token created")

	tm.Send(tuitest.Key("c"))
	tuitest.WaitFor(t, tm, "Copied to the clipboard (OSC 52")
	plain := decodeOSC52(t, osc.String())
	if len(plain) != 36 {
		t.Fatalf("copied %d characters, want a UUID", len(plain))
	}
	// The platform accepts what was copied.
	uploadWith(t, srv, plain, http.StatusCreated)

	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "I have stored it")
	tm.Send(tuitest.Key("enter"))
	// The list shows the new token by the copied text's last five characters.
	suffix := plain[len(plain)-5:]
	tuitest.WaitFor(t, tm, "••••••••-"+suffix)

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
	tm.Send(tuitest.Key("d"))
	tuitest.WaitFor(t, tm, "“Release bot” (••••••••-"+suffix+")")
	tm.Send(tuitest.Key("y"))
	tuitest.WaitFor(t, tm, "Revoked “Release bot”")

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

	tuitest.Quit(t, tm)
	if out, _ := io.ReadAll(tm.Output()); strings.Contains(string(out), plain) {
		t.Error("the token was drawn again after the reveal closed")
	}
}

// uploadWith sends a minimal analysis to the demo's api service with the
// token, as the Horusec CLI does.
func uploadWith(t *testing.T, srv *horusectest.Server, token string, want int) {
	t.Helper()
	status, err := srv.UploadAsCLI(token, "tokens-test")
	if err != nil {
		t.Fatal(err)
	}
	if status != want {
		t.Errorf("upload with the token: HTTP %d, want %d", status, want)
	}
}
