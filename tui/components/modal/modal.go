// Package modal is the one way a dialog is laid out (a confirmation, the
// role table, the full help, a token shown once): a bordered box as wide as
// its content and no wider than the room it is given. When the content is
// taller than the room, the content scrolls inside the box (↑/↓, j/k,
// pgup/pgdn, g/G) while the box keeps its title, its key line and its
// bottom border on screen. The padding goes before the content does.
//
// The box never wraps or cuts what it is given: the dialog wraps its text
// to ContentWidth, so that a number, an id, an e-mail or a token is moved
// to a line of its own rather than cut.
package modal

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Box is a dialog's frame and its scroll position.
type Box struct {
	styles *styles.Styles
	keys   *keys.KeyMap
	width  int // the room; 0: unbounded
	height int
	top    int // first line of the content on screen
	lines  int // lines of the content last drawn
	shown  int // how many of them fit

	// Typing is set while the dialog has a text field: letters are typed,
	// so only the arrow and page keys scroll.
	Typing bool
}

// New returns a box drawn with s that scrolls with the keys of k.
func New(s *styles.Styles, k *keys.KeyMap) *Box { return &Box{styles: s, keys: k} }

// SetSize gives the box its room (a height of 0 is unbounded).
func (b *Box) SetSize(w, h int) { b.width, b.height = w, h }

// Size is the room the box was given.
func (b *Box) Size() (w, h int) { return b.width, b.height }

// frame is the border (1 each side) and the padding.
func (b *Box) hpad() int {
	if b.width > 0 && b.width < 50 {
		return 1
	}
	return 2
}

// ContentWidth is the width a dialog wraps its text to: the room inside
// the border and padding, at most most (0: no limit of its own).
func (b *Box) ContentWidth(most int) int {
	w := most
	if b.width > 0 {
		room := b.width - 2 - 2*b.hpad()
		if w <= 0 || room < w {
			w = room
		}
	}
	return max(10, w)
}

// Scrolls reports whether the content did not fit when last drawn.
func (b *Box) Scrolls() bool { return b.lines > b.shown }

// ScrollKeys is the help for scrolling, empty when nothing scrolls.
func (b *Box) ScrollKeys() []key.Binding {
	if !b.Scrolls() {
		return nil
	}
	return []key.Binding{keys.WithHelp(b.keys.Down, "scroll"), keys.WithHelp(b.keys.Up, "scroll back")}
}

// Update scrolls on a key; it reports whether it used the key.
func (b *Box) Update(msg tea.Msg) bool {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		if mm, ok := msg.(tea.MouseMsg); ok && mm.Action == tea.MouseActionPress {
			switch mm.Button {
			case tea.MouseButtonWheelUp:
				return b.scroll(-3)
			case tea.MouseButtonWheelDown:
				return b.scroll(3)
			}
		}
		return false
	}
	if b.Typing && km.Type == tea.KeyRunes {
		return false
	}
	page := max(1, b.shown-1)
	switch {
	case key.Matches(km, b.keys.Down):
		return b.scroll(1)
	case key.Matches(km, b.keys.Up):
		return b.scroll(-1)
	case key.Matches(km, b.keys.PageDown):
		return b.scroll(page)
	case key.Matches(km, b.keys.PageUp):
		return b.scroll(-page)
	case key.Matches(km, b.keys.Bottom):
		return b.scroll(b.lines)
	case key.Matches(km, b.keys.Top):
		return b.scroll(-b.lines)
	}
	return false
}

func (b *Box) scroll(n int) bool {
	if !b.Scrolls() {
		return false
	}
	b.top = max(0, min(b.top+n, b.lines-b.shown))
	return true
}

// ScrollTo brings line i of the content into view (a focused field).
func (b *Box) ScrollTo(i int) {
	if b.shown <= 0 {
		b.top = 0
		return
	}
	if i < b.top {
		b.top = i
	}
	if i >= b.top+b.shown {
		b.top = i - b.shown + 1
	}
}

// View draws title (may be empty), content and foot in the box. The title
// and the foot (a text field, an error, the key line) stay on screen; the
// content scrolls when it does not fit, with a line above the foot saying
// where in it the reader is.
func (b *Box) View(title, content, foot string) string {
	s := b.styles
	cw := 0
	if b.width > 0 {
		cw = b.ContentWidth(0)
	}
	wrap := func(t string) string {
		if cw > 0 && t != "" && lipgloss.Width(t) > cw {
			return lipgloss.NewStyle().Width(cw).Render(t)
		}
		return t
	}
	body := strings.Split(strings.TrimRight(content, "\n"), "\n")
	if cw > 0 {
		for i, l := range body {
			// The dialog wrapped its text to ContentWidth; this only
			// keeps the border should it not have.
			body[i] = ansi.Truncate(l, cw, "…")
		}
	}
	title, foot = wrap(title), wrap(foot)
	// What stays on screen besides the content: the title and the foot,
	// each set off by a blank line while there is room for it.
	kept := 0
	if title != "" {
		kept += lipgloss.Height(title)
	}
	if foot != "" {
		kept += lipgloss.Height(foot)
	}
	gaps := 0
	for _, part := range []string{title, foot} {
		if part != "" {
			gaps++
		}
	}
	vpad, avail, scrolling := 1, len(body), false
	if b.height > 0 {
		if len(body)+kept+gaps+2+2*vpad > b.height {
			vpad = 0
		}
		if len(body)+kept+gaps+2 > b.height && len(body)+kept+2 <= b.height {
			gaps = 0 // it fits without its blank lines
		} else if len(body)+kept+gaps+2 > b.height {
			scrolling = true
			room := b.height - 2 - kept - 1 // the borders, and the line that says where the reader is
			if room-gaps < min(4, len(body)) {
				gaps = 0 // short: the blank lines go before the content does
			}
			if title != "" && room < min(3, len(body)) {
				// Too short to keep the title in view: it scrolls with the rest.
				room += lipgloss.Height(title)
				body = append(strings.Split(title, "\n"), body...)
				title = ""
			}
			avail = max(1, room-gaps)
		}
	}
	b.lines, b.shown = len(body), min(len(body), avail)
	b.top = max(0, min(b.top, b.lines-b.shown))
	sep := "\n"
	if gaps > 0 {
		sep = "\n\n"
	}

	var out strings.Builder
	if title != "" {
		out.WriteString(title + sep)
	}
	out.WriteString(strings.Join(body[b.top:b.top+b.shown], "\n"))
	if scrolling {
		more := "j/k"
		if b.Typing {
			more = "↑↓"
		}
		out.WriteString("\n" + wrap(s.Subtle.Render(fmt.Sprintf("lines %d–%d of %d · ", b.top+1, b.top+b.shown, b.lines))+
			s.Key.Render(more)+s.Subtle.Render(" scroll")))
	}
	if foot != "" {
		out.WriteString(sep + foot)
	}
	return s.Modal.Padding(vpad, b.hpad()).Render(out.String())
}
