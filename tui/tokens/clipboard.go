package tokens

import (
	"crypto/sha256"
	"crypto/subtle"
	"io"
	"os"
	"strings"
	"time"

	"github.com/atotto/clipboard"
	"github.com/aymanbagabas/go-osc52/v2"
	tea "github.com/charmbracelet/bubbletea"
	"golang.org/x/term"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

// ClipboardClearEnv names the setting that clears the system clipboard
// again after a while, e.g. HORUSEC_TUI_CLIPBOARD_CLEAR=30s. Unset: never.
const ClipboardClearEnv = "HORUSEC_TUI_CLIPBOARD_CLEAR"

// NativeClipboard is the system clipboard.
type NativeClipboard interface {
	ReadAll() (string, error)
	WriteAll(text string) error
}

// Clipboard is where a created token can be copied.
type Clipboard struct {
	// OSC52 receives the OSC 52 sequence; it must reach the terminal
	// (the program's own output goes through the renderer, so the terminal
	// device is written to directly). nil: no OSC 52.
	OSC52 io.Writer
	// Native is the system clipboard; nil where there is none.
	Native NativeClipboard
	// ClearAfter empties the system clipboard this long after a copy, if
	// it still holds the token. 0: never.
	ClearAfter time.Duration
}

type atottoClipboard struct{}

func (atottoClipboard) ReadAll() (string, error)   { return clipboard.ReadAll() }
func (atottoClipboard) WriteAll(text string) error { return clipboard.WriteAll(text) }

// DefaultClipboard copies with OSC 52 to whichever of stderr and stdout is
// the terminal, and to the system clipboard when one is installed (xclip,
// xsel, wl-copy, pbcopy, …). ClearAfter comes from HORUSEC_TUI_CLIPBOARD_CLEAR.
func DefaultClipboard() Clipboard {
	var cb Clipboard
	switch {
	case term.IsTerminal(int(os.Stderr.Fd())):
		cb.OSC52 = os.Stderr
	case term.IsTerminal(int(os.Stdout.Fd())):
		cb.OSC52 = os.Stdout
	}
	if !clipboard.Unsupported {
		cb.Native = atottoClipboard{}
	}
	if v := strings.TrimSpace(os.Getenv(ClipboardClearEnv)); v != "" {
		if d, err := time.ParseDuration(v); err == nil && d > 0 {
			cb.ClearAfter = d
		}
	}
	return cb
}

// copiedMsg says where a copy went.
type copiedMsg struct {
	to     int
	osc52  bool
	native bool
	digest [sha256.Size]byte // of the token, to recognise it later without keeping it
}

func (m copiedMsg) ReplyTo() int { return m.to }

// copyCmd copies text off the UI goroutine (the system clipboard runs a
// helper program).
func (cb Clipboard) copyCmd(to int, text string) tea.Cmd {
	digest := sha256.Sum256([]byte(text))
	return func() tea.Msg {
		msg := copiedMsg{to: to, digest: digest}
		if cb.OSC52 != nil {
			// One Write, so the sequence reaches the terminal whole.
			if _, err := osc52.New(text).WriteTo(cb.OSC52); err == nil {
				msg.osc52 = true
			}
		}
		if cb.Native != nil {
			if err := cb.Native.WriteAll(text); err == nil {
				msg.native = true
			}
		}
		return msg
	}
}

// copiedText is the status line for a copy.
func copiedText(m copiedMsg) (string, common.StatusKind) {
	switch {
	case m.osc52 && m.native:
		return "Copied to the clipboard (OSC 52 and the system clipboard)", common.StatusSuccess
	case m.native:
		return "Copied to the system clipboard", common.StatusSuccess
	case m.osc52:
		return "Copied to the clipboard (OSC 52: the terminal must allow it)", common.StatusSuccess
	}
	return "No clipboard is available here: select the token on the screen and copy it by hand", common.StatusError
}

// copiedShortText is where a copy went, for the smallest terminal.
func copiedShortText(m copiedMsg) string {
	switch {
	case m.osc52 && m.native:
		return "Copied (OSC 52 and system clipboard)"
	case m.native:
		return "Copied to the system clipboard"
	case m.osc52:
		return "Copied (OSC 52)"
	}
	return "No clipboard here: copy it by hand"
}

// clearLaterCmd empties the system clipboard after ClearAfter when it still
// holds the token. It runs whether or not the screen is still shown.
func (cb Clipboard) clearLaterCmd(digest [sha256.Size]byte) tea.Cmd {
	if cb.Native == nil || cb.ClearAfter <= 0 {
		return nil
	}
	native := cb.Native
	return tea.Tick(cb.ClearAfter, func(time.Time) tea.Msg {
		cur, err := native.ReadAll()
		if err != nil {
			return nil
		}
		d := sha256.Sum256([]byte(cur))
		if subtle.ConstantTimeCompare(d[:], digest[:]) != 1 {
			return nil // the user copied something else since: leave it
		}
		if err := native.WriteAll(""); err != nil {
			return common.StatusMsg{Kind: common.StatusError, Text: "Could not clear the clipboard: clear it by hand"}
		}
		return common.StatusMsg{Kind: common.StatusInfo, Text: "Cleared the token from the system clipboard"}
	})
}
