package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/period"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// figure is one number of a dashboard and what is drawn before it: a
// label, or the start of a name that may be cut with "…".
type figure struct {
	before string
	n      int
}

// figures are every number of d that the dashboard draws: the totals,
// the six severities and each entry of the top lists.
func figures(d client.Dashboard, repository bool) []figure {
	out := []figure{{"Developers", d.TotalAuthors}, {"Vulnerabilities", d.VulnerabilityBySeverity.Total()}}
	if !repository {
		out = append(out, figure{"Repositories", d.TotalRepositories})
	}
	sev := d.VulnerabilityBySeverity
	out = append(out, []figure{{"Critical", sev.Critical.Count}, {"High", sev.High.Count}, {"Medium", sev.Medium.Count},
		{"Low", sev.Low.Count}, {"Info", sev.Info.Count}, {"Unknown", sev.Unknown.Count}}...)
	top := func(name string, s client.Severities) {
		if r := []rune(name); len(r) > 6 {
			name = string(r[:6])
		}
		out = append(out, figure{name, s.Total()})
	}
	for _, a := range d.VulnerabilitiesByAuthor {
		top(a.Author, a.Severities)
	}
	for _, l := range d.VulnerabilitiesByLanguage {
		top(l.Language, l.Severities)
	}
	if !repository {
		for _, r := range d.VulnerabilitiesByRepository {
			top(r.RepositoryName, r.Severities)
		}
	}
	return out
}

// readAll is every line the dashboard shows from its top to its end,
// paging down (each frame checked as the walk checks it).
func readAll(t *testing.T, m *Model, w, h int) []string {
	t.Helper()
	press(m, "g")
	var lines []string
	last := ""
	for n := 0; n < 40; n++ {
		checkFrame(t, m, w, h, fmt.Sprintf("page %d", n+1))
		frame := string(tuitest.Screen(m))
		if frame == last {
			return lines
		}
		lines = append(lines, strings.Split(frame, "\n")...)
		last = frame
		press(m, "pgdown")
	}
	t.Fatal("pgdn does not reach the dashboard's end")
	return nil
}

// TestEveryDashboardFigureIsReadWhole reads a workspace's and a
// repository's dashboard from top to end at 80×24, 60×15 and 160×45:
// every figure the platform sends (totals, severities, the top lists) is
// on screen whole, after its label or name.
func TestEveryDashboardFigureIsReadWhole(t *testing.T) {
	for _, size := range walkSizes {
		w, h := size[0], size[1]
		srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
		ws, _ := srv.WorkspaceID("Acme Platform")
		rng := period.Range(period.Beginning, tuitest.Now, client.DateRange{})
		wsDash, err := cl.WorkspaceDashboard(t.Context(), ws, rng)
		if err != nil {
			t.Fatal(err)
		}
		m := inWorkspace(cl, w, h)
		openTab(t, m, "Dashboard")
		checkFigures(t, fmt.Sprintf("workspace at %dx%d", w, h), readAll(t, m, w, h), figures(wsDash.Clean(), false))

		// The repository with the most findings, from the Repositories
		// tab; its page opens on its dashboard.
		top := wsDash.Clean().VulnerabilitiesByRepository[0].RepositoryName
		openTab(t, m, "Repositories")
		for n := 0; !regexp.MustCompile(`▌\s*` + regexp.QuoteMeta(top[:min(12, len(top))])).MatchString(string(tuitest.Screen(m))); n++ {
			if n == 60 {
				t.Fatalf("%s is not in the list:\n%s", top, tuitest.Screen(m))
			}
			press(m, "j")
		}
		press(m, "enter")
		repo, err := cl.FindRepository(t.Context(), ws, top)
		if err != nil {
			t.Fatal(err)
		}
		repoDash, err := cl.RepositoryDashboard(t.Context(), ws, repo.RepositoryID, rng)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(tuitest.Screen(m)), "› "+top) {
			t.Fatalf("not on %s's page:\n%s", top, tuitest.Screen(m))
		}
		checkFigures(t, fmt.Sprintf("repository at %dx%d", w, h), readAll(t, m, w, h), figures(repoDash.Clean(), true))
	}
}

// checkFigures finds each figure on a line after what is drawn before it:
// a label and the number, or a name, its bar and the number.
func checkFigures(t *testing.T, where string, lines []string, want []figure) {
	t.Helper()
	for _, f := range want {
		re := regexp.MustCompile(regexp.QuoteMeta(f.before) + `[^\s█]*…?\s+(█+\s+)?` + fmt.Sprint(f.n) + `(\s|$)`)
		found := false
		for _, l := range lines {
			found = found || re.MatchString(l)
		}
		if !found {
			t.Errorf("%s: %q %d is not on screen whole:\n%s", where, f.before, f.n, strings.Join(lines, "\n"))
		}
	}
}

// At 60×15 the dashboard keeps the chosen severity in view, and its
// breakdown by status when it is opened with enter.
func TestChosenSeverityAndItsBreakdownInView(t *testing.T) {
	_, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := inWorkspace(cl, 60, 15)
	openTab(t, m, "Dashboard")
	press(m, "enter")
	screen := string(tuitest.Screen(m))
	for _, want := range []string{"Critical", "└ Vulnerability", "└ Risk accepted", "└ False positive", "└ Corrected"} {
		if !strings.Contains(screen, want) {
			t.Errorf("%q is not on screen after enter:\n%s", want, screen)
		}
	}
	press(m, "esc")
	for range 5 {
		press(m, "j")
	}
	if screen := string(tuitest.Screen(m)); !regexp.MustCompile(`▌ Unknown`).MatchString(screen) {
		t.Errorf("the chosen severity, Unknown, is not on screen:\n%s", screen)
	}
}
