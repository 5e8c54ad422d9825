package horusectest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

type vuln struct {
	Severity, Type, Language, Email, Hash string
}

// analysisBody is a CLI upload taken at 09:00 on the test clock's day.
func analysisBody(repoName string, vulns []vuln) map[string]any {
	return analysisBodyAt(repoName, time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC), vulns)
}

func analysisBodyAt(repoName string, at time.Time, vulns []vuln) map[string]any {
	items := []map[string]any{}
	for _, v := range vulns {
		if v.Type == "" {
			v.Type = "Vulnerability"
		}
		if v.Language == "" {
			v.Language = "Go"
		}
		if v.Email == "" {
			v.Email = "dev@example.org"
		}
		if v.Hash == "" {
			v.Hash = horusectest.NewUUID()
		}
		id := horusectest.NewUUID()
		items = append(items, map[string]any{
			"vulnerabilityID": id,
			"vulnerabilities": map[string]any{
				"vulnerabilityID": id, "line": "12", "column": "3", "confidence": "HIGH", "file": "main.go",
				"code": "x := y", "details": "details", "securityTool": "GoSec", "language": v.Language,
				"severity": v.Severity, "type": v.Type, "commitAuthor": "Dev", "commitEmail": v.Email,
				"commitHash": "abc", "commitMessage": "fix", "commitDate": at, "vulnHash": v.Hash,
			},
		})
	}
	return map[string]any{
		"repositoryName": repoName,
		"analysis": map[string]any{
			"id": horusectest.NewUUID(), "status": "success", "errors": "", "createdAt": at, "finishedAt": at.Add(time.Minute),
			"analysisVulnerabilities": items,
		},
	}
}

func getDashboard(t *testing.T, srv *horusectest.Server, auth, path, from, to string) (client.Dashboard, string) {
	t.Helper()
	r := call(t, "GET", srv.AnalyticURL+"/analytic/dashboard/"+path+"?initialDate="+from+"&finalDate="+to, auth, nil)
	want(t, r, 200, "")
	var d client.Dashboard
	r.decode(t, &d)
	return d, string(r.env.Content)
}

func TestDashboardQueryErrors(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	base := f.srv.AnalyticURL + "/analytic/dashboard/" + f.ws
	admin := f.auth["wsAdmin"]
	for q, msg := range map[string]string{
		"":                                    "EndTime: cannot be blank; StartTime: cannot be blank.",
		"?initialDate=2026-01-01T00:00:00Z":   "EndTime: cannot be blank.",
		"?initialDate=2024-01-01&finalDate=x": `{DASHBOARD} invalid or missing initial date: parsing time "2024-01-01" as "2006-01-02T15:04:05Z": cannot parse "" as "T"`,
		"?initialDate=2026-01-01T00:00:00Z&finalDate=2026-01-02T00:00:00%2B01:00":  `{DASHBOARD} invalid or missing final date: parsing time "2026-01-02T00:00:00+01:00" as "2006-01-02T15:04:05Z": cannot parse "+01:00" as "Z"`,
		"?initialDate=2026-01-01T00:00:00Z&finalDate=2026-01-02T00:00:00Z&page=-1": "Page: must be no less than 0.",
	} {
		want(t, call(t, "GET", base+q, admin, nil), 400, msg)
	}
	// The role check comes first.
	want(t, call(t, "GET", base, f.auth["wsMember"], nil), 401, privileges)
	want(t, call(t, "GET", base+"?page=-1&size=1&initialDate=2026-01-01T00:00:00Z&finalDate=2026-01-02T00:00:00Z", admin, nil), 400, "Page: must be no less than 0.")
	want(t, call(t, "GET", base+"?page=2&size=1&initialDate=2026-01-01T00:00:00Z&finalDate=2026-01-02T00:00:00Z", admin, nil), 200, "")
}

