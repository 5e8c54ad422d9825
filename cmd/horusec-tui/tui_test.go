package main

import (
	"errors"
	"fmt"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

// countingStore counts writes and can fail like a missing keyring.
type countingStore struct {
	*config.MemoryStore
	saves, deletes int
	fail           error
}

func (c *countingStore) Save(p string, s *client.Session) error {
	c.saves++
	if c.fail != nil {
		return c.fail
	}
	return c.MemoryStore.Save(p, s)
}

func (c *countingStore) Delete(p string) error {
	c.deletes++
	return c.MemoryStore.Delete(p)
}

func TestSessionSaverWritesEachSessionOnce(t *testing.T) {
	st := &countingStore{MemoryStore: config.NewMemoryStore()}
	s := newSessionSaver(st, "default")
	first := &client.Session{AccessToken: "a1", RefreshToken: "r1", Email: "m@example.com"}
	s.onSession(first) // the client, on login
	if err := s.save(first); err != nil || st.saves != 1 {
		t.Fatalf("login saved %d times, err %v", st.saves, err)
	}
	// A second login within the same second: the platform issues the same
	// access token, but the refresh token is new and must be kept.
	again := &client.Session{AccessToken: "a1", RefreshToken: "r2", Email: "m@example.com"}
	s.onSession(again)
	if st.saves != 2 {
		t.Fatalf("a session with the same access token but a new refresh token was not saved: %d", st.saves)
	}
	if got, _ := st.Load("default"); got.RefreshToken != "r2" {
		t.Errorf("stored %q", got.RefreshToken)
	}
	s.onSession(nil) // the client, on logout
	if err := s.save(nil); err != nil || st.deletes != 1 {
		t.Fatalf("logout deleted %d times, err %v", st.deletes, err)
	}
	if _, err := st.Load("default"); !errors.Is(err, config.ErrNoSession) {
		t.Errorf("session still stored: %v", err)
	}
}

func TestSessionSaverStopsTryingAnUnusableKeyring(t *testing.T) {
	keyringErr := fmt.Errorf("write: %w", config.ErrKeyringUnavailable)
	st := &countingStore{MemoryStore: config.NewMemoryStore(), fail: keyringErr}
	s := newSessionSaver(st, "default")
	if err := s.save(&client.Session{AccessToken: "a1", RefreshToken: "r1"}); !errors.Is(err, config.ErrKeyringUnavailable) {
		t.Fatalf("err %v", err)
	}
	// The sessions that follow are kept in memory only, without waiting on
	// the keyring each time; the login screen still hears why.
	s.onSession(&client.Session{AccessToken: "a2", RefreshToken: "r2"})
	if err := s.save(&client.Session{AccessToken: "a3", RefreshToken: "r3"}); !errors.Is(err, config.ErrKeyringUnavailable) {
		t.Errorf("err %v", err)
	}
	// The client's refreshes now share the session in memory.
	if got, err := s.Load(); err != nil || got == nil || got.RefreshToken != "r3" {
		t.Errorf("memory holds %v, %v", got, err)
	}
	if st.saves != 1 {
		t.Errorf("the keyring was tried %d times", st.saves)
	}
}
