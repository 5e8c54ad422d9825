package horusectest_test

import (
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// The Scale workspace: the Manager administers all of its repositories,
// named repo-0001 … repo-1000 for 1,000, in pages as the platform gives
// them; the User sees every tenth.
func TestScaleWorkspace(t *testing.T) {
	srv, _ := start(t, horusectest.Options{ScaleRepositories: 1000})
	mgr := "Bearer " + login(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword).AccessToken
	var wss []client.Workspace
	r := call(t, "GET", srv.CoreURL+"/core/workspaces", mgr, nil)
	want(t, r, 200, "")
	r.decode(t, &wss)
	var scale client.Workspace
	for _, w := range wss {
		if w.Name == horusectest.ScaleWorkspace {
			scale = w
		}
	}
	if scale.RepositoriesCount != 1000 || scale.Role != "admin" {
		t.Fatalf("Scale workspace: %+v", scale)
	}
	base := srv.CoreURL + "/core/workspaces/" + scale.WorkspaceID + "/repositories"
	page := func(auth, query string) []client.Repository {
		t.Helper()
		var l []client.Repository
		r := call(t, "GET", base+"?"+query, auth, nil)
		want(t, r, 200, "")
		r.decode(t, &l)
		return l
	}
	first := page(mgr, "page=1&size=50")
	if len(first) != 50 || first[0].Name != "repo-0001" || first[49].Name != "repo-0050" {
		t.Fatalf("page 1: %d, %s … %s", len(first), first[0].Name, first[len(first)-1].Name)
	}
	last := page(mgr, "page=20&size=50")
	if len(last) != 50 || last[49].Name != "repo-1000" || last[49].Role != "admin" {
		t.Fatalf("last page: %+v", last[len(last)-1])
	}
	if l := page(mgr, "page=1&size=15&search=repo-099"); len(l) != 10 || l[0].Name != "repo-0990" {
		t.Fatalf("search: %d", len(l))
	}

	user := "Bearer " + login(t, srv, horusectest.UserEmail, horusectest.UserPassword).AccessToken
	all := page(user, "page=1&size=1000")
	if len(all) != 1000/horusectest.ScaleUserEvery || all[0].Name != "repo-0001" || all[1].Name != "repo-0011" || all[0].Role != "member" {
		t.Fatalf("the User sees %d, first %s, %s", len(all), all[0].Name, all[1].Name)
	}
}

func TestScaleNamesArePaddedToTheWidthOfN(t *testing.T) {
	for _, c := range []struct {
		i, n int
		want string
	}{{1, 10000, "repo-00001"}, {10000, 10000, "repo-10000"}, {7, 1000, "repo-0007"}, {3, 9, "repo-3"}} {
		if got := horusectest.ScaleName(c.i, c.n); got != c.want {
			t.Errorf("ScaleName(%d, %d) = %s, want %s", c.i, c.n, got, c.want)
		}
	}
}

func TestScaleNeedsTheSeed(t *testing.T) {
	if _, err := horusectest.NewServer(horusectest.Options{Empty: true, ScaleRepositories: 10}); err == nil {
		t.Fatal("a Scale workspace without the demo accounts was accepted")
	}
}

// The model of the real platform's cost: the last page of 15 of 10,000
// costs about ten times the first, and every page at least the fixed part.
func TestRealListCostGrowsWithTheOffset(t *testing.T) {
	c := horusectest.RealListCost
	first, last := c.Of(0, 15), c.Of(666*15, 10)
	if ratio := float64(last) / float64(first); ratio < 9 || ratio > 12 {
		t.Errorf("page 667 / page 1 = %.1f (%v / %v), want about 10", ratio, last, first)
	}
	if all := c.Of(0, 10000); all < 200*time.Millisecond || all > 400*time.Millisecond {
		t.Errorf("all 10,000 at once: %v, the real platform takes about 0.28 s", all)
	}
	if (horusectest.ListCost{}).Of(5000, 50) != 0 {
		t.Error("the zero cost is not free")
	}
}
