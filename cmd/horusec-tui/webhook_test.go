package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// newHookSink is a webhook receiver that answers 202 with a text, closed
// with the test.
func newHookSink(t *testing.T) *horusectest.Receiver {
	t.Helper()
	rc, err := horusectest.NewReceiver(http.StatusAccepted, "queued for the security bot")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rc.Close)
	return rc
}

func TestWebhookCommands(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	sink := newHookSink(t)
	ws := []string{"--workspace", "Acme Platform"}
	args := func(a ...string) []string { return append(append([]string{"webhook"}, a...), ws...) }

	code, out, errOut := runCmd(t, "", args("list")...)
	if code != exitOK || out != "" || !strings.Contains(errOut, "has no webhooks") {
		t.Fatalf("empty list: exit %d, %q, %q", code, out, errOut)
	}

	// Checked before anything is sent.
	for _, bad := range [][]string{
		{"create", "--repository", "payments-api", "--url", "ftp://ci.example.com/h"},
		{"create", "--repository", "payments-api", "--url", "ci.example.com:8080/h"},
		{"create", "--repository", "payments-api", "--url", sink.URL, "--header", "X-Token s3cret"},
		{"create", "--url", sink.URL},
	} {
		if code, _, errOut := runCmd(t, "", args(bad...)...); code != exitUsage || strings.Contains(errOut, "s3cret") {
			t.Errorf("%v: exit %d, %q", bad, code, errOut)
		}
	}
	if n := srv.Requests("POST", "/webhook/"); n != 0 {
		t.Fatalf("%d webhooks sent to the platform despite bad input", n)
	}

	// The secret header value comes on stdin, not in the arguments.
	code, out, errOut = runCmd(t, "X-Token: s3cret\n", args("create", "--repository", "payments-api", "--url", sink.URL+"/hook",
		"--description", "security bot", "--header", "X-Team: appsec", "--headers-stdin")...)
	if code != exitOK || !uuidLine.MatchString(out) || !strings.Contains(errOut, "stops the delivery of every webhook") {
		t.Fatalf("create: exit %d, %q, %q", code, out, errOut)
	}
	id := strings.TrimSpace(out)

	code, _, errOut = runCmd(t, "", args("create", "--repository", "payments-api", "--url", sink.URL)...)
	if code != exitError || !strings.Contains(errOut, "already has a webhook ("+id) {
		t.Fatalf("second webhook: exit %d, %q", code, errOut)
	}

	code, out, _ = runCmd(t, "", args("list")...)
	if code != exitOK || !strings.Contains(out, id) || !strings.Contains(out, "payments-api") || !strings.Contains(out, "X-Team, X-Token") ||
		!strings.Contains(out, "security bot") || strings.Contains(out, "s3cret") || strings.Contains(out, "appsec") {
		t.Fatalf("list: exit %d:\n%s", code, out)
	}
	code, out, _ = runCmd(t, "", args("list", "--repository", "checkout-web", "--output", "json")...)
	if code != exitOK || strings.TrimSpace(out) != "[]" {
		t.Fatalf("another repository's list: %q", out)
	}
	code, out, _ = runCmd(t, "", args("list", "--output", "json")...)
	var listed []webhookJSON
	if err := json.Unmarshal([]byte(out), &listed); err != nil || code != exitOK || len(listed) != 1 {
		t.Fatalf("json list: %v %q", err, out)
	}
	if h := listed[0]; h.WebhookID != id || h.RepositoryName != "payments-api" || h.Method != "POST" || strings.Join(h.HeaderNames, ",") != "X-Team,X-Token" || strings.Contains(out, "s3cret") {
		t.Fatalf("json list %+v", h)
	}

	// The test delivery reports the receiver's answer.
	code, out, _ = runCmd(t, "", args("test", "--repository", "payments-api")...)
	if code != exitOK || !strings.Contains(out, "HTTP 202") || !strings.Contains(out, "queued for the security bot") || !strings.Contains(out, "not the platform") {
		t.Fatalf("test: exit %d:\n%s", code, out)
	}
	hits := sink.Deliveries()
	if len(hits) != 1 || hits[0].Header.Get("X-Token") != "s3cret" || hits[0].Body["repositoryName"] != "payments-api" {
		t.Fatalf("the receiver got %+v", hits)
	}
	sink.SetStatus(http.StatusUnauthorized)
	code, out, _ = runCmd(t, "", args("test", "--id", id, "--output", "json")...)
	var tr webhookTestJSON
	if err := json.Unmarshal([]byte(out), &tr); err != nil || code != exitError || tr.Status != 401 || tr.Delivered {
		t.Fatalf("a refusing receiver: exit %d, %q", code, out)
	}
	sink.SetStatus(http.StatusOK)

	// The platform delivers the next analysis uploaded with a token.
	tok, err := srv.AddToken(mustWS(t, srv, "Acme Platform"), "", "ci", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if st := uploadTo(t, srv, tok, "payments-api"); st != http.StatusCreated {
		t.Fatalf("upload: %d", st)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(sink.Deliveries()) < 3 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if h := sink.Deliveries(); len(h) != 3 || h[2].Header.Get("X-Token") != "s3cret" || h[2].Header.Get("User-Agent") != "Go-http-client/1.1" {
		t.Fatalf("the uploaded analysis did not reach the receiver with its headers: %d hits", len(h))
	}

	// Edit: a new URL, then no headers.
	code, _, errOut = runCmd(t, "", args("edit", "--repository", "payments-api", "--url", sink.URL+"/v2")...)
	if code != exitOK {
		t.Fatalf("edit: exit %d %q", code, errOut)
	}
	if code, _, _ = runCmd(t, "", args("edit", "--repository", "payments-api", "--clear-headers")...); code != exitOK {
		t.Fatal("clear headers")
	}
	_, out, _ = runCmd(t, "", args("list", "--output", "json")...)
	listed = nil
	_ = json.Unmarshal([]byte(out), &listed)
	if len(listed) != 1 || listed[0].URL != sink.URL+"/v2" || len(listed[0].HeaderNames) != 0 || listed[0].Description != "security bot" {
		t.Fatalf("after the edits %+v", listed)
	}
	if code, _, _ = runCmd(t, "", args("edit", "--repository", "payments-api", "--description", "")...); code != exitUsage {
		t.Fatal("an empty description was sent: the platform would ignore it")
	}

	// Delete needs --yes without a terminal, and names the URL.
	code, _, errOut = runCmd(t, "", args("delete", "--repository", "payments-api")...)
	if code != exitUsage || !strings.Contains(errOut, "--yes") || !strings.Contains(errOut, sink.URL+"/v2") {
		t.Fatalf("delete without --yes: exit %d %q", code, errOut)
	}
	code, out, _ = runCmd(t, "", args("delete", "--repository", "payments-api", "--yes")...)
	if code != exitOK || !strings.Contains(out, "Deleted") {
		t.Fatalf("delete: exit %d %q", code, out)
	}
	if code, _, errOut = runCmd(t, "", args("delete", "--id", id, "--yes")...); code != exitOK || !strings.Contains(errOut, "nothing to delete") {
		t.Fatalf("delete twice: exit %d %q", code, errOut)
	}
}

func TestWebhookCommandsNeedAManager(t *testing.T) {
	demoLogin(t, horusectest.UserEmail, horusectest.UserPassword)
	code, _, errOut := runCmd(t, "", "webhook", "list", "--workspace", "Acme Platform")
	if code != exitPermission || !strings.Contains(errOut, "only a Manager of the workspace Acme Platform") {
		t.Fatalf("a User: exit %d %q", code, errOut)
	}
}
