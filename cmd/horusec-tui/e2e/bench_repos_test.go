package e2e

// Benchmarks of a workspace with many repositories: 'horusec-tui
// demo-server --repositories N', whose pages cost what the real
// platform's do (horusectest.RealListCost), driven in a real terminal. Each
// figure has two floors measured in the same run: curl's own time for the
// same request (ms-curl, x-curl: the strict one, as the platform's figures
// were measured), and one curl of it run in a terminal of the same size
// until the same name is on screen (ms-curl-term, x-curl-term: process
// starts and the terminal included, as in BenchmarkFirstFrame).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui"
	"github.com/horusec-tui/horusec-tui/tui/repositories"
)

// scaleBench is a demo-server with a Scale workspace of n repositories, a
// session of its Manager, and what the curl floor needs.
type scaleBench struct {
	n      int
	p      platform
	s      session
	base   string // the repository list's URL
	header string // a file with the authorization header, for curl -H @file
	curl   string
}

func newScaleBench(b *testing.B, n int) *scaleBench {
	b.Helper()
	requireTmux(b)
	curl, err := exec.LookPath("curl")
	if err != nil {
		b.Skip("curl is needed for the floor (apt-get install curl)")
	}
	p := startDemoServer(b, "--repositories", strconv.Itoa(n))
	c := platformClient(b, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	sb := &scaleBench{n: n, p: p, s: loggedIn(b, p), curl: curl,
		base: p.Core + "/core/workspaces/" + workspaceID(b, c, horusectest.ScaleWorkspace) + "/repositories"}
	// The token goes to curl in a 0600 file, never in its arguments.
	sb.header = filepath.Join(b.TempDir(), "header")
	if err := os.WriteFile(sb.header, []byte("X-Horusec-Authorization: Bearer "+accessToken(b, p)+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	return sb
}

// accessToken logs the demo Manager in, for curl.
func accessToken(tb testing.TB, p platform) string {
	tb.Helper()
	body, _ := json.Marshal(map[string]string{"username": horusectest.ManagerEmail, "password": horusectest.ManagerPassword})
	res, err := http.Post(p.Auth+"/auth/authenticate/login", "application/json", bytes.NewReader(body))
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var env struct {
		Content struct {
			AccessToken string `json:"accessToken"`
		} `json:"content"`
	}
	if err := json.NewDecoder(res.Body).Decode(&env); err != nil || env.Content.AccessToken == "" {
		tb.Fatalf("login: %v", err)
	}
	return env.Content.AccessToken
}

// name is the i-th repository's name (from 1).
func (sb *scaleBench) name(i int) string { return horusectest.ScaleName(i, sb.n) }

// floors measures one curl of query: curl's own time_total, and the time
// until want is on the floor terminal's screen when curl runs there. grep
// prints the name once curl has the whole answer (one line of JSON), so
// nothing scrolls it away.
func (sb *scaleBench) floors(b *testing.B, ft *term, query, want string) (curl, term time.Duration) {
	b.Helper()
	return curlTime(b, sb.curl, sb.header, sb.base+"?"+query), sb.floor(ft, query, want)
}

func (sb *scaleBench) floor(ft *term, query, want string) time.Duration {
	ft.blank(want)
	start := time.Now()
	ft.tmux("respawn-pane", "-k", "-t", "e2e", "--", "sh", "-c",
		sb.curl+` -sS -H @`+sb.header+` '`+sb.base+"?"+query+`' | grep -o '"name":"`+want+`"'; exec sleep 3600`)
	ft.pollFast(want)
	return time.Since(start)
}

// program starts the program with the list of workspaces filtered down
// to the Scale workspace, so that Enter opens it.
func (sb *scaleBench) program(b *testing.B) *term {
	tm := sb.s.open(b, 120, 40)
	tm.WaitFor("Workspaces · ")
	tm.Press("/")
	tm.Type(horusectest.ScaleWorkspace)
	tm.Press("Enter")
	tm.WaitFor("▌ " + horusectest.ScaleWorkspace)
	return tm
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

func report(b *testing.B, prog, curl, term time.Duration, what string) {
	n := float64(b.N)
	b.ReportMetric(float64(prog.Nanoseconds())/n, "ns/op")
	b.ReportMetric(float64(prog.Microseconds())/n/1000, "ms-"+what)
	b.ReportMetric(float64(curl.Microseconds())/n/1000, "ms-curl")
	b.ReportMetric(float64(term.Microseconds())/n/1000, "ms-curl-term")
	if curl > 0 && term > 0 {
		b.ReportMetric(float64(prog)/float64(curl), "x-curl")
		b.ReportMetric(float64(prog)/float64(term), "x-curl-term")
	}
}

var scaleSizes = []int{1000, 10000}

// BenchmarkRepositoriesOpen: Enter on the workspace until its first
// repository is on screen. Floor: one curl of the first page.
func BenchmarkRepositoriesOpen(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			sb := newScaleBench(b, n)
			tm := sb.program(b)
			ft := startTerm(b, 120, 40, sb.s.env, "sleep", "3600")
			var prog, curl, term time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c, t := sb.floors(b, ft, fmt.Sprintf("page=1&size=%d", repositories.PageSize), sb.name(1))
				curl, term = curl+c, term+t
				b.StartTimer()
				start := time.Now()
				sb.enter(tm)
				prog += time.Since(start)
				b.StopTimer()
				sb.leave(tm)
			}
			report(b, prog, curl, term, "open")
		})
	}
}

