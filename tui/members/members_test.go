package members

import (
	"context"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

const (
	idManager = "11111111-1111-4111-8111-111111111111"
	idBob     = "22222222-2222-4222-8222-222222222222"
	idCarol   = "33333333-3333-4333-8333-333333333333"
)

var acme = client.Workspace{WorkspaceID: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", Name: "acme", Role: client.RoleAdmin}

func demoMembers() []client.Member {
	return []client.Member{
		{AccountID: idCarol, Email: "carol@example.com", Username: "carol", Role: client.RoleSupervisor},
		{AccountID: idManager, Email: "manager@example.com", Username: "manager", Role: client.RoleAdmin},
		{AccountID: idBob, Email: "bob@example.com", Username: "bob", Role: client.RoleMember},
	}
}

// newCommon builds what the shell hands a screen, logged in as sess. The
// client points nowhere: these tests answer requests themselves.
func newCommon(t testing.TB, sess *client.Session) *common.Common {
	t.Helper()
	cl := tuitest.Offline(t)
	cl.SetSession(sess)
	return tuitest.Common(cl, nil)
}

func managerSession() *client.Session {
	return &client.Session{AccountID: idManager, Email: "manager@example.com", Username: "manager"}
}

// loaded returns a tab of scope that has received members.
func loaded(t *testing.T, c *common.Common, scope common.Scope, members []client.Member) *Model {
	t.Helper()
	m := newModel(c, scope)
	m.SetSize(80, 16)
	if m.Init() == nil {
		t.Fatal("Init sends no request")
	}
	m.Update(m.list.Reply(members, nil))
	return m
}

func press(m *Model, keys ...string) tea.Cmd {
	var cmd tea.Cmd
	for _, k := range keys {
		cmd = m.Update(tuitest.Key(k))
	}
	return cmd
}

// selectRow moves the cursor to the row whose username is name.
func selectRow(t *testing.T, m *Model, name string) {
	t.Helper()
	press(m, "g")
	for i := 0; i < len(m.members); i++ {
		if mem, ok := m.selected(); ok && mem.Username == name {
			return
		}
		press(m, "j")
	}
	t.Fatalf("no row %q", name)
}

// isOpen reports whether the dialog open over the list is a D.
func isOpen[D dialog.Dialog](m *Model) bool {
	_, ok := m.dialogs.Active().(D)
	return ok
}

// isForm reports whether the dialog open over the list is the form kind.
func isForm(m *Model, kind string) bool {
	d, ok := m.dialogs.Active().(*formDialog)
	return ok && d.kind == kind
}

// formOf is the form of the dialog open over the list.
func formOf(m *Model) *form.Model {
	if d, ok := m.dialogs.Active().(*formDialog); ok {
		return d.Form
	}
	return nil
}

func view(m *Model) string {
	return strings.TrimRight(m.View(), "\n") + "\n"
}

func requireGolden(t *testing.T, m *Model, name string) {
	t.Helper()
	tuitest.Golden(t, name, view(m))
}

func runStatus(t *testing.T, cmd tea.Cmd) string {
	t.Helper()
	if cmd == nil {
		return ""
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c == nil {
				continue
			}
			if s, ok := c().(common.StatusMsg); ok {
				return s.Text
			}
		}
		return ""
	}
	if s, ok := msg.(common.StatusMsg); ok {
		return s.Text
	}
	return ""
}

func TestListGolden(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	if got := m.Title(); got != "Members (3)" {
		t.Errorf("title %q", got)
	}
	requireGolden(t, m, "list-80x16")
}

func TestEmptyGolden(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, nil)
	if got := m.Title(); got != "Members (0)" {
		t.Errorf("title %q", got)
	}
	requireGolden(t, m, "empty-80x16")
}

func TestErrorGolden(t *testing.T) {
	c := newCommon(t, managerSession())
	m := newModel(c, common.Scope{Workspace: acme})
	m.SetSize(80, 16)
	m.Init()
	m.Update(m.list.Reply(nil, &client.Error{Kind: client.KindNetwork, Op: "list members", Message: "connection refused"}))
	if m.Title() != "Members" {
		t.Errorf("title %q", m.Title())
	}
	requireGolden(t, m, "error-80x16")
	if m.Capturing() {
		t.Error("the error view leaves esc to the shell (back)")
	}
	if press(m, "r") == nil {
		t.Error("r retries")
	}
}

