package horusectest_test

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// fixture is a workspace with one caller per situation of §4.2.
type fixture struct {
	srv    *horusectest.Server
	clk    *horusectest.Clock
	ws     string
	repo   string
	auth   map[string]string // caller → header
	ids    map[string]string // caller → account id
	wsURL  string
	repURL string
}

var callers = []string{"wsAdmin", "wsSupervisor", "wsMember", "repoAdmin", "repoSupervisor", "repoMember", "wsAdminRepoMember", "outsider"}

func newFixture(t *testing.T, opts horusectest.Options) *fixture {
	t.Helper()
	opts.Empty = true
	srv, clk := start(t, opts)
	f := &fixture{srv: srv, clk: clk, auth: map[string]string{}, ids: map[string]string{}}
	for _, c := range callers {
		f.ids[c] = mustAccount(t, srv, strings.ToLower(c))
		f.auth[c] = bearerFor(t, srv, f.ids[c])
	}
	wsRoles := map[string]string{
		f.ids["wsAdmin"]: "admin", f.ids["wsSupervisor"]: "supervisor", f.ids["wsMember"]: "member",
		f.ids["repoAdmin"]: "member", f.ids["repoSupervisor"]: "member", f.ids["repoMember"]: "member",
		f.ids["wsAdminRepoMember"]: "admin",
	}
	var err error
	if f.ws, err = srv.AddWorkspace("Fixture", wsRoles); err != nil {
		t.Fatal(err)
	}
	if f.repo, err = srv.AddRepository(f.ws, "fixture-repo", map[string]string{
		f.ids["repoAdmin"]: "admin", f.ids["repoSupervisor"]: "supervisor", f.ids["repoMember"]: "member",
		f.ids["wsAdminRepoMember"]: "member",
	}); err != nil {
		t.Fatal(err)
	}
	f.wsURL = srv.CoreURL + "/core/workspaces/" + f.ws
	f.repURL = f.wsURL + "/repositories/" + f.repo
	return f
}