// BenchmarkRepositoriesLast: one press of G in the tab just opened, until
// the last repository is on screen under the cursor. Floor: one curl of
// the last page.
func BenchmarkRepositoriesLast(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			sb := newScaleBench(b, n)
			tm := sb.program(b)
			ft := startTerm(b, 120, 40, sb.s.env, "sleep", "3600")
			last := sb.name(n)
			lastPage := (n + repositories.PageSize - 1) / repositories.PageSize
			var prog, curl, term time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c, t := sb.floors(b, ft, fmt.Sprintf("page=%d&size=%d", lastPage, repositories.PageSize), last)
				curl, term = curl+c, term+t
				sb.enter(tm)
				b.StartTimer()
				start := time.Now()
				tm.Press("G")
				tm.pollFast("▌ " + last)
				prog += time.Since(start)
				b.StopTimer()
				sb.leave(tm)
			}
			report(b, prog, curl, term, "last")
		})
	}
}

// BenchmarkRepositoriesSearch: a search typed into the tab, from the last
// key until its answer's first page is on screen. The program waits
// repositories.SearchDelay after the last key before it asks (so that
// typing a word sends one search); ms-search-after-pause and
// x-curl-after-pause leave that pause out. Floor: one curl of the search.
func BenchmarkRepositoriesSearch(b *testing.B) {
	for _, n := range scaleSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			sb := newScaleBench(b, n)
			tm := sb.program(b)
			ft := startTerm(b, 120, 40, sb.s.env, "sleep", "3600")
			q := sb.name(n - n/100) // repo-09900 of 10,000, repo-0990 of 1,000
			q = q[:len(q)-2]        // repo-099, repo-09: 100 matches
			first := q + "00"       // the first of them
			var prog, curl, term time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c, t := sb.floors(b, ft, fmt.Sprintf("page=1&search=%s&size=%d", q, repositories.PageSize), first)
				curl, term = curl+c, term+t
				sb.enter(tm)
				tm.Press("/")
				b.StartTimer()
				start := time.Now()
				tm.Type(q)
				tm.pollFast("“" + q + "” · ") // the first page of the answer is in
				prog += time.Since(start)
				b.StopTimer()
				tm.WaitFor("“" + q + "” · 100 found") // and then the rest
				if s := tm.Screen(); !bytes.Contains([]byte(s), []byte("▌ "+first)) {
					b.Fatalf("the search's first match is not under the cursor:\n%s", s)
				}
				tm.Press("Escape") // the search goes
				tm.WaitFor("Repositories · ")
				sb.leave(tm)
			}
			report(b, prog, curl, term, "search")
			pause := repositories.SearchDelay * time.Duration(b.N)
			b.ReportMetric(float64((prog-pause).Microseconds())/float64(b.N)/1000, "ms-search-after-pause")
			if curl > 0 {
				b.ReportMetric(float64(prog-pause)/float64(curl), "x-curl-after-pause")
			}
		})
	}
}

