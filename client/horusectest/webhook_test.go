package horusectest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// webhookObj is a listed webhook, its headers read so that null and []
// are told apart.
type webhookObj struct {
	client.Webhook
	Headers *[]client.WebhookHeader `json:"headers"`
}

func listHooks(t *testing.T, url, auth string) []webhookObj {
	t.Helper()
	r := call(t, "GET", url, auth, nil)
	want(t, r, 200, "")
	var out []webhookObj
	r.decode(t, &out)
	return out
}

// TestWebhookRoutes checks the routes, checks, bodies and texts of §14.1–§14.3.
func TestWebhookRoutes(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	base := f.srv.WebhookURL + "/webhook/webhook/" + f.ws
	repo2, err := f.srv.AddRepository(f.ws, "second", nil)
	if err != nil {
		t.Fatal(err)
	}

	want(t, call(t, "GET", f.srv.WebhookURL+"/webhook/health", "", nil), 200, "service is healthy")
	if l := listHooks(t, base, admin); l == nil || len(l) != 0 {
		t.Fatalf("empty list %#v, want []", l)
	}
	if r := call(t, "GET", base, admin, nil); string(r.env.Content) != "[]" {
		t.Fatalf("empty list content %s, want []", r.env.Content)
	}

	// Role checks: Managers only; others get 401, outsiders and bad
	// tokens the generic 500.
	for _, c := range []string{"wsMember", "wsSupervisor", "repoAdmin"} {
		want(t, call(t, "GET", base, f.auth[c], nil), 401, privileges)
		want(t, call(t, "POST", base, f.auth[c], map[string]any{}), 401, privileges)
	}
	want(t, call(t, "GET", base, f.auth["outsider"], nil), 500, generic)
	want(t, call(t, "GET", base, "Bearer garbage", nil), 500, generic)
	want(t, call(t, "GET", f.srv.WebhookURL+"/webhook/webhook/abc", admin, nil), 500, generic)

	body := func(m map[string]any) map[string]any {
		out := map[string]any{"url": "http://127.0.0.1:1/h", "method": "POST", "repositoryID": f.repo, "workspaceID": f.ws}
		for k, v := range m {
			if v == nil {
				delete(out, k)
			} else {
				out[k] = v
			}
		}
		return out
	}
	want(t, call(t, "POST", base, admin, ""), 400, "{ERROR_PARSER} body can not be empty")
	want(t, call(t, "POST", base, admin, body(map[string]any{"url": nil, "method": nil})), 400, "method: cannot be blank; url: cannot be blank.")
	want(t, call(t, "POST", base, admin, body(map[string]any{"method": "GET"})), 400, "method: must be a valid value.")
	want(t, call(t, "POST", base, admin, body(map[string]any{"method": "post"})), 400, "method: must be a valid value.")
	want(t, call(t, "POST", base, admin, body(map[string]any{"url": "not a url"})), 400, "url: must be a valid URL.")
	want(t, call(t, "POST", base, admin, body(map[string]any{"url": "word"})), 400, "url: must be a valid URL.")
	want(t, call(t, "POST", base, admin, body(map[string]any{"repositoryID": "abc"})), 400, "invalid UUID length: 3")
	want(t, call(t, "POST", base, admin, body(map[string]any{"headers": map[string]string{"a": "b"}})), 400,
		"json: cannot unmarshal object into Go struct field Webhook.headers of type webhook.HeaderType")
	want(t, call(t, "POST", base, admin, body(map[string]any{"repositoryID": nil})), 500, generic)
	want(t, call(t, "POST", base, admin, body(map[string]any{"repositoryID": horusectest.NewUUID()})), 500, generic)
	want(t, call(t, "POST", base, admin, body(map[string]any{"workspaceID": nil})), 500, generic)
	want(t, call(t, "POST", base, admin, body(map[string]any{"url": "http://example.com/" + strings.Repeat("a", 500)})), 500, generic)
	want(t, call(t, "POST", base, admin, body(map[string]any{"description": strings.Repeat("d", 256)})), 500, generic)

	// A null body: the connection closes without an answer.
	req, _ := http.NewRequest("POST", base, strings.NewReader("null"))
	req.Header.Set("X-Horusec-Authorization", admin)
	if res, err := httpClient.Do(req); err == nil {
		res.Body.Close()
		t.Fatalf("a null body got an answer: %d", res.StatusCode)
	}

	r := call(t, "POST", base, admin, body(map[string]any{"description": "ci gate",
		"headers": []map[string]string{{"key": "X-Token", "value": "s3cret"}}}))
	want(t, r, 200, "")
	id := r.text()
	if !uuidV4.MatchString(id) {
		t.Fatalf("create answered %s, want a bare UUID", r.env.Content)
	}
	want(t, call(t, "POST", base, admin, body(nil)), 409, "{HORUSEC} webhook already exists to repository selected")

	// The loose URL check stores values the service cannot deliver to.
	for _, u := range []string{"ftp://example.com/h", "127.0.0.1:18081/h"} {
		r := call(t, "POST", base, admin, body(map[string]any{"url": u, "repositoryID": repo2}))
		want(t, r, 200, "")
		want(t, call(t, "DELETE", base+"/"+r.text(), admin, nil), 204, "")
	}
	r = call(t, "POST", base, admin, body(map[string]any{"repositoryID": repo2, "url": "https://example.com/x?y=1"}))
	want(t, r, 200, "")
	id2 := r.text()

	l := listHooks(t, base+"/", admin) // a trailing slash works
	if len(l) != 2 {
		t.Fatalf("list %+v", l)
	}
	var first, second webhookObj
	for _, h := range l {
		switch h.WebhookID {
		case id:
			first = h
		case id2:
			second = h
		}
	}
	if first.Method != "POST" || first.Description != "ci gate" || first.URL != "http://127.0.0.1:1/h" ||
		first.RepositoryID != f.repo || first.WorkspaceID != f.ws || first.Repository.Name != "fixture-repo" ||
		first.Headers == nil || len(*first.Headers) != 1 || (*first.Headers)[0].Value != "s3cret" ||
		!isDateOnly(first.CreatedAt) || !isDateOnly(first.UpdatedAt) || first.UpdatedAt.IsZero() {
		t.Fatalf("first webhook %+v", first)
	}
	if second.Headers != nil || second.Description != "" {
		t.Fatalf("a webhook created without headers reads back %+v, want headers null", second)
	}

	// No GET of one webhook.
	if r := call(t, "GET", base+"/"+id, admin, nil); r.status != 405 || len(r.raw) != 0 {
		t.Fatalf("GET one: %d %q", r.status, r.raw)
	}

	// PUT: the webhookID first, then the body; only non-empty fields written.
	want(t, call(t, "PUT", base+"/abc", admin, body(nil)), 400, "{HORUSEC} webhookID is not valid uuid")
	want(t, call(t, "PUT", base+"/00000000-0000-0000-0000-000000000000", admin, body(nil)), 400, "{HORUSEC} webhookID is not valid uuid")
	want(t, call(t, "PUT", base+"/"+id, admin, body(map[string]any{"url": nil})), 400, "url: cannot be blank.")
	want(t, call(t, "PUT", base+"/"+horusectest.NewUUID(), admin, body(nil)), 204, "")
	want(t, call(t, "PUT", base+"/"+id, admin, map[string]any{"url": "http://127.0.0.1:2/new", "method": "POST", "description": ""}), 204, "")
	for _, h := range listHooks(t, base, admin) {
		if h.WebhookID == id && (h.URL != "http://127.0.0.1:2/new" || h.Description != "ci gate" || h.Headers == nil || len(*h.Headers) != 1 || h.RepositoryID != f.repo) {
			t.Fatalf("after a PUT without description, headers or repository: %+v", h)
		}
	}
	want(t, call(t, "PUT", base+"/"+id, admin, map[string]any{"url": "http://127.0.0.1:2/new", "method": "POST", "headers": []any{}}), 204, "")
	want(t, call(t, "PUT", base+"/"+id, admin, map[string]any{"url": "http://127.0.0.1:2/new", "method": "POST", "repositoryID": repo2}), 500, generic)
	for _, h := range listHooks(t, base, admin) {
		if h.WebhookID == id && (h.Headers == nil || len(*h.Headers) != 0) {
			t.Fatalf("headers: [] did not clear them: %+v", h)
		}
	}

	// DELETE: 204 also for an unknown one; deleting the repository
	// deletes its webhook.
	want(t, call(t, "DELETE", base+"/abc", admin, nil), 400, "{HORUSEC} webhookID is not valid uuid")
	want(t, call(t, "DELETE", base+"/"+id, admin, nil), 204, "")
	want(t, call(t, "DELETE", base+"/"+id, admin, nil), 204, "")
	want(t, call(t, "DELETE", f.wsURL+"/repositories/"+repo2, admin, nil), 204, "")
	if l := listHooks(t, base, admin); len(l) != 0 {
		t.Fatalf("after the deletes: %+v", l)
	}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func upload(t *testing.T, srv *horusectest.Server, token, repo string) string {
	t.Helper()
	r := call(t, "POST", srv.APIURL+"/api/analysis", token, analysisBody(repo, []vuln{{Severity: "HIGH"}, {Severity: "LOW"}}))
	want(t, r, 201, "")
	return r.text()
}

// TestWebhookDelivery: an upload reaches its repository's webhook, in the
// shape of §14.5, with the configured headers and no Content-Type.
func TestWebhookDelivery(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	rc := horusectest.StartReceiver(t, http.StatusOK, "")
	tok, err := f.srv.AddToken(f.ws, "", "ci", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.srv.AddWebhook(f.ws, f.repo, rc.URL+"/hook?team=sec", "", map[string]string{"X-Token": "s3cret", "Empty": ""}); err != nil {
		t.Fatal(err)
	}
	id := upload(t, f.srv, tok, "fixture-repo")
	upload(t, f.srv, tok, "other-repo") // no webhook: nothing is sent
	id3 := upload(t, f.srv, tok, "fixture-repo")
	waitFor(t, "two deliveries", func() bool { return len(rc.Deliveries()) == 2 })
	got := rc.Deliveries()
	h, b := got[0].Header, got[0].Body
	if h.Get("X-Token") != "s3cret" || h.Get("Content-Type") != "" || h.Get("User-Agent") != "Go-http-client/1.1" || h.Get("Empty") != "" {
		t.Fatalf("headers %v", h)
	}
	if b["id"] != id || b["repositoryID"] != f.repo || b["repositoryName"] != "fixture-repo" || b["workspaceID"] != f.ws ||
		b["workspaceName"] != "Fixture" || b["status"] != "success" {
		t.Fatalf("body %v", b)
	}
	items, _ := b["analysisVulnerabilities"].([]any)
	if len(items) != 2 {
		t.Fatalf("findings %v", b["analysisVulnerabilities"])
	}
	it := items[0].(map[string]any)
	if it["analysisID"] != id || it["createdAt"] != "2026-03-10T00:00:00Z" || it["vulnerabilities"] == nil {
		t.Fatalf("finding item %v", it)
	}
	if got[1].Body["id"] != id3 {
		t.Fatalf("second delivery %v, want analysis %s", got[1].Body["id"], id3)
	}
	// An attempt is recorded once the receiver has answered, after it saw the body.
	waitFor(t, "two attempts", func() bool { return len(f.srv.WebhookAttempts()) == 2 })
	att := f.srv.WebhookAttempts()
	if len(att) != 2 || !att[0].Delivered || att[0].Status != 200 {
		t.Fatalf("attempts %+v", att)
	}
}

// TestWebhookStall: with WebhookStall, one failed delivery holds the queue:
// a later analysis of another repository, whose receiver works, is not
// delivered, and fixing the failing URL does not help, until the service
// restarts (§14.6). Without it, a failure is dropped.
func TestWebhookStall(t *testing.T) {
	for _, stall := range []bool{true, false} {
		f := newFixture(t, horusectest.Options{WebhookStall: stall})
		bad, good := horusectest.StartReceiver(t, http.StatusInternalServerError, ""), horusectest.StartReceiver(t, http.StatusOK, "")
		tok, _ := f.srv.AddToken(f.ws, "", "ci", time.Time{})
		other, _ := f.srv.AddRepository(f.ws, "other", nil)
		if _, err := f.srv.AddWebhook(f.ws, f.repo, bad.URL, "", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.srv.AddWebhook(f.ws, other, good.URL, "", nil); err != nil {
			t.Fatal(err)
		}
		failed := upload(t, f.srv, tok, "fixture-repo")
		waitFor(t, "the failed delivery", func() bool { return len(bad.Deliveries()) == 1 })
		later := upload(t, f.srv, tok, "other")
		if !stall {
			waitFor(t, "the other repository's delivery", func() bool { return len(good.Deliveries()) == 1 })
			if q := f.srv.WebhookQueue(); q.Held {
				t.Fatalf("queue held without the stall option: %+v", q)
			}
			continue
		}
		waitFor(t, "the queue to hold", func() bool { q := f.srv.WebhookQueue(); return q.Held && q.Pending == 2 })
		bad.SetStatus(http.StatusOK) // "fixing" the receiver
		time.Sleep(300 * time.Millisecond)
		if n := len(good.Deliveries()); n != 0 {
			t.Fatalf("a held queue delivered %d analyses to another repository", n)
		}
		f.srv.RestartWebhookService()
		waitFor(t, "the held and queued deliveries", func() bool { return len(bad.Deliveries()) == 2 && len(good.Deliveries()) == 1 })
		if bad.Deliveries()[1].Body["id"] != failed || good.Deliveries()[0].Body["id"] != later {
			t.Fatal("after the restart the held analysis did not go again before the queued one")
		}
	}
}

// TestWebhookTimeout: a receiver slower than the limit counts as failed.
func TestWebhookTimeout(t *testing.T) {
	f := newFixture(t, horusectest.Options{WebhookTimeout: 200 * time.Millisecond})
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	t.Cleanup(func() { close(release) })
	tok, _ := f.srv.AddToken(f.ws, "", "ci", time.Time{})
	if _, err := f.srv.AddWebhook(f.ws, f.repo, slow.URL, "", nil); err != nil {
		t.Fatal(err)
	}
	upload(t, f.srv, tok, "fixture-repo")
	waitFor(t, "the attempt", func() bool { return len(f.srv.WebhookAttempts()) == 1 })
	a := f.srv.WebhookAttempts()[0]
	if a.Delivered || a.Status != 0 || !strings.Contains(a.Err, "Client.Timeout exceeded") {
		t.Fatalf("attempt %+v", a)
	}
}