// TestRoleMatrix probes every route of §4.4 with every kind of caller. A
// passed check is recognised by the answer of the handler behind it: 200
// for reads, and 400 for writes sent without a body (the parser runs
// after the check) or with a non-UUID id.
func TestRoleMatrix(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	dash := "?initialDate=2026-01-01T00:00:00Z&finalDate=2026-12-31T23:59:59Z"
	type route struct {
		method, url string
		check       string
		passStatus  int
	}
	routes := []route{
		{"GET", f.wsURL + "/repositories", "wsMember", 200},
		{"POST", f.wsURL + "/repositories", "wsAdmin", 400},
		{"GET", f.srv.AnalyticURL + "/analytic/dashboard/" + f.ws + dash, "wsAdmin", 200},
		{"GET", f.srv.AnalyticURL + "/analytic/dashboard/" + f.ws + "/" + f.repo + dash, "repoMember", 200},
	}
	// A workspace and a repository have the same routes of their own:
	// reading it takes a member, the rest its admin.
	for _, sc := range []struct{ url, member, admin string }{{f.wsURL, "wsMember", "wsAdmin"}, {f.repURL, "repoMember", "repoAdmin"}} {
		routes = append(routes, route{"GET", sc.url, sc.member, 200}, route{"PATCH", sc.url, sc.admin, 400})
		for _, sub := range []string{"/roles", "/tokens"} {
			routes = append(routes, route{"GET", sc.url + sub, sc.admin, 200}, route{"POST", sc.url + sub, sc.admin, 400},
				route{"DELETE", sc.url + sub + "/x", sc.admin, 400})
		}
		routes = append(routes, route{"PATCH", sc.url + "/roles/x", sc.admin, 400})
	}
	// passes[check][caller]: true = passes, false = 401 privileges; the
	// outsider (no role in the workspace) always gets 500.
	passes := map[string]map[string]bool{
		"wsMember": {"wsAdmin": true, "wsSupervisor": true, "wsMember": true, "repoAdmin": true, "repoSupervisor": true, "repoMember": true, "wsAdminRepoMember": true},
		"wsAdmin":  {"wsAdmin": true, "wsAdminRepoMember": true},
		// Repository checks use the repository role when there is one,
		// else fall back to "is workspace admin" (so an admin holding a
		// lower repository role is refused).
		"repoMember": {"wsAdmin": true, "repoAdmin": true, "repoSupervisor": true, "repoMember": true, "wsAdminRepoMember": true},
		"repoAdmin":  {"wsAdmin": true, "repoAdmin": true},
	}
	for _, ro := range routes {
		for _, c := range callers {
			r := call(t, ro.method, ro.url, f.auth[c], nil)
			switch {
			case c == "outsider":
				if r.status != 500 || r.text() != generic {
					t.Errorf("%s %s as %s: %d %s, want 500 generic", ro.method, ro.url, c, r.status, r.raw)
				}
			case passes[ro.check][c]:
				if r.status != ro.passStatus {
					t.Errorf("%s %s as %s: %d %s, want %d", ro.method, ro.url, c, r.status, r.raw, ro.passStatus)
				}
			default:
				if r.status != 401 || r.text() != privileges {
					t.Errorf("%s %s as %s: %d %s, want 401 privileges", ro.method, ro.url, c, r.status, r.raw)
				}
			}
		}
	}

	// Deletes of the workspace and the repository: refusals first.
	for _, c := range []string{"wsSupervisor", "wsMember", "repoSupervisor", "repoMember"} {
		want(t, call(t, "DELETE", f.wsURL, f.auth[c], nil), 401, privileges)
	}
	want(t, call(t, "DELETE", f.wsURL, f.auth["outsider"], nil), 500, generic)
	for _, c := range []string{"wsSupervisor", "wsMember", "repoSupervisor", "repoMember", "wsAdminRepoMember"} {
		want(t, call(t, "DELETE", f.repURL, f.auth[c], nil), 401, privileges)
	}
	want(t, call(t, "DELETE", f.repURL, f.auth["repoAdmin"], nil), 204, "")
	want(t, call(t, "DELETE", f.wsURL, f.auth["wsAdmin"], nil), 204, "")
}

func TestUnknownAndMalformedIDs(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	unknown := "0b6c3c2e-5f0e-4c59-9f4e-0a1b2c3d4e5f"
	for _, u := range []string{
		f.srv.CoreURL + "/core/workspaces/" + unknown,
		f.srv.CoreURL + "/core/workspaces/abc",
		f.srv.CoreURL + "/core/workspaces/" + unknown + "/repositories",
		f.wsURL + "/repositories/abc",
		f.srv.AnalyticURL + "/analytic/dashboard/abc?initialDate=2026-01-01T00:00:00Z&finalDate=2026-01-02T00:00:00Z",
	} {
		want(t, call(t, "GET", u, admin, nil), 500, generic)
	}
	// A workspace admin passes the repository check for an unknown
	// repository; the handler then fails like the database lookup does.
	want(t, call(t, "GET", f.wsURL+"/repositories/"+unknown, admin, nil), 500, generic)
	// Handlers that parse an id themselves answer with the UUID parser text.
	want(t, call(t, "DELETE", f.wsURL+"/roles/abc", admin, nil), 400, "invalid UUID length: 3")
	want(t, call(t, "DELETE", f.wsURL+"/tokens/abc", admin, nil), 400, "invalid UUID length: 3")
}

