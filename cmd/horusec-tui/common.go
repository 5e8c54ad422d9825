package main

// What every subcommand shares: the Factory (streams, flags, settings, the credential store, the
// client), exit codes, confirmation and reading secrets. Where a command works is in scope.go,
// what it prints in output.go.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/config"
)

// usageError is a mistake in the command line: exit code exitUsage.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// notFoundError is a name (of a profile) that matches nothing: exit code
// exitNotFound, as for the platform's workspaces, repositories, members and
// tokens (client.KindNotFound).
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }

func notFoundErrorf(format string, args ...any) error {
	return &notFoundError{fmt.Sprintf(format, args...)}
}

// errNotLoggedIn is matched by every "no session" error: exit code exitAuth.
var errNotLoggedIn = errors.New("not logged in")

// globalFlags are the flags every command accepts (persistent flags of the
// root command), and the root's own --demo.
type globalFlags struct {
	profile         string
	authURL         string
	coreURL         string
	analyticURL     string
	webhookURL      string
	insecureStorage bool

	vulnerabilityURL string

	debug string // path of the debug log, "" for none
	demo  bool
}

// IOStreams are the program's standard streams.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
}

// Factory is what every command receives: the streams, the global flags
// and, built when a command asks, the settings, the credential store and
// the (logged-in) client.
type Factory struct {
	IO    IOStreams
	flags globalFlags
	// plainHTTPSaid is set once the plain-HTTP warning was given (or is
	// left to the terminal UI's status line).
	plainHTTPSaid bool
}

// context is cancelled by Ctrl-C, so a slow platform call can be abandoned.
func (f *Factory) context() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt)
}

// contextWithin is context, ended also once d has passed.
func (f *Factory) contextWithin(d time.Duration) (context.Context, context.CancelFunc) {
	ctx, stop := f.context()
	ctx, cancel := context.WithTimeout(ctx, d)
	return ctx, func() { cancel(); stop() }
}

// settings are the effective settings of this run: flags, environment,
// profile, defaults.
func (f *Factory) settings() (config.Settings, error) {
	return config.Resolve(config.Overrides{
		Profile:     f.flags.profile,
		AuthURL:     f.flags.authURL,
		CoreURL:     f.flags.coreURL,
		AnalyticURL: f.flags.analyticURL,
		WebhookURL:  f.flags.webhookURL,

		VulnerabilityURL: f.flags.vulnerabilityURL,
	})
}

// store is where the sessions of s's platform are kept: the OS keyring, or
// the insecure file when --insecure-storage was given.
func (f *Factory) store(s config.Settings) (config.CredentialStore, error) {
	service := config.ServiceName(s.AuthURL.Value)
	if f.flags.insecureStorage {
		dir, err := config.Dir()
		if err != nil {
			return nil, err
		}
		return config.NewFileStore(dir, service, f.IO.ErrOut), nil
	}
	return config.NewKeyringStore(service), nil
}

// settingsAndStore are the settings of this run and the store of their
// platform's sessions.
func (f *Factory) settingsAndStore() (config.Settings, config.CredentialStore, error) {
	s, err := f.settings()
	if err != nil {
		return s, nil, err
	}
	store, err := f.store(s)
	return s, store, err
}

// newClient builds a client for s, without a session.
func (f *Factory) newClient(s config.Settings) (*client.Client, error) {
	return f.clientFor(s.ClientOptions())
}

func (f *Factory) clientFor(opts client.Options) (*client.Client, error) {
	opts.UserAgent = "horusec-tui/" + version
	if f.flags.debug != "" {
		l, err := debugLogger(f.flags.debug)
		if err != nil {
			return nil, err
		}
		opts.Logger = l
	}
	c, err := client.New(opts)
	if err != nil {
		// Not 'auth status': it builds the same client and fails the same way.
		return nil, fmt.Errorf("%w (check the service URLs and CA file given by the flags, the environment or the profile: 'horusec-tui profile list --output json')", err)
	}
	if w := c.PlainHTTPWarning(); w != "" && !f.plainHTTPSaid {
		f.plainHTTPSaid = true
		fmt.Fprintln(f.IO.ErrOut, "warning: "+cleanCell(w))
	}
	return c, nil
}

