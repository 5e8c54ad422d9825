package client_test

// The webhook part of the contract suite (§14): against the demo platform,
// and against a real one when HORUSEC_IT_WEBHOOK_URL is set beside the
// HORUSEC_IT_AUTH_URL, _CORE_URL, _ANALYTIC_URL and _API_URL of the main
// suite. The deliveries go to a receiver this test starts; a real
// platform's webhook service must be able to reach it at
// HORUSEC_IT_WEBHOOK_RECEIVER_HOST (default 127.0.0.1, i.e. the platform
// runs on this machine). Against a real platform this suite never makes a
// delivery fail: one failed delivery stops every webhook of that platform
// (§14.6). That stall is shown against the demo only.

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/internal/uuid"
)

func TestWebhookContractDemoPlatform(t *testing.T) {
	runWebhookContract(t, demoTarget(t, horusectest.Options{DisableEmails: true}), "127.0.0.1")
}

func TestWebhookContractRealPlatform(t *testing.T) {
	auth, core, analytic, api, hook := os.Getenv("HORUSEC_IT_AUTH_URL"), os.Getenv("HORUSEC_IT_CORE_URL"),
		os.Getenv("HORUSEC_IT_ANALYTIC_URL"), os.Getenv("HORUSEC_IT_API_URL"), os.Getenv("HORUSEC_IT_WEBHOOK_URL")
	if auth == "" || core == "" || analytic == "" || api == "" || hook == "" {
		t.Skip("real-platform webhook contract skipped: set HORUSEC_IT_WEBHOOK_URL with HORUSEC_IT_AUTH_URL, _CORE_URL, " +
			"_ANALYTIC_URL and _API_URL (and HORUSEC_IT_WEBHOOK_RECEIVER_HOST when the platform reaches this machine by another name)")
	}
	host := os.Getenv("HORUSEC_IT_WEBHOOK_RECEIVER_HOST")
	if host == "" {
		host = "127.0.0.1"
	}
	runWebhookContract(t, target{opts: client.Options{AuthURL: auth, CoreURL: core, AnalyticURL: analytic, APIURL: api, WebhookURL: hook}}, host)
}

// hookReceiver records every request that reaches it.
type hookReceiver struct{ *horusectest.Receiver }

func startReceiver(t *testing.T, host string) hookReceiver {
	t.Helper()
	rc, err := horusectest.NewReceiverAt(host, http.StatusOK, `{"ok":true}`)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rc.Close)
	return hookReceiver{rc}
}

// waitRequest waits for a request whose body is the analysis id.
func (rc hookReceiver) waitRequest(t *testing.T, id string) horusectest.Delivery {
	t.Helper()
	d, ok := rc.Wait(15*time.Second, func(d horusectest.Delivery) bool { return d.Body["id"] == id })
	if !ok {
		t.Fatalf("analysis %s never reached the receiver (%d requests there)", id, len(rc.Deliveries()))
	}
	return d
}

