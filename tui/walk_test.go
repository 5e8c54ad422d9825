package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/workspace"
)

// walkSizes are the terminal most people open, the smallest the program
// supports and a large one.
var walkSizes = [][2]int{{80, 24}, {60, 15}, {160, 45}}

// A walk step: keys pressed, a tab looked for, text typed, the session
// running out, or the terminal resized.
type step struct {
	keys   []string
	tab    string // press tab until the open tab's title starts with it
	text   string // typed into a field, one letter at a time
	expire bool   // the platform says the session expired
	resize [2]int
}

func pressing(k ...string) step { return step{keys: k} }
func toTab(name string) step    { return step{tab: name} }
func typed(s string) step       { return step{text: s} }

var (
	inAcme     = pressing("enter") // Acme Platform, the first workspace by name
	inRepo     = pressing("enter", "enter")
	sessionEnd = step{expire: true}
)

// walks are the screens, tabs, forms, dialogs and overlays of the program,
// each reached from the list of workspaces of the demo platform's Manager
// (or, for "login", from the start without a session).
var walks = []struct {
	name  string
	steps []step
}{
	{"login", nil},
	{"workspaces", nil},
	{"workspaces-help", []step{pressing("?")}},
	{"workspace-new", []step{pressing("n")}},
	{"workspace-edit", []step{pressing("e")}},
	{"workspace-delete", []step{pressing("d")}},
	{"repositories", []step{inAcme}},
	{"repositories-help", []step{inAcme, pressing("?")}},
	{"repository-new", []step{inAcme, pressing("n")}},
	{"repository-edit", []step{inAcme, pressing("e")}},
	{"repository-delete", []step{inAcme, pressing("d")}},
	{"tokens", []step{inAcme, toTab("Tokens")}},
	{"token-new", []step{inAcme, toTab("Tokens"), pressing("n")}},
	{"token-reveal", []step{inAcme, toTab("Tokens"), pressing("n"), typed("walk"), pressing("ctrl+s")}},
	{"token-question", []step{inAcme, toTab("Tokens"), pressing("n"), typed("walk"), pressing("ctrl+s", "enter")}},
	{"token-revoke", []step{inAcme, toTab("Tokens"), pressing("d")}},
	{"members", []step{inAcme, toTab("Members")}},
	{"members-help", []step{inAcme, toTab("Members"), pressing("?")}},
	{"member-invite", []step{inAcme, toTab("Members"), pressing("n")}},
	{"member-remove", []step{inAcme, toTab("Members"), pressing("j", "d")}},
	{"member-role", []step{inAcme, toTab("Members"), pressing("j", "e")}},
	{"permissions", []step{inAcme, toTab("Members"), pressing("P")}},
	{"permissions-end", []step{inAcme, toTab("Members"), pressing("P", "G")}},
	{"dashboard", []step{inAcme, toTab("Dashboard")}},
	{"dashboard-end", []step{inAcme, toTab("Dashboard"), pressing("G")}},
	{"dashboard-help", []step{inAcme, toTab("Dashboard"), pressing("?")}},
	{"dashboard-period", []step{inAcme, toTab("Dashboard"), pressing("p")}},
	{"dashboard-breakdown", []step{inAcme, toTab("Dashboard"), pressing("enter")}},
	{"vulnerabilities", []step{inAcme, toTab("Vulnerabilities")}},
	{"vulnerabilities-findings", []step{inAcme, toTab("Vulnerabilities"), pressing("enter")}},
	{"vulnerability", []step{inAcme, toTab("Vulnerabilities"), pressing("enter", "enter")}},
	{"webhooks", []step{inAcme, toTab("Webhooks")}},
	{"webhook-new", []step{inAcme, toTab("Webhooks"), pressing("n")}},
	{"webhook-edit", []step{inAcme, toTab("Webhooks"), pressing("j", "e")}},
	{"webhook-delete", []step{inAcme, toTab("Webhooks"), pressing("d")}},
	{"repository", []step{inRepo}},
	{"repository-tokens", []step{inRepo, toTab("Tokens")}},
	{"repository-members", []step{inRepo, toTab("Members")}},
	{"repository-vulnerabilities", []step{inRepo, toTab("Vulnerabilities")}},
	{"repository-webhooks", []step{inRepo, toTab("Webhooks")}},
	{"repository-help", []step{inRepo, pressing("?")}},
	{"session-expired", []step{inAcme, sessionEnd}},
	{"session-expired-form", []step{inAcme, pressing("n"), typed("walk"), sessionEnd}},
	{"too-small", []step{{resize: [2]int{40, 12}}}},
}

