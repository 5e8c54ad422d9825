package e2e

// Benchmarks of the Vulnerabilities tab at scale: 'horusec-tui demo-server
// --vuln-files 10000 --file-findings 2000' (the workspace "Findings": ten
// thousand files of one finding, and src/generated/big.go with two
// thousand), driven in a real terminal, against the two floors of
// bench_helpers_test.go for the request the program makes. The key-press
// costs while a page loads are in tui/vulnerabilities
// (BenchmarkVulnKeyWhileLoading, BenchmarkVulnPageArrives).

import (
	"context"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/horusectest/curlfloor"
)

const (
	benchVulnFiles    = 10000
	benchFileFindings = 2000
	vulnPageSize      = 100   // tui/vulnerabilities' first page
	vulnBulkSize      = 50000 // and what G asks for
)

// vulnBench is a demo-server with the Findings workspace, a session of its
// Manager, and the curl floor.
type vulnBench struct {
	s     session
	base  string // the workspace's vulnerability routes
	repo1 string // the route of findings-01, which holds the big file
	floor curlfloor.Floor
}

func newVulnBench(b *testing.B) *vulnBench {
	b.Helper()
	requireTmux(b)
	p := startDemoServer(b, "--vuln-files", strconv.Itoa(benchVulnFiles), "--file-findings", strconv.Itoa(benchFileFindings))
	c := platformClient(b, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	wsID := workspaceID(b, c, horusectest.FindingsWorkspace)
	vb := &vulnBench{s: loggedIn(b, p), floor: curlfloor.New(b, c.Session().AccessToken), base: p.Vulnerability + "/vulnerability/management/workspace/" + wsID}
	vb.repo1 = vb.base + "/repository/" + repositoryID(b, c, wsID, horusectest.FindingsRepositoryName(1))
	return vb
}

func (vb *vulnBench) filesURL(size int) string {
	return vb.base + "/files?page=1&size=" + strconv.Itoa(size) + "&vulnType=Vulnerability"
}

func (vb *vulnBench) bigFileURL(size int) string {
	return vb.repo1 + "/files/vulnerabilities?page=1&size=" + strconv.Itoa(size) + "&vulnType=Vulnerability&vulnFile=" + horusectest.BigFile
}

// floors measures one curl of url, until want is on the floor terminal's
// screen.
func (vb *vulnBench) floors(b *testing.B, url, want string) func() (curl, term time.Duration) {
	ft := floorTerm(b, vb.s)
	return func() (time.Duration, time.Duration) { return floors(b, vb.floor, ft, url, want) }
}

// program starts the program on the list of workspaces filtered to
// Findings, with the Webhooks tab (the last) open, so that one shift+tab
// opens the Vulnerabilities tab.
func (vb *vulnBench) program(b *testing.B) *term {
	return openFiltered(b, vb.s, horusectest.FindingsWorkspace)
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
	benchRound{
		floors: vb.floors(b, vb.filesURL(vulnPageSize), horusectest.BigFile),
		set:    func() { vb.enter(tm) },
		act:    func() { vb.openTab(tm) },
		undo:   func() { vb.leave(tm) },
	}.run(b, "open")
}

// BenchmarkVulnFilesLast: G in the tab just opened, until the last of the
// 10,001 files is on screen under the cursor. Floor: one curl of the
// request G makes (the rest of the list: where the last row is cannot be
// worked out, as the workspace view's totalItems counts paths).
func BenchmarkVulnFilesLast(b *testing.B) {
	vb := newVulnBench(b)
	tm := vb.program(b)
	last := horusectest.FindingsFileName(benchVulnFiles, benchVulnFiles)
	benchRound{
		floors: vb.floors(b, vb.filesURL(vulnBulkSize), last),
		set: func() {
			vb.enter(tm)
			vb.openTab(tm)
			tm.WaitFor("100 files · more load as you scroll")
		},
		act: func() {
			tm.Press("G")
			tm.pollFast("▌ " + last)
		},
		undo: func() {
			tm.WaitFor("10,001 files")
			vb.leave(tm)
		},
	}.run(b, "last")
}

var lastFindingRE = regexp.MustCompile(`(?m)^▌ +INFO `)

// BenchmarkVulnFindingsLast: G in the findings of the file of 2,000 just
// opened, until the last finding (an INFO one: the platform lists them
// last) is under the cursor. Floor: one curl of the request G makes.
func BenchmarkVulnFindingsLast(b *testing.B) {
	vb := newVulnBench(b)
	tm := vb.program(b)
	benchRound{
		floors: vb.floors(b, vb.bigFileURL(vulnBulkSize), `"severity":"INFO"`),
		set: func() {
			vb.enter(tm)
			vb.openTab(tm)
			tm.Press("Enter")
			tm.WaitFor(horusectest.BigFile + " · findings-01 · 2,000 findings")
		},
		act: func() {
			tm.Press("G")
			pollFastRE(tm, lastFindingRE)
		},
		undo: func() {
			tm.Press("Escape") // back to the files
			tm.WaitGone("2,000 findings")
			vb.leave(tm)
		},
	}.run(b, "last")
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
	r, err := c.FindRepository(context.Background(), wsID, name)
	if err != nil {
		tb.Fatal(err)
	}
	return r.RepositoryID
}
