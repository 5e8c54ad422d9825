// Package common is what every screen shares: the Common value handed to
// each constructor, the Screen contract, and the messages screens use to
// talk to the shell. It also holds the one way of doing each of the
// things every screen does:
//
//   - talking to the platform: Do and Result, with the screen's own typed
//     tags (see Do for the whole convention);
//   - loading a list: List (sequence numbers, loading, error, retry after
//     a new login);
//   - showing a form, a question or a reveal over a list: package
//     tui/common/dialog (a small Dialog model kept in the host's
//     dialog.Host; a form is hosted with dialog.FormHost, a question before
//     acting with dialog.Confirm, a list tab with its dialogs with
//     dialog.ListHost);
//   - drawing a list that failed: ErrorView, RefusedView.
package common

import (
	"context"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/charmbracelet/bubbles/help"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Common is handed to every screen's constructor. It holds no per-screen
// state, so sharing one pointer is safe.
type Common struct {
	Ctx    context.Context
	Client *client.Client
	Styles *styles.Styles
	Keys   *keys.KeyMap
	Logger *slog.Logger // never given a secret or a key press
	Now    func() time.Time

	// Shown in the header.
	Profile string
	Host    string

	// AuthConfig is the platform's auth settings, read at start.
	AuthConfig client.AuthConfig

	// ExportDir is where dashboard exports are written ("" is the working
	// directory).
	ExportDir string

	// Veil keeps a secret on screen out of the frames' strings until the
	// shell writes the frame (nil: screens draw the secret themselves).
	Veil *Veil
}

// Session is the logged-in user's session, or nil.
func (c *Common) Session() *client.Session {
	if c == nil || c.Client == nil {
		return nil
	}
	return c.Client.Session()
}

// Today is the current time from the screen clock.
func (c *Common) Today() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Screen is one page of the program or one tab of a page. The shell keeps
// a stack of screens: keys go to the top one; replies go to the screen that
// asked (see Reply).
type Screen interface {
	// ID tags the replies to this screen's requests.
	ID() int
	// Title names the screen in the header's breadcrumb and in tab bars.
	Title() string
	Init() tea.Cmd
	// Update changes the screen in place.
	Update(msg tea.Msg) tea.Cmd
	View() string
	// SetSize gives the screen the space it may draw in.
	SetSize(width, height int)
	// Capturing is true while a text input has focus: the shell then sends
	// every key to the screen (no q to quit, no ? for help).
	Capturing() bool
	help.KeyMap
}

var lastID atomic.Int64

// NewID returns a program-wide unique screen id.
func NewID() int { return int(lastID.Add(1)) }

// Reply is implemented by every message that answers one screen's request.
// The shell hands such a message to every screen on the stack; a screen acts
// only on replies addressed to it (or to one of its tabs), so a reply to a
// screen that is gone is dropped.
type Reply interface{ ReplyTo() int }

// Result is the reply to a request made with Do.
type Result[T any] struct {
	To    int // the screen that asked
	Tag   any // which request of the screen this answers (see Do)
	Value T
	Err   error
}

// ReplyTo implements Reply.
func (r Result[T]) ReplyTo() int { return r.To }

// Answer returns msg as the reply to request tag of screen id, when it is
// one: how a screen picks the replies to its requests out of what it gets.
func Answer[T any](msg tea.Msg, id int, tag any) (Result[T], bool) {
	r, ok := msg.(Result[T])
	return r, ok && r.To == id && r.Tag == tag
}

// Tagged returns msg as the reply to a request of screen id tagged with a
// K (a small struct saying what the request was about), with that tag.
func Tagged[K, T any](msg tea.Msg, id int) (Result[T], K, bool) {
	r, ok := msg.(Result[T])
	tag, isK := r.Tag.(K)
	return r, tag, ok && isK && r.To == id
}

// Do is the one way a screen talks to the platform: it runs fn off the UI
// goroutine and replies to screen id with a Result[T] carrying tag, so
// nothing blocks Update.
//
// The convention every screen follows:
//
//   - tag is a value of a type the screen declares for itself, never a
//     string built at run time: an enum (type tag int; const (tagCreate
//     tag = iota; tagRevoke)) or, when the request is about one thing, a
//     small struct (type roleTag struct{ accountID string }). The reply is
//     then told apart by a type switch or ==, not by string prefixes.
//   - a list is loaded through List, which numbers its loads itself.
//   - the screen's Loading() is true while any request of it is on its way
//     (the list, a form sent, a revoke): List.Loading and the dialog
//     host's Busy compose it. The shell's footer spinner is the only spinner; screens
//     draw none of their own.
//   - a reply saying the session expired asks for a new login with
//     SessionExpired, handing it the same request to send again.
func Do[T any](c *Common, id int, tag any, fn func(ctx context.Context) (T, error)) tea.Cmd {
	return func() tea.Msg {
		v, err := fn(c.Ctx)
		return Result[T]{To: id, Tag: tag, Value: v, Err: err}
	}
}

// StatusKind colours a status message.
type StatusKind int

const (
	StatusInfo StatusKind = iota
	StatusSuccess
	StatusError
)

// StatusMsg shows a short message in the footer. It belongs to the screen
// on top when it arrives and goes when that screen is left or another is
// opened over it; a success or info message also clears itself after a few
// seconds, an error stays until then.
type StatusMsg struct {
	Text string
	Kind StatusKind
}

// ClearStatusMsg takes the status message away (a page whose tab changed
// shows another screen).
type ClearStatusMsg struct{}

// ClearStatus returns a command that takes the status message away.
func ClearStatus() tea.Msg { return ClearStatusMsg{} }

// Status returns a command that shows text in the footer.
func Status(kind StatusKind, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Kind: kind} }
}

// PushMsg asks the shell to open a screen on top of the current one.
type PushMsg struct{ Screen Screen }

// Push returns a command that opens s.
func Push(s Screen) tea.Cmd { return func() tea.Msg { return PushMsg{Screen: s} } }

// PopMsg asks the shell to close the top screen. Then, when set, is
// delivered to the screen below (e.g. to refresh its list).
type PopMsg struct{ Then tea.Msg }

// Pop returns a command that closes the top screen.
func Pop(then tea.Msg) tea.Cmd { return func() tea.Msg { return PopMsg{Then: then} } }

// SessionExpiredMsg asks the shell to bring the login screen up over the
// current screen. After a successful login the shell runs Retry (typically
// the request that failed), so no half-filled form is lost.
type SessionExpiredMsg struct{ Retry tea.Cmd }

// LoginAbandonedMsg is sent to every screen when the user gives up the
// login that SessionExpired brought up: the requests it would have sent
// again are dropped, so whatever waited for them (a form on "Sending…")
// must be usable again. dialog.FormHost handles it for every form.
type LoginAbandonedMsg struct{}

// LoggedInMsg is sent by the login screen once a session is in place.
type LoggedInMsg struct{ Session *client.Session }

// LogoutMsg asks the shell to log out and show the login screen.
type LogoutMsg struct{}

// SessionExpired returns a command that asks for a new login and retries
// retry afterwards. Screens call it when a request fails with
// client.KindUnauthenticated.
func SessionExpired(retry tea.Cmd) tea.Cmd {
	return func() tea.Msg { return SessionExpiredMsg{Retry: retry} }
}

// RefreshMsg asks a screen to reload its data (sent with PopMsg.Then after
// a form saved something).
type RefreshMsg struct{}
