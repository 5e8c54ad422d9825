package dashboard

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/period"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// TwoColumnWidth is the width from which the blocks sit side by side.
const TwoColumnWidth = 100

// EmptyText is shown instead of a dashboard with no analysis behind it.
const EmptyText = "No analyses yet — send one with the Horusec CLI and a token from the Tokens tab."

// headerLines is the period line and a blank line above the body.
const headerLines = 2

// layout rebuilds the scrolled body for the current data and size.
func (m *Model) layout() {
	m.vp.Width = max(1, m.width)
	m.vp.Height = max(1, m.height-headerLines)
	m.vp.SetContent(m.body())
}

// View draws the period line over the scrolled body, or the picker.
func (m *Model) View() string {
	if m.picker != nil {
		return "\n" + indent(m.picker.View(), 2)
	}
	return m.header() + "\n\n" + m.vp.View()
}

func (m *Model) header() string {
	s := m.c.Styles
	line := " " + s.Subtle.Render("Period: ") + s.Text.Render(period.Describe(m.period, m.rng))
	if m.list.Loading() {
		// The footer's spinner turns meanwhile.
		line += "  " + s.Subtle.Render("Loading…")
	} else {
		line += "  " + s.Subtle.Render("(p to change)")
	}
	return ansi.Truncate(line, max(1, m.width), "…")
}

// body is everything under the header, at the current width.
func (m *Model) body() string {
	s := m.c.Styles
	w := max(20, m.width-2)
	switch {
	case m.list.Err() != nil:
		return indent(common.ErrorView(s, m.list.Err(), w), 1)
	case m.data == nil:
		return ""
	case m.data.Empty():
		return indent(s.Empty.Width(w).Render(EmptyText), 1)
	}
	d := *m.data
	var top []string
	if m.exported != "" {
		top = append(top, m.exported)
	}
	top = append(top, m.totals(d, w))
	// The severity block starts under a blank line; its title, then a
	// line a severity, the open one's breakdown under it.
	bar := lipgloss.Height(strings.Join(top, "\n\n")) + 1 + 1 + m.sel
	m.chosen = [2]int{bar, bar}
	switch {
	case m.open && m.sub >= 0:
		m.chosen = [2]int{bar + 1 + m.sub, bar + 1 + m.sub}
	case m.open:
		m.chosen[1] = bar + len(statuses)
	}

	sev := m.severityBlock(d, w)
	devs := topBlock(m, "Top developers", topAuthors(d), w)
	langs := topBlock(m, "Top languages", topLanguages(d), w)
	var repos string
	if !m.scope.IsRepository() {
		repos = topBlock(m, "Top repositories", topRepositories(d), w)
	}
	if w >= TwoColumnWidth {
		colW := (w - 3) / 2
		sev = m.severityBlock(d, colW)
		devs = topBlock(m, "Top developers", topAuthors(d), colW)
		langs = topBlock(m, "Top languages", topLanguages(d), colW)
		left := sev + "\n\n" + devs
		right := langs
		if !m.scope.IsRepository() {
			right += "\n\n" + topBlock(m, "Top repositories", topRepositories(d), colW)
		}
		top = append(top, lipgloss.JoinHorizontal(lipgloss.Top,
			lipgloss.NewStyle().Width(colW).Render(left), "   ",
			lipgloss.NewStyle().Width(colW).Render(right)))
	} else {
		top = append(top, sev, devs, langs)
		if repos != "" {
			top = append(top, repos)
		}
	}
	top = append(top, m.timelineBlock(d, w))
	return indent(strings.Join(top, "\n\n"), 1)
}

// totals is the three figures on one line, or one under the other where
// the line would be cut: a figure is never shortened.
func (m *Model) totals(d client.Dashboard, w int) string {
	s := m.c.Styles
	item := func(label string, n int) string {
		return s.Subtle.Render(label+" ") + s.Title.Render(fmt.Sprint(n))
	}
	parts := []string{item("Developers", d.TotalAuthors)}
	if !m.scope.IsRepository() {
		parts = append(parts, item("Repositories", d.TotalRepositories))
	}
	parts = append(parts, item("Vulnerabilities", d.VulnerabilityBySeverity.Total()))
	if line := strings.Join(parts, s.Subtle.Render("   ·   ")); lipgloss.Width(line) <= w {
		return line
	}
	return strings.Join(parts, "\n")
}

