package vulnerabilities_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/repository"
	"github.com/horusec-tui/horusec-tui/tui/vulnerabilities"
	"github.com/horusec-tui/horusec-tui/tui/workspace"
)

type fixture struct {
	srv *horusectest.Server
	cl  *client.Client
	ws  client.Workspace
	m   *vulnerabilities.Model
	// msgs are the messages the last press led to that were not replies
	// (status lines, mostly).
	msgs []tea.Msg
}

// tab opens the Vulnerabilities tab of Acme Platform (repo "" for the
// workspace view) as email, loaded.
func tab(t *testing.T, email, password, repo string, w, h int) *fixture {
	t.Helper()
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, email, password)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	scope := common.Scope{Workspace: ws}
	if repo != "" {
		rs, err := cl.Repositories(context.Background(), ws.WorkspaceID, client.RepositoryQuery{Page: 1, Search: repo})
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %v %v", repo, rs, err)
		}
		scope.Repository = &rs[0]
	}
	f := &fixture{srv: srv, cl: cl, ws: ws, m: vulnerabilities.New(tuitest.Common(cl, tuitest.Clock), scope)}
	f.m.SetSize(w, h)
	f.settle(f.m.Init())
	return f
}

func (f *fixture) settle(cmd tea.Cmd) { f.msgs = tuitest.Answer(f.m, cmd) }

func (f *fixture) press(keys ...string) { f.msgs = tuitest.PressAnswered(f.m, keys...) }

func (f *fixture) screen() string { return string(tuitest.Screen(f.m)) }

// repoTab uploads findings to a new repository of Acme Platform with a
// workspace token, as the Horusec CLI does, and opens that repository's
// tab at w×h, loaded.
func repoTab(t *testing.T, repo string, w, h int, findings ...client.Finding) *fixture {
	t.Helper()
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	ctx := context.Background()
	tok, err := cl.CreateWorkspaceToken(ctx, ws.WorkspaceID, client.TokenData{Description: repo})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.UploadAnalysis(ctx, tok.Bytes(), repo, client.AnalysisUpload{Findings: findings})
	tok.Wipe()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := cl.Repositories(ctx, ws.WorkspaceID, client.RepositoryQuery{Page: 1, Search: repo})
	if err != nil || len(rs) != 1 {
		t.Fatalf("%s: %v %v", repo, rs, err)
	}
	f := &fixture{srv: srv, cl: cl, ws: ws, m: vulnerabilities.New(tuitest.Common(cl, tuitest.Clock), common.Scope{Workspace: ws, Repository: &rs[0]})}
	f.m.SetSize(w, h)
	f.settle(f.m.Init())
	return f
}

func (f *fixture) status() string {
	s, _ := tuitest.StatusOf(f.msgs)
	return s.Text
}

func (f *fixture) dashboard(t *testing.T) client.SeverityCount {
	t.Helper()
	d, err := f.cl.WorkspaceDashboard(context.Background(), f.ws.WorkspaceID,
		client.DateRange{From: tuitest.Now.AddDate(0, 0, -60), To: tuitest.Now})
	if err != nil {
		t.Fatal(err)
	}
	return d.VulnerabilityBySeverity.Critical
}

func TestFileListGolden(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", size[0], size[1])
		v := f.screen()
		if !strings.Contains(v, "Showing Severity: all · Status: Vulnerability") || !strings.Contains(v, "Repository") {
			t.Errorf("the filter line and the repository column:\n%s", v)
		}
		tuitest.Golden(t, "files-"+itoa(size[0])+"x"+itoa(size[1]), v)
	}
}

