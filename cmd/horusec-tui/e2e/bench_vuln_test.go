package e2e

// Benchmarks of the Vulnerabilities tab at scale: 'horusec-tui demo-server
// --vuln-files 10000 --file-findings 2000' (the workspace "Findings": ten
// thousand files of one finding, and src/generated/big.go with two
// thousand), driven in a real terminal. Each figure has the two floors of
// bench_repos_test.go, measured in the same run: curl's own time for the
// request the program makes (ms-curl, x-curl), and that curl run in a
// terminal of the same size until the same name is on screen
// (ms-curl-term, x-curl-term). The key-press costs while a page loads are
// in tui/vulnerabilities (BenchmarkVulnKeyWhileLoading, BenchmarkVulnPageArrives).

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

const (
	benchVulnFiles    = 10000
	benchFileFindings = 2000
	vulnPageSize      = 100   // tui/vulnerabilities' first page
	vulnBulkSize      = 50000 // and what G asks for
)

// vulnBench is a demo-server with the Findings workspace, a session of its
// Manager, and what the curl floor needs.
type vulnBench struct {
	p      platform
	s      session
	base   string // the workspace's vulnerability routes
	repo1  string // the route of findings-01, which holds the big file
	header string
	curl   string
}

func newVulnBench(b *testing.B) *vulnBench {
	b.Helper()
	requireTmux(b)
	curl, err := exec.LookPath("curl")
	if err != nil {
		b.Skip("curl is needed for the floor (apt-get install curl)")
	}
	p := startDemoServer(b, "--vuln-files", strconv.Itoa(benchVulnFiles), "--file-findings", strconv.Itoa(benchFileFindings))
	c := platformClient(b, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	wsID := workspaceID(b, c, horusectest.FindingsWorkspace)
	vb := &vulnBench{p: p, s: loggedIn(b, p), curl: curl, base: p.Vulnerability + "/vulnerability/management/workspace/" + wsID}
	vb.repo1 = vb.base + "/repository/" + repositoryID(b, c, wsID, horusectest.FindingsRepositoryName(1))
	vb.header = filepath.Join(b.TempDir(), "header")
	if err := os.WriteFile(vb.header, []byte("X-Horusec-Authorization: Bearer "+accessToken(b, p)+"\n"), 0o600); err != nil {
		b.Fatal(err)
	}
	return vb
}

func (vb *vulnBench) filesURL(size int) string {
	return vb.base + "/files?page=1&size=" + strconv.Itoa(size) + "&vulnType=Vulnerability"
}

func (vb *vulnBench) bigFileURL(size int) string {
	return vb.repo1 + "/files/vulnerabilities?page=1&size=" + strconv.Itoa(size) + "&vulnType=Vulnerability&vulnFile=" + horusectest.BigFile
}

// floors measures one curl of url: its own time, and the time until want
// is on the floor terminal's screen when curl runs there (grep prints it
// once curl has the whole answer).
func (vb *vulnBench) floors(b *testing.B, ft *term, url, want string) (curl, term time.Duration) {
	b.Helper()
	curl = curlTime(b, vb.curl, vb.header, url)
	ft.blank(want)
	start := time.Now()
	ft.tmux("respawn-pane", "-k", "-t", "e2e", "--", "sh", "-c",
		vb.curl+` -sS -H @`+vb.header+` '`+url+`' | grep -o -m1 '`+regexp.QuoteMeta(want)+`'; exec sleep 3600`)
	ft.pollFast(want)
	return curl, time.Since(start)
}

// program starts the program on the list of workspaces filtered to
// Findings, with the Webhooks tab (the last) open, so that one shift+tab
// opens the Vulnerabilities tab.
func (vb *vulnBench) program(b *testing.B) *term {
	tm := vb.s.open(b, 120, 40)
	tm.WaitFor("Workspaces · ")
	tm.Press("/")
	tm.Type(horusectest.FindingsWorkspace)
	tm.Press("Enter")
	tm.WaitFor("▌ " + horusectest.FindingsWorkspace)
	return tm
}

// enter opens the workspace on its Webhooks tab.
func (vb *vulnBench) enter(tm *term) {
	tm.Press("Enter")
	tm.WaitFor(horusectest.FindingsWorkspace + " · your role: Manager")
	tm.Press("BTab")
	tm.WaitFor("No webhooks yet")
}

// leave goes back to the list of workspaces.
func (vb *vulnBench) leave(tm *term) {
	tm.Press("Escape")
	tm.WaitGone("your role: Manager")
}

// openTab is shift+tab from Webhooks to Vulnerabilities until the first
// file (the big one) is on screen under the cursor.
func (vb *vulnBench) openTab(tm *term) {
	tm.Press("BTab")
	tm.pollFast("▌ " + horusectest.BigFile)
}

// BenchmarkVulnOpen: the Vulnerabilities tab of a workspace of 10,001
// files, from the key until its first file is on screen. Floor: one curl
// of the first page the program asks for.
func BenchmarkVulnOpen(b *testing.B) {
	vb := newVulnBench(b)
	tm := vb.program(b)
	ft := startTerm(b, 120, 40, vb.s.env, "sleep", "3600")
	var prog, curl, term time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, t := vb.floors(b, ft, vb.filesURL(vulnPageSize), horusectest.BigFile)
		curl, term = curl+c, term+t
		vb.enter(tm)
		b.StartTimer()
		start := time.Now()
		vb.openTab(tm)
		prog += time.Since(start)
		b.StopTimer()
		vb.leave(tm)
	}
	report(b, prog, curl, term, "open")
}

