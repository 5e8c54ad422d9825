package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

// platformTimeout bounds each command's platform calls.
const platformTimeout = 30 * time.Second

type authLoginOptions struct {
	*Factory
	email         string
	passwordStdin bool
}

func newAuthLoginCmd(f *Factory) *cobra.Command {
	o := &authLoginOptions{Factory: f}
	cmd := f.withStore(&cobra.Command{
		Use:   "login [--email E] [--password-stdin]",
		Short: "log in and keep the session",
		Long: "Logs in to the platform and keeps the session (never the password) in the OS keyring.\n" +
			"Whatever is not given is asked for on the terminal; the password is not echoed.\n" +
			"In scripts: printf '%s' \"$PASSWORD\" | horusec-tui auth login --email E --password-stdin",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("auth login takes no arguments (got %q): the password is read from the terminal or, with --password-stdin, from stdin", args[0])
			}
			return nil
		},
	}, func(s config.Settings, store config.CredentialStore) error { return authLoginRun(o, s, store) })
	cmd.Flags().StringVar(&o.email, "email", "", "the account's e-mail (on an LDAP platform: the login name)")
	cmd.Flags().StringVar(&o.email, "login", "", "the LDAP login name (the same as --email)")
	cmd.Flags().BoolVar(&o.passwordStdin, "password-stdin", false, "read the password from stdin")
	return cmd
}

func authLoginRun(o *authLoginOptions, s config.Settings, store config.CredentialStore) error {
	email := o.email
	profile := s.Profile.Value
	// Find out whether the session can be kept before asking for a password.
	previous, err := store.Load(profile)
	if err != nil && !errors.Is(err, config.ErrNoSession) {
		return loginStoreError(err)
	}

	c, err := o.newClient(s)
	if err != nil {
		return err
	}
	ctx, cancel := o.contextWithin(platformTimeout)
	defer cancel()

	cfg, err := c.AuthConfig(ctx)
	if err != nil {
		return fmt.Errorf("cannot read the platform's login settings at %s: %w", s.AuthURL.Value, err)
	}
	fmt.Fprintf(o.IO.ErrOut, "Logging in to %s (profile %s, auth type %s)\n", cleanCell(s.AuthURL.Value), cleanCell(profile), cleanCell(cfg.AuthType))
	if cfg.AuthType == client.AuthTypeKeycloak {
		fmt.Fprintln(o.IO.ErrOut, "horusec-tui: this platform signs in through Keycloak, which horusec-tui does not support: use the web manager")
		return exitStatus(exitError)
	}
	label := "E-mail"
	if cfg.AuthType == client.AuthTypeLDAP {
		label = "LDAP login name"
	}

	fd, terminal := o.stdinTerminal()
	if email == "" {
		email = s.Email
		if terminal && !o.passwordStdin {
			prompt := label + ": "
			if email != "" {
				prompt = fmt.Sprintf("%s [%s]: ", label, email)
			}
			fmt.Fprint(o.IO.ErrOut, prompt)
			line, err := o.readLine()
			if err != nil {
				return fmt.Errorf("read the %s: %w", strings.ToLower(label), err)
			}
			if line = strings.TrimSpace(line); line != "" {
				email = line
			}
		}
	}
	if email == "" {
		return usageErrorf("no %s: pass --email", strings.ToLower(label))
	}

	var password string
	switch {
	case o.passwordStdin:
		password, err = o.readSecretStdin()
	case terminal:
		password, err = o.readPassword(fd, "Password: ")
	default:
		return usageErrorf("stdin is not a terminal, so the password cannot be asked for: pipe it with --password-stdin")
	}
	if err != nil {
		return err
	}
	if password == "" {
		return usageErrorf("the password is empty")
	}

	sess, err := c.Login(ctx, email, password)
	password = ""
	if err != nil {
		if cfg.AuthType == client.AuthTypeLDAP && client.LDAPLoginFailed(err) {
			fmt.Fprintf(o.IO.ErrOut, "horusec-tui: the login failed: %s Check the password and try again.\n", client.MsgLDAPLogin500)
			return exitStatus(exitAuth)
		}
		if k := client.KindOf(err); k == client.KindForbidden || k == client.KindUnauthenticated {
			why := err.Error()
			if words, ok := client.Refusal(err); ok {
				why = words
			}
			if raw := client.PlatformError(err); raw != nil && o.flags.debug != "" {
				why += " [the platform said: " + raw.Error() + "]"
			}
			fmt.Fprintf(o.IO.ErrOut, "horusec-tui: the platform refused the login: %s\n", cleanCell(why))
			return exitStatus(exitAuth)
		}
		return err
	}
	if err := sharedSession(store, profile).Store(&sess); err != nil {
		// The session cannot be kept: end it on the platform too.
		_ = c.Logout(ctx)
		return loginStoreError(err)
	}
	if previous != nil && previous.RefreshToken != sess.RefreshToken {
		// The replaced session would otherwise stay usable on the platform
		// until it expires; failing to end it changes nothing here.
		if old, err := o.newClient(s); err == nil {
			old.SetSession(previous)
			_ = old.Logout(ctx)
		}
	}
	who := sess.Email
	if sess.Username != "" {
		who = fmt.Sprintf("%s <%s>", sess.Username, sess.Email)
	}
	fmt.Fprintf(o.IO.Out, "Logged in to %s as %s (profile %s); the session is kept in the %s.\n", cleanCell(s.AuthURL.Value), cleanCell(who), cleanCell(profile), store.Kind())
	return nil
}