// A Manager finds a finding by hash, marks it False Positive, saves; the
// platform's listing and dashboard agree.
func TestManagerMarksAFindingFoundByHash(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {160, 45}} {
		f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", size[0], size[1])
		ctx := context.Background()
		files, err := f.cl.WorkspaceVulnFiles(ctx, f.ws.WorkspaceID, client.VulnQuery{Severity: client.SeverityCritical})
		if err != nil || len(files.Data) == 0 {
			t.Fatal(files, err)
		}
		row := files.Data[0]
		fv, err := f.cl.FileVulnerabilities(ctx, f.ws.WorkspaceID, row.RepositoryID, client.VulnQuery{File: row.File, Severity: client.SeverityCritical})
		if err != nil || len(fv.Data) == 0 {
			t.Fatal(fv, err)
		}
		target := fv.Data[0]
		before := f.dashboard(t)

		f.press("/")
		if !f.m.Capturing() {
			t.Fatal("/ does not open the hash search")
		}
		tuitest.Type(f.m, strings.ToUpper(target.VulnHash[3:15]))
		f.press("enter")
		v := f.screen()
		if !strings.Contains(v, "Hash: “"+strings.ToUpper(target.VulnHash[3:15])+"”") || !strings.Contains(v, "1 file") {
			t.Fatalf("after the hash search:\n%s", v)
		}
		f.press("enter")
		v = f.screen()
		if !strings.Contains(v, row.File) || !strings.Contains(v, "1 finding") || !strings.Contains(v, "CRITICAL") {
			t.Fatalf("the findings of %s:\n%s", row.File, v)
		}
		tuitest.Golden(t, "findings-"+itoa(size[0])+"x"+itoa(size[1]), v)
		f.press("f")
		v = f.screen()
		if !strings.Contains(v, "1 change — ctrl+s save, esc discard") || !strings.Contains(v, "False Positive*") {
			t.Fatalf("pending change:\n%s", v)
		}
		tuitest.Golden(t, "pending-"+itoa(size[0])+"x"+itoa(size[1]), v)
		if !f.m.Dirty() {
			t.Error("pending changes must make the tab dirty (the shell asks before quitting)")
		}
		f.press("ctrl+s")
		if st := f.status(); st != "Saved 1 change." {
			t.Errorf("status after saving: %q", st)
		}
		if strings.Contains(f.screen(), "change — ctrl+s") {
			t.Errorf("the pending bar stays after saving:\n%s", f.screen())
		}
		got, err := f.cl.FileVulnerabilities(ctx, f.ws.WorkspaceID, row.RepositoryID, client.VulnQuery{File: row.File, Hash: target.VulnHash})
		if err != nil || len(got.Data) != 1 || got.Data[0].Type != client.TypeFalsePositive || got.Data[0].Severity != target.Severity {
			t.Fatalf("the platform's listing after the save: %+v %v", got.Data, err)
		}
		after := f.dashboard(t)
		if after.Types.FalsePositive != before.Types.FalsePositive+1 || after.Types.Vulnerability != before.Types.Vulnerability-1 {
			t.Fatalf("dashboard critical: before %+v, after %+v", before.Types, after.Types)
		}
	}
}

func TestMarkManyAndDiscard(t *testing.T) {
	f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", 80, 24)
	f.press("enter")
	f.press(" ", " ")
	if !strings.Contains(f.screen(), "2 findings marked") {
		t.Fatalf("two marked:\n%s", f.screen())
	}
	f.press("a", "-")
	v := f.screen()
	if !strings.Contains(v, "2 changes — ctrl+s save, esc discard") || strings.Count(v, "Risk Accepted*") != 2 {
		t.Fatalf("a on two marked findings:\n%s", v)
	}
	f.press("esc")
	if strings.Contains(f.screen(), "changes —") || f.m.Dirty() || f.status() != "2 changes discarded." {
		t.Fatalf("esc should discard (status %q):\n%s", f.status(), f.screen())
	}
	f.press("esc")
	if !strings.Contains(f.screen(), "Showing Severity: all") || strings.Contains(f.screen(), "Line") {
		t.Fatalf("esc again goes back to the files:\n%s", f.screen())
	}
}

func TestFiltersAreKeys(t *testing.T) {
	f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", 80, 24)
	f.press("1")
	if !strings.Contains(f.screen(), "Severity: Critical · Status: Vulnerability") {
		t.Fatalf("1: %s", f.screen())
	}
	f.press("t", "t")
	if !strings.Contains(f.screen(), "Severity: Critical · Status: False Positive") {
		t.Fatalf("t t: %s", f.screen())
	}
	f.press("0")
	if !strings.Contains(f.screen(), "Severity: all · Status: False Positive") {
		t.Fatalf("0: %s", f.screen())
	}
	f.press("c")
	if f.m.Filter() != (vulnerabilities.Filter{Type: client.TypeVulnerability}) {
		t.Fatalf("c: %+v", f.m.Filter())
	}
}