func TestLoadingView(t *testing.T) {
	m := newModel(newCommon(t, managerSession()), common.Scope{Workspace: acme})
	m.SetSize(80, 16)
	m.Init()
	if !strings.Contains(m.View(), "Loading the members of acme") {
		t.Errorf("view:\n%s", m.View())
	}
}

func TestLateAndForeignRepliesAreDropped(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	stale := m.list.Reply(nil, nil)
	m.Update(tuitest.Key("r")) // load 2 in flight
	m.Update(stale)
	foreign := m.list.Reply(nil, nil)
	foreign.To += 1000
	m.Update(foreign)
	if len(m.members) != 3 {
		t.Fatalf("a stale or foreign reply replaced the list: %d members", len(m.members))
	}
	m.Update(m.list.Reply(demoMembers()[:1], nil))
	if len(m.members) != 1 || m.Title() != "Members (1)" {
		t.Fatalf("the current reply was not applied: %d members", len(m.members))
	}
}

func TestFilterByNameOrEmail(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "/")
	if !m.Capturing() {
		t.Fatal("typing a filter captures keys")
	}
	tuitest.Type(m, "carol@")
	if m.table.Len() != 1 {
		t.Fatalf("filter by e-mail: %d rows", m.table.Len())
	}
	press(m, "enter")
	if mem, _ := m.selected(); mem.Username != "carol" {
		t.Fatalf("selected %q", mem.Username)
	}
	// n typed in the filter is text, not "invite".
	press(m, "/", "n")
	if m.dialogs.IsOpen() {
		t.Fatal("a letter typed in the filter opened a dialog")
	}
}

func TestSelfIsNotEditable(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	selectRow(t, m, "manager")
	for _, k := range []string{"e", "d"} {
		if cmd := press(m, k); cmd != nil {
			t.Errorf("%s on your own row sent something", k)
		}
		if m.dialogs.IsOpen() {
			t.Errorf("%s on your own row opened a dialog", k)
		}
		if !strings.Contains(m.View(), "This is you.") {
			t.Errorf("%s on your own row says nothing:\n%s", k, m.View())
		}
	}
	requireGolden(t, m, "self-80x16")
	// The notice goes with the next key.
	press(m, "j")
	if strings.Contains(m.View(), "This is you.") {
		t.Error("the notice stays after the next key")
	}
}

func TestInviteFormEmailErrorGolden(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "n")
	if !isForm(m, "invite") || !m.Capturing() {
		t.Fatal("n does not open the invite form")
	}
	tuitest.Type(m, "ann@example")
	if cmd := press(m, "ctrl+s"); cmd != nil {
		if _, ok := cmd().(common.Result[client.Member]); ok {
			t.Fatal("a bad e-mail was sent")
		}
	}
	requireGolden(t, m, "invite-email-error-80x16")
}

func TestInviteRefusesAnExistingMemberLocally(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "n")
	tuitest.Type(m, "Bob@Example.com")
	if cmd := press(m, "ctrl+s"); cmd != nil {
		t.Fatal("an invite of an existing member was sent")
	}
	v := m.View()
	if !strings.Contains(v, "already a member") || !strings.Contains(v, "as User") {
		t.Fatalf("no explanation:\n%s", v)
	}
	if got := formOf(m).Value("email"); got != "Bob@Example.com" {
		t.Errorf("the form lost the e-mail: %q", got)
	}
}

func TestInviteNoAccount(t *testing.T) {
	for _, disabled := range []bool{false, true} {
		c := newCommon(t, managerSession())
		c.AuthConfig.DisableEmails = disabled
		m := loaded(t, c, common.Scope{Workspace: acme}, demoMembers())
		press(m, "n")
		tuitest.Type(m, "nobody@example.com")
		press(m, "tab", "k") // Supervisor
		cmd := press(m, "ctrl+s")
		if cmd == nil || !formOf(m).Submitting() {
			t.Fatal("the invite was not sent")
		}
		m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active()}, Err: &client.Error{Kind: client.KindValidation, Status: 400, Op: "invite", Message: "{CORE_WORKSPACE} not found user in workspace", Refusal: client.RefusalNoAccount}})
		// The explanation is read to its end: wrapped inside the tab's
		// width, not cut at the edge of the screen.
		for _, line := range strings.Split(m.View(), "\n") {
			if w := lipgloss.Width(line); w > 80 {
				t.Errorf("a line of %d cells in 80: %q", w, line)
			}
		}
		v := strings.Join(strings.Fields(m.View()), " ")
		if !strings.Contains(v, "must create a Horusec account first, then you can invite them.") {
			t.Fatalf("no explanation:\n%s", m.View())
		}
		if disabled != strings.Contains(v, "sends no e-mails") {
			t.Errorf("DisableEmails=%v, view:\n%s", disabled, v)
		}
		if formOf(m).Value("email") != "nobody@example.com" || formOf(m).Value("role") != client.RoleSupervisor || formOf(m).Submitting() {
			t.Error("the form did not keep its values")
		}
	}
}

