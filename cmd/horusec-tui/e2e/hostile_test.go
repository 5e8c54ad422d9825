package e2e

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// osc52 and sgr are how the hostile seed's clipboard write and blinking
// red are shown: ␛]52;c; and ␛[31;5m. A colour is the one sequence
// safetext.Frame, the shell's last guard over a whole frame, lets through:
// where a screen forgets to clean a text, the colour leaks (blink) and its
// visible form is missing.
var (
	osc52 = horusectest.HostileTexts[0].Shown[:len("␛]52;c;")]
	sgr   = horusectest.HostileTexts[4].Shown
)

// TestHostileTextIsShownNotObeyed walks the whole UI over
// 'demo-server --hostile' as its Manager, in tmux with set-clipboard on,
// where a name that reached the terminal raw would write tmux's paste
// buffer (OSC 52), rename the pane (OSC 2), clear the screen (CSI 2J),
// leave blinking red on (SGR) or push a line past the edge. Every list,
// tab, form, confirmation, dashboard and page is visited, in the hostile
// workspace, in one of its repositories and in the workspaces named with
// 255 bytes, with emoji and with a zero-width space; after every step (see
// hostileWalk.check): no paste buffer, the pane title unchanged, no blink,
// the header on the first line, no line wider than the terminal, and the
// escapes visible in their place.
func TestHostileTextIsShownNotObeyed(t *testing.T) {
	requireTmux(t)
	p := startDemoServer(t, "--hostile")
	s := loggedIn(t, p)
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			t.Parallel()
			k := newHostileWalk(t, s.open(t, size[0], size[1]), size[0], size[1])
			k.workspaces()
			k.hostileWorkspace()
			k.hostileRepository()
			k.otherWorkspace("Long", "Long-name-name", "…")
			k.otherWorkspace("Wide", horusectest.HostileWide, "🚀")
			k.otherWorkspace("Looks like", "Acme⟨U+200B⟩Platform", "txt⟨U+202E⟩exe.pdf")
		})
	}
	t.Run("ldap 80x24", func(t *testing.T) {
		t.Parallel()
		p := startDemoServer(t, "--ldap", "--hostile")
		s := session{cfgDir: filepath.Join(t.TempDir(), "config"), debugLog: filepath.Join(t.TempDir(), "debug.log")}
		s.env = cleanEnv(p.Env(s.cfgDir)...)
		if _, stderr, code := runCLI(t, s.env, horusectest.LDAPManagerPassword, "--insecure-storage", "auth", "login",
			"--email", horusectest.LDAPManagerLogin, "--password-stdin"); code != 0 {
			t.Fatalf("auth login: exit %d: %s", code, stderr)
		}
		newHostileWalk(t, s.open(t, 80, 24), 80, 24).ldapGroups()
	})
}

// ldapGroups: on an LDAP platform, group names are the platform's too
// (and the login's own groups come from the directory): the group fields'
// hints, the workspace's and the repository's pages, and the Members tab's
// explanation show them cleaned.
func (k *hostileWalk) ldapGroups() {
	k.t.Helper()
	g4 := "g4 " + sgr + " group"
	k.do("workspaces", "", []string{"Workspaces ·", "Hostile " + osc52})
	screen := k.do("new workspace", "n", []string{"New workspace", "Admin groups", "groups: platform-leads"}) // the hint wraps at 80 columns
	if !strings.Contains(oneLine(screen), "Your groups: platform-leads, developers, "+g4+".") {
		k.t.Errorf("the group fields' hints do not show the login's groups cleaned:\n%s", screen)
	}
	k.away("Escape", "New workspace")
	k.filter("hostile")
	k.do("workspace", "Enter", []string{"r0 " + osc52, "your role: Manager"}, "Groups — Admin: platform-leads, "+g4)
	k.do("tokens", "Tab", []string{"t0 " + osc52})
	screen = k.do("members", "Tab", []string{"h0 " + osc52, "On this LDAP platform"})
	if s := oneLine(screen); !strings.Contains(s, "Admin groups: platform-leads, "+g4+" · Member groups: g0 "+horusectest.HostileTexts[0].Shown+" group") ||
		!strings.Contains(s, "g6 txt⟨U+202E⟩exe.pdf group") {
		k.t.Errorf("the LDAP explanation does not show the groups cleaned:\n%s", screen)
	}
	k.do("round to the repositories", "Tab", []string{"Developers 8"})
	for range 3 {
		k.tm.Press("Tab")
		k.tm.WaitGone("Developers 8")
	}
	k.do("repositories", "", []string{"Repositories · ", "▌ r0 " + osc52})
	k.do("repository edit", "e", []string{"Edit r0 " + osc52, "Admin groups"})
	k.away("Escape", "Edit r0")
	k.do("repository", "Enter", []string{"in Hostile " + osc52, "Developers 8"}, "Groups — Admin: platform-leads, "+g4)
}

