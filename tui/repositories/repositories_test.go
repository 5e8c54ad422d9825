package repositories

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// press hands keys to m and runs what they lead to.
func press(m *Model, keys ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range keys {
		out = append(out, run(m, m.Update(tuitest.Key(k)))...)
	}
	return out
}

// formOf is the form open over the list, or nil.
func formOf(m *Model) *form.Model {
	if d, ok := m.dialogs.Active().(*repoForm); ok {
		return d.Form
	}
	return nil
}

// settle delivers the end of the search pause, as the timer would.
func settle(m *Model) {
	run(m, m.Update(debounceMsg{to: m.id, seq: m.filterSeq}))
}

// sandbox is the demo's Sandbox workspace (empty in the seed) filled with
// n repositories repo-00, repo-01, … (repo-000, … past 100), opened by its
// Manager: the workspace
// as the list of workspaces gives it, with its repositoriesCount.
func sandbox(t testing.TB, n int) (*horusectest.Server, *client.Client, client.Workspace) {
	t.Helper()
	srv, cl := platform(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws := tuitest.Workspace(t, cl, "Sandbox")
	for i := range n {
		if _, err := srv.AddRepository(ws.WorkspaceID, fmt.Sprintf("repo-%0*d", max(2, len(fmt.Sprint(n-1))), i), nil); err != nil {
			t.Fatal(err)
		}
	}
	return srv, cl, tuitest.Workspace(t, cl, "Sandbox")
}

func opened(t testing.TB, cl *client.Client, ws client.Workspace, w, h int) *Model {
	t.Helper()
	m := newModel(newCommon(cl), ws)
	m.SetSize(w, h)
	run(m, m.Init())
	if m.pages.Err != nil {
		t.Fatal(m.pages.Err)
	}
	return m
}

// typedNew opens the list of a Sandbox of n repositories at 80×24 and
// the form of a new repository, with name typed.
func typedNew(t *testing.T, n int, name string) (*horusectest.Server, *client.Client, *Model) {
	t.Helper()
	srv, cl, ws := sandbox(t, n)
	m := opened(t, cl, ws, 80, 24)
	press(m, "n")
	tuitest.Type(m, name)
	return srv, cl, m
}

func statusTexts(msgs []tea.Msg) string {
	var b []string
	for _, m := range msgs {
		if s, ok := m.(common.StatusMsg); ok {
			b = append(b, s.Text)
		}
	}
	return strings.Join(b, "\n")
}

func TestLoadingGolden(t *testing.T) {
	_, cl, ws := sandbox(t, 0)
	m := newModel(newCommon(cl), ws)
	m.SetSize(80, 24)
	m.Init() // the request is under way, not answered
	tuitest.Golden(t, "loading-80x24", m.View())
}

func TestOpensWithTheFirstPageOnly(t *testing.T) {
	srv, cl, ws := sandbox(t, 120)
	srv.ResetRequests()
	m := opened(t, cl, ws, 80, 24)
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"
	if n := srv.Requests("GET", base); n != 1 {
		t.Fatalf("%d list requests on open, want 1: %v", n, srv.RequestLog())
	}
	if srv.Requests("GET", base+"?page=1&size=50") != 1 {
		t.Fatalf("open asked for more than the first page, or not 50: %v", srv.RequestLog())
	}
	// The count is known up front; the first page is on screen.
	tuitest.Golden(t, "paged-80x24", m.View())

	// Down one row at a time to the end: each row is there before the
	// cursor is, and every page is asked for once.
	for i := 1; i < 120; i++ {
		press(m, "down")
		if !m.have[m.table.Cursor()] {
			t.Fatalf("row %d not loaded under the cursor", m.table.Cursor())
		}
	}
	if m.table.Cursor() != 119 || m.loadedN != 120 {
		t.Fatalf("cursor %d, %d loaded", m.table.Cursor(), m.loadedN)
	}
	for p := 1; p <= 3; p++ {
		if n := srv.Requests("GET", fmt.Sprintf("%s?page=%d&size=50", base, p)); n != 1 {
			t.Errorf("page %d asked %d times: %v", p, n, srv.RequestLog())
		}
	}
	press(m, "G", "up", "down")
	if srv.Requests("GET", base+"?page=4") != 0 {
		t.Error("asked past the short last page")
	}
	if v := m.View(); !strings.Contains(v, "Repositories · 120 · row 120") || strings.Contains(v, "loaded") {
		t.Errorf("status line at the end:\n%s", v)
	}
}

func TestSearchIsDebouncedAndSentToThePlatform(t *testing.T) {
	srv, cl, ws := sandbox(t, 40)
	m := opened(t, cl, ws, 80, 24)
	srv.ResetRequests()
	press(m, "/")
	if !m.Capturing() {
		t.Fatal("the filter should take the keys")
	}
	tuitest.Type(m, "repo-3")
	// Every key restarted the pause; nothing was asked yet.
	if n := srv.Requests("GET", ""); n != 0 {
		t.Fatalf("%d requests while typing", n)
	}
	tuitest.Golden(t, "searching-80x24", m.View())
	stale := m.filterSeq - 1
	run(m, m.Update(debounceMsg{to: m.id, seq: stale})) // an earlier key's pause
	if n := srv.Requests("GET", ""); n != 0 {
		t.Fatalf("an older pause sent a search: %v", srv.RequestLog())
	}
	settle(m)
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"
	if srv.Requests("GET", base+"?page=1&search=repo-3&size=50") != 1 || len(srv.RequestLog()) != 1 {
		t.Fatalf("search requests: %v", srv.RequestLog())
	}
	if len(m.table.Rows()) != 10 {
		t.Fatalf("%d rows for repo-3", len(m.table.Rows()))
	}
	press(m, "enter") // leave the filter, keep it
	tuitest.Golden(t, "search-result-80x24", m.View())

	// A reply for an older query is dropped.
	old := common.Result[page]{To: m.id, Tag: tagPage, Value: page{seq: m.pages.Seq - 1, size: PageSize, repos: []client.Repository{{RepositoryID: "x", Name: "stale"}}}}
	m.Update(old)
	if strings.Contains(m.View(), "stale") {
		t.Error("a reply to an older search replaced the rows")
	}

	// No match.
	press(m, "/")
	tuitest.Type(m, "zz")
	settle(m)
	tuitest.Golden(t, "search-nothing-80x24", m.View())
}

func TestEmptyWorkspaceGolden(t *testing.T) {
	_, cl, ws := sandbox(t, 0)
	m := opened(t, cl, ws, 80, 24)
	tuitest.Golden(t, "empty-80x24", m.View())
}

func TestCreateShowsNameInUseAtTheField(t *testing.T) {
	srv, cl, ws := sandbox(t, 3)
	m := opened(t, cl, ws, 80, 24)
	press(m, "n")
	if !m.Capturing() {
		t.Fatal("the form should take the keys")
	}
	tuitest.Golden(t, "create-form-80x24", m.View())
	// An empty name is refused before anything is sent.
	srv.ResetRequests()
	press(m, "ctrl+s")
	if srv.Requests("POST", "") != 0 || !strings.Contains(m.View(), "A repository needs a name.") {
		t.Fatalf("empty name:\n%s", m.View())
	}
	tuitest.Type(m, "repo-01")
	press(m, "tab")
	tuitest.Type(m, "A second one")
	press(m, "ctrl+s")
	if srv.Requests("POST", "/core/workspaces/"+ws.WorkspaceID+"/repositories") != 1 {
		t.Fatalf("not sent: %v", srv.RequestLog())
	}
	tuitest.Golden(t, "create-name-in-use-80x24", m.View())
	if formOf(m) == nil || formOf(m).Value("description") != "A second one" {
		t.Fatal("the form closed or lost what was typed")
	}
	// Fix the name: created, the list reloads with it.
	for range 2 {
		m.Update(tuitest.Key("backspace")) // only blinks the cursor
	}
	tuitest.Type(m, "99")
	msgs := press(m, "ctrl+s")
	if m.dialogs.IsOpen() || !strings.Contains(statusTexts(msgs), "Created repository repo-99.") {
		t.Fatalf("after create: dialog %T, %q", m.dialogs.Active(), statusTexts(msgs))
	}
	if !strings.Contains(m.View(), "repo-99") || !strings.Contains(m.View(), "A second one") {
		t.Errorf("the new repository is not listed:\n%s", m.View())
	}
}

func TestEditSendsTheFullObject(t *testing.T) {
	srv, cl, ws := sandbox(t, 3)
	m := opened(t, cl, ws, 80, 24)
	press(m, "down", "e")
	if formOf(m) == nil || formOf(m).Value("name") != "repo-01" {
		t.Fatalf("edit form: %T", m.dialogs.Active())
	}
	press(m, "tab")
	tuitest.Type(m, "Edited")
	msgs := press(m, "ctrl+s")
	if !strings.Contains(statusTexts(msgs), "Saved repository repo-01.") {
		t.Fatalf("status: %q\n%s", statusTexts(msgs), m.View())
	}
	id, _ := srv.RepositoryID(ws.WorkspaceID, "repo-01")
	r, err := cl.Repository(context.Background(), ws.WorkspaceID, id)
	if err != nil || r.Name != "repo-01" || r.Description != "Edited" {
		t.Errorf("after edit: %+v %v", r, err)
	}
	if !strings.Contains(m.View(), "Edited") {
		t.Errorf("row not updated:\n%s", m.View())
	}
}

func TestDeleteAsksForTheName(t *testing.T) {
	srv, cl, ws := sandbox(t, 3)
	m := opened(t, cl, ws, 80, 24)
	press(m, "down", "d")
	tuitest.Golden(t, "delete-confirm-80x24", m.View())
	tuitest.Type(m, "repo-0")
	press(m, "enter")
	if srv.Requests("DELETE", "") != 0 || !strings.Contains(m.View(), "That is not the name") {
		t.Fatalf("deleted on a wrong name:\n%s", m.View())
	}
	tuitest.Type(m, "1")
	msgs := press(m, "enter")
	if !strings.Contains(statusTexts(msgs), "Deleted repository repo-01.") {
		t.Fatalf("status %q", statusTexts(msgs))
	}
	if _, ok := srv.RepositoryID(ws.WorkspaceID, "repo-01"); ok || strings.Contains(m.View(), "repo-01") {
		t.Errorf("still there:\n%s", m.View())
	}
}

func TestUserIsNotOfferedWhatTheRoleForbids(t *testing.T) {
	srv, cl := platform(t, horusectest.UserEmail, horusectest.UserPassword)
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	m := opened(t, cl, ws, 100, 24)
	help := func() string { return tuitest.Help(m.ShortHelp()) }
	if strings.Contains(help(), "n new") {
		t.Errorf("a User is offered n: %s", help())
	}
	srv.ResetRequests()
	msgs := press(m, "n")
	if !strings.Contains(statusTexts(msgs), "Only a Manager of the workspace can create repositories.") || m.dialogs.IsOpen() {
		t.Errorf("n for a User: %q", statusTexts(msgs))
	}
	// On a repository where the user is only a member, e and d explain.
	for i, r := range m.table.Rows() {
		repo := m.repos[r.ID]
		if repo.Role != client.RoleMember {
			continue
		}
		for m.table.Cursor() < i {
			press(m, "down")
		}
		if strings.Contains(help(), "e edit") || strings.Contains(help(), "d delete") {
			t.Errorf("a User is offered e/d on %s: %s", repo.Name, help())
		}
		msgs := press(m, "e", "d")
		if !strings.Contains(statusTexts(msgs), "Only a Manager of "+repo.Name) {
			t.Errorf("e/d on %s: %q", repo.Name, statusTexts(msgs))
		}
		break
	}
	if srv.Requests("POST", "")+srv.Requests("PATCH", "")+srv.Requests("DELETE", "") != 0 {
		t.Errorf("doomed requests sent: %v", srv.RequestLog())
	}
	tuitest.Golden(t, "user-100x24", m.View())
}

func TestFailedPageShowsTheErrorAndRetries(t *testing.T) {
	srv, cl, ws := sandbox(t, 120)
	srv.InjectFault(horusectest.Fault{PathPrefix: "/core/workspaces/" + ws.WorkspaceID + "/repositories", Status: 500, Times: 1})
	m := newModel(newCommon(cl), ws)
	m.SetSize(80, 24)
	run(m, m.Init())
	if !strings.Contains(m.View(), "Something went wrong") {
		t.Fatalf("no error view:\n%s", m.View())
	}
	press(m, "r")
	if m.pages.Err != nil || m.loadedN != 50 {
		t.Fatalf("r did not retry: %v, %d loaded", m.pages.Err, m.loadedN)
	}
	// A later page failing keeps the rows and says so in the status line.
	srv.InjectFault(horusectest.Fault{PathPrefix: "/core/workspaces/" + ws.WorkspaceID + "/repositories", Status: 500, Times: 1})
	press(m, "G")
	if m.loadedN >= 120 || !strings.Contains(m.View(), "Could not load more") {
		t.Fatalf("later page failure:\n%s", m.View())
	}
	press(m, "r")
	if !m.have[119] || !strings.Contains(m.View(), "▌ repo-119") || m.loadedN != 120 {
		t.Fatalf("r did not load the missing page:\n%s", m.View())
	}
}

func TestExpiredSessionKeepsTheForm(t *testing.T) {
	srv, cl, m := typedNew(t, 1, "kept")
	// The access token is refused and the refresh token no longer works.
	srv.ForgetRefreshTokens()
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/core/workspaces", Status: 401,
		Body: `{"code":401,"status":"Unauthorized","content":"token is expired"}`, Times: 1})
	msgs := press(m, "ctrl+s")
	var retry tea.Cmd
	for _, msg := range msgs {
		if s, ok := msg.(common.SessionExpiredMsg); ok {
			retry = s.Retry
		}
	}
	if retry == nil {
		t.Fatalf("no login asked for: %v", msgs)
	}
	if formOf(m) == nil || formOf(m).Value("name") != "kept" {
		t.Fatal("the form was lost")
	}
	// After the login the same form goes out again.
	if _, err := cl.Login(context.Background(), horusectest.ManagerEmail, horusectest.ManagerPassword); err != nil {
		t.Fatal(err)
	}
	out := run(m, retry)
	if !strings.Contains(statusTexts(out), "Created repository kept.") {
		t.Fatalf("retry: %q", statusTexts(out))
	}
}

