// Package table is the filterable, scrollable list every screen uses. It
// draws only the rows that fit, so a list of 10,000 costs no more per key
// press than a list of 10.
package table

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// Column describes one column. A column with Width 0 shares the room left
// by the fixed ones, in proportion to Flex (1 when unset).
//
// When the room is short, the columns give way in this order: a Numeric
// column narrows to its widest value (its title is cut, its values never);
// then the text columns, fixed and shared alike, narrow in proportion, down
// to their MinWidth, their text cut with "…".
type Column struct {
	Title    string
	Width    int
	Flex     int
	MinWidth int
	// Numeric marks values that must never be cut: counts, dates, ids.
	Numeric bool
}

// flexWant is the width a shared column is given before the fixed text
// columns narrow, per unit of Flex.
const flexWant = 8

// Row is one line. ID identifies it across reloads (the cursor stays on
// the same row). Filter is the text "/" matches; when empty, the first cell.
type Row struct {
	ID     string
	Cells  []string
	Filter string
}

// CellStyler colours one cell (e.g. an expired token's date). It is called
// only for rows on screen.
type CellStyler func(row Row, col int, selected bool) (lipgloss.Style, bool)

// FilterChangedMsg is sent, in server-filter mode, when the filter text
// changes; the screen decides when to ask the platform. Such messages can
// arrive out of order: Query is the text when it was sent, Filter() the
// text now.
type FilterChangedMsg struct {
	Table int // the table's ID
	Query string
}

// Model is the table.
type Model struct {
	id      int
	styles  *styles.Styles
	keys    *keys.KeyMap
	columns []Column

	rows     []Row
	lower    []string // lower-cased filter text of each row
	widest   []int    // widest value of each Numeric column
	visible  []int    // indices into rows that pass the filter
	cursor   int      // index into visible
	offset   int      // first visible index on screen
	width    int
	height   int
	input    textinput.Model
	filtered string // the filter in force

	// ServerFilter: the filter text is not applied here but reported with
	// FilterChangedMsg, for lists the platform searches itself.
	ServerFilter bool
	// Empty is shown when there are no rows at all.
	Empty string
	// Styler colours cells; nil draws every cell in the row style.
	Styler CellStyler
}

// New builds a table.
func New(id int, s *styles.Styles, k *keys.KeyMap, columns []Column) *Model {
	in := textinput.New()
	in.Prompt = "/ "
	in.PromptStyle = s.FilterPrompt
	in.Placeholder = "type to filter"
	in.CharLimit = 255
	return &Model{id: id, styles: s, keys: k, columns: columns, input: in, Empty: "Nothing here yet."}
}

// SetColumns replaces the columns (e.g. a role column shown only to some).
func (m *Model) SetColumns(c []Column) {
	m.columns = c
	m.measure()
}

// measure notes the widest value of each Numeric column.
func (m *Model) measure() {
	m.widest = make([]int, len(m.columns))
	for ci, c := range m.columns {
		if !c.Numeric {
			continue
		}
		for _, r := range m.rows {
			if ci < len(r.Cells) {
				m.widest[ci] = max(m.widest[ci], ansi.StringWidth(safetext.Clean(r.Cells[ci])))
			}
		}
	}
}

// SetSize sets the room the table may draw in, filter line included.
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.input.Width = max(10, width-4)
	m.clamp()
}

// SetRows replaces the rows, keeping the cursor on the same row when it is
// still there and the filter in force.
func (m *Model) SetRows(rows []Row) {
	selected, _ := m.Selected()
	m.rows = rows
	m.lower = make([]string, len(rows))
	for i, r := range rows {
		f := r.Filter
		if f == "" && len(r.Cells) > 0 {
			f = r.Cells[0]
		}
		m.lower[i] = strings.ToLower(f)
	}
	m.measure()
	m.applyFilter()
	if selected.ID != "" {
		for vi, ri := range m.visible {
			if m.rows[ri].ID == selected.ID {
				m.cursor = vi
				break
			}
		}
	}
	m.clamp()
}

// AppendRows adds rows at the end (the next page of a paged list).
func (m *Model) AppendRows(rows []Row) {
	all := make([]Row, 0, len(m.rows)+len(rows))
	all = append(all, m.rows...)
	all = append(all, rows...)
	m.SetRows(all)
}

// Rows returns every row, filtered or not.
func (m *Model) Rows() []Row { return m.rows }

// Len is the number of rows that pass the filter.
func (m *Model) Len() int { return len(m.visible) }

// Selected returns the row under the cursor.
func (m *Model) Selected() (Row, bool) {
	if m.cursor < 0 || m.cursor >= len(m.visible) {
		return Row{}, false
	}
	return m.rows[m.visible[m.cursor]], true
}

// SelectedIn returns what the row under the cursor stands for: the value
// of byID under the row's ID (false when no row is selected, or its value
// is not there, as for a row not loaded yet).
func SelectedIn[V any](m *Model, byID map[string]V) (V, bool) {
	row, ok := m.Selected()
	if !ok {
		var none V
		return none, false
	}
	v, ok := byID[row.ID]
	return v, ok
}

