package horusectest

import (
	"fmt"
	"strconv"
	"time"
)

// ScaleWorkspace is the name of the workspace Options.ScaleRepositories adds.
const ScaleWorkspace = "Scale"

// ScaleUserEvery is how often the demo User holds a role in a repository of
// the Scale workspace: in repo 1, 1+ScaleUserEvery, 1+2·ScaleUserEvery, …
const ScaleUserEvery = 10

// ListCost models what a repository list costs the real platform (PostgreSQL
// behind the core service): a fixed cost per request, a cost per row the
// page skips (the database walks past OFFSET rows) and a cost per row sent.
// The zero value costs nothing.
type ListCost struct {
	Base, PerSkipped, PerRow time.Duration
}

// RealListCost is the real platform's cost as measured on a workspace of
// 10,000 repositories: its page 1 of 15 answers in about 10 ms, its page
// 667 of 15 in about 110 ms (≈ 10× page 1), and all 10,000 at once in
// about 0.28 s.
var RealListCost = ListCost{Base: 10 * time.Millisecond, PerSkipped: 10 * time.Microsecond, PerRow: 25 * time.Microsecond}

// Of is the time a page costs that skips skipped rows and sends sent.
func (c ListCost) Of(skipped, sent int) time.Duration {
	return c.Base + time.Duration(skipped)*c.PerSkipped + time.Duration(sent)*c.PerRow
}

func (c ListCost) wait(skipped, sent int) {
	if c == (ListCost{}) {
		return
	}
	time.Sleep(c.Of(skipped, sent))
}

// ScaleName is the name of the i-th (from 1) of n repositories of the
// Scale workspace: repo-00001 … repo-10000, zero-padded to n's width.
func ScaleName(i, n int) string {
	return fmt.Sprintf("repo-%0*d", len(strconv.Itoa(n)), i)
}

// addScale adds the Scale workspace: the demo Manager administers it, the
// demo User is a member with a role in every ScaleUserEvery-th repository.
// Called with s.mu held, after the seed.
func (s *Server) addScale(n int) error {
	mgr, user := s.st.byEmail[ManagerEmail], s.st.byEmail[UserEmail]
	if mgr == nil || user == nil {
		return fmt.Errorf("demo platform: the Scale workspace needs the demo accounts (the seed)")
	}
	now := s.now().UTC()
	ws := newWorkspace(NewUUID(), ScaleWorkspace, fmt.Sprintf("%d repositories, for trying the program at scale", n), now.AddDate(0, 0, -30))
	ws.members = map[string]string{mgr.id: roleAdmin, user.id: roleMember}
	s.st.addWorkspace(ws)
	for i := 1; i <= n; i++ {
		name := ScaleName(i, n)
		repo := newRepository(ws, NewUUID(), name, "Service "+name[len("repo-"):]+" of the scale test", now.AddDate(0, 0, -(i%30)))
		if (i-1)%ScaleUserEvery == 0 {
			repo.members[user.id] = roleMember
		}
		s.st.addRepository(ws, repo)
	}
	return nil
}