// BenchmarkOpen opens a workspace of 10 and of 1,000 repositories: only
// the first page is fetched, so both cost the same.
func BenchmarkOpen(b *testing.B) {
	for _, n := range []int{10, 1000} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			_, cl, ws := sandbox(b, n)
			b.ResetTimer()
			for range b.N {
				m := newModel(newCommon(cl), ws)
				m.SetSize(100, 30)
				run(m, m.Init())
				_ = m.View()
			}
		})
	}
}

// The platform counts a name's length in bytes: 200 "é" are 400 of them
// and would be refused, so the form says so before sending.
func TestFormCountsBytesLikeThePlatform(t *testing.T) {
	if msg := validateName(strings.Repeat("é", 200)); !strings.Contains(msg, "255 bytes") {
		t.Errorf("name of 400 bytes: %q", msg)
	}
	if msg := validateDescription(strings.Repeat("é", 128)); !strings.Contains(msg, "255 bytes") {
		t.Errorf("description of 256 bytes: %q", msg)
	}
}

// On an LDAP platform the repository form has Admin, Supervisor and
// Member groups; a refusal of the platform that is not at a field ends
// with a full stop before the hint.
func TestRepositoryGroupsOnLDAP(t *testing.T) {
	srv, cl := tuitest.Demo(t, horusectest.Options{LDAP: true, DisableEmails: true, Now: tuitest.Clock}, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	ws := tuitest.Workspace(t, cl, "Sandbox")
	c := newCommon(cl)
	c.AuthConfig = client.AuthConfig{AuthType: client.AuthTypeLDAP}
	m := newModel(c, ws)
	m.SetSize(100, 40)
	run(m, m.Init())
	press(m, "n")
	for _, k := range []string{groups.FieldAdminGroups, groups.FieldSupervisorGroups, groups.FieldMemberGroups} {
		if formOf(m).Field(k) == nil {
			t.Fatalf("no field %s", k)
		}
	}
	if formOf(m).Value(groups.FieldAdminGroups) != "platform-leads" {
		t.Fatalf("Admin groups start as %q", formOf(m).Value(groups.FieldAdminGroups))
	}
	tuitest.Type(m, "lab-api")
	formOf(m).Field(groups.FieldMemberGroups).SetValue("developers")
	msgs := press(m, "ctrl+s")
	if !strings.Contains(statusTexts(msgs), "Created repository lab-api.") {
		t.Fatalf("not created: %q\n%s", statusTexts(msgs), m.View())
	}
	id, _ := srv.RepositoryID(ws.WorkspaceID, "lab-api")
	r, err := cl.Repository(context.Background(), ws.WorkspaceID, id)
	if err != nil || strings.Join(r.AuthzAdmin, ",") != "platform-leads" || strings.Join(r.AuthzMember, ",") != "developers" {
		t.Fatalf("stored %+v, %v", r, err)
	}

	press(m, "n")
	m.dialogs.Active().(*repoForm).showError(&client.Error{Kind: client.KindValidation, Message: "admin ldap group should be a valid one for this user", Refusal: client.RefusalAdminGroup})
	if !strings.Contains(m.View(), groups.MsgAdminGroupRefused[:30]) {
		t.Errorf("the LDAP refusal is not at the Admin groups:\n%s", m.View())
	}
	m.dialogs.Active().(*repoForm).showError(&client.Error{Kind: client.KindValidation, Message: "something the platform says"})
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "Something the platform says. Correct what") {
		t.Errorf("no full stop before the hint:\n%s", m.View())
	}
}

