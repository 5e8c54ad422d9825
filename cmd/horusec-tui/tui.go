package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"sync"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/config"
	"github.com/horusec-tui/horusec-tui/tui"
)

// runTUI opens the terminal UI: at the workspaces screen when a session is
// stored for the profile, else at the login screen. The platform's auth
// settings are read by the UI itself, so an unreachable platform shows
// where it happened instead of delaying the start.
func runTUI(f *Factory) error {
	if f.flags.demo {
		return runDemo(f)
	}
	ctx, stop := f.context()
	defer stop()

	s, err := f.settings()
	if err != nil {
		return err
	}
	store, err := f.store(s)
	if err != nil {
		return err
	}
	saver := newSessionSaver(store, s.Profile.Value)
	opts := s.ClientOptions()
	opts.OnSession = saver.onSession
	c, err := f.clientFor(opts)
	if err != nil {
		return err
	}
	sess, err := store.Load(s.Profile.Value)
	switch {
	case err == nil:
		c.SetSession(sess)
	case errors.Is(err, config.ErrKeyringUnavailable):
		// The login screen still works; the session then lives for this
		// run only and the user is told so after logging in.
		saver.memoryOnly(err)
	}
	// Any other failure (nothing stored, an unreadable entry) means: log in.

	logger, err := f.logger()
	if err != nil {
		return err
	}
	err = tui.Run(ctx, tui.Options{
		Client:  c,
		Profile: s.Profile.Value,
		Host:    tui.HostOf(s.AuthURL.Value),
		Email:   s.Email,
		Save:    saver.save,
		Logger:  logger,
	})
	if err != nil {
		return fmt.Errorf("the terminal UI stopped: %w", err)
	}
	return nil
}

// runDemo starts the demo platform on loopback, logs in as its Manager and
// opens the UI. The session is kept in memory only: the user's keyring and
// config are never touched.
func runDemo(f *Factory) error {
	ctx, stop := f.context()
	defer stop()

	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true})
	if err != nil {
		return fmt.Errorf("start the demo platform: %w", err)
	}
	defer srv.Close()

	saver := newSessionSaver(config.NewMemoryStore(), "demo")
	c, err := f.clientFor(client.Options{
		AuthURL:     srv.AuthURL,
		CoreURL:     srv.CoreURL,
		AnalyticURL: srv.AnalyticURL,
		APIURL:      srv.APIURL,
		WebhookURL:  srv.WebhookURL,
		OnSession:   saver.onSession,
	})
	if err != nil {
		return err
	}
	if _, err := c.Login(ctx, horusectest.ManagerEmail, horusectest.ManagerPassword); err != nil {
		return fmt.Errorf("log in to the demo platform: %w", err)
	}
	logger, err := f.logger()
	if err != nil {
		return err
	}
	err = tui.Run(ctx, tui.Options{
		Client:  c,
		Profile: "demo",
		Demo:    true,
		Host:    tui.HostOf(srv.AuthURL),
		Email:   horusectest.ManagerEmail,
		Save:    saver.save,
		Logger:  logger,
	})
	if err != nil {
		return fmt.Errorf("the terminal UI stopped: %w", err)
	}
	return nil
}

// logger is the --debug log, or nil.
func (f *Factory) logger() (*slog.Logger, error) {
	if f.flags.debug == "" {
		return nil, nil
	}
	return debugLogger(f.flags.debug)
}

// sessionSaver writes sessions to the credential store. The client hands
// it every new session (login, refresh) and nil after a logout; the login
// screen hands it the login's session again to learn whether it was kept,
// so a session already written is not written twice. Once the keyring
// proved unusable it stops trying (each try may wait seconds) and the
// sessions live for this run only.
type sessionSaver struct {
	store   config.CredentialStore
	profile string

	mu      sync.Mutex
	last    [32]byte // digest of the last session's access token
	lastErr error
	gone    bool  // the stored session was deleted
	noStore error // why sessions are kept in memory only
}

func newSessionSaver(store config.CredentialStore, profile string) *sessionSaver {
	return &sessionSaver{store: store, profile: profile}
}

func (s *sessionSaver) memoryOnly(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noStore = err
}

func (s *sessionSaver) onSession(sess *client.Session) { _ = s.save(sess) }

func (s *sessionSaver) save(sess *client.Session) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess == nil {
		if s.gone {
			return s.lastErr
		}
		s.gone, s.last = true, [32]byte{}
		s.lastErr = nil
		if s.noStore == nil {
			s.lastErr = s.store.Delete(s.profile)
		}
		return s.lastErr
	}
	sum := sha256.Sum256([]byte(sess.AccessToken))
	if !s.gone && sum == s.last {
		return s.lastErr
	}
	s.gone, s.last = false, sum
	if s.noStore != nil {
		s.lastErr = s.noStore
		return s.lastErr
	}
	s.lastErr = s.store.Save(s.profile, sess)
	if errors.Is(s.lastErr, config.ErrKeyringUnavailable) {
		s.noStore = s.lastErr
	}
	return s.lastErr
}