func runWebhookContract(t *testing.T, tg target, receiverHost string) {
	ctx := context.Background()
	newClient := func() *client.Client { return tg.newClient(t) }
	anon := newClient()
	run := randHex(4)
	owner, mate, outsider := runAccounts("it-wh", run)
	clients := map[string]*client.Client{}
	for _, a := range []*account{&owner, &mate, &outsider} {
		acc, err := anon.Register(ctx, client.RegisterRequest{Email: a.email, Username: a.username, Password: a.password})
		if err != nil {
			t.Fatalf("register: %v", err)
		}
		a.id = acc.AccountID
		c := newClient()
		if _, err := c.Login(ctx, a.email, a.password); err != nil {
			t.Fatal(err)
		}
		clients[a.email] = c
	}
	oc, mc, xc := clients[owner.email], clients[mate.email], clients[outsider.email]

	ws := must(oc.CreateWorkspace(ctx, client.WorkspaceData{Name: "it-wh-" + run}))(t).WorkspaceID
	t.Cleanup(func() { _ = oc.DeleteWorkspace(context.Background(), ws) })
	must(oc.InviteWorkspaceMember(ctx, ws, client.Invite{Email: mate.email, Role: client.RoleMember}))(t)
	repoA := must(oc.CreateRepository(ctx, ws, client.RepositoryData{Name: "hooked"}))(t)
	repoB := must(oc.CreateRepository(ctx, ws, client.RepositoryData{Name: "plain"}))(t)
	// The member is the repository's admin: still refused (§14.1).
	must(oc.AddRepositoryMember(ctx, ws, repoA.RepositoryID, client.RepositoryMemberData{AccountID: mate.id, Email: mate.email, Role: client.RoleAdmin}))(t)
	token := must(oc.CreateWorkspaceToken(ctx, ws, client.TokenData{Description: "it"}))(t)
	defer token.Wipe()

	t.Run("health", func(t *testing.T) {
		if err := anon.Health(ctx, client.ServiceWebhook); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("role checks", func(t *testing.T) {
		l := must(oc.Webhooks(ctx, ws))(t)
		if l == nil || len(l) != 0 {
			t.Fatalf("a new workspace's webhooks: %#v, want an empty list", l)
		}
		_, err := mc.Webhooks(ctx, ws)
		wantKind(t, err, client.KindForbidden, "{HORUSEC_MIDDLEWARE} you do not have enough privileges")
		_, err = mc.CreateWebhook(ctx, ws, client.WebhookData{URL: "http://127.0.0.1:1/h", RepositoryID: repoA.RepositoryID})
		wantKind(t, err, client.KindForbidden, "")
		_, err = xc.Webhooks(ctx, ws)
		wantKind(t, err, client.KindNoAccess, "")
	})

	rc := startReceiver(t, receiverHost)
	var hookID string
	t.Run("create", func(t *testing.T) {
		_, err := oc.CreateWebhook(ctx, ws, client.WebhookData{RepositoryID: repoA.RepositoryID})
		wantKind(t, err, client.KindValidation, "url: cannot be blank.")
		_, err = oc.CreateWebhook(ctx, ws, client.WebhookData{URL: "not a url", RepositoryID: repoA.RepositoryID})
		wantKind(t, err, client.KindValidation, "url: must be a valid URL.")
		_, err = oc.CreateWebhook(ctx, ws, client.WebhookData{URL: rc.URL, RepositoryID: uuid.New()})
		wantKind(t, err, client.KindNoAccess, "") // an unknown repository: the generic 500
		_, err = oc.CreateWebhook(ctx, ws, client.WebhookData{URL: rc.URL, RepositoryID: repoA.RepositoryID, Description: strings.Repeat("d", 256)})
		wantKind(t, err, client.KindNoAccess, "") // too long: the generic 500, hence the client's own check

		hookID = must(oc.CreateWebhook(ctx, ws, client.WebhookData{URL: rc.URL + "/hooks/horusec?team=sec", RepositoryID: repoA.RepositoryID,
			Description: "it gate", Headers: []client.WebhookHeader{{Key: "X-Token", Value: "s3cret-" + run}, {Key: "X-Team", Value: "sec"}}}))(t)
		if len(hookID) != 36 {
			t.Fatalf("webhook id %q", hookID)
		}
		_, err = oc.CreateWebhook(ctx, ws, client.WebhookData{URL: rc.URL, RepositoryID: repoA.RepositoryID})
		wantKind(t, err, client.KindConflict, "{HORUSEC} webhook already exists to repository selected")

		l := must(oc.Webhooks(ctx, ws))(t)
		if len(l) != 1 {
			t.Fatalf("list %+v", l)
		}
		h := l[0]
		if h.WebhookID != hookID || h.Method != "POST" || h.Description != "it gate" || h.URL != rc.URL+"/hooks/horusec?team=sec" ||
			h.RepositoryID != repoA.RepositoryID || h.WorkspaceID != ws || h.Repository.Name != "hooked" ||
			!slices.Equal(h.HeaderNames(), []string{"X-Token", "X-Team"}) || !isDateOnly(h.CreatedAt) || h.CreatedAt.IsZero() || !isDateOnly(h.UpdatedAt) {
			t.Fatalf("webhook read back %+v", h)
		}
	})
	if hookID == "" {
		t.FailNow()
	}

	t.Run("loose URL check", func(t *testing.T) {
		// Stored although the service can never deliver to them; no
		// analysis of this repository is uploaded while they exist.
		for _, u := range []string{"ftp://example.com/h", "127.0.0.1:18081/h"} {
			id := must(oc.CreateWebhook(ctx, ws, client.WebhookData{URL: u, RepositoryID: repoB.RepositoryID}))(t)
			if err := oc.DeleteWebhook(ctx, ws, id); err != nil {
				t.Fatal(err)
			}
			if client.CheckWebhookURL(u) == nil {
				t.Errorf("the client's own check accepts %q", u)
			}
		}
	})

	t.Run("delivery", func(t *testing.T) {
		id := must(anon.UploadAnalysis(ctx, token.Bytes(), "hooked", client.AnalysisUpload{Findings: []client.Finding{
			{Severity: "HIGH", Language: "Go", File: "main.go", Line: "3"},
		}}))(t)
		got := rc.waitRequest(t, id)
		if got.Header.Get("X-Token") != "s3cret-"+run || got.Header.Get("X-Team") != "sec" || got.Header.Get("Content-Type") != "" {
			t.Errorf("headers at the receiver: %v", got.Header)
		}
		if got.Path != "/hooks/horusec?team=sec" {
			t.Errorf("path %q, want the stored URL's path and query", got.Path)
		}
		b := got.Body
		if b["repositoryID"] != repoA.RepositoryID || b["repositoryName"] != "hooked" || b["workspaceID"] != ws || b["workspaceName"] != "it-wh-"+run {
			t.Errorf("body %v", b)
		}
		if items, _ := b["analysisVulnerabilities"].([]any); len(items) != 1 {
			t.Errorf("findings %v", b["analysisVulnerabilities"])
		}
		// An analysis of a repository without a webhook is not sent.
		before := len(rc.Deliveries())
		plain := must(anon.UploadAnalysis(ctx, token.Bytes(), "plain", client.AnalysisUpload{}))(t)
		next := must(anon.UploadAnalysis(ctx, token.Bytes(), "hooked", client.AnalysisUpload{}))(t)
		rc.waitRequest(t, next)
		for _, r := range rc.Deliveries()[before:] {
			if r.Body["id"] == plain {
				t.Error("the analysis of a repository without a webhook was delivered")
			}
		}
	})

	t.Run("update", func(t *testing.T) {
		// An empty description keeps the old one; nil headers keep them.
		if err := oc.UpdateWebhook(ctx, ws, hookID, client.WebhookData{URL: rc.URL + "/v2"}); err != nil {
			t.Fatal(err)
		}
		h := must(oc.Webhooks(ctx, ws))(t)[0]
		if h.URL != rc.URL+"/v2" || h.Description != "it gate" || len(h.Headers) != 2 || h.RepositoryID != repoA.RepositoryID {
			t.Fatalf("after an update of the URL only: %+v", h)
		}
		if err := oc.UpdateWebhook(ctx, ws, hookID, client.WebhookData{URL: rc.URL + "/v2", Headers: []client.WebhookHeader{}}); err != nil {
			t.Fatal(err)
		}
		if h = must(oc.Webhooks(ctx, ws))(t)[0]; len(h.Headers) != 0 {
			t.Fatalf("empty headers did not clear them: %+v", h.Headers)
		}
		// An unknown webhook: 204 and nothing changes.
		if err := oc.UpdateWebhook(ctx, ws, uuid.New(), client.WebhookData{URL: rc.URL}); err != nil {
			t.Fatal(err)
		}
		err := oc.UpdateWebhook(ctx, ws, "abc", client.WebhookData{URL: rc.URL})
		wantKind(t, err, client.KindValidation, "{HORUSEC} webhookID is not valid uuid")
		id := must(anon.UploadAnalysis(ctx, token.Bytes(), "hooked", client.AnalysisUpload{}))(t)
		if got := rc.waitRequest(t, id); got.Path != "/v2" || got.Header.Get("X-Token") != "" {
			t.Fatalf("after the update the delivery went to %q with X-Token %q", got.Path, got.Header.Get("X-Token"))
		}
	})

	t.Run("test delivery from this machine", func(t *testing.T) {
		res, err := oc.TestWebhook(ctx, client.WebhookTest{URL: rc.URL + "/t", Headers: []client.WebhookHeader{{Key: "X-Token", Value: "t0k"}},
			WorkspaceID: ws, WorkspaceName: "it-wh-" + run, RepositoryID: repoA.RepositoryID, RepositoryName: "hooked"})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != 200 || !res.Delivered || res.Answer != `{"ok":true}` || res.Duration <= 0 {
			t.Fatalf("result %+v", res)
		}
		var got horusectest.Delivery
		for _, r := range rc.Deliveries() {
			if r.Path == "/t" {
				got = r
			}
		}
		if got.Header.Get("X-Token") != "t0k" || got.Header.Get("Content-Type") != "" || !strings.HasPrefix(got.Header.Get("User-Agent"), "horusec-tui/") {
			t.Fatalf("test delivery headers %v", got.Header)
		}
		if got.Body["repositoryName"] != "hooked" || got.Body["workspaceID"] != ws {
			t.Fatalf("test delivery body %v", got.Body)
		}
		items, _ := got.Body["analysisVulnerabilities"].([]any)
		if len(items) != 1 || !strings.Contains(fmt.Sprint(items[0]), "horusec-tui") {
			t.Fatalf("sample findings %v", items)
		}
	})

	t.Run("delete", func(t *testing.T) {
		if err := oc.DeleteWebhook(ctx, ws, hookID); err != nil {
			t.Fatal(err)
		}
		if err := oc.DeleteWebhook(ctx, ws, hookID); err != nil {
			t.Fatalf("deleting again: %v (the platform answers 204)", err)
		}
		err := oc.DeleteWebhook(ctx, ws, "abc")
		wantKind(t, err, client.KindValidation, "{HORUSEC} webhookID is not valid uuid")
		if l := must(oc.Webhooks(ctx, ws))(t); len(l) != 0 {
			t.Fatalf("after delete %+v", l)
		}
		// Deleting the repository deletes its webhook.
		id := must(oc.CreateWebhook(ctx, ws, client.WebhookData{URL: rc.URL, RepositoryID: repoB.RepositoryID}))(t)
		if err := oc.DeleteRepository(ctx, ws, repoB.RepositoryID); err != nil {
			t.Fatal(err)
		}
		if l := must(oc.Webhooks(ctx, ws))(t); slices.ContainsFunc(l, func(h client.Webhook) bool { return h.WebhookID == id }) {
			t.Fatal("the webhook of a deleted repository is still listed")
		}
	})
}

// TestWebhookTestDelivery covers the answers a test delivery reports.
func TestWebhookTestDelivery(t *testing.T) {
	ctx := context.Background()
	c, err := client.New(client.Options{AuthURL: "http://127.0.0.1:1", CoreURL: "http://127.0.0.1:1", AnalyticURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	rc := startReceiver(t, "127.0.0.1")
	rc.SetStatus(http.StatusInternalServerError)
	res, err := c.TestWebhook(ctx, client.WebhookTest{URL: rc.URL})
	if err != nil || res.Status != 500 || res.Delivered {
		t.Fatalf("a 500: %+v, %v", res, err)
	}
	_, err = c.TestWebhook(ctx, client.WebhookTest{URL: "ftp://example.com/h"})
	wantKind(t, err, client.KindValidation, "http:// or https://")

	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := "http://user:hunter2@" + ln.Addr().String() + "/h"
	ln.Close()
	_, err = c.TestWebhook(ctx, client.WebhookTest{URL: closed, Headers: []client.WebhookHeader{{Key: "X-Token", Value: "s3cret"}}})
	wantKind(t, err, client.KindNetwork, "connection refused")
	if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("the error shows a secret: %v", err)
	}
}
