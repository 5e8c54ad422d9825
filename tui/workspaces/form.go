package workspaces

import (
	"context"
	"errors"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
)

// saved answers a create or an edit.
type saved struct {
	ws      client.Workspace // as the platform answered
	created bool
}

// editor is the form dialog that creates a workspace (ws nil) or edits
// one. An expired session brings the login up over it and what was typed
// stays; esc while it is sent closes it, and the list takes the reply.
type editor struct {
	dialog.FormHost
	m  *Model
	ws *client.Workspace // nil when creating
}

// openForm opens the create form (ws nil) or the edit form of ws.
func (m *Model) openForm(ws *client.Workspace) tea.Cmd {
	c := m.c
	name := form.Text("name", "Name", "Required, up to 255 characters.", client.MaxLength, checkName)
	desc := form.Text("description", "Description", "Optional, up to 255 characters.", client.MaxLength, checkDescription)
	title := "New workspace"
	var admin, member []string
	if ws != nil {
		title = "Edit workspace “" + ws.Name + "”"
		name.SetValue(ws.Name)
		desc.SetValue(ws.Description)
		admin, member = ws.AuthzAdmin, ws.AuthzMember
	}
	// Where access comes from groups, a workspace's groups say who manages
	// it and who uses it.
	fields := append([]*form.Field{name, desc}, groups.Fields(c, false, ws == nil, admin, nil, member)...)
	f := form.New(c.Styles, c.Keys, title, fields...)
	if ws == nil {
		f.SubmitText = "Create"
		f.Note = "You become the workspace's Manager."
		if groups.UsesGroups(c) {
			f.Note = "Its Admin groups manage it; its Member groups use it."
		}
	}
	m.dialogs.Open(&editor{FormHost: dialog.NewFormHost(f), m: m, ws: ws})
	return f.Init()
}

func checkName(v string) string {
	v = strings.TrimSpace(v)
	switch {
	case v == "":
		return "Give the workspace a name."
	}
	return client.TooLong("The name", v)
}

func checkDescription(v string) string {
	return client.TooLong("The description", strings.TrimSpace(v))
}

// Update implements dialog.Dialog.
func (e *editor) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	if r, ok := msg.(common.Result[saved]); ok {
		if r.To != e.m.id || r.Tag != tagSave {
			return e, nil
		}
		e.m.leftSending = false // the reply of a form left before this one, too
		if r.Err != nil {
			// After an expired session the form stays sent until the
			// login, and the same request goes again after it.
			return e, e.Fail(r.Err, e.outcome(), e.showError)
		}
		return nil, e.m.saved(r.Value)
	}
	cmd, act := e.Handle(msg)
	switch act {
	case form.Cancel:
		e.m.leftSending = e.Busy() // the list takes the reply
		return nil, nil
	case form.Submit:
		return e, e.Send(e.send())
	}
	return e, cmd
}

// outcome says what the form's request does, for after a new login.
func (e *editor) outcome() string {
	if e.ws == nil {
		return "the workspace is created"
	}
	return "the workspace is saved"
}

// send sends what the form holds now; it is also the retry after a login,
// so it reads the values when it is built, not when it runs.
func (e *editor) send() tea.Cmd {
	f, m := e.Form, e.m
	cl := m.c.Client
	name := strings.TrimSpace(f.Value("name"))
	desc := strings.TrimSpace(f.Value("description"))
	hasGroups := f.Field(groups.FieldAdminGroups) != nil
	admin := groups.FromForm(f, groups.FieldAdminGroups)
	member := groups.FromForm(f, groups.FieldMemberGroups)
	if e.ws == nil {
		return common.Do(m.c, m.id, tagSave, func(ctx context.Context) (saved, error) {
			w, err := cl.CreateWorkspace(ctx, client.WorkspaceData{Name: name, Description: desc, AuthzAdmin: admin, AuthzMember: member})
			return saved{ws: w, created: true}, err
		})
	}
	// The platform replaces every field on update: send the whole object.
	d := e.ws.Data()
	d.Name, d.Description = name, desc
	if hasGroups {
		d.AuthzAdmin, d.AuthzMember = admin, member
	}
	id := e.ws.WorkspaceID
	return common.Do(m.c, m.id, tagSave, func(ctx context.Context) (saved, error) {
		w, err := cl.UpdateWorkspace(ctx, id, d)
		if err == nil && w.WorkspaceID == "" {
			w.WorkspaceID = id
		}
		return saved{ws: w}, err
	})
}

// saved lists a workspace just created or saved at once, under the
// cursor, says so, and reloads the list for the platform's whole view.
func (m *Model) saved(s saved) tea.Cmd {
	verb := "saved"
	if s.created {
		verb = "created"
	}
	m.selectID = s.ws.WorkspaceID
	m.listSaved(s)
	m.selectID = s.ws.WorkspaceID // for the reload, too
	return tea.Batch(m.load(), common.Status(common.StatusSuccess, "Workspace “"+s.ws.Name+"” "+verb+"."))
}

// savedMeanwhile takes the reply to a form closed (esc) while it was sent:
// a workspace created meanwhile is still listed and announced.
func (m *Model) savedMeanwhile(r common.Result[saved]) tea.Cmd {
	if r.Err != nil {
		verb := "saved"
		if r.Value.created {
			verb = "created"
		}
		text, _ := common.Explain(r.Err)
		return tea.Batch(m.load(), common.Status(common.StatusError, "The workspace was not "+verb+": "+text))
	}
	return m.saved(r.Value)
}

// showError puts the platform's refusal at the field it names
// ("name: the length must be between 1 and 255.") or on the form.
func (d *editor) showError(err error) {
	f := d.Form
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.KindValidation {
		rest := []string{}
		if e.Refusal == client.RefusalAdminGroup && f.Field(groups.FieldAdminGroups) != nil {
			f.SetError(groups.FieldAdminGroups, groups.MsgAdminGroupRefused)
			return
		}
		// Last to first: SetError focuses its field, so the first one named
		// ends up focused.
		for _, field := range []string{groups.FieldMemberGroups, groups.FieldAdminGroups, "description", "name"} {
			if reason := e.Fields[field]; reason != "" && f.Field(field) != nil {
				f.SetError(field, strings.ToUpper(reason[:1])+reason[1:]+".")
			}
		}
		for field, reason := range e.Fields {
			if f.Field(field) == nil {
				rest = append(rest, field+": "+reason)
			}
		}
		if len(e.Fields) == 0 {
			rest = append(rest, strings.TrimSuffix(strings.TrimSpace(e.Message), "."))
		}
		if len(rest) == 0 {
			return
		}
		sort.Strings(rest)
		f.SetFormError(strings.Join(rest, "; "))
		return
	}
	msg, hint := common.Explain(err)
	f.SetFormError(msg + " " + hint)
}
