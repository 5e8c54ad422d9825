package vulnerabilities

// What a key costs the tab at scale (the workspace "Findings" of the demo:
// 10,001 files, one of them with 2,000 findings), in process: Bubble Tea
// runs Update and then View for every key, on one goroutine, so their sum
// is how long the key waits. The pages come over HTTP from the demo
// platform in a command (off that goroutine); only the Update that takes
// an answer in runs on it, and a key pressed meanwhile waits for it:
// BenchmarkVulnPageArrives measures that, against curl's own time for the same
// request (x-curl: the share of the fetch a key can wait). The paging in a
// real terminal against its curl floors is in cmd/horusec-tui/e2e
// (BenchmarkVulnOpen, BenchmarkVulnFilesLast, BenchmarkVulnFindingsLast).

import (
	"strconv"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/horusectest/curlfloor"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

const benchFiles, benchFindings = 10000, 2000

type benchTab struct {
	srv    *horusectest.Server
	access string // the Manager's access token, for the curl floor
	m      *Model
}

// newBenchTab opens the Findings workspace's tab at 120×40 with every file
// loaded (G); with big, the findings of the big file, all loaded.
func newBenchTab(b *testing.B, big bool) *benchTab {
	b.Helper()
	srv, cl := tuitest.Demo(b, horusectest.Options{DisableEmails: true, ScaleVulnFiles: benchFiles, ScaleFileFindings: benchFindings},
		horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(b, cl, horusectest.FindingsWorkspace)
	bt := &benchTab{srv: srv, access: cl.Session().AccessToken, m: New(tuitest.Common(cl, time.Now), common.Scope{Workspace: ws})}
	bt.m.SetSize(120, 36)
	bt.settle(bt.m.Init())
	bt.press("G")
	if len(bt.m.forder) != benchFiles+1 {
		b.Fatalf("%d files loaded, want %d", len(bt.m.forder), benchFiles+1)
	}
	if big {
		bt.press("g", "enter", "G")
		if len(bt.m.order) != benchFindings {
			b.Fatalf("%d findings loaded, want %d", len(bt.m.order), benchFindings)
		}
	}
	return bt
}

func (bt *benchTab) settle(cmd tea.Cmd) { tuitest.Answer(bt.m, cmd) }

func (bt *benchTab) press(keys ...string) { tuitest.PressAnswered(bt.m, keys...) }

// keysPerOp is how many keys one op of BenchmarkVulnKeyWhileLoading
// presses, so that a run of a few ops (make bench BENCHFLAGS=-benchtime=5x)
// still times many keys.
const keysPerOp = 100

// BenchmarkVulnKeyWhileLoading: ↓ then ↑ (and, on the findings, space to mark
// and again to unmark) while a reload of the list is on its way, Update
// and View each time; ns/op is per keysPerOp keys, ms-key per key.
func BenchmarkVulnKeyWhileLoading(b *testing.B) {
	for _, c := range []struct {
		name string
		big  bool
		keys []string
	}{
		{"files-10001", false, []string{"down", "up"}},
		{"findings-2000", true, []string{"down", "up"}},
		{"mark-2000", true, []string{" ", "up", " ", "up"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			bt := newBenchTab(b, c.big)
			bt.press("down", "down", "down")
			_ = bt.m.Update(tuitest.Key("r")) // the reload is on its way: not run
			if !bt.m.Loading() {
				b.Fatal("no page on its way")
			}
			keys := make([]tea.KeyMsg, len(c.keys))
			for i, k := range c.keys {
				keys[i] = tuitest.Key(k)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for j := range keysPerOp {
					bt.m.Update(keys[j%len(keys)])
					_ = bt.m.View()
				}
			}
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*keysPerOp)/1000, "ms-key")
		})
	}
}

// BenchmarkVulnPageArrives: the Update (and the View after it) that takes in
// G's answer — all 10,001 files, or all 2,000 findings of the big file —
// against curl's own time for that request.
func BenchmarkVulnPageArrives(b *testing.B) {
	for _, big := range []bool{false, true} {
		name := "files-10001"
		if big {
			name = "findings-2000"
		}
		b.Run(name, func(b *testing.B) {
			bt := newBenchTab(b, big)
			m := bt.m
			var msg tea.Msg
			var url string
			q := "page=1&size=" + strconv.Itoa(bulkSize) + "&vulnType=Vulnerability"
			if big {
				m.vpages.Done, m.vpages.Page = false, 1
				msg = m.findingsToEnd()()
				url = bt.srv.VulnerabilityURL + "/vulnerability/management/workspace/" + m.scope.Workspace.WorkspaceID +
					"/repository/" + m.file.RepositoryID + "/files/vulnerabilities?" + q + "&vulnFile=" + horusectest.BigFile
			} else {
				m.fpages.Done, m.fpages.Page = false, 1
				msg = m.filesToEnd()()
				url = bt.srv.VulnerabilityURL + "/vulnerability/management/workspace/" + m.scope.Workspace.WorkspaceID + "/files?" + q
			}
			floor := curlfloor.New(b, bt.access)
			b.ReportAllocs()
			b.ResetTimer()
			var curl time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				curl += floor.Own(b, url)
				m.fpages.ToEnd, m.vpages.ToEnd = !big, big
				b.StartTimer()
				m.Update(msg)
				_ = m.View()
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/1000, "ms-update")
			b.ReportMetric(float64(curl.Microseconds())/float64(b.N)/1000, "ms-curl")
			if curl > 0 {
				b.ReportMetric(float64(b.Elapsed())/float64(curl), "x-curl")
			}
		})
	}
}
