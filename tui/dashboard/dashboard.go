// Package dashboard is the Dashboard tab of a workspace or repository.
package dashboard

import "github.com/horusec-tui/horusec-tui/tui/common"

// New builds the Dashboard tab for scope.
func New(c *common.Common, scope common.Scope) common.Screen {
	return common.NewPlaceholder(c, "Dashboard", "The dashboard of "+scope.Name()+" will be shown here.")
}
