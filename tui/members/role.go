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

// pendingRole is a role change shown before the platform has answered.
type pendingRole struct{ prev, next string }

// roleSet answers a role change; it names whose role it was.
type roleSet struct{ accountID string }

func (m *Model) startRole() tea.Cmd {
	if m.ldap() {
		m.setNotice(m.ldapRoleRefusal(), false)
		return nil
	}
	mem, ok := m.checkTarget(false)
	if !ok {
		return nil
	}
	opts := roleOptions(m.scope.IsRepository())
	sel := len(opts) - 1
	for i, o := range opts {
		if o.Value == mem.Role {
			sel = i
		}
	}
	f := form.New(m.c.Styles, m.c.Keys, "Change the role of "+who(mem), form.Choice("role", "Role", opts, sel))
	f.Note = "Now " + client.RoleName(mem.Role) + ". Choose with ↑/↓, enter to save."
	f.SubmitText = "Change role"
	// The picker closes as soon as a role is chosen: the list shows it at
	// once and rolls it back if the platform refuses (onRoleSet).
	d := newFormDialog(m, "role", f)
	d.target, d.help, d.instant = mem, m.keys.chooseHelp(), true
	d.send = func() tea.Cmd { return m.changeRole(mem, f.Value("role")) }
	return m.open(d, f.Init())
}

// changeRole shows the new role at once and rolls it back if the platform
// refuses.
func (m *Model) changeRole(mem client.Member, role string) tea.Cmd {
	if role == mem.Role {
		return nil
	}
	if client.LeavesNoManager(m.members, mem, role) {
		m.setNotice(m.lastManagerRefusal(mem, false), false)
		return nil
	}
	m.pending[mem.AccountID] = pendingRole{prev: mem.Role, next: role}
	m.setRole(mem.AccountID, role)
	m.refreshRows()
	return m.setRoleCmd(mem.AccountID, role)
}

func (m *Model) setRoleCmd(accountID, role string) tea.Cmd {
	cl, ws, repo := m.c.Client, m.wsID(), m.repoID()
	return common.Do(m.c, m.id, tagRole, func(ctx context.Context) (roleSet, error) {
		var err error
		if repo != "" {
			_, err = cl.SetRepositoryMemberRole(ctx, ws, repo, accountID, role)
		} else {
			_, err = cl.SetWorkspaceMemberRole(ctx, ws, accountID, role)
		}
		return roleSet{accountID: accountID}, err
	})
}

func (m *Model) setRole(accountID, role string) {
	for i := range m.members {
		if m.members[i].AccountID == accountID {
			m.members[i].Role = role
		}
	}
}

func (m *Model) onRoleSet(msg common.Result[roleSet]) tea.Cmd {
	accountID := msg.Value.accountID
	p, ok := m.pending[accountID]
	if !ok {
		return nil
	}
	mem := client.Member{AccountID: accountID}
	for _, x := range m.members {
		if x.AccountID == accountID {
			mem = x
		}
	}
	if msg.Err != nil && client.IsKind(msg.Err, client.KindUnauthenticated) {
		return common.SessionExpired(m.setRoleCmd(accountID, p.next))
	}
	delete(m.pending, accountID)
	if msg.Err != nil {
		m.setRole(accountID, p.prev)
		m.refreshRows()
		text, hint := common.Explain(msg.Err)
		m.setNotice(fmt.Sprintf("%s is still %s: the platform refused the change. %s %s", whoShort(mem), client.RoleName(p.prev), text, hint), true)
		return nil
	}
	m.refreshRows()
	return common.Status(common.StatusSuccess, fmt.Sprintf("%s is now %s.", whoShort(mem), article(client.RoleName(p.next))))
}

func article(role string) string {
	if role == "" {
		return role
	}
	if strings.ContainsRune("AEIOU", rune(role[0])) {
		return "an " + role
	}
	return "a " + role
}
