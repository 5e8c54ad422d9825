package repositories

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/groups"
)

// saved answers a create or an edit; from is the form that sent it, which
// may have been left with esc meanwhile.
type saved struct {
	from    *repoForm
	created bool
	repo    client.Repository
}

// repoForm creates a repository, or edits one. The values stay in it
// until the platform agrees. Its reply goes to the list (onSaved), which
// shows a refusal on the form while it is open.
type repoForm struct {
	dialog.FormHost
	h       *Model
	editing *client.Repository // nil when creating
}

func (m *Model) openCreate() tea.Cmd {
	if !m.scope.WorkspaceAdmin() {
		return m.refusal("create repositories", nil)
	}
	d := m.newForm("New repository", nil)
	d.Form.SubmitText = "Create"
	m.dialogs.Open(d)
	return d.Form.Init()
}

func (m *Model) openEdit() tea.Cmd {
	r, refused, ok := m.changeable("edit it")
	if !ok {
		return refused
	}
	d := m.newForm("Edit "+r.Name, &r)
	m.dialogs.Open(d)
	return d.Form.Init()
}

func (m *Model) newForm(title string, editing *client.Repository) *repoForm {
	var r client.Repository
	if editing != nil {
		r = *editing
	}
	name := form.Text("name", "Name", "Unique in the workspace; 1–255 characters.", 255, validateName)
	name.SetValue(r.Name)
	desc := form.Text("description", "Description", "Optional; up to 255 characters.", 255, validateDescription)
	desc.SetValue(r.Description)
	// Where access comes from groups: who administers, supervises and
	// uses the repository (an edit keeps the current lists).
	fields := append([]*form.Field{name, desc}, groups.Fields(m.c, true, editing == nil, r.AuthzAdmin, r.AuthzSupervisor, r.AuthzMember)...)
	f := form.New(m.c.Styles, m.c.Keys, title, fields...)
	f.Note = "In workspace " + m.ws.Name
	return &repoForm{FormHost: dialog.NewFormHost(f), h: m, editing: editing}
}

func validateName(v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		return "A repository needs a name."
	}
	return client.TooLong("The name", v)
}

func validateDescription(v string) string {
	return client.TooLong("The description", v)
}

// Update implements dialog.Dialog.
func (d *repoForm) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	cmd, action := d.Handle(msg)
	switch action {
	case form.Cancel:
		// Also while the form is being sent: its answer then goes to the
		// list, which lists and announces what was saved.
		d.h.leftSending = d.Busy()
		return nil, nil
	case form.Submit:
		d.Form.SetFormError("")
		return d, d.Send(d.send())
	}
	return d, cmd
}

// send is the request the form would send now (also the retry after a
// login): it reads the values when it is built, not when it runs.
func (d *repoForm) send() tea.Cmd {
	f := d.Form
	data := client.RepositoryData{Name: strings.TrimSpace(f.Value("name")), Description: f.Value("description"),
		AuthzAdmin:      groups.FromForm(f, groups.FieldAdminGroups),
		AuthzSupervisor: groups.FromForm(f, groups.FieldSupervisorGroups),
		AuthzMember:     groups.FromForm(f, groups.FieldMemberGroups)}
	cl, wsID := d.h.c.Client, d.h.ws.WorkspaceID
	if d.editing == nil {
		return common.Do(d.h.c, d.h.id, tagSave, func(ctx context.Context) (saved, error) {
			r, err := cl.CreateRepository(ctx, wsID, data)
			return saved{from: d, created: true, repo: r}, err
		})
	}
	// The platform replaces every field: keep the ones not in the form.
	full := d.editing.Data()
	full.Name, full.Description = data.Name, data.Description
	if f.Field(groups.FieldAdminGroups) != nil {
		full.AuthzAdmin, full.AuthzSupervisor, full.AuthzMember = data.AuthzAdmin, data.AuthzSupervisor, data.AuthzMember
	}
	repoID := d.editing.RepositoryID
	return common.Do(d.h.c, d.h.id, tagSave, func(ctx context.Context) (saved, error) {
		r, err := cl.UpdateRepository(ctx, wsID, repoID, full)
		return saved{from: d, repo: r}, err
	})
}

// onSaved lists and announces what was saved, whether or not its form is
// still open; a refusal goes to the form, or to the footer once the form
// was left.
func (m *Model) onSaved(msg common.Result[saved]) tea.Cmd {
	d := msg.Value.from
	open := m.dialogs.Active() == dialog.Dialog(d)
	m.leftSending = false
	if msg.Err != nil {
		if !open {
			text, hint := common.Explain(msg.Err)
			verb := "saved"
			if msg.Value.created {
				verb = "created"
			}
			return common.Status(common.StatusError, "The repository was not "+verb+": "+sentence(platformText(text))+" "+hint)
		}
		what := "the repository is saved"
		if msg.Value.created {
			what = "the repository is created"
		}
		// After an expired session the same form goes again after the
		// login.
		return d.Fail(msg.Err, what, d.showError)
	}
	if open {
		m.dialogs.Close()
	}
	r := msg.Value.repo
	if msg.Value.created {
		m.focus = r.RepositoryID
		if m.count > 0 {
			m.count++
		}
		if m.counted && m.query == "" && m.answered {
			m.grow(m.n + 1) // it is somewhere in the list: one more row
			m.table.SetRows(m.rows)
		}
		return tea.Batch(common.Status(common.StatusSuccess, "Created repository "+r.Name+"."), m.refresh())
	}
	old, ok := m.repos[r.RepositoryID]
	if r.Role == "" && ok {
		r.Role = old.Role
	}
	m.repos[r.RepositoryID] = r
	for i, row := range m.rows {
		if row.ID == r.RepositoryID {
			m.rows[i] = m.row(r)
		}
	}
	m.table.SetRows(m.rows)
	return common.Status(common.StatusSuccess, "Saved repository "+r.Name+".")
}

// showError puts the platform's refusal where it belongs: a name in use or
// a bad field under that field, anything else above the buttons.
func (d *repoForm) showError(err error) {
	f := d.Form
	text, hint := common.Explain(err)
	text = platformText(text)
	var e *client.Error
	errors.As(err, &e)
	switch {
	case client.IsKind(err, client.KindConflict) || client.RefusalOf(err) == client.RefusalNameInUse:
		f.SetError("name", capitalize(text)+". Choose another name.")
	case client.IsKind(err, client.KindValidation) && e.Fields["name"] != "":
		f.SetError("name", capitalize(e.Fields["name"])+".")
	case client.IsKind(err, client.KindValidation) && e.Fields["description"] != "":
		f.SetError("description", capitalize(e.Fields["description"])+".")
	case client.RefusalOf(err) == client.RefusalAdminGroup && f.Field(groups.FieldAdminGroups) != nil:
		f.SetError(groups.FieldAdminGroups, groups.MsgAdminGroupRefused)
	default:
		f.SetFormError(sentence(text) + " " + hint)
	}
}

// sentence ends a text with a full stop when it has no ending mark, so a
// hint can follow it.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?") {
		return s
	}
	return capitalize(s) + "."
}

// platformText drops the platform's "{CORE_REPOSITORY} " tag: it names a
// service's source file, not anything the user can act on.
func platformText(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "{") {
		if i := strings.Index(s, "}"); i > 0 {
			s = strings.TrimSpace(s[i+1:])
		}
	}
	return s
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
