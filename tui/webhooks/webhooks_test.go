package webhooks_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/webhooks"
)

type fixture struct {
	srv    *horusectest.Server
	cl     *client.Client
	ws     client.Workspace
	tab    *webhooks.Model
	status string
}

func setUp(t *testing.T, repo string) *fixture {
	t.Helper()
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	f := &fixture{srv: srv, cl: cl, ws: tuitest.Workspace(t, cl, "Acme Platform")}
	scope := common.Scope{Workspace: f.ws}
	if repo != "" {
		rs, err := cl.Repositories(context.Background(), f.ws.WorkspaceID, client.RepositoryQuery{Page: 1, Search: repo})
		if err != nil || len(rs) != 1 {
			t.Fatalf("repository %s: %v %v", repo, rs, err)
		}
		scope.Repository = &rs[0]
	}
	f.tab = webhooks.NewTab(tuitest.Common(cl, nil), scope)
	f.tab.SetSize(100, 40)
	f.run(f.tab.Init())
	return f
}

// run settles cmd, keeping the last status message.
func (f *fixture) run(cmd tea.Cmd) {
	for _, msg := range tuitest.Answer(f.tab, cmd) {
		if s, ok := msg.(common.StatusMsg); ok {
			f.status = s.Text
		}
	}
}

// requestKeys are the keys whose commands ask the platform (or the
// receiver) something; the commands of other keys only blink the cursor,
// after a pause, and are dropped.
var requestKeys = map[string]bool{"ctrl+s": true, "y": true, "r": true, "t": true, "n": true}

func (f *fixture) keys(ks ...string) {
	for _, k := range ks {
		cmd := f.tab.Update(tuitest.Key(k))
		if requestKeys[k] {
			f.run(cmd)
		}
	}
}

