package tokens

import (
	"bytes"
	"context"
	"encoding/base64"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/components/tabs"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// testNow is 15:00 UTC on 10 March 2026.
var testNow = time.Date(2026, 3, 10, 15, 0, 0, 0, time.UTC)

const plainToken = "3c7778f3-1169-4a4f-87fd-341bc5ea51f4"

func day(s string) time.Time {
	t, err := time.Parse(client.DateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func newCommon(t testing.TB) *common.Common {
	t.Helper()
	c := tuitest.Common(tuitest.Offline(t), func() time.Time { return testNow })
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	c.Ctx = ctx
	return c
}

func adminScope() common.Scope {
	return common.Scope{Workspace: client.Workspace{WorkspaceID: "ws-1", Name: "Acme Platform", Role: client.RoleAdmin}}
}

// safeBuffer is an OSC 52 destination written from a command's goroutine.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// fakeNative is a system clipboard.
type fakeNative struct {
	mu     sync.Mutex
	text   string
	writes int
}

func (f *fakeNative) ReadAll() (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.text, nil
}

func (f *fakeNative) WriteAll(s string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.text = s
	f.writes++
	return nil
}

func (f *fakeNative) get() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.text
}

func newTab(t *testing.T, scope common.Scope, cb Clipboard) *Model {
	t.Helper()
	m := NewTab(newCommon(t), scope, Options{Clipboard: cb})
	m.SetSize(100, 16)
	return m
}

func sampleTokens() []client.Token {
	return []client.Token{
		{TokenID: "t1", WorkspaceID: "ws-1", Description: "CI pipeline (GitHub Actions)", SuffixValue: "ab12c", CreatedAt: day("2025-08-22")},
		{TokenID: "t2", WorkspaceID: "ws-1", Description: "Old Jenkins job", SuffixValue: "9f3e1", IsExpirable: true, CreatedAt: day("2025-11-10"), ExpiresAt: day("2026-03-05")},
		{TokenID: "t3", WorkspaceID: "ws-1", Description: "Release pipeline", SuffixValue: "77d0a", IsExpirable: true, CreatedAt: day("2026-02-12"), ExpiresAt: day("2026-03-14")},
		{TokenID: "t4", WorkspaceID: "ws-1", Description: "Nightly full scan", SuffixValue: "c0ffe", IsExpirable: true, CreatedAt: day("2026-02-23"), ExpiresAt: day("2026-05-09")},
	}
}

// loaded gives m the answer to its first list request.
func loaded(t testing.TB, m *Model, list []client.Token, err error) {
	t.Helper()
	m.Init()
	m.Update(m.list.Reply(list, err))
}

// mode names what the tab shows: the list or one of its dialogs.
func mode(m *Model) string {
	switch m.dialogs.Active().(type) {
	case nil:
		return "list"
	case *createDialog:
		return "form"
	case *reveal:
		return "reveal"
	}
	return "confirm"
}

// formOf is the open create form.
func formOf(m *Model) *form.Model {
	if d, ok := m.dialogs.Active().(*createDialog); ok {
		return d.Form
	}
	return nil
}

// revealOf is the open reveal.
func revealOf(m *Model) *reveal {
	r, _ := m.dialogs.Active().(*reveal)
	return r
}

func view(m *Model) []byte { return []byte(m.View() + "\n") }

// --- the list ---

func TestListView(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	if got := m.Title(); got != "Tokens (4)" {
		t.Errorf("Title = %q", got)
	}
	tuitest.Golden(t, "list-100x16", view(m))
}

func TestListColoursExpiry(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	s := m.c.Styles
	for id, want := range map[string]lipgloss.Style{"t2": s.Error, "t3": s.Warning} {
		st, ok := m.styleCell(table.Row{ID: id}, 3, false)
		if !ok || st.GetForeground() != want.GetForeground() {
			t.Errorf("token %s: expiry style %v, want %v", id, st.GetForeground(), want.GetForeground())
		}
	}
	if _, ok := m.styleCell(table.Row{ID: "t4"}, 3, false); ok {
		t.Error("a valid token's expiry is coloured")
	}
}

func TestListFiltersByDescription(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	m.Update(tuitest.Key("/"))
	if !m.Capturing() {
		t.Error("not capturing while the filter is typed")
	}
	tuitest.Type(m, "pipe")
	out := m.View()
	if !strings.Contains(out, "CI pipeline") || !strings.Contains(out, "Release pipeline") || strings.Contains(out, "Jenkins") {
		t.Errorf("filter by description:\n%s", out)
	}
}

// TestListFiltersByEveryTextShown: the token's end and its expiry are
// matched as well as the description.
func TestListFiltersByEveryTextShown(t *testing.T) {
	for _, c := range []struct{ typed, want, not string }{
		{"expired", "Old Jenkins job", "Release pipeline"},
		{"77d0a", "Release pipeline", "Nightly full scan"},
	} {
		m := newTab(t, adminScope(), Clipboard{})
		loaded(t, m, sampleTokens(), nil)
		m.Update(tuitest.Key("/"))
		tuitest.Type(m, c.typed)
		if out := m.View(); !strings.Contains(out, c.want) || strings.Contains(out, c.not) {
			t.Errorf("filter %q:\n%s", c.typed, out)
		}
	}
}

// While the filter is typed every letter goes into it: the help offers
// only what still works there, not n, d or r.
func TestFilterHelpWhileTyping(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	m.Update(tuitest.Key("/"))
	if h := tuitest.Help(m.ShortHelp()); h != "enter keep filter, esc clear filter" {
		t.Errorf("help while typing the filter: %s", h)
	}
	if len(m.FullHelp()) != 1 {
		t.Errorf("full help while typing the filter: %v", m.FullHelp())
	}
}

func TestEmptyView(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, nil, nil)
	if got := m.Title(); got != "Tokens (0)" {
		t.Errorf("Title = %q", got)
	}
	tuitest.Golden(t, "empty-100x16", view(m))
}

func TestErrorViewForbidden(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, nil, &client.Error{Kind: client.KindForbidden, Status: 401, Op: "list workspace tokens",
		Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action", Refusal: client.RefusalNoPrivileges})
	out := m.View()
	if strings.Contains(out, "401") || strings.Contains(out, "HORUSEC_MIDDLEWARE") {
		t.Errorf("raw refusal shown:\n%s", out)
	}
	tuitest.Golden(t, "forbidden-100x16", view(m))
}

func TestErrorViewServer(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, nil, &client.Error{Kind: client.KindNetwork, Op: "list workspace tokens", Message: "connection refused"})
	tuitest.Golden(t, "server-error-100x16", view(m))
	// r tries again.
	if cmd := m.Update(tuitest.Key("r")); cmd == nil || !m.Loading() {
		t.Error("r does not reload")
	}
}

func TestExpiredSessionLogsInAgainAndRetries(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	m.Init()
	cmd := m.Update(m.list.Reply(nil, &client.Error{Kind: client.KindUnauthenticated}))
	msgs := tuitest.Run(cmd)
	if len(msgs) != 1 {
		t.Fatalf("msgs = %v", msgs)
	}
	if se, ok := msgs[0].(common.SessionExpiredMsg); !ok || se.Retry == nil {
		t.Errorf("got %#v, want SessionExpiredMsg with a retry", msgs[0])
	}
}

func TestLateListReplyIsDropped(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	m.Init()
	older := m.list.Reply(nil, nil)
	m.Update(tuitest.Key("r")) // load 2
	m.Update(m.list.Reply(sampleTokens(), nil))
	m.Update(older)
	if m.Title() != "Tokens (4)" {
		t.Errorf("an old answer replaced the list: %s", m.Title())
	}
	other := m.list.Reply(nil, nil)
	other.To += 1000
	m.Update(other)
	if m.Title() != "Tokens (4)" {
		t.Errorf("another screen's answer replaced the list: %s", m.Title())
	}
}

func TestRoleTooLowExplains(t *testing.T) {
	scope := adminScope()
	scope.Workspace.Role = client.RoleMember
	m := newTab(t, scope, Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	for _, k := range []string{"n", "d"} {
		st, ok := tuitest.StatusOf(tuitest.Run(m.Update(tuitest.Key(k))))
		if !ok || st.Kind != common.StatusError || !strings.Contains(st.Text, "Manager") {
			t.Errorf("%s: status %+v", k, st)
		}
		if mode(m) != "list" {
			t.Errorf("%s opened something for a User", k)
		}
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Key == "n" || b.Help().Key == "d" {
			t.Errorf("help offers %s to a User", b.Help().Key)
		}
	}
}

// --- create ---

func openForm(t *testing.T, m *Model) {
	t.Helper()
	m.Update(tuitest.Key("n"))
	if mode(m) != "form" || !m.Capturing() {
		t.Fatalf("n did not open the form (mode %v)", mode(m))
	}
}

func TestFormWithFieldErrors(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	m.SetSize(100, 30)
	loaded(t, m, sampleTokens(), nil)
	openForm(t, m)
	m.Update(tuitest.Key("tab")) // expiry
	for i := 0; i < 5; i++ {
		m.Update(tuitest.Key("right")) // … to "On a date"
	}
	m.Update(tuitest.Key("tab")) // date
	tuitest.Type(m, "2026-03-10")
	if cmd := m.Update(tuitest.Key("ctrl+s")); cmd != nil {
		t.Fatal("an invalid form was sent")
	}
	tuitest.Golden(t, "form-100x30", view(m))
}

func TestFormSendsExpiryAsTheContractSays(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, nil, nil)
	openForm(t, m)
	tuitest.Type(m, "  deploy bot ")
	m.Update(tuitest.Key("tab"))
	for i := 0; i < 5; i++ {
		m.Update(tuitest.Key("right"))
	}
	m.Update(tuitest.Key("tab"))
	tuitest.Type(m, "2026-03-11") // tomorrow: the earliest allowed
	e, err := m.dialogs.Active().(*createDialog).expiry()
	if err != nil {
		t.Fatal(err)
	}
	d := e.TokenData("deploy bot")
	if !d.IsExpirable || d.ExpiresAt == nil || d.ExpiresAt.Format(time.RFC3339) != "2026-03-11T00:00:00Z" {
		t.Errorf("body = %+v", d)
	}
	if cmd := m.Update(tuitest.Key("ctrl+s")); cmd == nil || !formOf(m).Submitting() {
		t.Error("a valid form was not sent")
	}
}

func TestFormShowsPlatformRefusalAndKeepsValues(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	submitted(t, m, "ci")
	m.Update(common.Result[*client.Secret]{To: m.ID(), Tag: tagCreate, Err: &client.Error{Kind: client.KindValidation, Status: 400,
		Message: "expiresAt: {TOKEN} expires at cannot be a past date.", Refusal: client.RefusalPastExpiry, Fields: map[string]string{"expiresAt": "{TOKEN} expires at cannot be a past date"}}})
	if mode(m) != "form" || formOf(m).Submitting() {
		t.Fatal("the form closed or still waits")
	}
	if formOf(m).Value("description") != "ci" {
		t.Errorf("description lost: %q", formOf(m).Value("description"))
	}
	if !strings.Contains(m.View(), "The expiry date is in the past") {
		t.Errorf("refusal not shown:\n%s", m.View())
	}
	m.Update(common.Result[*client.Secret]{To: m.ID(), Tag: tagCreate, Err: &client.Error{Kind: client.KindValidation, Status: 400,
		Message: "description: cannot be blank.", Fields: map[string]string{"description": "cannot be blank"}}})
	if !strings.Contains(m.View(), "✗ cannot be blank.") {
		t.Errorf("field error not under the field:\n%s", m.View())
	}
}

func created(t *testing.T, m *Model, plain string) *client.Secret {
	t.Helper()
	s := client.NewSecret([]byte(plain))
	m.Update(common.Result[*client.Secret]{To: m.ID(), Tag: tagCreate, Value: s})
	if mode(m) != "reveal" {
		t.Fatalf("no reveal after creation (mode %v)", mode(m))
	}
	return s
}

// submitted sends the create form of m, over an empty list, with the
// description typed; the reply is left to the test.
func submitted(t *testing.T, m *Model, description string) {
	t.Helper()
	loaded(t, m, nil, nil)
	openForm(t, m)
	tuitest.Type(m, description)
	m.Update(tuitest.Key("ctrl+s"))
}

// revealed creates a token named description on m and answers with
// plainToken: the reveal is open.
func revealed(t *testing.T, m *Model, description string) *client.Secret {
	t.Helper()
	submitted(t, m, description)
	return created(t, m, plainToken)
}

// copyToken presses c on m, hands each reply of the copy back to m and
// returns the messages that leads to.
func copyToken(m *Model) []tea.Msg {
	var msgs []tea.Msg
	for _, msg := range tuitest.Run(m.Update(tuitest.Key("c"))) {
		msgs = append(msgs, tuitest.Run(m.Update(msg))...)
	}
	return msgs
}

// --- the reveal ---

func TestRevealView(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	m.SetSize(100, 24)
	revealed(t, m, "Deploy bot")
	if !m.Capturing() || !m.HandlesEsc() {
		t.Error("the reveal lets keys through to the page")
	}
	tuitest.Golden(t, "reveal-100x24", view(m))
}

func TestRevealAskedToClose(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	m.SetSize(100, 24)
	revealed(t, m, "Deploy bot")
	m.Update(tuitest.Key("enter"))
	if mode(m) != "reveal" {
		t.Fatal("one enter closed the reveal")
	}
	tuitest.Golden(t, "asked-to-close-100x24", view(m))
	m.Update(tuitest.Key("esc"))
	if mode(m) != "reveal" || revealOf(m).confirming {
		t.Error("esc did not keep the reveal open")
	}
	for _, k := range []string{"q", "tab", "d", "n"} {
		m.Update(tuitest.Key(k))
		if mode(m) != "reveal" {
			t.Errorf("%s closed the reveal", k)
		}
	}
}

func TestCopyWritesOSC52OfExactlyTheToken(t *testing.T) {
	osc := &safeBuffer{}
	native := &fakeNative{}
	m := newTab(t, adminScope(), Clipboard{OSC52: osc, Native: native})
	revealed(t, m, "Deploy bot")

	msgs := copyToken(m)
	got := decodeOSC52(t, osc.String())
	if got != plainToken {
		t.Errorf("OSC 52 carries %q, want the token", got)
	}
	if native.get() != plainToken {
		t.Error("the system clipboard does not hold the token")
	}
	st, ok := tuitest.StatusOf(msgs)
	if !ok || st.Text != "Copied to the clipboard (OSC 52 and the system clipboard)" {
		t.Errorf("status = %+v", st)
	}
	if !strings.Contains(m.View(), "Copied to the clipboard") {
		t.Error("the reveal does not say where the copy went")
	}
}

var osc52Re = regexp.MustCompile("\x1b\\]52;c;([A-Za-z0-9+/=]*)\x07")

// decodeOSC52 reads the text of the one OSC 52 sequence in out.
func decodeOSC52(t *testing.T, out string) string {
	t.Helper()
	ms := osc52Re.FindAllStringSubmatch(out, -1)
	if len(ms) != 1 {
		t.Fatalf("want one OSC 52 sequence, got %q", out)
	}
	b, err := base64.StdEncoding.DecodeString(ms[0][1])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCopyWithoutAnyClipboardSaysSo(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	revealed(t, m, "x")
	msgs := copyToken(m)
	if st, _ := tuitest.StatusOf(msgs); st.Kind != common.StatusError || !strings.Contains(st.Text, "copy it by hand") {
		t.Errorf("status = %+v", st)
	}
}

func TestAcknowledgeWipesTheToken(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	s := revealed(t, m, "Deploy bot")
	raw := s.Bytes() // the plaintext's own memory
	if !strings.Contains(m.View(), plainToken) {
		t.Fatal("the reveal does not show the token")
	}
	m.Update(tuitest.Key("enter"))
	msgs := tuitest.Run(m.Update(tuitest.Key("enter")))
	if mode(m) != "list" || revealOf(m) != nil {
		t.Fatal("two enters did not close the reveal")
	}
	if !bytes.Equal(raw, make([]byte, len(raw))) {
		t.Errorf("the token's bytes were not zeroed: %q", raw)
	}
	if s.Len() != 0 {
		t.Error("the secret still holds bytes")
	}
	if strings.Contains(m.View(), plainToken) {
		t.Error("the view still shows the token")
	}
	if st, ok := tuitest.StatusOf(msgs); !ok || strings.Contains(st.Text, plainToken) {
		t.Errorf("status = %+v", st)
	}
	if !m.Loading() {
		t.Error("the list is not reloaded to show the new token")
	}
}

func TestQuitWipesTheToken(t *testing.T) {
	c := newCommon(t)
	ctx, cancel := context.WithCancel(context.Background())
	c.Ctx = ctx
	m := NewTab(c, adminScope(), Options{})
	s := revealed(t, m, "x")
	raw := s.Bytes()
	cancel() // the program ends
	// The wipe runs on the context's own goroutine: wait until it is seen.
	zeroed := func() bool {
		revealOf(m).mu.Lock()
		defer revealOf(m).mu.Unlock()
		return bytes.Equal(raw, make([]byte, len(raw)))
	}
	zero := zeroed()
	for i := 0; i < 5000 && !zero; i++ {
		time.Sleep(time.Millisecond)
		zero = zeroed()
	}
	if !zero {
		t.Error("the token survived the end of the program")
	}
}

func TestCloseWipesTheToken(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	s := revealed(t, m, "x")
	raw := s.Bytes()
	common.Close(m)
	if !bytes.Equal(raw, make([]byte, len(raw))) {
		t.Error("Close did not wipe the token")
	}
}

func TestTokenCreatedAfterCancelIsStillShown(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	submitted(t, m, "x")
	m.Update(tuitest.Key("esc"))
	if mode(m) != "list" {
		t.Fatal("esc did not close the form")
	}
	created(t, m, plainToken)
}

func TestClipboardClearedLaterOnlyWhenItStillHoldsTheToken(t *testing.T) {
	for _, tc := range []struct {
		name    string
		replace string
		want    string
	}{
		{"still the token", "", ""},
		{"copied something else since", "other text", "other text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			native := &fakeNative{}
			m := newTab(t, adminScope(), Clipboard{Native: native, ClearAfter: time.Millisecond})
			revealed(t, m, "x")
			copied := tuitest.Run(m.Update(tuitest.Key("c")))
			if len(copied) != 1 {
				t.Fatalf("copy replied %v", copied)
			}
			cmds := m.Update(copied[0])
			if tc.replace != "" {
				native.WriteAll(tc.replace)
			}
			tuitest.Run(cmds) // the status, then the timer
			if got := native.get(); got != tc.want {
				t.Errorf("clipboard = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestDefaultClipboardClearSetting(t *testing.T) {
	t.Setenv(ClipboardClearEnv, "30s")
	if got := DefaultClipboard().ClearAfter; got != 30*time.Second {
		t.Errorf("ClearAfter = %v", got)
	}
	t.Setenv(ClipboardClearEnv, "")
	if got := DefaultClipboard().ClearAfter; got != 0 {
		t.Errorf("ClearAfter = %v, want off by default", got)
	}
}

// --- revoke ---

func TestRevokeConfirmView(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	m.SetSize(100, 16)
	loaded(t, m, sampleTokens(), nil)
	m.Update(tuitest.Key("d"))
	if mode(m) != "confirm" {
		t.Fatal("d did not ask")
	}
	tuitest.Golden(t, "revoke-confirm-100x16", view(m))
}

func TestRevokeReportsGoneTokenAsRevoked(t *testing.T) {
	for _, err := range []error{nil, &client.Error{Kind: client.KindNotFound, Status: 404}} {
		m := newTab(t, adminScope(), Clipboard{})
		loaded(t, m, sampleTokens(), nil)
		m.Update(tuitest.Key("d"))
		if cmd := m.Update(tuitest.Key("y")); cmd == nil {
			t.Fatal("y sent nothing")
		}
		msgs := tuitest.Run(m.Update(common.Result[struct{}]{To: m.ID(), Tag: tagRevoke, Err: err}))
		st, ok := tuitest.StatusOf(msgs)
		if !ok || !strings.HasPrefix(st.Text, "Revoked “") || !strings.Contains(st.Text, "••••••••-") {
			t.Errorf("err %v: status %+v", err, st)
		}
		if mode(m) != "list" || !m.Loading() {
			t.Errorf("err %v: the list is not shown and reloaded", err)
		}
	}
}

func TestRevokeRefusalStaysInThePrompt(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	m.Update(tuitest.Key("d"))
	m.Update(tuitest.Key("y"))
	m.Update(common.Result[struct{}]{To: m.ID(), Tag: tagRevoke, Err: &client.Error{Kind: client.KindForbidden, Status: 401,
		Message: "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action", Refusal: client.RefusalNoPrivileges}})
	if mode(m) != "confirm" {
		t.Fatal("the prompt closed")
	}
	if out := m.View(); !strings.Contains(out, "needs the Manager role") {
		t.Errorf("refusal not explained:\n%s", out)
	}
}

func TestNoPanicOnEmptyListKeys(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, nil, nil)
	for _, k := range []string{"d", "enter", "j", "k", "esc", "/", "esc"} {
		m.Update(tuitest.Key(k))
	}
	if mode(m) != "list" {
		t.Errorf("mode = %v", mode(m))
	}
}

func TestTabsPassCloseOnAndKeepTabWhileTyping(t *testing.T) {
	c := newCommon(t)
	tok := NewTab(c, adminScope(), Options{})
	ts := tabs.New(c, tok, common.NewPlaceholder(c, "Members", ""))
	ts.SetSize(100, 20)
	ts.Init()
	tok.Update(tok.list.Reply(nil, nil))
	ts.Update(tuitest.Key("n"))
	ts.Update(tuitest.Key("tab")) // a field, not the next tab
	if ts.ActiveIndex() != 0 || mode(tok) != "form" {
		t.Fatalf("tab left the form (active %d, mode %v)", ts.ActiveIndex(), mode(tok))
	}
	formOf(tok).Field("description").SetValue("x")
	tok.Update(tuitest.Key("ctrl+s"))
	s := created(t, tok, plainToken)
	raw := s.Bytes()
	ts.Close()
	if !bytes.Equal(raw, make([]byte, len(raw))) {
		t.Error("closing the tabs did not wipe the token")
	}
}

func TestRepositoryScopeNamesItsRole(t *testing.T) {
	scope := adminScope()
	scope.Workspace.Role = client.RoleMember
	scope.Repository = &client.Repository{RepositoryID: "r-1", Name: "api", Role: client.RoleMember}
	m := newTab(t, scope, Clipboard{})
	loaded(t, m, nil, nil)
	st, _ := tuitest.StatusOf(tuitest.Run(m.Update(tuitest.Key("n"))))
	if st.Text != "Creating tokens needs the Manager role in this repository or in its workspace." {
		t.Errorf("status = %q", st.Text)
	}
	scope.Repository.Role = client.RoleAdmin
	m = newTab(t, scope, Clipboard{})
	loaded(t, m, nil, nil)
	openForm(t, m)
	if !strings.Contains(m.View(), "New token for the repository Acme Platform / api") {
		t.Errorf("form:\n%s", m.View())
	}
}

func BenchmarkListOf10000(b *testing.B) {
	list := make([]client.Token, 10000)
	for i := range list {
		list[i] = client.Token{TokenID: strconv.Itoa(i), Description: "token " + strconv.Itoa(i), SuffixValue: "abcde",
			IsExpirable: i%2 == 0, CreatedAt: day("2026-01-01").AddDate(0, 0, i%60), ExpiresAt: day("2026-03-01").AddDate(0, 0, i%30)}
	}
	m := NewTab(newCommon(b), adminScope(), Options{})
	m.SetSize(120, 40)
	loaded(b, m, list, nil)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Update(tuitest.Key("j"))
		_ = m.View()
	}
}

func TestExpiredSessionDuringCreateKeepsTheForm(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	submitted(t, m, "deploy bot")
	msgs := tuitest.Run(m.Update(common.Result[*client.Secret]{To: m.ID(), Tag: tagCreate, Err: &client.Error{Kind: client.KindUnauthenticated}}))
	if len(msgs) != 1 {
		t.Fatalf("msgs = %v", msgs)
	}
	if _, ok := msgs[0].(common.SessionExpiredMsg); !ok {
		t.Fatalf("got %T, want SessionExpiredMsg", msgs[0])
	}
	if mode(m) != "form" || formOf(m).Value("description") != "deploy bot" || !formOf(m).Submitting() {
		t.Error("the form lost what was typed, or can be sent twice")
	}
	if m.sent.Description != "deploy bot" || !m.sent.IsExpirable {
		t.Errorf("the retry would send %+v", m.sent)
	}
	// After the login the retried request answers: the reveal opens.
	created(t, m, plainToken)
	if !strings.Contains(m.View(), "deploy bot") {
		t.Error("the reveal does not name the token")
	}
}

func TestExpiredSessionDuringRevokeLeavesThePromptUsable(t *testing.T) {
	m := newTab(t, adminScope(), Clipboard{})
	loaded(t, m, sampleTokens(), nil)
	m.Update(tuitest.Key("d"))
	m.Update(tuitest.Key("y"))
	msgs := tuitest.Run(m.Update(common.Result[struct{}]{To: m.ID(), Tag: tagRevoke, Err: &client.Error{Kind: client.KindUnauthenticated}}))
	if _, ok := msgs[0].(common.SessionExpiredMsg); !ok {
		t.Fatalf("got %T, want SessionExpiredMsg", msgs[0])
	}
	m.Update(tuitest.Key("esc"))
	if mode(m) != "list" {
		t.Error("the prompt is stuck after an expired session")
	}
}