func TestWorkspaceLifecycle(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	list := f.srv.CoreURL + "/core/workspaces"
	for body, msg := range map[string]string{
		`{}`: "name: cannot be blank.",
		`{"name":"x","description":"` + strings.Repeat("d", 256) + `"}`: "description: the length must be no more than 255.",
		`{"name":"x","permissions":["a"]}`:                              "permissions: must be blank.",
		`{"name":"x","authzAdmin":["1","2","3","4","5","6"]}`:           "authzAdmin: the length must be no more than 5.",
		`{"name":5}`: "json: cannot unmarshal number into Go struct field Data.name of type string",
		`[]`:         "json: cannot unmarshal array into Go value of type workspace.Data",
	} {
		want(t, call(t, "POST", list, admin, body), 400, msg)
	}

	r := call(t, "POST", list, admin, map[string]any{"name": "Team", "description": "first"})
	want(t, r, 201, "")
	var created client.Workspace
	r.decode(t, &created)
	if created.Role != "admin" || created.Name != "Team" || created.RepositoriesCount != 0 || !created.CreatedAt.Equal(f.clk.Now()) {
		t.Fatalf("created %+v", created)
	}
	wsURL := list + "/" + created.WorkspaceID

	f.clk.Add(26 * time.Hour)
	admin = bearerFor(t, f.srv, f.ids["wsAdmin"]) // the first token expired
	var got client.Workspace
	r = call(t, "GET", wsURL, admin, nil)
	want(t, r, 200, "")
	r.decode(t, &got)
	if !isDateOnly(got.CreatedAt) || !got.CreatedAt.Equal(time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)) || got.Role != "admin" || got.Description != "first" {
		t.Fatalf("read back %+v", got)
	}

	// PATCH replaces every field: the omitted description is cleared.
	r = call(t, "PATCH", wsURL, admin, map[string]any{"name": "Team 2"})
	want(t, r, 200, "")
	var upd client.Workspace
	r.decode(t, &upd)
	if upd.Name != "Team 2" || upd.Description != "" || upd.Role != "admin" || !upd.UpdatedAt.Equal(f.clk.Now()) || !isDateOnly(upd.CreatedAt) {
		t.Fatalf("updated %+v", upd)
	}
	want(t, call(t, "PATCH", wsURL, admin, map[string]any{"description": "x"}), 400, "name: cannot be blank.")

	// repositoriesCount is real only in the list.
	for _, n := range []string{"a", "b", "c"} {
		want(t, call(t, "POST", wsURL+"/repositories", admin, map[string]string{"name": n}), 201, "")
	}
	var all []client.Workspace
	r = call(t, "GET", list, admin, nil)
	want(t, r, 200, "")
	r.decode(t, &all)
	counts := map[string]int{}
	for _, w := range all {
		counts[w.Name] = w.RepositoriesCount
		if !isDateOnly(w.CreatedAt) || !isDateOnly(w.UpdatedAt) {
			t.Fatalf("list dates not date-only: %+v", w)
		}
	}
	if counts["Team 2"] != 3 || counts["Fixture"] != 1 || len(all) != 2 {
		t.Fatalf("list %+v", all)
	}
	r = call(t, "GET", wsURL, admin, nil)
	r.decode(t, &got)
	if got.RepositoriesCount != 0 {
		t.Fatal("repositoriesCount filled outside the list")
	}

	// A caller without workspaces gets [], not null.
	r = call(t, "GET", list, bearerFor(t, f.srv, f.ids["outsider"]), nil)
	want(t, r, 200, "")
	if string(r.env.Content) != "[]" {
		t.Fatalf("empty list %s", r.env.Content)
	}

	// Delete cascades: repositories, tokens, memberships.
	tok, err := f.srv.AddToken(created.WorkspaceID, "", "ci", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	want(t, call(t, "DELETE", wsURL, admin, nil), 204, "")
	want(t, call(t, "GET", wsURL, admin, nil), 500, generic)
	want(t, call(t, "POST", f.srv.APIURL+"/api/analysis", tok, analysisBody("a", nil)), 401, privileges)
	r = call(t, "GET", list, admin, nil)
	r.decode(t, &all)
	if len(all) != 1 {
		t.Fatalf("deleted workspace still listed: %+v", all)
	}
}

