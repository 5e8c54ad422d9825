// Package tui is the program's shell: a stack of screens under a header
// (program, profile, platform, user, breadcrumb) and over a footer (key
// help, status messages, a spinner while the active screen loads). It
// routes keys the way gh-dash does: a screen that is typing gets every key,
// then the global keys, then the active screen.
//
// app.go builds the shell and hands each message to its place; input.go
// routes keys; stack.go opens and closes screens; session.go holds the
// login, the login over an expired session and logging out; view.go
// draws the header, the body and the footer.
package tui

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/modal"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/login"
	"github.com/horusec-tui/horusec-tui/tui/styles"
	"github.com/horusec-tui/horusec-tui/tui/workspace"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

// The smallest terminal the layout is drawn in.
const (
	MinWidth  = 60
	MinHeight = 15
)

// How long a success or info message stays in the footer; errors stay
// until their screen is left.
const statusTTL = 4 * time.Second

// Options configures the shell.
type Options struct {
	// Context bounds every request; nil means context.Background().
	Context context.Context
	// Client speaks to the platform. When it holds a session the program
	// opens at the workspaces screen, else at the login screen.
	Client *client.Client
	// AuthConfig is the platform's auth settings when already read; nil
	// makes the shell read them at start.
	AuthConfig *client.AuthConfig
	// Profile and Host are shown in the header; Demo marks the demo
	// platform there.
	Profile string
	Host    string
	Demo    bool
	// Email fills the login screen's first field.
	Email string
	// Save keeps a new session in the credential store after a login, and
	// forgets the stored one when given nil (after a logout). nil keeps
	// sessions in memory only.
	Save func(*client.Session) error
	// Warnings are shown in the footer as they come (e.g. a session that
	// could not be renewed but is still valid); nil means none.
	Warnings <-chan string
	// Logger receives the debug log; nil discards it.
	Logger *slog.Logger
	// Now is the screens' clock; nil means time.Now.
	Now func() time.Time
	// Open builds the page of a workspace; nil means workspace.New.
	Open workspaces.Opener
	// ExportDir is where dashboard exports go ("" is the working directory).
	ExportDir string
	// Warning is shown on the status line at start, once (plain HTTP to
	// another machine).
	Warning string
	// Storage asks where to keep the session when no OS keyring is usable
	// and the profile has no answer yet: at start, and after a login whose
	// session could not go to the keyring. nil never asks.
	Storage *login.StorageChoice
}

// StorageChoice asks where to keep the session when no OS keyring is usable
// (see login.StorageChoice).
type StorageChoice = login.StorageChoice

// Model is the shell, a tea.Model.
type Model struct {
	c    *common.Common
	opts Options

	stack []common.Screen

	// overlay is the id of the login screen brought up over an expired
	// session (0 when none); retries run once it logs in.
	overlay   int
	retries   []tea.Cmd
	overlayMe *client.Session // who was logged in when it came up

	width, height int
	bodyHeight    int

	help     help.Model
	showAll  bool       // the full help is open over the screen
	helpBox  *modal.Box // and scrolls in this
	spinner  spinner.Model
	spinning bool

	status    common.StatusMsg
	statusSeq int
	statusOf  int           // the screen that was on top when the status came
	statusTTL time.Duration // how long a success or info message stays

	cfgErr error

	// question is the shell's own yes/no question, asked before quitting or
	// logging out would throw away unsent input; yes runs on y.
	question string
	yes      func() tea.Cmd

	// The last logged-in person (account id, username, e-mail; never the
	// tokens): the client forgets the session when the platform refuses to
	// refresh it, and the login over it still needs to know whose it was.
	me *client.Session
}

// identity keeps who a session belongs to, without its secrets.
func identity(s *client.Session) *client.Session {
	if s == nil {
		return nil
	}
	return &client.Session{AccountID: s.AccountID, Username: s.Username, Email: s.Email}
}

// clearStatusMsg ends a success or info message, unless a newer one came.
type clearStatusMsg struct{ seq int }

// New builds the shell.
func New(opts Options) *Model {
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.Open == nil {
		opts.Open = workspace.New
	}
	if opts.Host == "" && opts.Client != nil {
		opts.Host = "the platform"
	}
	c := &common.Common{
		Ctx:     opts.Context,
		Client:  opts.Client,
		Styles:  styles.New(),
		Keys:    keys.Default(),
		Logger:  opts.Logger,
		Now:     opts.Now,
		Profile: opts.Profile,
		Host:    opts.Host,

		ExportDir: opts.ExportDir,
		Veil:      &common.Veil{},
	}
	if opts.AuthConfig != nil {
		c.AuthConfig = *opts.AuthConfig
	}
	h := help.New()
	h.Styles.ShortKey = c.Styles.Key
	h.Styles.ShortDesc = c.Styles.Subtle
	h.Styles.ShortSeparator = c.Styles.Subtle
	h.Styles.FullKey = c.Styles.Key
	h.Styles.FullDesc = c.Styles.Subtle
	h.Styles.FullSeparator = c.Styles.Subtle
	h.Styles.Ellipsis = c.Styles.Subtle
	sp := spinner.New(spinner.WithSpinner(spinner.MiniDot), spinner.WithStyle(c.Styles.StatusInfo))
	m := &Model{c: c, opts: opts, help: h, helpBox: modal.New(c.Styles, c.Keys), spinner: sp, statusTTL: statusTTL}
	if sess := c.Session(); sess != nil {
		m.me = identity(sess)
		m.stack = []common.Screen{m.newWorkspaces()}
	} else {
		m.stack = []common.Screen{m.newLogin(false)}
	}
	if s := m.storageQuestion(); s != nil {
		m.stack = append(m.stack, s)
	}
	return m
}

