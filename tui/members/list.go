package members

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

func memberColumns() []table.Column {
	return []table.Column{
		{Title: "Username", Flex: 2, MinWidth: 8},
		{Title: "E-mail", Flex: 3, MinWidth: 10},
		{Title: "Role", Width: 12},
	}
}

func (m *Model) wsID() string { return m.scope.Workspace.WorkspaceID }

func (m *Model) repoID() string {
	if m.scope.Repository == nil {
		return ""
	}
	return m.scope.Repository.RepositoryID
}

func (m *Model) load() tea.Cmd { return m.list.Load() }

// setMembers shows the members that arrived, with the role changes not yet
// answered, the cursor on someone just invited or added.
func (m *Model) setMembers(list []client.Member) {
	members := append([]client.Member(nil), list...)
	for i := range members {
		if p, ok := m.pending[members[i].AccountID]; ok {
			members[i].Role = p.next
		}
	}
	client.SortMembers(members)
	m.members = members
	m.refreshRows()
	if m.selectEmail != "" {
		for _, mem := range members {
			if strings.EqualFold(mem.Email, m.selectEmail) {
				m.table.SelectID(rowID(mem))
			}
		}
		m.selectEmail = ""
	}
}

func (m *Model) refreshRows() {
	rows := make([]table.Row, len(m.members))
	for i, mem := range m.members {
		role := client.RoleName(mem.Role)
		if _, ok := m.pending[mem.AccountID]; ok {
			role += " …"
		}
		rows[i] = m.memberRow(mem, role)
	}
	m.table.SetRows(rows)
}

// memberRow is a person's row: name, e-mail and the role shown, each of
// them matched by the filter.
func (m *Model) memberRow(mem client.Member, role string) table.Row {
	name := mem.Username
	if m.c.Session().IsMe(mem) {
		name += " (you)"
	}
	return table.Row{ID: rowID(mem), Cells: []string{name, mem.Email, role}, Filter: name + " " + mem.Email + " " + role}
}

func rowID(mem client.Member) string {
	if mem.AccountID != "" {
		return mem.AccountID
	}
	return strings.ToLower(mem.Email)
}

// selected is the member under the cursor.
func (m *Model) selected() (client.Member, bool) {
	row, ok := m.table.Selected()
	if !ok {
		return client.Member{}, false
	}
	for _, mem := range m.members {
		if rowID(mem) == row.ID {
			return mem, true
		}
	}
	return client.Member{}, false
}

func (m *Model) findByEmail(email string) (client.Member, bool) {
	for _, mem := range m.members {
		if client.SameEmail(mem.Email, email) {
			return mem, true
		}
	}
	return client.Member{}, false
}

// who names a member in sentences: "alice (alice@example.com)".
func who(mem client.Member) string {
	switch {
	case mem.Username != "" && mem.Email != "":
		return mem.Username + " (" + mem.Email + ")"
	case mem.Email != "":
		return mem.Email
	default:
		return mem.Username
	}
}

// whoShort names a member in short messages.
func whoShort(mem client.Member) string {
	if mem.Username != "" {
		return mem.Username
	}
	return mem.Email
}
