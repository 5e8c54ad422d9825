package client_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
)

func TestParseGroups(t *testing.T) {
	got := client.ParseGroups(" devs, leads ,, devs,")
	if !slices.Equal(got, []string{"devs", "leads"}) {
		t.Fatalf("ParseGroups = %q", got)
	}
	if client.ParseGroups("  ") != nil {
		t.Fatal("an empty field is no group")
	}
	if client.JoinGroups(got) != "devs, leads" {
		t.Fatal(client.JoinGroups(got))
	}
}

func TestCheckAdminGroups(t *testing.T) {
	mine := []string{"leads", "devs"}
	if msg := client.CheckAdminGroups(client.AuthTypeLDAP, nil, mine); !strings.Contains(msg, "leads, devs") {
		t.Errorf("no Admin group on LDAP: %q", msg)
	}
	if msg := client.CheckAdminGroups(client.AuthTypeLDAP, []string{"others"}, mine); msg == "" {
		t.Error("Admin groups without one of mine accepted on LDAP")
	}
	if msg := client.CheckAdminGroups(client.AuthTypeLDAP, []string{"others", "devs"}, mine); msg != "" {
		t.Errorf("one of mine refused: %q", msg)
	}
	if msg := client.CheckAdminGroups(client.AuthTypeKeycloak, nil, nil); msg != "" {
		t.Errorf("Keycloak needs no Admin group of mine: %q", msg)
	}
	six := []string{"a", "b", "c", "d", "e", "devs"}
	if msg := client.CheckAdminGroups(client.AuthTypeLDAP, six, mine); !strings.Contains(msg, "At most 5") {
		t.Errorf("six groups: %q", msg)
	}
	if !client.UsesGroups(client.AuthTypeLDAP) || !client.UsesGroups(client.AuthTypeKeycloak) || client.UsesGroups(client.AuthTypeHorusec) {
		t.Error("UsesGroups")
	}
}
