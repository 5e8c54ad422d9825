package client_test

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
)

func TestCheckWebhookURL(t *testing.T) {
	for _, tc := range []struct{ url, problem string }{
		{"https://ci.example.com/hooks/horusec?team=sec", ""},
		{"http://127.0.0.1:18081/h", ""},
		{"", "give the receiver's URL"},
		{"   ", "give the receiver's URL"},
		{"ftp://example.com/h", "http:// or https://"},
		{"127.0.0.1:18081/h", "http:// or https://"},
		{"example.com/h", "http:// or https://"},
		{"http:///path", "no host"},
		{"http://exa mple.com", "spaces"},
		{"https://example.com/" + strings.Repeat("a", 481), "at most 500"},
	} {
		err := client.CheckWebhookURL(tc.url)
		wantProblem(t, tc.url, err, tc.problem)
	}
}

func TestCheckWebhookHeaders(t *testing.T) {
	h := func(kv ...string) []client.WebhookHeader {
		var out []client.WebhookHeader
		for i := 0; i < len(kv); i += 2 {
			out = append(out, client.WebhookHeader{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, tc := range []struct {
		hs      []client.WebhookHeader
		problem string
	}{
		{nil, ""},
		{h("X-Token", "s3cret", "Authorization", "Bearer x"), ""},
		{h("a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6"), "at most 5"},
		{h("", "v"), "no name"},
		{h("X-Token", ""), "no value"},
		{h("X Token", "v"), "not a valid header name"},
		{h("X-Token", "a\r\nInjected: 1"), "line break"},
		{h("x-token", "1", "X-Token", "2"), "given twice"},
	} {
		err := client.CheckWebhookHeaders(tc.hs)
		wantProblem(t, tc.hs, err, tc.problem)
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("a header value in an error: %v", err)
		}
	}
}

// wantProblem checks a check's answer about what: no error when problem is
// "", else an error that names problem.
func wantProblem(t *testing.T, what any, err error, problem string) {
	t.Helper()
	switch {
	case problem == "" && err != nil:
		t.Errorf("%q refused: %v", what, err)
	case problem != "" && (err == nil || !strings.Contains(err.Error(), problem)):
		t.Errorf("%q: got %v, want %q", what, err, problem)
	}
}

// The commands and the Webhooks tab list a scope's webhooks in one order:
// by repository name in any case, then by id; a repository shows only its
// own.
func TestScopeWebhooks(t *testing.T) {
	hook := func(id, repoID, repoName string) client.Webhook {
		h := client.Webhook{WebhookID: id, RepositoryID: repoID}
		h.Repository.RepositoryID, h.Repository.Name = repoID, repoName
		return h
	}
	all := []client.Webhook{hook("w4", "r3", "web"), hook("w3", "r2", "api"), hook("w2", "r1", "Api"), hook("w1", "r4", "Billing")}
	ids := func(list []client.Webhook) string {
		var out []string
		for _, h := range list {
			out = append(out, h.WebhookID)
		}
		return strings.Join(out, " ")
	}
	if got := ids(client.ScopeWebhooks(all, "")); got != "w2 w3 w1 w4" {
		t.Errorf("workspace: %s, want w2 w3 w1 w4", got)
	}
	if got := ids(client.ScopeWebhooks(all, "r2")); got != "w3" {
		t.Errorf("repository r2: %s, want w3", got)
	}
	if got := client.ScopeWebhooks(all, "r9"); got == nil || len(got) != 0 {
		t.Errorf("a repository without a webhook: %#v, want an empty list", got)
	}
	if ids(all) != "w4 w3 w2 w1" {
		t.Error("the platform's list was reordered in place")
	}
}
