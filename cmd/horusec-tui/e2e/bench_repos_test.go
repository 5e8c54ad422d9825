package e2e

// Benchmarks of a workspace with many repositories: 'horusec-tui
// demo-server --repositories N', whose pages cost what the real
// platform's do (horusectest.RealListCost), driven in a real terminal,
// against the two floors of bench_helpers_test.go.

import (
	"bytes"
	"fmt"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/horusectest/curlfloor"
	"github.com/horusec-tui/horusec-tui/tui"
	"github.com/horusec-tui/horusec-tui/tui/repositories"
)

// scaleBench is a demo-server with a Scale workspace of n repositories, a
// session of its Manager, and the curl floor.
type scaleBench struct {
	n     int
	s     session
	base  string // the repository list's URL
	floor curlfloor.Floor
}

func newScaleBench(b *testing.B, n int) *scaleBench {
	b.Helper()
	requireTmux(b)
	p := startDemoServer(b, "--repositories", strconv.Itoa(n))
	c := platformClient(b, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	return &scaleBench{n: n, s: loggedIn(b, p), floor: curlfloor.New(b, c.Session().AccessToken),
		base: p.Core + "/core/workspaces/" + workspaceID(b, c, horusectest.ScaleWorkspace) + "/repositories"}
}

// name is the i-th repository's name (from 1).
func (sb *scaleBench) name(i int) string { return horusectest.ScaleName(i, sb.n) }

// floors measures one curl of query, until the repository want is on the
// floor terminal's screen.
func (sb *scaleBench) floors(b *testing.B, ft *term, query, want string) func() (curl, term time.Duration) {
	return func() (time.Duration, time.Duration) {
		return floors(b, sb.floor, ft, sb.base+"?"+query, `"name":"`+want+`"`)
	}
}

// program starts the program with the list of workspaces filtered down
// to the Scale workspace, so that Enter opens it.
func (sb *scaleBench) program(b *testing.B) *term {
	return openFiltered(b, sb.s, horusectest.ScaleWorkspace)
}

// enter opens the Scale workspace (its Repositories tab) and waits for its
// first repository.
func (sb *scaleBench) enter(tm *term) {
	tm.Press("Enter")
	tm.pollFast("▌ " + sb.name(1))
}

// leave goes back to the list of workspaces.
func (sb *scaleBench) leave(tm *term) {
	tm.Press("Escape")
	tm.WaitGone(sb.name(1))
}

var scaleSizes = []int{1000, 10000}

// eachScale runs measure as a sub-benchmark for each of scaleSizes, with
// the program open on the workspace list filtered to the Scale workspace.
func eachScale(b *testing.B, measure func(b *testing.B, sb *scaleBench, tm *term)) {
	for _, n := range scaleSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			sb := newScaleBench(b, n)
			measure(b, sb, sb.program(b))
		})
	}
}

// BenchmarkRepositoriesOpen: Enter on the workspace until its first
// repository is on screen. Floor: one curl of the first page.
func BenchmarkRepositoriesOpen(b *testing.B) {
	eachScale(b, func(b *testing.B, sb *scaleBench, tm *term) {
		benchRound{
			floors: sb.floors(b, floorTerm(b, sb.s), fmt.Sprintf("page=1&size=%d", repositories.PageSize), sb.name(1)),
			act:    func() { sb.enter(tm) },
			undo:   func() { sb.leave(tm) },
		}.run(b, "open")
	})
}

// BenchmarkRepositoriesLast: one press of G in the tab just opened, until
// the last repository is on screen under the cursor. Floor: one curl of
// the last page.
func BenchmarkRepositoriesLast(b *testing.B) {
	eachScale(b, func(b *testing.B, sb *scaleBench, tm *term) {
		last := sb.name(sb.n)
		lastPage := (sb.n + repositories.PageSize - 1) / repositories.PageSize
		benchRound{
			floors: sb.floors(b, floorTerm(b, sb.s), fmt.Sprintf("page=%d&size=%d", lastPage, repositories.PageSize), last),
			set:    func() { sb.enter(tm) },
			act: func() {
				tm.Press("G")
				tm.pollFast("▌ " + last)
			},
			undo: func() { sb.leave(tm) },
		}.run(b, "last")
	})
}

