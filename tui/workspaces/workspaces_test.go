package workspaces

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

const testW, testH = 100, 20

var day = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

func newCommon(t testing.TB) *common.Common {
	c := tuitest.Common(tuitest.Offline(t), nil)
	c.Profile, c.Host = "default", "127.0.0.1:8006"
	c.AuthConfig = client.AuthConfig{AuthType: client.AuthTypeHorusec}
	return c
}

func sample() []client.Workspace {
	return []client.Workspace{
		{WorkspaceID: "w1", Name: "Acme Platform", Description: "Core products", Role: client.RoleAdmin, RepositoriesCount: 41, CreatedAt: day.AddDate(0, -5, 0)},
		{WorkspaceID: "w2", Name: "Security Research", Description: "Red-team tooling", Role: client.RoleMember, RepositoriesCount: 4, CreatedAt: day.AddDate(0, -1, 0)},
		{WorkspaceID: "w3", Name: "Data & ML", Description: "Pipelines", Role: client.RoleSupervisor, RepositoriesCount: 5, CreatedAt: day},
	}
}

func loaded(t testing.TB, c *common.Common, ws []client.Workspace) *Model {
	m := New(c, func(c *common.Common, ws client.Workspace) common.Screen {
		return common.NewPlaceholder(c, ws.Name, "page of "+ws.Name)
	})
	m.SetSize(testW, testH)
	m.Init()
	m.Update(m.Reply(ws, nil))
	return m
}

// formOf opens the create form (ws nil) or the edit form of ws over the
// list, as n and e do.
func formOf(t testing.TB, c *common.Common, ws *client.Workspace) (*Model, *editor) {
	m := loaded(t, c, sample())
	m.openForm(ws)
	return m, m.dialogs.Active().(*editor)
}

// answer plays the platform's answer to the form's request.
func answer(m *Model, s saved, err error) tea.Cmd {
	return m.Update(common.Result[saved]{To: m.ID(), Tag: tagSave, Value: s, Err: err})
}

func press(m tuitest.Updater, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		cmd = m.Update(tuitest.Key(k))
	}
	return cmd
}

func helpKeys(bs []key.Binding) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Help().Key)
	}
	return strings.Join(out, " ")
}

func TestGolden(t *testing.T) {
	t.Run("loading", func(t *testing.T) {
		m := New(newCommon(t), nil)
		m.SetSize(testW, testH)
		m.Init()
		tuitest.Golden(t, "loading", tuitest.Screen(m))
	})
	t.Run("empty", func(t *testing.T) {
		tuitest.Golden(t, "empty", tuitest.Screen(loaded(t, newCommon(t), nil)))
	})
	t.Run("empty_no_create", func(t *testing.T) {
		c := newCommon(t)
		c.AuthConfig.EnableApplicationAdmin = true
		tuitest.Golden(t, "empty_no_create", tuitest.Screen(loaded(t, c, nil)))
	})
	t.Run("error", func(t *testing.T) {
		m := New(newCommon(t), nil)
		m.SetSize(testW, testH)
		m.Init()
		m.Update(m.Reply(nil, &client.Error{
			Kind: client.KindNetwork, Op: "list workspaces", URL: "http://127.0.0.1:8003/core/workspaces",
			Message: "cannot reach the core service at http://127.0.0.1:8003 (connection refused)"}))
		tuitest.Golden(t, "error", tuitest.Screen(m))
	})
	t.Run("list", func(t *testing.T) {
		tuitest.Golden(t, "list", tuitest.Screen(loaded(t, newCommon(t), sample())))
	})
	t.Run("sorted_by_date", func(t *testing.T) {
		m := loaded(t, newCommon(t), sample())
		press(m, "s")
		tuitest.Golden(t, "sorted_by_date", tuitest.Screen(m))
	})
	t.Run("filtered", func(t *testing.T) {
		m := loaded(t, newCommon(t), sample())
		press(m, "/", "r", "e")
		tuitest.Golden(t, "filtered", tuitest.Screen(m))
	})
	t.Run("confirm_delete", func(t *testing.T) {
		m := loaded(t, newCommon(t), sample())
		press(m, "d")
		tuitest.Golden(t, "confirm_delete", tuitest.Screen(m))
	})
	t.Run("form_new", func(t *testing.T) {
		m, _ := formOf(t, newCommon(t), nil)
		tuitest.Golden(t, "form_new", tuitest.Screen(m))
	})
	t.Run("form_edit_refused", func(t *testing.T) {
		ws := sample()[0]
		m, _ := formOf(t, newCommon(t), &ws)
		press(m, "ctrl+s")
		answer(m, saved{}, &client.Error{Kind: client.KindValidation, Status: 400,
			Message: "description: the length must be no more than 255; name: cannot be blank.",
			Fields:  map[string]string{"description": "the length must be no more than 255", "name": "cannot be blank"}})
		tuitest.Golden(t, "form_edit_refused", tuitest.Screen(m))
	})
}

