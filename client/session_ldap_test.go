package client_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// An LDAP session is never renewed (the renewal would drop its groups):
// near its end the client sends nothing and says to log in again.
func TestLDAPSessionIsNotRenewed(t *testing.T) {
	clock := horusectest.NewClock(time.Now())
	var dropped bool
	tg := demoTarget(t, horusectest.Options{LDAP: true, DisableEmails: true, Now: clock.Now})
	srv, c := tg.demo, tg.newClient(t, func(o *client.Options) {
		o.Now = clock.Now
		o.OnSession = func(s *client.Session) { dropped = s == nil }
	})
	ctx := context.Background()
	s, err := c.Login(ctx, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	if err != nil {
		t.Fatal(err)
	}
	if !s.KeepsGroups() || len(s.Groups()) != 2 {
		t.Fatalf("groups %q", s.Groups())
	}
	// Inside the usual renewal margin: still used as it is.
	clock.Add(57 * time.Minute)
	ws, err := c.Workspaces(ctx)
	if err != nil || len(ws) == 0 {
		t.Fatalf("3 minutes before the end: %d workspaces, %v", len(ws), err)
	}
	if n := srv.Requests("POST", "/auth/account/refresh-token"); n != 0 {
		t.Fatalf("%d refreshes of an LDAP session", n)
	}
	// At the end: no request, an explanation.
	clock.Add(3 * time.Minute)
	srv.ResetRequests()
	_, err = c.Workspaces(ctx)
	if !client.IsKind(err, client.KindUnauthenticated) || !strings.Contains(err.Error(), client.MsgLDAPSessionOver) {
		t.Fatalf("after the hour: %v, want KindUnauthenticated saying %q", err, client.MsgLDAPSessionOver)
	}
	if n := len(srv.RequestLog()); n != 0 {
		t.Fatalf("requests sent with a dead LDAP session: %v", srv.RequestLog())
	}
	if dropped {
		t.Fatal("the session was dropped: the login overlay needs it to know who logged in")
	}
}