var debugLog struct {
	sync.Mutex
	path   string
	logger *slog.Logger
}

// debugLogger opens the --debug file once per run (mode 0600, appended to).
func debugLogger(path string) (*slog.Logger, error) {
	debugLog.Lock()
	defer debugLog.Unlock()
	if debugLog.logger != nil && debugLog.path == path {
		return debugLog.logger, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open the debug log: %w (give --debug a writable file)", err)
	}
	// The file may predate this run with a wider mode.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, fmt.Errorf("open the debug log: %w", err)
	}
	debugLog.path = path
	// The log holds the platform's messages and names: it is cleaned as the
	// screen is, since people read it with cat and tail.
	debugLog.logger = slog.New(slog.NewJSONHandler(f, &slog.HandlerOptions{Level: slog.LevelDebug, ReplaceAttr: cleanAttr}))
	return debugLog.logger, nil
}

// loggedInClient builds a client with the profile's stored session. A
// refreshed session is written back to the store; a failed write is a
// warning (the session still works for this run).
func (f *Factory) loggedInClient(ctx context.Context) (*client.Client, config.Settings, error) {
	s, store, err := f.settingsAndStore()
	if err != nil {
		return nil, s, err
	}
	sess, err := store.Load(s.Profile.Value)
	if errors.Is(err, config.ErrNoSession) {
		return nil, s, notLoggedIn(s)
	}
	if err != nil {
		return nil, s, err
	}
	opts := config.PersistSessions(s.ClientOptions(), store, s.Profile.Value, func(err error) {
		fmt.Fprintf(f.IO.ErrOut, "warning: the renewed session could not be saved: %s\n", cleanCell(err.Error()))
	})
	opts.Warn = f.warn
	c, err := f.clientFor(opts)
	if err != nil {
		return nil, s, err
	}
	c.SetSession(sess)
	return c, s, nil
}

// warn prints a warning that does not stop the command.
func (f *Factory) warn(msg string) {
	fmt.Fprintln(f.IO.ErrOut, "warning: "+cleanCell(msg))
}

func notLoggedIn(s config.Settings) error {
	login := "horusec-tui auth login"
	if s.Profile.Source == config.SourceFlag {
		login = "horusec-tui --profile " + s.Profile.Value + " auth login"
	}
	return fmt.Errorf("%w on profile %q (%s) — run '%s'", errNotLoggedIn, s.Profile.Value, s.AuthURL.Value, login)
}

// exitCode maps an error to the exit codes documented in main.go.
func (f *Factory) exitCode(err error) int {
	var ue *usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		return exitUsage
	case errors.As(err, new(*notFoundError)):
		return exitNotFound
	case errors.Is(err, errNotLoggedIn):
		return exitAuth
	}
	switch client.KindOf(err) {
	case client.KindForbidden, client.KindNoAccess:
		return exitPermission
	case client.KindUnauthenticated:
		return exitAuth
	case client.KindNotFound:
		return exitNotFound
	}
	return exitError
}

// fail prints err as one line on stderr, with what to do when the kind of
// failure says it, and returns its exit code. A refusal the platform is
// known to send is said in the UI's words; its own text is added only with
// --debug (and is in the debug log).
func (f *Factory) fail(err error) int {
	if err == nil {
		return exitOK
	}
	// Errors may quote what the platform sent (names, e-mails): nothing in
	// them may drive the terminal.
	msg := cleanCell(strings.ReplaceAll(strings.TrimSpace(f.message(err)), "\n", "; "))
	fmt.Fprintln(f.IO.ErrOut, "horusec-tui: "+msg)
	return f.exitCode(err)
}