func TestWorkspaceMembers(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	roles := f.wsURL + "/roles"
	newcomer := mustAccount(t, f.srv, "newcomer")

	want(t, call(t, "POST", roles, admin, map[string]string{"email": "ghost@example.org", "role": "member"}), 400, "{CORE_WORKSPACE} not found user in workspace")
	want(t, call(t, "POST", roles, admin, map[string]string{"email": "newcomer@example.org", "role": "owner"}), 400, "role: must be a valid value.")
	want(t, call(t, "POST", roles, admin, map[string]string{"email": "bad", "role": ""}), 400, "email: must be a valid email address; role: cannot be blank.")
	r := call(t, "POST", roles, admin, map[string]string{"email": "newcomer@example.org", "role": "supervisor", "username": "ignored"})
	want(t, r, 200, "") // 200, not 201
	var m client.Member
	r.decode(t, &m)
	if m != (client.Member{AccountID: newcomer, Email: "newcomer@example.org", Username: "newcomer", Role: "supervisor"}) {
		t.Fatalf("invited %+v", m)
	}
	want(t, call(t, "POST", roles, admin, map[string]string{"email": "newcomer@example.org", "role": "member"}), 500, generic)

	// Change role: the answer has only accountID and role.
	r = call(t, "PATCH", roles+"/"+newcomer, admin, map[string]string{"role": "admin"})
	want(t, r, 200, "")
	if !strings.Contains(string(r.env.Content), `"role":"admin"`) || strings.Contains(string(r.env.Content), "email") {
		t.Fatalf("role change answer %s", r.env.Content)
	}
	want(t, call(t, "PATCH", roles+"/"+f.ids["outsider"], admin, map[string]string{"role": "member"}), 500, generic)
	want(t, call(t, "PATCH", roles+"/"+newcomer, admin, map[string]string{"role": "x"}), 400, "role: must be a valid value.")
	want(t, call(t, "PATCH", roles+"/abc", admin, map[string]string{"role": "member"}), 400, "invalid UUID length: 3")

	// notBelong leaves out holders of a role in that repository.
	var members []client.Member
	r = call(t, "GET", roles+"?notBelong="+f.repo, admin, nil)
	want(t, r, 200, "")
	r.decode(t, &members)
	got := map[string]bool{}
	for _, m := range members {
		got[m.AccountID] = true
	}
	if got[f.ids["repoMember"]] || got[f.ids["repoAdmin"]] || !got[f.ids["wsMember"]] || !got[newcomer] || len(members) != 4 {
		t.Fatalf("notBelong list %+v", members)
	}

	// Removing a member drops their repository roles in the workspace.
	want(t, call(t, "DELETE", roles+"/"+f.ids["repoMember"], admin, nil), 204, "")
	r = call(t, "GET", f.repURL+"/roles", admin, nil)
	r.decode(t, &members)
	for _, m := range members {
		if m.AccountID == f.ids["repoMember"] {
			t.Fatal("repository role survived the workspace removal")
		}
	}
	want(t, call(t, "GET", f.repURL, f.auth["repoMember"], nil), 500, generic)
	want(t, call(t, "DELETE", roles+"/"+f.ids["outsider"], admin, nil), 204, "") // not a member: 204 anyway
}

func TestRepositoryMembers(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	roles := f.repURL + "/roles"
	body := func(id, role string) map[string]string {
		return map[string]string{"accountID": id, "email": "echo@example.org", "username": "echo", "role": role}
	}
	want(t, call(t, "POST", roles, admin, map[string]string{"email": "x@example.org", "role": "member"}), 400, "{CORE_REPOSITORY} this user does not belong to this workspace")
	want(t, call(t, "POST", roles, admin, body(f.ids["outsider"], "member")), 400, "{CORE_REPOSITORY} this user does not belong to this workspace")
	want(t, call(t, "POST", roles, admin, body("abc", "member")), 400, "invalid UUID length: 3")
	r := call(t, "POST", roles, admin, body(f.ids["wsMember"], "supervisor"))
	want(t, r, 200, "")
	var m client.Member
	r.decode(t, &m)
	if m != (client.Member{AccountID: f.ids["wsMember"], Email: "echo@example.org", Username: "echo", Role: "supervisor"}) {
		t.Fatalf("added %+v", m) // echoes the body's e-mail and username
	}
	want(t, call(t, "POST", roles, admin, body(f.ids["wsMember"], "member")), 500, generic)

	want(t, call(t, "PATCH", roles+"/"+f.ids["wsMember"], admin, map[string]string{"role": "admin"}), 200, "")
	want(t, call(t, "PATCH", roles+"/"+f.ids["wsSupervisor"], admin, map[string]string{"role": "admin"}), 500, generic) // no role there yet
	want(t, call(t, "PATCH", roles+"/"+f.ids["outsider"], admin, map[string]string{"role": "admin"}), 400, "{CORE_REPOSITORY} this user does not belong to this workspace")
	// The promoted member now administers the repository.
	want(t, call(t, "GET", roles, f.auth["wsMember"], nil), 200, "")

	want(t, call(t, "DELETE", roles+"/"+f.ids["wsMember"], admin, nil), 204, "")
	want(t, call(t, "DELETE", roles+"/"+f.ids["wsSupervisor"], admin, nil), 204, "") // holds no role: 204
	want(t, call(t, "GET", roles, f.auth["wsMember"], nil), 401, privileges)
}

