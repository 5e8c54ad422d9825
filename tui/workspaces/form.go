package workspaces

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
)

// savedMsg is delivered to the list under the form when it closes: the
// list reloads and puts the cursor on the saved workspace.
type savedMsg struct {
	id      string
	ws      client.Workspace // as the platform answered
	created bool
}

// leftMsg is delivered to the list when the form is left (esc) while its
// request is on its way: the list takes the reply over, so a workspace
// created meanwhile is still listed and announced.
type leftMsg struct {
	form    int // the form's id, which the reply is addressed to
	created bool
}

// Form creates a workspace, or edits one. It is a screen of its own on the
// shell's stack, so an expired session brings the login up over it and
// what was typed stays.
type Form struct {
	c    *common.Common
	id   int
	ws   *client.Workspace // nil when creating
	form *form.Model
}

// NewForm builds the create form (ws nil) or the edit form of ws.
func NewForm(c *common.Common, ws *client.Workspace) *Form {
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
	return &Form{c: c, id: common.NewID(), ws: ws, form: f}
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

func (f *Form) ID() int { return f.id }
func (f *Form) Title() string {
	if f.ws == nil {
		return "New workspace"
	}
	return "Edit " + f.ws.Name
}
func (f *Form) Init() tea.Cmd      { return f.form.Init() }
func (f *Form) Capturing() bool    { return true }
func (f *Form) Loading() bool      { return f.form.Submitting() }
func (f *Form) SetSize(w, h int)   { f.form.SetSize(min(w, 80), h) }
func (f *Form) Model() *form.Model { return f.form }

// Dirty reports whether the user typed something not yet saved.
func (f *Form) Dirty() bool              { return f.form.Dirty() }
func (f *Form) Editing() bool            { return f.ws != nil }
func (f *Form) ShortHelp() []key.Binding { return f.form.Help() }
func (f *Form) FullHelp() [][]key.Binding {
	return [][]key.Binding{f.form.Help()}
}

// View implements common.Screen.
func (f *Form) View() string {
	return lipgloss.NewStyle().Padding(0, 2).Render(f.form.View())
}

// Update implements common.Screen.
func (f *Form) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case common.Result[client.Workspace]:
		if msg.To != f.id {
			return nil
		}
		return f.saved(msg.Value, msg.Err)
	case tea.KeyMsg:
		cmd, action := f.form.Update(msg)
		switch action {
		case form.Cancel:
			if f.form.Submitting() {
				return common.Pop(leftMsg{form: f.id, created: f.ws == nil})
			}
			return common.Pop(nil)
		case form.Submit:
			f.form.SetSubmitting(true)
			return f.send()
		}
		return cmd
	}
	cmd, _ := f.form.Update(msg)
	return cmd
}

// send sends what the form holds now; it is also the retry after a login,
// so it reads the values when it is built, not when it runs.
func (f *Form) send() tea.Cmd {
	cl := f.c.Client
	name := strings.TrimSpace(f.form.Value("name"))
	desc := strings.TrimSpace(f.form.Value("description"))
	hasGroups := f.form.Field(groups.FieldAdminGroups) != nil
	admin := groups.FromForm(f.form, groups.FieldAdminGroups)
	member := groups.FromForm(f.form, groups.FieldMemberGroups)
	if f.ws == nil {
		return common.Do(f.c, f.id, "create", func(ctx context.Context) (client.Workspace, error) {
			return cl.CreateWorkspace(ctx, client.WorkspaceData{Name: name, Description: desc, AuthzAdmin: admin, AuthzMember: member})
		})
	}
	// The platform replaces every field on update: send the whole object.
	d := f.ws.Data()
	d.Name, d.Description = name, desc
	if hasGroups {
		d.AuthzAdmin, d.AuthzMember = admin, member
	}
	id := f.ws.WorkspaceID
	return common.Do(f.c, f.id, "update", func(ctx context.Context) (client.Workspace, error) {
		w, err := cl.UpdateWorkspace(ctx, id, d)
		if err == nil && w.WorkspaceID == "" {
			w.WorkspaceID = id
		}
		return w, err
	})
}

func (f *Form) saved(ws client.Workspace, err error) tea.Cmd {
	f.form.SetSubmitting(false)
	if err != nil {
		if client.IsKind(err, client.KindUnauthenticated) {
			// The login comes up over the form; the values stay and the
			// same request is sent again once logged in.
			return common.SessionExpired(f.send())
		}
		f.showError(err)
		return nil
	}
	verb := "created"
	if f.ws != nil {
		verb = "saved"
	}
	// In this order: the message belongs to the list the form closes to.
	return tea.Sequence(
		common.Pop(savedMsg{id: ws.WorkspaceID, ws: ws, created: f.ws == nil}),
		common.Status(common.StatusSuccess, "Workspace “"+ws.Name+"” "+verb+"."),
	)
}

// showError puts the platform's refusal at the field it names
// ("name: the length must be between 1 and 255.") or on the form.
func (f *Form) showError(err error) {
	var e *client.Error
	if errors.As(err, &e) && e.Kind == client.KindValidation {
		rest := []string{}
		if e.Refusal == client.RefusalAdminGroup && f.form.Field(groups.FieldAdminGroups) != nil {
			f.form.SetError(groups.FieldAdminGroups, groups.MsgAdminGroupRefused)
			return
		}
		// Last to first: SetError focuses its field, so the first one named
		// ends up focused.
		for _, field := range []string{groups.FieldMemberGroups, groups.FieldAdminGroups, "description", "name"} {
			if reason := e.Fields[field]; reason != "" && f.form.Field(field) != nil {
				f.form.SetError(field, strings.ToUpper(reason[:1])+reason[1:]+".")
			}
		}
		for field, reason := range e.Fields {
			if f.form.Field(field) == nil {
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
		f.form.SetFormError(strings.Join(rest, "; "))
		return
	}
	msg, hint := common.Explain(err)
	f.form.SetFormError(msg + " " + hint)
}