// A repository Supervisor changes findings of their repository.
func TestSupervisorMarksFindings(t *testing.T) {
	f := tab(t, horusectest.UserEmail, horusectest.UserPassword, "checkout-web", 80, 24)
	if !f.m.CanEdit() {
		t.Fatal("a repository Supervisor may change findings")
	}
	f.press("enter", "x")
	if !strings.Contains(f.screen(), "1 change — ctrl+s save") {
		t.Fatalf("x:\n%s", f.screen())
	}
	f.press("ctrl+s")
	if st := f.status(); st != "Saved 1 change." {
		t.Fatalf("status %q:\n%s", st, f.screen())
	}
	rs, _ := f.cl.Repositories(context.Background(), f.ws.WorkspaceID, client.RepositoryQuery{Page: 1, Search: "checkout-web"})
	files, err := f.cl.RepositoryVulnFiles(context.Background(), f.ws.WorkspaceID, rs[0].RepositoryID, client.VulnQuery{Type: client.TypeCorrected, Size: 100})
	if err != nil || len(files.Data) == 0 {
		t.Fatalf("no corrected finding after the save: %+v %v", files, err)
	}
}

// A repository User reads the findings and is told who may change them.
func TestUserIsToldWhoMayChange(t *testing.T) {
	f := tab(t, horusectest.UserEmail, horusectest.UserPassword, "payments-api", 80, 24)
	if f.m.CanEdit() {
		t.Fatal("a repository User may not change findings")
	}
	if !strings.Contains(f.screen(), "read-only for your role") {
		t.Errorf("the file list does not say it is read-only:\n%s", f.screen())
	}
	f.press("enter", "f")
	want := "Read-only: only a Manager or Supervisor of the repository, or a Manager of the workspace can change findings; you are a User of payments-api."
	if f.status() != want {
		t.Fatalf("status %q, want %q", f.status(), want)
	}
	if strings.Contains(f.screen(), "change —") || f.m.Dirty() {
		t.Fatalf("a refused change is pending:\n%s", f.screen())
	}
	if !strings.Contains(f.screen(), "Read-only for a User: a repository Manager or Supervisor can change findings.") {
		t.Errorf("the findings view does not say who may change them:\n%s", f.screen())
	}
}

