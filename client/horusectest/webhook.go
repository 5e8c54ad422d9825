package horusectest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The webhook service (§14): a workspace's webhooks, one per repository,
// their routes and the platform's checks of a webhook (delivery is in
// webhookdelivery.go).

const (
	msgWebhookDuplicate = "{HORUSEC} webhook already exists to repository selected"
	msgWebhookBadID     = "{HORUSEC} webhookID is not valid uuid"
	webhookBase         = "/webhook/webhook/{workspaceID}"
	// DefaultWebhookTimeout is the service's time limit for one delivery.
	DefaultWebhookTimeout = 10 * time.Second
)

type webhookHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type webhook struct {
	id           string
	description  string
	url          string
	headers      []webhookHeader // nil: stored without headers (read back as null)
	repositoryID string
	workspaceID  string
	createdAt    time.Time
	updatedAt    time.Time
}

// webhookStore is the service's table; guarded by Server.mu.
type webhookStore struct {
	byID   map[string]*webhook
	byRepo map[string]*webhook // the table's unique key
}

func (st *state) hooks() *webhookStore {
	if st.webhooks == nil {
		st.webhooks = &webhookStore{byID: map[string]*webhook{}, byRepo: map[string]*webhook{}}
	}
	return st.webhooks
}

func (ws *webhookStore) remove(h *webhook) {
	delete(ws.byID, h.id)
	if ws.byRepo[h.repositoryID] == h {
		delete(ws.byRepo, h.repositoryID)
	}
}

// dropWebhooksOf removes the webhooks of a deleted repository, or stored
// under a deleted workspace (the table's cascades).
func (st *state) dropWebhooksOf(repositoryID, workspaceID string) {
	if st.webhooks == nil {
		return
	}
	for _, h := range st.webhooks.byID {
		if (repositoryID != "" && h.repositoryID == repositoryID) || (workspaceID != "" && h.workspaceID == workspaceID) {
			st.webhooks.remove(h)
		}
	}
}

func (s *Server) webhookRoutes(rt *router) {
	rt.handle("GET", webhookBase, s.guard(isWorkspaceAdmin, s.listWebhooks))
	rt.handle("GET", webhookBase+"/", s.guard(isWorkspaceAdmin, s.listWebhooks)) // a trailing slash works
	rt.handle("POST", webhookBase, s.guard(isWorkspaceAdmin, s.createWebhook))
	// No GET of one webhook: chi answers 405.
	rt.handle("PUT", webhookBase+"/{webhookID}", s.guard(isWorkspaceAdmin, s.updateWebhook))
	rt.handle("DELETE", webhookBase+"/{webhookID}", s.guard(isWorkspaceAdmin, s.deleteWebhook))
}

type webhookJSON struct {
	WebhookID    string          `json:"webhookID"`
	Description  string          `json:"description"`
	URL          string          `json:"url"`
	Method       string          `json:"method"`
	Headers      []webhookHeader `json:"headers"`
	RepositoryID string          `json:"repositoryID"`
	WorkspaceID  string          `json:"workspaceID"`
	CreatedAt    time.Time       `json:"createdAt"`
	UpdatedAt    time.Time       `json:"updatedAt"`
	Repository   struct {
		RepositoryID string `json:"repositoryID"`
		Name         string `json:"name"`
	} `json:"repository"`
}

func (s *Server) listWebhooks(q *req) {
	wsID, _ := parseUUID(q.p["workspaceID"])
	out := []webhookJSON{}
	for _, h := range s.st.hooks().byID {
		if h.workspaceID != wsID {
			continue
		}
		j := webhookJSON{WebhookID: h.id, Description: h.description, URL: h.url, Method: http.MethodPost,
			Headers: h.headers, RepositoryID: h.repositoryID, WorkspaceID: h.workspaceID,
			CreatedAt: dateOnly(h.createdAt), UpdatedAt: dateOnly(h.updatedAt)}
		if repo := s.st.repos[h.repositoryID]; repo != nil {
			j.Repository.RepositoryID, j.Repository.Name = repo.id, repo.name
		}
		out = append(out, j)
	}
	// The platform promises no order; the demo sorts by repository name.
	sort.Slice(out, func(i, j int) bool {
		a, b := strings.ToLower(out[i].Repository.Name), strings.ToLower(out[j].Repository.Name)
		if a != b {
			return a < b
		}
		return out[i].WebhookID < out[j].WebhookID
	})
	q.answer(http.StatusOK, out)
}