func TestListSortsByNameAndTogglesToDate(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	names := func() string {
		var n []string
		for _, w := range m.Workspaces() {
			n = append(n, w.Name)
		}
		return strings.Join(n, ",")
	}
	if got := names(); got != "Acme Platform,Data & ML,Security Research" {
		t.Fatalf("by name: %s", got)
	}
	press(m, "s")
	if got := names(); got != "Data & ML,Security Research,Acme Platform" {
		t.Fatalf("by date: %s", got)
	}
	if !strings.Contains(string(tuitest.Screen(m)), "sorted by date") {
		t.Error("the title does not say the order")
	}
}

func TestRoleRules(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	// The cursor is on Acme Platform, where the user is a Manager.
	if got := helpKeys(m.ShortHelp()); !strings.Contains(got, "e d") {
		t.Errorf("a Manager's help lacks edit/delete: %q", got)
	}
	press(m, "down", "down") // Security Research: a User
	if ws, _ := m.selected(); ws.Name != "Security Research" {
		t.Fatalf("selected %q", ws.Name)
	}
	if got := " " + helpKeys(m.ShortHelp()) + " "; strings.Contains(got, " e ") || strings.Contains(got, " d ") {
		t.Errorf("a User is offered edit/delete: %q", got)
	}
	for k, want := range map[string]string{"e": "Only a Manager of this workspace can edit it.", "d": "Only a Manager of this workspace can delete it."} {
		got := tuitest.Run(press(m, k))
		if len(got) != 1 || got[0] != (common.StatusMsg{Kind: common.StatusError, Text: want}) {
			t.Errorf("%s on a User's workspace: %#v", k, got)
		}
		if m.dialogs.IsOpen() {
			t.Error("a prompt opened for a User")
		}
	}
}

func TestCreateNotOfferedInApplicationAdminMode(t *testing.T) {
	c := newCommon(t)
	c.AuthConfig.EnableApplicationAdmin = true
	m := loaded(t, c, sample())
	if got := " " + helpKeys(m.ShortHelp()) + " "; strings.Contains(got, " n ") {
		t.Errorf("n offered: %q", got)
	}
	got := tuitest.Run(press(m, "n"))
	if len(got) != 1 || !strings.Contains(got[0].(common.StatusMsg).Text, "Only the application admin") {
		t.Errorf("n in application-admin mode: %#v", got)
	}
}

func TestEnterOpensAndNewOpensTheForm(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	got := tuitest.Run(press(m, "enter"))
	if p, ok := got[0].(common.PushMsg); !ok || p.Screen.Title() != "Acme Platform" {
		t.Fatalf("enter: %#v", got)
	}
	for _, msg := range tuitest.Run(press(m, "n")) {
		if _, ok := msg.(common.PushMsg); ok {
			t.Fatal("n pushed a screen: the form opens over the list")
		}
	}
	if m.Form() == nil || !m.Capturing() || !strings.Contains(m.View(), "New workspace") {
		t.Fatalf("n did not open the form over the list:\n%s", m.View())
	}
	press(m, "esc")
	if m.Form() != nil || !strings.Contains(m.View(), "Acme Platform") {
		t.Fatalf("esc did not go back to the list:\n%s", m.View())
	}
}