// BenchmarkPeakMemoryRepositories runs the program on the Scale workspace
// of 10,000 repositories, loads all of them (a search that matches every
// one, then G, which loads to the end) and reads the process's peak
// resident memory (VmHWM).
func BenchmarkPeakMemoryRepositories(b *testing.B) {
	sb := newScaleBench(b, 10000)
	var peak float64
	for i := 0; i < b.N; i++ {
		tm := sb.program(b)
		sb.enter(tm)
		tm.Press("/")
		tm.Type("repo-")
		tm.WaitFor("“repo-” · ", "found so far")
		tm.Press("Enter")
		tm.Press("G")
		tm.WaitFor("▌ repo-10000", "“repo-” · 10,000 found · row 10,000")
		kb := vmHWM(b, tm.ProgramPID())
		peak = max(peak, float64(kb)/1024)
		tm.Press("C-c")
		tm.WaitExit()
	}
	b.ReportMetric(peak, "peak-MB")
}

// curlTime is curl's own time_total for one GET of url.
func curlTime(b *testing.B, curl, header, url string) time.Duration {
	b.Helper()
	out, err := exec.Command(curl, "-sS", "-o", "/dev/null", "-w", "%{time_total}", "-H", "@"+header, url).Output()
	if err != nil {
		b.Fatalf("curl: %v", err)
	}
	secs, err := strconv.ParseFloat(string(bytes.TrimSpace(out)), 64)
	if err != nil {
		b.Fatalf("curl's time_total %q: %v", out, err)
	}
	return time.Duration(secs * float64(time.Second))
}

// BenchmarkRepositoriesLastInProcess is BenchmarkRepositoriesLast without
// the terminal: the whole program model (Update and View, as Bubble Tea
// runs them) on the demo platform costed as the real one, from G until
// the last repository is drawn under the cursor, against curl's own time
// for the last page. On a busy machine the terminal's share (tmux started
// for every key and every look at the screen) dwarfs both; this compares
// like with like.
func BenchmarkRepositoriesLastInProcess(b *testing.B) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		b.Skip("curl is needed for the floor (apt-get install curl)")
	}
	for _, n := range scaleSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true, ScaleRepositories: n, ListCost: horusectest.RealListCost})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(srv.Close)
			p := platform{Auth: srv.AuthURL, Core: srv.CoreURL, Analytic: srv.AnalyticURL, API: srv.APIURL}
			c := platformClient(b, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
			header := filepath.Join(b.TempDir(), "header")
			if err := os.WriteFile(header, []byte("X-Horusec-Authorization: Bearer "+accessToken(b, p)+"\n"), 0o600); err != nil {
				b.Fatal(err)
			}
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
			var prog, floor time.Duration
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				floor += curlTime(b, curl, header, url)
				pm.key("enter")
				pm.waitFor("▌ " + horusectest.ScaleName(1, n))
				b.StartTimer()
				start := time.Now()
				pm.key("G")
				pm.waitFor("▌ " + last)
				prog += time.Since(start)
				b.StopTimer()
				pm.send(tea.KeyMsg{Type: tea.KeyEsc})
				pm.waitFor("▌ " + horusectest.ScaleWorkspace)
			}
			nn := float64(b.N)
			b.ReportMetric(float64(prog.Nanoseconds())/nn, "ns/op")
			b.ReportMetric(float64(prog.Microseconds())/nn/1000, "ms-last")
			b.ReportMetric(float64(floor.Microseconds())/nn/1000, "ms-curl")
			if floor > 0 {
				b.ReportMetric(float64(prog)/float64(floor), "x-curl")
			}
		})
	}
}
