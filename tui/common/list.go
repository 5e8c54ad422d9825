package common

import (
	"context"
	"fmt"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
)

// List is the one list-loading helper every list screen uses. It owns the
// four things each list needs:
//
//   - a sequence number: every Load is numbered, and a reply to any load
//     but the latest is dropped, so two quick refreshes never land out of
//     order;
//   - the loading state (Loading, and Loaded once a first load arrived);
//   - the error state (Err; the last good value stays in Value);
//   - retry after a new login: a load refused because the session expired
//     asks for a login and loads again after it; if the user gives the
//     login up, the error stays and r (Load) retries.
//
// A screen holds one List per list it shows, built with NewList in its
// constructor with the function that shows a list that arrived; it calls
// Load from Init and on refresh, and passes every message to Update
// first:
//
//	if mine, cmd := m.list.Update(msg); mine {
//		return cmd
//	}
//
// Its own Loading() includes m.list.Loading().
type List[T any] struct {
	c      *Common
	id     int
	fetch  func(ctx context.Context) (T, error)
	show   func(T)
	seq    int
	value  T
	err    error
	loaded bool
	busy   bool
}

// listTag tags a list's loads: the list it belongs to and its number.
type listTag struct {
	list any
	seq  int
}

// NewList builds the loader of a list for screen id: fetch asks the
// platform for it (off the UI goroutine), show puts the latest list that
// arrived on screen (on the UI goroutine, from Update).
func NewList[T any](c *Common, id int, fetch func(ctx context.Context) (T, error), show func(T)) *List[T] {
	return &List[T]{c: c, id: id, fetch: fetch, show: show}
}

// Load starts a new load; a load still on its way is forgotten, and the
// last error with it (the screen shows it is loading again).
func (l *List[T]) Load() tea.Cmd {
	l.seq++
	l.busy = true
	l.err = nil
	return Do(l.c, l.id, listTag{list: l, seq: l.seq}, l.fetch)
}

// LoadWith starts a new load with fetch, which later loads (and the one
// after a new login) use too: for a list whose request depends on what
// the user chose, such as a period.
func (l *List[T]) LoadWith(fetch func(ctx context.Context) (T, error)) tea.Cmd {
	l.fetch = fetch
	return l.Load()
}

// Update handles msg if it is a reply to one of this list's loads (mine):
// the latest one's list goes to show, an older one's is dropped, and a
// failure is kept in Err. cmd brings up the login when the session
// expired.
func (l *List[T]) Update(msg tea.Msg) (mine bool, cmd tea.Cmd) {
	r, tag, ok := Tagged[listTag, T](msg, l.id)
	if !ok || tag.list != any(l) {
		return false, nil
	}
	if tag.seq != l.seq {
		return true, nil // an older load
	}
	l.busy = false
	if r.Err != nil {
		if client.IsKind(r.Err, client.KindUnauthenticated) {
			// Loads again after the login; until then (or if the user
			// gives up) the error is shown with r to retry.
			retry := l.Load()
			l.busy, l.err = false, r.Err
			return true, SessionExpired(retry)
		}
		l.err = r.Err
		return true, nil
	}
	l.err = nil
	l.loaded = true
	l.value = r.Value
	if l.show != nil {
		l.show(r.Value)
	}
	return true, nil
}

// Value is the last list loaded.
func (l *List[T]) Value() T { return l.value }

// Err is why the last load failed, or nil.
func (l *List[T]) Err() error { return l.err }

// Loading is true while a load is on its way.
func (l *List[T]) Loading() bool { return l.busy }

// Loaded is true once a load has succeeded.
func (l *List[T]) Loaded() bool { return l.loaded }

// Title is the title of a tab that shows the list: name, with the number
// of items (n) once a load has arrived.
func (l *List[T]) Title(name string, n int) string {
	if !l.loaded {
		return name
	}
	return fmt.Sprintf("%s (%d)", name, n)
}

// Reply is the message the latest load's answer would be, for tests that
// play the platform's part.
func (l *List[T]) Reply(v T, err error) Result[T] {
	return Result[T]{To: l.id, Tag: listTag{list: l, seq: l.seq}, Value: v, Err: err}
}
