package client_test

// The contract suite: the client against a platform, for every endpoint and
// every quirk of the API contract (client/horusec-api.md §12). It runs
// against the in-process demo platform, and against a real platform when
// HORUSEC_IT_AUTH_URL, HORUSEC_IT_CORE_URL and HORUSEC_IT_ANALYTIC_URL are
// set (HORUSEC_IT_API_URL too for uploads). Against a real platform it
// registers its own accounts with random e-mails, so e-mails must be
// disabled there (HORUSEC_DISABLE_EMAILS=true).

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/internal/uuid"
)

type target struct {
	opts client.Options
	demo *horusectest.Server // nil for a real platform
	// The application admin's login, on a platform where only they may
	// create workspaces (enableApplicationAdmin).
	adminEmail, adminPassword string
}

// demoTarget starts a demo platform with opts and points the suite at
// every one of its services.
func demoTarget(t *testing.T, opts horusectest.Options) target {
	t.Helper()
	srv := horusectest.Start(t, opts)
	return target{
		opts: client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL, APIURL: srv.APIURL,
			WebhookURL: srv.WebhookURL, VulnerabilityURL: srv.VulnerabilityURL},
		demo: srv,
	}
}

func TestContractDemoPlatform(t *testing.T) {
	runContract(t, demoTarget(t, horusectest.Options{DisableEmails: true}))
}

// TestContractDemoAnalyticLag runs the suite against a demo platform whose
// dashboards, like the real one's, count an upload's repository and author
// a moment after its severities: the suite must wait for every figure it
// checks.
func TestContractDemoAnalyticLag(t *testing.T) {
	runContract(t, demoTarget(t, horusectest.Options{DisableEmails: true, AnalyticLag: time.Second}))
}

// TestContractDemoApplicationAdmin runs the suite where only the
// application admin may create workspaces.
func TestContractDemoApplicationAdmin(t *testing.T) {
	tg := demoTarget(t, horusectest.Options{DisableEmails: true, ApplicationAdmin: true, Empty: true})
	tg.adminEmail, tg.adminPassword = horusectest.AdminEmail, horusectest.AdminPassword
	tg.demo = nil // checked as a real platform: it has none of the seed's accounts
	runContract(t, tg)
}

// TestContractRealPlatform reads the platform's auth configuration and runs
// what applies: the whole suite with its own registered accounts (with the
// application admin's login when only they may create workspaces), or the
// LDAP part with a directory login.
func TestContractRealPlatform(t *testing.T) {
	auth, core, analytic := os.Getenv("HORUSEC_IT_AUTH_URL"), os.Getenv("HORUSEC_IT_CORE_URL"), os.Getenv("HORUSEC_IT_ANALYTIC_URL")
	if auth == "" || core == "" || analytic == "" {
		t.Skip("real-platform contract tests skipped: set HORUSEC_IT_AUTH_URL, HORUSEC_IT_CORE_URL and HORUSEC_IT_ANALYTIC_URL " +
			"(and HORUSEC_IT_API_URL for uploads, with HORUSEC_IT_VULNERABILITY_URL for triage) to the services of a platform with e-mails disabled")
	}
	tg := target{opts: client.Options{AuthURL: auth, CoreURL: core, AnalyticURL: analytic, APIURL: os.Getenv("HORUSEC_IT_API_URL"),
		VulnerabilityURL: os.Getenv("HORUSEC_IT_VULNERABILITY_URL")}}
	c, err := client.New(tg.opts)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := c.AuthConfig(context.Background())
	if err != nil {
		t.Fatalf("read the auth configuration: %v", err)
	}
	switch cfg.AuthType {
	case client.AuthTypeLDAP:
		login, password := os.Getenv("HORUSEC_IT_LDAP_LOGIN"), os.Getenv("HORUSEC_IT_LDAP_PASSWORD")
		if login == "" || password == "" {
			t.Skip("an LDAP platform: set HORUSEC_IT_LDAP_LOGIN and HORUSEC_IT_LDAP_PASSWORD to a directory user who is in at least one group")
		}
		runLDAPContract(t, tg, login, password)
		return
	case client.AuthTypeKeycloak:
		t.Skip("a Keycloak platform: this suite covers the horusec and ldap auth types")
	}
	if cfg.EnableApplicationAdmin {
		tg.adminEmail, tg.adminPassword = os.Getenv("HORUSEC_IT_APP_ADMIN_EMAIL"), os.Getenv("HORUSEC_IT_APP_ADMIN_PASSWORD")
		if tg.adminEmail == "" || tg.adminPassword == "" {
			t.Skip("only the application admin may create workspaces here: set HORUSEC_IT_APP_ADMIN_EMAIL and HORUSEC_IT_APP_ADMIN_PASSWORD")
		}
	}
	runContract(t, tg)
}