// HostOf is the host:port of a service URL, for the header.
func HostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}

// Run starts the program in the alternate screen and returns when the user
// quits or ctx ends. NO_COLOR turns colours off.
func Run(ctx context.Context, opts Options, progOpts ...tea.ProgramOption) error {
	if os.Getenv("NO_COLOR") != "" {
		lipgloss.SetColorProfile(termenv.Ascii)
	}
	opts.Context = ctx
	m := New(opts)
	po := append([]tea.ProgramOption{tea.WithAltScreen(), tea.WithMouseCellMotion(), tea.WithContext(ctx)}, progOpts...)
	p := tea.NewProgram(m, po...)
	if opts.Warnings != nil {
		done := make(chan struct{})
		defer close(done)
		go func() {
			for {
				select {
				case msg := <-opts.Warnings:
					p.Send(common.StatusMsg{Text: msg, Kind: common.StatusError})
				case <-done:
					return
				}
			}
		}()
	}
	_, err := p.Run()
	if err == tea.ErrProgramKilled && ctx.Err() != nil {
		return nil
	}
	return err
}

// Common is the value every screen was given (for tests).
func (m *Model) Common() *common.Common { return m.c }

// Stack returns the screens, bottom first.
func (m *Model) Stack() []common.Screen { return m.stack }

// Top is the active screen.
func (m *Model) Top() common.Screen { return m.stack[len(m.stack)-1] }

// Status is the footer's status message ("" when none).
func (m *Model) Status() string { return m.status.Text }

// Init implements tea.Model.
func (m *Model) Init() tea.Cmd {
	var cmds []tea.Cmd
	if m.opts.AuthConfig == nil && m.c.Client != nil {
		cmds = append(cmds, m.readAuthConfig())
	}
	for _, s := range m.stack {
		cmds = append(cmds, s.Init())
	}
	if m.opts.Warning != "" {
		cmds = append(cmds, common.Status(common.StatusError, "Warning: "+m.opts.Warning))
	}
	return tea.Batch(cmds...)
}

// Update implements tea.Model.
func (m *Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	m.reflow()
	return m, tea.Batch(cmd, m.spin())
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.bodyHeight = -1 // reflow every screen
		return nil
	case tea.KeyMsg:
		return m.key(msg)
	case tea.MouseMsg:
		if m.tooSmall() {
			return nil
		}
		return m.Top().Update(msg)
	case common.PushMsg:
		return m.push(msg.Screen)
	case common.PopMsg:
		return m.pop(msg.Then)
	case common.StatusMsg:
		m.status = msg
		m.statusSeq++
		m.statusOf = m.Top().ID()
		if msg.Kind == common.StatusError {
			return nil // an error stays until its screen is left
		}
		seq := m.statusSeq
		return tea.Tick(m.statusTTL, func(time.Time) tea.Msg { return clearStatusMsg{seq: seq} })
	case common.ClearStatusMsg:
		m.clearStatus()
		return nil
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = common.StatusMsg{}
		}
		return nil
	case common.SessionExpiredMsg:
		return m.sessionExpired(msg)
	case common.LoggedInMsg:
		return m.loggedIn(msg)
	case common.LogoutMsg:
		return m.logout()
	case loggedOutMsg:
		return m.loggedOut(msg)
	case authConfigMsg:
		return m.authConfigRead(msg)
	case spinner.TickMsg:
		if msg.ID != m.spinner.ID() {
			return m.Top().Update(msg)
		}
		if !m.loading() {
			m.spinning = false
			return nil
		}
		var cmd tea.Cmd
		m.spinner, cmd = m.spinner.Update(msg)
		return cmd
	case common.Reply:
		// Every screen sees the reply; only the one that asked acts on it,
		// so a reply to a screen that is gone falls on the floor.
		return m.broadcast(msg)
	}
	return m.Top().Update(msg)
}

func (m *Model) loading() bool {
	return len(m.stack) > 0 && common.IsLoading(m.Top())
}

// spin starts the footer spinner when the active screen starts loading.
func (m *Model) spin() tea.Cmd {
	if m.spinning || !m.loading() {
		return nil
	}
	m.spinning = true
	return m.spinner.Tick
}

func (m *Model) tooSmall() bool { return m.width < MinWidth || m.height < MinHeight }