// severityBlock is one bar per severity; the selected one may be broken
// down by status under it.
func (m *Model) severityBlock(d client.Dashboard, w int) string {
	s := m.c.Styles
	peak, numW := 0, 1
	for i := range severities {
		c := sevCount(d.VulnerabilityBySeverity, i).Count
		peak = max(peak, c)
		numW = max(numW, len(fmt.Sprint(c)))
	}
	const labelW = 9
	barW := max(1, w-2-labelW-1-numW)
	lines := []string{s.Title.Render("Vulnerabilities by severity")}
	for i, sev := range severities {
		c := sevCount(d.VulnerabilityBySeverity, i)
		mark, label := "  ", s.Text.Render(pad(sev.Label, labelW))
		if i == m.sel {
			if m.sub < 0 || !m.open {
				mark = s.Key.Render("▌ ")
			}
			label = s.Key.Render(pad(sev.Label, labelW))
		}
		bar := s.Severity[sev.Key].Render(pad(strings.Repeat("█", barLen(c.Count, peak, barW)), barW))
		lines = append(lines, mark+label+bar+" "+fmt.Sprintf("%*d", numW, c.Count))
		if m.open && i == m.sel {
			lines = append(lines, m.breakdown(sev, c, w)...)
		}
	}
	return strings.Join(lines, "\n")
}

// breakdown is a severity's count by status.
func (m *Model) breakdown(sev severity, c client.SeverityCount, w int) []string {
	s := m.c.Styles
	const labelW = 15
	numW := max(1, len(fmt.Sprint(c.Count)))
	barW := max(1, w-6-labelW-1-numW)
	out := make([]string, 0, len(statuses))
	for j, st := range statuses {
		n := statusCount(c.Types, j)
		bar := s.Severity[sev.Key].Render(pad(strings.Repeat("▪", barLen(n, c.Count, barW)), barW))
		mark, label := "    ", s.Subtle.Render(pad(st.Label, labelW))
		if j == m.sub {
			mark, label = "  "+s.Key.Render("▌ "), s.Key.Render(pad(st.Label, labelW))
		}
		out = append(out, mark+s.Subtle.Render("└ ")+label+bar+" "+fmt.Sprintf("%*d", numW, n))
	}
	return out
}

// topBlock is a top list: one bar per entry, split by severity colours.
func topBlock(m *Model, title string, items []named, w int) string {
	s := m.c.Styles
	lines := []string{s.Title.Render(title)}
	if len(items) == 0 {
		return strings.Join(append(lines, s.Empty.Render("None yet.")), "\n")
	}
	peak, numW, nameW := 0, 1, 4
	for _, it := range items {
		t := it.Severities.Total()
		peak = max(peak, t)
		numW = max(numW, len(fmt.Sprint(t)))
		nameW = max(nameW, lipgloss.Width(safetext.Clean(it.Name)))
	}
	nameW = min(nameW, max(8, w/3))
	barW := max(1, w-2-nameW-1-numW-1)
	for _, it := range items {
		t := it.Severities.Total()
		name := it.Name
		if name == "" {
			name = "(unknown)"
		}
		// Authors, e-mails, languages and tool names come from whoever
		// pushed a commit or ran an analysis.
		name = pad(safetext.Fit(name, nameW), nameW)
		lines = append(lines, "  "+s.Text.Render(name)+" "+stackedBar(m, it.Severities, peak, barW)+" "+fmt.Sprintf("%*d", numW, t))
	}
	return strings.Join(lines, "\n")
}

// stackedBar draws a bar as long as the entry's total, split into the
// severities' colours.
func stackedBar(m *Model, sv client.Severities, peak, w int) string {
	total := sv.Total()
	n := barLen(total, peak, w)
	var b strings.Builder
	cum, drawn := 0, 0
	for i, sev := range severities {
		cum += sevCount(sv, i).Count
		end := n
		if total > 0 {
			end = (cum*n + total/2) / total
		}
		if seg := end - drawn; seg > 0 {
			b.WriteString(m.c.Styles.Severity[sev.Key].Render(strings.Repeat("█", seg)))
			drawn = end
		}
	}
	return b.String() + strings.Repeat(" ", max(0, w-drawn))
}

// barLen scales n against peak over w cells; any finding shows at least one.
func barLen(n, peak, w int) int {
	if n <= 0 || peak <= 0 {
		return 0
	}
	return max(1, (n*w+peak/2)/peak)
}

func (m *Model) timelineBlock(d client.Dashboard, w int) string {
	s := m.c.Styles
	title := s.Title.Render("Timeline") + s.Subtle.Render("  ·  "+m.period.Label())
	h := 10
	if m.height < 30 {
		h = 8
	}
	from := m.rng.From
	if m.period == period.Beginning && len(d.VulnerabilityByTime) > 0 {
		// Years of empty axis would squeeze the days that have data.
		from = d.VulnerabilityByTime[0].Time
	}
	return title + "\n" + Timeline(s, d.VulnerabilityByTime, from, m.rng.To, w, h)
}

func indent(s string, n int) string {
	p := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = p + l
		}
	}
	return strings.Join(lines, "\n")
}