// On a dashboard (a workspace's or a repository's), enter on a severity
// shows its breakdown by status; enter again on the severity opens this
// tab filtered to it, and enter on one of its statuses filtered to both.
func TestDashboardOpensTheTabFiltered(t *testing.T) {
	cases := []struct {
		name, repo string
		keys       []string
		want       client.VulnQuery
		line       string
	}{
		{"workspace severity", "", []string{"down", "enter", "enter"},
			client.VulnQuery{Severity: client.SeverityHigh, Type: client.TypeVulnerability}, "Severity: High · Status: Vulnerability"},
		{"workspace status", "", []string{"down", "enter", "down", "down", "down", "enter"},
			client.VulnQuery{Severity: client.SeverityHigh, Type: client.TypeFalsePositive}, "Severity: High · Status: False Positive"},
		{"status, past the breakdown's end", "", []string{"enter", "down", "down", "down", "down", "down", "up", "enter"},
			client.VulnQuery{Severity: client.SeverityCritical, Type: client.TypeCorrected}, "Severity: Critical · Status: Corrected"},
		{"repository severity", "payments-api", []string{"enter", "enter"},
			client.VulnQuery{Severity: client.SeverityCritical, Type: client.TypeVulnerability}, "Severity: Critical · Status: Vulnerability"},
		{"repository status", "payments-api", []string{"down", "down", "down", "down", "enter", "down", "down", "enter"},
			client.VulnQuery{Severity: client.SeverityInfo, Type: client.TypeRiskAccepted}, "Severity: Info · Status: Risk Accepted"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
			ws := tuitest.Workspace(t, cl, "Acme Platform")
			c := tuitest.Common(cl, tuitest.Clock)
			var page common.Screen
			var repoID string
			if tc.repo == "" {
				page = workspace.New(c, ws)
			} else {
				rs, err := cl.Repositories(context.Background(), ws.WorkspaceID, client.RepositoryQuery{Page: 1, Search: tc.repo})
				if err != nil || len(rs) != 1 {
					t.Fatalf("%s: %v %v", tc.repo, rs, err)
				}
				repoID = rs[0].RepositoryID
				page = repository.New(c, ws, rs[0]) // the Dashboard is its first tab
			}
			page.SetSize(80, 40)
			run := func(cmd tea.Cmd) {
				tuitest.Settle(cmd, func(msg tea.Msg) (tea.Cmd, bool) {
					switch msg.(type) {
					case common.Reply, common.ShowTabMsg:
						return page.Update(msg), true
					}
					return nil, false
				})
			}
			run(page.Init())
			if wp, ok := page.(*workspace.Model); ok {
				for wp.Tabs().Active().Title() != "Dashboard" {
					run(page.Update(tuitest.Key("tab")))
				}
			}
			if v := string(tuitest.Screen(page)); !strings.Contains(v, "Vulnerabilities by severity") {
				t.Fatalf("not on the dashboard:\n%s", v)
			}
			for _, k := range tc.keys {
				run(page.Update(tuitest.Key(k)))
			}
			v := string(tuitest.Screen(page))
			if !strings.Contains(v, "Showing "+tc.line) {
				t.Fatalf("want the Vulnerabilities tab showing %q:\n%s", tc.line, v)
			}
			// The tab lists what the platform has under that filter.
			q := tc.want
			q.Page, q.Size = 1, 100
			var files client.VulnFilePage
			var err error
			if tc.repo == "" {
				files, err = cl.WorkspaceVulnFiles(context.Background(), ws.WorkspaceID, q)
			} else {
				files, err = cl.RepositoryVulnFiles(context.Background(), ws.WorkspaceID, repoID, q)
			}
			if err != nil || len(files.Data) == 0 {
				t.Fatalf("the platform lists %+v (%v): the seed should have findings of every severity and status", files, err)
			}
			if !strings.Contains(v, plural(len(files.Data), "file")) || !strings.Contains(v, files.Data[0].File[:min(20, len(files.Data[0].File))]) {
				t.Errorf("the tab does not list the platform's %d files (first %s):\n%s", len(files.Data), files.Data[0].File, v)
			}
		})
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return common.Thousands(n) + " " + noun + "s"
}

func itoa(n int) string { return strconv.Itoa(n) }

// Every view fits the smallest terminal (60×15) whole: no line wider, no
// more lines than the room given.
func TestSmallestSize(t *testing.T) {
	f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", 60, 13)
	check := func(what string) {
		t.Helper()
		if !tuitest.Fits(t, f.screen(), 60, 13) {
			t.Errorf("%s does not fit 60×13", what)
		}
	}
	check("files")
	f.press("s")
	check("picker")
	f.press("esc", "/")
	tuitest.Type(f.m, "a-long-part-of-a-hash-0123456789abcdef0123456789")
	check("search")
	f.press("enter")
	check("hash filter")
	f.press("c", "enter")
	check("findings")
	f.press(" ", "f")
	check("pending")
	f.press("enter")
	check("detail")
	if !strings.Contains(f.screen(), "Location") {
		t.Errorf("detail view:\n%s", f.screen())
	}
}

