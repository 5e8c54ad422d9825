package e2e

// Benchmarks of what a person feels: the time to the first frame with
// data, one key press on long lists, filtering as one types, and the
// memory a long list takes. 'make bench' runs them; the README's
// "Performance" table comes from its output.

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui"
)

// BenchmarkFirstFrame starts the program in a real terminal (tmux) against
// the demo platform on loopback, with a stored session, and stops the
// clock when the first workspace name is on screen. In the same iteration
// and the same terminal it runs the floor: a shell script that logs in and
// lists the workspaces with curl, timed until the list's first name is on
// screen. ns/op is the program's time; ms-curl-floor and x-floor compare
// the two.
func BenchmarkFirstFrame(b *testing.B) {
	requireTmux(b)
	curl, err := exec.LookPath("curl")
	if err != nil {
		b.Skip("curl is needed for the floor (apt-get install curl)")
	}
	p := startDemoServer(b)
	s := loggedIn(b, p)
	dir := b.TempDir()
	body, _ := json.Marshal(map[string]string{"username": horusectest.ManagerEmail, "password": horusectest.ManagerPassword})
	if err := os.WriteFile(filepath.Join(dir, "login.json"), body, 0o600); err != nil {
		b.Fatal(err)
	}
	script := filepath.Join(dir, "floor.sh")
	if err := os.WriteFile(script, []byte(`#!/bin/sh
T=$(`+curl+` -sS -X POST -H 'Content-Type: application/json' --data-binary @`+filepath.Join(dir, "login.json")+` `+p.Auth+`/auth/authenticate/login | sed -n 's/.*"accessToken":"\([^"]*\)".*/\1/p')
`+curl+` -sS -H "X-Horusec-Authorization: Bearer $T" `+p.Core+`/core/workspaces
exec sleep 3600
`), 0o700); err != nil {
		b.Fatal(err)
	}
	tm := startTerm(b, 120, 40, s.env, "sleep", "3600")
	// The list's first name, as each shows it.
	const first = "Acme Platform"

	var prog, floor time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		tm.blank(first)
		start := time.Now()
		tm.tmux("respawn-pane", "-k", "-t", "e2e", "--", script)
		tm.pollFast(first)
		floor += time.Since(start)
		tm.blank(first)

		b.StartTimer()
		start = time.Now()
		tm.tmux("respawn-pane", "-k", "-t", "e2e", "--", bin, "--insecure-storage")
		tm.pollFast(first)
		prog += time.Since(start)
		b.StopTimer()
	}
	n := float64(b.N)
	b.ReportMetric(float64(prog.Nanoseconds())/n, "ns/op")
	b.ReportMetric(float64(floor.Microseconds())/n/1000, "ms-curl-floor")
	b.ReportMetric(float64(prog.Microseconds())/n/1000, "ms-first-frame")
	if floor > 0 {
		b.ReportMetric(float64(prog)/float64(floor), "x-floor")
	}
}

// blank replaces whatever runs in the terminal with an empty screen.
func (t *term) blank(gone string) {
	t.tmux("respawn-pane", "-k", "-t", "e2e", "--", "sleep", "3600")
	t.tmux("clear-history", "-t", "e2e")
	t.WaitGone(gone)
}

// pollFast waits for text as tightly as tmux allows, for measuring.
func (t *term) pollFast(text string) {
	t.tb.Helper()
	deadline := time.Now().Add(waitTime)
	for !strings.Contains(t.Screen(), text) {
		if time.Now().After(deadline) {
			t.tb.Fatalf("waited %v for %q; the screen shows:\n%s", waitTime, text, t.Screen())
		}
	}
}

// BenchmarkPeakMemory runs the program in a real terminal on 10,000
// workspaces, shows the list, jumps to its end and filters it, then reads
// the process's peak resident memory (VmHWM).
func BenchmarkPeakMemory(b *testing.B) {
	requireTmux(b)
	l := startLive(b)
	mgr, _ := l.AccountID(horusectest.ManagerEmail)
	for i := range 10000 - 5 { // the Manager already has 5
		if _, err := l.AddWorkspace(fmt.Sprintf("ws-%05d", i), map[string]string{mgr: "admin"}); err != nil {
			b.Fatal(err)
		}
	}
	s := loggedIn(b, l.platform())
	reportPeak(b, func() *term {
		tm := s.open(b, 120, 40)
		tm.WaitFor("Workspaces · 10000")
		tm.Press("G")
		tm.WaitFor("▌ ws-09994")
		tm.Type("/")
		tm.Type("ws-0999")
		tm.WaitFor("ws-09990", "ws-09994")
		return tm
	})
}

func vmHWM(tb testing.TB, pid string) int {
	tb.Helper()
	status, err := os.ReadFile(filepath.Join("/proc", pid, "status"))
	if err != nil {
		tb.Fatal(err)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			if err != nil {
				tb.Fatal(err)
			}
			return kb
		}
	}
	tb.Fatal("no VmHWM in /proc/" + pid + "/status")
	return 0
}

// --- one key press, through the whole program model ---

// pump runs the program model's commands the way Bubble Tea would, until
// the screen shows what a test waits for. Commands that wait (ticks) run
// on their own and are dropped when nobody listens any more.
type pump struct {
	tb testing.TB
	m  tea.Model
	ch chan tea.Msg
}

func newPump(tb testing.TB, m tea.Model) *pump {
	p := &pump{tb: tb, m: m, ch: make(chan tea.Msg, 1024)}
	p.run(m.Init())
	p.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return p
}

func (p *pump) run(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil {
			select {
			case p.ch <- msg:
			default:
			}
		}
	}()
}

