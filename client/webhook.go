package client

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/horusec-tui/horusec-tui/client/internal/uuid"
)

// This file speaks the webhook service (base /webhook): the workspace's
// webhooks, and a test delivery made from this machine.

// WebhookMethod is the only method the webhook service accepts and uses.
const WebhookMethod = http.MethodPost

// Limits of the webhook service (§14.3): longer values are refused with a
// 500 that does not say why, so they are checked here first.
const (
	WebhookURLMax         = 500
	WebhookDescriptionMax = 255
	// WebhookHeadersMax is what the web manager offers; the service itself
	// sets no limit.
	WebhookHeadersMax = 5
)

// WebhookDeliveryTimeout is how long the webhook service waits for a
// receiver (the whole exchange); a test delivery waits as long.
const WebhookDeliveryTimeout = 10 * time.Second

// WebhookHeader is one header the service sends with every delivery.
type WebhookHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Webhook is one item of a workspace's webhook list. Dates are date-only.
type Webhook struct {
	WebhookID    string          `json:"webhookID"`
	Description  string          `json:"description"`
	URL          string          `json:"url"`
	Method       string          `json:"method"`
	Headers      []WebhookHeader `json:"headers"`
	RepositoryID string          `json:"repositoryID"`
	WorkspaceID  string          `json:"workspaceID"`
	CreatedAt    time.Time       `json:"createdAt"`
	UpdatedAt    time.Time       `json:"updatedAt"`
	Repository   struct {
		RepositoryID string `json:"repositoryID"`
		Name         string `json:"name"`
	} `json:"repository"`
}

// HeaderNames lists the names of the webhook's headers (never the values:
// they often hold a receiver's secret).
func (w Webhook) HeaderNames() []string {
	out := make([]string, 0, len(w.Headers))
	for _, h := range w.Headers {
		out = append(out, h.Key)
	}
	return out
}

// ScopeWebhooks is a scope's webhooks as the commands and the screens list
// them: the workspace's (repositoryID "") or only the repository's, by
// repository name in any case, then by id.
func ScopeWebhooks(all []Webhook, repositoryID string) []Webhook {
	out := make([]Webhook, 0, len(all))
	for _, h := range all {
		if repositoryID == "" || h.RepositoryID == repositoryID {
			out = append(out, h)
		}
	}
	slices.SortStableFunc(out, func(a, b Webhook) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Repository.Name), strings.ToLower(b.Repository.Name)),
			cmp.Compare(a.WebhookID, b.WebhookID))
	})
	return out
}

// WebhookData is what a create or update sends.
type WebhookData struct {
	Description  string
	URL          string
	RepositoryID string
	// Headers: nil on an update keeps the stored headers; an empty,
	// non-nil slice clears them.
	Headers []WebhookHeader
}

type webhookBody struct {
	Description  string          `json:"description"`
	URL          string          `json:"url"`
	Method       string          `json:"method"`
	Headers      []WebhookHeader `json:"headers,omitempty"`
	RepositoryID string          `json:"repositoryID,omitempty"`
	WorkspaceID  string          `json:"workspaceID"`
}

// clearHeaders sends "headers": [] (omitempty would drop an empty slice).
type clearHeadersBody struct {
	webhookBody
	Headers []WebhookHeader `json:"headers"`
}

func (d WebhookData) body(workspaceID string) any {
	b := webhookBody{Description: d.Description, URL: d.URL, Method: WebhookMethod, Headers: d.Headers,
		RepositoryID: d.RepositoryID, WorkspaceID: workspaceID}
	if d.Headers != nil && len(d.Headers) == 0 {
		return clearHeadersBody{webhookBody: b, Headers: []WebhookHeader{}}
	}
	return b
}

// CheckWebhookURL says what is wrong with a receiver URL, before the
// platform sees it. The platform's own check is loose: it stores ftp://
// and scheme-less values that its HTTP client can never deliver to, and
// such a webhook stalls the delivery of every webhook of the platform. So
// only absolute http:// and https:// URLs with a host pass here.
func CheckWebhookURL(raw string) error {
	switch {
	case strings.TrimSpace(raw) == "":
		return errors.New("give the receiver's URL, e.g. https://ci.example.com/hooks/horusec")
	case len(raw) > WebhookURLMax:
		return fmt.Errorf("the URL is %d bytes long; the platform stores at most %d", len(raw), WebhookURLMax)
	case strings.IndexFunc(raw, unicode.IsSpace) >= 0:
		return errors.New("the URL must not contain spaces")
	}
	noScheme := errors.New("the URL must start with http:// or https://: the platform delivers only over HTTP, and a URL it cannot deliver to stops every webhook of the platform")
	lower := strings.ToLower(raw)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return noScheme
	}
	u, err := url.Parse(raw)
	if err != nil {
		return errors.New("this is not a URL: write it like https://ci.example.com/hooks/horusec")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return noScheme
	}
	if u.Hostname() == "" {
		return errors.New("the URL has no host: write it like https://ci.example.com/hooks/horusec")
	}
	return nil
}