// webhookInput is a create or update body as the service reads it.
type webhookInput struct {
	description  string
	url          string
	method       string
	headers      []webhookHeader
	headersSent  bool // "headers" present and not null
	repositoryID string
	workspaceID  string
}

// readWebhookBody parses a body the way the service's Go types do. abort
// is true for a JSON null, which makes the service drop the connection.
func readWebhookBody(raw []byte) (in webhookInput, msg string, abort bool) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return in, "", true
	}
	var body struct {
		Description  string          `json:"description"`
		URL          string          `json:"url"`
		Method       string          `json:"method"`
		Headers      json.RawMessage `json:"headers"`
		RepositoryID json.RawMessage `json:"repositoryID"`
		WorkspaceID  json.RawMessage `json:"workspaceID"`
	}
	if m, ok := decodeBytes(raw, &body, "webhook.Webhook"); !ok {
		return in, m, false
	}
	in.description, in.url, in.method = body.Description, body.URL, body.Method
	if len(body.Headers) > 0 && !bytes.Equal(body.Headers, []byte("null")) {
		var hs []webhookHeader
		if err := json.Unmarshal(body.Headers, &hs); err != nil {
			return in, fmt.Sprintf("json: cannot unmarshal %s into Go struct field Webhook.headers of type webhook.HeaderType", jsonKind(body.Headers)), false
		}
		if hs == nil {
			hs = []webhookHeader{}
		}
		in.headers, in.headersSent = hs, true
	}
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		dst  *string
	}{{"repositoryID", body.RepositoryID, &in.repositoryID}, {"workspaceID", body.WorkspaceID, &in.workspaceID}} {
		if len(f.raw) == 0 || bytes.Equal(f.raw, []byte("null")) {
			continue
		}
		var str string
		if json.Unmarshal(f.raw, &str) != nil {
			return in, fmt.Sprintf("json: cannot unmarshal %s into Go struct field Webhook.%s of type uuid.UUID", jsonKind(f.raw), f.name), false
		}
		id, bad := parseUUID(str)
		if bad != "" {
			return in, bad, false
		}
		if id != zeroUUID {
			*f.dst = id
		}
	}
	v := verrs{}
	if v.required("url", in.url) && !looseURL(in.url) {
		v.add("url", "must be a valid URL")
	}
	if v.required("method", in.method) && in.method != http.MethodPost {
		v.add("method", "must be a valid value")
	}
	if len(v) > 0 {
		return in, v.String(), false
	}
	return in, "", false
}

const zeroUUID = "00000000-0000-0000-0000-000000000000"

func jsonKind(raw json.RawMessage) string {
	switch t := bytes.TrimSpace(raw); {
	case len(t) == 0:
		return "value"
	case t[0] == '{':
		return "object"
	case t[0] == '[':
		return "array"
	case t[0] == '"':
		return "string"
	case t[0] == 't' || t[0] == 'f':
		return "bool"
	default:
		return "number"
	}
}

// urlHostRE is the host part govalidator's URL pattern accepts: an IPv4
// address, a bracketed IPv6 address, or dotted names.
var urlHostRE = regexp.MustCompile(`^([a-zA-Z0-9\x{00a1}-\x{ffff}_]([a-zA-Z0-9\x{00a1}-\x{ffff}_-]*[a-zA-Z0-9\x{00a1}-\x{ffff}_])?)(\.[a-zA-Z0-9\x{00a1}-\x{ffff}_]([a-zA-Z0-9\x{00a1}-\x{ffff}_-]*[a-zA-Z0-9\x{00a1}-\x{ffff}_])?)*\.?$|^\[[0-9a-fA-F:.]+\]$`)

// looseURL is ozzo's is.URL (govalidator.IsURL): http, https, ftp and a
// few other schemes, or none at all when the value names a host with a
// port or a dot. It is the check the service applies, which accepts URLs
// the service can never deliver to.
func looseURL(s string) bool {
	if s == "" || utf8.RuneCountInString(s) >= 2083 || len(s) <= 3 || strings.HasPrefix(s, ".") {
		return false
	}
	if strings.IndexFunc(s, unicode.IsSpace) >= 0 {
		return false
	}
	tmp := s
	if strings.Contains(s, ":") && !strings.Contains(s, "://") {
		tmp = "http://" + s
	}
	u, err := url.Parse(tmp)
	if err != nil || strings.HasPrefix(u.Host, ".") {
		return false
	}
	if u.Host == "" && (u.Path != "" && !strings.Contains(u.Path, ".")) {
		return false
	}
	host := u.Hostname()
	if u.Scheme == "" {
		// "example.com/x": the host is the path's first segment.
		host, _, _ = strings.Cut(u.Path, "/")
	} else {
		switch strings.ToLower(u.Scheme) {
		case "http", "https", "ftp", "tcp", "udp", "ws", "wss":
		default:
			return false
		}
	}
	if strings.HasPrefix(u.Host, "[") {
		host = "[" + host + "]"
	}
	return host != "" && urlHostRE.MatchString(host)
}

