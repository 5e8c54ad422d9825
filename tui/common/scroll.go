package common

import (
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// ScrollPage moves vp by the shared page keys (pgdn, pgup, g to the top,
// G to the bottom), the same on every screen that scrolls a text taller
// than its room; it reports whether msg was one of them.
func ScrollPage(vp *viewport.Model, k *keys.KeyMap, msg tea.KeyMsg) bool {
	switch {
	case key.Matches(msg, k.PageDown):
		vp.PageDown()
	case key.Matches(msg, k.PageUp):
		vp.PageUp()
	case key.Matches(msg, k.Top):
		vp.GotoTop()
	case key.Matches(msg, k.Bottom):
		vp.GotoBottom()
	default:
		return false
	}
	return true
}
