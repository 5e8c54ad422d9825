// Package repositories is the Repositories tab of a workspace.
package repositories

import (
	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
)

// New builds the Repositories tab of ws.
func New(c *common.Common, ws client.Workspace) common.Screen {
	return common.NewPlaceholder(c, "Repositories", "Repositories of "+ws.Name+" will be listed here.")
}
