package login

import (
	"context"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/modal"
)

// StorageChoice is where the session may go when no OS keyring is usable:
// the program asks once per profile and remembers the answer.
type StorageChoice struct {
	// Pending is why no keyring is usable when the profile has no choice
	// yet ("" otherwise: nothing to ask).
	Pending func() string
	// Profile names the profile the choice is remembered for, in Config
	// (the config file).
	Profile, Config string
	// File is the 0600 file --insecure-storage keeps sessions in.
	File string
	// Choose keeps the session for this run only (file false) or in File
	// from now on (the current session moves there), and remembers the
	// choice. It may write files: it runs off the UI goroutine.
	Choose func(file bool) error
}

// Storage is the screen that asks: it stays until answered.
type Storage struct {
	c      *common.Common
	id     int
	opts   StorageChoice
	reason string
	box    *modal.Box
	keys   storageKeys
	busy   bool
	note   string // a failed answer, or what to do

	width, height int
}

type storageKeys struct{ Memory, File key.Binding }

// NewStorage builds the question; reason says why no keyring is usable.
func NewStorage(c *common.Common, opts StorageChoice, reason string) *Storage {
	return &Storage{c: c, id: common.NewID(), opts: opts, reason: reason, box: modal.New(c.Styles, c.Keys),
		keys: storageKeys{
			Memory: key.NewBinding(key.WithKeys("1"), key.WithHelp("1", "this run only")),
			File:   key.NewBinding(key.WithKeys("2"), key.WithHelp("2", "keep in a 0600 file")),
		}}
}

func (m *Storage) ID() int       { return m.id }
func (m *Storage) Title() string { return "No keyring" }
func (m *Storage) Init() tea.Cmd { return nil }

// Capturing: every key is the question's (j/k scroll it, esc does not
// take it away), but it has no text field, so q and L are the shell's.
func (m *Storage) Capturing() bool  { return true }
func (m *Storage) Typing() bool     { return false }
func (m *Storage) HandlesEsc() bool { return true }
func (m *Storage) Loading() bool    { return m.busy }

func (m *Storage) SetSize(w, h int) {
	m.width, m.height = w, h
	m.box.SetSize(w, h)
}

type storageTag struct{ file bool }

func (m *Storage) Update(msg tea.Msg) tea.Cmd {
	if r, tag, ok := common.Tagged[storageTag, bool](msg, m.id); ok {
		m.busy = false
		if r.Err != nil {
			m.note = "Not saved: " + r.Err.Error() + ". Choose again."
			return nil
		}
		text := "The session lasts for this run only; profile “" + m.opts.Profile + "” keeps this choice."
		if tag.file {
			text = "The session is kept in " + m.opts.File + " (0600, not encrypted)."
		}
		// In order: the message is the screen's below.
		return tea.Sequence(common.Pop(nil), common.Status(common.StatusSuccess, safetext.Clean(text)))
	}
	switch msg := msg.(type) {
	case tea.KeyMsg:
		if m.busy {
			return nil
		}
		switch {
		case key.Matches(msg, m.keys.Memory):
			return m.choose(false)
		case key.Matches(msg, m.keys.File):
			return m.choose(true)
		case msg.Type == tea.KeyEsc || msg.Type == tea.KeyEnter:
			m.note = "Choose 1 or 2 first (q quits)."
			return nil
		}
	}
	m.box.Update(msg)
	return nil
}

func (m *Storage) choose(file bool) tea.Cmd {
	m.busy, m.note = true, ""
	choose := m.opts.Choose
	return common.Do(m.c, m.id, storageTag{file}, func(context.Context) (bool, error) {
		return file, choose(file)
	})
}

// View draws the question in a box that scrolls when the terminal is short,
// keeping its keys on screen.
func (m *Storage) View() string {
	s := m.c.Styles
	cw := m.box.ContentWidth(64)
	wrap := func(t string) string { return lipgloss.NewStyle().Width(cw).Render(safetext.Clean(t)) }
	opt := func(k, text string) string {
		return lipgloss.JoinHorizontal(lipgloss.Top, s.Key.Render(k)+"  ", lipgloss.NewStyle().Width(cw-3).Render(safetext.Clean(text)))
	}
	var body []string
	if m.height < 20 {
		// A short terminal: the same choice in fewer lines, the reason cut.
		body = []string{
			safetext.Fit("No keyring: "+m.reason, cw),
			opt("1", "This run only: nothing is written."),
			opt("2", "A file, as --insecure-storage: "+m.opts.File+" (0600, not encrypted)."),
			s.Subtle.Render(wrap("Kept for profile “" + m.opts.Profile + "”.")),
		}
	} else {
		body = []string{
			wrap("Sessions cannot go to the OS keyring: " + m.reason + "."),
			"",
			opt("1", "For this run only: nothing is written, and you log in again next time."),
			opt("2", "In a file, as --insecure-storage does: "+m.opts.File+" — readable only by you (0600), not encrypted."),
			"",
			s.Subtle.Render(wrap("The answer is kept for profile “" + m.opts.Profile + "” in " + m.opts.Config + ".")),
		}
	}
	var foot strings.Builder
	if m.note != "" {
		foot.WriteString(s.Error.Render(wrap(safetext.Clean(m.note))) + "\n")
	}
	foot.WriteString(s.Key.Render("1") + s.Subtle.Render(" this run only · ") + s.Key.Render("2") + s.Subtle.Render(" file · ") +
		s.Key.Render("q") + s.Subtle.Render(" quit"))
	box := m.box.View(s.Title.Render("No OS keyring: where should the session go?"), strings.Join(body, "\n"), foot.String())
	return lipgloss.Place(m.width, m.height, lipgloss.Center, lipgloss.Center, box)
}

// ShortHelp implements help.KeyMap.
func (m *Storage) ShortHelp() []key.Binding {
	return append([]key.Binding{m.keys.Memory, m.keys.File}, m.box.ScrollKeys()...)
}

// FullHelp implements help.KeyMap.
func (m *Storage) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }
