package webhooks

import (
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// A validation refusal goes under each field it names, whatever the order
// the platform lists them in; the form keeps what was typed.
func TestValidationRefusalAtItsFields(t *testing.T) {
	m := NewTab(tuitest.Common(tuitest.Offline(t), nil), common.Scope{Workspace: client.Workspace{WorkspaceID: "w-1", Name: "Acme"}})
	m.SetSize(100, 40)
	m.openForm(client.Webhook{}, false)
	e := m.dialogs.Active().(*editor)
	e.Form.Field("description").SetValue("bot")
	e.showError(&client.Error{Kind: client.KindValidation, Status: 400, Op: "create webhook",
		Message: "method: cannot be blank; url: must be a valid URL.",
		Fields:  map[string]string{"method": "cannot be blank", "url": "must be a valid URL"}})
	screen := strings.Join(strings.Fields(m.View()), " ")
	if !strings.Contains(screen, "Must be a valid URL.") || strings.Contains(screen, "method: cannot be blank") {
		t.Fatalf("the refusal is not at the URL field:\n%s", m.View())
	}
	if e.Form.Value("description") != "bot" {
		t.Fatalf("description %q after a refusal", e.Form.Value("description"))
	}
}
