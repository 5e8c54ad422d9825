package tui

import (
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// A session made for the profile's core service is not sent to a core URL
// from the environment: the program brings up the login, saying why, and
// a login there makes a session for that URL.
func TestSessionForAnotherURLBringsUpTheLogin(t *testing.T) {
	srv, made := tuitest.Demo(t, horusectest.Options{DisableEmails: true}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	// Another core address (here a proxy to the same service), counting
	// the requests that carry a session.
	target, _ := url.Parse(srv.CoreURL)
	proxy := httputil.NewSingleHostReverseProxy(target)
	var carried atomic.Int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Horusec-Authorization") != "" {
			carried.Add(1)
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(other.Close)
	c, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: other.URL, AnalyticURL: srv.AnalyticURL,
		URLOrigins: client.ServiceURLs{Core: "HORUSEC_ENDPOINT_CORE"}})
	if err != nil {
		t.Fatal(err)
	}
	c.SetSession(made.Session())

	tm := tuitest.Program(t, New(Options{Client: c, Profile: "test", Host: HostOf(srv.AuthURL)}), 110, 30)
	tuitest.WaitFor(t, tm, "session not sent", "unset HORUSEC_ENDPOINT_CORE", "Log in to Horusec")
	if n := carried.Load(); n != 0 {
		t.Fatalf("the other core address got the session %d times", n)
	}
	tm.Type(horusectest.ManagerPassword) // the e-mail is filled
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Acme Platform", "sorted by name")
	if carried.Load() == 0 {
		t.Error("the session made at that address was not sent there")
	}
	tm.Type("q")
	tuitest.Finished(t, tm)
}
