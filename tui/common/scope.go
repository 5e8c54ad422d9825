package common

import "github.com/horusec-tui/horusec-tui/client"

// Scope is where a tab works: a workspace, or one repository of it. Tokens,
// members and dashboards exist at both levels.
type Scope struct {
	Workspace  client.Workspace
	Repository *client.Repository // nil at workspace level
}

// IsRepository reports whether the scope is one repository.
func (s Scope) IsRepository() bool { return s.Repository != nil }

// WorkspaceAdmin reports whether the user manages the workspace (Manager,
// or the application admin).
func (s Scope) WorkspaceAdmin() bool {
	return s.Workspace.IsManager()
}

// RepositoryAdmin reports whether the user administers the repository:
// the platform lets workspace Managers act as repository admins.
func (s Scope) RepositoryAdmin() bool {
	if s.Repository == nil {
		return s.WorkspaceAdmin()
	}
	return client.ManagesRepository(s.Workspace, *s.Repository)
}

// Admin reports whether the user administers the scope itself (the role
// that tokens and members need).
func (s Scope) Admin() bool {
	if s.IsRepository() {
		return s.RepositoryAdmin()
	}
	return s.WorkspaceAdmin()
}

// Name is the scope's name for titles ("acme" or "acme / api").
func (s Scope) Name() string {
	if s.Repository != nil {
		return s.Workspace.Name + " / " + s.Repository.Name
	}
	return s.Workspace.Name
}