// SelectID puts the cursor on the row with that ID when it passes the
// filter (e.g. a workspace just created); it reports whether it did.
func (m *Model) SelectID(id string) bool {
	for vi, ri := range m.visible {
		if m.rows[ri].ID == id {
			m.cursor = vi
			m.clamp()
			return true
		}
	}
	return false
}

// Cursor is the cursor's position among the rows that pass the filter.
func (m *Model) Cursor() int { return m.cursor }

// SetCursor puts the cursor on the i-th row that passes the filter
// (clamped to the rows there are).
func (m *Model) SetCursor(i int) {
	m.cursor = i
	m.clamp()
}

// Window is the range [first, end) of the rows (among those that pass the
// filter) that are on screen.
func (m *Model) Window() (first, end int) {
	return m.offset, min(len(m.visible), m.offset+m.bodyHeight())
}

// ScreenRows is how many rows fit on screen: what pgup and pgdn move.
func (m *Model) ScreenRows() int { return m.bodyHeight() }

// NearEnd reports whether the cursor is within n rows of the last row: the
// moment to fetch the next page.
func (m *Model) NearEnd(n int) bool { return len(m.visible)-1-m.cursor <= n }

// Filter is the filter text in force.
func (m *Model) Filter() string { return m.filtered }

// Filtering is true while the filter input has focus.
func (m *Model) Filtering() bool { return m.input.Focused() }

// ClearFilter removes the filter.
func (m *Model) ClearFilter() {
	m.input.SetValue("")
	m.input.Blur()
	m.setFilter("")
}

func (m *Model) setFilter(q string) tea.Cmd {
	if q == m.filtered {
		return nil
	}
	m.filtered = q
	if m.ServerFilter {
		id := m.id
		return func() tea.Msg { return FilterChangedMsg{Table: id, Query: q} }
	}
	m.applyFilter()
	m.cursor, m.offset = 0, 0
	return nil
}

func (m *Model) applyFilter() {
	m.visible = m.visible[:0]
	q := strings.ToLower(strings.TrimSpace(m.filtered))
	for i := range m.rows {
		if q == "" || m.ServerFilter || strings.Contains(m.lower[i], q) {
			m.visible = append(m.visible, i)
		}
	}
}

// Update handles keys and the mouse wheel. It returns nil for messages it
// does not use.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.MouseMsg:
		if msg.Action != tea.MouseActionPress {
			return nil
		}
		switch msg.Button {
		case tea.MouseButtonWheelUp:
			m.move(-3)
		case tea.MouseButtonWheelDown:
			m.move(3)
		}
		return nil
	case tea.KeyMsg:
		if m.input.Focused() {
			switch msg.String() {
			case "esc":
				m.input.SetValue("")
				m.input.Blur()
				return m.setFilter("")
			case "enter":
				m.input.Blur()
				return nil
			case "up", "down":
				// Let the user move while the filter is open.
				if msg.String() == "up" {
					m.move(-1)
				} else {
					m.move(1)
				}
				return nil
			}
			var cmd tea.Cmd
			m.input, cmd = m.input.Update(msg)
			return tea.Batch(cmd, m.setFilter(m.input.Value()))
		}
		switch {
		case key.Matches(msg, m.keys.Filter):
			m.input.Focus()
			m.clamp()
			return textinput.Blink
		case key.Matches(msg, m.keys.Up):
			m.move(-1)
		case key.Matches(msg, m.keys.Down):
			m.move(1)
		case key.Matches(msg, m.keys.PageUp):
			m.move(-m.bodyHeight())
		case key.Matches(msg, m.keys.PageDown):
			m.move(m.bodyHeight())
		case key.Matches(msg, m.keys.Top):
			m.move(-len(m.visible))
		case key.Matches(msg, m.keys.Bottom):
			m.move(len(m.visible))
		case msg.String() == "esc" && m.filtered != "":
			m.input.SetValue("")
			return m.setFilter("")
		}
	}
	return nil
}

// FilterHelp is the keys that work while the filter is being typed (every
// other key types into it), for a screen's help.
func (m *Model) FilterHelp() []key.Binding {
	return []key.Binding{
		key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
	}
}

// HandlesEsc reports whether esc would clear a filter rather than go back.
func (m *Model) HandlesEsc() bool { return m.input.Focused() || m.filtered != "" }

func (m *Model) move(n int) {
	m.cursor += n
	m.clamp()
}

func (m *Model) bodyHeight() int {
	h := m.height - 1 // column titles
	if m.input.Focused() || m.filtered != "" {
		h--
	}
	return max(1, h)
}

func (m *Model) clamp() {
	if m.cursor >= len(m.visible) {
		m.cursor = len(m.visible) - 1
	}
	if m.cursor < 0 {
		m.cursor = 0
	}
	h := m.bodyHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+h {
		m.offset = m.cursor - h + 1
	}
	if m.offset > len(m.visible)-h {
		m.offset = max(0, len(m.visible)-h)
	}
}
