package dashboard

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client/period"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// inColour draws in colour until the function it returns is called (the
// tests draw without colours otherwise).
func inColour() (back func()) {
	lipgloss.SetColorProfile(termenv.TrueColor)
	return func() { lipgloss.SetColorProfile(termenv.Ascii) }
}

// TestTimelineWithoutColour: with no colours (NO_COLOR) lines of six
// severities would look alike where they cross, so each severity gets a
// row of its own, named, with its last count; the dates are under it.
func TestTimelineWithoutColour(t *testing.T) {
	m, _, _, _ := open(t, 80, 24)
	pts := m.data.VulnerabilityByTime
	got := Timeline(m.c.Styles, pts, pts[0].Time, now, 80, 10)
	lines := strings.Split(got, "\n")
	if len(lines) != len(severities)+1 || strings.Contains(got, "━") || strings.Contains(got, "└") {
		t.Fatalf("not a row per severity:\n%s", got)
	}
	last := pts[len(pts)-1]
	for i, sev := range severities {
		row := regexp.MustCompile(`^` + sev.Label + ` +[▁▂▃▄▅▆▇█ ]+ ` + strconv.Itoa(sevCount(last.Severities, i).Count) + `$`)
		if !row.MatchString(lines[i]) {
			t.Errorf("row %d is not %s's with its last count: %q", i, sev.Label, lines[i])
		}
	}
	if !strings.Contains(lines[len(lines)-1], pts[0].Time.Format("2006-01-02")) || !strings.Contains(lines[len(lines)-1], "2026-03-10") {
		t.Errorf("the dates are not under the rows: %q", lines[len(lines)-1])
	}
	tuitest.Golden(t, "no-colour-80x10", got)
}

// TestTimelineInColour: with colours a line per severity, told apart by
// its colour, which the legend names.
func TestTimelineInColour(t *testing.T) {
	t.Cleanup(inColour())
	m, _, _, _ := open(t, 80, 24)
	pts := m.data.VulnerabilityByTime
	got := Timeline(m.c.Styles, pts, pts[0].Time, now, 80, 10)
	plain := ansi.Strip(got)
	if !strings.Contains(got, "\x1b[") || !strings.Contains(plain, "└") || !strings.Contains(plain, "━ Critical  ━ High") {
		t.Errorf("not a coloured line chart with its legend:\n%s", plain)
	}
	tuitest.Golden(t, "colour-80x10", got)
}

// TestTimelineOfOneDay: the period "Today" draws today, named on its axis,
// with each severity's count; not yesterday's date over a lone spike.
func TestTimelineOfOneDay(t *testing.T) {
	m, _, _, _ := open(t, 80, 40)
	press(m, "p", "up", "up", "up", "enter") // from the beginning up to Today
	if m.period != period.Today {
		t.Fatalf("the period is %v", m.period)
	}
	pts := m.data.VulnerabilityByTime
	if len(pts) != 1 {
		t.Fatalf("the platform gave %d days for today", len(pts))
	}
	got := Timeline(m.c.Styles, pts, m.rng.From, m.rng.To, 80, 8)
	plain := ansi.Strip(got)
	if !strings.Contains(plain, "Tue 2026-03-10") || strings.Contains(plain, "03-09") {
		t.Fatalf("the day is not the one named on the axis:\n%s", plain)
	}
	for i, sev := range severities {
		n := sevCount(pts[0].Severities, i).Count
		row := regexp.MustCompile(`(?m)^` + sev.Label + ` +█+ ` + strconv.Itoa(n) + `$`)
		if !row.MatchString(plain) {
			t.Errorf("%s's count %d is not drawn with its bar:\n%s", sev.Label, n, plain)
		}
	}
	if !strings.Contains(plain, "└") {
		t.Errorf("no axis:\n%s", plain)
	}
	for _, l := range strings.Split(plain, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
	tuitest.Golden(t, "today-80", got)
	tuitest.Golden(t, "today-40", Timeline(m.c.Styles, pts, m.rng.From, m.rng.To, 40, 8))
}
