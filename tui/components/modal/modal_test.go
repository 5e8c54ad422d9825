package modal

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	_ "github.com/horusec-tui/horusec-tui/tui/internal/tuitest" // plain ASCII styles
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

func numberedLines(n int) string {
	l := make([]string, n)
	for i := range l {
		l[i] = fmt.Sprintf("line %d", i+1)
	}
	return strings.Join(l, "\n")
}

// In a short room the box gives up its blank lines before its content: the
// title, the place in the content, the key line and both borders stay, and
// the rest of the room shows content.
func TestShortBoxDropsBlankLinesBeforeContent(t *testing.T) {
	b := New(styles.New(), keys.Default())
	b.SetSize(40, 9)
	view := ansi.Strip(b.View("Title", numberedLines(10), "esc close"))
	lines := strings.Split(view, "\n")
	if len(lines) > 9 {
		t.Fatalf("%d lines in a room of 9:\n%s", len(lines), view)
	}
	for _, want := range []string{"╭", "Title", "line 1", "line 4", "lines 1–4 of 10", "esc close", "╰"} {
		if !strings.Contains(view, want) {
			t.Errorf("%q is not in the box:\n%s", want, view)
		}
	}
	// A roomy box keeps its blank lines.
	b.SetSize(40, 30)
	if view := ansi.Strip(b.View("Title", numberedLines(10), "esc close")); !strings.Contains(view, "Title  ") || strings.Count(view, "\n") < 15 {
		t.Errorf("a roomy box lost its spacing:\n%s", view)
	}
}

// Content that fits once the blank lines are gone does not scroll.
func TestBoxThatFitsWithoutBlankLinesDoesNotScroll(t *testing.T) {
	b := New(styles.New(), keys.Default())
	b.SetSize(40, 8)
	view := ansi.Strip(b.View("Title", numberedLines(3), "esc close"))
	if strings.Contains(view, "scroll") || b.Scrolls() || !strings.Contains(view, "line 3") || len(strings.Split(view, "\n")) > 8 {
		t.Errorf("three lines that fit are scrolled or cut:\n%s", view)
	}
}
