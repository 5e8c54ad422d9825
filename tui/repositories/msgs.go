package repositories

import "github.com/horusec-tui/horusec-tui/client"

// pageMsg answers one page request. Seq is the query generation it was
// asked for: a reply for an older search or an older refresh is dropped.
type pageMsg struct {
	to    int
	seq   int
	off   int // the first row's position in the list
	size  int // the rows asked for: fewer means the list ends there
	repos []client.Repository
	err   error
}

func (m pageMsg) ReplyTo() int { return m.to }

// debounceMsg fires a short pause after the filter text last changed; only
// the one for the latest change starts a search.
type debounceMsg struct {
	to  int
	seq int
}

func (m debounceMsg) ReplyTo() int { return m.to }

// savedMsg answers a create or an update.
type savedMsg struct {
	to      int
	created bool
	repo    client.Repository
	err     error
}

func (m savedMsg) ReplyTo() int { return m.to }

// deletedMsg answers a delete.
type deletedMsg struct {
	to   int
	repo client.Repository
	err  error
}

func (m deletedMsg) ReplyTo() int { return m.to }

// spinMsg carries the spinner's tick to this screen only.
type spinMsg struct {
	to  int
	msg any
}

func (m spinMsg) ReplyTo() int { return m.to }
