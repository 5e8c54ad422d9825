package common

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
)

// Pages is the one paged-list helper: what a list the platform serves page
// by page keeps, and how a page's reply is taken, the same way whatever it
// lists (the files and the findings of tui/vulnerabilities, the
// repositories of tui/repositories). The screen keeps the rows and asks
// for the pages; every reply goes through Reply first.
//
// List is for a list loaded in one value; Pages is for one whose pages
// come one by one (Page, Loading) or, sparse, several at once (the screen
// then counts its requests itself and leaves Page and Loading alone).
type Pages struct {
	// Seq numbers the queries of the list (a new search, a reload): a
	// reply carrying another is for a list no longer shown.
	Seq int
	// Page counts the pages received, in the list's page size (0: none).
	Page int
	// Loading is true while a page is on its way.
	Loading bool
	// Done is true once the end of the list is known.
	Done bool
	// ToEnd is true while G loads to the end: the cursor follows the list.
	ToEnd bool
	// Err is why the list failed (its first page); MoreErr why a later
	// page failed, the rows loaded staying.
	Err, MoreErr error
}

// Restart begins a new query of the list, the rows shown staying until
// its first page comes: a page of an earlier one is dropped, and its
// errors, its end and a G on its way with it.
func (p *Pages) Restart() {
	p.Seq++
	p.Page, p.Done, p.ToEnd = 0, false, false
	p.Err, p.MoreErr = nil, nil
}

// Reply takes the answer to a page of query seq: ok is true for a page of
// the list shown that arrived, to put in place. A page of an earlier
// query is dropped. A failure is kept, in Err when first (the list has
// nothing to show) else in MoreErr, and stops G; when it is the session
// that expired, cmd brings up the login and asks for the same page again
// after it (retry).
func (p *Pages) Reply(seq int, first bool, err error, retry func() tea.Cmd) (ok bool, cmd tea.Cmd) {
	if seq != p.Seq {
		return false, nil // an earlier search or reload
	}
	p.Loading = false
	if err == nil {
		p.Err = nil // a failed later page (MoreErr) stays until retried
		return true, nil
	}
	if client.IsKind(err, client.KindUnauthenticated) {
		return false, SessionExpired(retry())
	}
	if first {
		p.Err = err
	} else {
		p.MoreErr = err
	}
	p.ToEnd = false
	return false, nil
}

// Follow puts the cursor of t (the list's table) on the last row while G
// loads to the end; it reports whether the end is still to come (ToEnd
// stops once Done).
func (p *Pages) Follow(t interface{ SetCursor(int) }, last int) bool {
	if !p.ToEnd {
		return false
	}
	t.SetCursor(last)
	if !p.Done {
		return true
	}
	p.ToEnd = false
	return false
}

// More reports whether the page after those received should be asked for
// now: nothing is on its way or failed, the end is not known, and the
// cursor of t (the list's table) is within near rows of the last.
func (p *Pages) More(t interface{ NearEnd(int) bool }, near int) bool {
	return !p.Loading && !p.Done && p.Err == nil && p.MoreErr == nil && p.Page > 0 && t.NearEnd(near)
}

// GoToEnd starts G on a list whose pages come one by one: the rest of it
// is asked for in one request of the next query (a page of scrolling on its
// way is not needed). It reports false while there is nothing to load.
func (p *Pages) GoToEnd() bool {
	if p.Done || p.Page == 0 || p.Err != nil {
		return false
	}
	p.ToEnd, p.MoreErr = true, nil
	p.Seq++
	return true
}

// Received counts a page that arrived: the pages of size rows that the n
// rows of the list got so far fill (at least one: a page was answered;
// until the list is complete n is a multiple of size, so the next page of
// scrolling starts right after them).
func (p *Pages) Received(n, size int) { p.Page = max(1, (n+size-1)/size) }
