package members

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/modal"
)

// permissions is the table of what each role may do (P), in a box that
// scrolls when the tab is shorter than it.
type permissions struct {
	h   *Model
	box *modal.Box
}

func newPermissions(h *Model) *permissions {
	return &permissions{h: h, box: modal.New(h.c.Styles, h.c.Keys)}
}

func (d *permissions) SetSize(w, h int) { d.box.SetSize(w-2, h) } // indented
func (d *permissions) Busy() bool       { return false }
func (d *permissions) Typing() bool     { return false }

func (d *permissions) Help() []key.Binding {
	return append(d.box.ScrollKeys(), d.h.keys.Close)
}

func (d *permissions) View() string {
	s := d.h.c.Styles
	foot := s.Subtle.Render(s.Key.Render("esc") + " close")
	// The role columns' names stay over the rows while they scroll.
	title := s.Title.Render("What each role may do") + "\n\n" +
		s.TableHeader.Render(strings.Repeat(" ", d.whatWidth())+padRight("Manager", managerW)+padRight("Supervisor", supervisorW)+"User")
	return lipgloss.NewStyle().PaddingLeft(2).Render(d.box.View(title, d.table(), foot))
}

func (d *permissions) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	if d.box.Update(msg) {
		return d, nil
	}
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	k := d.h.keys
	switch {
	case key.Matches(km, k.Close), key.Matches(km, k.Permissions), km.String() == "p", km.String() == "q", km.String() == "enter":
		return nil, nil
	}
	return d, nil
}

// permission is one line of the permissions table.
type permission struct {
	what                    string
	manager, supervisor, us bool
}

// The platform's documented permissions (§4 of the contract): at workspace
// level a Supervisor is a User; on a repository a Supervisor also manages
// its vulnerabilities.
var (
	workspacePermissions = []permission{
		{"View, edit and delete the workspace", true, false, false},
		{"Create, view and revoke its tokens", true, false, false},
		{"Invite members, change roles, remove", true, false, false},
		{"Add repositories and see all of them", true, false, false},
		{"See the workspace dashboard", true, false, false},
		{"See repos and dashboards given to them", true, true, true},
	}
	repositoryPermissions = []permission{
		{"Edit and delete the repository", true, false, false},
		{"Create, view and revoke its tokens", true, false, false},
		{"Add members, change roles, remove", true, false, false},
		{"Manage its vulnerabilities", true, true, false},
		{"See the repository and its dashboard", true, true, true},
	}
)

// The role columns' widths: each name and two spaces.
const managerW, supervisorW, userW = 9, 12, 4

// whatWidth is the width of the column saying what a role may do.
func (d *permissions) whatWidth() int {
	return max(12, min(40, d.box.ContentWidth(0)-managerW-supervisorW-userW))
}

// table is both sections and the note, wrapped to the box: what a role
// may do wraps in its column, so that the role columns stay on screen.
func (d *permissions) table() string {
	s := d.h.c.Styles
	cw, what := d.box.ContentWidth(0), d.whatWidth()
	cell := func(ok bool, w int) string {
		if ok {
			return s.Success.Render(padRight("✓", w))
		}
		return s.Subtle.Render(padRight("·", w))
	}
	section := func(title string, rows []permission) []string {
		out := []string{s.TableHeader.Render(title)}
		for _, p := range rows {
			wrapped := strings.Split(lipgloss.NewStyle().Width(what-1).Render(p.what), "\n")
			out = append(out, s.Text.Render(padRight(wrapped[0], what))+
				cell(p.manager, managerW)+cell(p.supervisor, supervisorW)+cell(p.us, userW))
			for _, more := range wrapped[1:] {
				out = append(out, s.Text.Render(strings.TrimRight(more, " ")))
			}
		}
		return out
	}
	lines := section("In a workspace", workspacePermissions)
	lines = append(lines, "")
	lines = append(lines, section("In a repository", repositoryPermissions)...)
	note := s.Subtle.Width(cw).Render("A workspace Manager acts as Manager of every repository where they hold no role of their own. The platform calls these roles admin, supervisor and member.")
	return strings.Join(append(lines, "", note), "\n")
}
