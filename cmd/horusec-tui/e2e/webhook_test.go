package e2e

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// receiver is a team's endpoint: it records every request it gets.
type receiver struct{ *horusectest.Receiver }

func newReceiver(t *testing.T) receiver {
	t.Helper()
	rc, err := horusectest.NewReceiver(http.StatusOK, "ticket opened")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rc.Close)
	return receiver{rc}
}

// wait returns the first request that ok accepts, waiting for it.
func (rc receiver) wait(t *testing.T, what string, ok func(horusectest.Delivery) bool) horusectest.Delivery {
	t.Helper()
	d, got := rc.Wait(waitTime, ok)
	if !got {
		t.Fatalf("the receiver never got %s (%d requests there)", what, len(rc.Deliveries()))
	}
	return d
}

// TestWebhookCreatedInTheTUIReceivesTheNextAnalysis: against demo-server,
// a Manager creates a webhook in the Webhooks tab, with a secret header,
// to a receiver of the test's own; the next analysis uploaded with a token
// reaches the receiver with the header; a test delivery (t in the TUI,
// 'webhook test' on the command line) reports the receiver's answer. The
// header's value is never shown, stored or logged by the program.
func TestWebhookCreatedInTheTUIReceivesTheNextAnalysis(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	p := startDemoServer(t)
	rc := newReceiver(t)
	const secret = "e2e-hook-s3cret"
	s := loggedIn(t, p)
	tm := s.open(t, 120, 40)

	tm.WaitFor("Acme Platform")
	tm.Press("Enter")
	tm.WaitFor("Acme Platform · your role: Manager", "Webhooks")
	tm.Press("BTab") // from the first tab back round to the last: Webhooks
	tm.WaitFor("No webhooks yet")

	tm.Press("n")
	tm.WaitFor("New webhook in Acme Platform", "Method: POST")
	tm.Type("e2e receiver")
	tm.Press("Tab")
	tm.Press("p")
	tm.WaitFor("‹ partner-api ›")
	tm.Press("p")
	tm.WaitFor("‹ payments-api ›")
	tm.Press("Tab")
	tm.Fill(rc.URL+"/hooks/horusec", "X-Hook-Token", secret)
	tm.Press("C-s")
	tm.WaitFor("A failing receiver stops every webhook")
	tm.Press("y")
	screen := tm.WaitFor("Created the webhook", "payments-api", "X-Hook-Token", "Webhooks (1)")
	if strings.Contains(screen, secret) {
		t.Fatalf("the header value is on screen:\n%s", screen)
	}

	// The next analysis uploaded with a token goes to the receiver.
	token, stderr, code := runCLI(t, s.env, "", "--insecure-storage", "token", "create", "--workspace", "Acme Platform", "--description", "e2e webhook")
	if code != 0 {
		t.Fatalf("token create: exit %d: %s", code, stderr)
	}
	id, err := upload(platformClient(t, p, "", ""), strings.TrimSpace(token), "payments-api")
	if err != nil {
		t.Fatal(err)
	}
	got := rc.wait(t, "the uploaded analysis", func(h horusectest.Delivery) bool { return h.Body["id"] == id })
	if got.Header.Get("X-Hook-Token") != secret || got.Body["repositoryName"] != "payments-api" || got.Body["workspaceName"] != "Acme Platform" {
		t.Fatalf("delivery: header %q, repository %v, workspace %v", got.Header.Get("X-Hook-Token"), got.Body["repositoryName"], got.Body["workspaceName"])
	}
	if items, _ := got.Body["analysisVulnerabilities"].([]any); len(items) != 2 {
		t.Fatalf("the delivered analysis has %d findings, want the 2 uploaded", len(items))
	}

	// t: a test delivery from the program, with the receiver's answer.
	tm.Press("t")
	tm.WaitFor("Test delivery", "HTTP 200 OK", "Answer: ticket opened", "not the platform")
	rc.wait(t, "the TUI's test delivery", func(h horusectest.Delivery) bool {
		return strings.HasPrefix(h.Header.Get("User-Agent"), "horusec-tui/") && h.Header.Get("X-Hook-Token") == secret
	})
	tm.Press("Escape")

	// 'webhook test' reports the receiver's answer too.
	out, stderr, code := runCLI(t, s.env, "", "--insecure-storage", "webhook", "test", "--workspace", "Acme Platform", "--repository", "payments-api")
	if code != 0 || !strings.Contains(out, "HTTP 200") || !strings.Contains(out, "Answer: ticket opened") || !strings.Contains(out, "not the platform") {
		t.Fatalf("webhook test: exit %d\n%s%s", code, out, stderr)
	}

	if hits := filesContaining(t, filepath.Dir(s.cfgDir), secret); len(hits) > 0 {
		t.Errorf("the header value is written in %v", hits)
	}
	if hits := filesContaining(t, filepath.Dir(s.debugLog), secret); len(hits) > 0 {
		t.Errorf("the header value is in the debug log: %v", hits)
	}
	if sb := tm.Scrollback(); strings.Contains(sb, secret) {
		t.Error("the header value is in the terminal's scrollback")
	}
}
