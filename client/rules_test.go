package client

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCleanDropsPlaceholders(t *testing.T) {
	d := Dashboard{
		VulnerabilitiesByAuthor:     []AuthorVulnerabilities{{}},
		VulnerabilitiesByRepository: []RepositoryVulnerabilities{{}},
		VulnerabilitiesByLanguage:   []LanguageVulnerabilities{{}, {Language: "Go", Severities: Severities{High: SeverityCount{Count: 2}}}},
	}
	c := d.Clean()
	if len(c.VulnerabilitiesByAuthor) != 0 || len(c.VulnerabilitiesByRepository) != 0 || len(c.VulnerabilitiesByLanguage) != 1 {
		t.Fatalf("placeholders kept: %+v", c)
	}
	if c.Empty() {
		t.Error("a dashboard with a language is not empty")
	}
	if !(Dashboard{VulnerabilitiesByAuthor: []AuthorVulnerabilities{{}}}).Clean().Empty() {
		t.Error("placeholders only should be empty")
	}
}

func TestSortTokensNewestFirstThenDescription(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2026, 3, d, 0, 0, 0, 0, time.UTC) }
	list := []Token{
		{TokenID: "old", Description: "a", CreatedAt: day(1)},
		{TokenID: "b", Description: "b", CreatedAt: day(2)},
		{TokenID: "A", Description: "A", CreatedAt: day(2)},
	}
	SortTokens(list)
	if got := list[0].TokenID + list[1].TokenID + list[2].TokenID; got != "Abold" {
		t.Errorf("order %s, want A, b, old", got)
	}
	if got := list[0].Masked(); got != "••••••••-" {
		t.Errorf("masked %q", got)
	}
	if got := MaskSuffix("x1Y2z"); got != "••••••••-x1Y2z" {
		t.Errorf("MaskSuffix = %q", got)
	}
}

func TestSortMembersByUsernameThenEmail(t *testing.T) {
	list := []Member{{Username: "bob", Email: "b@x.io"}, {Username: "Ann", Email: "z@x.io"}, {Username: "ann", Email: "a@x.io"}}
	SortMembers(list)
	if list[0].Email != "a@x.io" || list[1].Email != "z@x.io" || list[2].Username != "bob" {
		t.Errorf("order %+v", list)
	}
}

func TestRoleChecks(t *testing.T) {
	for role, want := range map[string]bool{RoleAdmin: true, RoleApplicationAdmin: true, RoleSupervisor: false, RoleMember: false, "": false} {
		if got := (Workspace{Role: role}).IsManager(); got != want {
			t.Errorf("workspace role %q: IsManager %v, want %v", role, got, want)
		}
		if got := (Repository{Role: role}).IsManager(); got != want {
			t.Errorf("repository role %q: IsManager %v, want %v", role, got, want)
		}
	}
	// A workspace Manager manages every repository of it, whatever the
	// repository role; others need the repository's own admin role.
	if !ManagesRepository(Workspace{Role: RoleAdmin}, Repository{Role: RoleMember}) {
		t.Error("a workspace Manager manages its repositories")
	}
	if ManagesRepository(Workspace{Role: RoleMember}, Repository{Role: RoleSupervisor}) {
		t.Error("a supervisor does not manage the repository")
	}
	if !ManagesRepository(Workspace{Role: RoleMember}, Repository{Role: RoleAdmin}) {
		t.Error("a repository admin manages it")
	}
}

func TestTooLongCountsBytes(t *testing.T) {
	if msg := TooLong("The name", strings.Repeat("a", 255)); msg != "" {
		t.Errorf("255 bytes refused: %s", msg)
	}
	// 200 two-byte letters are 200 characters but 400 bytes: the platform
	// refuses them (see horusectest's TestValidationFollowsOzzo).
	msg := TooLong("The name", strings.Repeat("é", 200))
	if !strings.Contains(msg, "at most 255 bytes") || !strings.Contains(msg, "has 400") {
		t.Errorf("400 bytes: %q", msg)
	}
}

