package repositories

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// TestProgramAgainstTheDemoPlatform drives the tab in a real program with
// the real client: open (first page only), page to the end, search, create,
// and open the new repository's dashboard.
func TestProgramAgainstTheDemoPlatform(t *testing.T) {
	srv, cl, ws := sandbox(t, 40)
	srv.ResetRequests()
	c := newCommon(cl)
	tab := New(c, ws)
	tm := tuitest.Program(t, tuitest.NewShell(tab), 100, 30)
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"

	tuitest.WaitFor(t, tm, "Repositories · 40 · row 1")
	if srv.Requests("GET", base+"?page=1&size=50") != 1 || srv.Requests("GET", base) != 1 {
		t.Fatalf("open fetched more than the first page: %v", srv.RequestLog())
	}

	tm.Send(tuitest.Key("G"))
	tuitest.WaitFor(t, tm, "▌ repo-39", "Repositories · 40 · row 40")

	tm.Send(tuitest.Key("/"))
	tm.Type("repo-2")
	tuitest.WaitFor(t, tm, "“repo-2” · 10 found · row 1")
	if srv.Requests("GET", base+"?page=1&search=repo-2&") != 1 {
		t.Fatalf("the search did not reach the platform: %v", srv.RequestLog())
	}
	tm.Send(tuitest.Key("esc"))
	tuitest.WaitFor(t, tm, "Repositories · 40 · row 1")

	tm.Send(tuitest.Key("n"))
	tuitest.WaitFor(t, tm, "New repository")
	tm.Type("aaa-new")
	tm.Send(tuitest.Key("ctrl+s"))
	// The list comes back with the cursor on the new repository.
	tuitest.WaitFor(t, tm, "Created repository aaa-new.", "▌ aaa-new")
	id, ok := srv.RepositoryID(ws.WorkspaceID, "aaa-new")
	if !ok {
		t.Fatal("not created on the platform")
	}

	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "No analyses yet")
	if srv.Requests("GET", "/analytic/dashboard/"+ws.WorkspaceID+"/"+id) != 1 {
		t.Fatalf("the new repository's dashboard was not read: %v", srv.RequestLog())
	}
	tuitest.Quit(t, tm)

	final := tm.FinalModel(t).(*tuitest.Shell)
	if len(final.Stack) != 2 || final.Top().Title() != "aaa-new" {
		t.Fatalf("top screen: %s", final.Top().Title())
	}
	v := final.Top().View()
	for _, want := range []string{"aaa-new", "your role: Manager", "Dashboard", "Tokens", "Members"} {
		if !strings.Contains(v, want) {
			t.Errorf("repository view misses %q:\n%s", want, v)
		}
	}
}
