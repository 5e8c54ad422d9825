// Package keys holds the key bindings every screen shares, so that a key
// means the same thing everywhere.
package keys

import "github.com/charmbracelet/bubbles/key"

// KeyMap is the program's keys. Screens pick the ones that apply and list
// them in their help; a binding that a role does not allow is disabled.
type KeyMap struct {
	Up, Down         key.Binding
	PageUp, PageDown key.Binding
	Top, Bottom      key.Binding
	Open             key.Binding
	Back             key.Binding
	Filter           key.Binding
	New              key.Binding
	Edit             key.Binding
	Delete           key.Binding
	Refresh          key.Binding
	Sort             key.Binding
	NextTab, PrevTab key.Binding
	Help             key.Binding
	Quit             key.Binding
	ForceQuit        key.Binding
	Suspend          key.Binding
	Logout           key.Binding
	Copy             key.Binding
	Export           key.Binding
	Retry            key.Binding

	// Forms.
	NextField, PrevField key.Binding
	Submit               key.Binding
	Cancel               key.Binding
}

// Default returns the program's key map.
func Default() *KeyMap {
	return &KeyMap{
		Up:        key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:      key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		PageUp:    key.NewBinding(key.WithKeys("pgup", "ctrl+u"), key.WithHelp("pgup", "page up")),
		PageDown:  key.NewBinding(key.WithKeys("pgdown", "ctrl+d"), key.WithHelp("pgdn", "page down")),
		Top:       key.NewBinding(key.WithKeys("home", "g"), key.WithHelp("g/home", "first")),
		Bottom:    key.NewBinding(key.WithKeys("end", "G"), key.WithHelp("G/end", "last")),
		Open:      key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open")),
		Back:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		Filter:    key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		New:       key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "new")),
		Edit:      key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "edit")),
		Delete:    key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "delete")),
		Refresh:   key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "refresh")),
		Sort:      key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "sort")),
		NextTab:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next tab")),
		PrevTab:   key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous tab")),
		Help:      key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:      key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit: key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Suspend:   key.NewBinding(key.WithKeys("ctrl+z"), key.WithHelp("ctrl+z", "suspend")),
		Logout:    key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "log out")),
		Copy:      key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "copy")),
		Export:    key.NewBinding(key.WithKeys("x"), key.WithHelp("x", "export")),
		Retry:     key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "retry")),

		NextField: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next field")),
		PrevField: key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "previous field")),
		Submit:    key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "submit")),
		Cancel:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
	}
}

// WithHelp returns b with another help text, for screens where a shared key
// does something more specific ("d revoke" instead of "d delete").
func WithHelp(b key.Binding, desc string) key.Binding {
	h := b.Help()
	nb := b
	nb.SetHelp(h.Key, desc)
	return nb
}