// esc while a create (or an edit) is on its way closes the form, and the
// platform's answer still reaches the list: the repository is listed and
// announced, or the failure is said.
func TestEscWhileSavingKeepsTheReply(t *testing.T) {
	_, _, m := typedNew(t, 3, "late-one")
	send := m.Update(tuitest.Key("ctrl+s")) // on its way, not answered yet
	press(m, "esc")
	if m.Capturing() {
		t.Fatal("esc did not close the form")
	}
	if !m.Loading() {
		t.Error("the footer's spinner stopped with the create still on its way")
	}
	msgs := run(m, send)
	if !strings.Contains(statusTexts(msgs), "Created repository late-one.") {
		t.Errorf("the create was not announced: %q", statusTexts(msgs))
	}
	if !strings.Contains(m.View(), "late-one") {
		t.Errorf("the new repository is not listed:\n%s", m.View())
	}

	// The same for an edit.
	press(m, "g", "e")
	press(m, "tab")
	tuitest.Type(m, "Later")
	send = m.Update(tuitest.Key("ctrl+s"))
	press(m, "esc")
	msgs = run(m, send)
	if !strings.Contains(statusTexts(msgs), "Saved repository late-one.") || !strings.Contains(m.View(), "Later") {
		t.Errorf("the edit was not announced or listed: %q\n%s", statusTexts(msgs), m.View())
	}
}