// BenchmarkRepositoriesSearch: a search typed into the tab, from the last
// key until its answer's first page is on screen. The program waits
// repositories.SearchDelay after the last key before it asks (so that
// typing a word sends one search); ms-search-after-pause and
// x-curl-after-pause leave that pause out. Floor: one curl of the search.
func BenchmarkRepositoriesSearch(b *testing.B) {
	eachScale(b, func(b *testing.B, sb *scaleBench, tm *term) {
		q := sb.name(sb.n - sb.n/100) // repo-09900 of 10,000, repo-0990 of 1,000
		q = q[:len(q)-2]              // repo-099, repo-09: 100 matches
		first := q + "00"             // the first of them
		prog, curl, _ := benchRound{
			floors: sb.floors(b, floorTerm(b, sb.s), fmt.Sprintf("page=1&search=%s&size=%d", q, repositories.PageSize), first),
			set: func() {
				sb.enter(tm)
				tm.Press("/")
			},
			act: func() {
				tm.Type(q)
				tm.pollFast("“" + q + "” · ") // the first page of the answer is in
			},
			undo: func() {
				tm.WaitFor("“" + q + "” · 100 found") // and then the rest
				if s := tm.Screen(); !bytes.Contains([]byte(s), []byte("▌ "+first)) {
					b.Fatalf("the search's first match is not under the cursor:\n%s", s)
				}
				tm.Press("Escape") // the search goes
				tm.WaitFor("Repositories · ")
				sb.leave(tm)
			},
		}.run(b, "search")
		pause := repositories.SearchDelay * time.Duration(b.N)
		b.ReportMetric(float64((prog-pause).Microseconds())/float64(b.N)/1000, "ms-search-after-pause")
		if curl > 0 {
			b.ReportMetric(float64(prog-pause)/float64(curl), "x-curl-after-pause")
		}
	})
}

// BenchmarkPeakMemoryRepositories runs the program on the Scale workspace
// of 10,000 repositories, loads all of them (a search that matches every
// one, then G, which loads to the end) and reads the process's peak
// resident memory (VmHWM).
func BenchmarkPeakMemoryRepositories(b *testing.B) {
	sb := newScaleBench(b, 10000)
	reportPeak(b, func() *term {
		tm := sb.program(b)
		sb.enter(tm)
		tm.Press("/")
		tm.Type("repo-")
		tm.WaitFor("“repo-” · ", "found so far")
		tm.Press("Enter")
		tm.Press("G")
		tm.WaitFor("▌ repo-10000", "“repo-” · 10,000 found · row 10,000")
		return tm
	})
}

// BenchmarkRepositoriesLastInProcess is BenchmarkRepositoriesLast without
// the terminal: the whole program model (Update and View, as Bubble Tea
// runs them) on the demo platform costed as the real one, from G until
// the last repository is drawn under the cursor, against curl's own time
// for the last page. On a busy machine the terminal's share (tmux started
// for every key and every look at the screen) dwarfs both; this compares
// like with like.
func BenchmarkRepositoriesLastInProcess(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true, ScaleRepositories: n, ListCost: horusectest.RealListCost})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(srv.Close)
			p := platform{Auth: srv.AuthURL, Core: srv.CoreURL, Analytic: srv.AnalyticURL, API: srv.APIURL}
			c := platformClient(b, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
			floor := curlfloor.New(b, c.Session().AccessToken)
			last := horusectest.ScaleName(n, n)
			lastPage := (n + repositories.PageSize - 1) / repositories.PageSize
			url := fmt.Sprintf("%s/core/workspaces/%s/repositories?page=%d&size=%d", srv.CoreURL, workspaceID(b, c, horusectest.ScaleWorkspace), lastPage, repositories.PageSize)
			cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
			pm := newPump(b, tui.New(tui.Options{Client: c, AuthConfig: &cfg, Profile: "bench", Host: "127.0.0.1"}))
			pm.waitFor("Workspaces · ")
			pm.key("/")
			pm.key(horusectest.ScaleWorkspace)
			pm.key("enter")
			pm.waitFor("▌ " + horusectest.ScaleWorkspace)
			benchRound{
				floors: func() (time.Duration, time.Duration) { return floor.Own(b, url), 0 },
				set: func() {
					pm.key("enter")
					pm.waitFor("▌ " + horusectest.ScaleName(1, n))
				},
				act: func() {
					pm.key("G")
					pm.waitFor("▌ " + last)
				},
				undo: func() {
					pm.send(tea.KeyMsg{Type: tea.KeyEsc})
					pm.waitFor("▌ " + horusectest.ScaleWorkspace)
				},
			}.run(b, "last")
		})
	}
}
