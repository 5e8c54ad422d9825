// Package tokens is the Tokens tab of a workspace or repository.
package tokens

import "github.com/horusec-tui/horusec-tui/tui/common"

// New builds the Tokens tab for scope.
func New(c *common.Common, scope common.Scope) common.Screen {
	return common.NewPlaceholder(c, "Tokens", "Tokens of "+scope.Name()+" will be listed here.")
}
