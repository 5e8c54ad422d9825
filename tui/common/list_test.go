package common

import (
	"context"
	"errors"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

func newCommon() *Common {
	return &Common{Ctx: context.Background(), Styles: styles.New(), Keys: keys.Default()}
}

func TestListDropsAnOlderLoad(t *testing.T) {
	l := NewList(newCommon(), 7, func(context.Context) ([]string, error) { return nil, nil }, nil)
	l.Load()
	older := l.Reply([]string{"old"}, nil)
	l.Load()
	newer := l.Reply([]string{"new"}, nil)
	if got, _ := l.Update(newer); !got || l.Value()[0] != "new" || l.Loading() || !l.Loaded() {
		t.Fatalf("the latest load: %v, %v", got, l.Value())
	}
	if got, _ := l.Update(older); !got || l.Value()[0] != "new" {
		t.Errorf("an older load arriving last: %v, %v", got, l.Value())
	}
	other := newer
	other.To = 8
	if got, _ := l.Update(other); got {
		t.Errorf("another screen's reply: %v", got)
	}
	second := NewList(newCommon(), 7, func(context.Context) ([]string, error) { return nil, nil }, nil)
	second.Load()
	if got, _ := l.Update(second.Reply([]string{"x"}, nil)); got {
		t.Errorf("another list of the same screen: %v", got)
	}
}

func TestListKeepsItsErrorAndValue(t *testing.T) {
	l := NewList(newCommon(), 7, func(context.Context) ([]string, error) { return []string{"a"}, nil }, nil)
	l.Update(l.Reply(nil, nil)) // no load asked: it is no reply of this list's latest load
	l.Load()
	l.Update(l.Reply([]string{"a"}, nil))
	l.Load()
	if got, cmd := l.Update(l.Reply(nil, errors.New("boom"))); !got || cmd != nil || l.Err() == nil || l.Loading() {
		t.Fatalf("a failed load: %v %v %v", got, cmd, l.Err())
	}
	if l.Value()[0] != "a" {
		t.Error("a failed load lost the last list")
	}
	l.Load()
	if l.Err() != nil || !l.Loading() {
		t.Error("a new load still shows the old error")
	}
}

func TestListLoadsAgainAfterANewLogin(t *testing.T) {
	calls := 0
	l := NewList(newCommon(), 7, func(context.Context) ([]string, error) { calls++; return []string{"after"}, nil }, nil)
	l.Load()
	got, cmd := l.Update(l.Reply(nil, &client.Error{Kind: client.KindUnauthenticated}))
	if !got || cmd == nil || l.Loading() || l.Err() == nil {
		t.Fatalf("an expired session: %v %v", got, l.Err())
	}
	se, ok := cmd().(SessionExpiredMsg)
	if !ok || se.Retry == nil {
		t.Fatalf("no login asked for: %#v", se)
	}
	// After the login, the shell runs the retry: it is the latest load.
	if got, _ := l.Update(se.Retry()); !got || l.Value()[0] != "after" || calls != 1 {
		t.Errorf("the retry: %v %v (calls %d)", got, l.Value(), calls)
	}
}

// A tab's title counts the list once it has arrived, and keeps the count
// of the last list while a reload fails.
func TestListTitleCountsOnceLoaded(t *testing.T) {
	l := NewList(newCommon(), 7, func(context.Context) ([]string, error) { return nil, nil }, nil)
	l.Load()
	if got := l.Title("Tokens", 0); got != "Tokens" {
		t.Errorf("before the list: %q", got)
	}
	l.Update(l.Reply([]string{"a", "b"}, nil))
	if got := l.Title("Tokens", len(l.Value())); got != "Tokens (2)" {
		t.Errorf("after the list: %q", got)
	}
	l.Load()
	l.Update(l.Reply(nil, errors.New("down")))
	if got := l.Title("Tokens", len(l.Value())); got != "Tokens (2)" {
		t.Errorf("after a failed reload: %q", got)
	}
}