// Text of a finding comes from whoever pushed the commit or ran the
// analysis: every field is shown with its escape sequences as visible
// characters, never obeyed (tuitest.Screen fails on anything raw).
func TestHostileFindingIsShownNotObeyed(t *testing.T) {
	const osc52 = "\x1b]52;c;ZXZpbA==\a"
	f := repoTab(t, "hostile-repo", 160, 45, client.Finding{
		Severity: "CRITICAL", Language: "Go", SecurityTool: "Gosec" + osc52,
		File: "cmd/" + osc52 + "main.go", Line: "7", Column: "3",
		Code:    "key := \"" + osc52 + "\"\n\tuse(key)",
		Details: "Hard-coded key \x1b[2J\u202eevil", CommitAuthor: "Mallory\x1b]2;title\a",
		CommitEmail: "m\u200b@evil.example", CommitHash: "c0ffee\u009b31m", VulnHash: "deadbeef" + osc52,
	})
	if v := f.screen(); !strings.Contains(v, "cmd/␛]52;c;ZXZpbA==␇main.go") {
		t.Fatalf("the file list:\n%s", v)
	}
	f.press("enter")
	v := f.screen()
	for _, want := range []string{"key := \"␛]52;c;ZXZpbA==␇\" use(key)", "Gosec␛]52;c;Z", "Mallory␛]2;title␇", "deadbeef␛]5"} {
		if !strings.Contains(v, want) {
			t.Errorf("the findings miss %q:\n%s", want, v)
		}
	}
	f.press("enter")
	v = f.screen()
	for _, want := range []string{"Hard-coded key ␛[2J⟨U+202E⟩evil", "m⟨U+200B⟩@evil.example", "c0ffee⟨U+009B⟩31m",
		"deadbeef␛]52;c;ZXZpbA==␇", "cmd/␛]52;c;ZXZpbA==␇main.go:7:3", "    use(key)"} {
		if !strings.Contains(v, want) {
			t.Errorf("the finding misses %q:\n%s", want, v)
		}
	}
}

// s opens a picker of the severities; enter shows the chosen one, esc
// leaves the filter as it was.
func TestSeverityPicker(t *testing.T) {
	f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", 80, 24)
	f.press("s")
	v := f.screen()
	for _, want := range []string{"Show the findings of one severity", "● All severities  key 0", "○ Critical  key 1", "○ Unknown  key 6", "Show (ctrl+s)"} {
		if !strings.Contains(v, want) {
			t.Fatalf("the picker misses %q:\n%s", want, v)
		}
	}
	if !f.m.Capturing() {
		t.Error("the picker must take the keys (tab, q) while open")
	}
	f.press("down", "down", "esc")
	if f.m.Filter().Severity != "" || !strings.Contains(f.screen(), "Showing Severity: all · Status: Vulnerability") {
		t.Fatalf("esc must leave the filter as it was: %+v\n%s", f.m.Filter(), f.screen())
	}
	f.press("s", "down", "down", "enter")
	v = f.screen()
	if f.m.Filter().Severity != client.SeverityHigh || !strings.Contains(v, "Showing Severity: High · Status: Vulnerability") {
		t.Fatalf("enter on High: %+v\n%s", f.m.Filter(), v)
	}
	files, err := f.cl.WorkspaceVulnFiles(context.Background(), f.ws.WorkspaceID, client.VulnQuery{Page: 1, Size: 100, Severity: client.SeverityHigh})
	if err != nil || !strings.Contains(v, plural(len(files.Data), "file")) {
		t.Fatalf("the list is not the platform's %d High files (%v):\n%s", len(files.Data), err, v)
	}
	// The picker opens on the severity shown.
	f.press("s")
	if !strings.Contains(f.screen(), "● High") {
		t.Fatalf("the picker should start on High:\n%s", f.screen())
	}
	f.press("esc")
	// With changes pending it says what to do first.
	f.press("enter", "f", "s")
	if f.m.Capturing() || f.status() != "Save (ctrl+s) or discard (esc) the pending changes before changing the filter." {
		t.Fatalf("s with a change pending: status %q\n%s", f.status(), f.screen())
	}
}

// The filter line says what is applied whatever was pressed, at every
// width, and keeps saying it while a new hash is typed.
func TestFilterLineSaysWhatIsApplied(t *testing.T) {
	hash := "3f9a0c1e"
	steps := []struct {
		keys []string
		want []string // on the filter line
	}{
		{nil, []string{"Severity: all", "Status: Vulnerability"}},
		{[]string{"2"}, []string{"Severity: High", "Status: Vulnerability"}},
		{[]string{"t", "t", "t"}, []string{"Severity: High", "Status: Corrected"}},
		{[]string{"s", "up", "up", "enter"}, []string{"Severity: all", "Status: Corrected"}},
		{[]string{"/"}, []string{"Severity: all", "Status: Corrected"}}, // typing: not applied yet
		{[]string{"enter"}, []string{"Severity: all", "Status: any", "Hash: “" + hash + "”"}},
		{[]string{"6"}, []string{"Severity: Unknown", "Status: any", "Hash: “" + hash + "”"}},
		{[]string{"c"}, []string{"Severity: all", "Status: Vulnerability"}},
	}
	for _, w := range []int{60, 80, 160} {
		f := tab(t, horusectest.ManagerEmail, horusectest.ManagerPassword, "", w, 20)
		for i, st := range steps {
			for _, k := range st.keys {
				f.press(k)
				if k == "/" {
					tuitest.Type(f.m, hash)
				}
			}
			lines := strings.Split(f.screen(), "\n")
			for _, want := range st.want {
				if !strings.Contains(lines[0], want) {
					t.Errorf("width %d, step %d %v: the filter line %q does not say %q", w, i, st.keys, lines[0], want)
				}
			}
			if f.m.Capturing() && !strings.Contains(f.screen(), "/ "+hash) {
				t.Errorf("width %d: the hash being typed is not shown:\n%s", w, f.screen())
			}
		}
	}
}

