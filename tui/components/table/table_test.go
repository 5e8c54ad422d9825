package table

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// workspaceColumns are the workspaces list's: two text columns sharing the
// room, a role, a count and a date.
func workspaceColumns() []Column {
	return []Column{
		{Title: "Name", Flex: 2},
		{Title: "Description", Flex: 3},
		{Title: "Your role", Width: 9},
		{Title: "Repositories", Width: 12, Numeric: true},
		{Title: "Created", Width: 10, Numeric: true},
	}
}

func newTable(cols []Column, rows []Row, w, h int) *Model {
	m := New(1, styles.New(), keys.Default(), cols)
	m.SetRows(rows)
	m.SetSize(w, h)
	return m
}

func numbered(n int) []Row {
	rows := make([]Row, n)
	for i := range rows {
		rows[i] = Row{ID: fmt.Sprint(i), Cells: []string{fmt.Sprintf("workspace-%03d", i), "Core products of the platform team", "Manager", fmt.Sprint(1000 + i), "2026-03-01"}}
	}
	return rows
}

func selected(t *testing.T, m *Model) string {
	t.Helper()
	r, ok := m.Selected()
	if !ok {
		t.Fatal("no row selected")
	}
	return r.ID
}

func TestCursorMovesAndPages(t *testing.T) {
	m := newTable(workspaceColumns(), numbered(50), 100, 11) // 10 rows on screen
	tuitest.Press(m, "j", "j", "down")
	if got := selected(t, m); got != "3" {
		t.Fatalf("after three downs: row %s", got)
	}
	tuitest.Press(m, "k")
	if got := selected(t, m); got != "2" {
		t.Fatalf("after up: row %s", got)
	}
	tuitest.Press(m, "pgdown")
	if got := selected(t, m); got != "12" {
		t.Fatalf("after a page down: row %s", got)
	}
	if first, end := m.Window(); m.Cursor() < first || m.Cursor() >= end || end-first != 10 {
		t.Fatalf("window %d–%d does not hold the cursor %d", first, end, m.Cursor())
	}
	tuitest.Press(m, "G")
	if got := selected(t, m); got != "49" || !strings.Contains(m.View(), "workspace-049") {
		t.Fatalf("G: row %s\n%s", got, m.View())
	}
	tuitest.Press(m, "j")
	if got := selected(t, m); got != "49" {
		t.Fatalf("down past the end: row %s", got)
	}
	tuitest.Press(m, "g")
	if got := selected(t, m); got != "0" || !strings.Contains(m.View(), "workspace-000") {
		t.Fatalf("g: row %s", got)
	}
}

func TestCursorStaysOnItsRowAcrossReloads(t *testing.T) {
	m := newTable(workspaceColumns(), numbered(10), 100, 20)
	tuitest.Press(m, "j", "j", "j")
	rows := append([]Row{{ID: "new", Cells: []string{"a new one"}}}, numbered(10)...)
	m.SetRows(rows)
	if got := selected(t, m); got != "3" {
		t.Errorf("the cursor moved to row %s after a reload", got)
	}
	if !m.SelectID("new") || selected(t, m) != "new" {
		t.Error("SelectID does not select a listed row")
	}
	if m.SelectID("gone") {
		t.Error("SelectID selected a row that is not there")
	}
}

func TestFilter(t *testing.T) {
	rows := []Row{
		{ID: "a", Cells: []string{"Acme Platform"}, Filter: "Acme Platform core products"},
		{ID: "b", Cells: []string{"Security Research"}, Filter: "Security Research red-team warehouse"},
		{ID: "c", Cells: []string{"Warehouse"}},
	}
	m := newTable([]Column{{Title: "Name"}}, rows, 60, 10)
	tuitest.Press(m, "/")
	if !m.Filtering() || !m.HandlesEsc() {
		t.Fatal("/ does not open the filter")
	}
	tuitest.Type(m, "WAREhouse")
	if m.Len() != 2 || m.Filter() != "WAREhouse" {
		t.Fatalf("%d rows pass %q, want 2 (a description and a name)", m.Len(), m.Filter())
	}
	tuitest.Press(m, "enter")
	if m.Filtering() || m.Filter() == "" || !strings.Contains(m.View(), "esc clears") {
		t.Fatalf("enter does not keep the filter:\n%s", m.View())
	}
	tuitest.Press(m, "esc")
	if m.Filter() != "" || m.Len() != 3 || m.HandlesEsc() {
		t.Fatalf("esc does not clear the filter: %q, %d rows", m.Filter(), m.Len())
	}
	tuitest.Press(m, "/")
	tuitest.Type(m, "nothing like it")
	if v := m.View(); !strings.Contains(v, "No match for “nothing like it”") {
		t.Errorf("no word on an empty result:\n%s", v)
	}
}

