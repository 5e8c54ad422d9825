package members

import (
	"errors"
	"strings"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
)

// Who may do what in the tab, and what the tab says when a key is not
// theirs: always which role is needed.

// ldap reports an LDAP platform: access comes from the groups in the
// token, and the roles stored here are not used.
func (m *Model) ldap() bool { return m.c.AuthConfig.AuthType == client.AuthTypeLDAP }

// groupsLine names the scope's groups, the LDAP platform's source of access.
func (m *Model) groupsLine() string {
	list := func(g []string) string {
		if len(g) == 0 {
			return "none"
		}
		return safetext.Clean(strings.Join(g, ", ")) // names from the platform
	}
	if r := m.scope.Repository; r != nil {
		return "Admin groups: " + list(r.AuthzAdmin) + " · Supervisor groups: " + list(r.AuthzSupervisor) + " · Member groups: " + list(r.AuthzMember)
	}
	w := m.scope.Workspace
	return "Admin groups: " + list(w.AuthzAdmin) + " · Member groups: " + list(w.AuthzMember)
}

// ldapBanner stays above the list on an LDAP platform.
func (m *Model) ldapBanner() string {
	if !m.ldap() {
		return ""
	}
	return "On this LDAP platform access comes from LDAP groups; the roles stored here are not used. " + m.groupsLine() + "."
}

// ldapRoleRefusal answers the role-change key on an LDAP platform.
func (m *Model) ldapRoleRefusal() string {
	what := "the workspace's"
	if m.scope.IsRepository() {
		what = "the repository's"
	}
	return "Roles are not changed here: on this LDAP platform the platform ignores stored roles and gives access by LDAP group. To change who may do what, edit " + what + " groups (its edit form) or the people's groups in the directory."
}

// mayInvite: a workspace invite needs a workspace Manager; adding to a
// repository needs the workspace's member list, which only workspace
// Managers may read (§4.4).
func (m *Model) mayInvite() bool { return m.scope.WorkspaceAdmin() }

// mayManage: changing roles and removing people need an admin of the scope.
func (m *Model) mayManage() bool { return m.scope.Admin() }

func (m *Model) inviteRefusal() string {
	if m.scope.IsRepository() {
		return "Only a workspace Manager can add people to this repository: the platform shows the workspace's members only to its Managers. Ask a Manager of " + m.scope.Workspace.Name + "."
	}
	return "Only a Manager of the workspace can invite people. Ask a Manager of " + m.scope.Workspace.Name + "."
}

func (m *Model) manageRefusal() string {
	if m.scope.IsRepository() {
		return "Only a Manager of this repository or of the workspace can change roles or remove people."
	}
	return "Only a Manager of the workspace can change roles or remove people."
}

// selfRefusal says why the user's own row cannot be changed.
func selfRefusal(remove bool) string {
	if remove {
		return "This is you. You cannot remove yourself here, so that you do not lose access by accident; another Manager can remove you."
	}
	return "This is you. You cannot change your own role here, so that you do not lose access by accident; another Manager can change it."
}

// checkTarget returns the member under the cursor when the user may change
// it, or explains why not.
func (m *Model) checkTarget(remove bool) (client.Member, bool) {
	if !m.mayManage() {
		m.setNotice(m.manageRefusal(), false)
		return client.Member{}, false
	}
	mem, ok := m.selected()
	if !ok {
		return client.Member{}, false
	}
	if m.c.Session().IsMe(mem) {
		m.setNotice(selfRefusal(remove), false)
		return client.Member{}, false
	}
	if _, busy := m.pending[mem.AccountID]; busy {
		m.setNotice("The role of "+whoShort(mem)+" is being changed; wait for the platform's answer.", false)
		return client.Member{}, false
	}
	if remove && client.LeavesNoManager(m.members, mem, "") {
		m.setNotice(m.lastManagerRefusal(mem, true), false)
		return client.Member{}, false
	}
	return mem, true
}

// lastManagerRefusal says why the last Manager can be neither removed nor
// demoted (client.LeavesNoManager), and how to hand over first.
func (m *Model) lastManagerRefusal(mem client.Member, remove bool) string {
	where, without := "workspace", "nobody could manage it"
	if m.scope.IsRepository() {
		where, without = "repository", "only the workspace's Managers could manage it"
	}
	then := "remove them"
	if !remove {
		then = "change their role"
	}
	return whoShort(mem) + " is the last Manager of this " + where + ": without one " + without + ". " +
		"Hand over first: make someone else Manager (e on their row), then " + then + "."
}

func asError(err error) *client.Error {
	var e *client.Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