func TestUploadMovesTheDashboards(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	srv, admin := f.srv, f.auth["wsAdmin"]
	from, to := "2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z"

	// No data: one placeholder per top list, no timeline, null repository
	// list in the repository view.
	d, raw := getDashboard(t, srv, admin, f.ws, from, to)
	if d.TotalAuthors != 0 || d.TotalRepositories != 0 || d.VulnerabilityBySeverity.Total() != 0 ||
		len(d.VulnerabilitiesByAuthor) != 1 || d.VulnerabilitiesByAuthor[0].Author != "" || d.VulnerabilitiesByAuthor[0].Total() != 0 ||
		len(d.VulnerabilitiesByRepository) != 1 || d.VulnerabilitiesByRepository[0].RepositoryName != "" ||
		len(d.VulnerabilitiesByLanguage) != 1 || d.VulnerabilitiesByLanguage[0].Language != "" ||
		!strings.Contains(raw, `"vulnerabilityByTime":null`) {
		t.Fatalf("empty workspace dashboard %s", raw)
	}
	_, raw = getDashboard(t, srv, f.auth["repoMember"], f.ws+"/"+f.repo, from, to)
	if !strings.Contains(raw, `"vulnerabilitiesByRepository":null`) || !strings.Contains(raw, `"vulnerabilitiesByAuthor":[{"author":""`) {
		t.Fatalf("empty repository dashboard %s", raw)
	}

	api := srv.APIURL + "/api/analysis"
	wsTok, _ := srv.AddToken(f.ws, "", "ci", time.Time{})
	repoTok, _ := srv.AddToken(f.ws, f.repo, "repo ci", time.Time{})
	expired, _ := srv.AddToken(f.ws, "", "old", time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC))

	want(t, call(t, "POST", api, "", analysisBody("x", nil)), 401, privileges)
	want(t, call(t, "POST", api, "Bearer "+wsTok, analysisBody("x", nil)), 401, privileges) // no Bearer on the api
	want(t, call(t, "POST", api, expired, analysisBody("x", nil)), 401, "this authorization token has expired, please renew it")
	want(t, call(t, "POST", api, wsTok, analysisBody("", nil)), 400, "{HORUSEC} repositoryName cannot be empty in the body for a workspace token")
	want(t, call(t, "POST", api, wsTok, ""), 400, "{ERROR_PARSER} body can not be empty")
	want(t, call(t, "POST", api, wsTok, map[string]any{"repositoryName": "x"}), 400, "analysis: cannot be blank.")
	want(t, call(t, "POST", api, wsTok, analysisBody("x", []vuln{{Severity: "SEVERE"}})), 400,
		"analysis: (analysisVulnerabilities: (0: (vulnerabilities: (severity: must be a valid value.).).).).")

	// A workspace token creates the repository it names.
	day1 := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	r := call(t, "POST", api, wsTok, analysisBodyAt("mobile", day1, []vuln{
		{Severity: "CRITICAL", Email: "a@example.org", Language: "Kotlin"},
		{Severity: "HIGH", Type: "False Positive", Email: "b@example.org", Language: "Kotlin"},
	}))
	want(t, r, 201, "")
	first := r.text()
	if !uuidV4.MatchString(first) {
		t.Fatalf("analysis id %q", first)
	}
	mobile, ok := srv.RepositoryID(f.ws, "mobile")
	if !ok {
		t.Fatal("repository not created by the upload")
	}
	r = call(t, "GET", api+"/"+first, wsTok, nil)
	want(t, r, 200, "")
	if !strings.Contains(string(r.env.Content), mobile) || !strings.Contains(string(r.env.Content), `"severity":"CRITICAL"`) {
		t.Fatalf("stored analysis %s", r.env.Content)
	}
	want(t, call(t, "GET", api+"/"+horusectest.NewUUID(), wsTok, nil), 404, "{ERROR_DATABASE} database not found records")

	// A later analysis of the same repository replaces it in the totals,
	// duplicates by vulnHash are merged, and the timeline keeps both days.
	day2 := time.Date(2026, 3, 9, 8, 0, 0, 0, time.UTC)
	want(t, call(t, "POST", api, wsTok, analysisBodyAt("mobile", day2, []vuln{
		{Severity: "LOW", Email: "a@example.org", Language: "Kotlin", Hash: "h1"},
		{Severity: "LOW", Email: "a@example.org", Language: "Kotlin", Hash: "h1"},
		{Severity: "MEDIUM", Type: "Corrected", Email: "c@example.org", Language: "Leaks"},
	})), 201, "")
	// A repository token ignores repositoryName.
	want(t, call(t, "POST", api, repoTok, analysisBodyAt("ignored", day2, []vuln{
		{Severity: "INFO", Type: "Risk Accepted", Email: "d@example.org", Language: "Go"},
	})), 201, "")
	if _, made := srv.RepositoryID(f.ws, "ignored"); made {
		t.Fatal("a repository token created a repository")
	}

	d, raw = getDashboard(t, srv, admin, f.ws, from, to)
	s := d.VulnerabilityBySeverity
	if d.TotalRepositories != 2 || d.TotalAuthors != 3 || s.Critical.Count != 0 || s.High.Count != 0 ||
		s.Low.Count != 1 || s.Medium.Count != 1 || s.Medium.Types.Corrected != 1 || s.Info.Types.RiskAccepted != 1 {
		t.Fatalf("totals from the latest analyses: %s", raw)
	}
	if len(d.VulnerabilitiesByRepository) != 2 || len(d.VulnerabilitiesByLanguage) != 3 || len(d.VulnerabilitiesByAuthor) != 3 {
		t.Fatalf("top lists %s", raw)
	}
	if len(d.VulnerabilityByTime) != 2 || !d.VulnerabilityByTime[0].Time.Equal(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)) ||
		d.VulnerabilityByTime[0].Critical.Count != 1 || d.VulnerabilityByTime[0].High.Types.FalsePositive != 1 ||
		d.VulnerabilityByTime[1].Total() != 3 {
		t.Fatalf("timeline %s", raw)
	}
	// Only the timeline follows the date range.
	d, raw = getDashboard(t, srv, admin, f.ws, "2026-03-06T00:00:00Z", to)
	if len(d.VulnerabilityByTime) != 1 || d.VulnerabilityBySeverity.Total() != 3 {
		t.Fatalf("range filter %s", raw)
	}
	d, raw = getDashboard(t, srv, admin, f.ws, "2027-01-01T00:00:00Z", "2027-01-02T00:00:00Z")
	if !strings.Contains(raw, `"vulnerabilityByTime":null`) || d.VulnerabilityBySeverity.Total() != 3 {
		t.Fatalf("range without data %s", raw)
	}
	// Repository view: only that repository, no repository list.
	d, raw = getDashboard(t, srv, admin, f.ws+"/"+mobile, from, to)
	if d.TotalRepositories != 0 || d.VulnerabilityBySeverity.Total() != 2 || d.VulnerabilitiesByRepository != nil || d.TotalAuthors != 2 {
		t.Fatalf("repository dashboard %s", raw)
	}
}

