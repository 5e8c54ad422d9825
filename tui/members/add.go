package members

import (
	"context"
	"fmt"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// pick lists the workspace's members who hold no role in the repository
// yet; enter on one opens addRole, the role to give them.
type pick struct {
	h          *Model
	picker     *table.Model
	candidates []client.Member
	busy       bool
	err        error
	retry      tea.Cmd
	width      int
}

func newAdd(h *Model) *pick {
	d := &pick{h: h}
	d.picker = table.New(h.id, h.c.Styles, h.c.Keys, []table.Column{
		{Title: "Username", Flex: 2, MinWidth: 8},
		{Title: "E-mail", Flex: 3, MinWidth: 10},
		{Title: "Workspace role", Width: 15},
	})
	d.picker.Empty = "Everyone in the workspace already holds a role in this repository. Invite people to the workspace first (its Members tab)."
	return d
}

// load asks for the workspace's members.
func (d *pick) load() tea.Cmd {
	d.err, d.busy = nil, true
	cl, ws, repo := d.h.c.Client, d.h.wsID(), d.h.repoID()
	d.retry = d.h.ask(d, func(ctx context.Context) (reply, error) {
		people, err := cl.WorkspaceMembers(ctx, ws, repo)
		return reply{members: people}, err
	})
	return d.retry
}

func (d *pick) SetSize(w, h int) {
	d.width = w
	d.picker.SetSize(w, max(1, h-4))
}

func (d *pick) Busy() bool { return d.busy }

// Update implements dialog.Dialog. A list of people that comes after the
// picker closed is of no use (pick is not late).
func (d *pick) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case common.Result[reply]:
		return d, d.onCandidates(msg)
	case tea.KeyMsg:
		return d.key(msg)
	}
	return d, d.picker.Update(msg)
}

func (d *pick) onCandidates(msg common.Result[reply]) tea.Cmd {
	d.busy = false
	if msg.Err != nil {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			d.busy = true
			return common.SessionExpired(d.retry)
		}
		d.err = msg.Err
		return nil
	}
	people := append([]client.Member(nil), msg.Value.members...)
	client.SortMembers(people)
	rows := make([]table.Row, len(people))
	for i, p := range people {
		rows[i] = d.h.memberRow(p, client.RoleName(p.Role))
	}
	d.picker.SetRows(rows)
	d.candidates = people
	return nil
}

func (d *pick) key(msg tea.KeyMsg) (dialog.Dialog, tea.Cmd) {
	k := d.h.keys
	if d.picker.Filtering() {
		return d, d.picker.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Close) && d.picker.HandlesEsc():
		return d, d.picker.Update(msg)
	case key.Matches(msg, k.Close):
		return nil, nil
	case d.err != nil && key.Matches(msg, k.Refresh):
		return d, d.load()
	case key.Matches(msg, k.Select):
		row, ok := d.picker.Selected()
		if !ok || d.busy {
			return d, nil
		}
		for _, p := range d.candidates {
			if rowID(p) == row.ID {
				next := newAddRole(d, p)
				return next, next.Form.Init()
			}
		}
		return d, nil
	}
	return d, d.picker.Update(msg)
}

func (d *pick) Help() []key.Binding {
	k := d.h.keys
	if d.err != nil {
		return []key.Binding{keys.WithHelp(k.Refresh, "retry"), k.Close}
	}
	return []key.Binding{k.Select, k.Filter, k.Close}
}

func (d *pick) View() string {
	h, s := d.h, d.h.c.Styles
	title := lipgloss.NewStyle().PaddingLeft(2).Render(
		s.Title.Render("Add a member to "+safetext.Fit(h.scope.Repository.Name, max(10, d.width-20))) + "\n" +
			s.Subtle.Render("Choose one of the workspace's members (enter); the role comes next."))
	switch {
	case d.err != nil:
		msg, hint := h.pickRefusal(d.err)
		w := max(20, d.width-4)
		body := lipgloss.NewStyle().PaddingLeft(2).Width(w + 2).Render(
			s.Error.Render(safetext.Clean(msg)) + "\n\n" + s.Subtle.Render(safetext.Clean(hint)) + "\n\n" +
				s.Subtle.Render(s.Key.Render("r")+" retry · "+s.Key.Render("esc")+" back"))
		return "\n" + title + "\n\n" + body
	case d.busy:
		return "\n" + title + "\n\n  " + s.Subtle.Render("Loading the workspace's members…")
	}
	return "\n" + title + "\n" + d.picker.View()
}

// pickRefusal explains a refused workspace member list.
func (m *Model) pickRefusal(err error) (string, string) {
	switch client.KindOf(err) {
	case client.KindForbidden, client.KindNoAccess:
		return "Only a workspace Manager can add people to this repository.", "The platform shows the workspace's members only to its Managers. Ask a Manager of " + m.scope.Workspace.Name + "."
	}
	return common.Explain(err)
}

// newAddRole is the role a chosen person gets in the repository; esc goes
// back to the list of people.
func newAddRole(p *pick, target client.Member) *formDialog {
	h := p.h
	f := form.New(h.c.Styles, h.c.Keys, "Add "+who(target)+" to "+h.scope.Repository.Name,
		form.Choice("role", "Role in the repository", roleOptions(true), 2))
	f.SubmitText = "Add"
	if h.c.Session().IsMe(target) {
		// The platform's workspace-Manager fallback applies only where
		// they hold no repository role (§4.2).
		f.Note = "A role here replaces your workspace Manager rights in this repository: as anything but Manager you could no longer manage it."
	}
	d := newFormDialog(h, "add", f)
	d.target, d.resent, d.help = target, "the member is added", h.keys.chooseHelp()
	d.back = func() dialog.Dialog { return p } // the people as they were
	d.send = func() tea.Cmd {
		role := f.Value("role")
		data := client.RepositoryMemberData{AccountID: target.AccountID, Email: target.Email, Username: target.Username, Role: role}
		cl, ws, repo := h.c.Client, h.wsID(), h.repoID()
		return h.ask(d, func(ctx context.Context) (reply, error) {
			_, err := cl.AddRepositoryMember(ctx, ws, repo, data)
			added := target
			added.Role = role
			return reply{member: added}, err
		})
	}
	d.done = func(r common.Result[reply]) tea.Cmd {
		if r.Err == nil {
			h.selectEmail = target.Email
		}
		return h.late(r, fmt.Sprintf("Added %s to the repository as %s.", whoShort(target), client.RoleName(r.Value.member.Role)), "Adding the member failed")
	}
	d.refused = func(err error) tea.Cmd { return h.addRefused(target, f, err) }
	return d
}

// addRefused says on the form why the platform refused to add target.
func (m *Model) addRefused(target client.Member, f *form.Model, err error) tea.Cmd {
	e := asError(err)
	name := whoShort(target)
	switch {
	case e != nil && e.Refusal == client.RefusalNotWorkspaceMember:
		f.SetFormError(name + " is no longer a member of the workspace. Press esc and choose someone else.")
	case e != nil && e.Kind == client.KindConflict:
		f.SetFormError(name + " already holds a role in this repository (someone may have added them meanwhile). The list has been reloaded.")
		return m.load()
	case e != nil && (e.Status == 500 || e.Kind == client.KindNoAccess):
		f.SetFormError("The platform refused without saying why. It does this when the person already holds a role in this repository (someone may have added them meanwhile). The list has been reloaded: check it.")
		return m.load()
	default:
		text, hint := common.Explain(err)
		f.SetFormError(text + " " + hint)
	}
	return nil
}