var falsePositiveRE = regexp.MustCompile(`└ False positive[ ▪]*(\d+)`)

// After a save the Dashboard tab beside the findings reads its figures
// again: its false-positive count has risen without r.
func TestDashboardCountsASave(t *testing.T) {
	_, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	ctx := context.Background()
	files, err := cl.WorkspaceVulnFiles(ctx, ws.WorkspaceID, client.VulnQuery{Severity: client.SeverityCritical})
	if err != nil || len(files.Data) == 0 {
		t.Fatal(files, err)
	}
	fv, err := cl.FileVulnerabilities(ctx, ws.WorkspaceID, files.Data[0].RepositoryID, client.VulnQuery{File: files.Data[0].File, Severity: client.SeverityCritical})
	if err != nil || len(fv.Data) == 0 {
		t.Fatal(fv, err)
	}
	page := workspace.New(tuitest.Common(cl, tuitest.Clock), ws).(*workspace.Model)
	page.SetSize(100, 40)
	run := func(cmd tea.Cmd) []tea.Msg {
		return tuitest.Settle(cmd, func(msg tea.Msg) (tea.Cmd, bool) {
			switch msg.(type) {
			case common.Reply, common.ShowTabMsg, common.FindingsChangedMsg:
				return page.Update(msg), true
			}
			return nil, false
		})
	}
	press := func(keys ...string) {
		for _, k := range keys {
			run(page.Update(tuitest.Key(k)))
		}
	}
	run(page.Init())
	for page.Tabs().Active().Title() != "Dashboard" {
		press("tab")
	}
	press("enter") // Critical, by status
	m := falsePositiveRE.FindStringSubmatch(string(tuitest.Screen(page)))
	if m == nil {
		t.Fatalf("no breakdown:\n%s", tuitest.Screen(page))
	}
	before, _ := strconv.Atoi(m[1])

	press("tab", "/")
	tuitest.Type(page, fv.Data[0].VulnHash)
	press("enter", "enter", "f")
	st, _ := tuitest.StatusOf(run(page.Update(tuitest.Key("ctrl+s"))))
	if st.Text != "Saved 1 change." {
		t.Fatalf("status %q:\n%s", st.Text, tuitest.Screen(page))
	}
	press("shift+tab")
	v := string(tuitest.Screen(page))
	if m := falsePositiveRE.FindStringSubmatch(v); m == nil || m[1] != strconv.Itoa(before+1) {
		t.Fatalf("the dashboard should count %d critical false positives now:\n%s", before+1, v)
	}
}

