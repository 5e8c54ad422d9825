// Package members is the Members tab of a workspace or a repository: who
// holds a role there, inviting or adding people, changing roles, removing
// people, and a table of what each role may do.
//
// The tab is a small host (model.go: the list, loaded by common.List, its
// keys and help; list.go its rows) plus its dialogs in the dialog package's
// Host: invite.go, add.go (the people to add, then their role), role.go,
// remove.go (a dialog.Confirm) and permissions.go. A dialog's request
// answers with a reply naming it (dialog.go), so an answer that comes after
// esc closed its dialog is still announced by the list.
package members

import "github.com/horusec-tui/horusec-tui/tui/common"

// New builds the Members tab for scope. The workspace and repository views
// build it only for admins of the scope; the tab still checks the role
// before each action.
func New(c *common.Common, scope common.Scope) common.Screen {
	return newModel(c, scope)
}
