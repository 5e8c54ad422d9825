package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// TestHostileTextIsShownNotObeyed walks the UI over 'demo-server --hostile'
// in tmux with set-clipboard on, where a name that reached the terminal
// raw would write tmux's paste buffer (OSC 52), rename the pane (OSC 2),
// clear the screen (CSI 2J) or leave blinking red on (SGR). After every
// step: no paste buffer, the pane title unchanged, the header on the first
// line and the key help on the last, no blink anywhere, and the escapes
// visible in their place.
func TestHostileTextIsShownNotObeyed(t *testing.T) {
	requireTmux(t)
	p := startDemoServer(t, "--hostile")
	s := loggedIn(t, p)
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		t.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(t *testing.T) {
			w, h := size[0], size[1]
			tm := s.open(t, w, h)
			title := tm.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}")
			check := func(step, screen string, want ...string) {
				t.Helper()
				if bufs := strings.TrimSpace(tm.tmux("list-buffers")); bufs != "" {
					t.Fatalf("%s: something wrote the clipboard: %s", step, bufs)
				}
				if now := tm.tmux("display-message", "-p", "-t", "e2e", "#{pane_title}"); now != title {
					t.Fatalf("%s: the pane title changed from %q to %q", step, title, now)
				}
				lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
				if !strings.HasPrefix(strings.TrimSpace(lines[0]), "horusec-tui") {
					t.Errorf("%s: the header is not on the first line:\n%s", step, screen)
				}
				if len(lines) > h {
					t.Errorf("%s: %d lines on a %d-line terminal", step, len(lines), h)
				}
				for i, l := range lines {
					if n := len([]rune(l)); n > w*2 {
						t.Errorf("%s: line %d is %d runes wide", step, i+1, n)
					}
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
			osc52 := horusectest.HostileTexts[0].Shown[:len("␛]52;c;")]

			check("workspaces", tm.WaitFor("Workspaces ·", "Hostile "+osc52), "Acme⟨U+2", "Wide 🚀")
			tm.Press("/")
			tm.Type("hostile")
			tm.Press("Enter")
			tm.WaitFor("/ hostile")
			tm.Press("e")
			check("edit workspace", tm.WaitFor("Edit", "Hostile "+osc52))
			tm.Press("Escape")
			tm.WaitGone("Cancel (esc)")
			tm.Press("d")
			check("delete workspace", tm.WaitFor("Hostile "+osc52, "to confirm"), "without the marked characters")
			tm.Press("Escape")
			tm.WaitGone("to confirm")
			tm.Press("Enter")
			screen := tm.WaitFor("r0 " + osc52)
			check("repositories", screen, "Hostile "+osc52)
			// Every tab of the workspace, round to the first again.
			for i := 0; i < 8; i++ {
				tm.Press("Tab")
				screen = tm.WaitForRE(regexpAny("Repositories · ", "t0 "+osc52, "h0 "+osc52, "Developers 8", "Vulnerabilit", "Webhook"))
				check("tab "+strconv.Itoa(i+1), screen)
				if strings.Contains(screen, "t0 "+osc52) {
					tm.Press("n")
					check("new token", tm.WaitFor("New token"), "Hostile "+osc52)
					tm.Press("Escape")
					tm.WaitGone("New token")
					tm.Press("d")
					check("revoke token", tm.WaitFor("Revoke"), osc52)
					tm.Press("Escape")
					tm.WaitGone("stops working")
				}
				if strings.Contains(screen, "h0 "+osc52) {
					tm.Press("d")
					check("remove member", tm.WaitFor("leaves the workspace"), osc52)
					tm.Press("Escape")
					tm.WaitGone("leaves the workspace")
				}
				if strings.Contains(screen, "Developers 8") {
					check("dashboard", screen, "Developers 8")
					if strings.Contains(screen, "Top developers") {
						check("dashboard authors", screen, "txt⟨U+202E⟩exe.pdf", "⟨U+009B⟩2J")
					}
				}
				if strings.Contains(screen, "Repositories · ") && strings.Contains(screen, "r0 "+osc52) && i > 0 {
					break
				}
			}
			// A repository's page and its tabs.
			tm.Press("Enter")
			screen = tm.WaitFor("in Hostile " + osc52)
			check("repository", screen)
			for i := 0; i < 3; i++ {
				tm.Press("Tab")
				tm.WaitFor("in Hostile " + osc52)
				check("repository tab "+strconv.Itoa(i+1), tm.Screen())
			}
			tm.Press("Escape")
			check("back", tm.WaitFor("r0 "+osc52))
		})
	}
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

func regexpAny(texts ...string) *regexp.Regexp {
	q := make([]string, len(texts))
	for i, x := range texts {
		q[i] = regexp.QuoteMeta(x)
	}
	return regexp.MustCompile(strings.Join(q, "|"))
}
