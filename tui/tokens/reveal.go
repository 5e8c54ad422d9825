package tokens

import (
	"context"
	"strings"
	"sync"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// reveal is the one-time view of a created token. The plaintext lives only
// in secret, which is wiped when the user closes the view, when the screen
// is closed, and when the program's context ends (the program quits). The
// view draws mark, a stand-in the shell replaces with the plaintext as the
// last step of a frame (common.Veil), so the strings built for each frame
// never hold it.
type reveal struct {
	m *Model

	mu     sync.Mutex // wipe may run on the context's goroutine
	secret *client.Secret
	mark   string

	description string
	expires     string
	suffix      string // kept to find the token in the list afterwards
	confirming  bool   // enter was pressed once: "have you stored it?"
	// copied says where the last copy went, in full and in short.
	copied, copiedShort string
	copiedKind          common.StatusKind
	stop                func() bool

	width, height int
}

func (m *Model) newReveal(s *client.Secret) *reveal {
	r := &reveal{m: m, secret: s, description: m.sent.Description, expires: m.sentExpiry, suffix: s.Suffix(5)}
	r.mark = m.c.Veil.Show(s)
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
	r.m.c.Veil.Hide(r.mark)
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
		r.copied, r.copiedShort, r.copiedKind = text, copiedShortText(msg), kind
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

// Typing is false: the reveal has no text field, so the shell's q and L
// reach the shell, which asks first while the token is shown.
func (r *reveal) Typing() bool { return false }

// Busy implements dialog.Dialog: the reveal waits for nothing.
func (r *reveal) Busy() bool { return false }

// The texts of the reveal, long where there is room and short where not.
const (
	warnLong  = "This is the only time the token is shown. Copy it now and keep it in a secret store: it can never be shown again."
	warnShort = "Shown only this once: copy it and keep it safe."
	question  = "I have stored it — close?"
)

// View implements dialog.Dialog. It draws the first layout that fits the
// room whole, box and key line included, from the roomiest to the
// tightest; the token is never cut (it has a line of its own). Where none
// fits, it says the terminal is too small and keeps the token.
func (r *reveal) View() string {
	if r.width <= 0 || r.height <= 0 {
		return r.layout(0, 72)
	}
	for level := 0; level <= 3; level++ {
		iw := min(72, r.width-4)
		if level == 0 {
			iw = min(72, r.width-6)
		}
		if iw < len(r.mark) {
			continue
		}
		if box := r.layout(level, iw); lipgloss.Height(box) <= r.height && lipgloss.Width(box) <= r.width {
			return common.Center(box, r.width, r.height)
		}
	}
	return r.tooSmall()
}

// layout draws the reveal at inner width iw: level 0 with room to spare,
// 1 with fewer blank lines, 2 and 3 with short texts for the smallest
// terminal.
func (r *reveal) layout(level, iw int) string {
	s := r.m.c.Styles
	wrap := func(st lipgloss.Style, text string) string { return st.Width(iw).Render(text) }
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	copied := func(text string) {
		if text == "" {
			return
		}
		st, sign := s.Success, "✓ "
		if r.copiedKind == common.StatusError {
			st, sign = s.Error, "✗ "
		}
		add(wrap(st, sign+text))
	}
	keys := s.Subtle.Render(s.Key.Render("c") + " copy · " + s.Key.Render("enter") + " done")
	if r.confirming {
		keys = s.Subtle.Render(s.Key.Render("enter") + " close, the token disappears · " + s.Key.Render("esc") + " keep it open")
	}
	// The token is alone on its line, so a selection takes exactly it.
	token := s.Secret.Render(r.mark)
	switch level {
	case 0:
		add(s.Success.Bold(true).Render("✓ Token created"), "",
			wrap(s.Text, s.Subtle.Render("Description  ")+safetext.Clean(r.description)),
			wrap(s.Text, s.Subtle.Render("Expires      ")+r.expires), "",
			token, "",
			wrap(s.Warning, warnLong))
		if r.copied != "" {
			add("")
			copied(r.copied)
		}
		add("")
		if r.confirming {
			add(s.Warning.Bold(true).Render(question))
		}
		add(keys)
		return s.Modal.Render(strings.Join(lines, "\n"))
	case 1:
		add(s.Success.Bold(true).Render("✓ Token created: ")+s.Text.Render(safetext.Fit(r.description, max(10, iw-17))),
			s.Subtle.Render("Expires ")+s.Text.Render(r.expires), "",
			token, "",
			wrap(s.Warning, warnLong))
		copied(r.copied)
		if r.confirming {
			add(s.Warning.Bold(true).Render(question))
		}
		add(keys)
	default:
		add(token, wrap(s.Warning, warnShort))
		copied(r.copiedShort)
		switch {
		case !r.confirming:
			add(s.Subtle.Render(s.Key.Render("c") + " copy · " + s.Key.Render("enter") + " done"))
		case level == 2:
			add(s.Warning.Bold(true).Render(question),
				s.Subtle.Render(s.Key.Render("enter")+" close · "+s.Key.Render("esc")+" keep it open"))
		default:
			add(s.Warning.Bold(true).Render(question) + "  " + s.Subtle.Render(s.Key.Render("enter")+" yes · "+s.Key.Render("esc")+" no"))
		}
	}
	return s.Modal.Padding(0, 1).Render(strings.Join(lines, "\n"))
}

// tooSmall is drawn where no layout fits: the token is kept, not cut.
func (r *reveal) tooSmall() string {
	s := r.m.c.Styles
	w := max(1, r.width)
	msg := s.Warning.Bold(true).Width(w).Render("The terminal is too small to show the token.") + "\n" +
		s.Text.Width(w).Render("Make it larger: the token is kept until then, and shown once it fits.")
	return lipgloss.NewStyle().MaxHeight(max(1, r.height)).Render(msg)
}