// hostileWalk drives one terminal through the hostile seed and checks
// every frame it waits for.
type hostileWalk struct {
	t     *testing.T
	tm    *term
	w, h  int
	title string
	steps int
}

func newHostileWalk(t *testing.T, tm *term, w, h int) *hostileWalk {
	k := &hostileWalk{t: t, tm: tm, w: w, h: h}
	tm.WaitFor("Workspaces ·")
	k.title = tm.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
	t.Cleanup(func() { t.Logf("%dx%d: %d frames checked", w, h, k.steps) })
	return k
}

// do presses key (none when ""), waits until the screen shows every one
// of until, checks the frame and that it shows every one of want.
func (k *hostileWalk) do(step, key string, until []string, want ...string) string {
	k.t.Helper()
	if key != "" {
		k.tm.Press(key)
	}
	screen := k.tm.WaitFor(until...)
	k.check(step, screen, want...)
	return screen
}

// away presses key and waits until gone has left the screen.
func (k *hostileWalk) away(key, gone string) {
	k.t.Helper()
	k.tm.Press(key)
	k.tm.WaitGone(gone)
}

// check fails the test when a frame shows that text from the platform was
// obeyed, or does not show want.
func (k *hostileWalk) check(step, screen string, want ...string) {
	t, tm := k.t, k.tm
	t.Helper()
	k.steps++
	step = fmt.Sprintf("%dx%d %s", k.w, k.h, step)
	if bufs := strings.TrimSpace(tm.tmux("list-buffers")); bufs != "" {
		t.Fatalf("%s: something wrote the clipboard: %s", step, bufs)
	}
	if now := tm.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}"); now != k.title {
		t.Fatalf("%s: the pane title changed from %q to %q", step, k.title, now)
	}
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	if !strings.HasPrefix(strings.TrimSpace(lines[0]), "horusec-tui") {
		t.Errorf("%s: the header is not on the first line:\n%s", step, screen)
	}
	if len(lines) > k.h {
		t.Errorf("%s: %d lines on a %d-line terminal", step, len(lines), k.h)
	}
	// Joined (-J), a line the terminal had to wrap reads as one: each
	// must fit the terminal, as wide as the terminal draws it.
	joined := strings.Split(strings.TrimRight(tm.tmux("capture-pane", "-t", "e2e", "-p", "-J"), "\n"), "\n")
	for i, l := range joined {
		if n := ansi.StringWidth(strings.TrimRight(l, " ")); n > k.w {
			t.Errorf("%s: line %d is %d cells wide on a %d-column terminal: %q", step, i+1, n, k.w, l)
		}
	}
	if len(joined) != len(lines) {
		t.Errorf("%s: the terminal wrapped a line (%d rows read as %d lines):\n%s", step, len(lines), len(joined), screen)
	}
	if blinking(tm.tmux("capture-pane", "-t", "e2e", "-p", "-e")) {
		t.Errorf("%s: a colour sequence from the platform was obeyed (blink is on)", step)
	}
	for _, x := range want {
		if !strings.Contains(screen, x) {
			t.Errorf("%s: %q is not on screen:\n%s", step, x, screen)
		}
	}
}

// filter opens the workspace whose name contains q from the list.
func (k *hostileWalk) filter(q string) {
	k.t.Helper()
	k.tm.Press("/")
	k.tm.WaitFor("esc clear filter")
	k.tm.Type(q)
	k.tm.Press("Enter")
	k.tm.WaitFor("/ " + q)
}

// workspaces: the list, its help, and the new, edit and delete dialogs.
func (k *hostileWalk) workspaces() {
	k.t.Helper()
	k.do("workspaces", "", []string{"Workspaces ·", "Hostile " + osc52}, "Acme⟨U+200B⟩", "Wide 🚀", "Long-name-name")
	k.do("help", "?", []string{"less help", "Keys · Workspaces"})
	k.away("?", "less help")
	k.do("new workspace", "n", []string{"New workspace", "Required, up to 255"})
	k.away("Escape", "New workspace")
	k.filter("hostile")
	k.do("edit workspace", "e", []string{"Edit", "Cancel (esc)"}, "Hostile "+osc52)
	k.away("Escape", "Cancel (esc)")
	k.do("delete workspace", "d", []string{"Hostile " + osc52, "to confirm"}, "without the marked characters")
	k.away("Escape", "to confirm")
}

