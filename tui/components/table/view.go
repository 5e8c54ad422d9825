// Drawing the table: the columns' widths in the room there is, and the
// rows that fit.

package table

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client/safetext"
)

func (m *Model) widths() []int {
	ws := make([]int, len(m.columns))
	room := m.width - 2 - (len(m.columns) - 1) // the cursor mark, the gaps
	want, fixed := 0, 0
	for i, c := range m.columns {
		if c.Width > 0 {
			if c.Numeric {
				c.Width = max(c.Width, m.widest[i])
			}
			ws[i] = c.Width
			fixed += c.Width
			want += c.Width
		} else {
			want += max(c.MinWidth, flexWant*max(1, c.Flex))
		}
	}
	if want > room {
		// Short of room: numbers narrow to their widest value first.
		for i, c := range m.columns {
			if c.Numeric && c.Width > 0 {
				w := max(m.widest[i], min(ws[i], 3))
				fixed -= ws[i] - min(ws[i], w)
				want -= ws[i] - min(ws[i], w)
				ws[i] = min(ws[i], w)
			}
		}
	}
	if want > room {
		// Then every text column gives way in proportion to its width.
		text, textWant := 0, 0
		for i, c := range m.columns {
			if c.Numeric && c.Width > 0 {
				text += ws[i]
			} else if c.Width > 0 {
				textWant += c.Width
			} else {
				textWant += max(c.MinWidth, flexWant*max(1, c.Flex))
			}
		}
		left := max(0, room-text) // what the numbers leave
		for i, c := range m.columns {
			if c.Width > 0 && !c.Numeric {
				ws[i] = max(c.MinWidth, min(c.Width, c.Width*left/max(1, textWant)))
				fixed -= c.Width - ws[i]
			}
		}
	}
	flex := 0
	for _, c := range m.columns {
		if c.Width == 0 {
			flex += max(1, c.Flex)
		}
	}
	if flex > 0 {
		left := max(0, room-fixed)
		for i, c := range m.columns {
			if c.Width == 0 {
				ws[i] = max(c.MinWidth, left*max(1, c.Flex)/flex)
			}
		}
	}
	return ws
}

// View draws the filter line, the column titles and the rows that fit.
func (m *Model) View() string {
	var b strings.Builder
	if m.input.Focused() || m.filtered != "" {
		if m.input.Focused() {
			b.WriteString(safetext.Frame(m.input.View()))
		} else {
			b.WriteString(m.styles.FilterPrompt.Render("/ " + safetext.Fit(m.filtered, max(1, m.width-16))))
			b.WriteString(m.styles.Subtle.Render("  (esc clears)"))
		}
		b.WriteByte('\n')
	}
	ws := m.widths()
	titles := make([]string, len(m.columns))
	for i, c := range m.columns {
		titles[i] = c.Title
	}
	b.WriteString(m.styles.TableHeader.Render("  " + joinCells(titles, ws)))
	if len(m.rows) == 0 {
		// Wrapped to the room, so that the whole hint is read.
		b.WriteString("\n")
		for _, l := range strings.Split(ansi.Wordwrap(m.Empty, max(10, m.width-2), ""), "\n") {
			b.WriteString("\n  " + m.styles.Empty.Render(l))
		}
		return b.String()
	}
	if len(m.visible) == 0 {
		b.WriteString("\n\n  " + m.styles.Empty.Render("No match for “"+safetext.Fit(m.filtered, max(1, m.width-40))+"”. Press esc to clear the filter."))
		return b.String()
	}
	h := m.bodyHeight()
	end := min(len(m.visible), m.offset+h)
	for vi := m.offset; vi < end; vi++ {
		row := m.rows[m.visible[vi]]
		sel := vi == m.cursor
		cells := make([]string, len(m.columns))
		for ci := range m.columns {
			v := ""
			if ci < len(row.Cells) {
				v = row.Cells[ci]
			}
			v = fit(v, ws[ci])
			if m.Styler != nil {
				if st, ok := m.Styler(row, ci, sel); ok {
					v = st.Render(v)
				}
			}
			cells[ci] = v
		}
		line := strings.Join(cells, " ")
		b.WriteByte('\n')
		if sel {
			b.WriteString(m.styles.SelectedRow.Render("▌ " + line))
		} else {
			b.WriteString(m.styles.Row.Render("  " + line))
		}
	}
	return b.String()
}

func joinCells(cells []string, ws []int) string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = fit(c, ws[i])
	}
	return strings.Join(out, " ")
}

// fit cleans s (cells hold the platform's text: names, e-mails, tool
// names), truncates it to w cells (wide runes and emoji count double) and
// pads it.
func fit(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = safetext.Fit(s, w)
	if pad := w - ansi.StringWidth(s); pad > 0 {
		s += strings.Repeat(" ", pad)
	}
	return s
}
