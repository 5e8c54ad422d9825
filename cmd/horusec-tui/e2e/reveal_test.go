package e2e

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestTokenRevealWholeAtTheSmallSizes creates a token in a real terminal at
// 80×24 and at 60×15, copies it (OSC 52, read back from tmux) and asks to
// close: the question is on screen together with the box's bottom border,
// the token and the copy's result. Once acknowledged, the token is neither
// on screen nor in the scrollback.
func TestTokenRevealWholeAtTheSmallSizes(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	s := loggedIn(t, startDemoServer(t))
	for _, size := range [][2]int{{80, 24}, {60, 15}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			tm := s.open(t, w, h)
			tm.WaitFor("Workspaces · 5")
			tm.Press("Enter") // Acme Platform, first by name
			tm.WaitFor("Acme Platform · your role: Manager")
			tm.Press("Tab")
			tm.WaitFor("Expires") // the Tokens tab's table
			tm.Press("n")
			tm.WaitFor("› Description") // the form, its first field focused
			desc := fmt.Sprintf("reveal at %dx%d", w, h)
			tm.Type(desc)
			tm.Press("C-s")
			screen := tm.WaitForRE(boxedTokenRE)
			token := revealedToken(screen)
			if token == "" {
				t.Fatalf("the reveal shows no token:\n%s", screen)
			}

			tm.Press("c")
			tm.WaitFor("Copied")
			if copied, err := tm.Buffer(); err != nil || copied != token {
				t.Fatalf("the clipboard holds %q (%v), the reveal shows %q", copied, err, token)
			}
			tm.Press("Enter")
			screen = tm.WaitFor("I have stored it — close?")
			if revealedToken(screen) != token || !strings.Contains(screen, "Copied") || !hasBottomBorder(screen) {
				t.Fatalf("at %d×%d the question is not shown with the token, the copy's result and the box's bottom border:\n%s", w, h, screen)
			}
			if lines := strings.Split(strings.TrimRight(screen, "\n"), "\n"); len(lines) != h || !strings.Contains(lines[0], "horusec-tui") {
				t.Fatalf("the screen lost its header or its height:\n%s", screen)
			}

			tm.Press("Enter")
			tm.WaitFor("••••••••-" + token[len(token)-5:]) // the new token, listed masked
			if strings.Contains(tm.Screen(), token) || strings.Contains(tm.Scrollback(), token) {
				t.Fatalf("the token is still in the terminal after it was acknowledged")
			}
		})
	}
}

// boxedTokenRE is a token on a line of its own in the reveal's box.
var boxedTokenRE = regexp.MustCompile(`│ +[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12} +│`)

// hasBottomBorder reports whether a box closes on the screen.
func hasBottomBorder(screen string) bool {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, "╰") && strings.Contains(l, "╯") {
			return true
		}
	}
	return false
}