func TestLateAndForeignRepliesAreDropped(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	m.Update(common.Result[[]client.Workspace]{To: m.ID() + 1000, Value: nil})
	if len(m.Workspaces()) != 3 {
		t.Fatal("a reply to another screen replaced the list")
	}
	m.Update(common.Result[struct{}]{To: m.ID(), Tag: tagDelete}) // no delete asked
	if len(m.Workspaces()) != 3 {
		t.Fatal("an unasked delete reply changed the list")
	}
}

func TestExpiredSessionOnLoadAsksForLogin(t *testing.T) {
	m := New(newCommon(t), nil)
	m.Init()
	cmd := m.Update(m.Reply(nil, &client.Error{Kind: client.KindUnauthenticated}))
	got := tuitest.Run(cmd)
	exp, ok := got[0].(common.SessionExpiredMsg)
	if !ok || exp.Retry == nil {
		t.Fatalf("got %#v", got)
	}
}

func TestDeleteNeedsTheNameThenReloads(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	press(m, "d")
	if !m.Capturing() {
		t.Fatal("the typed prompt does not take the keys")
	}
	if cmd := press(m, "A", "c", "m", "e", "enter"); cmd != nil {
		t.Fatal("a wrong name sent the delete")
	}
	if !strings.Contains(string(tuitest.Screen(m)), "That is not the name") {
		t.Error("no explanation for the wrong name")
	}
	press(m, "esc")
	if m.dialogs.IsOpen() {
		t.Fatal("esc did not close the prompt")
	}
	press(m, "d")
	press(m, strings.Split("Acme Platform", "")...)
	if cmd := press(m, "enter"); cmd == nil {
		t.Fatal("the right name sent nothing")
	}
	// The platform refuses: the prompt says why and stays.
	m.Update(common.Result[struct{}]{To: m.ID(), Tag: tagDelete, Err: &client.Error{Kind: client.KindForbidden,
		Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action", Refusal: client.RefusalNoPrivileges}})
	if !m.dialogs.IsOpen() || !strings.Contains(string(tuitest.Screen(m)), "enough privileges") {
		t.Fatalf("refusal not shown:\n%s", tuitest.Screen(m))
	}
	got := tuitest.Run(m.Update(common.Result[struct{}]{To: m.ID(), Tag: tagDelete}))
	if m.dialogs.IsOpen() {
		t.Fatal("the prompt stayed after the delete")
	}
	var status bool
	for _, g := range got {
		if s, ok := g.(common.StatusMsg); ok && s.Text == "Workspace “Acme Platform” deleted." {
			status = true
		}
	}
	if !status || !m.Loading() {
		t.Errorf("no status or no reload after the delete: %#v loading=%v", got, m.Loading())
	}
}

func TestFormChecksBeforeSending(t *testing.T) {
	m, _ := formOf(t, newCommon(t), nil)
	if cmd := press(m, "ctrl+s"); cmd != nil {
		t.Fatal("an empty name was sent")
	}
	if !strings.Contains(string(tuitest.Screen(m)), "Give the workspace a name.") {
		t.Error("no message at the name")
	}
	press(m, "x")
	if cmd := press(m, "ctrl+s"); cmd == nil || !m.Loading() {
		t.Fatal("a valid form was not sent")
	}
}

func TestFormKeepsValuesAndRetriesOnExpiredSession(t *testing.T) {
	m, e := formOf(t, newCommon(t), nil)
	press(m, "N", "e", "w", "tab", "d")
	press(m, "ctrl+s")
	got := tuitest.Run(answer(m, saved{}, &client.Error{Kind: client.KindUnauthenticated}))
	if exp, ok := got[0].(common.SessionExpiredMsg); !ok || exp.Retry == nil {
		t.Fatalf("got %#v", got)
	}
	if m.Form() != e.Form || e.Form.Value("name") != "New" || e.Form.Value("description") != "d" {
		t.Errorf("values lost: %q %q", e.Form.Value("name"), e.Form.Value("description"))
	}
}

func TestFormEditSendsTheWholeObject(t *testing.T) {
	ws := client.Workspace{WorkspaceID: "w1", Name: "Old", Description: "x", Role: client.RoleAdmin, AuthzAdmin: []string{"g1"}, AuthzMember: []string{"g2"}}
	m, e := formOf(t, newCommon(t), &ws)
	if e.Form.Value("name") != "Old" {
		t.Fatal("edit form not filled")
	}
	got := tuitest.Run(answer(m, saved{ws: client.Workspace{WorkspaceID: "w1", Name: "New"}}, nil))
	var status bool
	for _, g := range got {
		if s, ok := g.(common.StatusMsg); ok {
			status = s.Text == "Workspace “New” saved."
		}
	}
	if !status || m.Form() != nil || !strings.Contains(m.View(), "New") {
		t.Errorf("after a save: %#v\n%s", got, m.View())
	}
}

func TestServerMessageGoesToTheField(t *testing.T) {
	m, f := formOf(t, newCommon(t), nil)
	f.showError(&client.Error{Kind: client.KindValidation, Message: "name: the length must be between 1 and 255.", Fields: map[string]string{"name": "the length must be between 1 and 255"}})
	if !strings.Contains(string(tuitest.Screen(m)), "✗ The length must be between 1 and 255.") {
		t.Errorf("not at the field:\n%s", tuitest.Screen(m))
	}
	f.showError(errors.New("boom"))
	if !strings.Contains(string(tuitest.Screen(m)), "boom") {
		t.Error("other errors not on the form")
	}
}

func many(n int) []client.Workspace {
	ws := make([]client.Workspace, n)
	for i := range ws {
		ws[i] = client.Workspace{WorkspaceID: fmt.Sprint("id-", i), Name: fmt.Sprintf("workspace %05d", i),
			Description: "generated", Role: client.RoleAdmin, CreatedAt: day.AddDate(0, 0, -i%900)}
	}
	return ws
}

func TestTenThousandWorkspacesRenderAndFilter(t *testing.T) {
	m := loaded(t, newCommon(t), many(10000))
	v := string(tuitest.Screen(m))
	if !strings.Contains(v, "Workspaces · 10000") || !strings.Contains(v, "workspace 00000") {
		t.Fatalf("view:\n%s", v)
	}
	if n := strings.Count(v, "workspace "); n > testH {
		t.Errorf("%d rows drawn in %d lines", n, testH)
	}
	press(m, "/", "9", "9", "9", "9")
	if m.Table().Len() != 1 || !strings.Contains(string(tuitest.Screen(m)), "workspace 09999") {
		t.Errorf("filter 9999: %d rows", m.Table().Len())
	}
	press(m, "enter", "G")
	if r, _ := m.Table().Selected(); r.ID != "id-9999" {
		t.Errorf("selected %q", r.ID)
	}
}

func benchSizes(b *testing.B, fn func(b *testing.B, m *Model)) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			m := loaded(b, newCommon(b), many(n))
			b.ReportAllocs()
			b.ResetTimer()
			fn(b, m)
		})
	}
}