// newClient is a client of the target's platform, with mod applied to its
// options.
func (tg target) newClient(t *testing.T, mod ...func(*client.Options)) *client.Client {
	t.Helper()
	o := tg.opts
	for _, m := range mod {
		m(&o)
	}
	c, err := client.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// runAccounts are the three accounts a run of a suite registers, named
// with prefix and the run.
func runAccounts(prefix, run string) (owner, mate, outsider account) {
	mk := func(name string) account {
		return account{email: fmt.Sprintf("%s-%s-%s@example.com", prefix, name, run), username: fmt.Sprintf("%s-%s-%s", prefix, name, run),
			password: "It#" + run + "aA1"}
	}
	return mk("owner"), mk("mate"), mk("outsider")
}

func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

type account struct {
	email, username, password, id string
}

func wantKind(t *testing.T, err error, k client.Kind, msg string) {
	t.Helper()
	var e *client.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %v (%T), want a %v *client.Error", err, err, k)
	}
	if e.Kind != k {
		t.Fatalf("got kind %v (%v), want %v", e.Kind, err, k)
	}
	if msg != "" && !strings.Contains(e.Message, msg) {
		t.Fatalf("message %q, want it to contain %q", e.Message, msg)
	}
}

// must(f())(t) fails t on f's error and returns its value.
func must[T any](v T, err error) func(*testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func isDateOnly(tm time.Time) bool {
	tm = tm.UTC()
	return tm.Hour() == 0 && tm.Minute() == 0 && tm.Second() == 0 && tm.Nanosecond() == 0
}

func runContract(t *testing.T, tg target) {
	ctx := context.Background()
	newClient := func(mod ...func(*client.Options)) *client.Client { return tg.newClient(t, mod...) }
	anon := newClient()
	run := randHex(4)
	owner, mate, outsider := runAccounts("it", run)

	t.Run("health", func(t *testing.T) {
		for _, s := range []client.Service{client.ServiceAuth, client.ServiceCore, client.ServiceAnalytic} {
			if err := anon.Health(ctx, s); err != nil {
				t.Errorf("%s: %v", s, err)
			}
		}
		if tg.opts.APIURL != "" {
			if err := anon.Health(ctx, client.ServiceAPI); err != nil {
				t.Errorf("api: %v", err)
			}
		}
	})

	t.Run("auth config", func(t *testing.T) {
		cfg := must(anon.AuthConfig(ctx))(t)
		if cfg.AuthType != client.AuthTypeHorusec {
			t.Fatalf("auth type %q: this suite needs the horusec auth type", cfg.AuthType)
		}
		if !cfg.DisableEmails {
			t.Fatal("e-mails are enabled: accounts registered here could not log in")
		}
	})

	t.Run("register", func(t *testing.T) {
		for _, a := range []*account{&owner, &mate, &outsider} {
			acc := must(anon.Register(ctx, client.RegisterRequest{Email: a.email, Username: a.username, Password: a.password}))(t)
			if acc.AccountID == "" || acc.Email != a.email || !acc.IsConfirmed {
				t.Fatalf("account %+v", acc)
			}
			a.id = acc.AccountID
		}
		_, err := anon.Register(ctx, client.RegisterRequest{Email: owner.email, Username: "other-" + run, Password: owner.password})
		wantKind(t, err, client.KindConflict, "{ACCOUNT} email already in use")
		_, err = anon.Register(ctx, client.RegisterRequest{Email: "x" + owner.email, Username: owner.username, Password: owner.password})
		wantKind(t, err, client.KindConflict, "{ACCOUNT} username already in use")
		_, err = anon.Register(ctx, client.RegisterRequest{Email: "weak-" + owner.email, Username: "weak-" + run, Password: "weakpassword1!"})
		wantKind(t, err, client.KindValidation, "password: must contain an uppercase character.")
	})
	if t.Failed() {
		t.FailNow()
	}

	login := func(t *testing.T, a account, mod ...func(*client.Options)) *client.Client {
		t.Helper()
		c := newClient(mod...)
		if _, err := c.Login(ctx, a.email, a.password); err != nil {
			t.Fatalf("login %s: %v", a.email, err)
		}
		return c
	}

	t.Run("login", func(t *testing.T) {
		c := newClient()
		_, err := c.Login(ctx, owner.email, owner.password+"x")
		wantKind(t, err, client.KindUnauthenticated, "{HORUSEC AUTH} invalid username or password")
		_, err = c.Login(ctx, owner.username, owner.password) // a username is not an e-mail here
		wantKind(t, err, client.KindUnauthenticated, "{HORUSEC AUTH} invalid username or password")
		_, err = c.Login(ctx, owner.email, "")
		wantKind(t, err, client.KindValidation, "password: cannot be blank.")
		var got []*client.Session
		c = newClient(func(o *client.Options) { o.OnSession = func(s *client.Session) { got = append(got, s) } })
		before := time.Now()
		s := must(c.Login(ctx, owner.email, owner.password))(t)
		if s.AccountID != owner.id || s.Email != owner.email || s.AccessToken == "" || len(s.RefreshToken) != 64 {
			t.Fatalf("session for %s: account %q e-mail %q", owner.email, s.AccountID, s.Email)
		}
		if d := s.ExpiresAt.Sub(before); d < 59*time.Minute || d > 61*time.Minute {
			t.Fatalf("access token lives %v, want 1h", d)
		}
		if len(got) != 1 || got[0].AccessToken != s.AccessToken {
			t.Fatal("OnSession not called with the new session")
		}
	})

	oc := login(t, owner)
	mc := login(t, mate)
	xc := login(t, outsider)

	// Where only the application admin may create workspaces, they create
	// the suite's workspaces and hand them to the owner: invited as
	// Manager, then stepping out, so the owner's view is as elsewhere.
	creator := oc
	createWorkspace := oc.CreateWorkspace
	if tg.adminEmail != "" {
		creator = newClient()
		adm, err := creator.Login(ctx, tg.adminEmail, tg.adminPassword)
		if err != nil {
			t.Fatalf("login of the application admin %s: %v", tg.adminEmail, err)
		}
		t.Run("only the application admin creates workspaces", func(t *testing.T) {
			if !adm.IsApplicationAdmin {
				t.Fatalf("%s is not the application admin", tg.adminEmail)
			}
			_, err := oc.CreateWorkspace(ctx, client.WorkspaceData{Name: "it-refused-" + run})
			wantKind(t, err, client.KindForbidden, "you do not have enough privileges")
		})
		createWorkspace = func(ctx context.Context, d client.WorkspaceData) (client.Workspace, error) {
			w, err := creator.CreateWorkspace(ctx, d)
			if err != nil {
				return w, err
			}
			if _, err := creator.InviteWorkspaceMember(ctx, w.WorkspaceID, client.Invite{Email: owner.email, Role: client.RoleAdmin}); err != nil {
				return w, err
			}
			return w, creator.RemoveWorkspaceMember(ctx, w.WorkspaceID, adm.AccountID)
		}
	}

	t.Run("token problems on the workspace list", func(t *testing.T) {
		c := newClient()
		c.SetSession(&client.Session{AccessToken: "not-a-jwt"})
		_, err := c.Workspaces(ctx)
		wantKind(t, err, client.KindUnauthenticated, "rpc error")
		_, err = c.Workspace(ctx, uuid.New()) // a protected route answers 500
		wantKind(t, err, client.KindNoAccess, "")
		ws := must(xc.Workspaces(ctx))(t)
		if ws == nil || len(ws) != 0 {
			t.Fatalf("a new account's workspaces: %#v, want an empty list", ws)
		}
	})

	var wsID string
	t.Run("workspaces", func(t *testing.T) {
		_, err := createWorkspace(ctx, client.WorkspaceData{})
		wantKind(t, err, client.KindValidation, "name: cannot be blank.")
		w := must(createWorkspace(ctx, client.WorkspaceData{Name: "it-ws-" + run, Description: "first"}))(t)
		if w.WorkspaceID == "" || w.Role != client.RoleAdmin || w.Name != "it-ws-"+run || w.Description != "first" {
			t.Fatalf("created %+v", w)
		}
		wsID = w.WorkspaceID
		g := must(oc.Workspace(ctx, wsID))(t)
		if g.Role != client.RoleAdmin || g.Description != "first" || !isDateOnly(g.CreatedAt) || g.CreatedAt.IsZero() {
			t.Fatalf("read back %+v (createdAt must be date-only)", g)
		}
		// Full replacement: an update without the description clears it.
		u := must(oc.UpdateWorkspace(ctx, wsID, client.WorkspaceData{Name: "it-ws-" + run + "-b"}))(t)
		if u.Name != "it-ws-"+run+"-b" || u.Role != client.RoleAdmin {
			t.Fatalf("updated %+v", u)
		}
		if g = must(oc.Workspace(ctx, wsID))(t); g.Description != "" {
			t.Fatalf("description %q survived a full replacement", g.Description)
		}
		d := g.Data()
		d.Description = "second"
		must(oc.UpdateWorkspace(ctx, wsID, d))(t)
		if g = must(oc.Workspace(ctx, wsID))(t); g.Description != "second" || g.Name != "it-ws-"+run+"-b" {
			t.Fatalf("after Data() update %+v", g)
		}
		list := must(oc.Workspaces(ctx))(t)
		if i := slices.IndexFunc(list, func(w client.Workspace) bool { return w.WorkspaceID == wsID }); i < 0 || list[i].Role != client.RoleAdmin {
			t.Fatalf("workspace missing from the list %+v", list)
		}
		_, err = oc.Workspace(ctx, uuid.New())
		wantKind(t, err, client.KindNoAccess, "")
		_, err = oc.Workspace(ctx, "abc")
		wantKind(t, err, client.KindNoAccess, "")
	})
	if wsID == "" {
		t.FailNow()
	}

	t.Run("workspace members", func(t *testing.T) {
		m := must(oc.InviteWorkspaceMember(ctx, wsID, client.Invite{Email: mate.email, Role: client.RoleMember}))(t)
		if m.AccountID != mate.id || m.Email != mate.email || m.Role != client.RoleMember {
			t.Fatalf("invited %+v", m)
		}
		_, err := oc.InviteWorkspaceMember(ctx, wsID, client.Invite{Email: mate.email, Role: client.RoleMember})
		wantKind(t, err, client.KindConflict, "")
		_, err = oc.InviteWorkspaceMember(ctx, wsID, client.Invite{Email: "nobody-" + owner.email, Role: client.RoleMember})
		wantKind(t, err, client.KindValidation, "{CORE_WORKSPACE} not found user in workspace")
		_, err = oc.InviteWorkspaceMember(ctx, wsID, client.Invite{Email: outsider.email, Role: client.RoleApplicationAdmin})
		wantKind(t, err, client.KindValidation, "role: must be a valid value.")

		ms := must(oc.WorkspaceMembers(ctx, wsID, ""))(t)
		roles := map[string]string{}
		for _, m := range ms {
			roles[m.AccountID] = m.Role
		}
		if len(ms) != 2 || roles[owner.id] != client.RoleAdmin || roles[mate.id] != client.RoleMember {
			t.Fatalf("members %+v", ms)
		}
		u := must(oc.SetWorkspaceMemberRole(ctx, wsID, mate.id, client.RoleSupervisor))(t)
		if u.AccountID != mate.id || u.Role != client.RoleSupervisor {
			t.Fatalf("role change answer %+v", u)
		}
		_, err = oc.SetWorkspaceMemberRole(ctx, wsID, outsider.id, client.RoleMember) // not a member: 500
		wantKind(t, err, client.KindNoAccess, "")
		if err := oc.RemoveWorkspaceMember(ctx, wsID, outsider.id); err != nil {
			t.Fatalf("removing a non-member: %v", err)
		}
		err = oc.RemoveWorkspaceMember(ctx, wsID, "abc")
		wantKind(t, err, client.KindValidation, "invalid UUID length: 3")
	})

	t.Run("roles: 401 for too low, 500 for none", func(t *testing.T) {
		g := must(mc.Workspace(ctx, wsID))(t)
		if g.Role != client.RoleSupervisor {
			t.Fatalf("mate sees role %q", g.Role)
		}
		_, err := mc.WorkspaceMembers(ctx, wsID, "")
		wantKind(t, err, client.KindForbidden, "{HORUSEC_MIDDLEWARE} you do not have enough privileges")
		_, err = mc.WorkspaceTokens(ctx, wsID)
		wantKind(t, err, client.KindForbidden, "")
		_, err = mc.WorkspaceDashboard(ctx, wsID, client.DateRange{From: time.Now(), To: time.Now()})
		wantKind(t, err, client.KindForbidden, "")
		_, err = mc.UpdateWorkspace(ctx, wsID, client.WorkspaceData{Name: "x"})
		wantKind(t, err, client.KindForbidden, "")
		_, err = xc.Workspace(ctx, wsID)
		wantKind(t, err, client.KindNoAccess, "")
		_, err = xc.WorkspaceDashboard(ctx, wsID, client.DateRange{From: time.Now(), To: time.Now()})
		wantKind(t, err, client.KindNoAccess, "")
	})

	var repoIDs []string
	t.Run("repositories and paging", func(t *testing.T) {
		_, err := oc.CreateRepository(ctx, wsID, client.RepositoryData{})
		wantKind(t, err, client.KindValidation, "name: cannot be blank.")
		for i := 1; i <= 18; i++ {
			r := must(oc.CreateRepository(ctx, wsID, client.RepositoryData{Name: fmt.Sprintf("repo-%02d", i), Description: "d"}))(t)
			if r.RepositoryID == "" || r.WorkspaceID != wsID || r.Role != client.RoleAdmin {
				t.Fatalf("created %+v", r)
			}
			repoIDs = append(repoIDs, r.RepositoryID)
		}
		_, err = oc.CreateRepository(ctx, wsID, client.RepositoryData{Name: "repo-01"})
		wantKind(t, err, client.KindConflict, "{CORE_REPOSITORY} repository name already in use")

		count := func(q client.RepositoryQuery) int { return len(must(oc.Repositories(ctx, wsID, q))(t)) }
		for _, tc := range []struct {
			q    client.RepositoryQuery
			want int
		}{
			{client.RepositoryQuery{}, 18},
			{client.RepositoryQuery{Page: 1}, 15},
			{client.RepositoryQuery{Page: 2}, 3},
			{client.RepositoryQuery{Page: 1, Size: 5}, 15}, // size < 15 becomes 15
			{client.RepositoryQuery{Page: 1, Size: 20}, 18},
			{client.RepositoryQuery{Search: "repo-1"}, 18}, // search needs page
			{client.RepositoryQuery{Page: 1, Search: "REPO-1"}, 9},
		} {
			if got := count(tc.q); got != tc.want {
				t.Errorf("%+v: %d repositories, want %d", tc.q, got, tc.want)
			}
		}
		if got := count(client.RepositoryQuery{Page: 1, Size: client.PageSize}); got != client.PageSize {
			t.Errorf("PageSize page: %d", got)
		}

		r := must(oc.Repository(ctx, wsID, repoIDs[0]))(t)
		if r.Name != "repo-01" || r.Description != "d" || !isDateOnly(r.CreatedAt) {
			t.Fatalf("read back %+v", r)
		}
		d := r.Data()
		d.Name = "repo-01-renamed"
		u := must(oc.UpdateRepository(ctx, wsID, repoIDs[0], d))(t)
		if u.Name != "repo-01-renamed" || u.Description != "d" || u.Role != client.RoleAdmin {
			t.Fatalf("updated %+v", u)
		}
		_, err = oc.UpdateRepository(ctx, wsID, repoIDs[0], client.RepositoryData{Name: "repo-02"})
		wantKind(t, err, client.KindConflict, "already in use")
		if err := oc.DeleteRepository(ctx, wsID, repoIDs[17]); err != nil {
			t.Fatal(err)
		}
		_, err = oc.Repository(ctx, wsID, repoIDs[17])
		wantKind(t, err, client.KindNoAccess, "")
		repoIDs = repoIDs[:17]
		// A member without a repository role sees none of them.
		if rs := must(mc.Repositories(ctx, wsID, client.RepositoryQuery{}))(t); len(rs) != 0 {
			t.Fatalf("mate sees %d repositories", len(rs))
		}
		_, err = mc.Repository(ctx, wsID, repoIDs[1])
		wantKind(t, err, client.KindForbidden, "")
	})
	if len(repoIDs) < 2 {
		t.FailNow()
	}
	repoID := repoIDs[1]

	t.Run("repository members", func(t *testing.T) {
		m := must(oc.AddRepositoryMember(ctx, wsID, repoID, client.RepositoryMemberData{AccountID: mate.id, Email: mate.email, Role: client.RoleMember}))(t)
		if m.Email != mate.email || m.Role != client.RoleMember {
			t.Fatalf("added %+v", m)
		}
		_, err := oc.AddRepositoryMember(ctx, wsID, repoID, client.RepositoryMemberData{AccountID: mate.id, Email: mate.email, Role: client.RoleMember})
		wantKind(t, err, client.KindConflict, "")
		_, err = oc.AddRepositoryMember(ctx, wsID, repoID, client.RepositoryMemberData{AccountID: outsider.id, Email: outsider.email, Role: client.RoleMember})
		wantKind(t, err, client.KindValidation, "{CORE_REPOSITORY} this user does not belong to this workspace")

		ms := must(oc.RepositoryMembers(ctx, wsID, repoID))(t)
		if !slices.ContainsFunc(ms, func(m client.Member) bool { return m.AccountID == mate.id && m.Role == client.RoleMember }) {
			t.Fatalf("members %+v", ms)
		}
		notIn := must(oc.WorkspaceMembers(ctx, wsID, repoID))(t)
		if slices.ContainsFunc(notIn, func(m client.Member) bool { return m.AccountID == mate.id }) {
			t.Fatalf("notBelong still lists the repository member: %+v", notIn)
		}
		u := must(oc.SetRepositoryMemberRole(ctx, wsID, repoID, mate.id, client.RoleAdmin))(t)
		if u.AccountID != mate.id || u.Role != client.RoleAdmin {
			t.Fatalf("role change %+v", u)
		}
		// Now the mate sees exactly that repository, as its admin.
		rs := must(mc.Repositories(ctx, wsID, client.RepositoryQuery{}))(t)
		if len(rs) != 1 || rs[0].RepositoryID != repoID || rs[0].Role != client.RoleAdmin {
			t.Fatalf("mate sees %+v", rs)
		}
		if err := oc.RemoveRepositoryMember(ctx, wsID, repoID, mate.id); err != nil {
			t.Fatal(err)
		}
		if err := oc.RemoveRepositoryMember(ctx, wsID, repoID, mate.id); err != nil {
			t.Fatalf("removing again: %v", err)
		}
		_, err = oc.SetRepositoryMemberRole(ctx, wsID, repoID, mate.id, client.RoleMember) // no role there any more
		wantKind(t, err, client.KindNoAccess, "")
	})

	var wsToken *client.Secret
	t.Run("tokens", func(t *testing.T) {
		_, err := oc.CreateWorkspaceToken(ctx, wsID, client.TokenData{})
		wantKind(t, err, client.KindValidation, "description: cannot be blank.")
		past := time.Now().Add(-48 * time.Hour)
		_, err = oc.CreateWorkspaceToken(ctx, wsID, client.TokenData{Description: "old", IsExpirable: true, ExpiresAt: &past})
		wantKind(t, err, client.KindValidation, "expiresAt: {TOKEN} expires at cannot be a past date.")

		wsToken = must(oc.CreateWorkspaceToken(ctx, wsID, client.TokenData{Description: "ci"}))(t)
		if wsToken.Len() != 36 {
			t.Fatalf("token of %d bytes, want a UUID", wsToken.Len())
		}
		exp := time.Now().UTC().Add(72 * time.Hour).Truncate(time.Minute)
		expiring := must(oc.CreateWorkspaceToken(ctx, wsID, client.TokenData{Description: "temp", IsExpirable: true, ExpiresAt: &exp}))(t)
		repoTok := must(oc.CreateRepositoryToken(ctx, wsID, repoID, client.TokenData{Description: "repo"}))(t)
		defer repoTok.Wipe()

		list := must(oc.WorkspaceTokens(ctx, wsID))(t)
		if len(list) != 2 {
			t.Fatalf("workspace tokens %+v (repository tokens must not be listed here)", list)
		}
		byDesc := map[string]client.Token{}
		for _, tk := range list {
			byDesc[tk.Description] = tk
		}
		ci, temp := byDesc["ci"], byDesc["temp"]
		if ci.SuffixValue != wsToken.Suffix(5) || ci.IsExpirable || !ci.ExpiresAt.IsZero() || !isDateOnly(ci.CreatedAt) || ci.RepositoryID != "" {
			t.Fatalf("listed %+v (secret suffix %s)", ci, wsToken.Suffix(5))
		}
		wantExp := time.Date(exp.Year(), exp.Month(), exp.Day(), 0, 0, 0, 0, time.UTC)
		if temp.SuffixValue != expiring.Suffix(5) || !temp.IsExpirable || !temp.ExpiresAt.Equal(wantExp) {
			t.Fatalf("expiring token %+v, want expiresAt %v (date only)", temp, wantExp)
		}
		rl := must(oc.RepositoryTokens(ctx, wsID, repoID))(t)
		if len(rl) != 1 || rl[0].RepositoryID != repoID || rl[0].SuffixValue != repoTok.Suffix(5) {
			t.Fatalf("repository tokens %+v", rl)
		}

		if err := oc.DeleteWorkspaceToken(ctx, wsID, temp.TokenID); err != nil {
			t.Fatal(err)
		}
		if err := oc.DeleteWorkspaceToken(ctx, wsID, temp.TokenID); err != nil {
			t.Fatalf("deleting a deleted token: %v", err)
		}
		if err := oc.DeleteWorkspaceToken(ctx, wsID, rl[0].TokenID); err != nil { // a repository token on the workspace route
			t.Fatalf("deleting a repository token on the workspace route: %v", err)
		}
		if rl = must(oc.RepositoryTokens(ctx, wsID, repoID))(t); len(rl) != 1 {
			t.Fatal("the workspace route deleted a repository token")
		}
		if err := oc.DeleteRepositoryToken(ctx, wsID, repoID, rl[0].TokenID); err != nil {
			t.Fatal(err)
		}
		if rl = must(oc.RepositoryTokens(ctx, wsID, repoID))(t); len(rl) != 0 {
			t.Fatalf("repository token not deleted: %+v", rl)
		}
		err = oc.DeleteWorkspaceToken(ctx, wsID, "abc")
		wantKind(t, err, client.KindValidation, "invalid UUID")
		if list = must(oc.WorkspaceTokens(ctx, wsID))(t); len(list) != 1 {
			t.Fatalf("after deletes: %+v", list)
		}
		expiring.Wipe()
	})

	t.Run("dashboards", func(t *testing.T) {
		today := client.DateRange{From: time.Now().AddDate(0, 0, -7), To: time.Now()}
		d := must(oc.WorkspaceDashboard(ctx, wsID, today))(t)
		if d.TotalRepositories != 0 || d.VulnerabilityBySeverity.Critical.Count != 0 {
			t.Fatalf("empty workspace dashboard %+v", d)
		}
		// No data: one placeholder entry with an empty name.
		if len(d.VulnerabilitiesByAuthor) != 1 || d.VulnerabilitiesByAuthor[0].Author != "" {
			t.Errorf("placeholder author list %+v", d.VulnerabilitiesByAuthor)
		}
		rd := must(oc.RepositoryDashboard(ctx, wsID, repoID, today))(t)
		if rd.VulnerabilitiesByRepository != nil || rd.TotalRepositories != 0 {
			t.Errorf("repository view %+v", rd)
		}
		if tg.demo != nil {
			from, to := today.From.UTC().Format("2006-01-02"), today.To.UTC().Format("2006-01-02")
			q := url.Values{"initialDate": {from + "T00:00:00Z"}, "finalDate": {to + "T23:59:59Z"}}
			if n := tg.demo.Requests("GET", "/analytic/dashboard/"+wsID+"?"+q.Encode()); n != 1 {
				t.Errorf("dashboard query not sent as %s: %v", q.Encode(), tg.demo.RequestLog())
			}
		}
		if tg.opts.APIURL == "" || wsToken == nil {
			t.Log("no api URL: upload skipped")
			return
		}
		_, err := anon.UploadAnalysis(ctx, []byte(uuid.New()), "it-upload", client.AnalysisUpload{})
		wantKind(t, err, client.KindForbidden, "{HORUSEC_MIDDLEWARE} you do not have enough privileges")
		id := must(anon.UploadAnalysis(ctx, wsToken.Bytes(), "it-upload-"+run, client.AnalysisUpload{Findings: []client.Finding{
			{Severity: "CRITICAL", Language: "Go", File: "main.go", Line: "1", CommitEmail: "dev-" + run + "@example.com", CommitAuthor: "dev"},
			{Severity: "HIGH", Language: "Leaks", File: "key.pem", Line: "2", CommitEmail: "dev-" + run + "@example.com", CommitAuthor: "dev"},
		}}))(t)
		if len(id) != 36 {
			t.Fatalf("analysis id %q", id)
		}
		// The analytic service is fed through a broker, and fills the
		// severities, the repositories and the authors from separate queues
		// (§10): wait until every figure checked below has arrived.
		arrived := func(d client.Dashboard) bool {
			return d.TotalRepositories == 1 && d.TotalAuthors == 1 &&
				d.VulnerabilityBySeverity.Critical.Count == 1 && d.VulnerabilityBySeverity.High.Count == 1
		}
		deadline := time.Now().Add(10 * time.Second)
		for {
			d = must(oc.WorkspaceDashboard(ctx, wsID, today))(t)
			if arrived(d) || time.Now().After(deadline) {
				break
			}
			time.Sleep(200 * time.Millisecond)
		}
		if !arrived(d) {
			t.Fatalf("dashboard after the upload: repositories %d, authors %d, critical %d, high %d",
				d.TotalRepositories, d.TotalAuthors, d.VulnerabilityBySeverity.Critical.Count, d.VulnerabilityBySeverity.High.Count)
		}
		// A workspace token creates the repository by name.
		rs := must(oc.Repositories(ctx, wsID, client.RepositoryQuery{Page: 1, Search: "it-upload-" + run}))(t)
		if len(rs) != 1 {
			t.Fatalf("uploaded repository not created: %+v", rs)
		}
	})
	if wsToken != nil {
		wsToken.Wipe()
	}

	t.Run("vulnerabilities", func(t *testing.T) {
		vulnContract(t, tg, vulnEnv{oc: oc, mc: mc, xc: xc, mate: mate, wsID: wsID, run: run})
	})

	t.Run("refresh is single use", func(t *testing.T) {
		c := login(t, owner)
		old := *c.Session()
		s := must(c.Refresh(ctx))(t)
		if s.AccessToken == "" || s.RefreshToken == old.RefreshToken {
			t.Fatal("refresh did not renew the session")
		}
		if _, err := c.Workspaces(ctx); err != nil {
			t.Fatalf("with the refreshed session: %v", err)
		}
		stale := newClient()
		stale.SetSession(&old)
		_, err := stale.Refresh(ctx)
		wantKind(t, err, client.KindUnauthenticated, "session expired")
		if stale.Session() != nil {
			t.Fatal("a session whose refresh was refused is kept")
		}
	})

	t.Run("refresh before expiry", func(t *testing.T) {
		var seen []*client.Session
		var skew time.Duration
		c := login(t, owner, func(o *client.Options) {
			o.Now = func() time.Time { return time.Now().Add(skew) }
			o.OnSession = func(s *client.Session) { seen = append(seen, s) }
		})
		first := c.Session().RefreshToken
		skew = 56 * time.Minute // 56 minutes later: ≤ 5 min left on a 1 h token
		must(c.Workspaces(ctx))(t)
		if len(seen) != 2 || seen[1] == nil || seen[1].RefreshToken == first {
			t.Fatalf("no refresh before the call (%d sessions seen)", len(seen))
		}
		skew = 0
		must(c.Workspaces(ctx))(t)
		if len(seen) != 2 {
			t.Fatal("refreshed a fresh session")
		}
	})

	t.Run("logout", func(t *testing.T) {
		c := login(t, mate)
		old := *c.Session()
		var seen []*client.Session
		c2 := newClient(func(o *client.Options) { o.OnSession = func(s *client.Session) { seen = append(seen, s) } })
		c2.SetSession(&old)
		if err := c2.Logout(ctx); err != nil {
			t.Fatal(err)
		}
		if c2.Session() != nil || len(seen) != 1 || seen[0] != nil {
			t.Fatal("logout kept the session or did not report it")
		}
		_, err := c.Refresh(ctx)
		wantKind(t, err, client.KindUnauthenticated, "")
		// The access token itself stays valid until it expires.
		again := newClient()
		again.SetSession(&client.Session{AccessToken: old.AccessToken})
		must(again.Workspaces(ctx))(t)
		if err := newClient().Logout(ctx); err != nil {
			t.Fatalf("logout without a session: %v", err)
		}
	})

	t.Run("success codes and bodies on the wire", func(t *testing.T) { wireCodes(t, tg, creator.Session().AccessToken, run) })

	t.Run("wrong service URL", func(t *testing.T) {
		c := newClient(func(o *client.Options) { o.CoreURL = o.AuthURL })
		// A session goes only to the URLs it was made for.
		c.SetSession(oc.Session())
		_, err := c.Workspaces(ctx)
		wantKind(t, err, client.KindUnauthenticated, "session not sent")
		// One that records none (stored by an older version, with no
		// profile to go by) is sent: the auth service has no such route.
		legacy := oc.Session()
		legacy.Services = client.ServiceURLs{}
		c.SetSession(legacy)
		_, err = c.Workspaces(ctx)
		wantKind(t, err, client.KindNotFound, "404 page not found")
	})

	if tg.demo != nil {
		t.Run("demo faults", func(t *testing.T) { demoFaults(t, tg, oc, wsID) })
		t.Run("demo accounts", func(t *testing.T) {
			for _, a := range [][2]string{{horusectest.ManagerEmail, horusectest.ManagerPassword}, {horusectest.UserEmail, horusectest.UserPassword}} {
				c := newClient()
				must(c.Login(ctx, a[0], a[1]))(t)
				if ws := must(c.Workspaces(ctx))(t); len(ws) == 0 {
					t.Errorf("%s has no workspace", a[0])
				}
			}
		})
	}

	t.Run("delete workspace", func(t *testing.T) {
		if err := oc.DeleteWorkspace(ctx, wsID); err != nil {
			t.Fatal(err)
		}
		_, err := oc.Workspace(ctx, wsID)
		wantKind(t, err, client.KindNoAccess, "")
		if err := oc.DeleteWorkspace(ctx, uuid.New()); !client.IsKind(err, client.KindNoAccess) {
			t.Fatalf("deleting an unknown workspace: %v", err)
		}
	})
}

func demoFaults(t *testing.T, tg target, oc *client.Client, wsID string) {
	ctx := context.Background()
	srv := tg.demo
	defer srv.ClearFaults()

	srv.ResetRequests()
	srv.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/core/workspaces", Status: 503, Times: 2})
	if _, err := oc.Workspaces(ctx); err != nil {
		t.Fatalf("GET after two 503s: %v", err)
	}
	if n := srv.Requests("GET", "/core/workspaces"); n != 3 {
		t.Fatalf("%d GETs, want 3", n)
	}

	srv.ResetRequests()
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/core/workspaces", Status: 503, Times: 1})
	_, err := oc.CreateWorkspace(ctx, client.WorkspaceData{Name: "never"})
	wantKind(t, err, client.KindServer, "")
	if n := srv.Requests("POST", "/core/workspaces"); n != 1 {
		t.Fatalf("POST sent %d times", n)
	}

	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/core/workspaces", Drop: true, Times: 1})
	_, err = oc.CreateWorkspace(ctx, client.WorkspaceData{Name: "never"})
	wantKind(t, err, client.KindNetwork, "cannot reach the core service at "+srv.CoreURL)

	doubled := `{"code":500,"status":"Internal Server Error","content":"{ERROR_HTTP} something went wrong, sorry for the inconvenience"}` +
		"\n" + `{"code":200,"status":"OK","content":[]}`
	srv.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/core/workspaces", Status: 500, Body: doubled, Times: 1})
	_, err = oc.Workspaces(ctx)
	wantKind(t, err, client.KindServer, "{ERROR_HTTP} something went wrong")

	srv.InjectFault(horusectest.Fault{Method: "GET", PathPrefix: "/core/workspaces/" + wsID, Malformed: true, Times: 1})
	_, err = oc.Workspace(ctx, wsID)
	wantKind(t, err, client.KindServer, "malformed")

	slow, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL, Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	slow.SetSession(oc.Session())
	srv.InjectFault(horusectest.Fault{Method: "PATCH", PathPrefix: "/core/workspaces/", Latency: 2 * time.Second, Times: 1})
	_, err = slow.UpdateWorkspace(ctx, wsID, client.WorkspaceData{Name: "slow"})
	wantKind(t, err, client.KindNetwork, "no answer within 100ms")
}

// wireCodes checks, below the client, the status codes and bodies the
// client has to cope with (§0.1, §12 item 1), so that a platform that differs
// shows up here rather than as a puzzling client failure.
func wireCodes(t *testing.T, tg target, access, run string) {
	do := func(method, base, path, body string) (int, string) {
		t.Helper()
		code, b, err := rawRequest(t, access, method, base, path, body)
		if err != nil {
			t.Fatal(err)
		}
		return code, string(b)
	}
	content := func(body string) string {
		var env struct{ Content json.RawMessage }
		_ = json.Unmarshal([]byte(body), &env)
		return string(env.Content)
	}
	expect := func(what string, got, want int, body string) {
		t.Helper()
		if got != want {
			t.Errorf("%s: HTTP %d, want %d (body %.200q)", what, got, want, body)
		}
	}

	email := "it-wire-" + run + "@example.com"
	st, body := do("POST", tg.opts.AuthURL, "/auth/account/create-account-horusec",
		fmt.Sprintf(`{"email":%q,"username":"it-wire-%s","password":"It#%saA1"}`, email, run, run))
	expect("register", st, 200, body)

	st, body = do("POST", tg.opts.CoreURL, "/core/workspaces", `{"name":"it-wire-`+run+`"}`)
	expect("create workspace", st, 201, body)
	var ws struct{ WorkspaceID string }
	_ = json.Unmarshal([]byte(content(body)), &ws)
	if ws.WorkspaceID == "" {
		t.Fatalf("no workspace id in %q", body)
	}
	wsPath := "/core/workspaces/" + ws.WorkspaceID

	st, body = do("POST", tg.opts.CoreURL, wsPath+"/roles", fmt.Sprintf(`{"email":%q,"role":"member"}`, email))
	expect("invite", st, 200, body)
	st, body = do("POST", tg.opts.CoreURL, wsPath+"/roles", fmt.Sprintf(`{"email":%q,"role":"member"}`, email))
	expect("invite again", st, 500, body)
	if c := content(body); c != `"{ERROR_HTTP} something went wrong, sorry for the inconvenience"` {
		t.Errorf("500 content %s", c)
	}

	st, body = do("POST", tg.opts.CoreURL, wsPath+"/tokens", `{"description":"wire"}`)
	expect("create token", st, 201, body)
	if c := content(body); len(c) != 38 || c[0] != '"' {
		t.Errorf("token content %s, want a bare JSON string holding a UUID", c)
	}

	st, body = do("GET", tg.opts.CoreURL, wsPath+"/tokens", "")
	expect("list tokens", st, 200, body)
	var toks []struct{ TokenID string }
	_ = json.Unmarshal([]byte(content(body)), &toks)
	if len(toks) != 1 {
		t.Fatalf("tokens %s", body)
	}
	st, body = do("DELETE", tg.opts.CoreURL, wsPath+"/tokens/"+toks[0].TokenID, "")
	expect("delete token", st, 204, body)
	if body != "" {
		t.Errorf("204 with a body: %q", body)
	}

	st, body = do("PUT", tg.opts.CoreURL, "/core/workspaces", "")
	expect("wrong method", st, 405, body)
	if body != "" {
		t.Errorf("405 with a body: %q", body)
	}
	st, body = do("GET", tg.opts.CoreURL, "/core/nowhere", "")
	expect("unknown route", st, 404, body)
	if body != "404 page not found\n" {
		t.Errorf("404 body %q", body)
	}

	st, body = do("DELETE", tg.opts.CoreURL, wsPath, "")
	expect("delete workspace", st, 204, body)
	st, body = do("POST", tg.opts.AuthURL, "/auth/account/logout", `{"refreshToken":"unknown"}`)
	expect("logout of an unknown token", st, 204, body)
}