// sharedSession is profile's session in store as every program on the
// profile changes it: under the profile's lock in the config directory.
func sharedSession(store config.CredentialStore, profile string) *config.SharedSession {
	dir, _ := config.Dir()
	return config.NewSharedSession(store, dir, profile)
}

// loginStoreError says, for a login, what to do when the session cannot be
// kept: both ways out, with the exact commands.
func loginStoreError(err error) error {
	var ke *config.KeyringError
	if !errors.As(err, &ke) {
		return err
	}
	dir, derr := config.Dir()
	if derr != nil {
		dir = "the config directory"
	}
	return fmt.Errorf("cannot keep the session: the OS keyring is not usable (%s). Nothing was stored. Either log in with "+
		"'horusec-tui --insecure-storage auth login' to keep the session in a 0600 file in %s, or run 'horusec-tui' "+
		"and choose a session for this run only (kept in memory, nothing stored)", ke.Reason(), dir)
}

func newAuthStatusCmd(f *Factory) *cobra.Command {
	return f.withStore(&cobra.Command{Use: "status", Short: "show the profile, the services and the session",
		Long: "Shows the profile, each service's URL with where it came from and its health, and the\n" +
			"session. An expired access token is renewed. Exit code 0 only with a usable session."}, f.authStatus)
}

// authStatus shows the profile of s, its services and its session in store.
func (f *Factory) authStatus(s config.Settings, store config.CredentialStore) error {
	sessionCode := exitOK
	opts := config.PersistSessions(s.ClientOptions(), store, s.Profile.Value, func(err error) {
		fmt.Fprintf(f.IO.ErrOut, "warning: the renewed session could not be saved: %s\n", cleanCell(err.Error()))
		sessionCode = exitError
	})
	opts.Warn = f.warn
	c, err := f.clientFor(opts)
	if err != nil {
		return err
	}
	ctx, cancel := f.contextWithin(platformTimeout)
	defer cancel()

	health := checkHealth(ctx, c)

	// One table, so that every column lines up; printed on every return.
	t := newTable(f.IO.Out)
	defer t.flush()
	profileSource := sourceText(s.Profile)
	if !s.ProfileSaved {
		profileSource = "(default; not in the config file)"
	}
	t.row("Profile:", s.Profile.Value, profileSource)
	t.row("Config:", s.ConfigPath)
	if dir := filepath.Dir(s.ConfigPath); dir != "" {
		if mode, open := config.DirTooOpen(dir); open {
			t.row("Warning:", fmt.Sprintf("the config directory %s is open to others (mode %04o)", dir, mode), "fix: chmod 700 "+dir)
		}
	}
	for _, u := range s.URLs() {
		t.row(serviceTitle(u.Service)+":", u.URL.Value, sourceText(u.URL), health[u.Service])
	}

	now := time.Now()
	sess, err := store.Load(s.Profile.Value)
	switch {
	case errors.Is(err, config.ErrNoSession):
		t.row("Session:", "none", "run 'horusec-tui auth login'")
		return exitStatus(exitAuth)
	case err != nil:
		t.row("Session:", "unknown", "the credential store failed")
		t.flush()
		return err
	}
	c.SetSession(sess)
	renewed := false
	if !sess.ExpiresAt.IsZero() && !now.Before(sess.ExpiresAt) && sess.KeepsGroups() {
		// Never renewed: the platform's renewal would drop the groups.
		t.row("Session:", "ended at "+sess.ExpiresAt.Local().Format(time.DateTime), "LDAP sessions are not renewed")
		t.flush()
		fmt.Fprintf(f.IO.ErrOut, "horusec-tui: %s with 'horusec-tui auth login'\n", client.MsgLDAPSessionOver)
		return exitStatus(exitAuth)
	}
	if !sess.ExpiresAt.IsZero() && !now.Before(sess.ExpiresAt) {
		fresh, err := c.Refresh(ctx)
		if err != nil {
			t.row("Session:", "expired at "+sess.ExpiresAt.Local().Format(time.DateTime), "could not be renewed")
			t.flush()
			if client.KindOf(err) != client.KindUnauthenticated {
				// Not refused: the session is kept and may be renewed later.
				return err
			}
			fmt.Fprintf(f.IO.ErrOut, "horusec-tui: %s — log in again with 'horusec-tui auth login'\n", cleanCell(err.Error()))
			return exitStatus(exitAuth)
		}
		sess, renewed = &fresh, true
	}
	who := sess.Email
	if sess.Username != "" {
		who = fmt.Sprintf("%s <%s>", sess.Username, sess.Email)
	}
	if sess.IsApplicationAdmin {
		who += " (application admin)"
	}
	t.row("Logged in:", who)
	expiry := "unknown"
	if !sess.ExpiresAt.IsZero() {
		expiry = fmt.Sprintf("%s (in %s)", sess.ExpiresAt.Local().Format(time.DateTime), shortDuration(sess.ExpiresAt.Sub(now)))
		if renewed {
			expiry += ", just renewed"
		}
		if sess.KeepsGroups() {
			expiry += "; an LDAP session is not renewed: log in again then"
		}
	}
	t.row("Expires:", expiry)
	t.row("Stored in:", storeText(store))
	if why := c.SessionElsewhere(); why != nil {
		// A service URL the session was not made for: the commands that
		// need that service refuse to send it there.
		t.row("Not sent:", cleanCell(why.Message))
	}
	return exitStatus(sessionCode)
}