// BenchmarkVulnFilesLast: G in the tab just opened, until the last of the
// 10,001 files is on screen under the cursor. Floor: one curl of the
// request G makes (the rest of the list: where the last row is cannot be
// worked out, as the workspace view's totalItems counts paths).
func BenchmarkVulnFilesLast(b *testing.B) {
	vb := newVulnBench(b)
	tm := vb.program(b)
	ft := startTerm(b, 120, 40, vb.s.env, "sleep", "3600")
	last := horusectest.FindingsFileName(benchVulnFiles, benchVulnFiles)
	var prog, curl, term time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, t := vb.floors(b, ft, vb.filesURL(vulnBulkSize), last)
		curl, term = curl+c, term+t
		vb.enter(tm)
		vb.openTab(tm)
		tm.WaitFor("100 files · more load as you scroll")
		b.StartTimer()
		start := time.Now()
		tm.Press("G")
		tm.pollFast("▌ " + last)
		prog += time.Since(start)
		b.StopTimer()
		tm.WaitFor("10,001 files")
		vb.leave(tm)
	}
	report(b, prog, curl, term, "last")
}

var lastFindingRE = regexp.MustCompile(`(?m)^▌ +INFO `)

// BenchmarkVulnFindingsLast: G in the findings of the file of 2,000 just
// opened, until the last finding (an INFO one: the platform lists them
// last) is under the cursor. Floor: one curl of the request G makes.
func BenchmarkVulnFindingsLast(b *testing.B) {
	vb := newVulnBench(b)
	tm := vb.program(b)
	ft := startTerm(b, 120, 40, vb.s.env, "sleep", "3600")
	var prog, curl, term time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, t := vb.floors(b, ft, vb.bigFileURL(vulnBulkSize), `"severity":"INFO"`)
		curl, term = curl+c, term+t
		vb.enter(tm)
		vb.openTab(tm)
		tm.Press("Enter")
		tm.WaitFor(horusectest.BigFile + " · findings-01 · 2,000 findings")
		b.StartTimer()
		start := time.Now()
		tm.Press("G")
		pollFastRE(tm, lastFindingRE)
		prog += time.Since(start)
		b.StopTimer()
		tm.Press("Escape") // back to the files
		tm.WaitGone("2,000 findings")
		vb.leave(tm)
	}
	report(b, prog, curl, term, "last")
}

// pollFastRE waits for re as tightly as tmux allows, for measuring.
func pollFastRE(t *term, re *regexp.Regexp) {
	t.tb.Helper()
	deadline := time.Now().Add(waitTime)
	for !re.MatchString(t.Screen()) {
		if time.Now().After(deadline) {
			t.tb.Fatalf("waited %v for %s; the screen shows:\n%s", waitTime, re, t.Screen())
		}
	}
}

// repositoryID is the id of the repository named name.
func repositoryID(tb testing.TB, c *client.Client, wsID, name string) string {
	tb.Helper()
	rs, err := c.Repositories(context.Background(), wsID, client.RepositoryQuery{Page: 1, Search: name})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range rs {
		if r.Name == name {
			return r.RepositoryID
		}
	}
	tb.Fatalf("no repository %q", name)
	return ""
}
