package dialog

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// TableHost is a Host over a table: a screen whose body is a table with
// the dialogs over it. A screen embeds one (setting Table in its
// constructor), and its Capturing, Typing, HandlesEsc, Dirty and Close are
// then the host's: what has the keys is decided the same way for every
// such screen. A screen that also uses esc or waits for something of its
// own says so in its own HandlesEsc or Loading, calling the host's.
type TableHost struct {
	Host
	Table *table.Model
}

// Capturing is true while a dialog is open or the filter is being typed:
// every key is then the screen's (tab moves between fields, q and esc do
// not leave).
func (h *TableHost) Capturing() bool { return h.IsOpen() || h.Table.Filtering() }

// Typing is true while a text field (the filter, a dialog's) has focus.
func (h *TableHost) Typing() bool { return h.Host.Typing() || h.Table.Filtering() }

// HandlesEsc is true while esc closes something of the screen (a dialog,
// the filter) rather than leaving the page.
func (h *TableHost) HandlesEsc() bool { return h.IsOpen() || h.Table.HandlesEsc() }

// Route hands the screen's input to what has focus (see Route): the open
// dialog, else onListKey and the table.
func (h *TableHost) Route(msg tea.Msg, onListKey func(tea.KeyMsg) tea.Cmd) tea.Cmd {
	return Route(&h.Host, h.Table, msg, onListKey)
}

// ListHost is a tab that is one list (loaded by a common.List, shown in a
// table) with the dialogs over it: how it loads, routes and is sized, what
// spins, the help and the body are decided the same way for every such
// tab, on top of what TableHost decides. A screen embeds one and sets List
// and Table (and Above) in its constructor; its Init, SetSize and Loading
// are then the host's.
type ListHost[T any] struct {
	TableHost
	List *common.List[T]
	// Above is the rows the tab draws above the table (a note, a title).
	Above int
}

// Init loads the list.
func (h *ListHost[T]) Init() tea.Cmd { return h.List.Load() }

// SetSize gives the table the room under what is drawn above it, and the
// dialogs the whole of it (Width is the tab's width).
func (h *ListHost[T]) SetSize(w, ht int) {
	h.Table.SetSize(w, max(1, ht-h.Above))
	h.Host.SetSize(w, ht)
}

// Route hands the tab's input on the way every list tab does: the list's
// replies to the list, a refresh to a new load, the keys typed into the
// filter to the table, and the rest to what has focus (TableHost.Route):
// the open dialog, else onListKey and the table.
func (h *ListHost[T]) Route(msg tea.Msg, onListKey func(tea.KeyMsg) tea.Cmd) tea.Cmd {
	if mine, cmd := h.List.Update(msg); mine {
		return cmd
	}
	if _, ok := msg.(common.RefreshMsg); ok {
		return h.List.Load()
	}
	return h.TableHost.Route(msg, func(km tea.KeyMsg) tea.Cmd {
		if h.Table.Filtering() {
			return h.Table.Update(km)
		}
		return onListKey(km)
	})
}

// Loading is true while the list or the open dialog waits for the platform.
func (h *ListHost[T]) Loading() bool { return h.List.Loading() || h.Busy() }

// ShortHelp is the open dialog's keys, retry while the list failed, the
// filter's keys while it is typed, else the list's keys (actions).
func (h *ListHost[T]) ShortHelp(retry key.Binding, actions func() []key.Binding) []key.Binding {
	switch {
	case h.IsOpen():
		return h.Help()
	case h.List.Err() != nil:
		return []key.Binding{retry}
	case h.Table.Filtering():
		return h.Table.FilterHelp()
	}
	return actions()
}

// FullHelp is short, and the moves while the list has the keys.
func (h *ListHost[T]) FullHelp(short []key.Binding, moves ...key.Binding) [][]key.Binding {
	if h.IsOpen() || h.Table.Filtering() {
		return [][]key.Binding{short}
	}
	return [][]key.Binding{short, moves}
}

// Body is what the tab draws instead of its list: the open dialog, why the
// list failed (errorView, in margins), or that it is loading. ok is false
// when the list itself is to be drawn.
func (h *ListHost[T]) Body(s *styles.Styles, errorView func(error) string, loading string) (body string, ok bool) {
	switch {
	case h.IsOpen():
		return h.View(), true
	case h.List.Err() != nil:
		return lipgloss.NewStyle().Padding(1, 2).Render(errorView(h.List.Err())), true
	case !h.List.Loaded():
		return common.LoadingView(s, loading), true
	}
	return "", false
}