func TestServerFilterReportsTheText(t *testing.T) {
	m := newTable([]Column{{Title: "Name"}}, numbered(3), 60, 10)
	m.ServerFilter = true
	tuitest.Press(m, "/")
	cmd := m.Update(tuitest.Key("x"))
	var got []FilterChangedMsg
	for _, msg := range tuitest.Run(cmd) {
		if f, ok := msg.(FilterChangedMsg); ok {
			got = append(got, f)
		}
	}
	if len(got) != 1 || got[0].Query != "x" || got[0].Table != 1 {
		t.Fatalf("filter messages %+v", got)
	}
	if m.Len() != 3 {
		t.Errorf("a server filter was applied locally: %d rows", m.Len())
	}
}

func TestEmptyAndHeader(t *testing.T) {
	m := newTable(workspaceColumns(), nil, 80, 10)
	m.Empty = "No workspaces yet. Press n to create one."
	v := string(tuitest.Screen(m))
	if !strings.Contains(v, "Name") || !strings.Contains(v, "No workspaces yet. Press n to create one.") {
		t.Errorf("empty table:\n%s", v)
	}
}

// At every width a row fits, counts and dates are whole, and the text
// columns share what is left: at 60 columns the name is not squeezed to
// 9 while the count and the date keep their titles' width.
func TestColumnsGiveWayTextFirst(t *testing.T) {
	rows := numbered(3)
	for w := 40; w <= 160; w++ {
		m := newTable(workspaceColumns(), rows, w, 6)
		v := m.View()
		if w >= 50 {
			tuitest.Fits(t, v, w, 0)
		}
		for _, want := range []string{"1000", "1002", "2026-03-01"} {
			if !strings.Contains(v, want) {
				t.Fatalf("at %d columns %s is cut:\n%s", w, want, v)
			}
		}
	}
	m := newTable(workspaceColumns(), rows, 60, 6)
	ws := m.widths()
	if ws[0] < 12 {
		t.Errorf("at 60 columns the name is %d wide (widths %v)", ws[0], ws)
	}
	if ws[3] > 5 {
		t.Errorf("at 60 columns the count keeps %d cells for a 4-digit number (widths %v)", ws[3], ws)
	}
	if v := ansi.Strip(m.View()); !strings.Contains(v, "workspace-0") {
		t.Errorf("names unreadable at 60:\n%s", v)
	}
	wide := newTable(workspaceColumns(), rows, 120, 6).widths()
	if wide[3] != 12 || wide[2] != 9 {
		t.Errorf("with room to spare the fixed columns narrowed: %v", wide)
	}
}

func TestCellsAreCleanedAndCut(t *testing.T) {
	m := newTable([]Column{{Title: "Name", Width: 12}, {Title: "Count", Width: 3, Numeric: true}}, []Row{
		{ID: "x", Cells: []string{"Evil\x1b]52;c;aGk=\x07 and a long name", "123456"}},
	}, 40, 5)
	v := string(tuitest.Screen(m))
	if !strings.Contains(v, "Evil␛]52;c;…") {
		t.Errorf("a name is not shown cleaned and cut:\n%s", v)
	}
	if !strings.Contains(v, "123456") {
		t.Errorf("a number wider than its column was cut:\n%s", v)
	}
}

// The empty list's hint is wrapped to the table's width, indented, so that
// it is read to its end rather than cut at the edge of the screen.
func TestEmptyHintWraps(t *testing.T) {
	m := newTable(workspaceColumns(), nil, 40, 10)
	m.Empty = "No workspaces yet. Press n to create one, or ask a Manager to invite you."
	view := ansi.Strip(m.View())
	for i, l := range strings.Split(view, "\n") {
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %d is %d wide in 40: %q", i+1, w, l)
		}
	}
	if flat := strings.Join(strings.Fields(view), " "); !strings.Contains(flat, m.Empty) {
		t.Errorf("the hint is not whole:\n%s", view)
	}
}
