package members

import (
	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// roleOptions is the role picker: the UI's names, the API's values, and one
// line each of what the role may do (from the platform's documentation).
// Labels are padded so that the descriptions line up.
func roleOptions(repository bool) []form.Option {
	if repository {
		return []form.Option{
			{Value: client.RoleAdmin, Label: "Manager   ", Description: "manages the repository, its tokens and members"},
			{Value: client.RoleSupervisor, Label: "Supervisor", Description: "as User, and manages the repository's vulnerabilities"},
			{Value: client.RoleMember, Label: "User      ", Description: "sees the repository and its dashboard"},
		}
	}
	return []form.Option{
		{Value: client.RoleAdmin, Label: "Manager   ", Description: "manages workspace, tokens, members, repos; sees dashboard"},
		{Value: client.RoleSupervisor, Label: "Supervisor", Description: "as User; manages vulnerabilities of repos they supervise"},
		{Value: client.RoleMember, Label: "User      ", Description: "sees the repositories and dashboards given to them"},
	}
}