func TestRepositories(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	repos := f.wsURL + "/repositories"
	want(t, call(t, "POST", repos, admin, map[string]string{}), 400, "name: cannot be blank.")
	want(t, call(t, "POST", repos, admin, map[string]string{"name": "fixture-repo"}), 400, "{CORE_REPOSITORY} repository name already in use")
	r := call(t, "POST", repos, admin, map[string]string{"name": "web", "description": "site"})
	want(t, r, 201, "")
	var web client.Repository
	r.decode(t, &web)
	if web.Role != "admin" || web.Name != "web" || web.WorkspaceID != f.ws || !web.CreatedAt.Equal(f.clk.Now()) {
		t.Fatalf("created %+v", web)
	}
	// The creator holds the repository admin role.
	var members []client.Member
	r = call(t, "GET", repos+"/"+web.RepositoryID+"/roles", admin, nil)
	r.decode(t, &members)
	if len(members) != 1 || members[0].AccountID != f.ids["wsAdmin"] || members[0].Role != "admin" {
		t.Fatalf("creator role %+v", members)
	}

	want(t, call(t, "PATCH", repos+"/"+web.RepositoryID, admin, map[string]string{"name": "fixture-repo"}), 400, "{CORE_REPOSITORY} repository name already in use")
	r = call(t, "PATCH", repos+"/"+web.RepositoryID, admin, map[string]string{"name": "web2"})
	want(t, r, 200, "")
	var upd client.Repository
	r.decode(t, &upd)
	if upd.Name != "web2" || upd.Description != "" || upd.Role != "admin" {
		t.Fatalf("updated %+v", upd)
	}
	// The old name is free again.
	want(t, call(t, "POST", repos, admin, map[string]string{"name": "web"}), 201, "")

	var got client.Repository
	r = call(t, "GET", f.repURL, f.auth["repoSupervisor"], nil)
	want(t, r, 200, "")
	r.decode(t, &got)
	if got.Role != "supervisor" || !isDateOnly(got.CreatedAt) {
		t.Fatalf("get %+v", got)
	}
	r = call(t, "GET", f.repURL, admin, nil)
	r.decode(t, &got)
	if got.Role != "admin" {
		t.Fatalf("workspace admin sees role %q", got.Role)
	}

	// Lists: the admin sees everything as admin; others only their repositories.
	var l []client.Repository
	r = call(t, "GET", repos, admin, nil)
	r.decode(t, &l)
	if len(l) != 3 {
		t.Fatalf("admin list %+v", l)
	}
	for _, x := range l {
		if x.Role != "admin" || x.AuthzAdmin != nil || !isDateOnly(x.CreatedAt) {
			t.Fatalf("admin list item %+v", x)
		}
	}
	r = call(t, "GET", repos, f.auth["repoMember"], nil)
	r.decode(t, &l)
	if len(l) != 1 || l[0].Role != "member" || l[0].RepositoryID != f.repo {
		t.Fatalf("member list %+v", l)
	}
	r = call(t, "GET", repos, f.auth["wsMember"], nil)
	want(t, r, 200, "")
	if string(r.env.Content) != "[]" {
		t.Fatalf("member without repositories: %s", r.env.Content)
	}

	// Delete cascades tokens and analyses.
	tok, _ := f.srv.AddToken(f.ws, f.repo, "ci", time.Time{})
	r = call(t, "POST", f.srv.APIURL+"/api/analysis", tok, analysisBody("", []vuln{{Severity: "HIGH"}}))
	want(t, r, 201, "")
	wsTok, _ := f.srv.AddToken(f.ws, "", "ws", time.Time{})
	want(t, call(t, "GET", f.srv.APIURL+"/api/analysis/"+r.text(), wsTok, nil), 200, "")
	want(t, call(t, "DELETE", f.repURL, admin, nil), 204, "")
	want(t, call(t, "GET", f.srv.APIURL+"/api/analysis/"+r.text(), wsTok, nil), 404, "{ERROR_DATABASE} database not found records")
	want(t, call(t, "POST", f.srv.APIURL+"/api/analysis", tok, analysisBody("", nil)), 401, privileges)
	want(t, call(t, "GET", f.repURL, admin, nil), 500, generic)
}

