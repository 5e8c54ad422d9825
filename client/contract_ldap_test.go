package client_test

// The contract suite's LDAP part (client/horusec-api.md §15): runs against the demo
// platform's LDAP mode, and against a real LDAP platform when
// TestContractRealPlatform finds the auth type "ldap" and
// HORUSEC_IT_LDAP_LOGIN / HORUSEC_IT_LDAP_PASSWORD name a directory user
// who is in at least one group.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

func TestContractDemoLDAP(t *testing.T) {
	runLDAPContract(t, demoTarget(t, horusectest.Options{LDAP: true, Empty: true, DisableEmails: true}),
		horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
}

// claimGroups reads the "permissions" claim of an access token as sent.
func claimGroups(t *testing.T, jwt string) []string {
	t.Helper()
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		t.Fatalf("the access token is not a JWT")
	}
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		t.Fatal(err)
	}
	var c struct {
		Permissions []string `json:"permissions"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c.Permissions
}

func runLDAPContract(t *testing.T, tg target, login, password string) {
	ctx := context.Background()
	newClient := func() *client.Client { return tg.newClient(t) }
	run := randHex(4)

	t.Run("auth config", func(t *testing.T) {
		cfg := must(newClient().AuthConfig(ctx))(t)
		if cfg.AuthType != client.AuthTypeLDAP {
			t.Fatalf("auth type %q, want ldap", cfg.AuthType)
		}
	})

	t.Run("refused logins", func(t *testing.T) {
		c := newClient()
		_, err := c.Login(ctx, "it-nobody-"+run, password)
		wantKind(t, err, client.KindUnauthenticated, "{LDAP} wrong user or password")
		// A wrong password of a real directory user: the generic 500.
		_, err = c.Login(ctx, login, password+"x")
		wantKind(t, err, client.KindServer, "{ERROR_HTTP} something went wrong")
		var e *client.Error
		if !errors.As(err, &e) || e.Status != http.StatusInternalServerError {
			t.Fatalf("wrong password answered %v, want HTTP 500", err)
		}
	})

	c := newClient()
	s, err := c.Login(ctx, login, password)
	if err != nil {
		t.Fatalf("login %s: %v", login, err)
	}
	groups := s.Groups()
	t.Run("login answer", func(t *testing.T) {
		if s.AccountID != client.ZeroAccountID {
			t.Errorf("accountID %q, want the zero UUID", s.AccountID)
		}
		if s.Email == "" || s.AccessToken == "" {
			t.Errorf("session %v without e-mail or token", s)
		}
		if tg.demo != nil && s.Username != login {
			t.Errorf("username %q, want the login name %q", s.Username, login)
		}
		if len(groups) == 0 || !slices.Equal(groups, claimGroups(t, s.AccessToken)) {
			t.Fatalf("groups %q, token permissions %q: the login must be in a group", groups, claimGroups(t, s.AccessToken))
		}
		if !s.KeepsGroups() {
			t.Error("a session with groups must not be renewed")
		}
	})
	if t.Failed() {
		t.FailNow()
	}
	g := groups[0]

	var wsID string
	t.Run("workspace needs one of the caller's groups as admin group", func(t *testing.T) {
		_, err := c.CreateWorkspace(ctx, client.WorkspaceData{Name: "it-ldap-" + run})
		wantKind(t, err, client.KindValidation, "admin ldap group should be a valid one for this user")
		_, err = c.CreateWorkspace(ctx, client.WorkspaceData{Name: "it-ldap-" + run, AuthzAdmin: []string{"it-not-my-group-" + run}})
		wantKind(t, err, client.KindValidation, "admin ldap group should be a valid one for this user")
		if r := client.RefusalOf(err); r != client.RefusalAdminGroup {
			t.Errorf("refusal %d, want RefusalAdminGroup", r)
		}
		w := must(c.CreateWorkspace(ctx, client.WorkspaceData{Name: "it-ldap-" + run, Description: "ldap", AuthzAdmin: []string{g}, AuthzMember: []string{g}}))(t)
		if w.Role != client.RoleAdmin || !slices.Equal(w.AuthzAdmin, []string{g}) {
			t.Fatalf("created %+v", w)
		}
		wsID = w.WorkspaceID
		got := must(c.Workspace(ctx, wsID))(t)
		if got.Role != client.RoleAdmin || !slices.Equal(got.AuthzAdmin, []string{g}) || !slices.Equal(got.AuthzMember, []string{g}) {
			t.Fatalf("read back %+v", got)
		}
		list := must(c.Workspaces(ctx))(t)
		if i := slices.IndexFunc(list, func(w client.Workspace) bool { return w.WorkspaceID == wsID }); i < 0 || list[i].Role != client.RoleAdmin {
			t.Fatalf("the new workspace is not listed as mine: %+v", list)
		}
		// An update that sends the groups again keeps them.
		d := got.Data()
		d.Description = "edited"
		must(c.UpdateWorkspace(ctx, wsID, d))(t)
		if got = must(c.Workspace(ctx, wsID))(t); got.Description != "edited" || !slices.Equal(got.AuthzAdmin, []string{g}) {
			t.Fatalf("after an update with the groups: %+v", got)
		}
	})
	if wsID == "" {
		t.FailNow()
	}
	defer func() {
		if err := c.DeleteWorkspace(ctx, wsID); err != nil {
			t.Errorf("clean-up: %v", err)
		}
	}()

	t.Run("me without an account id", func(t *testing.T) {
		ms := must(c.WorkspaceMembers(ctx, wsID, ""))(t)
		var me []client.Member
		for _, m := range ms {
			if s.IsMe(m) {
				me = append(me, m)
			}
		}
		if len(me) != 1 || me[0].Role != client.RoleAdmin || me[0].AccountID == client.ZeroAccountID {
			t.Fatalf("the creator among the members %+v: %+v", ms, me)
		}
		// Stored roles are kept but not used: "demoted", the groups still
		// make the creator a Manager.
		must(c.SetWorkspaceMemberRole(ctx, wsID, me[0].AccountID, client.RoleMember))(t)
		if _, err := c.WorkspaceMembers(ctx, wsID, ""); err != nil {
			t.Fatalf("a stored role was used: %v", err)
		}
		if w := must(c.Workspace(ctx, wsID))(t); w.Role != client.RoleAdmin {
			t.Fatalf("role %q after a stored role change, want admin (from the groups)", w.Role)
		}
		must(c.SetWorkspaceMemberRole(ctx, wsID, me[0].AccountID, client.RoleAdmin))(t)
	})

	t.Run("repository needs one of the caller's groups as admin group", func(t *testing.T) {
		_, err := c.CreateRepository(ctx, wsID, client.RepositoryData{Name: "it-ldap-repo"})
		wantKind(t, err, client.KindValidation, "admin ldap group should be a valid one for this user")
		r := must(c.CreateRepository(ctx, wsID, client.RepositoryData{Name: "it-ldap-repo", AuthzAdmin: []string{g}, AuthzSupervisor: []string{g}, AuthzMember: []string{g}}))(t)
		got := must(c.Repository(ctx, wsID, r.RepositoryID))(t)
		if !slices.Equal(got.AuthzAdmin, []string{g}) || !slices.Equal(got.AuthzSupervisor, []string{g}) || !slices.Equal(got.AuthzMember, []string{g}) {
			t.Fatalf("read back %+v", got)
		}
		list := must(c.Repositories(ctx, wsID, client.RepositoryQuery{}))(t)
		if i := slices.IndexFunc(list, func(x client.Repository) bool { return x.RepositoryID == r.RepositoryID }); i < 0 || list[i].Role != client.RoleAdmin {
			t.Fatalf("the new repository is not listed as mine: %+v", list)
		}
	})

	t.Run("the platform's renewal drops the groups", func(t *testing.T) {
		// The client refuses to renew such a session, without a request.
		before := 0
		if tg.demo != nil {
			before = tg.demo.Requests("POST", "/auth/account/refresh-token")
		}
		_, err := c.Refresh(ctx)
		wantKind(t, err, client.KindUnauthenticated, client.MsgLDAPSessionOver)
		if tg.demo != nil && tg.demo.Requests("POST", "/auth/account/refresh-token") != before {
			t.Fatal("the client sent a refresh for a session with groups")
		}
		if c.Session() == nil {
			t.Fatal("the refused renewal dropped a session that is still good")
		}
		// Asked directly, below the client.
		body, _ := json.Marshal(map[string]string{"refreshToken": s.RefreshToken})
		resp, err := http.Post(strings.TrimRight(tg.opts.AuthURL, "/")+"/auth/account/refresh-token", "application/json", strings.NewReader(string(body)))
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Skipf("this platform does not renew LDAP sessions (HTTP %d)", resp.StatusCode)
		}
		var env struct{ Content client.Session }
		if err := json.Unmarshal(raw, &env); err != nil || env.Content.AccessToken == "" {
			t.Fatalf("refresh answer: %v", err)
		}
		if gs := claimGroups(t, env.Content.AccessToken); len(gs) != 0 || env.Content.IsApplicationAdmin {
			t.Fatalf("renewed token groups %q, application admin %v: want none", gs, env.Content.IsApplicationAdmin)
		}
		r := newClient()
		r.SetSession(&env.Content)
		list := must(r.Workspaces(ctx))(t)
		if slices.IndexFunc(list, func(w client.Workspace) bool { return w.WorkspaceID == wsID }) >= 0 {
			t.Fatal("a renewed session still lists the workspace its groups gave")
		}
		_, err = r.Workspace(ctx, wsID)
		wantKind(t, err, client.KindForbidden, "you do not have enough privileges")
	})
}
