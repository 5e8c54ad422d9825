package members

import (
	"github.com/charmbracelet/bubbles/key"

	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// keyMap is the tab's keys: the shared ones with the tab's own words, and
// P, which only this tab has.
type keyMap struct {
	Invite      key.Binding
	Edit        key.Binding
	Remove      key.Binding
	Permissions key.Binding
	Filter      key.Binding
	Refresh     key.Binding
	Up, Down    key.Binding
	Select      key.Binding
	Close       key.Binding
	Choose      key.Binding
	Save        key.Binding
	Cancel      key.Binding
}

func newKeyMap(k *keys.KeyMap, repository bool) keyMap {
	invite := keys.WithHelp(k.New, "invite")
	if repository {
		invite = keys.WithHelp(k.New, "add member")
	}
	return keyMap{
		Invite: invite,
		Edit:   keys.WithHelp(k.Edit, "change role"),
		Remove: keys.WithHelp(k.Delete, "remove"),
		// P, not p: the Dashboard tab beside this one uses p for its period.
		Permissions: key.NewBinding(key.WithKeys("P"), key.WithHelp("P", "permissions")),
		Filter:      k.Filter,
		Refresh:     k.Refresh,
		Up:          k.Up,
		Down:        k.Down,
		Select:      keys.WithHelp(k.Open, "choose"),
		Close:       keys.WithHelp(k.Back, "close"),
		Choose:      key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓", "choose")),
		Save:        key.NewBinding(key.WithKeys("enter", "ctrl+s"), key.WithHelp("enter", "save")),
		Cancel:      k.Cancel,
	}
}

// chooseHelp is the keys of a form that is one choice (a role).
func (k keyMap) chooseHelp() []key.Binding { return []key.Binding{k.Choose, k.Save, k.Cancel} }
