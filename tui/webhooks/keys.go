package webhooks

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// keyMap is the tab's keys: the shared ones, in this tab's words.
type keyMap struct {
	New     key.Binding
	Edit    key.Binding
	Copy    key.Binding
	Delete  key.Binding
	Test    key.Binding
	Filter  key.Binding
	Refresh key.Binding
	Up      key.Binding
	Down    key.Binding

	// The prompts (delete, the stall warning) and the test result.
	Yes, No key.Binding
	Close   key.Binding
}

func newKeyMap(k *keys.KeyMap) keyMap {
	return keyMap{
		New:     keys.WithHelp(k.New, "new webhook"),
		Edit:    keys.WithHelp(k.Edit, "edit"),
		Copy:    keys.WithHelp(k.Copy, "copy into a new one"),
		Delete:  keys.WithHelp(k.Delete, "delete"),
		Test:    key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "test delivery")),
		Filter:  keys.WithHelp(k.Filter, "filter every column"),
		Refresh: k.Refresh,
		Up:      k.Up,
		Down:    k.Down,
		Yes:     key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "yes")),
		No:      key.NewBinding(key.WithKeys("n", "esc"), key.WithHelp("n/esc", "cancel")),
		Close:   key.NewBinding(key.WithKeys("enter", "esc"), key.WithHelp("enter/esc", "close")),
	}
}
