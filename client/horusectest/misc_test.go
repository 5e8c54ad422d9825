package horusectest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

func TestFaults(t *testing.T) {
	srv, _ := start(t, horusectest.Options{})
	cfg := srv.AuthURL + "/auth/authenticate/config"

	// A forced status with the platform's envelope, for two requests.
	srv.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/auth/authenticate", Status: 503, Times: 2})
	want(t, call(t, "GET", cfg, "", nil), 503, "")
	want(t, call(t, "POST", srv.AuthURL+"/auth/authenticate/login", "", ""), 400, "{ERROR_PARSER} body can not be empty") // other method
	r := call(t, "GET", cfg, "", nil)
	want(t, r, 503, "")
	if r.text() != generic {
		t.Fatalf("5xx fault text %q", r.text())
	}
	want(t, call(t, "GET", cfg, "", nil), 200, "") // used up

	// A forced status with a body, until cleared.
	srv.InjectFault(horusectest.Fault{PathPrefix: "/core/", Status: 502, Body: `{"oops":true}`})
	for range 3 {
		r = call(t, "GET", srv.CoreURL+"/core/health", "", nil)
		if r.status != 502 || string(r.raw) != `{"oops":true}` {
			t.Fatalf("fault with body: %d %s", r.status, r.raw)
		}
	}
	srv.ClearFaults()
	want(t, call(t, "GET", srv.CoreURL+"/core/health", "", nil), 200, "")

	// Malformed JSON.
	srv.InjectFault(horusectest.Fault{PathPrefix: "/auth/authenticate/config", Malformed: true, Times: 1})
	r = call(t, "GET", cfg, "", nil)
	var v any
	if r.status != 200 || json.Unmarshal(r.raw, &v) == nil {
		t.Fatalf("malformed fault gave valid JSON: %d %s", r.status, r.raw)
	}

	// A dropped connection.
	srv.InjectFault(horusectest.Fault{PathPrefix: "/analytic/health", Drop: true, Times: 1})
	if res, err := http.Get(srv.AnalyticURL + "/analytic/health"); err == nil {
		res.Body.Close()
		t.Fatalf("dropped connection answered %d", res.StatusCode)
	}
	want(t, call(t, "GET", srv.AnalyticURL+"/analytic/health", "", nil), 200, "")

	// Latency, then the normal answer.
	srv.InjectFault(horusectest.Fault{PathPrefix: "/api/health", Latency: 150 * time.Millisecond, Times: 1})
	began := time.Now()
	want(t, call(t, "GET", srv.APIURL+"/api/health", "", nil), 200, "service is healthy")
	if time.Since(began) < 150*time.Millisecond {
		t.Fatal("latency not applied")
	}
	// Faults are counted as requests too.
	if srv.Requests("GET", "/auth/authenticate/config") != 4 {
		t.Fatalf("requests %v", srv.RequestLog())
	}
}

func TestCloseStopsAHangingRequest(t *testing.T) {
	srv, err := horusectest.NewServer(horusectest.Options{Empty: true})
	if err != nil {
		t.Fatal(err)
	}
	srv.InjectFault(horusectest.Fault{Latency: time.Hour})
	done := make(chan struct{})
	go func() {
		defer close(done)
		if res, err := http.Get(srv.CoreURL + "/core/health"); err == nil {
			res.Body.Close()
		}
	}()
	for srv.Requests("GET", "/core/health") == 0 { // wait until it hangs in the fault
		time.Sleep(time.Millisecond)
	}
	srv.Close()
	<-done // would hang for an hour if Close left the request running
}