// Refusals the platform words only in its message come with a Refusal, and
// validation refusals with their reason per field.
func TestRefusalsAreTyped(t *testing.T) {
	core := call{op: "test", svc: ServiceCore}
	// The Kind follows the code: the words are read once.
	for _, tc := range []struct {
		status int
		msg    string
		want   RefusalCode
		kind   Kind
	}{
		{400, "{CORE_WORKSPACE} not found user in workspace", RefusalNoAccount, KindValidation},
		{400, "{CORE_REPOSITORY} this user does not belong to this workspace", RefusalNotWorkspaceMember, KindValidation},
		{400, "{CORE_REPOSITORY} repository name already in use", RefusalNameInUse, KindConflict},
		{400, "{ACCOUNT} email already in use", RefusalEmailInUse, KindConflict},
		{400, "{ACCOUNT} username already in use", RefusalUsernameInUse, KindConflict},
		{403, "{HORUSEC AUTH} invalid username or password", RefusalWrongLogin, KindForbidden},
		{403, "{LDAP} wrong user or password", RefusalWrongLDAPLogin, KindForbidden},
		{403, "{HORUSEC AUTH} account email not confirmed", RefusalNotConfirmed, KindForbidden},
		{401, "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action", RefusalNoPrivileges, KindForbidden},
		{400, "admin ldap group should be a valid one for this user", RefusalAdminGroup, KindValidation},
		{400, "Admin LDAP group should be a valid one for this user", RefusalAdminGroup, KindValidation},
		{400, "expiresAt: {TOKEN} expires at cannot be a past date.", RefusalPastExpiry, KindValidation},
		{401, "this authorization token has expired, please renew it", RefusalAPITokenExpired, KindUnauthenticated},
		{500, "{ERROR_HTTP} something went wrong, sorry for the inconvenience", RefusalPlatformFailed, KindServer},
		{400, "rpc error: code = Unknown desc = token is expired by 2h0m1s", RefusalSessionExpired, KindUnauthenticated},
		{400, "rpc error: code = Unknown desc = token contains an invalid number of segments", RefusalSessionInvalid, KindUnauthenticated},
		{401, "rpc error: code = Unknown desc = {AUTHENTICATION} is not possible get user without email", RefusalSessionInvalid, KindUnauthenticated},
		{401, "rpc error: code = Unknown desc = {ERROR_DATABASE} database not found records", RefusalSessionInvalid, KindUnauthenticated},
		{401, "{ACCOUNT} invalid or expired refresh token", RefusalRefreshRefused, KindUnauthenticated},
		{400, "name: cannot be blank.", RefusalNone, KindValidation},
		{400, "{CORE_WORKSPACE} workspace name: admin group list", RefusalNone, KindValidation},
	} {
		e := platformError(core, tc.status, []byte(env(tc.status, tc.msg)))
		if got := RefusalOf(error(e)); got != tc.want || e.Kind != tc.kind {
			t.Errorf("%q: refusal %d, kind %v; want %d, %v", tc.msg, got, e.Kind, tc.want, tc.kind)
		}
	}
	e := platformError(core, 400, []byte(env(400, "description: the length must be no more than 255; name: cannot be blank.")))
	if e.Fields["name"] != "cannot be blank" || e.Fields["description"] != "the length must be no more than 255" || len(e.Fields) != 2 {
		t.Errorf("fields %v", e.Fields)
	}
	if e := platformError(core, 400, []byte(env(400, "{CORE_WORKSPACE} not found user in workspace"))); e.Fields != nil {
		t.Errorf("a refusal without fields: %v", e.Fields)
	}
	if RefusalOf(nil) != RefusalNone {
		t.Error("nil has no refusal")
	}
}

func TestFindWorkspaceByIDOrExactName(t *testing.T) {
	list := []Workspace{{WorkspaceID: "w-1", Name: "team"}, {WorkspaceID: "w-2", Name: "dup"}, {WorkspaceID: "w-3", Name: "dup"}}
	if w, err := FindWorkspace(list, "team"); err != nil || w.WorkspaceID != "w-1" {
		t.Errorf("by name: %v %v", w, err)
	}
	if w, err := FindWorkspace(list, "w-3"); err != nil || w.Name != "dup" {
		t.Errorf("by id: %v %v", w, err)
	}
	var amb *AmbiguousError
	if _, err := FindWorkspace(list, "dup"); !errors.As(err, &amb) || strings.Join(amb.IDs, ",") != "w-2,w-3" {
		t.Errorf("two named dup: %v", err)
	}
	if _, err := FindWorkspace(list, "Team"); !IsKind(err, KindNotFound) {
		t.Errorf("names are case-sensitive: %v", err)
	}
}
