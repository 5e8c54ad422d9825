// Package groups holds the group fields of the workspace and repository
// forms and the groups line of their pages.
package groups

import (
	"strings"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// Keys of the group fields in the workspace and repository forms.
const (
	FieldAdminGroups      = "authzAdmin"
	FieldSupervisorGroups = "authzSupervisor"
	FieldMemberGroups     = "authzMember"
)

// MsgAdminGroupRefused explains the LDAP platform's "admin ldap group
// should be a valid one for this user" under the Admin groups field.
const MsgAdminGroupRefused = "The platform accepts as Admin groups only groups you are in: name at least one of yours."

// groupFieldLimit holds MaxGroups names of the platform's longest and
// the separators.
const groupFieldLimit = client.MaxGroups*255 + 2*(client.MaxGroups-1)

// UsesGroups reports a platform where workspaces and repositories carry
// group lists (LDAP, Keycloak).
func UsesGroups(c *common.Common) bool { return client.UsesGroups(c.AuthConfig.AuthType) }

// MyGroups are the groups of the session's access token: the ones an LDAP
// platform accepts as a new workspace's or repository's Admin groups.
func MyGroups(c *common.Common) []string {
	if s := c.Client.Session(); s != nil {
		return s.Groups()
	}
	return nil
}

// GroupFields are the group fields of a workspace form (supervisor false)
// or a repository form, prefilled with values (an edit keeps the current
// lists: the platform replaces every field). On create the Admin groups
// start with the caller's first group, and the hint offers the others; on
// an LDAP platform a new one needs one of the caller's groups as Admin
// group. Nil where the platform does not use groups.
func Fields(c *common.Common, supervisor, create bool, admin, super, member []string) []*form.Field {
	if !UsesGroups(c) {
		return nil
	}
	mine := MyGroups(c)
	authType := c.AuthConfig.AuthType
	yours := ""
	if len(mine) > 0 {
		yours = " Your groups: " + safetext.Clean(client.JoinGroups(mine)) + "."
	}
	if create && len(admin) == 0 && len(mine) > 0 {
		admin = mine[:1]
	}
	adminHint := "Comma-separated, up to 5." + yours
	if create && authType == client.AuthTypeLDAP {
		adminHint = "Required: at least one of your groups. Comma-separated, up to 5." + yours
	}
	check := func(v string) string { return client.CheckGroups(client.ParseGroups(v)) }
	checkAdmin := check
	if create {
		checkAdmin = func(v string) string { return client.CheckAdminGroups(authType, client.ParseGroups(v), mine) }
	}
	field := func(key, label, hint string, v []string, validate func(string) string) *form.Field {
		f := form.Text(key, label, hint, groupFieldLimit, validate)
		f.SetValue(client.JoinGroups(v))
		return f
	}
	fields := []*form.Field{field(FieldAdminGroups, "Admin groups", adminHint, admin, checkAdmin)}
	if supervisor {
		fields = append(fields, field(FieldSupervisorGroups, "Supervisor groups", "Comma-separated, up to 5."+yours, super, check))
	}
	return append(fields, field(FieldMemberGroups, "Member groups", "Comma-separated, up to 5."+yours, member, check))
}

// FormGroups reads a group field of f (nil when the form has none).
func FromForm(f *form.Model, key string) []string {
	if f.Field(key) == nil {
		return nil
	}
	return client.ParseGroups(f.Value(key))
}

// GroupsLine names a workspace's or repository's groups in one line, for
// the header of its page ("" when it has none).
func Line(admin, super, member []string, supervisor bool) string {
	if len(admin)+len(super)+len(member) == 0 {
		return ""
	}
	list := func(g []string) string {
		if len(g) == 0 {
			return "none"
		}
		return safetext.Clean(client.JoinGroups(g))
	}
	parts := []string{"Admin: " + list(admin)}
	if supervisor {
		parts = append(parts, "Supervisor: "+list(super))
	}
	parts = append(parts, "Member: "+list(member))
	return "Groups — " + strings.Join(parts, " · ")
}
