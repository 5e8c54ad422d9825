// Package tui is the program's shell: a stack of screens under a header
// (program, profile, platform, user, breadcrumb) and over a footer (key
// help, status messages, a spinner while the active screen loads). It
// routes keys the way gh-dash does: a screen that is typing gets every key,
// then the global keys, then the active screen.
package tui

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"os"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
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

// Internal messages.
type (
	authConfigMsg struct {
		cfg client.AuthConfig
		err error
	}
	clearStatusMsg struct{ seq int }
	loggedOutMsg   struct{ saveErr error }
)

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

// storageQuestion is the question where to keep the session, when it is
// to be asked now (else nil).
func (m *Model) storageQuestion() common.Screen {
	st := m.opts.Storage
	if st == nil || st.Pending == nil {
		return nil
	}
	if _, open := m.Top().(*login.Storage); open {
		return nil
	}
	if reason := st.Pending(); reason != "" {
		return login.NewStorage(m.c, *st, reason)
	}
	return nil
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

func (m *Model) newLogin(overlay bool) common.Screen {
	email := m.opts.Email
	if m.me != nil {
		// The person whose session expired or who logged out: by login
		// name on an LDAP platform, where that is what logs in.
		email = m.me.Email
		if m.c.AuthConfig.AuthType == client.AuthTypeLDAP && m.me.Username != "" {
			email = m.me.Username
		}
	}
	return login.New(m.c, login.Options{Save: m.opts.Save, Email: email, Overlay: overlay})
}

func (m *Model) newWorkspaces() common.Screen { return workspaces.New(m.c, m.opts.Open) }

func (m *Model) readAuthConfig() tea.Cmd {
	cl, ctx := m.c.Client, m.c.Ctx
	return func() tea.Msg {
		cfg, err := cl.AuthConfig(ctx)
		return authConfigMsg{cfg: cfg, err: err}
	}
}

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
		m.c.Client.SetSession(nil)
		m.overlay, m.retries = 0, nil
		m.closeAll()
		cmd := m.push(m.newLogin(false))
		text, kind := "Logged out.", common.StatusSuccess
		if msg.saveErr != nil {
			text, kind = "Logged out, but the stored session could not be deleted: "+msg.saveErr.Error(), common.StatusError
		}
		return tea.Batch(cmd, common.Status(kind, text))
	case authConfigMsg:
		if msg.err != nil {
			m.cfgErr = msg.err
			m.c.Logger.Warn("auth config not read", "kind", client.KindOf(msg.err).String())
		} else {
			m.cfgErr = nil
			m.c.AuthConfig = msg.cfg
		}
		return m.broadcast(login.ConfigMsg{Config: m.c.AuthConfig, Err: msg.err})
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

func (m *Model) broadcast(msg tea.Msg) tea.Cmd {
	cmds := make([]tea.Cmd, 0, len(m.stack))
	for _, s := range m.stack {
		cmds = append(cmds, s.Update(msg))
	}
	return tea.Batch(cmds...)
}

// closeAll drops every screen, letting each release what it holds.
func (m *Model) closeAll() {
	for _, s := range m.stack {
		common.Close(s)
	}
	m.stack = nil
}

// quit closes every screen (a token on screen is wiped) and ends the program.
func (m *Model) quit() tea.Cmd {
	m.closeAll()
	m.stack = []common.Screen{common.NewPlaceholder(m.c, "", "")}
	return tea.Quit
}

func (m *Model) key(msg tea.KeyMsg) tea.Cmd {
	k := m.c.Keys
	if key.Matches(msg, k.Suspend) {
		return tea.Suspend
	}
	if msg.Type == tea.KeyEsc && msg.Alt {
		// Two esc pressed quickly arrive as one alt+esc: each acts.
		first := m.key(tea.KeyMsg{Type: tea.KeyEsc})
		return tea.Batch(first, m.key(tea.KeyMsg{Type: tea.KeyEsc}))
	}
	if m.question != "" {
		switch {
		case key.Matches(msg, k.ForceQuit):
			return m.quit() // a second ctrl+c does not ask again
		case msg.String() == "y" || msg.String() == "Y" || msg.String() == "enter":
			yes := m.yes
			m.question, m.yes = "", nil
			return yes()
		case msg.String() == "n" || msg.String() == "N" || msg.String() == "esc":
			m.question, m.yes = "", nil
		}
		return nil
	}
	if key.Matches(msg, k.ForceQuit) {
		return m.unlessDirty("Quit", m.quit)
	}
	if m.tooSmall() {
		if key.Matches(msg, k.Quit) {
			return m.quit()
		}
		return nil
	}
	if m.showAll {
		// The full help is open: it scrolls, closes, or the program quits.
		switch {
		case key.Matches(msg, k.Help), msg.String() == "esc":
			m.showAll = false
		case key.Matches(msg, k.Quit), key.Matches(msg, k.Logout):
			m.showAll = false
			return m.key(msg)
		default:
			m.helpBox.Update(msg)
		}
		return nil
	}
	top := m.Top()
	if top.Capturing() && common.Typing(top) {
		return top.Update(msg) // a text field has every key
	}
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// Keys that arrive in one burst (a held key, a slow link) are read
		// as one multi-letter key; outside a text field each letter is a
		// command of its own (or an answer to a question), and one of them
		// may open a field that takes the rest as text.
		cmds := make([]tea.Cmd, 0, len(msg.Runes))
		for _, r := range msg.Runes {
			cmds = append(cmds, m.key(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	if top.Capturing() && !m.shellKey(msg) {
		// A question or a list to choose from has every key but the
		// shell's q and L.
		return top.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Help):
		m.showAll = true
		m.helpBox = modal.New(m.c.Styles, m.c.Keys) // from the top
		return nil
	case key.Matches(msg, k.Quit):
		return m.unlessDirty("Quit", m.quit)
	case key.Matches(msg, k.Logout) && m.c.Session() != nil && m.overlay == 0:
		return m.unlessDirty("Log out", func() tea.Cmd {
			return func() tea.Msg { return common.LogoutMsg{} }
		})
	case key.Matches(msg, k.Back) && len(m.stack) > 1 && !common.HandlesEsc(top):
		return m.pop(nil)
	}
	return top.Update(msg)
}

// shellKey reports whether msg is a key the shell keeps even while a
// screen captures keys without typing (a question, a choice).
func (m *Model) shellKey(msg tea.KeyMsg) bool {
	return key.Matches(msg, m.c.Keys.Quit) || key.Matches(msg, m.c.Keys.Logout)
}

// unlessDirty runs do (to quit, to log out: action) at once, or first asks
// when a screen holds input the user typed and has not sent, or shows a
// token that is not shown again.
func (m *Model) unlessDirty(action string, do func() tea.Cmd) tea.Cmd {
	if m.c.Veil != nil && m.c.Veil.Showing() {
		m.question, m.yes = action+"? The new token is not shown again.", do
		return nil
	}
	for _, s := range m.stack {
		if common.IsDirty(s) {
			m.question, m.yes = action+" and lose what you typed?", do
			return nil
		}
	}
	return do()
}

// Question is the shell's pending yes/no question ("" when none).
func (m *Model) Question() string { return m.question }

func (m *Model) clearStatus() {
	m.status = common.StatusMsg{}
	m.statusSeq++
}

func (m *Model) push(s common.Screen) tea.Cmd {
	if s == nil {
		return nil
	}
	m.clearStatus() // it spoke of the screen now covered
	m.stack = append(m.stack, s)
	s.SetSize(m.width, m.screenHeight())
	m.c.Logger.Debug("screen opened", "screen", s.Title(), "depth", len(m.stack))
	return s.Init()
}

func (m *Model) pop(then tea.Msg) tea.Cmd {
	if len(m.stack) <= 1 {
		return nil
	}
	gone := m.stack[len(m.stack)-1]
	if m.statusOf == gone.ID() {
		m.clearStatus()
	}
	m.stack[len(m.stack)-1] = nil
	m.stack = m.stack[:len(m.stack)-1]
	common.Close(gone)
	var abandoned tea.Cmd
	if gone.ID() == m.overlay {
		// The user gave up logging in: the screen below keeps what it had,
		// and whatever waited to be sent again is told it will not be.
		m.overlay, m.retries = 0, nil
		abandoned = m.broadcast(common.LoginAbandonedMsg{})
	}
	m.c.Logger.Debug("screen closed", "screen", gone.Title(), "depth", len(m.stack))
	if then == nil {
		return abandoned
	}
	return tea.Batch(abandoned, m.Top().Update(then))
}

func (m *Model) sessionExpired(msg common.SessionExpiredMsg) tea.Cmd {
	if _, ok := m.stack[0].(*login.Model); ok && len(m.stack) == 1 {
		return nil // not logged in at all: the login screen is already up
	}
	if msg.Retry != nil {
		m.retries = append(m.retries, msg.Retry)
	}
	if m.overlay != 0 {
		return nil
	}
	m.c.Logger.Info("session expired")
	m.overlayMe = m.me
	l := m.newLogin(true)
	m.overlay = l.ID()
	return m.push(l)
}

func (m *Model) loggedIn(msg common.LoggedInMsg) tea.Cmd {
	var cmds []tea.Cmd
	if m.cfgErr != nil || m.c.AuthConfig.AuthType == "" {
		cmds = append(cmds, m.readAuthConfig())
	}
	same := msg.Session != nil && (m.overlayMe == nil || client.SamePerson(m.overlayMe, msg.Session))
	if msg.Session != nil {
		m.me = identity(msg.Session)
	}
	if m.overlay != 0 && same {
		for i, s := range m.stack {
			if s.ID() == m.overlay {
				m.stack = append(m.stack[:i], m.stack[i+1:]...)
				break
			}
		}
		cmds = append(cmds, m.retries...)
		m.overlay, m.retries, m.overlayMe = 0, nil, nil
		return tea.Batch(append(cmds, m.push(m.storageQuestion()))...)
	}
	// A first login, or someone else logged in over an expired session:
	// start afresh from the list of workspaces.
	m.overlay, m.retries, m.overlayMe = 0, nil, nil
	m.closeAll()
	cmds = append(cmds, m.push(m.newWorkspaces()))
	return tea.Batch(append(cmds, m.push(m.storageQuestion()))...)
}

func (m *Model) logout() tea.Cmd {
	cl, ctx, save := m.c.Client, m.c.Ctx, m.opts.Save
	m.c.Logger.Info("logging out")
	return tea.Batch(common.Status(common.StatusInfo, "Logging out…"), func() tea.Msg {
		// Logging out on the platform only forgets the refresh token; the
		// stored session goes whatever the platform answers.
		_ = cl.Logout(ctx)
		var err error
		if save != nil {
			err = save(nil)
		}
		return loggedOutMsg{saveErr: err}
	})
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
