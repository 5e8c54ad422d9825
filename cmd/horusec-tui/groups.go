package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

// The group flags of workspace and repository create and edit: on a
// platform where access comes from groups (LDAP), who manages, supervises
// and uses the workspace or repository.
const (
	flagAdminGroup      = "admin-group"
	flagSupervisorGroup = "supervisor-group"
	flagMemberGroup     = "member-group"
)

type groupFlags struct {
	admin, supervisor, member []string
	// withSupervisor is set for repositories: they have Supervisor groups.
	withSupervisor bool
	// set holds the flags given (by check).
	set map[string]bool
}

func (g *groupFlags) define(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&g.admin, flagAdminGroup, nil, "an Admin group (repeatable, up to 5; LDAP platforms: a new one needs one of your groups)")
	if g.withSupervisor {
		cmd.Flags().StringArrayVar(&g.supervisor, flagSupervisorGroup, nil, "a Supervisor group (repeatable, up to 5)")
	}
	cmd.Flags().StringArrayVar(&g.member, flagMemberGroup, nil, "a Member group (repeatable, up to 5)")
}

// given reports whether any group flag was given.
func (g *groupFlags) given() bool { return len(g.set) > 0 }

// check normalises the lists (a value may also hold several names
// separated by commas) and checks their length.
func (g *groupFlags) check(c *cobra.Command) error {
	g.set = map[string]bool{}
	for _, l := range []struct {
		flag string
		list *[]string
	}{{flagAdminGroup, &g.admin}, {flagSupervisorGroup, &g.supervisor}, {flagMemberGroup, &g.member}} {
		if c.Flags().Changed(l.flag) {
			g.set[l.flag] = true
		}
		*l.list = client.ParseGroups(strings.Join(*l.list, ","))
		if len(*l.list) > client.MaxGroups {
			return usageErrorf("--%s names %d groups; the platform takes at most %d", l.flag, len(*l.list), client.MaxGroups)
		}
	}
	return nil
}

// applyTo replaces each list whose flag was given (supervisor may be nil).
func (g *groupFlags) applyTo(admin, supervisor, member *[]string) {
	*admin = g.apply(flagAdminGroup, *admin)
	if supervisor != nil {
		*supervisor = g.apply(flagSupervisorGroup, *supervisor)
	}
	*member = g.apply(flagMemberGroup, *member)
}

// apply is the list to send for flag: the flag's groups when it was given
// (an empty value clears the list), else the current ones.
func (g *groupFlags) apply(flag string, current []string) []string {
	if !g.set[flag] {
		return current
	}
	switch flag {
	case flagAdminGroup:
		return g.admin
	case flagSupervisorGroup:
		return g.supervisor
	}
	return g.member
}

// checkNewAdminGroups applies the LDAP platform's rule before creating a
// workspace or repository: its Admin groups must name one of the caller's
// groups (the groups in the session's token).
func checkNewAdminGroups(c *client.Client, admin []string, what string) error {
	s := c.Session()
	if s == nil || !s.KeepsGroups() {
		return nil // not an LDAP session: the platform decides
	}
	mine := s.Groups()
	if msg := client.CheckAdminGroups(client.AuthTypeLDAP, admin, mine); msg != "" {
		return usageErrorf("on this LDAP platform a new %s needs --%s naming one of your groups (%s)", what, flagAdminGroup, cleanCell(client.JoinGroups(mine)))
	}
	return nil
}

// explainGroupRefusal says the LDAP platform's refusal of Admin groups in
// the program's words.
func explainGroupRefusal(err error) error {
	var e *client.Error
	if err == nil || !errors.As(err, &e) || e.Refusal != client.RefusalAdminGroup {
		return err
	}
	return &client.Error{Kind: client.KindValidation, Op: e.Op, Status: e.Status,
		Message: fmt.Sprintf("the platform accepts as Admin groups only groups you are in: give --%s one of yours", flagAdminGroup), Err: err}
}

// groupsLine names the groups of a workspace or repository ("" when none).
func groupsLine(admin, super, member []string, supervisor bool) string {
	if len(admin)+len(super)+len(member) == 0 {
		return ""
	}
	return groupsText(admin, super, member, supervisor)
}

// groupsText names the groups, "none" for an empty list.
func groupsText(admin, super, member []string, supervisor bool) string {
	parts := []string{"Admin groups: " + groupList(admin)}
	if supervisor {
		parts = append(parts, "Supervisor groups: "+groupList(super))
	}
	parts = append(parts, "Member groups: "+groupList(member))
	return cleanCell(strings.Join(parts, "; "))
}

// groupList names the groups of one list, "none" when it is empty.
func groupList(g []string) string {
	if len(g) == 0 {
		return "none"
	}
	return client.JoinGroups(g)
}