func TestRepositoryPaging(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true})
	admin := mustAccount(t, srv, "admin")
	member := mustAccount(t, srv, "member")
	ws, _ := srv.AddWorkspace("Paging", map[string]string{admin: "admin", member: "member"})
	for i := range 18 {
		name := fmt.Sprintf("repo-%02d", i)
		if i%6 == 0 {
			name = fmt.Sprintf("Service-%02d", i)
		}
		roles := map[string]string{}
		if i < 4 {
			roles[member] = "member"
		}
		if _, err := srv.AddRepository(ws, name, roles); err != nil {
			t.Fatal(err)
		}
	}
	base := srv.CoreURL + "/core/workspaces/" + ws + "/repositories"
	h := bearerFor(t, srv, admin)
	count := func(query, auth string) []client.Repository {
		t.Helper()
		r := call(t, "GET", base+query, auth, nil)
		want(t, r, 200, "")
		var l []client.Repository
		r.decode(t, &l)
		return l
	}
	for q, n := range map[string]int{
		"": 18, "?page=1": 15, "?page=2": 3, "?page=3": 0, "?page=1&size=5": 15, "?page=1&size=20": 18,
		"?size=5": 18, "?page=0": 18, "?page=x": 18,
		"?search=service":        18, // search without page: ignored
		"?page=1&search=SERVICE": 3, "?page=1&search=repo-1": 7, "?page=1&search=nothing": 0,
	} {
		if got := len(count(q, h)); got != n {
			t.Errorf("%s: %d repositories, want %d", q, got, n)
		}
	}
	// Pages do not overlap and cover everything.
	seen := map[string]bool{}
	for _, r := range append(count("?page=1", h), count("?page=2", h)...) {
		if seen[r.RepositoryID] {
			t.Fatalf("%s on two pages", r.Name)
		}
		seen[r.RepositoryID] = true
	}
	if len(seen) != 18 {
		t.Fatalf("pages cover %d repositories", len(seen))
	}
	if got := len(count("?page=1", bearerFor(t, srv, member))); got != 4 {
		t.Fatalf("member sees %d repositories, want 4", got)
	}
	// The request counter lets a test see which pages a client fetched.
	path := "/core/workspaces/" + ws + "/repositories"
	if srv.Requests("GET", path+"?page=2") != 2 || srv.Requests("GET", path) < 15 || srv.Requests("POST", path) != 0 {
		t.Fatalf("request counts: %v", srv.RequestLog())
	}
	srv.ResetRequests()
	if srv.Requests("", "/") != 0 {
		t.Fatal("ResetRequests kept counts")
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestTokens(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	wsTokens, repoTokens := f.wsURL+"/tokens", f.repURL+"/tokens"
	now := f.clk.Now()
	tomorrow := now.Add(24 * time.Hour)

	want(t, call(t, "POST", wsTokens, admin, map[string]any{}), 400, "description: cannot be blank.")
	want(t, call(t, "POST", wsTokens, admin, map[string]any{"description": "x", "isExpirable": true}), 400, "expiresAt: {TOKEN} expires at cannot be a past date.")
	want(t, call(t, "POST", wsTokens, admin, map[string]any{"description": "x", "isExpirable": true, "expiresAt": now.Add(-time.Minute)}), 400, "expiresAt: {TOKEN} expires at cannot be a past date.")
	want(t, call(t, "POST", wsTokens, admin, `{"description":"x","isExpirable":true,"expiresAt":"2030-01-31"}`), 400, `parsing time "2030-01-31" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"`)

	r := call(t, "POST", wsTokens, admin, map[string]any{"description": "ci"})
	want(t, r, 201, "")
	plainWS := r.text()
	if !uuidV4.MatchString(plainWS) || !strings.HasPrefix(string(r.env.Content), `"`) {
		t.Fatalf("created token content %s", r.env.Content)
	}
	r = call(t, "POST", wsTokens, admin, map[string]any{"description": "nightly", "isExpirable": true, "expiresAt": tomorrow})
	want(t, r, 201, "")
	plainExp := r.text()
	r = call(t, "POST", repoTokens, f.auth["repoAdmin"], map[string]any{"description": "repo ci"})
	want(t, r, 201, "")
	plainRepo := r.text()

	var l []client.Token
	r = call(t, "GET", wsTokens, admin, nil)
	want(t, r, 200, "")
	r.decode(t, &l)
	if len(l) != 2 {
		t.Fatalf("workspace list must hold only workspace tokens: %+v", l)
	}
	sort.Slice(l, func(i, j int) bool { return l[i].Description < l[j].Description })
	ci, nightly := l[0], l[1]
	if ci.SuffixValue != plainWS[len(plainWS)-5:] || ci.IsExpirable || !ci.ExpiresAt.IsZero() || ci.RepositoryID != "" || !isDateOnly(ci.CreatedAt) || ci.WorkspaceID != f.ws {
		t.Fatalf("ci token %+v", ci)
	}
	if nightly.SuffixValue != plainExp[len(plainExp)-5:] || !nightly.IsExpirable || !nightly.ExpiresAt.Equal(time.Date(2026, 3, 11, 0, 0, 0, 0, time.UTC)) {
		t.Fatalf("nightly token %+v", nightly)
	}
	if strings.Contains(string(r.raw), "0001-01-01T00:00:00Z") == false {
		t.Fatal("a non-expiring token must list expiresAt as 0001-01-01T00:00:00Z")
	}
	r = call(t, "GET", repoTokens, admin, nil)
	r.decode(t, &l)
	if len(l) != 1 || l[0].RepositoryID != f.repo || l[0].SuffixValue != plainRepo[len(plainRepo)-5:] {
		t.Fatalf("repository tokens %+v", l)
	}
	repoTokenID := l[0].TokenID

	// A repository token sent to the workspace route is not deleted (204 anyway).
	want(t, call(t, "DELETE", wsTokens+"/"+repoTokenID, admin, nil), 204, "")
	r = call(t, "GET", repoTokens, admin, nil)
	r.decode(t, &l)
	if len(l) != 1 {
		t.Fatal("repository token deleted through the workspace route")
	}
	want(t, call(t, "DELETE", repoTokens+"/"+repoTokenID, admin, nil), 204, "")
	want(t, call(t, "DELETE", repoTokens+"/"+repoTokenID, admin, nil), 204, "") // already gone
	want(t, call(t, "POST", f.srv.APIURL+"/api/analysis", plainRepo, analysisBody("", nil)), 401, privileges)
	r = call(t, "GET", repoTokens, admin, nil)
	if string(r.env.Content) != "[]" {
		t.Fatalf("after revoke: %s", r.env.Content)
	}
}

// TestTokenExpiryFollowsTheClock: expiry keeps only the date, so a token
// dies at 00:00 UTC of its expiry day; one expiring later today is
// created but refused at once.
func TestTokenExpiryFollowsTheClock(t *testing.T) {
	f := newFixture(t, horusectest.Options{})
	admin := f.auth["wsAdmin"]
	now := f.clk.Now() // 10:30 UTC
	create := func(at time.Time) string {
		r := call(t, "POST", f.wsURL+"/tokens", admin, map[string]any{"description": "t", "isExpirable": true, "expiresAt": at})
		want(t, r, 201, "")
		return r.text()
	}
	laterToday := create(now.Add(3 * time.Hour))
	tomorrow := create(now.Add(24 * time.Hour))
	upload := func(tok string) reply {
		return call(t, "POST", f.srv.APIURL+"/api/analysis", tok, analysisBody("app", nil))
	}
	want(t, upload(laterToday), 401, "this authorization token has expired, please renew it")
	want(t, upload(tomorrow), 201, "")
	f.clk.Add(13*time.Hour + 29*time.Minute) // 23:59 the same day
	want(t, upload(tomorrow), 201, "")
	f.clk.Add(time.Minute) // 00:00 of the expiry day
	want(t, upload(tomorrow), 401, "this authorization token has expired, please renew it")
}

func TestApplicationAdmin(t *testing.T) {
	srv, _ := start(t, horusectest.Options{ApplicationAdmin: true})
	admin := login(t, srv, horusectest.AdminEmail, horusectest.AdminPassword)
	if !admin.IsApplicationAdmin {
		t.Fatal("application admin not flagged")
	}
	ah := "Bearer " + admin.AccessToken
	mgr := login(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	list := srv.CoreURL + "/core/workspaces"

	var all []client.Workspace
	r := call(t, "GET", list, ah, nil)
	want(t, r, 200, "")
	r.decode(t, &all)
	if len(all) != 5 {
		t.Fatalf("application admin sees %d workspaces", len(all))
	}
	for _, w := range all {
		if w.Role != "applicationAdmin" {
			t.Fatalf("role %q", w.Role)
		}
	}
	// Only the application admin creates workspaces.
	want(t, call(t, "POST", list, "Bearer "+mgr.AccessToken, map[string]string{"name": "x"}), 401, privileges)
	want(t, call(t, "POST", list, "garbage", map[string]string{"name": "x"}), 500, generic)
	want(t, call(t, "POST", list, ah, map[string]string{"name": "Admin's"}), 201, "")

	// Every check passes, even in workspaces where they have no role.
	ws, _ := srv.WorkspaceID("Security Research")
	want(t, call(t, "GET", list+"/"+ws+"/roles", ah, nil), 200, "")
	var repos []client.Repository
	r = call(t, "GET", list+"/"+ws+"/repositories?page=1&search=honeypot", ah, nil)
	want(t, r, 200, "")
	r.decode(t, &repos)
	if len(repos) != 4 || repos[0].Role != "applicationAdmin" {
		t.Fatalf("application admin repositories (search ignored) %+v", repos)
	}
	want(t, call(t, "GET", srv.AnalyticURL+"/analytic/dashboard/"+ws+"?initialDate=2026-01-01T00:00:00Z&finalDate=2026-12-31T23:59:59Z", ah, nil), 200, "")

	// Without the mode the same account would be refused, and anyone may
	// create a workspace.
	plain, _ := start(t, horusectest.Options{})
	m := login(t, plain, horusectest.ManagerEmail, horusectest.ManagerPassword)
	want(t, call(t, "POST", plain.CoreURL+"/core/workspaces", m.AccessToken, map[string]string{"name": "mine"}), 201, "")
	want(t, call(t, "POST", plain.AuthURL+"/auth/authenticate/login", "", map[string]string{"username": horusectest.AdminEmail, "password": horusectest.AdminPassword}), 403, "{HORUSEC AUTH} invalid username or password")
	want(t, call(t, "POST", plain.CoreURL+"/core/workspaces", "", map[string]string{"name": "x"}), 401, "rpc error: code = Unknown desc = {AUTHENTICATION} is not possible get user without email")
	if got := call(t, "GET", plain.CoreURL+"/core/workspaces", m.AccessToken, nil); got.status != http.StatusOK {
		t.Fatal(got.status)
	}
}