// hostileWorkspace: every tab of the hostile workspace with its forms and
// confirmations, the findings of a file and a finding.
func (k *hostileWalk) hostileWorkspace() {
	k.t.Helper()
	k.do("workspace", "Enter", []string{"r0 " + osc52, "your role: Manager"}, "Hostile "+horusectest.HostileTexts[0].Shown+sgr, "Groups — Admin: platform-leads, g4 "+sgr+" group", "␛]2;pwned␇␛[2J␛[Htxt⟨U+202E⟩exe.pdf", "r4 "+sgr)
	k.do("new repository", "n", []string{"New repository", "Cancel (esc)"}, "In workspace Hostile "+osc52)
	k.away("Escape", "New repository")
	k.do("cursor on r0", "j", []string{"▌ r0 " + osc52})
	k.do("edit repository", "e", []string{"Edit r0 " + osc52, "Cancel (esc)"}, "In workspace Hostile "+osc52)
	k.away("Escape", "Cancel (esc)")
	k.do("delete repository", "d", []string{"Delete repository r0 " + osc52, "to confirm"}, "without the marked characters")
	k.away("Escape", "to confirm")

	k.do("tokens", "Tab", []string{"t0 " + osc52}, "t6 txt⟨U+202E⟩exe.pdf token", "t5 ⟨U+009B⟩2J⟨U+009B⟩31m token", "t4 "+sgr+" token")
	k.do("new token", "n", []string{"New token for the workspace Hostile " + osc52, "Description"})
	k.away("Escape", "New token")
	k.do("revoke token", "d", []string{"Revoke", "stops working"}, "t0 "+osc52)
	k.away("Escape", "stops working")

	k.do("members", "Tab", []string{"h0 " + osc52, "manager (you)"}, "h0"+osc52+"cm0gLXJmIH4=␇@evil.example", "h7Acme⟨U+200B⟩Platform@evil.example", "h4 "+sgr)
	k.do("invite", "n", []string{"Invite a member to Hostile " + osc52, "Cancel (esc)"})
	k.away("Escape", "Invite a member")
	k.do("change role", "e", []string{"Change the role of h0 " + osc52, "Cancel (esc)"})
	k.away("Escape", "Change the role")
	k.do("remove member", "d", []string{"leaves the workspace"}, "h0 "+osc52)
	k.away("Escape", "leaves the workspace")
	k.do("permissions", "P", []string{"What each role may do", "In a workspace", "Supervisor"})
	k.away("Escape", "What each role may do")

	k.do("dashboard", "Tab", []string{"Developers 8", "Top developers"}, "dev7Acme⟨U+200B⟩Platform", "dev4"+sgr)
	k.do("dashboard period", "p", []string{"Dashboard period", "Cancel (esc)"})
	k.away("Escape", "Dashboard period")

	k.vulnerabilities("workspace vulnerabilities")

	k.do("webhooks", "Tab", []string{"w0 " + osc52, "X-W1-␛]2;"}, "https://evil.example/"+osc52, "r6 txt⟨U+202E⟩", "X-W4-"+sgr)
	k.do("new webhook", "n", []string{"New webhook in Hostile " + osc52, "Description"})
	k.away("Escape", "New webhook")
	k.do("edit webhook", "e", []string{"Edit the webhook of r0 " + osc52, "Description"}, "‹ r0 "+osc52)
	k.away("Escape", "Edit the webhook")
	k.do("delete webhook", "d", []string{"Delete this webhook?", "n/esc cancel"}, "r0 "+osc52, "https://evil.example/"+osc52)
	k.away("Escape", "Delete this webhook?")

	k.do("round to the repositories", "Tab", []string{"Repositories · ", "▌ r0 " + osc52})
}