// BenchmarkWorkspacesKeyPress measures Update and View for one cursor move.
func BenchmarkWorkspacesKeyPress(b *testing.B) {
	benchSizes(b, func(b *testing.B, m *Model) {
		tuitest.Alternate(b, m, tuitest.Key("down"), tuitest.Key("up"))
	})
}

// BenchmarkWorkspacesFilter measures Update and View for one character
// typed into the filter (and one erased, to keep the filter short).
func BenchmarkWorkspacesFilter(b *testing.B) {
	benchSizes(b, func(b *testing.B, m *Model) {
		press(m, "/")
		tuitest.Alternate(b, m, tuitest.Key("7"), tuitest.Key("backspace"))
	})
}

// While the list is on its way, r neither asks again nor offers to.
func TestNoSecondRequestWhileLoading(t *testing.T) {
	m := New(newCommon(t), nil)
	m.SetSize(testW, testH)
	m.Init() // the first list is on its way
	if strings.Contains(helpKeys(m.ShortHelp()), "r") {
		t.Errorf("the help offers r while the list loads: %s", helpKeys(m.ShortHelp()))
	}
	if cmd := press(m, "r"); cmd != nil {
		t.Fatal("r sent a second request while the first was on its way")
	}

	m = loaded(t, newCommon(t), sample())
	if press(m, "r") == nil {
		t.Fatal("r did not refresh a loaded list")
	}
	if cmd := press(m, "r"); cmd != nil {
		t.Fatal("a second r sent another request while the refresh was on its way")
	}
	m.Update(m.Reply(nil, errors.New("boom")))
	if press(m, "r") == nil {
		t.Fatal("r did not retry after the refresh failed")
	}
}