func (f *fixture) typ(s string) {
	for _, r := range s {
		f.tab.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (f *fixture) screen() string { return string(tuitest.Screen(f.tab)) }

func (f *fixture) hooks(t *testing.T) []client.Webhook {
	t.Helper()
	l, err := f.cl.Webhooks(context.Background(), f.ws.WorkspaceID)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func (f *fixture) repoID(t *testing.T, name string) string {
	t.Helper()
	id, ok := f.srv.RepositoryID(f.ws.WorkspaceID, name)
	if !ok {
		t.Fatalf("no repository %s", name)
	}
	return id
}

// TestCreateWarnsOnceAndSavesHeaders fills the form as a person would and
// checks what reaches the platform.
func TestCreateWarnsOnceAndSavesHeaders(t *testing.T) {
	f := setUp(t, "")
	rc := horusectest.StartReceiver(t, http.StatusOK, "thanks")
	if !strings.Contains(f.screen(), "No webhooks yet") || f.tab.Title() != "Webhooks (0)" {
		t.Fatalf("empty tab:\n%s", f.screen())
	}
	f.keys("n")
	if s := f.screen(); !strings.Contains(s, "Method: POST") || !strings.Contains(s, "‹ accounts-service ›") {
		t.Fatalf("form:\n%s", s)
	}
	f.typ("security bot")
	f.keys("tab")
	f.typ("pp") // jumps to the first repository starting with p, then the next
	if s := f.screen(); !strings.Contains(s, "‹ payments-api ›") {
		t.Fatalf("typing p did not pick payments-api:\n%s", s)
	}
	f.keys("tab")
	f.typ("ftp://" + strings.TrimPrefix(rc.URL, "http://"))
	f.keys("tab")
	f.typ("X-Api-Key")
	f.keys("tab")
	f.typ("s3cret-value")
	if s := f.screen(); strings.Contains(s, "s3cret") || !strings.Contains(s, "••••••••••••") {
		t.Fatalf("the header value is not masked while typed:\n%s", s)
	}
	f.keys("ctrl+s")
	if s := f.screen(); !strings.Contains(s, "must start with http:// or https://") {
		t.Fatalf("an ftp URL was not refused:\n%s", s)
	}
	if n := f.srv.Requests("POST", "/webhook/"); n != 0 {
		t.Fatalf("%d requests sent despite a bad URL", n)
	}
	// The refused field has the focus: erase it and type the right URL.
	for range len(rc.URL) + 3 {
		f.keys("backspace")
	}
	f.typ(rc.URL + "/hook")
	f.keys("ctrl+s")
	if s := f.screen(); !strings.Contains(s, "A failing receiver stops every webhook") {
		t.Fatalf("no stall warning before saving:\n%s", s)
	}
	f.keys("y")
	hs := f.hooks(t)
	if len(hs) != 1 || hs[0].URL != rc.URL+"/hook" || hs[0].Description != "security bot" || hs[0].RepositoryID != f.repoID(t, "payments-api") ||
		len(hs[0].Headers) != 1 || hs[0].Headers[0] != (client.WebhookHeader{Key: "X-Api-Key", Value: "s3cret-value"}) {
		t.Fatalf("on the platform: %+v", hs)
	}
	s := f.screen()
	if !strings.Contains(s, "payments-api") || !strings.Contains(s, "X-Api-Key") || strings.Contains(s, "s3cret") || f.tab.Title() != "Webhooks (1)" {
		t.Fatalf("list after create:\n%s", s)
	}
	if !strings.Contains(f.status, "Created the webhook") {
		t.Fatalf("status %q", f.status)
	}

	// The next analysis uploaded with a token reaches the receiver with the header.
	tok, err := f.srv.AddToken(f.ws.WorkspaceID, "", "ci", timeZero)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.cl.UploadAnalysis(context.Background(), []byte(tok), "payments-api", client.AnalysisUpload{}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { return len(rc.Deliveries()) == 1 })
	if d := rc.Deliveries()[0]; d.Header.Get("X-Api-Key") != "s3cret-value" {
		t.Fatalf("delivery headers %v", d.Header)
	}

	// An edit of the URL saves without a second warning.
	f.keys("e", "tab", "tab")
	f.typ("/v2")
	f.keys("ctrl+s")
	if s := f.screen(); strings.Contains(s, "A failing receiver") {
		t.Fatalf("warned twice:\n%s", s)
	}
	if hs := f.hooks(t); len(hs) != 1 || hs[0].URL != rc.URL+"/hook/v2" || len(hs[0].Headers) != 1 || hs[0].Headers[0].Value != "s3cret-value" {
		t.Fatalf("after edit: %+v", hs)
	}
}

// TestRepositoryWithAWebhookIsMarkedAndRefused: the picker marks it, and
// choosing it is refused before anything is sent; a 409 from the platform
// (a webhook created meanwhile) keeps the form.
func TestRepositoryWithAWebhookIsMarkedAndRefused(t *testing.T) {
	f := setUp(t, "")
	if _, err := f.srv.AddWebhook(f.ws.WorkspaceID, f.repoID(t, "accounts-service"), "https://a.example.com/h", "", nil); err != nil {
		t.Fatal(err)
	}
	f.keys("r")
	f.keys("n", "tab")
	// The first free repository is offered, not accounts-service.
	if s := f.screen(); strings.Contains(s, "‹ accounts-service ›") {
		t.Fatalf("a repository with a webhook was offered first:\n%s", s)
	}
	f.keys("left")
	if s := f.screen(); !strings.Contains(s, "‹ accounts-service ›  has a webhook") {
		t.Fatalf("not marked:\n%s", s)
	}
	f.keys("tab")
	f.typ("https://b.example.com/h")
	f.keys("ctrl+s")
	if s := f.screen(); !strings.Contains(s, "already has a webhook (to https://a.example.com/h)") {
		t.Fatalf("not refused:\n%s", s)
	}
	if n := f.srv.Requests("POST", "/webhook/"); n != 0 {
		t.Fatal("sent anyway")
	}
	// Another repository; meanwhile someone else gives it a webhook.
	f.keys("right") // the refused field, the repository, has the focus
	if s := f.screen(); !strings.Contains(s, "‹ api-gateway-config ›") {
		t.Fatalf("right did not move to the next repository:\n%s", s)
	}
	if _, err := f.srv.AddWebhook(f.ws.WorkspaceID, f.repoID(t, "api-gateway-config"), "https://c.example.com/h", "", nil); err != nil {
		t.Fatal(err)
	}
	f.keys("ctrl+s", "y")
	s := f.screen()
	if !strings.Contains(s, "It already exists a webhook to the repository selected") || !strings.Contains(s, "https://b.example.com/h") {
		t.Fatalf("the 409 is not shown on the kept form:\n%s", s)
	}
}

func TestCopyDeleteFilterAndTest(t *testing.T) {
	f := setUp(t, "")
	rc := horusectest.StartReceiver(t, http.StatusAccepted, "thanks")
	if _, err := f.srv.AddWebhook(f.ws.WorkspaceID, f.repoID(t, "payments-api"), rc.URL+"/p", "security bot", map[string]string{"X-Token": "t0k"}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.srv.AddWebhook(f.ws.WorkspaceID, f.repoID(t, "checkout-web"), "https://chat.example.com/hook", "chat", nil); err != nil {
		t.Fatal(err)
	}
	f.keys("r")

	// / filters by URL, description, repository or header name.
	f.keys("/")
	f.typ("security")
	f.keys("enter")
	if s := f.screen(); !strings.Contains(s, "payments-api") || strings.Contains(s, "checkout-web") {
		t.Fatalf("filter by description:\n%s", s)
	}
	f.keys("esc", "/")
	f.typ("chat.example")
	f.keys("enter")
	if s := f.screen(); strings.Contains(s, "payments-api") || !strings.Contains(s, "checkout-web") {
		t.Fatalf("filter by URL:\n%s", s)
	}
	f.keys("esc", "/")
	f.typ("x-token")
	f.keys("enter")
	if s := f.screen(); !strings.Contains(s, "payments-api") || strings.Contains(s, "checkout-web") {
		t.Fatalf("filter by a header's name:\n%s", s)
	}
	f.keys("esc")

	// t: a test delivery from this machine, with the headers.
	f.keys("j") // payments-api (checkout-web is first by name)
	f.keys("t")
	s := f.screen()
	if !strings.Contains(s, "HTTP 202 Accepted") || !strings.Contains(s, "not the platform") || !strings.Contains(s, "Answer: thanks") {
		t.Fatalf("test result:\n%s", s)
	}
	if d := rc.Deliveries(); len(d) != 1 || d[0].Header.Get("X-Token") != "t0k" || !strings.HasPrefix(d[0].Header.Get("User-Agent"), "horusec-tui/") {
		t.Fatalf("the receiver got %v", d)
	}
	f.keys("esc")

	// c: a new webhook filled from this one, for another repository.
	f.keys("c")
	s = f.screen()
	if !strings.Contains(s, "a copy of the one of payments-api") || !strings.Contains(s, "security bot") || strings.Contains(s, "‹ payments-api ›") {
		t.Fatalf("copy form:\n%s", s)
	}
	f.keys("ctrl+s", "y")
	hs := f.hooks(t)
	if len(hs) != 3 {
		t.Fatalf("after copy: %+v", hs)
	}
	for _, h := range hs {
		if h.URL == rc.URL+"/p" && h.RepositoryID != f.repoID(t, "payments-api") && (len(h.Headers) != 1 || h.Headers[0].Value != "t0k") {
			t.Fatalf("the copy lost its headers: %+v", h)
		}
	}

	// d: the confirmation names the URL. The copy went to the first free
	// repository, accounts-service, so checkout-web is second.
	f.keys("g", "j", "d")
	if s := f.screen(); !strings.Contains(s, "Delete this webhook?") || !strings.Contains(s, "https://chat.example.com/hook") {
		t.Fatalf("delete prompt:\n%s", s)
	}
	f.keys("y")
	if hs := f.hooks(t); len(hs) != 2 {
		t.Fatalf("after delete: %+v", hs)
	}
	if !strings.Contains(f.status, "Deleted the webhook of checkout-web") {
		t.Fatalf("status %q", f.status)
	}
}

// TestRepositoryScope: a repository's tab shows only its webhook and its
// form has no repository picker.
func TestRepositoryScope(t *testing.T) {
	f := setUp(t, "payments-api")
	if _, err := f.srv.AddWebhook(f.ws.WorkspaceID, f.repoID(t, "checkout-web"), "https://other.example.com/h", "", nil); err != nil {
		t.Fatal(err)
	}
	f.keys("r")
	if s := f.screen(); strings.Contains(s, "other.example.com") || !strings.Contains(s, "This repository has no webhook") {
		t.Fatalf("another repository's webhook shown:\n%s", s)
	}
	f.keys("n")
	if s := f.screen(); strings.Contains(s, "Repository") || !strings.Contains(s, "New webhook for the repository Acme Platform / payments-api") {
		t.Fatalf("repository form:\n%s", s)
	}
	f.typ("bot")
	f.keys("tab")
	f.typ("https://bot.example.com/h")
	f.keys("ctrl+s", "y")
	hs := f.hooks(t)
	if len(hs) != 2 {
		t.Fatalf("hooks %+v", hs)
	}
	f.keys("n")
	if !strings.Contains(f.status, "already has a webhook") {
		t.Fatalf("a second webhook offered: %q", f.status)
	}
}

var timeZero time.Time

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out")
		}
		time.Sleep(10 * time.Millisecond)
	}
}
