package common

import (
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// EscHandler is implemented by screens that sometimes use esc themselves
// (to clear a filter or close a prompt) rather than let the shell go back.
type EscHandler interface{ HandlesEsc() bool }

// Loader is implemented by screens that wait for the platform; the shell
// shows a spinner in the footer while the active screen is loading.
type Loader interface{ Loading() bool }

// HandlesEsc reports whether s wants esc for itself.
func HandlesEsc(s Screen) bool {
	h, ok := s.(EscHandler)
	return ok && h.HandlesEsc()
}

// IsLoading reports whether s says it waits for the platform.
func IsLoading(s Screen) bool {
	l, ok := s.(Loader)
	return ok && l.Loading()
}

// LoadingView is the body of a screen whose first answer has not come yet
// (the shell's footer spins meanwhile).
func LoadingView(s *styles.Styles, text string) string {
	return lipgloss.NewStyle().Padding(1, 2).Render(s.Subtle.Render(safetext.Clean(text)))
}

// Closer is implemented by screens that hold something to release when
// the shell drops them (a revealed token to wipe). Pages that host other
// screens pass Close on.
type Closer interface{ Close() }

// Close releases what s holds, if it holds anything.
func Close(s Screen) {
	if c, ok := s.(Closer); ok {
		c.Close()
	}
}

// Dirtier is implemented by screens that hold input the user typed and has
// not sent (a half-filled form); the shell asks before quitting or logging
// out over it. Pages that host other screens pass Dirty on.
type Dirtier interface{ Dirty() bool }

// IsDirty reports whether s holds unsent input.
func IsDirty(s Screen) bool {
	d, ok := s.(Dirtier)
	return ok && d.Dirty()
}

// Typer is implemented by screens and dialogs that can tell whether a text
// field has focus. A screen that captures keys for another reason (a
// question, a list to choose from) is not typing: the shell's q and L still
// quit and log out over it.
type Typer interface{ Typing() bool }

// Typing reports whether letters typed now are text for a field of v (a
// screen or a dialog). A screen that does not say is typing whenever it
// captures keys; anything else that does not say is typing too, so that a
// field never loses a letter to a shell key.
func Typing(v any) bool {
	if t, ok := v.(Typer); ok {
		return t.Typing()
	}
	if s, ok := v.(Screen); ok {
		return s.Capturing()
	}
	return true
}