func TestTopListsKeepFive(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true})
	admin := mustAccount(t, srv, "admin")
	ws, _ := srv.AddWorkspace("W", map[string]string{admin: "admin"})
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	for i, lang := range []string{"Go", "Java", "Python", "Ruby", "Shell", "YAML", "HCL"} {
		repo, _ := srv.AddRepository(ws, "r-"+lang, nil)
		if _, err := srv.AddAnalysis(ws, repo, at, []horusectest.Finding{
			{Email: lang + "@example.org", Language: lang, Severity: "HIGH", Type: "Vulnerability", Count: i + 1},
		}); err != nil {
			t.Fatal(err)
		}
	}
	d, raw := getDashboard(t, srv, bearerFor(t, srv, admin), ws, "2026-03-01T00:00:00Z", "2026-03-01T23:59:59Z")
	if len(d.VulnerabilitiesByAuthor) != 5 || len(d.VulnerabilitiesByLanguage) != 5 || len(d.VulnerabilitiesByRepository) != 5 ||
		d.TotalAuthors != 7 || d.TotalRepositories != 7 || d.VulnerabilitiesByLanguage[0].Language != "HCL" || d.VulnerabilitiesByLanguage[0].High.Count != 7 {
		t.Fatalf("top five %s", raw)
	}
}

// TestAnalyticLagFillsAuthorsAndRepositoriesLater: with AnalyticLag, an
// upload's severities, languages and timeline are counted at once, and its
// repository and author once the lag has passed; a repository that had an
// analysis keeps showing that one in the lagging figures until then.
func TestAnalyticLagFillsAuthorsAndRepositoriesLater(t *testing.T) {
	f := newFixture(t, horusectest.Options{AnalyticLag: 2 * time.Second})
	srv, admin := f.srv, f.auth["wsAdmin"]
	from, to := "2026-03-01T00:00:00Z", "2026-03-31T23:59:59Z"
	wsTok, _ := srv.AddToken(f.ws, "", "ci", time.Time{})
	upload := func(email string, sev string) {
		want(t, call(t, "POST", srv.APIURL+"/api/analysis", wsTok, analysisBodyAt("mobile", f.clk.Now(), []vuln{{Severity: sev, Email: email}})), 201, "")
	}
	lagging := func(wantRepos, wantAuthors int, author string) {
		t.Helper()
		d, raw := getDashboard(t, srv, admin, f.ws, from, to)
		if d.TotalRepositories != wantRepos || d.TotalAuthors != wantAuthors || d.VulnerabilitiesByAuthor[0].Author != author {
			t.Fatalf("want %d repositories and %d authors (first %q): %s", wantRepos, wantAuthors, author, raw)
		}
	}

	upload("a@example.org", "CRITICAL")
	d, raw := getDashboard(t, srv, admin, f.ws, from, to)
	if d.VulnerabilityBySeverity.Critical.Count != 1 || d.VulnerabilitiesByLanguage[0].Language != "Go" || len(d.VulnerabilityByTime) != 1 {
		t.Fatalf("severities, languages and timeline at once: %s", raw)
	}
	lagging(0, 0, "")
	f.clk.Add(2 * time.Second)
	lagging(1, 1, "a@example.org")

	// A later analysis of the same repository: the old author until the lag.
	upload("b@example.org", "HIGH")
	lagging(1, 1, "a@example.org")
	f.clk.Add(2 * time.Second)
	lagging(1, 1, "b@example.org")
}
