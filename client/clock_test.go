package client_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// A platform whose clock runs 20 minutes ahead: the session's expiry is
// restated in this machine's clock, so the client refreshes before the
// platform refuses the token (on a workspace route the refusal would be a
// bare 500, read as "no access").
func TestSessionExpiryFollowsThePlatformsClock(t *testing.T) {
	const ahead = 20 * time.Minute
	var elapsed atomic.Int64 // how far both clocks have been moved on
	local := func() time.Time { return time.Now().Add(time.Duration(elapsed.Load())) }
	tg := demoTarget(t, horusectest.Options{DisableEmails: true, Now: func() time.Time { return local().Add(ahead) }})
	srv, c := tg.demo, tg.newClient(t, func(o *client.Options) { o.Now = local })
	ctx := context.Background()
	s, err := c.Login(ctx, horusectest.ManagerEmail, horusectest.ManagerPassword)
	if err != nil {
		t.Fatal(err)
	}
	if d := s.ExpiresAt.Sub(local().Add(time.Hour)); d > 5*time.Second || d < -5*time.Second {
		t.Fatalf("the session expires %v from now by this machine's clock, want 1h", s.ExpiresAt.Sub(local()).Round(time.Second))
	}
	id, ok := srv.WorkspaceID("Acme Platform")
	if !ok {
		t.Fatal("no seeded workspace")
	}

	// 62 minutes later the platform (82 minutes on its clock) no longer
	// takes the first token; the client has refreshed before sending.
	elapsed.Store(int64(62 * time.Minute))
	if _, err := c.Workspace(ctx, id); err != nil {
		t.Fatalf("after an hour the workspace could not be read: %v", err)
	}
	if got := c.Session(); got == nil || got.AccessToken == s.AccessToken {
		t.Fatal("the session was not refreshed")
	}
}

// A platform whose clock runs behind only makes the client renew early:
// its expiry is kept as the platform dated it.
func TestPlatformBehindKeepsItsExpiry(t *testing.T) {
	behind := func() time.Time { return time.Now().Add(-30 * time.Minute) }
	tg := demoTarget(t, horusectest.Options{DisableEmails: true, Now: behind})
	c := tg.newClient(t)
	s, err := c.Login(context.Background(), horusectest.ManagerEmail, horusectest.ManagerPassword)
	if err != nil {
		t.Fatal(err)
	}
	if d := s.ExpiresAt.Sub(time.Now().Add(30 * time.Minute)); d > 5*time.Second || d < -5*time.Second {
		t.Fatalf("the session expires %v from now, want the platform's 30 minutes", time.Until(s.ExpiresAt).Round(time.Second))
	}
}
