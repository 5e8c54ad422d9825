package tokens

import (
	"context"
	"strings"
	"sync"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// reveal is the one-time view of a created token. The plaintext lives only
// in secret, which is wiped when the user closes the view, when the screen
// is closed, and when the program's context ends (the program quits).
type reveal struct {
	mu     sync.Mutex // wipe may run on the context's goroutine
	secret *client.Secret

	description string
	expires     string
	suffix      string // kept to find the token in the list afterwards
	confirming  bool   // enter was pressed once: "have you stored it?"
	copied      string // where the last copy went
	stop        func() bool
}

func newReveal(ctx context.Context, s *client.Secret, description, expires string) *reveal {
	r := &reveal{secret: s, description: description, expires: expires, suffix: s.Suffix(5)}
	if ctx != nil {
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

// close wipes the secret and forgets the context hook.
func (r *reveal) close() {
	if r.stop != nil {
		r.stop()
	}
	r.wipe()
}

func (r *reveal) view(s *styles.Styles, width int) string {
	r.mu.Lock()
	plain := string(r.secret.Bytes())
	r.mu.Unlock()

	w := max(30, min(width-8, 76))
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
	return s.Modal.Render(b.String())
}
