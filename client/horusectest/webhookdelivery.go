package horusectest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"sync"
	"time"
)

// The webhook service's delivery (§14): the broker queue that takes every
// uploaded analysis to its repository's webhook, and what tests read of it.

// WebhookAttempt is one delivery the demo's webhook service tried.
type WebhookAttempt struct {
	AnalysisID   string
	RepositoryID string
	URL          string
	Status       int    // the receiver's status; 0 when there was no answer
	Err          string // why it failed, when it did
	Delivered    bool   // a status below 400
	At           time.Time
}

// WebhookQueueState is the broker queue of the webhook service.
type WebhookQueueState struct {
	Pending int  // announced analyses not yet handled, the held one included
	Held    bool // a failed delivery holds the queue (Options.WebhookStall)
}

type webhookMessage struct {
	analysisID   string
	repositoryID string
	body         []byte
}

// webhookQueue stands for the broker queue horusec-webhook and its one
// consumer (prefetch 1): messages are handled one at a time, in order.
type webhookQueue struct {
	mu       sync.Mutex
	cond     *sync.Cond
	msgs     []webhookMessage
	held     bool
	closed   bool
	attempts []WebhookAttempt

	ctx    context.Context
	cancel context.CancelFunc
}

func (s *Server) startWebhookQueue() {
	q := &webhookQueue{}
	q.cond = sync.NewCond(&q.mu)
	q.ctx, q.cancel = context.WithCancel(context.Background())
	s.whq = q
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		s.consumeWebhooks(q)
	}()
}

func (q *webhookQueue) stop() {
	q.mu.Lock()
	q.closed = true
	q.cond.Broadcast()
	q.mu.Unlock()
	q.cancel()
}

// announce publishes a stored analysis, as the api service does after an
// upload. s.mu must be held.
func (s *Server) announce(a *analysis) {
	if s.whq == nil {
		return
	}
	doc := s.analysisJSON(a)
	if items, ok := doc["analysisVulnerabilities"].([]map[string]any); ok {
		for _, it := range items {
			it["createdAt"] = dateOnly(a.createdAt) // a DATE column
		}
	}
	body, err := json.Marshal(doc)
	if err != nil {
		return
	}
	q := s.whq
	q.mu.Lock()
	q.msgs = append(q.msgs, webhookMessage{analysisID: a.id, repositoryID: a.repositoryID, body: body})
	q.cond.Broadcast()
	q.mu.Unlock()
}

func (s *Server) consumeWebhooks(q *webhookQueue) {
	timeout := s.opts.WebhookTimeout
	if timeout <= 0 {
		timeout = DefaultWebhookTimeout
	}
	hc := &http.Client{Timeout: timeout} // redirects followed, TLS verified: Go's defaults
	defer hc.CloseIdleConnections()
	for {
		q.mu.Lock()
		for !q.closed && (len(q.msgs) == 0 || q.held) {
			q.cond.Wait()
		}
		if q.closed {
			q.mu.Unlock()
			return
		}
		m := q.msgs[0]
		q.mu.Unlock()

		// The webhook is looked up when the message is handled.
		s.mu.Lock()
		var target *webhook
		if h := s.st.hooks().byRepo[m.repositoryID]; h != nil {
			cp := *h
			cp.headers = append([]webhookHeader(nil), h.headers...)
			target = &cp
		}
		s.mu.Unlock()

		ok := true
		if target != nil {
			att := deliver(q.ctx, hc, target, m)
			ok = att.Delivered
			q.mu.Lock()
			q.attempts = append(q.attempts, att)
			q.mu.Unlock()
		}
		q.mu.Lock()
		if ok || !s.opts.WebhookStall {
			q.msgs = q.msgs[1:]
		} else {
			// Neither acknowledged nor rejected: the message stays, and
			// nothing after it moves until the service restarts.
			q.held = true
		}
		q.cond.Broadcast()
		q.mu.Unlock()
	}
}

func deliver(ctx context.Context, hc *http.Client, h *webhook, m webhookMessage) WebhookAttempt {
	att := WebhookAttempt{AnalysisID: m.analysisID, RepositoryID: m.repositoryID, URL: h.url, At: time.Now()}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(m.body))
	if err != nil {
		att.Err = err.Error()
		return att
	}
	for _, hd := range h.headers {
		if hd.Key == "" || hd.Value == "" {
			continue
		}
		req.Header.Set(hd.Key, hd.Value)
	}
	resp, err := hc.Do(req)
	if err != nil {
		att.Err = err.Error()
		return att
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	att.Status = resp.StatusCode
	att.Delivered = resp.StatusCode < 400
	if !att.Delivered {
		att.Err = resp.Status
	}
	return att
}

// WebhookAttempts returns every delivery tried so far, oldest first.
func (s *Server) WebhookAttempts() []WebhookAttempt {
	if s.whq == nil {
		return nil
	}
	s.whq.mu.Lock()
	defer s.whq.mu.Unlock()
	return append([]WebhookAttempt(nil), s.whq.attempts...)
}

// WebhookQueue reports the state of the webhook service's queue.
func (s *Server) WebhookQueue() WebhookQueueState {
	if s.whq == nil {
		return WebhookQueueState{}
	}
	s.whq.mu.Lock()
	defer s.whq.mu.Unlock()
	return WebhookQueueState{Pending: len(s.whq.msgs), Held: s.whq.held}
}

// RestartWebhookService does what restarting the platform's webhook
// service does to its queue: a held message is handed out again (and the
// webhook looked up again), then the queued ones follow.
func (s *Server) RestartWebhookService() {
	if s.whq == nil {
		return
	}
	s.whq.mu.Lock()
	s.whq.held = false
	s.whq.cond.Broadcast()
	s.whq.mu.Unlock()
}
