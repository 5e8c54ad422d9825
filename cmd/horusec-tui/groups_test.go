package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
)

// The LDAP platform's refusal of the Admin groups is told in the
// program's words by its code; other refusals pass unchanged.
func TestGroupRefusalExplainedByItsCode(t *testing.T) {
	refused := &client.Error{Kind: client.KindValidation, Op: "create workspace", Status: 400,
		Message: "Admin groups refused", Refusal: client.RefusalAdminGroup}
	err := explainGroupRefusal(refused)
	if !strings.Contains(err.Error(), "give --admin-group one of yours") || !errors.Is(err, refused) {
		t.Fatalf("got %v", err)
	}
	other := &client.Error{Kind: client.KindValidation, Op: "create workspace", Status: 400,
		Message: "name: cannot be blank.", Fields: map[string]string{"name": "cannot be blank"}}
	if err := explainGroupRefusal(other); err != other {
		t.Fatalf("another refusal changed: %v", err)
	}
}
