package client_test

import (
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
)

func TestIsMe(t *testing.T) {
	id := "6f1c1b8e-4c41-4bb5-9e0a-0c6c1f0f8a11"
	other := "0b0fd3f4-5b43-44bb-9b3e-57d1a7c7c2e2"
	horusec := &client.Session{AccountID: id, Username: "ana", Email: "ana@example.com"}
	ldap := &client.Session{AccountID: client.ZeroAccountID, Username: "ana", Email: "ana@example.com"}
	for _, tc := range []struct {
		name string
		s    *client.Session
		m    client.Member
		want bool
	}{
		{"same id", horusec, client.Member{AccountID: id, Email: "x@example.com"}, true},
		{"other id, same e-mail", horusec, client.Member{AccountID: other, Email: "ana@example.com"}, false},
		{"no id on the member: by username", horusec, client.Member{Username: "ana"}, true},
		{"LDAP: zero id, same username, real member id", ldap, client.Member{AccountID: other, Username: "Ana", Email: "a@example.com"}, true},
		{"LDAP: zero id, other username", ldap, client.Member{AccountID: other, Username: "bob", Email: "ana@example.com"}, false},
		{"LDAP: member without username: by e-mail", ldap, client.Member{AccountID: other, Email: "ANA@example.com"}, true},
		{"LDAP: nothing in common", ldap, client.Member{AccountID: other, Email: "bob@example.com"}, false},
		{"no session", nil, client.Member{AccountID: id}, false},
	} {
		if got := tc.s.IsMe(tc.m); got != tc.want {
			t.Errorf("%s: IsMe = %v, want %v", tc.name, got, tc.want)
		}
	}
	if !client.SamePerson(ldap, &client.Session{AccountID: client.ZeroAccountID, Username: "ana"}) ||
		client.SamePerson(ldap, &client.Session{AccountID: client.ZeroAccountID, Username: "bob", Email: "bob@example.com"}) {
		t.Error("SamePerson does not tell two LDAP logins apart by username")
	}
}