func TestInviteServerRefusalReloads(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "n")
	tuitest.Type(m, "dave@example.com")
	press(m, "ctrl+s")
	cmd := m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active()}, Err: &client.Error{Kind: client.KindNoAccess, Status: 500, Op: "invite", Message: "{ERROR_HTTP} something went wrong, sorry for the inconvenience", Refusal: client.RefusalPlatformFailed}})
	if cmd == nil || !m.list.Loading() {
		t.Error("the list is not reloaded")
	}
	v := m.View()
	if !strings.Contains(v, "already a member") || strings.Contains(v, "ERROR_HTTP") || strings.Contains(v, "500") {
		t.Fatalf("view:\n%s", v)
	}
}

func TestInviteSuccess(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "n")
	tuitest.Type(m, "dave@example.com")
	press(m, "ctrl+s")
	cmd := m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active(), member: client.Member{AccountID: "x", Email: "dave@example.com", Role: client.RoleMember}}})
	if m.dialogs.IsOpen() {
		t.Error("the form stays open")
	}
	if got := runStatus(t, cmd); got != "Invited dave@example.com as User." {
		t.Errorf("status %q", got)
	}
	// The reloaded list holds them, and the cursor is on them: the next
	// thing one does is often to change their role.
	list := append(demoMembers(), client.Member{AccountID: "x", Email: "dave@example.com", Username: "dave", Role: client.RoleMember})
	m.Update(m.list.Reply(list, nil))
	if sel, ok := m.selected(); !ok || sel.Email != "dave@example.com" {
		t.Errorf("the cursor is on %q, not on the person just invited", sel.Email)
	}
}

func TestSessionExpiryKeepsTheForm(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "n")
	tuitest.Type(m, "dave@example.com")
	press(m, "ctrl+s")
	cmd := m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active()}, Err: &client.Error{Kind: client.KindUnauthenticated, Status: 401}})
	if cmd == nil {
		t.Fatal("nothing asked for a new login")
	}
	se, ok := cmd().(common.SessionExpiredMsg)
	if !ok || se.Retry == nil {
		t.Fatalf("got %T, want a SessionExpiredMsg with a retry", cmd())
	}
	if !isForm(m, "invite") || formOf(m).Value("email") != "dave@example.com" {
		t.Error("the form was lost")
	}
}

func TestRolePickerGolden(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	selectRow(t, m, "carol")
	press(m, "e")
	if !isForm(m, "role") || formOf(m).Value("role") != client.RoleSupervisor {
		t.Fatal("the picker does not start at the current role")
	}
	requireGolden(t, m, "role-picker-80x16")
}

