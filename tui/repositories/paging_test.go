package repositories

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// scale is the demo platform with a Scale workspace of n repositories
// (repo-0001 …), logged in as email, and that workspace as the list of
// workspaces gives it.
func scale(t testing.TB, n int, email, password string) (*horusectest.Server, *client.Client, client.Workspace) {
	t.Helper()
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock, ScaleRepositories: n}, email, password)
	return srv, cl, tuitest.Workspace(t, cl, horusectest.ScaleWorkspace)
}

// oneTrip runs what a key press asked for, once, and hands m the pages
// that come back: what the user sees one round trip after the key. What
// those pages lead to is returned, not run.
func oneTrip(m *Model, cmd tea.Cmd) tea.Cmd {
	var next []tea.Cmd
	for _, msg := range tuitest.Run(cmd) {
		if p, ok := msg.(common.Result[page]); ok {
			next = append(next, m.Update(p))
		}
	}
	return tea.Batch(next...)
}

// screenLoaded reports the first row on screen that is not loaded, or -1.
func screenLoaded(m *Model) int {
	first, end := m.table.Window()
	for i := first; i < end; i++ {
		if !m.have[i] {
			return i
		}
	}
	return -1
}

func pageRequests(srv *horusectest.Server, ws client.Workspace) string {
	var b []string
	for k, n := range srv.RequestLog() {
		if strings.Contains(k, "/repositories?") {
			b = append(b, fmt.Sprintf("%s ×%d", k[strings.Index(k, "?")+1:], n))
		}
	}
	return strings.Join(b, ", ")
}

func TestGLandsOnTheLastRepositoryInOnePress(t *testing.T) {
	srv, cl, ws := scale(t, 1000, horusectest.ManagerEmail, horusectest.ManagerPassword)
	if ws.RepositoriesCount != 1000 {
		t.Fatalf("count %d", ws.RepositoriesCount)
	}
	m := opened(t, cl, ws, 80, 24)
	if !strings.Contains(m.View(), "Repositories · 1,000 · row 1 · 50 loaded") {
		t.Fatalf("the count is not shown up front:\n%s", m.View())
	}
	srv.ResetRequests()
	// One round trip after one press, the last repository is on screen.
	rest := oneTrip(m, m.Update(tuitest.Key("G")))
	if v := m.View(); !strings.Contains(v, "▌ repo-1000") || screenLoaded(m) >= 0 {
		t.Fatalf("after G and one round trip:\n%s", v)
	}
	run(m, rest)
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"
	for p := 2; p < 20; p++ {
		if srv.Requests("GET", fmt.Sprintf("%s?page=%d&", base, p)) != 0 {
			t.Fatalf("G asked for page %d: %s", p, pageRequests(srv, ws))
		}
	}
	if srv.Requests("GET", base+"?page=20&size=50") != 1 {
		t.Fatalf("G did not ask for the last page: %s", pageRequests(srv, ws))
	}
	// Whether anything follows the counted end is checked on the way.
	if srv.Requests("GET", base+"?page=21&size=50") != 1 || !m.pages.Done {
		t.Errorf("the end was not checked: %s", pageRequests(srv, ws))
	}
	tuitest.Golden(t, "last-80x24", m.View())
}

