package repositories

import "github.com/horusec-tui/horusec-tui/client"

// page answers one page request. seq is the query generation it was asked
// for: a reply for an older search or an older refresh is dropped.
type page struct {
	seq   int
	off   int // the first row's position in the list
	size  int // the rows asked for: fewer means the list ends there
	repos []client.Repository
}

// debounceMsg fires a short pause after the filter text last changed; only
// the one for the latest change starts a search.
type debounceMsg struct {
	to  int
	seq int
}

func (m debounceMsg) ReplyTo() int { return m.to }
