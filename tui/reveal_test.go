package tui

import (
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// shownToken is the token on a line of its own inside the reveal's box
// ("" when there is none).
func shownToken(screen string) string {
	for _, l := range strings.Split(ansi.Strip(screen), "\n") {
		if f := strings.Trim(l, " │"); f != "" && uuidRE.FindString(f) == f { // a token is a UUID
			return f
		}
	}
	return ""
}

// revealAt creates a token on the Tokens tab of Acme Platform at w×h and
// returns the program showing it, and the token.
func revealAt(t *testing.T, w, h int) (*Model, string) {
	t.Helper()
	_, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := inWorkspace(cl, w, h)
	openTab(t, m, "Tokens")
	press(m, "n")
	press(m, strings.Split("Deploy bot", "")...)
	press(m, "ctrl+s")
	token := shownToken(m.View())
	if token == "" {
		t.Fatalf("no token on screen:\n%s", tuitest.Screen(m))
	}
	return m, token
}

// revealWhole checks that the reveal is whole: the token on a line of its
// own, the warning, the question when asked, the box's bottom border, and
// no line wider than the terminal.
func revealWhole(t *testing.T, m *Model, token string, w, h int, asked bool) string {
	t.Helper()
	tuitest.Whole(t, m.View(), w, h)
	screen := string(tuitest.Screen(m))
	tokenLine, bottom := shownToken(screen) == token, false
	for _, l := range strings.Split(screen, "\n") {
		bottom = bottom || strings.Contains(l, "╰") && strings.Contains(l, "╯")
	}
	if !tokenLine || !bottom {
		t.Errorf("%d×%d: token on its own line %v, bottom border %v:\n%s", w, h, tokenLine, bottom, screen)
	}
	flat := strings.Join(strings.Fields(strings.ReplaceAll(screen, "│", " ")), " ")
	if !strings.Contains(flat, "copy it") && !strings.Contains(flat, "Copy it") {
		t.Errorf("%d×%d: no warning:\n%s", w, h, screen)
	}
	if asked != strings.Contains(flat, "I have stored it — close?") {
		t.Errorf("%d×%d: the question shown %v, want %v:\n%s", w, h, !asked, asked, screen)
	}
	return screen
}

// TestRevealWholeAtEverySize creates a token at 80×24, 60×15 and 160×45:
// the reveal, the copy's result and the question are whole, with the
// box's bottom border; the goldens keep both screens.
func TestRevealWholeAtEverySize(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 15}, {160, 45}} {
		w, h := size[0], size[1]
		name := fmt.Sprintf("%dx%d", w, h)
		m, token := revealAt(t, w, h)
		screen := revealWhole(t, m, token, w, h, false)
		tuitest.Golden(t, "reveal-"+name, strings.ReplaceAll(screen, token, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"))
		press(m, "enter")
		screen = revealWhole(t, m, token, w, h, true)
		tuitest.Golden(t, "question-"+name, strings.ReplaceAll(screen, token, "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"))
		press(m, "esc", "c", "enter") // the copy's result, whichever clipboard there is
		screen = revealWhole(t, m, token, w, h, true)
		if !strings.Contains(screen, "Copied") && !strings.Contains(screen, "copy it by hand") {
			t.Errorf("%d×%d: the copy's result is not on the reveal:\n%s", w, h, screen)
		}
		press(m, "enter")
		if strings.Contains(ansi.Strip(m.View()), token) {
			t.Errorf("%d×%d: the token is still on screen after it was acknowledged", w, h)
		}
	}
}

// TestRevealKeptWhileTheTerminalIsTooSmall shrinks the terminal under a
// reveal: it says the token is kept, and shows it again, whole, once the
// terminal is larger.
func TestRevealKeptWhileTheTerminalIsTooSmall(t *testing.T) {
	m, token := revealAt(t, 80, 24)
	m.Update(tea.WindowSizeMsg{Width: 50, Height: 12})
	screen := string(tuitest.Screen(m))
	if strings.Contains(screen, token) || !strings.Contains(strings.Join(strings.Fields(screen), " "), "it is kept until the terminal is larger") {
		t.Errorf("too small:\n%s", screen)
	}
	tuitest.Golden(t, "too-small-50x12", screen)
	m.Update(tea.WindowSizeMsg{Width: 60, Height: 15})
	revealWhole(t, m, token, 60, 15, false)
}

// TestTokenIsInNoFrameStringOnceAcknowledged keeps every frame the program
// drew while the token was shown: the screens below the shell never held
// it, and once it is acknowledged no frame string holds it any more.
func TestTokenIsInNoFrameStringOnceAcknowledged(t *testing.T) {
	m, token := revealAt(t, 80, 24)
	var frames []string
	for range 3 {
		frames = append(frames, m.View())
		if strings.Contains(m.Top().View(), token) {
			t.Fatal("the page below the shell drew the token itself")
		}
	}
	press(m, "enter", "enter")
	for i, f := range append(frames, m.View()) {
		if strings.Contains(f, token) {
			t.Errorf("frame %d still holds the token after it was acknowledged", i)
		}
	}
}
