package dashboard

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/period"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// press hands keys to m one by one, running what they lead to. While the
// period picker is open its commands only blink the cursor: they are
// dropped.
func press(m *Model, keys ...string) {
	for _, k := range keys {
		cmd := m.Update(tuitest.Key(k))
		if m.picker == nil {
			run(m, cmd)
		}
	}
}

func typeText(m *Model, s string) {
	for _, r := range s {
		press(m, string(r))
	}
}

// typeRange types the dates of a custom range into the open picker, each
// over the date its field held.
func typeRange(m *Model, from, to string) {
	retype(m, from)
	press(m, "tab")
	retype(m, to)
}

// retype erases the date in the focused field and types date.
func retype(m *Model, date string) {
	for range 10 {
		press(m, "backspace")
	}
	typeText(m, date)
}

// open builds the workspace dashboard of the demo's Acme Platform as its
// Manager sees it, at w×h, loaded.
func open(t *testing.T, w, h int) (*Model, *horusectest.Server, *client.Client, client.Workspace) {
	t.Helper()
	srv, cl := platform(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	m := newModel(newCommon(cl), common.Scope{Workspace: ws})
	m.SetSize(w, h)
	run(m, m.Init())
	if m.data == nil || m.list.Err() != nil {
		t.Fatalf("dashboard did not load: %v", m.list.Err())
	}
	return m, srv, cl, ws
}

// dashboardQueries returns the query strings of the dashboard requests the
// platform received.
func dashboardQueries(srv *horusectest.Server) []url.Values {
	var out []url.Values
	for k := range srv.RequestLog() {
		if !strings.HasPrefix(k, "GET /analytic/dashboard/") {
			continue
		}
		_, q, _ := strings.Cut(k, "?")
		v, _ := url.ParseQuery(q)
		out = append(out, v)
	}
	return out
}

func TestPeriodPickerSendsThePlatformsDateFormat(t *testing.T) {
	m, srv, _, _ := open(t, 100, 30)
	// The default is the web manager's: from the beginning.
	q := dashboardQueries(srv)
	if len(q) != 1 || q[0].Get("initialDate") != "2019-02-01T00:00:00Z" || q[0].Get("finalDate") != "2026-03-10T23:59:59Z" {
		t.Fatalf("first request: %v", q)
	}
	srv.ResetRequests()
	// p, then ↑ from "From the beginning" to "Last 30 days", ↑ to "Last 7 days", enter.
	press(m, "p", "up", "up", "enter")
	q = dashboardQueries(srv)
	if len(q) != 1 || q[0].Get("initialDate") != "2026-03-03T00:00:00Z" || q[0].Get("finalDate") != "2026-03-10T23:59:59Z" {
		t.Fatalf("last 7 days: %v", q)
	}
	if !strings.Contains(m.View(), "Period: Last 7 days (2026-03-03 → 2026-03-10)") {
		t.Errorf("the period is not shown:\n%s", m.View())
	}

	// A custom range: pick it, type both dates, apply.
	srv.ResetRequests()
	press(m, "p", "down", "down", "down", "tab")
	if !m.Capturing() {
		t.Fatal("the picker should take the keys while open")
	}
	typeRange(m, "2026-02-01", "2026-02-14")
	press(m, "enter")
	q = dashboardQueries(srv)
	if len(q) != 1 || q[0].Get("initialDate") != "2026-02-01T00:00:00Z" || q[0].Get("finalDate") != "2026-02-14T23:59:59Z" {
		t.Fatalf("custom: %v", q)
	}
	if !strings.Contains(m.View(), "Custom range (2026-02-01 → 2026-02-14)") {
		t.Errorf("the custom period is not shown:\n%s", m.View())
	}
}

func TestCustomRangeEndingBeforeItStartsIsRefused(t *testing.T) {
	m, srv, _, _ := open(t, 100, 30)
	srv.ResetRequests()
	press(m, "p", "down", "down", "down", "tab")
	typeRange(m, "2026-03-01", "2026-02-01")
	press(m, "enter")
	if m.picker == nil {
		t.Fatal("the picker closed on a range that ends before it starts")
	}
	if !strings.Contains(m.View(), "The end date is before the start date.") {
		t.Errorf("no error at the field:\n%s", m.View())
	}
	if n := len(dashboardQueries(srv)); n != 0 {
		t.Errorf("%d requests sent for a bad range", n)
	}
}

func TestDashboardGolden(t *testing.T) {
	for _, sz := range [][2]int{{80, 24}, {140, 40}} {
		t.Run(fmt.Sprintf("%dx%d", sz[0], sz[1]), func(t *testing.T) {
			m, _, _, _ := open(t, sz[0], sz[1])
			tuitest.Golden(t, fmt.Sprintf("workspace-%dx%d", sz[0], sz[1]), m.View())
		})
	}
}

func TestSeverityBreakdown(t *testing.T) {
	m, _, cl, ws := open(t, 80, 40)
	want, err := cl.WorkspaceDashboard(context.Background(), ws.WorkspaceID, m.rng)
	if err != nil {
		t.Fatal(err)
	}
	press(m, "down", "enter") // High
	v := m.View()
	h := want.VulnerabilityBySeverity.High.Types
	for _, line := range []string{
		fmt.Sprintf("Vulnerability %d", h.Vulnerability),
		fmt.Sprintf("Risk accepted %d", h.RiskAccepted),
		fmt.Sprintf("False positive %d", h.FalsePositive),
		fmt.Sprintf("Corrected %d", h.Corrected),
	} {
		if !strings.Contains(squeeze(v), line) {
			t.Errorf("breakdown misses %q:\n%s", line, v)
		}
	}
	tuitest.Golden(t, "breakdown-high-80x40", v)
	// enter again opens the findings of that severity in the Vulnerabilities tab.
	cmd := m.Update(tuitest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter on an open breakdown did nothing")
	}
	show, ok := cmd().(common.ShowTabMsg)
	if f, isFilter := show.Then.(common.VulnerabilityFilterMsg); !ok || show.Title != "Vulnerabilities" || !isFilter || f.Severity != "HIGH" {
		t.Fatalf("enter on High sent %#v, want the Vulnerabilities tab filtered to HIGH", show)
	}
	press(m, "esc")
	if strings.Contains(m.View(), "Risk accepted") {
		t.Error("esc should close the breakdown")
	}
}

// squeeze drops the bars and extra spaces, leaving "Label N" pairs.
func squeeze(s string) string {
	s = strings.NewReplacer("█", " ", "▪", " ", "└", " ", "▌", " ").Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

func TestCountsEqualTheAnalyticService(t *testing.T) {
	m, _, cl, ws := open(t, 140, 60)
	want, err := cl.WorkspaceDashboard(context.Background(), ws.WorkspaceID, m.rng)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*m.data, want.Clean()) {
		t.Fatalf("the tab holds other figures than the analytic service:\n%+v\n%+v", *m.data, want)
	}
	v := squeeze(m.View())
	total := want.VulnerabilityBySeverity.Total()
	for _, s := range []string{
		fmt.Sprintf("Developers %d", want.TotalAuthors),
		fmt.Sprintf("Repositories %d", want.TotalRepositories),
		fmt.Sprintf("Vulnerabilities %d", total),
		fmt.Sprintf("Critical %d", want.VulnerabilityBySeverity.Critical.Count),
		fmt.Sprintf("High %d", want.VulnerabilityBySeverity.High.Count),
		fmt.Sprintf("Medium %d", want.VulnerabilityBySeverity.Medium.Count),
		fmt.Sprintf("Low %d", want.VulnerabilityBySeverity.Low.Count),
		fmt.Sprintf("Info %d", want.VulnerabilityBySeverity.Info.Count),
		fmt.Sprintf("Unknown %d", want.VulnerabilityBySeverity.Unknown.Count),
	} {
		if !strings.Contains(v, s) {
			t.Errorf("the view misses %q", s)
		}
	}
	for _, l := range want.VulnerabilitiesByLanguage {
		if !strings.Contains(v, fmt.Sprintf("%s %d", l.Language, l.Severities.Total())) {
			t.Errorf("language %s %d not shown", l.Language, l.Severities.Total())
		}
	}
}

func TestRepositoryDashboardForAMember(t *testing.T) {
	_, cl := platform(t, horusectest.Options{}, horusectest.UserEmail, horusectest.UserPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	repos, err := cl.Repositories(context.Background(), ws.WorkspaceID, client.RepositoryQuery{Page: 1, Size: client.PageSize, Search: "payments-api"})
	if err != nil || len(repos) == 0 {
		t.Fatalf("payments-api: %v %v", repos, err)
	}
	r := repos[0]
	m := newModel(newCommon(cl), common.Scope{Workspace: ws, Repository: &r})
	m.SetSize(80, 60)
	run(m, m.Init())
	if m.list.Err() != nil {
		t.Fatal(m.list.Err())
	}
	want, err := cl.RepositoryDashboard(context.Background(), ws.WorkspaceID, r.RepositoryID, m.rng)
	if err != nil {
		t.Fatal(err)
	}
	v := squeeze(m.View())
	if !strings.Contains(v, fmt.Sprintf("Developers %d · Vulnerabilities %d", want.TotalAuthors, want.VulnerabilityBySeverity.Total())) {
		t.Errorf("totals of a repository:\n%s", m.View())
	}
	if strings.Contains(v, "Top repositories") || strings.Contains(v, "Repositories ") {
		t.Errorf("a repository dashboard has no repository figures:\n%s", m.View())
	}
}

func TestEmptyStateInsteadOfPlaceholders(t *testing.T) {
	srv := tuitest.Platform(t, horusectest.Options{Empty: true, DisableEmails: true, Now: tuitest.Clock})
	id, err := srv.AddAccount("owner@example.com", "owner", "Owner#2026")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddWorkspace("Fresh", map[string]string{id: client.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	cl := tuitest.LoggedIn(t, srv, tuitest.Clock, "owner@example.com", "Owner#2026")
	ws := tuitest.Workspace(t, cl, "Fresh")
	raw, err := cl.WorkspaceDashboard(context.Background(), ws.WorkspaceID, period.Range(period.Beginning, now, client.DateRange{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(raw.VulnerabilitiesByAuthor) != 1 || raw.VulnerabilitiesByAuthor[0].Author != "" {
		t.Logf("the platform sent no placeholder author: %+v", raw.VulnerabilitiesByAuthor)
	}
	m := newModel(newCommon(cl), common.Scope{Workspace: ws})
	m.SetSize(80, 24)
	run(m, m.Init())
	tuitest.Golden(t, "empty-80x24", m.View())
	if !strings.Contains(squeeze(m.View()), "No analyses yet — send one with the Horusec CLI and a token from the Tokens tab.") {
		t.Errorf("no empty state:\n%s", m.View())
	}
}

func TestTimelineAtNarrowWidths(t *testing.T) {
	m, _, _, _ := open(t, 80, 24)
	pts := m.data.VulnerabilityByTime
	from, to := pts[0].Time, now
	s := m.c.Styles
	// Wide enough, in colour: a chart with axes, h lines, and the legend
	// under it.
	back := inColour()
	chart := ansi.Strip(Timeline(s, pts, from, to, MinChartWidth, 8))
	back()
	lines := strings.Split(chart, "\n")
	if len(lines) < 9 || !strings.Contains(chart, "└") || !strings.Contains(chart, "Critical") {
		t.Fatalf("chart at %d columns:\n%s", MinChartWidth, chart)
	}
	for _, l := range lines {
		if w := len([]rune(l)); w > MinChartWidth {
			t.Errorf("line wider than %d: %q", MinChartWidth, l)
		}
	}
	// Too narrow, or too low: one sparkline per severity, no axes.
	for _, sz := range [][2]int{{MinChartWidth - 1, 8}, {60, MinChartHeight - 1}, {24, 3}} {
		c := Timeline(s, pts, from, to, sz[0], sz[1])
		ls := strings.Split(c, "\n")
		if strings.Contains(c, "└") || len(ls) != len(severities)+1 {
			t.Errorf("%dx%d should be the compact summary:\n%s", sz[0], sz[1], c)
		}
		for _, l := range ls {
			if w := len([]rune(l)); w > max(sz[0], 20) {
				t.Errorf("%dx%d: line wider than the room: %q", sz[0], sz[1], l)
			}
		}
	}
	tuitest.Golden(t, "timeline-compact-30", Timeline(s, pts, from, to, 30, 8))
	if got := Timeline(s, nil, from, to, 80, 10); !strings.Contains(got, "No analysis in this period.") {
		t.Errorf("no data: %q", got)
	}
}

func TestLayoutReflows(t *testing.T) {
	m, _, _, _ := open(t, 140, 60)
	wide := m.View()
	if !strings.Contains(firstLineWith(wide, "Vulnerabilities by severity"), "Top languages") {
		t.Errorf("wide: severity and languages should sit side by side:\n%s", wide)
	}
	m.SetSize(80, 60)
	if strings.Contains(firstLineWith(m.View(), "Vulnerabilities by severity"), "Top languages") {
		t.Errorf("narrow: one column expected:\n%s", m.View())
	}
	// Taller than the screen: the body scrolls, the period line stays.
	m.SetSize(80, 12)
	before := m.View()
	press(m, "pgdown")
	after := m.View()
	if before == after || !strings.HasPrefix(after, " Period:") {
		t.Errorf("pgdown did not scroll the body:\n%s", after)
	}
	if n := len(strings.Split(after, "\n")); n > 12 {
		t.Errorf("view is %d lines for a height of 12", n)
	}
}

func firstLineWith(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}

func TestExportWritesJSONAndCSVWithoutOverwriting(t *testing.T) {
	m, _, _, _ := open(t, 80, 24)
	dir := t.TempDir()
	t.Chdir(dir)
	// Each export says its format in the footer and its whole path on the
	// dashboard, on lines of their own (a long path is broken, not cut).
	export := func(k, format, want string) {
		t.Helper()
		msg := m.Update(tuitest.Key(k))().(common.Result[string])
		st := m.Update(msg)().(common.StatusMsg)
		if st.Text != "Exported the dashboard as "+format+"." {
			t.Errorf("status %q", st.Text)
		}
		screen := ansi.Strip(m.View())
		var joined strings.Builder
		for _, l := range strings.Split(screen, "\n") {
			joined.WriteString(strings.TrimSpace(l))
		}
		if !strings.Contains(screen, "✓ Exported as "+format+" to ") || !strings.Contains(joined.String(), want) {
			t.Errorf("the dashboard does not show %s:\n%s", want, screen)
		}
		for _, l := range strings.Split(screen, "\n") {
			if ansi.StringWidth(l) > 80 {
				t.Errorf("line wider than the terminal: %q", l)
			}
		}
	}
	name := "horusec-dashboard-acme-platform-2019-02-01-2026-03-10"
	export("x", "JSON", filepath.Join(dir, name+".json"))
	export("x", "JSON", filepath.Join(dir, name+"-2.json"))
	export("X", "CSV", filepath.Join(dir, name+".csv"))
	raw, err := os.ReadFile(filepath.Join(dir, name+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc Export
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Workspace != "Acme Platform" || doc.From != "2019-02-01" || doc.To != "2026-03-10" || !reflect.DeepEqual(doc.Dashboard, *m.data) {
		t.Errorf("JSON export: %+v", doc)
	}
	if !strings.Contains(string(raw), `"vulnerabilityBySeverity"`) || !strings.Contains(string(raw), `"totalAuthors"`) {
		t.Error("the export renames the analytic service's fields")
	}
	f, err := os.Open(filepath.Join(dir, name+".csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "section,name,critical,high,medium,low,info,unknown,total" {
		t.Errorf("CSV header: %v", rows[0])
	}
	found := false
	for _, r := range rows {
		if r[0] == "severity" && r[8] == fmt.Sprint(m.data.VulnerabilityBySeverity.Total()) {
			found = true
		}
	}
	if !found {
		t.Errorf("CSV has no severity total: %v", rows)
	}
}

func TestFileNameIsSanitised(t *testing.T) {
	got := FileName(Export{Workspace: "Data & ML", Repository: "../../etc/passwd", From: "2026-01-01", To: "2026-01-31"}, "json")
	if got != "horusec-dashboard-data-ml-..-..-etc-passwd-2026-01-01-2026-01-31.json" && strings.ContainsAny(got, "/\\ &") {
		t.Errorf("unsafe name %q", got)
	}
	if strings.Contains(got, "/") {
		t.Errorf("a path separator in %q", got)
	}
}

func TestErrorIsShownWhereItHappened(t *testing.T) {
	srv, cl := platform(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	srv.InjectFault(horusectest.Fault{PathPrefix: "/analytic/dashboard", Status: 500, Times: 1})
	m := newModel(newCommon(cl), common.Scope{Workspace: ws})
	m.SetSize(80, 24)
	run(m, m.Init())
	v := m.View()
	if !strings.Contains(v, "Something went wrong") || !strings.Contains(v, "r retry") {
		t.Fatalf("no error view:\n%s", v)
	}
	press(m, "r")
	if m.list.Err() != nil || m.data == nil {
		t.Fatalf("r did not retry: %v", m.list.Err())
	}
}

// At any width the totals are whole: where one line would cut a figure,
// they stand one under the other.
func TestTotalsAreNeverCut(t *testing.T) {
	for _, w := range []int{58, 60, 61, 80, 160} {
		m, _, _, _ := open(t, w, 40)
		screen := ansi.Strip(m.View())
		for _, want := range []string{"Developers 7", "Repositories 28", "Vulnerabilities 437"} {
			if !strings.Contains(screen, want) {
				t.Errorf("at %d columns %q is not whole:\n%s", w, want, screen)
			}
		}
	}
}

// Exports go to the folder the person chose; one that is not there is
// said plainly.
func TestExportGoesToTheChosenFolder(t *testing.T) {
	m, _, _, _ := open(t, 80, 24)
	m.ExportDir = t.TempDir()
	msg := m.Update(tuitest.Key("X"))().(common.Result[string])
	if msg.Err != nil || filepath.Dir(msg.Value) != m.ExportDir {
		t.Fatalf("exported to %q (%v), want into %s", msg.Value, msg.Err, m.ExportDir)
	}
	m.ExportDir = filepath.Join(m.ExportDir, "missing")
	msg = m.Update(tuitest.Key("X"))().(common.Result[string])
	if msg.Err == nil || !strings.Contains(msg.Err.Error(), "HORUSEC_TUI_EXPORT_DIR") {
		t.Fatalf("a missing folder: %v", msg.Err)
	}
}

// The dashboard draws no spinner of its own while it loads: the footer's
// is the only one, and it turns because Loading says so.
func TestLoadingShowsNoSpinnerOfItsOwn(t *testing.T) {
	_, cl := platform(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	m := newModel(newCommon(cl), common.Scope{Workspace: tuitest.Workspace(t, cl, "Acme Platform")})
	m.SetSize(80, 24)
	m.Init()
	if !m.Loading() || !strings.Contains(m.View(), "Loading…") {
		t.Fatalf("not loading:\n%s", m.View())
	}
	if strings.ContainsAny(m.View(), "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏") {
		t.Errorf("a spinner of its own:\n%s", m.View())
	}
	run(m, m.Init())
	if m.Loading() {
		t.Fatal("still loading after the answer")
	}
	t.Chdir(t.TempDir())
	if m.Update(tuitest.Key("X")) == nil || !m.Loading() {
		t.Error("an export on its way is not counted")
	}
}