func TestChangeRoleIsOptimisticAndRollsBack(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	selectRow(t, m, "bob")
	press(m, "e", "k", "k") // User → Supervisor → Manager
	cmd := press(m, "enter")
	if cmd == nil {
		t.Fatal("no request")
	}
	if m.dialogs.IsOpen() {
		t.Fatal("the picker stays open")
	}
	row, _ := m.table.Selected()
	if !strings.HasPrefix(row.Cells[2], "Manager") {
		t.Fatalf("the new role does not show at once: %q", row.Cells[2])
	}
	if cmd := press(m, "e"); cmd != nil || m.dialogs.IsOpen() {
		t.Error("a second change while the first is pending was allowed")
	}
	m.Update(common.Result[roleSet]{To: m.id, Tag: tagRole, Value: roleSet{accountID: idBob}, Err: &client.Error{Kind: client.KindForbidden, Status: 401, Op: "set role", Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action", Refusal: client.RefusalNoPrivileges}})
	row, _ = m.table.Selected()
	if row.Cells[2] != "User" {
		t.Fatalf("no rollback: %q", row.Cells[2])
	}
	v := m.View()
	// In the UI's words, not the platform's.
	if !strings.Contains(v, "bob is still User") || !strings.Contains(v, "does not allow this — a Manager can") || strings.Contains(v, "HORUSEC") {
		t.Fatalf("the refusal is not shown:\n%s", v)
	}

	// And the happy path keeps the new role.
	press(m, "e", "k")
	press(m, "enter")
	got := runStatus(t, m.Update(common.Result[roleSet]{To: m.id, Tag: tagRole, Value: roleSet{accountID: idBob}}))
	row, _ = m.table.Selected()
	if row.Cells[2] != "Supervisor" || got != "bob is now a Supervisor." {
		t.Fatalf("role %q, status %q", row.Cells[2], got)
	}
}

func TestRemoveConfirmGolden(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	selectRow(t, m, "bob")
	press(m, "d")
	if !isOpen[*dialog.Confirm[struct{}]](m) {
		t.Fatal("d does not ask")
	}
	requireGolden(t, m, "remove-confirm-80x16")
	if cmd := press(m, "n"); cmd != nil || m.dialogs.IsOpen() {
		t.Fatal("n does not cancel")
	}
	press(m, "d")
	if cmd := press(m, "y"); cmd == nil {
		t.Fatal("y sends nothing")
	}
	cmd := m.Update(common.Result[struct{}]{To: m.id, Tag: tagRemove})
	if m.dialogs.IsOpen() || runStatus(t, cmd) != "Removed bob." {
		t.Fatal("no confirmation of the removal")
	}
}

func TestPermissionsGolden(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	m.SetSize(80, 24)
	press(m, "P")
	if !isOpen[*permissions](m) {
		t.Fatal("p does not open the permissions")
	}
	requireGolden(t, m, "permissions-80x24")
	press(m, "esc")
	if m.dialogs.IsOpen() {
		t.Fatal("esc does not close them")
	}
}

// While the filter is typed every letter goes into it: the help offers
// only what still works there, not n, e, d, P or r.
func TestFilterHelpWhileTyping(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "/", "e", "r")
	if h := tuitest.Help(m.ShortHelp()); h != "enter keep filter, esc clear filter" {
		t.Errorf("help while typing the filter: %s", h)
	}
	press(m, "enter")
	if h := tuitest.Help(m.ShortHelp()); !strings.Contains(h, "n invite") {
		t.Errorf("help once the filter is kept: %s", h)
	}
}

func TestRoleAwareHelpAndKeys(t *testing.T) {
	// A Manager sees every action.
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	if h := tuitest.Help(m.ShortHelp()); !strings.Contains(h, "n invite") || !strings.Contains(h, "e change role") || !strings.Contains(h, "d remove") || !strings.Contains(h, "P permissions") {
		t.Errorf("Manager's help: %s", h)
	}

	// A User of the workspace (the views do not build the tab for them, but
	// the tab must not offer doomed requests either).
	user := acme
	user.Role = client.RoleMember
	m = loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: user}, demoMembers())
	if h := tuitest.Help(m.ShortHelp()); strings.Contains(h, "invite") || strings.Contains(h, "change role") || strings.Contains(h, "remove") {
		t.Errorf("User's help offers actions: %s", h)
	}
	selectRow(t, m, "bob")
	for _, k := range []string{"n", "e", "d"} {
		if cmd := press(m, k); cmd != nil || m.dialogs.IsOpen() {
			t.Errorf("%s was allowed for a User", k)
		}
		if !strings.Contains(m.View(), "Only a Manager") {
			t.Errorf("%s is not explained:\n%s", k, m.View())
		}
	}
}