// CheckWebhookHeaders refuses headers the platform would store but never
// send as written: more than WebhookHeadersMax, a name that is not a valid
// HTTP header name, a value with a line break, a name without a value (or
// a value without a name: the service skips such a pair silently), or a
// name given twice.
func CheckWebhookHeaders(hs []WebhookHeader) error {
	if len(hs) > WebhookHeadersMax {
		return fmt.Errorf("at most %d headers", WebhookHeadersMax)
	}
	seen := map[string]bool{}
	for i, h := range hs {
		switch {
		case h.Key == "" && h.Value == "":
			return fmt.Errorf("header %d is empty", i+1)
		case h.Key == "":
			return fmt.Errorf("header %d has a value but no name", i+1)
		case !validHeaderName(h.Key):
			return fmt.Errorf("header %d: %q is not a valid header name (letters, digits and -_.!#$%%&'*+^`|~ only)", i+1, h.Key)
		case h.Value == "":
			return fmt.Errorf("header %s has no value: the platform would skip it", h.Key)
		case strings.ContainsAny(h.Value, "\r\n\x00"):
			return fmt.Errorf("the value of header %s holds a line break", h.Key)
		}
		k := http.CanonicalHeaderKey(h.Key)
		if seen[k] {
			return fmt.Errorf("header %s is given twice", h.Key)
		}
		seen[k] = true
	}
	return nil
}

func validHeaderName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

const (
	webhooksRoute = "/webhook/webhook/{workspace ID}"
	webhookRoute  = webhooksRoute + "/{webhook ID}"
)

// Webhooks lists the webhooks stored under the workspace (workspace
// Managers only). The platform promises no order.
func (c *Client) Webhooks(ctx context.Context, workspaceID string) ([]Webhook, error) {
	return fetch[[]Webhook](ctx, c, guarded(ServiceWebhook, "list webhooks", http.MethodGet, webhooksRoute), workspaceID)
}

// CreateWebhook stores a webhook for d.RepositoryID and returns its ID. A
// repository that already has one gives KindConflict.
func (c *Client) CreateWebhook(ctx context.Context, workspaceID string, d WebhookData) (string, error) {
	const op = "create webhook"
	path, err := fill(op, webhooksRoute, workspaceID)
	if err != nil {
		return "", err
	}
	if _, err := seg(op, "repository ID", d.RepositoryID); err != nil {
		return "", err
	}
	id, err := fetch[string](ctx, c, guarded(ServiceWebhook, op, http.MethodPost, path).with(d.body(workspaceID)))
	if err == nil && id == "" {
		err = &Error{Kind: KindServer, Op: op, Message: fmt.Sprintf("the %s service sent no webhook ID", ServiceWebhook)}
	}
	return id, err
}

// UpdateWebhook writes d over the webhook. The platform keeps the stored
// description when d.Description is empty (it cannot be cleared) and the
// stored repository when d.RepositoryID is empty; see WebhookData.Headers.
// An unknown webhookID succeeds without changing anything.
func (c *Client) UpdateWebhook(ctx context.Context, workspaceID, webhookID string, d WebhookData) error {
	return c.do(ctx, guarded(ServiceWebhook, "update webhook", http.MethodPut, webhookRoute).with(d.body(workspaceID)),
		nil, workspaceID, webhookID)
}

// DeleteWebhook removes the webhook; an unknown webhookID succeeds.
func (c *Client) DeleteWebhook(ctx context.Context, workspaceID, webhookID string) error {
	return c.do(ctx, guarded(ServiceWebhook, "delete webhook", http.MethodDelete, webhookRoute), nil, workspaceID, webhookID)
}

// --- test delivery ---

// WebhookTest is what a test delivery needs: the receiver and the names
// the sample analysis carries.
type WebhookTest struct {
	URL            string
	Headers        []WebhookHeader
	WorkspaceID    string
	WorkspaceName  string
	RepositoryID   string
	RepositoryName string
}

// WebhookTestResult is the receiver's answer to a test delivery.
type WebhookTestResult struct {
	Status   int           // the HTTP status
	Answer   string        // the start of the answer's body, cleaned for a terminal
	Duration time.Duration // from sending to the end of the answer
	// Delivered is what the platform would make of the answer: any status
	// below 400 counts as delivered.
	Delivered bool
}

