package client

import "testing"

func TestLeavesNoManager(t *testing.T) {
	ann := Member{AccountID: "a-1", Email: "ann@example.com", Role: RoleAdmin}
	bob := Member{AccountID: "b-2", Email: "bob@example.com", Role: RoleAdmin}
	cid := Member{AccountID: "c-3", Email: "cid@example.com", Role: RoleMember}
	for _, tt := range []struct {
		name    string
		members []Member
		target  Member
		role    string
		want    bool
	}{
		{"demote the only Manager", []Member{ann, cid}, ann, RoleMember, true},
		{"remove the only Manager", []Member{ann, cid}, ann, "", true},
		{"demote to Supervisor", []Member{ann}, ann, RoleSupervisor, true},
		{"another Manager stays", []Member{ann, bob, cid}, ann, RoleMember, false},
		{"keep the role", []Member{ann, cid}, ann, RoleAdmin, false},
		{"not a Manager", []Member{ann, cid}, cid, "", false},
		{"matched by e-mail without ids", []Member{{Email: "ANN@example.com", Role: RoleAdmin}}, Member{Email: "ann@example.com", Role: RoleAdmin}, "", true},
	} {
		if got := LeavesNoManager(tt.members, tt.target, tt.role); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
