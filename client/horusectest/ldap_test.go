package horusectest_test

import (
	"net/http"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// The seeded LDAP mode: the directory's people reach the seed through
// their groups, not through the roles stored for their accounts.
func TestLDAPSeed(t *testing.T) {
	srv, _ := start(t, horusectest.Options{LDAP: true, DisableEmails: true})
	r := call(t, "GET", srv.AuthURL+"/auth/authenticate/config", "", nil)
	want(t, r, 200, "")
	var cfg struct{ AuthType string }
	r.decode(t, &cfg)
	if cfg.AuthType != "ldap" {
		t.Fatalf("auth type %q", cfg.AuthType)
	}

	// An e-mail is not a login name here.
	r = call(t, "POST", srv.AuthURL+"/auth/authenticate/login", "", map[string]string{"username": horusectest.ManagerEmail, "password": horusectest.ManagerPassword})
	want(t, r, http.StatusForbidden, "{LDAP} wrong user or password")

	roles := func(name, password string) map[string]string {
		s := login(t, srv, name, password)
		r := call(t, "GET", srv.CoreURL+"/core/workspaces", "Bearer "+s.AccessToken, nil)
		want(t, r, 200, "")
		var ws []client.Workspace
		r.decode(t, &ws)
		out := map[string]string{}
		for _, w := range ws {
			out[w.Name] = w.Role
		}
		return out
	}
	m := roles(horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword)
	for name, role := range map[string]string{"Acme Platform": "admin", "Mobile Apps": "admin", "Data & ML": "admin", "Sandbox": "admin", "Security Research": "member"} {
		if m[name] != role {
			t.Errorf("manager in %s: %q, want %q (all: %v)", name, m[name], role, m)
		}
	}
	u := roles(horusectest.LDAPUserLogin, horusectest.LDAPUserPassword)
	if len(u) != 3 || u["Acme Platform"] != "member" || u["Data & ML"] != "" {
		t.Errorf("user's workspaces %v, want the three where the demo User is", u)
	}

	admin := login(t, srv, horusectest.LDAPAdminLogin, horusectest.LDAPAdminPassword)
	if !admin.IsApplicationAdmin || admin.AccountID != "00000000-0000-0000-0000-000000000000" {
		t.Fatalf("LDAP admin session: application admin %v, account %q", admin.IsApplicationAdmin, admin.AccountID)
	}
	// The admin group passes every check, even where no group of the
	// workspace is theirs.
	wsID, _ := srv.WorkspaceID("Acme Platform")
	r = call(t, "GET", srv.CoreURL+"/core/workspaces/"+wsID+"/roles", "Bearer "+admin.AccessToken, nil)
	want(t, r, 200, "")

	// The developers group does not make anyone a Manager: 401, not the
	// 500 a non-member gets with stored roles.
	user := login(t, srv, horusectest.LDAPUserLogin, horusectest.LDAPUserPassword)
	r = call(t, "GET", srv.CoreURL+"/core/workspaces/"+wsID+"/roles", "Bearer "+user.AccessToken, nil)
	want(t, r, http.StatusUnauthorized, privileges)
	// An unknown workspace is an error of the check itself.
	r = call(t, "GET", srv.CoreURL+"/core/workspaces/6f1c1b8e-4c41-4bb5-9e0a-0c6c1f0f8a11", "Bearer "+user.AccessToken, nil)
	want(t, r, http.StatusInternalServerError, generic)
}
