package e2e

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// receiver is a team's endpoint: it records every request it gets.
type receiver struct {
	*httptest.Server
	mu  sync.Mutex
	got []receivedHook
}

type receivedHook struct {
	header http.Header
	body   map[string]any
}

func newReceiver(t *testing.T) *receiver {
	rc := &receiver{}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		rc.mu.Lock()
		rc.got = append(rc.got, receivedHook{r.Header.Clone(), m})
		rc.mu.Unlock()
		_, _ = io.WriteString(w, "ticket opened")
	}))
	t.Cleanup(rc.Close)
	return rc
}

// wait returns the first request that ok accepts, waiting for it.
func (rc *receiver) wait(t *testing.T, what string, ok func(receivedHook) bool) receivedHook {
	t.Helper()
	deadline := time.Now().Add(waitTime)
	for {
		rc.mu.Lock()
		for _, h := range rc.got {
			if ok(h) {
				rc.mu.Unlock()
				return h
			}
		}
		n := len(rc.got)
		rc.mu.Unlock()
		if time.Now().After(deadline) {
			t.Fatalf("the receiver never got %s (%d requests there)", what, n)
		}
		time.Sleep(20 * time.Millisecond)
	}
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
	tm.Type(rc.URL + "/hooks/horusec")
	tm.Press("Tab")
	tm.Type("X-Hook-Token")
	tm.Press("Tab")
	tm.Type(secret)
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
	got := rc.wait(t, "the uploaded analysis", func(h receivedHook) bool { return h.body["id"] == id })
	if got.header.Get("X-Hook-Token") != secret || got.body["repositoryName"] != "payments-api" || got.body["workspaceName"] != "Acme Platform" {
		t.Fatalf("delivery: header %q, repository %v, workspace %v", got.header.Get("X-Hook-Token"), got.body["repositoryName"], got.body["workspaceName"])
	}
	if items, _ := got.body["analysisVulnerabilities"].([]any); len(items) != 2 {
		t.Fatalf("the delivered analysis has %d findings, want the 2 uploaded", len(items))
	}

	// t: a test delivery from the program, with the receiver's answer.
	tm.Press("t")
	tm.WaitFor("Test delivery", "HTTP 200 OK", "Answer: ticket opened", "not the platform")
	rc.wait(t, "the TUI's test delivery", func(h receivedHook) bool {
		return strings.HasPrefix(h.header.Get("User-Agent"), "horusec-tui/") && h.header.Get("X-Hook-Token") == secret
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
