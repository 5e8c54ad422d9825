package horusectest

import (
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"time"
)

// Receiver is a webhook endpoint for tests, as a team's service would run
// one: it records every request that reaches it and answers each with a
// status (SetStatus) and a short text.
type Receiver struct {
	// URL is where it listens, e.g. http://127.0.0.1:41234 (no trailing
	// slash).
	URL string

	mu     sync.Mutex
	got    []Delivery
	status int
	reply  string
	srv    *http.Server
}

// Delivery is one request a Receiver got.
type Delivery struct {
	Header http.Header
	Body   map[string]any // the JSON object sent; nil when it was none
	Path   string         // the path and query
}

// NewReceiver starts a Receiver on a loopback port; it answers status with
// reply until SetStatus. Close stops it.
func NewReceiver(status int, reply string) (*Receiver, error) {
	return NewReceiverAt("127.0.0.1", status, reply)
}

// NewReceiverAt is NewReceiver for a platform that reaches this machine as
// host: anything but 127.0.0.1 listens on every interface.
func NewReceiverAt(host string, status int, reply string) (*Receiver, error) {
	listen := "127.0.0.1:0"
	if host != "127.0.0.1" {
		listen = ":0"
	}
	ln, err := net.Listen("tcp", listen)
	if err != nil {
		return nil, err
	}
	rc := &Receiver{URL: fmt.Sprintf("http://%s:%d", host, ln.Addr().(*net.TCPAddr).Port), status: status, reply: reply}
	rc.srv = &http.Server{Handler: http.HandlerFunc(rc.serve), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = rc.srv.Serve(ln) }()
	return rc, nil
}

func (rc *Receiver) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var m map[string]any
	_ = json.Unmarshal(raw, &m)
	rc.mu.Lock()
	rc.got = append(rc.got, Delivery{Header: r.Header.Clone(), Body: m, Path: r.URL.RequestURI()})
	status, reply := rc.status, rc.reply
	rc.mu.Unlock()
	w.WriteHeader(status)
	_, _ = io.WriteString(w, reply)
}

// StartReceiver is NewReceiver for a test: t fails when the receiver
// cannot start, and the receiver stops when t ends.
func StartReceiver(t TB, status int, reply string) *Receiver {
	t.Helper()
	rc, err := NewReceiver(status, reply)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rc.Close)
	return rc
}

// SetStatus changes the status of the answers from now on.
func (rc *Receiver) SetStatus(status int) {
	rc.mu.Lock()
	rc.status = status
	rc.mu.Unlock()
}

// Deliveries returns every request received so far, oldest first.
func (rc *Receiver) Deliveries() []Delivery {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]Delivery(nil), rc.got...)
}

// Wait returns the first request ok accepts, waiting up to timeout for
// it; false when none came.
func (rc *Receiver) Wait(timeout time.Duration, ok func(Delivery) bool) (Delivery, bool) {
	deadline := time.Now().Add(timeout)
	for {
		for _, d := range rc.Deliveries() {
			if ok(d) {
				return d, true
			}
		}
		if time.Now().After(deadline) {
			return Delivery{}, false
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// Close stops the Receiver.
func (rc *Receiver) Close() { _ = rc.srv.Close() }