// TestSeed checks what the demo promises: who is what, every token kind,
// and dashboards with something in every chart.
func TestSeed(t *testing.T) {
	srv, clk := start(t, horusectest.Options{})
	mgr := login(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	usr := login(t, srv, horusectest.UserEmail, horusectest.UserPassword)
	for _, name := range []string{"alice", "bruno", "carla", "diego", "erin", "farid", "grace", "hiro"} {
		login(t, srv, name+"@example.com", horusectest.SeedPassword)
	}
	roles := func(s client.Session) map[string]client.Workspace {
		var l []client.Workspace
		call(t, "GET", srv.CoreURL+"/core/workspaces", s.AccessToken, nil).decode(t, &l)
		out := map[string]client.Workspace{}
		for _, w := range l {
			out[w.Name] = w
		}
		return out
	}
	m := roles(mgr)
	if len(m) != 5 || m["Security Research"].Role != "member" || m["Acme Platform"].Role != "admin" || m["Acme Platform"].RepositoriesCount < 35 || m["Sandbox"].RepositoriesCount != 0 {
		t.Fatalf("manager workspaces %+v", m)
	}
	admins := 0
	for _, w := range m {
		if w.Role == "admin" {
			admins++
		}
	}
	if admins != 4 {
		t.Fatalf("manager is admin of %d workspaces", admins)
	}
	u := roles(usr)
	if len(u) < 2 || u["Acme Platform"].Role != "member" || u["Data & ML"].Role != "" {
		t.Fatalf("user workspaces %+v", u)
	}
	var repos []client.Repository
	call(t, "GET", srv.CoreURL+"/core/workspaces/"+u["Acme Platform"].WorkspaceID+"/repositories", usr.AccessToken, nil).decode(t, &repos)
	repoRoles := map[string]bool{}
	for _, r := range repos {
		repoRoles[r.Role] = true
	}
	if len(repos) < 2 || !repoRoles["member"] || !repoRoles["admin"] {
		t.Fatalf("user repositories %+v", repos)
	}

	// Members in every role.
	acme := srv.CoreURL + "/core/workspaces/" + m["Acme Platform"].WorkspaceID
	var members []client.Member
	call(t, "GET", acme+"/roles", mgr.AccessToken, nil).decode(t, &members)
	kinds := map[string]int{}
	for _, x := range members {
		kinds[x.Role]++
	}
	if kinds["admin"] < 2 || kinds["supervisor"] < 1 || kinds["member"] < 2 {
		t.Fatalf("Acme members %+v", members)
	}

	// Tokens: never-expiring, valid expirable and expired ones.
	var toks []client.Token
	call(t, "GET", acme+"/tokens", mgr.AccessToken, nil).decode(t, &toks)
	var never, valid, dead int
	for _, tk := range toks {
		switch {
		case !tk.IsExpirable:
			never++
		case tk.ExpiresAt.After(clk.Now()):
			valid++
		default:
			dead++
		}
	}
	if never == 0 || valid == 0 || dead == 0 {
		t.Fatalf("token kinds %+v", toks)
	}

	// Every dashboard chart has data over the last 30 days.
	now := clk.Now()
	from := now.AddDate(0, 0, -30).Format("2006-01-02") + "T00:00:00Z"
	to := now.Format("2006-01-02") + "T23:59:59Z"
	for _, name := range []string{"Acme Platform", "Mobile Apps", "Data & ML"} {
		d, raw := getDashboard(t, srv, mgr.AccessToken, m[name].WorkspaceID, from, to)
		s := d.VulnerabilityBySeverity
		if d.TotalAuthors < 2 || d.TotalRepositories < 3 || len(d.VulnerabilitiesByAuthor) < 2 || len(d.VulnerabilitiesByLanguage) < 2 ||
			len(d.VulnerabilitiesByRepository) < 3 || len(d.VulnerabilityByTime) < 5 || s.Total() == 0 {
			t.Fatalf("%s dashboard is thin: %s", name, raw)
		}
	}
	d, _ := getDashboard(t, srv, mgr.AccessToken, m["Acme Platform"].WorkspaceID, from, to)
	s := d.VulnerabilityBySeverity
	for name, c := range map[string]client.SeverityCount{"critical": s.Critical, "high": s.High, "medium": s.Medium, "low": s.Low, "info": s.Info} {
		if c.Count == 0 {
			t.Fatalf("no %s findings in Acme", name)
		}
	}
	if s.High.Types.Vulnerability == 0 || s.Medium.Types.RiskAccepted+s.Low.Types.RiskAccepted == 0 ||
		s.Medium.Types.FalsePositive+s.High.Types.FalsePositive == 0 || s.Low.Types.Corrected+s.Medium.Types.Corrected == 0 {
		t.Fatalf("statuses are not mixed: %+v", s)
	}
	_, raw := getDashboard(t, srv, mgr.AccessToken, m["Sandbox"].WorkspaceID, from, to)
	if !strings.Contains(raw, `"vulnerabilityByTime":null`) {
		t.Fatalf("Sandbox should be empty: %s", raw)
	}
	// Fixed ids: two servers agree.
	other, _ := start(t, horusectest.Options{})
	if id, _ := other.WorkspaceID("Acme Platform"); id != m["Acme Platform"].WorkspaceID {
		t.Fatal("seed ids differ between runs")
	}
}

// The seed gives the demo Manager files and findings of every severity and
// every status, in several repositories, and its dashboards agree with the
// vulnerability service after a change.
func TestSeedVulnerabilities(t *testing.T) {
	srv, clk := start(t, horusectest.Options{})
	ctx := context.Background()
	c := managerClient(t, srv, clk)
	wsID, _ := srv.WorkspaceID("Acme Platform")
	repos := map[string]bool{}
	severities := map[string]int{}
	for _, typ := range client.VulnTypes {
		page, err := c.WorkspaceVulnFiles(ctx, wsID, client.VulnQuery{Type: typ, Size: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Data) == 0 {
			t.Errorf("no file with %s findings", typ)
		}
		for _, f := range page.Data {
			repos[f.RepositoryName] = true
		}
	}
	for _, sev := range client.VulnSeverities {
		page, err := c.WorkspaceVulnFiles(ctx, wsID, client.VulnQuery{Severity: sev, Size: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range page.Data {
			severities[sev] += f.TotalVulnerabilities
		}
		if severities[sev] == 0 {
			t.Errorf("no open %s finding", sev)
		}
	}
	if len(repos) < 3 {
		t.Errorf("findings in %d repositories, want several", len(repos))
	}

	// The dashboard's open counts are the service's.
	now := clk.Now()
	d, err := c.WorkspaceDashboard(ctx, wsID, client.DateRange{From: now.AddDate(0, 0, -30), To: now})
	if err != nil {
		t.Fatal(err)
	}
	if d.VulnerabilityBySeverity.Critical.Types.Vulnerability != severities["CRITICAL"] || d.VulnerabilityBySeverity.Low.Types.Vulnerability != severities["LOW"] {
		t.Fatalf("dashboard open critical %d, low %d; service %d, %d", d.VulnerabilityBySeverity.Critical.Types.Vulnerability,
			d.VulnerabilityBySeverity.Low.Types.Vulnerability, severities["CRITICAL"], severities["LOW"])
	}

	// Two critical findings marked False Positive move on both sides.
	files, err := c.WorkspaceVulnFiles(ctx, wsID, client.VulnQuery{Severity: client.SeverityCritical})
	if err != nil {
		t.Fatal(err)
	}
	row := files.Data[0]
	fv, err := c.FileVulnerabilities(ctx, wsID, row.RepositoryID, client.VulnQuery{File: row.File, Severity: client.SeverityCritical})
	if err != nil {
		t.Fatal(err)
	}
	var changes []client.VulnChange
	for _, v := range fv.Data[:min(2, len(fv.Data))] {
		changes = append(changes, client.VulnChange{VulnerabilityID: v.VulnerabilityID, Severity: v.Severity, Type: client.TypeFalsePositive})
	}
	if err := c.UpdateRepositoryVulnerabilities(ctx, wsID, row.RepositoryID, client.VulnUpdate{AnalysisID: row.AnalysisID, Vulnerabilities: changes}); err != nil {
		t.Fatal(err)
	}
	d2, err := c.WorkspaceDashboard(ctx, wsID, client.DateRange{From: now.AddDate(0, 0, -30), To: now})
	if err != nil {
		t.Fatal(err)
	}
	got := d2.VulnerabilityBySeverity.Critical.Types
	was := d.VulnerabilityBySeverity.Critical.Types
	if got.FalsePositive != was.FalsePositive+len(changes) || got.Vulnerability != was.Vulnerability-len(changes) {
		t.Fatalf("dashboard after marking %d: %+v, before %+v", len(changes), got, was)
	}
}

func TestEmptyServer(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true, DisableEmails: true})
	want(t, call(t, "POST", srv.AuthURL+"/auth/authenticate/login", "", map[string]string{"username": horusectest.ManagerEmail, "password": horusectest.ManagerPassword}), 403, "{HORUSEC AUTH} invalid username or password")
	want(t, call(t, "POST", srv.AuthURL+"/auth/account/create-account-horusec", "", map[string]string{"email": "me@example.org", "username": "me", "password": "Passw0rd!"}), 200, "")
	s := login(t, srv, "me@example.org", "Passw0rd!")
	r := call(t, "GET", srv.CoreURL+"/core/workspaces", s.AccessToken, nil)
	want(t, r, 200, "")
	if string(r.env.Content) != "[]" {
		t.Fatalf("empty server has workspaces: %s", r.env.Content)
	}
}

// TestConcurrentUse hammers one server from many goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	srv, _ := start(t, horusectest.Options{})
	mgr := login(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	acme, _ := srv.WorkspaceID("Acme Platform")
	base := srv.CoreURL + "/core/workspaces/" + acme
	// Eight callers at once, each a parallel subtest (so a failed check
	// stops its own caller), all done before the count below.
	t.Run("callers", func(t *testing.T) {
		for g := range 8 {
			t.Run(fmt.Sprint(g), func(t *testing.T) {
				t.Parallel()
				for i := range 10 {
					name := fmt.Sprintf("c-%d-%d", g, i)
					want(t, call(t, "POST", base+"/repositories", mgr.AccessToken, map[string]string{"name": name}), 201, "")
					want(t, call(t, "GET", base+"/repositories?page=1", mgr.AccessToken, nil), 200, "")
					want(t, call(t, "POST", base+"/tokens", mgr.AccessToken, map[string]string{"description": name}), 201, "")
					login(t, srv, horusectest.UserEmail, horusectest.UserPassword)
					getDashboard(t, srv, mgr.AccessToken, acme, "2026-01-01T00:00:00Z", "2026-12-31T23:59:59Z")
				}
			})
		}
	})
	var repos []client.Repository
	call(t, "GET", base+"/repositories", mgr.AccessToken, nil).decode(t, &repos)
	if len(repos) != 41+80 {
		t.Fatalf("%d repositories after concurrent creates", len(repos))
	}
}
