package vulnerabilities

// Changing findings: the targets of a key, the pending changes and their save.

import (
	"sort"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// targets are the marked findings, or the one under the cursor.
func (m *Model) targets() []string {
	if len(m.marked) > 0 {
		out := make([]string, 0, len(m.marked))
		for id := range m.marked {
			if _, ok := m.findRows[id]; ok {
				out = append(out, id)
			}
		}
		sort.Strings(out)
		return out
	}
	if row, ok := m.finds.Selected(); ok {
		return []string{row.ID}
	}
	return nil
}

// change applies fn to the targets' pending change; a change back to what
// the platform holds is no change.
func (m *Model) change(fn func(*client.VulnChange)) {
	for _, id := range m.targets() {
		v := m.findRows[id]
		e := m.effective(v)
		ch := client.VulnChange{VulnerabilityID: id, Severity: e.Severity, Type: e.Type}
		fn(&ch)
		if ch.Severity == v.Severity && ch.Type == v.Type {
			delete(m.pending, id)
		} else {
			m.pending[id] = ch
		}
	}
	m.saveErr = nil
	m.refreshFindingRows()
}

func (m *Model) refuse() tea.Cmd {
	return common.Status(common.StatusError, m.readOnlyText())
}

func (m *Model) readOnlyText() string {
	role := m.scope.Workspace.Role
	where := "the workspace"
	if m.scope.IsRepository() {
		role = m.scope.Repository.Role
		where = m.scope.Repository.Name
	}
	return "Read-only: only " + client.ChangeFindingsRoles(m.scope.IsRepository()) +
		" can change findings; you are " + article(client.RoleName(role)) + " of " + safetext.Clean(where) + "."
}

// readOnlyShort says the same in a line of 80.
func (m *Model) readOnlyShort() string {
	role := m.scope.Workspace.Role
	who := "a workspace Manager"
	if m.scope.IsRepository() {
		role = m.scope.Repository.Role
		who = "a repository Manager or Supervisor"
	}
	return "Read-only for " + article(client.RoleName(role)) + ": " + who + " can change findings."
}

// save sends every pending change in one request, each with both its
// severity and its status, and the analysis of the file's listing.
func (m *Model) save() tea.Cmd {
	if len(m.pending) == 0 || m.saving {
		return nil
	}
	if !m.canEdit {
		return m.refuse()
	}
	u := client.VulnUpdate{AnalysisID: m.file.AnalysisID}
	for _, ch := range m.pending {
		u.Vulnerabilities = append(u.Vulnerabilities, ch)
	}
	sort.Slice(u.Vulnerabilities, func(i, j int) bool {
		return u.Vulnerabilities[i].VulnerabilityID < u.Vulnerabilities[j].VulnerabilityID
	})
	m.saving, m.saveErr = true, nil
	id, c, sc, repoID := m.id, m.c, m.scope, m.file.RepositoryID
	n := len(u.Vulnerabilities)
	return func() tea.Msg {
		var err error
		if sc.IsRepository() {
			err = c.Client.UpdateRepositoryVulnerabilities(c.Ctx, sc.Workspace.WorkspaceID, repoID, u)
		} else {
			err = c.Client.UpdateWorkspaceVulnerabilities(c.Ctx, sc.Workspace.WorkspaceID, u)
		}
		return savedMsg{to: id, n: n, err: err}
	}
}

func (m *Model) onSaved(msg savedMsg) tea.Cmd {
	m.saving = false
	if msg.err != nil {
		if client.IsKind(msg.err, client.KindUnauthenticated) {
			return common.SessionExpired(m.save())
		}
		m.saveErr = msg.err
		return nil
	}
	m.pending, m.marked = map[string]client.VulnChange{}, map[string]bool{}
	if m.view == viewDetail {
		m.view = viewFindings
	}
	return tea.Batch(
		common.Status(common.StatusSuccess, "Saved "+plural(msg.n, "change")+"."),
		m.reloadFiles(), m.reloadFindings(),
		func() tea.Msg { return common.FindingsChangedMsg{} },
	)
}