// message is err's text with the platform's answer in the UI's words and
// what to do next.
func (f *Factory) message(err error) string {
	msg := err.Error()
	raw := client.PlatformError(err)
	words, known := client.Refusal(err)
	if known && strings.Contains(msg, raw.Error()) {
		msg = strings.Replace(msg, raw.Error(), raw.Op+": "+words, 1)
	} else {
		known = false
	}
	switch client.KindOf(err) {
	case client.KindUnauthenticated:
		if r := client.RefusalOf(err); r == client.RefusalGroupSessionOver || r == client.RefusalSessionElsewhere {
			msg += " with 'horusec-tui auth login'"
			break
		}
		msg += " — log in again with 'horusec-tui auth login'"
	case client.KindForbidden:
		if !strings.Contains(msg, "Manager") {
			msg += " — your role does not allow this; a Manager can"
		}
	case client.KindNoAccess:
		if !known {
			msg += " — you hold no role there, or it does not exist"
		}
	case client.KindNetwork:
		msg += " — check the service URLs with 'horusec-tui auth status'"
	}
	if raw != nil && f.flags.debug != "" {
		msg += " [the platform said: " + raw.Error() + "]"
	}
	return msg
}

// stdinTerminal returns stdin's file descriptor when stdin is a terminal.
func (f *Factory) stdinTerminal() (int, bool) {
	file, ok := f.IO.In.(*os.File)
	if !ok || !term.IsTerminal(int(file.Fd())) {
		return 0, false
	}
	return int(file.Fd()), true
}

// confirm asks prompt on the terminal; yes (--yes) answers it beforehand.
// Without a terminal and without --yes it refuses rather than guess.
func (f *Factory) confirm(prompt string, yes bool) (bool, error) {
	if yes {
		return true, nil
	}
	if _, ok := f.stdinTerminal(); !ok {
		// The question on its own line, then why nobody can answer it.
		fmt.Fprintln(f.IO.ErrOut, cleanCell(prompt))
		return false, usageErrorf("stdin is not a terminal, so nobody can answer: pass --yes to confirm")
	}
	fmt.Fprintf(f.IO.ErrOut, "%s [y/N] ", cleanCell(prompt))
	line, err := f.readLine()
	if err != nil {
		return false, fmt.Errorf("read the answer: %w", err)
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true, nil
	}
	return false, nil
}

// readLine reads one line from stdin a byte at a time, so nothing after it
// is swallowed by a buffer.
func (f *Factory) readLine() (string, error) {
	var b strings.Builder
	buf := make([]byte, 1)
	for {
		n, err := f.IO.In.Read(buf)
		if n == 1 {
			if buf[0] == '\n' {
				return strings.TrimSuffix(b.String(), "\r"), nil
			}
			b.WriteByte(buf[0])
		}
		if err == io.EOF {
			if b.Len() == 0 {
				return "", io.ErrUnexpectedEOF
			}
			return b.String(), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// addYesFlag registers --yes.
func addYesFlag(cmd *cobra.Command, yes *bool) {
	cmd.Flags().BoolVar(yes, "yes", false, "do not ask for confirmation (needed when stdin is not a terminal)")
}

// cleanAttr cleans a debug log line's text values.
func cleanAttr(_ []string, a slog.Attr) slog.Attr {
	if a.Value.Kind() == slog.KindString {
		a.Value = slog.StringValue(safetext.Clean(a.Value.String()))
	}
	return a
}

// readPassword reads a password without echo from the terminal on fd.
func (f *Factory) readPassword(fd int, prompt string) (string, error) {
	fmt.Fprint(f.IO.ErrOut, prompt)
	b, err := term.ReadPassword(fd)
	fmt.Fprintln(f.IO.ErrOut)
	if err != nil {
		return "", fmt.Errorf("read the password: %w", err)
	}
	return string(b), nil
}

// readSecretStdin reads a secret piped on stdin (--password-stdin), without
// its final line break.
func (f *Factory) readSecretStdin() (string, error) {
	b, err := io.ReadAll(io.LimitReader(f.IO.In, 64<<10))
	if err != nil {
		return "", fmt.Errorf("read stdin: %w", err)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}
