package horusectest_test

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// ozzo-validation v4 as the platform uses it: Required fails only on "",
// Length counts bytes, and each field reports its first failing rule in
// the order the platform declares them.
func TestValidationFollowsOzzo(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true, DisableEmails: true})
	id := mustAccount(t, srv, "val")
	h := bearerFor(t, srv, id)
	ws, err := srv.AddWorkspace("W", map[string]string{id: "admin"})
	if err != nil {
		t.Fatal(err)
	}
	core := srv.CoreURL + "/core/workspaces"

	// Whitespace is a value for Required.
	want(t, call(t, "POST", core, h, map[string]string{"name": "   "}), 201, "")
	// Length counts bytes: 200 two-byte runes are 400 bytes.
	want(t, call(t, "POST", core, h, map[string]string{"name": strings.Repeat("é", 200)}), 400, "name: the length must be between 1 and 255.")
	want(t, call(t, "POST", core+"/"+ws+"/repositories", h, map[string]string{"name": "r", "description": strings.Repeat("é", 128)}), 400, "description: the length must be no more than 255.")

	// permissions is a []string that must be empty, on workspaces and
	// repositories alike; a non-list is a decoder error.
	want(t, call(t, "POST", core, h, `{"name":"x","permissions":"a"}`), 400, "json: cannot unmarshal string into Go struct field Data.permissions of type []string")
	want(t, call(t, "POST", core+"/"+ws+"/repositories", h, `{"name":"x","permissions":["a"]}`), 400, "permissions: must be blank.")

	// Login: Length(1, 255).
	login := srv.AuthURL + "/auth/authenticate/login"
	want(t, call(t, "POST", login, "", map[string]string{"username": "a@b.c", "password": strings.Repeat("p", 256)}), 400, "password: the length must be between 1 and 255.")
	// Register: e-mail format before length, Length(1, 255).
	reg := srv.AuthURL + "/auth/account/create-account-horusec"
	long := strings.Repeat("x", 256)
	want(t, call(t, "POST", reg, "", map[string]string{"email": long, "username": "u", "password": "Passw0rd!"}), 400, "email: must be a valid email address.")
	want(t, call(t, "POST", reg, "", map[string]string{"email": long + "@b.c", "username": long, "password": "Passw0rd!"}), 400, "email: the length must be between 1 and 255; username: the length must be between 1 and 255.")
	// verify-already-used: format before Length(0, 255).
	ver := srv.AuthURL + "/auth/account/verify-already-used"
	want(t, call(t, "POST", ver, "", map[string]string{"email": long, "username": "u"}), 400, "email: must be a valid email address.")
	want(t, call(t, "POST", ver, "", map[string]string{"email": long + "@b.c", "username": "u"}), 400, "email: the length must be no more than 255.")
}

// InheritWorkspaceGroups: empty (not only missing) lists inherit, and
// supervisors inherit the workspace's admin groups.
func TestRepositoryInheritsWorkspaceGroups(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true})
	id := mustAccount(t, srv, "groups")
	h := bearerFor(t, srv, id)
	ws, _ := srv.AddWorkspace("W", map[string]string{id: "admin"})
	wsURL := srv.CoreURL + "/core/workspaces/" + ws
	want(t, call(t, "PATCH", wsURL, h, map[string]any{"name": "W", "authzAdmin": []string{"admins"}, "authzMember": []string{"devs"}}), 200, "")
	r := call(t, "POST", wsURL+"/repositories", h, map[string]any{"name": "r", "authzAdmin": []string{}})
	want(t, r, 201, "")
	var got struct {
		AuthzAdmin, AuthzMember, AuthzSupervisor []string
	}
	r.decode(t, &got)
	if strings.Join(got.AuthzAdmin, ",") != "admins" || strings.Join(got.AuthzMember, ",") != "devs" || strings.Join(got.AuthzSupervisor, ",") != "admins" {
		t.Fatalf("inherited groups %+v", got)
	}
}