// TestSavedNameIsListedBeforeTheReload: right after "saved", the list shows
// the new name, so a delete pressed at once asks for the name the user
// just gave, not the one the reload has yet to replace.
func TestSavedNameIsListedBeforeTheReload(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	renamed := sample()[0]
	renamed.Name, renamed.Description = "Acme Renamed", "Renamed products"
	answer(m, saved{ws: renamed}, nil)
	if !strings.Contains(m.View(), "Acme Renamed") || strings.Contains(m.View(), "Acme Platform") {
		t.Fatalf("the list still shows the old name:\n%s", m.View())
	}
	press(m, "d")
	if !strings.Contains(m.View(), "Type Acme Renamed to confirm") {
		t.Fatalf("delete asks for another name:\n%s", m.View())
	}
}

// TestCreatedWorkspaceIsListedBeforeTheReload: a workspace just created is
// in the list (with the creator as its Manager) and under the cursor.
func TestCreatedWorkspaceIsListedBeforeTheReload(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	created := client.Workspace{WorkspaceID: "w9", Name: "Brand New", Description: "fresh"}
	answer(m, saved{ws: created, created: true}, nil)
	press(m, "d")
	if !strings.Contains(m.View(), "Type Brand New to confirm") {
		t.Fatalf("the created workspace is not under the cursor:\n%s", m.View())
	}
}

// The platform counts a name's length in bytes: 200 "é" are 400 of them
// and would be refused, so the form says so before sending.
func TestFormCountsBytesLikeThePlatform(t *testing.T) {
	if msg := checkName(strings.Repeat("é", 200)); !strings.Contains(msg, "255 bytes") {
		t.Errorf("name of 400 bytes: %q", msg)
	}
	if msg := checkDescription(strings.Repeat("é", 128)); !strings.Contains(msg, "255 bytes") {
		t.Errorf("description of 256 bytes: %q", msg)
	}
	if msg := checkName(strings.Repeat("é", 127)); msg != "" {
		t.Errorf("name of 254 bytes refused: %q", msg)
	}
}

// TestFilterMatchesTheRoleColumn: "/" matches every text column shown,
// the role included.
func TestFilterMatchesTheRoleColumn(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	press(m, "/", "u", "s", "e", "r")
	v := m.View()
	if !strings.Contains(v, "Security Research") || strings.Contains(v, "Acme Platform") || strings.Contains(v, "Data & ML") {
		t.Fatalf("filtering by the role User:\n%s", v)
	}
}

// "/" finds a workspace by its description too, and the repository count
// is shown only where the user is a Manager (a User sees fewer than the
// platform counts).
func TestFilterMatchesDescriptionsAndCountsAreTheManagers(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	press(m, "/", "r", "e", "d", "-", "t", "e", "a", "m")
	v := m.View()
	if !strings.Contains(v, "Security Research") || strings.Contains(v, "Acme Platform") {
		t.Fatalf("filtering by a description:\n%s", v)
	}
	m = loaded(t, newCommon(t), sample())
	for _, line := range strings.Split(m.View(), "\n") {
		switch {
		case strings.Contains(line, "Acme Platform") && !strings.Contains(line, " 41 "):
			t.Errorf("a Manager's row lacks its count: %q", line)
		case strings.Contains(line, "Security Research") && (strings.Contains(line, " 4 ") || !strings.Contains(line, "—")):
			t.Errorf("a User's row shows the platform's count: %q", line)
		}
	}
}