func (s *Server) createWebhook(q *req) {
	in, ok := readWebhook(q)
	if !ok {
		return
	}
	hs := s.st.hooks()
	if s.st.workspaces[in.workspaceID] == nil || s.st.repos[in.repositoryID] == nil {
		q.fail()
		return
	}
	if hs.byRepo[in.repositoryID] != nil {
		q.refuse(http.StatusConflict, msgWebhookDuplicate)
		return
	}
	now := s.now()
	h := &webhook{id: NewUUID(), description: in.description, url: in.url, headers: in.headers,
		repositoryID: in.repositoryID, workspaceID: in.workspaceID, createdAt: now, updatedAt: now}
	hs.byID[h.id] = h
	hs.byRepo[h.repositoryID] = h
	q.answer(http.StatusOK, h.id)
}

// readWebhook reads a create or update body: a JSON null drops the
// connection, as the service's panic does; a malformed body is a 400 and
// what the table's columns refuse a 500.
func readWebhook(q *req) (webhookInput, bool) {
	in, msg, abort := readWebhookBody(q.raw)
	if abort {
		panic(http.ErrAbortHandler) // the service closes the connection without an answer
	}
	if msg != "" {
		q.refuse(http.StatusBadRequest, msg)
		return in, false
	}
	if utf8.RuneCountInString(in.url) > 500 || utf8.RuneCountInString(in.description) > 255 {
		q.fail()
		return in, false
	}
	return in, true
}

// webhookID is the route's webhook id, answered with 400 when it is not a
// UUID or is the zero UUID.
func webhookID(q *req) (string, bool) {
	id, bad := parseUUID(q.p["webhookID"])
	if bad != "" || id == zeroUUID {
		q.refuse(http.StatusBadRequest, msgWebhookBadID)
		return "", false
	}
	return id, true
}

func (s *Server) updateWebhook(q *req) {
	id, ok := webhookID(q)
	if !ok {
		return
	}
	in, ok := readWebhook(q)
	if !ok {
		return
	}
	hs := s.st.hooks()
	h := hs.byID[id]
	if h == nil {
		q.noContent() // nothing matched: nothing changes
		return
	}
	// Only the non-empty fields are written.
	if in.workspaceID != "" && s.st.workspaces[in.workspaceID] == nil {
		q.fail()
		return
	}
	if in.repositoryID != "" && in.repositoryID != h.repositoryID {
		if s.st.repos[in.repositoryID] == nil || hs.byRepo[in.repositoryID] != nil {
			q.fail()
			return
		}
		delete(hs.byRepo, h.repositoryID)
		h.repositoryID = in.repositoryID
		hs.byRepo[h.repositoryID] = h
	}
	if in.workspaceID != "" {
		h.workspaceID = in.workspaceID
	}
	if in.description != "" {
		h.description = in.description
	}
	h.url = in.url
	if in.headersSent {
		h.headers = in.headers
	}
	h.updatedAt = s.now()
	q.noContent()
}

func (s *Server) deleteWebhook(q *req) {
	id, ok := webhookID(q)
	if !ok {
		return
	}
	if h := s.st.hooks().byID[id]; h != nil {
		s.st.hooks().remove(h)
	}
	q.noContent()
}

// AddWebhook stores a webhook for a repository (test helper); headers are
// "Key: value" pairs.
func (s *Server) AddWebhook(workspaceID, repositoryID, rawURL, description string, headers map[string]string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.workspaces[workspaceID] == nil || s.st.repos[repositoryID] == nil {
		return "", fmt.Errorf("no workspace %s or repository %s", workspaceID, repositoryID)
	}
	hs := s.st.hooks()
	if hs.byRepo[repositoryID] != nil {
		return "", fmt.Errorf("repository %s already has a webhook", repositoryID)
	}
	var list []webhookHeader
	for k, v := range headers {
		list = append(list, webhookHeader{Key: k, Value: v})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Key < list[j].Key })
	now := s.now()
	h := &webhook{id: NewUUID(), description: description, url: rawURL, headers: list,
		repositoryID: repositoryID, workspaceID: workspaceID, createdAt: now, updatedAt: now}
	hs.byID[h.id] = h
	hs.byRepo[repositoryID] = h
	return h.id, nil
}
