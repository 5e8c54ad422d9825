package members

import (
	"context"
	"fmt"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// newInvite is the workspace's invite form: an e-mail and a role.
func newInvite(h *Model) *formDialog {
	email := form.Text("email", "E-mail", "The address of the person's Horusec account.", 255, client.CheckEmail)
	email.SetPlaceholder("name@example.com")
	role := form.Choice("role", "Role", roleOptions(false), 2)
	f := form.New(h.c.Styles, h.c.Keys, "Invite a member to "+h.scope.Workspace.Name, email, role)
	f.SubmitText = "Invite"
	f.Note = "The person must already have a Horusec account with this e-mail. " + h.emailNote()
	d := newFormDialog(h, "invite", f)
	d.resent = "the invitation is sent"
	d.send = func() tea.Cmd { return h.sendInvite(d) }
	d.done = func(r common.Result[reply]) tea.Cmd {
		// The cursor goes to the person once the list holds them.
		if r.Err == nil {
			h.selectEmail = r.Value.member.Email
		}
		return h.late(r, fmt.Sprintf("Invited %s as %s.", r.Value.member.Email, client.RoleName(r.Value.member.Role)), "The invitation failed")
	}
	d.refused = func(err error) tea.Cmd {
		field, text, reload := h.inviteError(err)
		if field != "" {
			f.SetError(field, text)
		} else {
			f.SetFormError(text)
		}
		if reload {
			return h.load()
		}
		return nil
	}
	return d
}

// emailNote says whether the platform tells the person.
func (m *Model) emailNote() string {
	if m.c.AuthConfig.DisableEmails {
		return "This platform sends no e-mails: tell them yourself."
	}
	return "The platform e-mails them the invitation."
}

func (m *Model) sendInvite(d *formDialog) tea.Cmd {
	f := d.Form
	addr := strings.TrimSpace(f.Value("email"))
	// The platform answers an invite of an existing member with a bare 500:
	// refuse it here with words instead.
	if mem, ok := m.findByEmail(addr); ok {
		f.SetError("email", fmt.Sprintf("%s is already a member of this workspace, as %s. Press esc, then e on their row to change the role.", who(mem), client.RoleName(mem.Role)))
		return nil
	}
	in := client.Invite{Email: addr, Role: f.Value("role")}
	cl, ws := m.c.Client, m.wsID()
	return m.ask(d, func(ctx context.Context) (reply, error) {
		mem, err := cl.InviteWorkspaceMember(ctx, ws, in)
		if mem.Email == "" {
			mem.Email = in.Email
		}
		mem.Role = in.Role // the role asked for is the one announced
		return reply{member: mem}, err
	})
}

// inviteError turns a refused invitation into words, at the field it is
// about when there is one. reload is true when the member list is probably
// out of date.
func (m *Model) inviteError(err error) (field, text string, reload bool) {
	e := asError(err)
	switch {
	case e != nil && e.Refusal == client.RefusalNoAccount:
		text = "No Horusec account uses this e-mail. The person must create a Horusec account first, then you can invite them."
		if m.c.AuthConfig.DisableEmails {
			text += " This platform sends no e-mails: tell them yourself."
		} else {
			text += " The platform then e-mails them the invitation."
		}
		return "email", text, false
	case e != nil && e.Fields["email"] != "":
		return "email", "The platform says: " + e.Message, false
	case e != nil && e.Kind == client.KindConflict:
		return "email", "This person is already a member of the workspace. The list has been reloaded.", true
	case e != nil && (e.Status == 500 || e.Kind == client.KindNoAccess):
		// The platform's bare 500 on invite most often means "already a
		// member" (someone else invited them meanwhile).
		return "", "The platform refused the invitation without saying why. It does this when the person is already a member (someone may have invited them meanwhile) or when you no longer have access to the workspace. The list has been reloaded: check it.", true
	}
	text, hint := common.Explain(err)
	return "", text + " " + hint, false
}
