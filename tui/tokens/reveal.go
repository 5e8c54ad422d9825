package tokens

import (
	"context"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// reveal is the one-time view of a created token. The plaintext lives only
// in secret, which is wiped when the user closes the view, when the screen
// is closed, and when the program's context ends (the program quits).
type reveal struct {
	m *Model

	mu     sync.Mutex // wipe may run on the context's goroutine
	secret *client.Secret

	description string
	expires     string
	suffix      string // kept to find the token in the list afterwards
	confirming  bool   // enter was pressed once: "have you stored it?"
	copied      string // where the last copy went
	stop        func() bool

	width, height int
}

func (m *Model) newReveal(s *client.Secret) *reveal {
	r := &reveal{m: m, secret: s, description: m.sent.Description, expires: m.sentExpiry, suffix: s.Suffix(5)}
	if ctx := m.c.Ctx; ctx != nil {
		r.stop = context.AfterFunc(ctx, r.wipe)
	}
	return r
}

// text returns a copy of the plaintext for the clipboard ("" once wiped).
func (r *reveal) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return string(r.secret.Bytes())
}

func (r *reveal) wipe() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.secret.Wipe()
}

// Close wipes the secret and forgets the context hook (common.Closer).
func (r *reveal) Close() {
	if r.stop != nil {
		r.stop()
	}
	r.wipe()
}

// Update implements dialog.Dialog.
func (r *reveal) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return r, nil
	}
	k := r.m.keys
	switch {
	case key.Matches(km, k.Copy):
		text := r.text()
		if text == "" {
			return r, nil
		}
		return r, r.m.opts.Clipboard.copyCmd(r.m.id, text)
	case key.Matches(km, k.Done):
		if !r.confirming {
			r.confirming = true
			return r, nil
		}
		// Closing wipes the secret (Dialogs closes it).
		r.m.pick = r.suffix
		return nil, tea.Batch(
			common.Status(common.StatusSuccess, "Token “"+r.description+"” created; it is no longer shown anywhere"),
			r.m.load(),
		)
	case key.Matches(km, k.Keep):
		r.confirming = false
	}
	return r, nil
}

// copied shows where a copy went, on the reveal and in the footer.
func (m *Model) copied(msg copiedMsg) tea.Cmd {
	text, kind := copiedText(msg)
	if r, ok := m.dialogs.Active().(*reveal); ok {
		r.copied = text
	}
	var clearCmd tea.Cmd
	if msg.native {
		clearCmd = m.opts.Clipboard.clearLaterCmd(msg.digest)
	}
	return tea.Batch(common.Status(kind, text), clearCmd)
}

// Help implements dialog.Dialog.
func (r *reveal) Help() []key.Binding {
	k := r.m.keys
	if r.confirming {
		return []key.Binding{keys.WithHelp(k.Done, "close"), k.Keep}
	}
	return []key.Binding{k.Copy, k.Done}
}

// SetSize implements dialog.Dialog.
func (r *reveal) SetSize(w, h int) { r.width, r.height = w, h }

// Busy implements dialog.Dialog: the reveal waits for nothing.
func (r *reveal) Busy() bool { return false }

// View implements dialog.Dialog.
func (r *reveal) View() string {
	r.mu.Lock()
	plain := string(r.secret.Bytes())
	r.mu.Unlock()

	s := r.m.c.Styles
	w := max(30, min(r.width-8, 76))
	text := s.Text.Width(w)
	var b strings.Builder
	b.WriteString(s.Success.Bold(true).Render("✓ Token created") + "\n\n")
	b.WriteString(text.Render(s.Subtle.Render("Description  ")+safetext.Clean(r.description)) + "\n")
	b.WriteString(text.Render(s.Subtle.Render("Expires      ")+r.expires) + "\n\n")
	// Alone on its line, unwrapped, so a terminal selection takes exactly it.
	b.WriteString(s.Secret.Render(plain) + "\n\n")
	b.WriteString(s.Warning.Width(w).Render("This is the only time the token is shown. Copy it now and keep it in a secret store: it can never be shown again.") + "\n")
	if r.copied != "" {
		b.WriteString("\n" + s.Success.Width(w).Render("✓ "+r.copied) + "\n")
	}
	b.WriteString("\n")
	if r.confirming {
		b.WriteString(s.Warning.Bold(true).Render("I have stored it — close?") + "\n")
		b.WriteString(s.Subtle.Render(s.Key.Render("enter") + " close, the token disappears · " + s.Key.Render("esc") + " keep it open"))
	} else {
		b.WriteString(s.Subtle.Render(s.Key.Render("c") + " copy · " + s.Key.Render("enter") + " done"))
	}
	return common.Center(s.Modal.Render(b.String()), r.width, r.height)
}
