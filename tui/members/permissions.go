package members

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
)

// permissions is the table of what each role may do (P), scrolled with
// ↑/↓ when the tab is shorter than it.
type permissions struct {
	h             *Model
	top           int // first line on screen
	width, height int
}

func newPermissions(h *Model) *permissions { return &permissions{h: h} }

func (d *permissions) SetSize(w, h int) { d.width, d.height = w, h }
func (d *permissions) Busy() bool       { return false }
func (d *permissions) Typing() bool     { return false }

func (d *permissions) Help() []key.Binding {
	k := d.h.keys
	return []key.Binding{k.Up, k.Down, k.Close}
}

// room is the lines the table may take, under a blank line.
func (d *permissions) room() int { return max(1, d.height-1) }

func (d *permissions) View() string {
	lines := d.lines()
	top := min(d.top, max(0, len(lines)-d.room()))
	end := min(len(lines), top+d.room())
	return "\n" + strings.Join(lines[top:end], "\n")
}

func (d *permissions) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	km, ok := msg.(tea.KeyMsg)
	if !ok {
		return d, nil
	}
	k := d.h.keys
	switch {
	case key.Matches(km, k.Down):
		if d.top < len(d.lines())-d.room() {
			d.top++
		}
	case key.Matches(km, k.Up):
		if d.top > 0 {
			d.top--
		}
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

func (d *permissions) lines() []string {
	s := d.h.c.Styles
	const what = 40
	cell := func(ok bool, w int) string {
		if ok {
			return s.Success.Render(padRight("✓", w))
		}
		return s.Subtle.Render(padRight("·", w))
	}
	section := func(title string, rows []permission) []string {
		out := []string{"  " + s.TableHeader.Render(padRight(title, what)+padRight("Manager", 10)+padRight("Supervisor", 12)+"User")}
		for _, p := range rows {
			out = append(out, "  "+s.Text.Render(padRight(p.what, what))+
				cell(p.manager, 10)+cell(p.supervisor, 12)+cell(p.us, 4))
		}
		return out
	}
	lines := []string{"  " + s.Title.Render("What each role may do"), ""}
	lines = append(lines, section("In a workspace", workspacePermissions)...)
	lines = append(lines, "")
	lines = append(lines, section("In a repository", repositoryPermissions)...)
	note := s.Subtle.Width(max(20, d.width-4)).Render("A workspace Manager acts as Manager of every repository where they hold no role of their own. The platform calls these roles admin, supervisor and member.")
	lines = append(lines, "")
	for _, l := range strings.Split(note, "\n") {
		lines = append(lines, "  "+l)
	}
	return lines
}
