package tokens

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// keyMap is the tab's keys: the shared ones, in this tab's words.
type keyMap struct {
	New     key.Binding
	Revoke  key.Binding
	Filter  key.Binding
	Refresh key.Binding
	Up      key.Binding
	Down    key.Binding

	// The reveal.
	Copy key.Binding
	Done key.Binding
	Keep key.Binding
}

func newKeyMap(k *keys.KeyMap) keyMap {
	return keyMap{
		New:     keys.WithHelp(k.New, "new token"),
		Revoke:  keys.WithHelp(k.Delete, "revoke"),
		Filter:  keys.WithHelp(k.Filter, "filter every column"),
		Refresh: k.Refresh,
		Up:      k.Up,
		Down:    k.Down,
		Copy:    keys.WithHelp(k.Copy, "copy the token"),
		Done:    keys.WithHelp(k.Open, "done"),
		Keep:    keys.WithHelp(k.Back, "keep it open"),
	}
}