// ldapCommon is the UI's state logged in to an empty LDAP demo platform
// as its Manager.
func ldapCommon(t *testing.T) *common.Common {
	_, cl := tuitest.Demo(t, horusectest.Options{LDAP: true, DisableEmails: true, Empty: true}, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	c := tuitest.Common(cl, nil)
	c.AuthConfig = client.AuthConfig{AuthType: client.AuthTypeLDAP}
	return c
}

// On an LDAP platform the form has the group fields: the Admin groups
// start with one of the caller's groups, a list without any of them is
// refused before sending, and what is sent creates the workspace.
func TestFormGroupsOnLDAP(t *testing.T) {
	c := ldapCommon(t)
	m, f := formOf(t, c, nil)
	m.SetSize(testW, 40)
	if got := f.Form.Value(groups.FieldAdminGroups); got != "platform-leads" {
		t.Fatalf("Admin groups start as %q, want the caller's first group", got)
	}
	screen := strings.Join(strings.Fields(string(tuitest.Screen(m))), " ")
	for _, want := range []string{"Admin groups", "Member groups", "Your groups: platform-leads, developers", "Required: at least one of your groups"} {
		if !strings.Contains(screen, want) {
			t.Errorf("the form lacks %q:\n%s", want, tuitest.Screen(m))
		}
	}
	press(m, "L", "a", "b")
	f.Form.Field(groups.FieldAdminGroups).SetValue("someone-elses")
	f.Form.Field(groups.FieldMemberGroups).SetValue("developers")
	if cmd := press(m, "ctrl+s"); cmd != nil && m.Loading() {
		t.Fatal("Admin groups without one of mine were sent")
	}
	if !strings.Contains(strings.Join(strings.Fields(string(tuitest.Screen(m))), " "), "Name at least one of your LDAP groups") {
		t.Fatalf("no message at the Admin groups:\n%s", tuitest.Screen(m))
	}
	f.Form.Field(groups.FieldAdminGroups).SetValue("platform-leads, someone-elses")
	cmd := press(m, "ctrl+s")
	if cmd == nil || !m.Loading() {
		t.Fatal("a valid form was not sent")
	}
	var created *client.Workspace
	for _, msg := range tuitest.Run(cmd) {
		if r, ok := msg.(common.Result[saved]); ok {
			if r.Err != nil {
				t.Fatalf("create: %v", r.Err)
			}
			created = &r.Value.ws
		}
	}
	if created == nil || created.Name != "Lab" || strings.Join(created.AuthzAdmin, ",") != "platform-leads,someone-elses" || strings.Join(created.AuthzMember, ",") != "developers" {
		t.Fatalf("created %+v", created)
	}
	// The edit form keeps the lists (the platform replaces every field).
	_, e := formOf(t, c, created)
	if e.Form.Value(groups.FieldAdminGroups) != "platform-leads, someone-elses" || e.Form.Value(groups.FieldMemberGroups) != "developers" {
		t.Fatalf("edit form groups: %q / %q", e.Form.Value(groups.FieldAdminGroups), e.Form.Value(groups.FieldMemberGroups))
	}
}

// The platform's refusal of the Admin groups (the groups changed since
// the login) is shown under that field, by its code.
func TestAdminGroupRefusalAtItsField(t *testing.T) {
	m, f := formOf(t, ldapCommon(t), nil)
	m.SetSize(testW, 40)
	f.showError(&client.Error{Kind: client.KindValidation, Status: 400, Op: "create workspace",
		Message: "Admin groups refused", Refusal: client.RefusalAdminGroup})
	screen := strings.Join(strings.Fields(string(tuitest.Screen(m))), " ")
	if !strings.Contains(screen, groups.MsgAdminGroupRefused) || strings.Contains(screen, "Admin groups refused") {
		t.Fatalf("the refusal is not at the Admin groups:\n%s", tuitest.Screen(m))
	}
}

func TestNoGroupFieldsOnHorusec(t *testing.T) {
	_, f := formOf(t, newCommon(t), nil)
	if f.Form.Field(groups.FieldAdminGroups) != nil {
		t.Fatal("group fields on a horusec platform")
	}
}

// Two loads on their way (a refresh right after a save): the reply to the
// older one, arriving last, must not replace the newer list.
func TestOlderLoadArrivingLastIsDropped(t *testing.T) {
	m := loaded(t, newCommon(t), sample())
	m.Update(common.RefreshMsg{})
	older := m.Reply(sample(), nil)
	m.Update(common.RefreshMsg{})
	renamed := sample()
	renamed[0].Name = "Acme Renamed"
	m.Update(m.Reply(renamed, nil))
	m.Update(older)
	if v := m.View(); !strings.Contains(v, "Acme Renamed") || strings.Contains(v, "Acme Platform") {
		t.Fatalf("the older reply replaced the newer list:\n%s", v)
	}
	if m.Loading() {
		t.Error("still loading after the latest reply")
	}
}

// esc while a create is on its way: the form closes, and when the reply
// comes the workspace is listed, under the cursor, and announced.
func TestEscWhileCreatingKeepsTheReply(t *testing.T) {
	m, _ := formOf(t, newCommon(t), nil)
	tuitest.Type(m, "Brand New")
	if cmd := press(m, "ctrl+s"); cmd == nil {
		t.Fatal("the form was not sent")
	}
	press(m, "esc")
	if m.Form() != nil || m.Capturing() {
		t.Fatal("esc did not close the form")
	}
	if !m.Loading() {
		t.Error("the footer's spinner stopped with the create still on its way")
	}
	created := client.Workspace{WorkspaceID: "w9", Name: "Brand New", Role: client.RoleAdmin}
	var status string
	for _, msg := range tuitest.Run(answer(m, saved{ws: created, created: true}, nil)) {
		if s, ok := msg.(common.StatusMsg); ok {
			status = s.Text
		}
	}
	if status != "Workspace “Brand New” created." {
		t.Errorf("status %q", status)
	}
	press(m, "d")
	if !strings.Contains(m.View(), "Type Brand New to confirm") {
		t.Fatalf("the created workspace is not listed under the cursor:\n%s", m.View())
	}
}

// Editing only the description of a workspace whose name holds escapes
// leaves the name on the platform as it was: the field shows the name
// with what it cannot hold dropped, but sends it back untouched.
func TestEditKeepsANameTheFieldCannotHold(t *testing.T) {
	_, cl := tuitest.Demo(t, horusectest.Options{}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	const name = "Acme\x1b[31m\tLab"
	if _, err := cl.CreateWorkspace(context.Background(), client.WorkspaceData{Name: name, Description: "Tools"}); err != nil {
		t.Fatal(err)
	}
	ws := tuitest.Workspace(t, cl, name)
	m, e := formOf(t, tuitest.Common(cl, nil), &ws)
	e.Form.Focus("description")
	press(m, "end", "!")
	cmd := press(m, "ctrl+s")
	if cmd == nil || !m.Loading() {
		t.Fatal("the edit was not sent")
	}
	for _, msg := range tuitest.Run(cmd) {
		if r, ok := msg.(common.Result[saved]); ok && r.Err != nil {
			t.Fatalf("save: %v", r.Err)
		}
	}
	got := tuitest.Workspace(t, cl, name)
	if got.Name != name || got.Description != ws.Description+"!" {
		t.Fatalf("after saving the description: name %q, description %q; want %q, %q", got.Name, got.Description, ws.Name, ws.Description+"!")
	}
}
