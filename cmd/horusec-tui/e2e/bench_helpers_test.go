package e2e

// What the benchmarks in a terminal share: the curl floor each figure is
// compared with, the round each benchmark repeats (floors and set-up with
// the clock stopped, the measured act, the way back), and the metrics they
// report. Each figure has two floors measured in the same run: curl's own
// time for the same request (ms-curl, x-curl: the strict one, as the
// platform's figures were measured), and one curl of it run in a terminal
// of the same size until the same text is on screen (ms-curl-term,
// x-curl-term: process starts and the terminal included, as in
// BenchmarkFirstFrame).

import (
	"regexp"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client/horusectest/curlfloor"
)

// floors measures one curl of url: its own time, and the time until want
// is on the floor terminal ft's screen when curl runs there. grep prints
// the first match of want once curl has the whole answer (one line of
// JSON), so nothing scrolls it away.
func floors(b *testing.B, f curlfloor.Floor, ft *term, url, want string) (curl, term time.Duration) {
	b.Helper()
	curl = f.Own(b, url)
	ft.blank(want)
	start := time.Now()
	ft.tmux("respawn-pane", "-k", "-t", "e2e", "--", "sh", "-c",
		f.Shell(url)+` | grep -o -m1 '`+regexp.QuoteMeta(want)+`'; exec sleep 3600`)
	ft.pollFast(want)
	return curl, time.Since(start)
}

// floorTerm is the terminal the floor's curl runs in, as large as the
// program's.
func floorTerm(b *testing.B, s session) *term {
	return startTerm(b, 120, 40, s.env, "sleep", "3600")
}

// openFiltered starts the program with the list of workspaces filtered
// down to the workspace named ws, under the cursor, so that Enter opens it.
func openFiltered(b *testing.B, s session, ws string) *term {
	tm := s.open(b, 120, 40)
	tm.WaitFor("Workspaces · ")
	tm.Press("/")
	tm.Type(ws)
	tm.Press("Enter")
	tm.WaitFor("▌ " + ws)
	return tm
}

// benchRound is what one iteration of a benchmark in a terminal does.
type benchRound struct {
	floors func() (curl, term time.Duration) // the floors of this round
	set    func()                            // what comes before the measured act
	act    func()                            // the act, timed
	undo   func()                            // back to where set starts
}

// run repeats the round b.N times with the clock running only during act,
// reports the mean times against the floors as ms-<what>, and returns the
// totals.
func (r benchRound) run(b *testing.B, what string) (prog, curl, term time.Duration) {
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c, t := r.floors()
		curl, term = curl+c, term+t
		if r.set != nil {
			r.set()
		}
		b.StartTimer()
		start := time.Now()
		r.act()
		prog += time.Since(start)
		b.StopTimer()
		r.undo()
	}
	report(b, prog, curl, term, what)
	return prog, curl, term
}

func report(b *testing.B, prog, curl, term time.Duration, what string) {
	n := float64(b.N)
	b.ReportMetric(float64(prog.Nanoseconds())/n, "ns/op")
	b.ReportMetric(float64(prog.Microseconds())/n/1000, "ms-"+what)
	b.ReportMetric(float64(curl.Microseconds())/n/1000, "ms-curl")
	if term > 0 {
		b.ReportMetric(float64(term.Microseconds())/n/1000, "ms-curl-term")
	}
	if curl > 0 {
		b.ReportMetric(float64(prog)/float64(curl), "x-curl")
	}
	if curl > 0 && term > 0 {
		b.ReportMetric(float64(prog)/float64(term), "x-curl-term")
	}
}

// reportPeak runs the program b.N times, each up to where load leaves it,
// reads its peak resident memory (VmHWM) there, quits it, and reports the
// largest as peak-MB.
func reportPeak(b *testing.B, load func() *term) {
	var peak float64
	for i := 0; i < b.N; i++ {
		tm := load()
		peak = max(peak, float64(vmHWM(b, tm.ProgramPID()))/1024)
		tm.Press("C-c")
		tm.WaitExit()
	}
	b.ReportMetric(peak, "peak-MB")
}