func TestRepositoryScope(t *testing.T) {
	repo := &client.Repository{RepositoryID: "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", WorkspaceID: acme.WorkspaceID, Name: "api", Role: client.RoleAdmin}

	// A repository admin who is a User of the workspace may change roles
	// but cannot add people: the workspace member list is not theirs.
	ws := acme
	ws.Role = client.RoleMember
	scope := common.Scope{Workspace: ws, Repository: repo}
	m := loaded(t, newCommon(t, managerSession()), scope, demoMembers())
	if h := tuitest.Help(m.ShortHelp()); strings.Contains(h, "add member") || !strings.Contains(h, "change role") {
		t.Errorf("help: %s", h)
	}
	if cmd := press(m, "n"); cmd != nil {
		t.Error("n sent a doomed request")
	}
	if !strings.Contains(m.View(), "Only a workspace Manager can add people") {
		t.Errorf("view:\n%s", m.View())
	}

	// A workspace Manager picks from the workspace members not yet there.
	m = loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme, Repository: repo}, demoMembers()[1:2])
	if cmd := press(m, "n"); cmd == nil || !isOpen[*pick](m) {
		t.Fatal("n does not ask for the workspace members")
	}
	m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active(), members: []client.Member{
		{AccountID: idBob, Email: "bob@example.com", Username: "bob", Role: client.RoleMember},
		{AccountID: idCarol, Email: "carol@example.com", Username: "carol", Role: client.RoleSupervisor},
	}}})
	t.Run("AddPicker", func(t *testing.T) { requireGolden(t, m, "add-picker-80x16") })
	press(m, "j", "enter") // carol
	if d, ok := m.dialogs.Active().(*formDialog); !ok || d.kind != "add" || d.target.AccountID != idCarol {
		t.Fatalf("dialog %T %+v", m.dialogs.Active(), m.dialogs.Active())
	}
	press(m, "k") // Supervisor
	if cmd := press(m, "enter"); cmd == nil || !formOf(m).Submitting() {
		t.Fatal("the grant was not sent")
	}
	cmd := m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active(), member: client.Member{AccountID: idCarol, Role: client.RoleSupervisor}}})
	if got := runStatus(t, cmd); got != "Added carol to the repository as Supervisor." {
		t.Errorf("status %q", got)
	}

	// The platform refuses the list (the role changed meanwhile).
	press(m, "n")
	m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: m.dialogs.Active()}, Err: &client.Error{Kind: client.KindForbidden, Status: 401, Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action", Refusal: client.RefusalNoPrivileges}})
	if v := m.View(); !strings.Contains(v, "Only a workspace Manager can add people to this repository.") {
		t.Errorf("view:\n%s", v)
	}
	press(m, "esc")
	if m.dialogs.IsOpen() {
		t.Error("esc does not close the picker")
	}
}

func TestTenThousandMembers(t *testing.T) {
	many := make([]client.Member, 10000)
	for i := range many {
		many[i] = client.Member{AccountID: string(rune('a'+i%26)) + strings.Repeat("x", i%7) + "-" + itoa(i), Email: "user" + itoa(i) + "@example.com", Username: "user" + itoa(i), Role: client.RoleMember}
	}
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, many)
	if m.Title() != "Members (10000)" {
		t.Fatal(m.Title())
	}
	if n := strings.Count(m.View(), "\n"); n > 16 {
		t.Errorf("drew %d lines in 16", n)
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{digits[i%10]}, b...)
	}
	return string(b)
}

func benchModel(b *testing.B, n int) *Model {
	b.Helper()
	m := newModel(newCommon(b, managerSession()), common.Scope{Workspace: acme})
	m.SetSize(120, 40)
	m.Init()
	many := make([]client.Member, n)
	for i := range many {
		many[i] = client.Member{AccountID: "id-" + itoa(i), Email: "user" + itoa(i) + "@example.com", Username: "user" + itoa(i), Role: client.RoleMember}
	}
	m.Update(m.list.Reply(many, nil))
	return m
}

// BenchmarkMembersKeyPress is Update+View for one move of the cursor.
func BenchmarkMembersKeyPress(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(itoa(n), func(b *testing.B) {
			m := benchModel(b, n)
			b.ResetTimer()
			tuitest.Alternate(b, m, tuitest.Key("j"), tuitest.Key("k"))
		})
	}
}

// BenchmarkMembersFilter is Update+View for one character typed in the
// filter.
func BenchmarkMembersFilter(b *testing.B) {
	for _, n := range []int{100, 1000, 10000} {
		b.Run(itoa(n), func(b *testing.B) {
			m := benchModel(b, n)
			press(m, "/")
			b.ResetTimer()
			tuitest.Alternate(b, m, tuitest.Key("9"), tuitest.Key("backspace"))
		})
	}
}