// G goes to the last row of a long list: the rest of it comes in one
// request and the cursor follows it to the end; the rows are each listed
// once.
func TestGGoesToTheEnd(t *testing.T) {
	const files, findings = 450, 260
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock, ScaleVulnFiles: files, ScaleFileFindings: findings},
		horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, horusectest.FindingsWorkspace)
	f := &fixture{srv: srv, cl: cl, ws: ws, m: vulnerabilities.New(tuitest.Common(cl, tuitest.Clock), common.Scope{Workspace: ws})}
	f.m.SetSize(120, 30)
	f.settle(f.m.Init())
	v := f.screen()
	if !strings.Contains(v, "▌ "+horusectest.BigFile) || !strings.Contains(v, "100 files · more load as you scroll") {
		t.Fatalf("the first page:\n%s", v)
	}
	f.press("G")
	v = f.screen()
	if !strings.Contains(v, "▌ "+horusectest.FindingsFileName(files, files)) || !strings.Contains(v, plural(files+1, "file")) ||
		strings.Contains(v, "more load") {
		t.Fatalf("G should show the last of %d files under the cursor:\n%s", files+1, v)
	}
	f.press("g", "enter")
	v = f.screen()
	if !strings.Contains(v, horusectest.BigFile+" · findings-01 · "+plural(findings, "finding")) {
		t.Fatalf("the big file:\n%s", v)
	}
	f.press("G")
	v = f.screen()
	lines := strings.Split(strings.TrimRight(v, "\n"), "\n")
	var cursor string
	for _, l := range lines {
		if strings.HasPrefix(l, "▌") {
			cursor = l
		}
	}
	// The last finding: the platform orders by severity, INFO last.
	if !strings.Contains(cursor, "INFO") || f.m.Loading() {
		t.Fatalf("G on %d findings:\n%s", findings, v)
	}
	// Each once: marking all of them from the top counts every finding.
	f.press("g")
	for range findings {
		f.press(" ")
	}
	if !strings.Contains(f.screen(), plural(findings, "finding")+" marked") {
		t.Fatalf("after marking every row:\n%s", f.screen())
	}
}

// A finding taller than the tab scrolls: its last line of details is out
// of sight at first, in reach with j, G and pgdn, and a line says how
// many lines are below; k and g go back up. The file line and the keys
// stay on screen.
func TestLongFindingScrolls(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {60, 15}} {
		t.Run(itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
			var details []string
			for i := 1; i <= 40; i++ {
				details = append(details, "step "+itoa(i)+" of the attack")
			}
			f := repoTab(t, "long-repo", size[0], size[1], client.Finding{
				Severity: "HIGH", Language: "Go", SecurityTool: "Gosec", File: "main.go", Line: "7", Column: "3",
				Code: "use(key)", Details: strings.Join(details, "\n"), CommitAuthor: "Ann",
				CommitEmail: "ann@example.com", CommitHash: "c0ffee", VulnHash: "feedface",
			})
			f.press("enter", "enter")
			fits := func(what string) string {
				t.Helper()
				v := strings.TrimRight(f.screen(), "\n")
				if !tuitest.Fits(t, v, size[0], size[1]) {
					t.Errorf("%s does not fit %d×%d", what, size[0], size[1])
				}
				if first, _, _ := strings.Cut(v, "\n"); !strings.Contains(first, "main.go") {
					t.Errorf("%s: the file line is gone:\n%s", what, v)
				}
				return v
			}
			v := fits("top")
			if strings.Contains(v, "step 40 of the attack") || !strings.Contains(v, "Severity") {
				t.Fatalf("the top of the finding:\n%s", v)
			}
			more := regexp.MustCompile(`↓ (\d+) more`).FindStringSubmatch(v)
			if more == nil {
				t.Fatalf("no word of what is below:\n%s", v)
			}
			f.press("j")
			if v := fits("j"); strings.Contains(v, "Severity ") || !strings.Contains(v, "↓ "+strconv.Itoa(mustAtoi(t, more[1])-1)+" more") {
				t.Fatalf("j scrolls one line:\n%s", v)
			}
			f.press("G")
			v = fits("G")
			if !strings.Contains(v, "step 40 of the attack") || strings.Contains(v, "↓") {
				t.Fatalf("G shows the end of the details:\n%s", v)
			}
			f.press("g")
			if v := fits("g"); !strings.Contains(v, "Severity") || strings.Contains(v, "step 40 of the attack") {
				t.Fatalf("g goes back to the top:\n%s", v)
			}
			for range 10 {
				f.press("pgdown")
			}
			if v := fits("pgdown"); !strings.Contains(v, "step 40 of the attack") {
				t.Fatalf("pgdn reaches the end:\n%s", v)
			}
			// The triage keys still act on the finding while scrolled.
			f.press("f")
			if !f.m.Dirty() || !strings.Contains(fits("f"), "step 40 of the attack") {
				t.Fatalf("f on a scrolled finding:\n%s", f.screen())
			}
		})
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