// shortDuration prints 1h05m or 42m.
func shortDuration(d time.Duration) string {
	d = d.Round(time.Minute)
	if d >= time.Hour {
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return fmt.Sprintf("%dm", int(d.Minutes()))
}

func sourceText(v config.Value) string {
	var s string
	switch v.Source {
	case config.SourceFlag, config.SourceEnv:
		s = fmt.Sprintf("%s %s", v.Source, v.Origin)
	default:
		s = string(v.Source)
	}
	if v.Ignored != "" {
		s += "; " + v.Ignored + " ignored: --profile chose the profile"
	}
	return "(" + cleanCell(s) + ")"
}

func serviceTitle(s client.Service) string {
	switch s {
	case client.ServiceAPI:
		return "API"
	case client.ServiceAuth:
		return "Auth"
	case client.ServiceCore:
		return "Core"
	case client.ServiceAnalytic:
		return "Analytic"
	case client.ServiceWebhook:
		return "Webhook"
	case client.ServiceVulnerability:
		return "Vulnerability"
	}
	return string(s)
}

func storeText(store config.CredentialStore) string {
	if k, ok := store.(*config.KeyringStore); ok {
		return fmt.Sprintf("%s (service %s)", k.Kind(), k.Service())
	}
	return store.Kind()
}

// checkHealth asks every service at once; a service that fails does not
// change the exit code, it is only shown.
func checkHealth(ctx context.Context, c *client.Client) map[client.Service]string {
	services := []client.Service{client.ServiceAuth, client.ServiceCore, client.ServiceAnalytic, client.ServiceAPI, client.ServiceWebhook, client.ServiceVulnerability}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		out = map[client.Service]string{}
	)
	for _, svc := range services {
		wg.Go(func() {
			status := "healthy"
			if err := c.Health(ctx, svc); err != nil {
				status = "unhealthy: " + err.Error()
			}
			mu.Lock()
			out[svc] = status
			mu.Unlock()
		})
	}
	wg.Wait()
	return out
}

func newAuthLogoutCmd(f *Factory) *cobra.Command {
	return f.withStore(&cobra.Command{Use: "logout", Short: "log out and forget the session",
		Long: "Ends the session on the platform and deletes it here. When the platform cannot be\n" +
			"reached the session is still deleted here, and the command says so."}, f.authLogout)
}

// authLogout ends the session of s's profile on the platform and deletes
// it from store.
func (f *Factory) authLogout(s config.Settings, store config.CredentialStore) error {
	profile := s.Profile.Value
	// Under the profile's lock, so that the session ended on the platform
	// is the one deleted here, not one another program renewed meanwhile.
	shared := sharedSession(store, profile)
	unlock, err := shared.Lock(context.Background())
	if err != nil {
		return err
	}
	defer unlock()
	sess, err := store.Load(profile)
	if errors.Is(err, config.ErrNoSession) {
		// An unreadable entry also reads as no session: make sure it goes.
		if err := shared.Delete(); err != nil {
			return err
		}
		fmt.Fprintf(f.IO.Out, "Not logged in on profile %s: nothing to do.\n", cleanCell(profile))
		return nil
	}
	if err != nil {
		return err
	}

	var remoteErr error
	c, err := f.newClient(s)
	if err != nil {
		remoteErr = err
	} else {
		ctx, cancel := f.contextWithin(10 * time.Second)
		defer cancel()
		c.SetSession(sess)
		remoteErr = c.Logout(ctx)
	}
	if err := shared.Delete(); err != nil {
		return fmt.Errorf("the session could not be deleted from the %s: %w", store.Kind(), err)
	}
	if remoteErr != nil {
		fmt.Fprintf(f.IO.ErrOut, "warning: could not log out on the platform (%v); its refresh token stays valid there for up to 2 hours\n", cleanCell(remoteErr.Error()))
		fmt.Fprintf(f.IO.Out, "Session of profile %s deleted from the %s (the platform was not told).\n", cleanCell(profile), store.Kind())
		return nil
	}
	fmt.Fprintf(f.IO.Out, "Logged out of %s (profile %s); the session was deleted from the %s.\n", cleanCell(s.AuthURL.Value), cleanCell(profile), store.Kind())
	return nil
}