var (
	// uuidRE is how an id or a created token looks.
	uuidRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}`)
	maskRE = regexp.MustCompile(`••••••••-[0-9a-f]{5}`)
	// A number cut: a word of digits (and their separators) ending in "…".
	cutNumberRE = regexp.MustCompile(`(^|[\s│(\[·])[0-9][0-9,.:%/-]*…`)
	// The start of a token (or any long hex id) cut.
	cutHexRE = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f-]{0,27}…`)
)

// checkFrame is what must hold of every frame at every size: the frame
// fills the terminal, no line is wider, the screen drew nothing the shell
// had to cut, the key line is there with the shell's quit key whole, and
// no number, id or token is cut.
func checkFrame(t *testing.T, m *Model, w, h int, where string) {
	t.Helper()
	frame := ansi.Strip(m.View())
	lines := strings.Split(frame, "\n")
	fail := func(format string, a ...any) {
		t.Helper()
		t.Errorf("%s at %dx%d: %s\n%s", where, w, h, fmt.Sprintf(format, a...), frame)
	}
	if len(lines) != h {
		fail("%d lines", len(lines))
		return
	}
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			fail("line %d is %d wide", i+1, n)
			return
		}
	}
	if m.tooSmall() {
		if flat := strings.Join(strings.Fields(frame), " "); !strings.Contains(flat, fmt.Sprintf("at least %d×%d", MinWidth, MinHeight)) {
			fail("the least size is not said whole")
		}
		return
	}
	room := m.screenHeight()
	body := m.Top().View()
	if m.showAll {
		body = m.fullHelp()
	}
	for i, l := range strings.Split(body, "\n") {
		if n := ansi.StringWidth(ansi.Strip(l)); n > w {
			fail("the screen drew line %d %d wide, cut by the shell: %q", i+1, n, ansi.Strip(l))
			return
		}
	}
	if n := strings.Count(strings.TrimRight(body, "\n"), "\n") + 1; n > room {
		fail("the screen drew %d lines in a room of %d: the last are cut", n, room)
	}
	if last := strings.TrimSpace(lines[len(lines)-1]); !strings.HasSuffix(last, " quit") {
		fail("no key line ending with the quit key: %q", last)
	}
	if _, ok := m.Top().(*workspace.Model); ok && !m.showAll && !regexp.MustCompile(`(?m)^ id `+uuidRE.String()).MatchString(frame) {
		fail("the workspace's id is not on screen, whole")
	}
	for _, re := range []*regexp.Regexp{cutNumberRE, cutHexRE} {
		if cut := re.FindString(frame); cut != "" {
			fail("%q is cut", strings.TrimSpace(cut))
		}
	}
}

// walkProgram is the program on the demo platform (with two webhooks in
// Acme Platform) at w×h: on the list of workspaces of its Manager, or on
// the login screen when loggedOut.
func walkProgram(t *testing.T, w, h int, loggedOut bool) *Model {
	t.Helper()
	srv := tuitest.Platform(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock})
	seedWebhooks(t, srv)
	cl := tuitest.Client(t, srv, tuitest.Clock)
	if !loggedOut {
		if _, err := cl.Login(t.Context(), horusectest.ManagerEmail, horusectest.ManagerPassword); err != nil {
			t.Fatal(err)
		}
	}
	return program(cl, w, h)
}

