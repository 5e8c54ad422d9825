package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
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

	s, store, err := f.settingsAndStore()
	if err != nil {
		return err
	}
	saver := newSessionSaver(store, s.Profile.Value)
	opts := s.ClientOptions()
	opts.OnSession = saver.onSession
	opts.Shared = saver
	warnings := make(chan string, 8)
	opts.Warn = func(msg string) {
		select {
		case warnings <- msg:
		default: // the footer shows one at a time; never block a call
		}
	}
	f.plainHTTPSaid = true // the UI says it on its status line
	c, err := f.clientFor(opts)
	if err != nil {
		return err
	}
	sess, err := store.Load(s.Profile.Value)
	warning := c.PlainHTTPWarning()
	var storage *tui.StorageChoice
	if !f.flags.insecureStorage {
		storage, sess, err = saver.noKeyring(s, sess, err)
		if w := saver.said(); w != "" {
			warning = strings.TrimPrefix(warning+"; "+w, "; ")
		}
	}
	if err == nil && sess != nil {
		c.SetSession(sess)
	}
	// Any other failure (nothing stored, an unreadable entry) means: log in.

	logger, err := f.logger()
	if err != nil {
		return err
	}
	err = tui.Run(ctx, tui.Options{
		Client:   c,
		Profile:  s.Profile.Value,
		Host:     tui.HostOf(s.AuthURL.Value),
		Email:    s.Email,
		Save:     saver.save,
		Warnings: warnings,
		Logger:   logger,
		// A setting of its own: exports are files the person keeps.
		ExportDir: os.Getenv("HORUSEC_TUI_EXPORT_DIR"),
		Warning:   warning,
		Storage:   storage,
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
		Shared:      saver,

		VulnerabilityURL: srv.VulnerabilityURL,
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

		ExportDir: os.Getenv("HORUSEC_TUI_EXPORT_DIR"),
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

// sessionSaver keeps the UI's session in the credential store, shared
// with every other program on the profile (it is the client's
// client.SharedSession, and its save is the client's OnSession). The client
// hands it every login and nil after a logout; the login screen hands it
// the login's session again to learn whether it was kept, so a session
// already written is not written twice. Sessions are told apart by their
// refresh token: two logins within a second get the same access token.
// Once the keyring proved unusable it stops trying (each try may wait
// seconds) and the sessions live for this run only.
type sessionSaver struct {
	profile string
	shared  *config.SharedSession // the profile's store, locked in the config directory
	memory  *config.SharedSession // this run only

	mu      sync.Mutex
	last    string // refresh token of the last session saved
	lastErr error
	gone    bool   // the stored session was deleted
	noStore error  // why sessions are kept in memory only
	choice  string // config.StorageMemory or StorageFile once chosen
	note    string // what the choice made earlier means for this run
}

func newSessionSaver(store config.CredentialStore, profile string) *sessionSaver {
	dir, _ := config.Dir()
	return &sessionSaver{profile: profile,
		shared: config.NewSharedSession(store, dir, profile),
		memory: config.NewSharedSession(config.NewMemoryStore(), "", profile)}
}

// noKeyring acts on the keyring's answer to the first read (sess,
// loadErr): when no keyring is usable, the profile's earlier choice applies
// (the 0600 file, whose session it returns, or this run only); without one
// the UI asks, through the StorageChoice returned.
func (s *sessionSaver) noKeyring(set config.Settings, sess *client.Session, loadErr error) (*tui.StorageChoice, *client.Session, error) {
	dir, err := config.Dir()
	if err != nil {
		return nil, sess, loadErr
	}
	file := config.NewFileStore(dir, config.ServiceName(set.AuthURL.Value), nil)
	s.mu.Lock()
	s.choice = set.SessionStorage
	s.mu.Unlock()
	choice := &tui.StorageChoice{Profile: s.profile, Config: set.ConfigPath, File: file.Path(),
		Pending: s.pending,
		Choose: func(toFile bool) error {
			if toFile {
				return s.choose(config.StorageFile, file)
			}
			return s.choose(config.StorageMemory, nil)
		}}
	if !errors.Is(loadErr, config.ErrKeyringUnavailable) {
		return choice, sess, loadErr // the keyring answered (a save may still fail)
	}
	s.memoryOnly(loadErr)
	switch set.SessionStorage {
	case config.StorageFile:
		s.note = "no keyring: the session is in " + filepath.Base(file.Path()) + " (0600, not encrypted)"
		if err := s.useFile(file); err != nil {
			return choice, nil, err
		}
		sess, err := s.Load()
		return choice, sess, err
	case config.StorageMemory:
		s.note = "no keyring: the session lasts for this run only (the profile's choice)"
	}
	return choice, nil, loadErr
}

// said is what the choice made earlier means for this run ("" for none).
func (s *sessionSaver) said() string { return s.note }

// pending is why no keyring is usable, while the profile has no choice.
func (s *sessionSaver) pending() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.noStore == nil || s.choice != "" {
		return ""
	}
	var ke *config.KeyringError
	if errors.As(s.noStore, &ke) {
		return ke.Reason()
	}
	return s.noStore.Error()
}

// choose remembers the profile's choice and applies it: with the file, the
// session of this run moves there.
func (s *sessionSaver) choose(choice string, file *config.FileStore) error {
	if err := config.RememberStorage(s.profile, choice); err != nil {
		return err
	}
	s.mu.Lock()
	s.choice = choice
	s.mu.Unlock()
	if file == nil {
		return nil
	}
	if err := s.useFile(file); err != nil {
		return err
	}
	sess, _ := s.memory.Load()
	if sess == nil {
		return nil
	}
	return s.save(sess)
}

// useFile keeps the sessions in the 0600 file from now on.
func (s *sessionSaver) useFile(file *config.FileStore) error {
	dir, err := config.Dir()
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shared = config.NewSharedSession(file, dir, s.profile)
	s.noStore = nil
	s.last = "" // the file has not had this session yet
	return nil
}

func (s *sessionSaver) memoryOnly(err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.noStore = err
}

// current is where the session is kept now.
func (s *sessionSaver) current() *config.SharedSession {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.noStore != nil {
		return s.memory
	}
	return s.shared
}

func (s *sessionSaver) Lock(ctx context.Context) (func(), error) { return s.current().Lock(ctx) }
func (s *sessionSaver) Load() (*client.Session, error)           { return s.current().Load() }
func (s *sessionSaver) Save(sess *client.Session) error          { return s.current().Save(sess) }
func (s *sessionSaver) Delete() error                            { return s.current().Delete() }

func (s *sessionSaver) onSession(sess *client.Session) { _ = s.save(sess) }

// save stores sess (nil: deletes the stored session). The saver's mutex
// is not held while the store is written: the client's refresh may hold
// the profile's lock and need current() meanwhile.
func (s *sessionSaver) save(sess *client.Session) error {
	s.mu.Lock()
	switch {
	case sess == nil && s.gone:
		err := s.lastErr
		s.mu.Unlock()
		return err
	case sess != nil && !s.gone && sess.RefreshToken == s.last && s.last != "":
		err := s.lastErr
		s.mu.Unlock()
		return err
	}
	noStore, shared, chosen := s.noStore, s.shared, s.choice == config.StorageMemory
	s.mu.Unlock()

	var err error
	switch {
	case sess == nil:
		_ = s.memory.Forget()
		if noStore == nil {
			err = shared.Forget()
		}
	case noStore != nil:
		_ = s.memory.Store(sess)
		if !chosen { // for this run only, and not by choice: say so
			err = noStore
		}
	default:
		err = shared.Store(sess)
		if errors.Is(err, config.ErrKeyringUnavailable) {
			_ = s.memory.Store(sess)
			noStore = err
		}
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	s.gone, s.last, s.lastErr, s.noStore = sess == nil, "", err, noStore
	if sess != nil {
		s.last = sess.RefreshToken
	}
	return err
}
