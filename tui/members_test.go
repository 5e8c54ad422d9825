package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/workspace"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

// demoShell is the whole program on the demo platform, logged in as its
// Manager, at w×h.
func demoShell(t *testing.T, w, h int) *Model {
	t.Helper()
	srv, c := tuitest.Demo(t, horusectest.Options{DisableEmails: true}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	m := New(Options{Client: c, AuthConfig: &cfg, Host: HostOf(srv.AuthURL)})
	drive(m, tea.WindowSizeMsg{Width: w, Height: h})
	drive(m, m.Init()())
	return m
}

// drive hands m each message and then what it leads to (the platform's
// replies, screens opened and closed, status lines), until nothing is
// left; timers and cursor blinks are not run.
func drive(m *Model, msgs ...tea.Msg) {
	queue := msgs
	for len(queue) > 0 {
		msg := queue[0]
		queue = queue[1:]
		for _, out := range send(m, msg) {
			switch out.(type) {
			case common.Reply, common.PushMsg, common.PopMsg, common.StatusMsg, common.ShowTabMsg:
				queue = append(queue, out)
			}
		}
	}
}

// pressKeys presses each key in turn, as drive does.
func pressKeys(m *Model, ks ...string) {
	for _, k := range ks {
		drive(m, tuitest.Key(k))
	}
}

// At 60×15, the smallest size, the invite form scrolls to its focused
// Role field: its label and every option are on screen, cut with "…",
// with the form's buttons under them and the footer's keys.
func TestInviteRoleFieldAtTheSmallestSize(t *testing.T) {
	m := demoShell(t, 60, 15)
	pressKeys(m, "enter", "tab", "tab", "n", "tab")
	frame := string(tuitest.Screen(m))
	for _, want := range []string{"› Role", "○ Manager", "○ Supervisor", "● User", "Invite (ctrl+s)", "↑/↓ choose", "…"} {
		if !strings.Contains(frame, want) {
			t.Errorf("%q is not on screen:\n%s", want, frame)
		}
	}
	tuitest.Fits(t, frame, 60, 0)
}

// In the Members tab esc does one thing per press: it takes a notice away
// and nothing else (the next e is not the workspace list's "edit"), and
// two esc read together as one alt+esc act twice.
func TestEscInTheMembersTabDoesOneThingPerPress(t *testing.T) {
	m := demoShell(t, 100, 30)
	pressKeys(m, "enter", "tab", "tab")
	if !strings.Contains(m.View(), "manager (you)") {
		t.Fatalf("not the Members tab:\n%s", m.View())
	}
	pressKeys(m, "G", "k", "e") // the members by name: …, manager, user
	if !strings.Contains(m.View(), "This is you.") {
		t.Fatalf("no notice:\n%s", m.View())
	}
	pressKeys(m, "esc")
	if _, ok := m.Top().(*workspace.Model); !ok || strings.Contains(m.View(), "This is you.") {
		t.Fatalf("esc did not only take the notice away: %T\n%s", m.Top(), m.View())
	}
	pressKeys(m, "e")
	if v := m.View(); strings.Contains(v, "Edit workspace") || !strings.Contains(v, "This is you.") {
		t.Fatalf("e after esc:\n%s", v)
	}
	// Two quick esc: the notice goes, then the workspace is left.
	drive(m, tea.KeyMsg{Type: tea.KeyEsc, Alt: true})
	if _, ok := m.Top().(*workspaces.Model); !ok {
		t.Fatalf("after two quick esc the top screen is %T", m.Top())
	}
}

// The role table (P) scrolls with j/k at 80×24 and 60×15, in a box that
// keeps its bottom border and the key line, every role column on screen:
// j brings its last line into view, k takes it back to the top.
func TestRoleTableScrollsAtTheSmallSizes(t *testing.T) {
	lastRow := regexp.MustCompile(`See the repository.*✓\s+✓\s+✓`)
	for _, size := range [][2]int{{80, 24}, {60, 15}} {
		w, h := size[0], size[1]
		m := demoShell(t, w, h)
		pressKeys(m, "enter", "tab", "tab", "P")
		flat := func() string {
			return strings.Join(strings.Fields(strings.ReplaceAll(ansi.Strip(m.View()), "│", " ")), " ")
		}
		sawLastRow := false
		for n := 0; !strings.Contains(flat(), "admin, supervisor and member."); n++ {
			if n == 30 {
				t.Fatalf("%dx%d: j does not bring the table's end into view:\n%s", w, h, tuitest.Screen(m))
			}
			pressKeys(m, "j")
			tuitest.Whole(t, m.View(), w, h)
			screen := string(tuitest.Screen(m))
			sawLastRow = sawLastRow || lastRow.MatchString(screen)
			if !strings.Contains(screen, "╰") || !strings.Contains(screen, "scroll") {
				t.Fatalf("%dx%d: no bottom border, or no word of scrolling:\n%s", w, h, screen)
			}
		}
		if !sawLastRow {
			t.Errorf("%dx%d: the last row was never shown with its three marks", w, h)
		}
		for range 30 {
			pressKeys(m, "k")
		}
		if !strings.Contains(flat(), "What each role may do") {
			t.Errorf("%dx%d: k does not take the table back to its top:\n%s", w, h, tuitest.Screen(m))
		}
	}
}
