package dashboard

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/NimbleMarkets/ntcharts/canvas/runes"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/NimbleMarkets/ntcharts/linechart/timeserieslinechart"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

// MinChartWidth and MinChartHeight are the smallest room the line chart is
// drawn in; below either, the timeline is a compact summary instead (a
// chart squeezed further has unreadable axes).
const (
	MinChartWidth  = 40
	MinChartHeight = 6
)

// Timeline draws the days of pts between from and to: a line per severity
// when w×h allows it and lines can be told apart by their colour, else one
// sparkline per severity, each named; one day is drawn as a bar per
// severity over a labelled axis.
func Timeline(s *styles.Styles, pts []client.TimeVulnerabilities, from, to time.Time, w, h int) string {
	if len(pts) == 0 {
		return s.Empty.Render("No analysis in this period.")
	}
	from, to = client.Day(from), client.Day(to)
	if last := client.Day(pts[len(pts)-1].Time); last.After(to) {
		to = last
	}
	if first := client.Day(pts[0].Time); first.Before(from) {
		from = first
	}
	if !to.After(from) {
		// One day has no line to draw: its counts, against a labelled axis.
		return dayChart(s, pts[len(pts)-1], to, w)
	}
	if w < MinChartWidth || h < MinChartHeight || plain() {
		// Without colours six lines look alike where they cross: a row
		// of its own for each severity keeps them apart.
		return compactTimeline(s, pts, from, to, w)
	}
	return lineChart(s, pts, from, to, w, h) + "\n" + legend(s, w)
}

// plain reports whether the terminal shows no colours (NO_COLOR, or a
// terminal without them).
func plain() bool { return lipgloss.ColorProfile() == termenv.Ascii }

// dayChart draws one day: a bar per severity with its count, over an axis
// from 0 to the highest count, under the day's date.
func dayChart(s *styles.Styles, p client.TimeVulnerabilities, day time.Time, w int) string {
	const labelW = 9
	peak := 0
	for i := range severities {
		peak = max(peak, sevCount(p.Severities, i).Count)
	}
	top := fmt.Sprint(peak)
	barW := max(4, w-labelW-len(top)-1)
	var b strings.Builder
	b.WriteString(s.Subtle.Render(pad("", labelW) + day.Format("Mon "+client.DateLayout)))
	for i, sev := range severities {
		n := sevCount(p.Severities, i).Count
		b.WriteString("\n" + s.Subtle.Render(pad(sev.Label, labelW)))
		b.WriteString(s.Severity[sev.Key].Render(strings.Repeat("█", barLen(n, peak, barW))))
		b.WriteString(" " + fmt.Sprint(n))
	}
	b.WriteString("\n" + s.Subtle.Render(pad("", labelW)+"└"+strings.Repeat("─", barW-1)))
	b.WriteString("\n" + s.Subtle.Render(pad("", labelW)+pad("0", barW-len(top))+top))
	return b.String()
}

// lineChart draws one line per severity that has any finding, in the
// severity's colour; the axes say the days and the counts.
func lineChart(s *styles.Styles, pts []client.TimeVulnerabilities, from, to time.Time, w, h int) string {
	maxY := 1.0
	for _, p := range pts {
		for i := range severities {
			maxY = math.Max(maxY, float64(sevCount(p.Severities, i).Count))
		}
	}
	xSteps := 2
	if w >= 90 {
		xSteps = 3
	}
	lc := timeserieslinechart.New(w, h,
		timeserieslinechart.WithTimeRange(from, to),
		timeserieslinechart.WithYRange(0, maxY),
		timeserieslinechart.WithXYSteps(xSteps, 2),
		timeserieslinechart.WithAxesStyles(s.Subtle, s.Subtle),
		timeserieslinechart.WithXLabelFormatter(dayLabel),
		timeserieslinechart.WithYLabelFormatter(countLabel),
		timeserieslinechart.WithLineStyle(runes.ThinLineStyle),
	)
	// Draw the least severe first so the most severe stays on top.
	var names []string
	for i := len(severities) - 1; i >= 0; i-- {
		sev := severities[i]
		any := false
		for _, p := range pts {
			lc.PushDataSet(sev.Key, timeserieslinechart.TimePoint{Time: client.Day(p.Time), Value: float64(sevCount(p.Severities, i).Count)})
			any = any || sevCount(p.Severities, i).Count > 0
		}
		if any {
			lc.SetDataSetStyle(sev.Key, s.Severity[sev.Key])
			names = append(names, sev.Key)
		}
	}
	if len(names) == 0 {
		names = []string{severities[0].Key} // all zero: a flat line
	}
	lc.DrawDataSets(names)
	return lc.View()
}

var dayLabel linechart.LabelFormatter = func(_ int, v float64) string {
	return time.Unix(int64(v), 0).UTC().Format("01-02")
}

var countLabel linechart.LabelFormatter = func(_ int, v float64) string {
	return fmt.Sprintf("%.0f", v)
}

// legend names the lines' colours.
func legend(s *styles.Styles, w int) string {
	parts := make([]string, 0, len(severities))
	for _, sev := range severities {
		parts = append(parts, s.Severity[sev.Key].Render("━")+" "+s.Subtle.Render(sev.Label))
	}
	line := strings.Join(parts, "  ")
	if lipgloss.Width(line) > w {
		line = strings.Join(parts[:3], "  ") + "\n" + strings.Join(parts[3:], "  ")
	}
	return line
}

var sparks = []rune("▁▂▃▄▅▆▇█")

// compactTimeline is the timeline for narrow screens: one sparkline per
// severity over the period, with the last day's count.
func compactTimeline(s *styles.Styles, pts []client.TimeVulnerabilities, from, to time.Time, w int) string {
	const labelW = 9
	last := pts[len(pts)-1]
	lastW := 0
	for i := range severities {
		lastW = max(lastW, len(fmt.Sprint(sevCount(last.Severities, i).Count)))
	}
	cols := max(1, w-labelW-lastW-1)
	days := int(to.Sub(from).Hours()/24) + 1
	cols = min(cols, days)
	var b strings.Builder
	for i, sev := range severities {
		buckets := make([]int, cols)
		seen := make([]bool, cols)
		peak := 0
		for _, p := range pts {
			d := int(client.Day(p.Time).Sub(from).Hours() / 24)
			c := min(cols-1, max(0, d*cols/days))
			v := sevCount(p.Severities, i).Count
			if v >= buckets[c] {
				buckets[c] = v
			}
			seen[c] = true
			peak = max(peak, v)
		}
		var line strings.Builder
		for c := range cols {
			switch {
			case !seen[c]:
				line.WriteRune(' ')
			case peak == 0:
				line.WriteRune(sparks[0])
			default:
				line.WriteRune(sparks[buckets[c]*(len(sparks)-1)/peak])
			}
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(s.Subtle.Render(pad(sev.Label, labelW)))
		b.WriteString(s.Severity[sev.Key].Render(line.String()))
		b.WriteString(" " + fmt.Sprintf("%*d", lastW, sevCount(last.Severities, i).Count))
	}
	// The dates under the first and the last column, where there is room.
	dates := pad(from.Format(client.DateLayout), max(0, w-10)) + to.Format(client.DateLayout)
	if dw := max(cols, 21); labelW+dw <= w {
		dates = pad("", labelW) + pad(from.Format(client.DateLayout), dw-10) + to.Format(client.DateLayout)
	}
	b.WriteString("\n" + s.Subtle.Render(dates))
	return b.String()
}

func pad(s string, w int) string {
	if n := lipgloss.Width(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}
