package tui

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/login"
	"github.com/horusec-tui/horusec-tui/tui/workspaces"
)

// storageShell is the shell over a platform where no keyring is usable:
// pending is what the program knows of it, chosen records the answers.
type storageShell struct {
	*Model
	pending string
	chosen  []bool
	fail    error
}

func newStorageShell(t *testing.T, loggedIn bool, pending string) *storageShell {
	s := &storageShell{pending: pending}
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	s.Model = New(Options{Client: newClient(t, loggedIn), AuthConfig: &cfg, Profile: "work", Host: "127.0.0.1:8006",
		Storage: &StorageChoice{
			Pending: func() string { return s.pending },
			Profile: "work", Config: "/home/ana/.config/horusec-tui/config.json",
			File: "/home/ana/.config/horusec-tui/credentials.json",
			Choose: func(file bool) error {
				if s.fail != nil {
					return s.fail
				}
				s.chosen = append(s.chosen, file)
				s.pending = ""
				return nil
			},
		}})
	s.statusTTL = 0
	return s
}

// answer presses k and hands the shell what follows from it, as the
// program would.
func answer(m *Model, k string) {
	for _, msg := range send(m, tuitest.Key(k)) {
		for _, next := range send(m, msg) {
			send(m, next)
		}
	}
}

const noBus = "read the session of horusec-tui:127.0.0.1:8006: The name org.freedesktop.secrets was not provided by any .service files"

// TestNoKeyringQuestionWholeAndKeptUntilAnswered: without a keyring the
// program asks at start where to keep the session; the question is whole
// at 80×24 and 60×15 (keys, border, --insecure-storage), survives esc and
// other keys, and the answer is handed on, once.
func TestNoKeyringQuestionWholeAndKeptUntilAnswered(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 15}} {
		w, h := size[0], size[1]
		t.Run(fmt.Sprintf("%dx%d", w, h), func(t *testing.T) {
			s := newStorageShell(t, false, noBus)
			send(s.Model, tea.WindowSizeMsg{Width: w, Height: h})
			view := string(tuitest.Screen(s.Model))
			for _, want := range []string{"No OS keyring: where should the session go?", "--insecure-storage",
				"1 this run only · 2 file · q quit", "╰", "credentials.json", "0600", "“work”"} {
				if !strings.Contains(view, want) {
					t.Errorf("%q is not on screen:\n%s", want, view)
				}
			}
			tuitest.Whole(t, s.View(), w, h)
			tuitest.Golden(t, fmt.Sprintf("asked-%dx%d", w, h), tuitest.Screen(s.Model))

			for _, k := range []string{"esc", "j", "enter", "x", "esc"} {
				send(s.Model, tuitest.Key(k))
			}
			if _, ok := s.Top().(*login.Storage); !ok || len(s.chosen) != 0 {
				t.Fatalf("the question went away unanswered (chosen %v)", s.chosen)
			}
			if !strings.Contains(string(tuitest.Screen(s.Model)), "Choose 1 or 2 first (q quits).") {
				t.Fatalf("esc does not say what the question waits for:\n%s", string(tuitest.Screen(s.Model)))
			}
			s.fail = errors.New("config.json is read-only")
			answer(s.Model, "2")
			if _, ok := s.Top().(*login.Storage); !ok || !strings.Contains(string(tuitest.Screen(s.Model)), "Not saved: config.json is read-only") {
				t.Fatalf("a failed choice did not keep the question with the error:\n%s", string(tuitest.Screen(s.Model)))
			}
			s.fail = nil
			answer(s.Model, "2")
			if len(s.chosen) != 1 || !s.chosen[0] {
				t.Fatalf("chosen %v, want the file once", s.chosen)
			}
			if _, ok := s.Top().(*login.Model); !ok || !strings.Contains(s.Status(), "credentials.json (0600, not encrypted)") {
				t.Fatalf("after the answer: %T, status %q", s.Top(), s.Status())
			}
		})
	}
}

// TestNoKeyringAskedAfterALoginThatCouldNotStore: a keyring that fails
// only when the session is written brings the question up over the list;
// an answered question, or a keyring that works, asks nothing.
func TestNoKeyringAskedAfterALoginThatCouldNotStore(t *testing.T) {
	s := newStorageShell(t, false, "")
	send(s.Model, tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, ok := s.Top().(*login.Model); !ok {
		t.Fatalf("asked with nothing to ask: %T", s.Top())
	}
	s.pending = noBus // the login's save failed
	sess := &client.Session{AccountID: "acc-1", Email: "manager@example.com", AccessToken: "a", RefreshToken: "r"}
	send(s.Model, common.LoggedInMsg{Session: sess})
	if _, ok := s.Top().(*login.Storage); !ok || len(s.Stack()) != 2 {
		t.Fatalf("not asked after the login: %T over %d", s.Top(), len(s.Stack()))
	}
	answer(s.Model, "1")
	if _, ok := s.Top().(*workspaces.Model); !ok || len(s.chosen) != 1 || s.chosen[0] {
		t.Fatalf("after 1: %T, chosen %v", s.Top(), s.chosen)
	}
	send(s.Model, common.LoggedInMsg{Session: sess})
	if _, ok := s.Top().(*login.Storage); ok {
		t.Fatal("asked again after the answer")
	}
}
