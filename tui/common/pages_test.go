package common

import (
	"errors"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// A page's reply: one of an earlier query is dropped, a failure is kept
// where the list shows it, and an expired session asks for the same page
// again after the login.
func TestPagesTakeAReplyOneWay(t *testing.T) {
	var p Pages
	p.Restart()
	old := p.Seq
	p.Restart()
	p.Loading = true
	if ok, cmd := p.Reply(old, true, nil, nil); ok || cmd != nil || !p.Loading {
		t.Fatal("a page of an earlier query was taken")
	}
	p.ToEnd = true
	if ok, _ := p.Reply(p.Seq, true, errors.New("refused"), nil); ok || p.Err == nil || p.MoreErr != nil || p.ToEnd || p.Loading {
		t.Fatalf("the first page failing: %+v", p)
	}
	p.Restart()
	if ok, _ := p.Reply(p.Seq, false, errors.New("refused"), nil); ok || p.Err != nil || p.MoreErr == nil {
		t.Fatalf("a later page failing: %+v", p)
	}
	asked := 0
	retry := func() tea.Cmd { asked++; return func() tea.Msg { return "page again" } }
	ok, cmd := p.Reply(p.Seq, true, &client.Error{Kind: client.KindUnauthenticated}, retry)
	se, isLogin := cmd().(SessionExpiredMsg)
	if ok || !isLogin || asked != 1 || se.Retry() != "page again" || p.Err != nil {
		t.Fatalf("an expired session: ok %v, login %v, asked %d, %+v", ok, isLogin, asked, p)
	}
	if ok, _ := p.Reply(p.Seq, false, nil, nil); !ok || p.MoreErr == nil {
		t.Errorf("a page that came: ok %v; the failed later page is kept until retried: %v", ok, p.MoreErr)
	}
}

// G: the cursor follows the rows until the end is known; the next pages
// of scrolling are asked for only near the end, with nothing failed.
func TestPagesFollowAndAskForMore(t *testing.T) {
	c := newCommon()
	tb := table.New(NewID(), c.Styles, c.Keys, []table.Column{{Title: "Name"}})
	tb.SetSize(40, 10)
	rows := make([]table.Row, 50)
	for i := range rows {
		rows[i] = table.Row{ID: string(rune('a' + i%26)), Cells: []string{"row"}}
	}
	tb.SetRows(rows)
	var p Pages
	if p.GoToEnd() {
		t.Fatal("G before any page came")
	}
	p.Received(50, 25)
	if p.Page != 2 || p.More(tb, 5) {
		t.Fatalf("pages %d; more asked far from the end: %v", p.Page, p.More(tb, 5))
	}
	seq := p.Seq
	if !p.GoToEnd() || !p.ToEnd || p.Seq == seq {
		t.Fatal("G does not start a new query to the end")
	}
	if !p.Follow(tb, 49) || tb.Cursor() != 49 {
		t.Fatalf("the cursor is on %d while loading to the end", tb.Cursor())
	}
	if !p.More(tb, 5) {
		t.Error("no more asked for at the end")
	}
	p.MoreErr = errors.New("refused")
	if p.More(tb, 5) {
		t.Error("more asked for over a failed page")
	}
	p.Done = true
	if p.Follow(tb, 49) || p.ToEnd {
		t.Error("G goes on past the end")
	}
}