// walkTo takes m through steps at w×h, checking every frame on the way.
func walkTo(t *testing.T, m *Model, w, h int, steps []step) {
	t.Helper()
	checkFrame(t, m, w, h, "start")
	for i, st := range steps {
		where := fmt.Sprintf("step %d", i+1)
		switch {
		case st.tab != "":
			for n := 0; !activeTab(m, st.tab); n++ {
				if n == 8 {
					t.Fatalf("no %s tab:\n%s", st.tab, tuitest.Screen(m))
				}
				press(m, "tab")
				checkFrame(t, m, w, h, where+" tab")
			}
		case st.text != "":
			for _, r := range st.text {
				press(m, string(r))
			}
			checkFrame(t, m, w, h, where+" typed")
		case st.expire:
			_, cmd := m.Update(common.SessionExpiredMsg{})
			settle(m, cmd)
			checkFrame(t, m, w, h, where+" session expired")
		case st.resize != [2]int{}:
			w, h = st.resize[0], st.resize[1]
			m.Update(tea.WindowSizeMsg{Width: w, Height: h})
			checkFrame(t, m, w, h, fmt.Sprintf("%s resized to %dx%d", where, w, h))
		default:
			for _, k := range st.keys {
				press(m, k)
				checkFrame(t, m, w, h, where+" "+k)
			}
		}
	}
}

// TestWalkEveryScreenAtThreeSizes goes to every screen, tab, form, dialog
// and overlay at 80×24, 60×15 and 160×45, checks every frame on the way
// and compares the last with its golden file (ids masked: the demo
// platform makes new ones each run).
func TestWalkEveryScreenAtThreeSizes(t *testing.T) {
	for _, size := range walkSizes {
		w, h := size[0], size[1]
		for _, walk := range walks {
			name := fmt.Sprintf("%s-%dx%d", walk.name, w, h)
			t.Run(name, func(t *testing.T) {
				m := walkProgram(t, w, h, walk.name == "login")
				walkTo(t, m, w, h, walk.steps)
				frame := ansi.Strip(m.View())
				if strings.HasPrefix(walk.name, "token-") && strings.Contains(frame, "Token created") && !uuidRE.MatchString(frame) {
					t.Errorf("the created token is not whole on screen:\n%s", frame)
				}
				screen := uuidRE.ReplaceAllString(string(tuitest.Screen(m)), "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
				tuitest.Golden(t, name, maskRE.ReplaceAllString(screen, "••••••••-xxxxx"))
			})
		}
	}
}

// On the token shown once, q and L ask before leaving it (the token is
// not shown again); n keeps it on screen, y quits or logs out.
func TestQAndLOverTheTokenShownOnce(t *testing.T) {
	for _, c := range []struct{ key, question string }{
		{"q", "Quit? The new token is not shown again."},
		{"L", "Log out? The new token is not shown again."},
	} {
		t.Run(c.key, func(t *testing.T) {
			m := walkProgram(t, 80, 24, false)
			walkTo(t, m, 80, 24, []step{inAcme, toTab("Tokens"), pressing("n"), typed("keys"), pressing("ctrl+s")})
			if !uuidRE.MatchString(ansi.Strip(m.View())) {
				t.Fatalf("no token on screen:\n%s", tuitest.Screen(m))
			}
			leaves := func(msgs []tea.Msg) bool {
				for _, msg := range msgs {
					switch msg.(type) {
					case tea.QuitMsg, common.LogoutMsg:
						return true
					}
				}
				return false
			}
			if leaves(send(m, tuitest.Key(c.key))) {
				t.Fatalf("%s left the token at once", c.key)
			}
			checkFrame(t, m, 80, 24, c.key)
			if v := ansi.Strip(m.View()); !strings.Contains(v, c.question) || !uuidRE.MatchString(v) {
				t.Fatalf("%s over the token:\n%s", c.key, v)
			}
			if leaves(send(m, tuitest.Key("n"))) {
				t.Fatal("n left the token")
			}
			if v := ansi.Strip(m.View()); strings.Contains(v, c.question) || !uuidRE.MatchString(v) {
				t.Fatalf("n must keep the token on screen:\n%s", v)
			}
			send(m, tuitest.Key(c.key))
			if !leaves(send(m, tuitest.Key("y"))) {
				t.Fatalf("y after %s did not leave:\n%s", c.key, ansi.Strip(m.View()))
			}
		})
	}
}
