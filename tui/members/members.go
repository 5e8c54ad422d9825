// Package members is the Members tab of a workspace or repository.
package members

import "github.com/horusec-tui/horusec-tui/tui/common"

// New builds the Members tab for scope.
func New(c *common.Common, scope common.Scope) common.Screen {
	return common.NewPlaceholder(c, "Members", "Members of "+scope.Name()+" will be listed here.")
}