// vulnerabilities: the files of the latest analyses, one file's findings
// and one finding, with paths, code, tools and commit authors that carry
// the hostile classes.
func (k *hostileWalk) vulnerabilities(step string) {
	k.t.Helper()
	k.do(step, "Tab", []string{"Showing Severity", "src/f0 "}, "src/f0 "+osc52, "src/f6 txt⟨U+202E⟩exe.pdf file.go", "src/f4 "+sgr)
	k.do(step+": findings", "Enter", []string{" findings · "}, "src/f4 "+sgr+" file.go", "call("+sgr+")")
	k.do(step+": finding", "Enter", []string{"Location", "Author"}, "a4 "+sgr+" author", "dev4"+sgr+"@example.com", "Tool"+sgr)
	k.away("Escape", "Location")
	k.away("Escape", " findings · ")
}

// hostileRepository: r0's page and every one of its tabs.
func (k *hostileWalk) hostileRepository() {
	k.t.Helper()
	k.do("repository", "Enter", []string{"in Hostile " + osc52, "Developers 8"}, "r0 "+osc52, "dev7Acme⟨U+200B⟩Platform", "dev4"+sgr)
	k.do("repository tokens", "Tab", []string{"rt0 " + osc52})
	k.do("repository new token", "n", []string{"New token for", "Description"}, "r0 "+osc52)
	k.away("Escape", "New token")
	k.do("repository revoke token", "d", []string{"Revoke", "stops working"}, "rt0 "+osc52)
	k.away("Escape", "stops working")
	k.do("repository members", "Tab", []string{"h0 " + osc52})
	k.do("repository add member", "n", []string{"Add a member to r0 " + osc52, "h1 " + horusectest.HostileTexts[1].Shown})
	k.away("Escape", "Add a member")
	k.do("repository change role", "e", []string{"Change the role of h0 " + osc52, "Cancel (esc)"})
	k.away("Escape", "Change the role")
	k.do("repository remove member", "d", []string{"h0 " + osc52, "n/esc cancel"})
	k.away("Escape", "n/esc cancel")
	k.vulnerabilities("repository vulnerabilities")
	k.do("repository webhook", "Tab", []string{"w0 " + osc52}, "https://evil.example/"+osc52)
	k.do("repository edit webhook", "e", []string{"Edit the webhook of r0 " + osc52, "Description"})
	k.away("Escape", "Edit the webhook")
	k.away("Escape", "in Hostile "+osc52)
	k.do("back in the workspace", "", []string{"Repositories · ", "▌ r0 " + osc52})
	k.away("Escape", "Repositories · ")
	k.do("back to the workspaces", "", []string{"Workspaces ·", "/ hostile"})
	k.away("Escape", "/ hostile")
}

// otherWorkspace opens the workspace found by q, whose name shows as name
// on every tab (want: a mark of its cleaning or cut), and its repository.
func (k *hostileWalk) otherWorkspace(q, name, want string) {
	k.t.Helper()
	k.filter(q)
	k.do(q+" workspace", "Enter", []string{"your role: Manager", "Repositories · 1"}, name, want)
	k.do(q+" tokens", "Tab", []string{"Tokens (1)", "never"}, name)
	k.do(q+" members", "Tab", []string{"Members (2)", "manager (you)"}, name)
	k.do(q+" dashboard", "Tab", []string{"Period:", "No analyses yet"})
	k.do(q+" vulnerabilities", "Tab", []string{"Showing Severity"})
	k.do(q+" webhooks", "Tab", []string{"Webhooks (0)"})
	k.do(q+" repositories", "Tab", []string{"Repositories · 1", "▌ " + name[:4]})
	k.do(q+" repository", "Enter", []string{"your role: Manager", "in " + name[:4]}, name)
	k.away("Escape", "in "+name[:4])
	k.away("Escape", "Repositories · 1")
	k.do(q+" back", "", []string{"Workspaces ·", "/ " + q})
	k.away("Escape", "/ "+q)
}

// blinking reports whether tmux's cells (capture-pane -e) have blink on:
// the program never blinks, the hostile seed's SGR does.
func blinking(captured string) bool {
	for _, seq := range sgrRE.FindAllStringSubmatch(captured, -1) {
		ps := strings.Split(seq[1], ";")
		for i := 0; i < len(ps); i++ {
			switch ps[i] {
			case "38", "48", "58":
				if i+1 < len(ps) && ps[i+1] == "5" {
					i += 2
				} else if i+1 < len(ps) && ps[i+1] == "2" {
					i += 4
				}
			case "5", "6":
				return true
			}
		}
	}
	return false
}

var sgrRE = regexp.MustCompile("\x1b\\[([0-9;:]*)m")