// TestLastManagerIsKept: whoever manages the people (here the application
// admin, who holds no role) can neither demote nor remove the last
// Manager; the notice says how to hand over first.
func TestLastManagerIsKept(t *testing.T) {
	ws := acme
	ws.Role = client.RoleApplicationAdmin
	admin := &client.Session{AccountID: "99999999-9999-4999-8999-999999999999", Email: "admin@example.com", Username: "admin", IsApplicationAdmin: true}
	m := loaded(t, newCommon(t, admin), common.Scope{Workspace: ws}, demoMembers())
	selectRow(t, m, "manager")
	if cmd := press(m, "d"); cmd != nil || m.dialogs.IsOpen() {
		t.Fatal("removing the last Manager was offered")
	}
	if v := m.View(); !strings.Contains(v, "last Manager of this workspace") || !strings.Contains(v, "make someone else Manager") {
		t.Errorf("remove: no notice:\n%s", v)
	}
	press(m, "e", "j") // Manager → Supervisor
	if cmd := press(m, "enter"); cmd != nil {
		t.Fatal("demoting the last Manager sent a request")
	}
	if row, _ := m.table.Selected(); !strings.HasPrefix(row.Cells[2], "Manager") {
		t.Errorf("the role changed on screen: %q", row.Cells[2])
	}
	if v := strings.Join(strings.Fields(m.View()), " "); !strings.Contains(v, "then change their role") {
		t.Errorf("demote: no notice:\n%s", v)
	}

	// With a second Manager, either may go.
	members := demoMembers()
	members[2].Role = client.RoleAdmin // bob
	m = loaded(t, newCommon(t, admin), common.Scope{Workspace: ws}, members)
	selectRow(t, m, "manager")
	press(m, "e", "j")
	if cmd := press(m, "enter"); cmd == nil {
		t.Error("demoting one of two Managers was refused")
	}
}

// On an LDAP platform the session has no account id: "you" is found by
// the login name, the stored roles are explained away and not offered.
func TestLDAPMembers(t *testing.T) {
	_, cl := tuitest.Demo(t, horusectest.Options{LDAP: true, DisableEmails: true}, horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	if cl.Session().AccountID != client.ZeroAccountID {
		t.Fatalf("account id %q", cl.Session().AccountID)
	}
	c := tuitest.Common(cl, nil)
	c.AuthConfig.AuthType = client.AuthTypeLDAP
	ws := tuitest.Workspace(t, cl, "Acme Platform")
	members, err := cl.WorkspaceMembers(context.Background(), ws.WorkspaceID, "")
	if err != nil {
		t.Fatal(err)
	}
	m := loaded(t, c, common.Scope{Workspace: ws}, members)
	m.SetSize(100, 20)
	v := strings.Join(strings.Fields(m.View()), " ") // the banner wraps
	for _, want := range []string{"manager (you) manager@example.com Manager", "access comes from LDAP groups", "roles stored here are not used", "Admin groups: platform-leads", "Member groups: developers"} {
		if !strings.Contains(v, want) {
			t.Errorf("the Members tab lacks %q:\n%s", want, v)
		}
	}
	if strings.Contains(tuitest.Help(m.ShortHelp()), "change role") {
		t.Errorf("role changes offered on LDAP: %s", tuitest.Help(m.ShortHelp()))
	}
	selectRow(t, m, "manager")
	if cmd := press(m, "d"); cmd != nil || m.dialogs.IsOpen() || !strings.Contains(m.View(), "This is you.") {
		t.Fatalf("removing yourself on LDAP was not refused:\n%s", m.View())
	}
	selectRow(t, m, "alice")
	if cmd := press(m, "e"); cmd != nil || m.dialogs.IsOpen() || !strings.Contains(m.View(), "Roles are not changed here") {
		t.Fatalf("a role change on LDAP was not refused:\n%s", m.View())
	}
}

// esc while an invitation is on its way: the form closes, the footer keeps
// spinning, and the reply is still announced and the list reloaded.
func TestEscWhileInvitingKeepsTheReply(t *testing.T) {
	m := loaded(t, newCommon(t, managerSession()), common.Scope{Workspace: acme}, demoMembers())
	press(m, "n")
	tuitest.Type(m, "dave@example.com")
	press(m, "ctrl+s")
	sent := m.dialogs.Active()
	press(m, "esc")
	if m.dialogs.IsOpen() || !m.Loading() {
		t.Fatalf("after esc: open %v, loading %v", m.dialogs.IsOpen(), m.Loading())
	}
	cmd := m.Update(common.Result[reply]{To: m.id, Tag: tagAsk, Value: reply{from: sent, member: client.Member{AccountID: "x", Email: "dave@example.com", Role: client.RoleMember}}})
	if got := runStatus(t, cmd); got != "Invited dave@example.com as User." {
		t.Errorf("status %q", got)
	}
	if !m.list.Loading() {
		t.Error("the list is not reloaded")
	}
	m.Update(m.list.Reply(demoMembers(), nil))
	if m.Loading() {
		t.Error("the footer still spins with nothing on its way")
	}
}
