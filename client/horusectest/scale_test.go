package horusectest_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// bigServer holds 10,000 workspaces of one account, and one workspace with
// 10,000 members.
type bigServer struct {
	srv      *horusectest.Server
	owner    string // header of the account in 10,000 workspaces
	admin    string // header of the admin of the crowded workspace
	crowded  string
	lastWS   string
	memberID string
}

func newBigServer(tb testing.TB) *bigServer {
	tb.Helper()
	srv, _ := start(tb, horusectest.Options{Empty: true})
	b := &bigServer{srv: srv}
	owner := mustAccount(tb, srv, "owner")
	for i := range 10000 {
		id, err := srv.AddWorkspace(fmt.Sprintf("ws-%05d", i), map[string]string{owner: "admin"})
		if err != nil {
			tb.Fatal(err)
		}
		b.lastWS = id
	}
	members := map[string]string{}
	for i := range 10000 {
		id, err := srv.AddAccount(fmt.Sprintf("m%05d@example.org", i), fmt.Sprintf("m%05d", i), "x")
		if err != nil {
			tb.Fatal(err)
		}
		members[id] = "member"
		b.memberID = id
	}
	admin := mustAccount(tb, srv, "crowdadmin")
	members[admin] = "admin"
	var err error
	if b.crowded, err = srv.AddWorkspace("crowded", members); err != nil {
		tb.Fatal(err)
	}
	b.owner = bearerFor(tb, srv, owner)
	b.admin = bearerFor(tb, srv, admin)
	return b
}

func TestTenThousand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds 10,000 workspaces and accounts")
	}
	b := newBigServer(t)
	var l []client.Workspace
	r := call(t, "GET", b.srv.CoreURL+"/core/workspaces", b.owner, nil)
	want(t, r, 200, "")
	r.decode(t, &l)
	if len(l) != 10000 || l[0].Name != "ws-00000" || l[9999].Name != "ws-09999" {
		t.Fatalf("%d workspaces", len(l))
	}
	var m []client.Member
	r = call(t, "GET", b.srv.CoreURL+"/core/workspaces/"+b.crowded+"/roles", b.admin, nil)
	want(t, r, 200, "")
	r.decode(t, &m)
	if len(m) != 10001 {
		t.Fatalf("%d members", len(m))
	}
	// Single-object routes stay cheap however big the store is.
	want(t, call(t, "GET", b.srv.CoreURL+"/core/workspaces/"+b.lastWS, b.owner, nil), 200, "")
	want(t, call(t, "PATCH", b.srv.CoreURL+"/core/workspaces/"+b.crowded+"/roles/"+b.memberID, b.admin, map[string]string{"role": "supervisor"}), 200, "")
	want(t, call(t, "DELETE", b.srv.CoreURL+"/core/workspaces/"+b.crowded+"/roles/"+b.memberID, b.admin, nil), 204, "")
	want(t, call(t, "POST", b.srv.CoreURL+"/core/workspaces/"+b.crowded+"/roles", b.admin, map[string]string{"email": "m00000@example.org", "role": "admin"}), 500, generic)
}

func benchRequest(b *testing.B, url, auth string) {
	b.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	req.Header.Set("X-Horusec-Authorization", auth)
	b.ResetTimer()
	for b.Loop() {
		res, err := httpClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_ = res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatal(res.StatusCode)
		}
	}
}

// The benchmarks show how request cost grows with the store; compare
// BenchmarkGetWorkspaceAmong10k with a request on an empty store.
func BenchmarkListWorkspaces10k(b *testing.B) {
	s := newBigServer(b)
	benchRequest(b, s.srv.CoreURL+"/core/workspaces", s.owner)
}

func BenchmarkListMembers10k(b *testing.B) {
	s := newBigServer(b)
	benchRequest(b, s.srv.CoreURL+"/core/workspaces/"+s.crowded+"/roles", s.admin)
}

func BenchmarkGetWorkspaceAmong10k(b *testing.B) {
	s := newBigServer(b)
	benchRequest(b, s.srv.CoreURL+"/core/workspaces/"+s.lastWS, s.owner)
}

func BenchmarkGetWorkspaceSmallStore(b *testing.B) {
	srv, _ := start(b, horusectest.Options{Empty: true})
	id := mustAccount(b, srv, "one")
	ws, _ := srv.AddWorkspace("one", map[string]string{id: "admin"})
	benchRequest(b, srv.CoreURL+"/core/workspaces/"+ws, bearerFor(b, srv, id))
}
