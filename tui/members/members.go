// Package members is the Members tab of a workspace or a repository: who
// holds a role there, inviting or adding people, changing roles, removing
// people, and a table of what each role may do.
package members

import "github.com/horusec-tui/horusec-tui/tui/common"

// New builds the Members tab for scope. The workspace and repository views
// build it only for admins of the scope; the tab still checks the role
// before each action.
func New(c *common.Common, scope common.Scope) common.Screen {
	return newModel(c, scope)
}