func (p *pump) send(msg tea.Msg) {
	if batch, ok := msg.(tea.BatchMsg); ok {
		for _, c := range batch {
			p.run(c)
		}
		return
	}
	m, cmd := p.m.Update(msg)
	p.m = m
	p.run(cmd)
}

func (p *pump) key(k string) {
	switch k {
	case "enter":
		p.send(tea.KeyMsg{Type: tea.KeyEnter})
	case "tab":
		p.send(tea.KeyMsg{Type: tea.KeyTab})
	default:
		p.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
	}
}

func (p *pump) waitFor(texts ...string) {
	p.tb.Helper()
	deadline := time.After(waitTime)
	for {
		v := ansi.Strip(p.m.View())
		ok := true
		for _, t := range texts {
			ok = ok && strings.Contains(v, t)
		}
		if ok {
			return
		}
		select {
		case msg := <-p.ch:
			p.send(msg)
		case <-deadline:
			p.tb.Fatalf("waited %v for %q; the screen shows:\n%s", waitTime, texts, v)
		}
	}
}

// bigPlatform has a Manager with n workspaces, the first of which holds n
// members and n tokens.
func bigPlatform(tb testing.TB, n int) (*horusectest.Server, *client.Client) {
	tb.Helper()
	srv, err := horusectest.NewServer(horusectest.Options{Empty: true, DisableEmails: true})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(srv.Close)
	mgr, err := srv.AddAccount("manager@example.com", "manager", "Manager#2026")
	if err != nil {
		tb.Fatal(err)
	}
	members := map[string]string{mgr: "admin"}
	for i := range n - 1 {
		id, err := srv.AddAccount(fmt.Sprintf("user%05d@example.com", i), fmt.Sprintf("user%05d", i), "x")
		if err != nil {
			tb.Fatal(err)
		}
		members[id] = []string{"member", "supervisor", "admin"}[i%3]
	}
	first, err := srv.AddWorkspace("big-00000", members)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 1; i < n; i++ {
		if _, err := srv.AddWorkspace(fmt.Sprintf("big-%05d", i), map[string]string{mgr: "admin"}); err != nil {
			tb.Fatal(err)
		}
	}
	for i := range n {
		exp := time.Time{}
		if i%2 == 0 {
			exp = time.Now().AddDate(0, 0, 1+i%400)
		}
		if _, err := srv.AddToken(first, "", fmt.Sprintf("pipeline %05d", i), exp); err != nil {
			tb.Fatal(err)
		}
	}
	c, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL, APIURL: srv.APIURL})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := c.Login(context.Background(), "manager@example.com", "Manager#2026"); err != nil {
		tb.Fatal(err)
	}
	return srv, c
}

// listScreens opens, in the whole program, the list of each kind loaded
// with n items.
var listScreens = []struct {
	name string
	open func(p *pump, n int)
}{
	{"workspaces", func(p *pump, n int) { p.waitFor(fmt.Sprintf("Workspaces · %d", n)) }},
	{"tokens", func(p *pump, n int) {
		p.waitFor(fmt.Sprintf("Workspaces · %d", n))
		p.key("enter")
		p.waitFor("big-00000 · your role: Manager")
		p.key("tab")
		p.waitFor(fmt.Sprintf("Tokens (%d)", n))
	}},
	{"members", func(p *pump, n int) {
		p.waitFor(fmt.Sprintf("Workspaces · %d", n))
		p.key("enter")
		p.waitFor("big-00000 · your role: Manager")
		p.key("tab")
		p.key("tab")
		p.waitFor(fmt.Sprintf("Members (%d)", n))
	}},
}

func benchLists(b *testing.B, measure func(b *testing.B, p *pump)) {
	lipgloss.SetColorProfile(termenv.TrueColor) // draw the colours a user sees
	for _, n := range []int{100, 1000, 10000} {
		_, c := bigPlatform(b, n)
		cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
		for _, ls := range listScreens {
			b.Run(fmt.Sprintf("%s/%d", ls.name, n), func(b *testing.B) {
				p := newPump(b, tui.New(tui.Options{Client: c, AuthConfig: &cfg, Profile: "bench", Host: "127.0.0.1"}))
				ls.open(p, n)
				b.ReportAllocs()
				b.ResetTimer()
				measure(b, p)
			})
		}
	}
}

// BenchmarkKeyPress is Update and View of the whole program for one move
// of the cursor (j, then k) on a list of n items.
func BenchmarkKeyPress(b *testing.B) {
	down := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("j")}
	up := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("k")}
	benchLists(b, func(b *testing.B, p *pump) { alternate(b, p, down, up) })
}

// BenchmarkFilterKeystroke is Update and View of the whole program for one
// character typed into the filter of a list of n items (then erased, so
// the next one filters the whole list again).
func BenchmarkFilterKeystroke(b *testing.B) {
	typed := tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("7")}
	erase := tea.KeyMsg{Type: tea.KeyBackspace}
	benchLists(b, func(b *testing.B, p *pump) {
		b.StopTimer()
		p.key("/")
		// The filter is applied as typed, not later: check it once.
		p.send(typed)
		if v := ansi.Strip(p.m.View()); !strings.Contains(v, "00007") || strings.Contains(v, "00001") {
			b.Fatalf("typing 7 did not filter the list:\n%s", v)
		}
		p.send(erase)
		b.StartTimer()
		alternate(b, p, typed, erase)
	})
}

// alternate is Update and View of the whole program for first and second
// in turn, b.N times in all.
func alternate(b *testing.B, p *pump, first, second tea.Msg) {
	for i := 0; i < b.N; i++ {
		msg := first
		if i%2 == 1 {
			msg = second
		}
		p.m.Update(msg)
		_ = p.m.View()
	}
}