func TestPageDownNeverWaitsMoreThanOneRoundTrip(t *testing.T) {
	_, cl, ws := scale(t, 1000, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := opened(t, cl, ws, 80, 24)
	for i := range 30 {
		rest := oneTrip(m, m.Update(tuitest.Key("pgdown")))
		if row := screenLoaded(m); row >= 0 {
			t.Fatalf("pgdown %d: row %d on screen is not loaded one round trip later:\n%s", i+1, row, m.View())
		}
		run(m, rest)
	}
	// Faster than the platform: five presses before any answer, then one
	// round trip of all they asked for.
	var cmds []tea.Cmd
	for range 5 {
		cmds = append(cmds, m.Update(tuitest.Key("pgdown")))
	}
	rest := oneTrip(m, tea.Batch(cmds...))
	if row := screenLoaded(m); row >= 0 {
		t.Fatalf("row %d on screen is not loaded:\n%s", row, m.View())
	}
	run(m, rest)
	if !strings.Contains(m.View(), fmt.Sprintf("row %d", m.table.Cursor()+1)) {
		t.Errorf("the position is not shown:\n%s", m.View())
	}
}

// Moving one row at a time, the next page is there before the cursor is:
// the row under it is loaded the moment the key is handled.
func TestDownNeverLandsOnAnUnloadedRow(t *testing.T) {
	_, cl, ws := scale(t, 1000, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := opened(t, cl, ws, 80, 24)
	for i := range 300 {
		cmd := m.Update(tuitest.Key("j"))
		if !m.have[m.table.Cursor()] {
			t.Fatalf("j %d: the cursor is on row %d, not loaded yet", i+1, m.table.Cursor())
		}
		run(m, cmd)
	}
	// And back up from the end.
	run(m, m.Update(tuitest.Key("G")))
	for i := range 100 {
		cmd := m.Update(tuitest.Key("k"))
		if !m.have[m.table.Cursor()] {
			t.Fatalf("k %d: the cursor is on row %d, not loaded yet", i+1, m.table.Cursor())
		}
		run(m, cmd)
	}
}

// A User's list has no count: G loads until the end, with larger and
// larger pages, says how far it got, and lands on the last row.
func TestGWithoutACountLoadsToTheEnd(t *testing.T) {
	srv, cl, ws := scale(t, 5000, horusectest.UserEmail, horusectest.UserPassword)
	m := opened(t, cl, ws, 80, 24)
	tuitest.Golden(t, "no-count-80x24", m.View())
	srv.ResetRequests()
	rest := oneTrip(m, m.Update(tuitest.Key("G")))
	if v := m.View(); !strings.Contains(v, "Loading to the last repository… 100 so far") {
		t.Fatalf("no progress after the first round trip:\n%s", v)
	}
	tuitest.Golden(t, "to-the-end-80x24", m.View())
	run(m, rest) // the rest of the way
	if v := m.View(); !strings.Contains(v, "▌ repo-4991") || !strings.Contains(v, "Repositories · 500 · row 500") {
		t.Fatalf("after G:\n%s", v)
	}
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"
	for _, q := range []string{"page=2&size=50", "page=2&size=100", "page=2&size=200", "page=2&size=400"} {
		if srv.Requests("GET", base+"?"+q) != 1 {
			t.Errorf("%s not asked once: %s", q, pageRequests(srv, ws))
		}
	}
}

func TestAnotherKeyStopsLoadingToTheEnd(t *testing.T) {
	_, cl, ws := scale(t, 5000, horusectest.UserEmail, horusectest.UserPassword)
	m := opened(t, cl, ws, 80, 24)
	rest := oneTrip(m, m.Update(tuitest.Key("G")))
	run(m, tea.Batch(rest, m.Update(tuitest.Key("k"))))
	if m.pages.ToEnd || m.n >= 500 || strings.Contains(m.View(), "Loading to the last") {
		t.Fatalf("k did not stop the loading: %d rows\n%s", m.n, m.View())
	}
}

func TestSearchResultsPageTheSameWay(t *testing.T) {
	srv, cl, ws := scale(t, 1000, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := opened(t, cl, ws, 80, 24)
	press(m, "/")
	tuitest.Type(m, "repo-0")
	settle(m)
	press(m, "enter")
	if v := m.View(); !strings.Contains(v, "“repo-0” · 50 found so far · row 1 · more as you scroll") {
		t.Fatalf("search:\n%s", v)
	}
	tuitest.Golden(t, "search-paging-80x24", m.View())
	srv.ResetRequests()
	press(m, "G")
	if v := m.View(); !strings.Contains(v, "▌ repo-0999") || !strings.Contains(v, "“repo-0” · 999 found · row 999") {
		t.Fatalf("G in a search:\n%s", v)
	}
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"
	if srv.Requests("GET", base+"?page=2&search=repo-0&size=50") != 1 {
		t.Errorf("the search's pages: %s", pageRequests(srv, ws))
	}
	// Back to the whole list: its count again.
	press(m, "esc")
	settle(m)
	if v := m.View(); !strings.Contains(v, "Repositories · 1,000 · row 1 · 50 loaded") {
		t.Fatalf("after the search:\n%s", v)
	}
}

// The count comes from when the workspaces were listed; the platform's
// pages have the last word.
func TestACountThatIsNoLongerTrue(t *testing.T) {
	add := func(format string, n int) func(*testing.T, *horusectest.Server, *client.Client, client.Workspace) {
		return func(t *testing.T, srv *horusectest.Server, _ *client.Client, ws client.Workspace) {
			for i := range n {
				if _, err := srv.AddRepository(ws.WorkspaceID, fmt.Sprintf(format, i), nil); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	for _, c := range []struct {
		name  string
		repos int
		// change is what happens on the platform after the count was taken.
		change      func(*testing.T, *horusectest.Server, *client.Client, client.Workspace)
		last, count string
	}{
		{"more", 60, add("zz-%d", 5), "zz-4", "65"},
		{"fewer", 60, func(t *testing.T, srv *horusectest.Server, cl *client.Client, ws client.Workspace) {
			for i := 55; i < 60; i++ {
				id, _ := srv.RepositoryID(ws.WorkspaceID, fmt.Sprintf("repo-%02d", i))
				if err := cl.DeleteRepository(context.Background(), ws.WorkspaceID, id); err != nil {
					t.Fatal(err)
				}
			}
		}, "repo-54", "55"},
		{"exactly a page more", 50, add("zz-%02d", 50), "zz-49", "100"},
	} {
		t.Run(c.name, func(t *testing.T) {
			srv, cl, ws := sandbox(t, c.repos)
			c.change(t, srv, cl, ws)
			m := opened(t, cl, ws, 80, 24)
			press(m, "G")
			if v := m.View(); !strings.Contains(v, "▌ "+c.last) || !strings.Contains(v, "Repositories · "+c.count+" · row "+c.count) {
				t.Fatalf("G:\n%s", v)
			}
		})
	}
}

// Creating and deleting keep the count and the positions true.
func TestCreateAndDeleteKeepTheCount(t *testing.T) {
	_, cl, ws := scale(t, 1000, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := opened(t, cl, ws, 80, 24)
	press(m, "G", "d")
	tuitest.Type(m, "repo-1000")
	press(m, "enter")
	if v := m.View(); !strings.Contains(v, "Repositories · 999 · row 999") || !strings.Contains(v, "▌ repo-0999") {
		t.Fatalf("after deleting the last:\n%s", v)
	}
	press(m, "n")
	tuitest.Type(m, "zzz")
	press(m, "ctrl+s", "G")
	if v := m.View(); !strings.Contains(v, "Repositories · 1,000 · row 1,000") || !strings.Contains(v, "▌ zzz") {
		t.Fatalf("after creating one:\n%s", v)
	}
}

// At the smallest size the counter keeps its numbers and cuts the search.
func TestCounterAtTheSmallestSize(t *testing.T) {
	srv, cl, ws := scale(t, 1000, horusectest.ManagerEmail, horusectest.ManagerPassword)
	long := "repo-0-with-a-name-long-enough-to-be-cut-in-the-status-line"
	if _, err := srv.AddRepository(ws.WorkspaceID, long, nil); err != nil {
		t.Fatal(err)
	}
	m := opened(t, cl, ws, 60, 15)
	press(m, "G", "k")
	tuitest.Golden(t, "counter-60x15", m.View())
	press(m, "/")
	tuitest.Type(m, long)
	settle(m)
	press(m, "enter")
	last := m.View()[strings.LastIndex(m.View(), "\n")+1:]
	if !strings.Contains(last, "…” · 1 found · row 1") || ansi.StringWidth(last) > 60 {
		t.Errorf("counter line: %q", last)
	}
}

// BenchmarkOpenPageSize opens the tab on 10,000 repositories, the demo
// platform costed as the real one (horusectest.RealListCost), with pages
// of 15 (the platform's smallest) to 200: the time to the first rows, and
// how many round trips paging through the whole list would take. It is
// how PageSize was chosen.
func BenchmarkOpenPageSize(b *testing.B) {
	_, cl := tuitest.Demo(b, horusectest.Options{DisableEmails: true, ScaleRepositories: 10000, ListCost: horusectest.RealListCost},
		horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(b, cl, horusectest.ScaleWorkspace)
	defer func(p int) { PageSize = p }(PageSize)
	for _, size := range []int{15, 50, 100, 200} {
		b.Run(fmt.Sprint(size), func(b *testing.B) {
			PageSize = size
			for b.Loop() {
				m := newModel(newCommon(cl), ws)
				m.SetSize(120, 40)
				oneTrip(m, m.Init()) // the prefetch that follows is not waited for
				if !strings.Contains(m.View(), "repo-00001") {
					b.Fatal(m.View())
				}
			}
			b.ReportMetric(float64((10000+size-1)/size), "trips-to-page-all")
		})
	}
}

func TestChunksStartWhereTheRowsEnd(t *testing.T) {
	for _, n := range []int{50, 150, 1600, 2000, 2400, 3200, 4800, 6050} {
		c := chunk(n)
		if n%c != 0 || c > maxChunk || c < PageSize {
			t.Errorf("chunk(%d) = %d", n, c)
		}
	}
	if c := chunk(2400); c != 1200 {
		t.Errorf("chunk(2400) = %d, want 1200", c)
	}
}