// WebhookTestUserAgent marks a test delivery, so that a receiver's log
// tells it from the platform's deliveries.
func WebhookTestUserAgent() string {
	return "horusec-tui/" + Version + " (webhook test, not sent by the platform)"
}

// SampleAnalysisDetails is the text of the sample finding.
const SampleAnalysisDetails = "Sample finding sent by horusec-tui to test this webhook; not a real analysis, not sent by the platform."

// SampleAnalysis is a small analysis in the shape the webhook service
// sends (the stored analysis, as GET /api/analysis/{id} returns it), with
// one LOW finding that says it is a test.
func SampleAnalysis(t WebhookTest, now time.Time) map[string]any {
	id := uuid.New()
	now = now.UTC().Truncate(time.Microsecond)
	day := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	vulnID := uuid.New()
	finding := map[string]any{
		"vulnerabilityID": vulnID, "line": "1", "column": "1", "confidence": "HIGH",
		"file": "horusec-tui-webhook-test.txt", "code": "", "details": SampleAnalysisDetails,
		"securityTool": "HorusecEngine", "language": "Leaks", "severity": "LOW", "type": "Vulnerability",
		"commitAuthor": "", "commitEmail": "", "commitHash": "", "commitMessage": "", "commitDate": "",
		"vulnHash": "horusec-tui-webhook-test",
	}
	return map[string]any{
		"id": id, "repositoryID": t.RepositoryID, "repositoryName": t.RepositoryName,
		"workspaceID": t.WorkspaceID, "workspaceName": t.WorkspaceName,
		"status": "success", "errors": "", "createdAt": now, "finishedAt": now,
		"analysisVulnerabilities": []map[string]any{{
			"vulnerabilityID": vulnID, "analysisID": id, "createdAt": day, "vulnerabilities": finding,
		}},
	}
}

// maxTestAnswer bounds how much of a receiver's answer is read.
const maxTestAnswer = 4 << 10

// TestWebhook POSTs a sample analysis (see SampleAnalysis) to t.URL from
// this machine, with t's headers and no Content-Type, as the webhook
// service would: redirects followed, TLS verified, 10 s for the whole
// exchange. It is sent by this program, not by the platform; it needs no
// session. A receiver that cannot be reached gives a KindNetwork error
// that names neither the URL's credentials nor a header value.
func (c *Client) TestWebhook(ctx context.Context, t WebhookTest) (WebhookTestResult, error) {
	const op = "test the webhook"
	var res WebhookTestResult
	if err := CheckWebhookURL(t.URL); err != nil {
		return res, &Error{Kind: KindValidation, Op: op, Message: err.Error()}
	}
	u, _ := url.Parse(t.URL)
	shown := u.Redacted()
	body, err := json.Marshal(SampleAnalysis(t, c.opts.Now()))
	if err != nil {
		return res, &Error{Kind: KindValidation, Op: op, Message: "cannot encode the sample analysis", Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, WebhookDeliveryTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, WebhookMethod, t.URL, bytes.NewReader(body))
	if err != nil {
		return res, &Error{Kind: KindValidation, Op: op, Message: "cannot build the request to " + shown}
	}
	for _, h := range t.Headers {
		if h.Key == "" || h.Value == "" {
			continue // as the service does
		}
		req.Header.Set(h.Key, h.Value)
	}
	req.Header.Set("User-Agent", WebhookTestUserAgent())
	hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
	defer hc.CloseIdleConnections()
	start := time.Now()
	resp, err := hc.Do(req)
	if err != nil {
		why := describeNetErr(err)
		if errors.Is(err, context.DeadlineExceeded) || isTimeout(err) {
			why = fmt.Sprintf("no answer within %s (the platform gives up after as long, and counts it as a failure)", WebhookDeliveryTimeout)
		}
		if errors.Is(err, context.Canceled) {
			why = "canceled"
		}
		return res, &Error{Kind: KindNetwork, Op: op, Method: WebhookMethod, URL: shown,
			Message: fmt.Sprintf("cannot deliver to %s: %s", shown, why)}
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, maxTestAnswer))
	res.Duration = time.Since(start)
	res.Status = resp.StatusCode
	res.Delivered = resp.StatusCode < 400
	res.Answer = answerLine(raw)
	return res, nil
}

// answerLine is the first line of a receiver's answer, cleaned and cut.
func answerLine(raw []byte) string {
	s := strings.TrimSpace(string(raw))
	if i := strings.IndexAny(s, "\r\n"); i >= 0 {
		s = strings.TrimSpace(s[:i]) + " …"
	}
	s = sanitize(s)
	if r := []rune(s); len(r) > 200 {
		s = string(r[:200]) + "…"
	}
	return s
}
