package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

// memberScope is where a member command works.
type memberScope struct{ scope }

func (s memberScope) list(ctx context.Context) ([]client.Member, error) {
	if s.repo != nil {
		return s.c.RepositoryMembers(ctx, s.ws.WorkspaceID, s.repo.RepositoryID)
	}
	return s.c.WorkspaceMembers(ctx, s.ws.WorkspaceID, "")
}

func (s memberScope) setRole(ctx context.Context, accountID, role string) error {
	if s.repo != nil {
		_, err := s.c.SetRepositoryMemberRole(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, accountID, role)
		return err
	}
	_, err := s.c.SetWorkspaceMemberRole(ctx, s.ws.WorkspaceID, accountID, role)
	return err
}

func (s memberScope) removeMember(ctx context.Context, accountID string) error {
	if s.repo != nil {
		return s.c.RemoveRepositoryMember(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, accountID)
	}
	return s.c.RemoveWorkspaceMember(ctx, s.ws.WorkspaceID, accountID)
}

// ldap reports an LDAP platform, where stored roles are not used: the
// session's token carries groups, or the platform says so.
func (s memberScope) ldap(ctx context.Context) bool {
	if me := s.c.Session(); me != nil && me.KeepsGroups() {
		return true
	}
	cfg, err := s.c.AuthConfig(ctx)
	return err == nil && cfg.AuthType == client.AuthTypeLDAP
}

// groups names the scope's LDAP groups.
func (s memberScope) groups() string {
	if s.repo != nil {
		return groupsText(s.repo.AuthzAdmin, s.repo.AuthzSupervisor, s.repo.AuthzMember, true)
	}
	return groupsText(s.ws.AuthzAdmin, nil, s.ws.AuthzMember, false)
}

// ldapNote says where access comes from on an LDAP platform.
func (s memberScope) ldapNote() string {
	return "on this LDAP platform access comes from LDAP groups (" + s.groups() + "); the roles stored here are not used"
}

// find returns the member with that e-mail (any case).
func (s memberScope) find(ctx context.Context, email string) (client.Member, error) {
	m, _, err := s.findIn(ctx, email)
	return m, err
}

// findIn returns the member with that e-mail and the whole list.
func (s memberScope) findIn(ctx context.Context, email string) (client.Member, []client.Member, error) {
	all, err := s.list(ctx)
	if err != nil {
		return client.Member{}, nil, err
	}
	for _, m := range all {
		if strings.EqualFold(m.Email, email) {
			return m, all, nil
		}
	}
	return client.Member{}, all, &client.Error{Kind: client.KindNotFound, Op: "find member",
		Message: fmt.Sprintf("%s has no member with the e-mail %s", s.name(), email)}
}

// lastManager refuses a change that would leave the scope without a
// Manager (client.LeavesNoManager), saying how to hand over first.
func (s memberScope) lastManager(op string, all []client.Member, m client.Member, newRole string) error {
	if !client.LeavesNoManager(all, m, newRole) {
		return nil
	}
	where := "--workspace " + shellQuote(s.ws.Name)
	if s.repo != nil {
		where += " --repository " + shellQuote(s.repo.Name)
	}
	what := "remove " + m.Email
	if newRole != "" {
		what = "make " + m.Email + " " + client.RoleName(newRole)
	}
	without := "without one nobody could manage it"
	if s.repo != nil {
		without = "without one only the workspace's Managers could manage it"
	}
	return &client.Error{Kind: client.KindForbidden, Op: op, Message: fmt.Sprintf(
		"%s is the last Manager of the %s: %s. Hand over first: make someone else Manager "+
			"('horusec-tui member set-role %s --email THEM --role manager'), then %s", m.Email, s.name(), without, where, what)}
}

// shellQuote quotes a name for a command line a person may copy.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r == '-' || r == '_' || r == '.' || r == '@' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "$", `\$`, "`", "\\`").Replace(s) + `"`
}

func newMemberListCmd(f *Factory) *cobra.Command {
	return newScopedCmd(memberScopeOptions(f), &cobra.Command{Use: "list --workspace W [--repository R] [--output table|json]",
		Short: "list the members of a workspace or repository"}, func(ctx context.Context, o *scopedOptions, s scope) error {
		return memberList(ctx, o.Factory, memberScope{s}, o.output)
	})
}

// memberScopeOptions are the scope flags of the member commands.
func memberScopeOptions(f *Factory) scopeOptions {
	return scopeOptions{Factory: f, repoUsage: "repository name or id: work on the repository's members"}
}

// checkMemberEmail reads --email: required, and for an invite a valid
// address.
func checkMemberEmail(c *cobra.Command, email string, invite bool) (string, error) {
	addr := strings.TrimSpace(email)
	if addr == "" {
		return "", usageErrorf("%s needs --email", commandName(c))
	}
	if invite {
		if msg := client.CheckEmail(addr); msg != "" {
			return "", usageErrorf("--email %q: %s", addr, msg)
		}
	}
	return addr, nil
}

// checkRole reads --role: required, one of the roles in any of its names.
func checkRole(c *cobra.Command, role string) (string, error) {
	if strings.TrimSpace(role) == "" {
		return "", usageErrorf("%s needs --role (manager, supervisor or user)", commandName(c))
	}
	r, err := client.ParseRole(role)
	if err != nil {
		return "", usageErrorf("--role: %v", err)
	}
	return r, nil
}

// emailFlag is --email, naming a member (or, for an invite, the person
// invited).
type emailFlag struct {
	email  string
	invite bool
	// complete offers the members' e-mails (nil for an invite).
	complete completeFunc
}

func (e *emailFlag) define(cmd *cobra.Command) {
	if e.invite {
		cmd.Flags().StringVar(&e.email, "email", "", "e-mail of the person's Horusec account (required)")
		return
	}
	cmd.Flags().StringVar(&e.email, "email", "", "e-mail of the member (required)")
	_ = cmd.RegisterFlagCompletionFunc("email", e.complete)
}

func (e *emailFlag) check(c *cobra.Command) (err error) {
	e.email, err = checkMemberEmail(c, e.email, e.invite)
	return err
}

// roleFlag is --role.
type roleFlag struct{ role, value, usage string }

func (r *roleFlag) define(cmd *cobra.Command) {
	cmd.Flags().StringVar(&r.role, "role", r.value, r.usage)
}

func (r *roleFlag) check(c *cobra.Command) (err error) {
	r.role, err = checkRole(c, r.role)
	return err
}

type memberInviteOptions struct {
	scopeOptions
	emailFlag
	roleFlag
}

func newMemberInviteCmd(f *Factory) *cobra.Command {
	o := &memberInviteOptions{scopeOptions: memberScopeOptions(f), emailFlag: emailFlag{invite: true},
		roleFlag: roleFlag{value: "user", usage: "manager, supervisor or user"}}
	return leaf(&cobra.Command{Use: "invite --workspace W [--repository R] --email E [--role manager|supervisor|user]", Aliases: []string{"add"},
		Short: "invite someone to a workspace, or give a workspace member a role in a repository"},
		func() error { return memberInviteRun(o) }, &o.scopeOptions, &o.emailFlag, &o.roleFlag)
}

func memberInviteRun(o *memberInviteOptions) error {
	return o.inScope(func(ctx context.Context, s scope) error {
		return memberInvite(ctx, o.Factory, memberScope{s}, o.email, o.role)
	})
}

type memberSetRoleOptions struct {
	scopeOptions
	emailFlag
	roleFlag
	yesFlag
}

func newMemberSetRoleCmd(f *Factory) *cobra.Command {
	o := &memberSetRoleOptions{scopeOptions: memberScopeOptions(f), emailFlag: emailFlag{complete: f.completeMemberEmail()}, roleFlag: roleFlag{usage: "manager, supervisor or user (required)"},
		yesFlag: yesFlag{usage: "change your own role without asking (needed when stdin is not a terminal)"}}
	return leaf(&cobra.Command{Use: "set-role --workspace W [--repository R] --email E --role manager|supervisor|user [--yes]",
		Short: "change a member's role"},
		func() error { return memberSetRoleRun(o) }, &o.scopeOptions, &o.emailFlag, &o.roleFlag, &o.yesFlag)
}

func memberSetRoleRun(o *memberSetRoleOptions) error {
	return o.inScope(func(ctx context.Context, s scope) error {
		return memberSetRole(ctx, o.Factory, memberScope{s}, o.email, o.role, o.yes)
	})
}

type memberRemoveOptions struct {
	scopeOptions
	emailFlag
	yesFlag
}

func newMemberRemoveCmd(f *Factory) *cobra.Command {
	o := &memberRemoveOptions{scopeOptions: memberScopeOptions(f), emailFlag: emailFlag{complete: f.completeMemberEmail()}}
	return leaf(&cobra.Command{Use: "remove --workspace W [--repository R] --email E [--yes]", Aliases: []string{"rm"}, Short: "remove a member"},
		func() error { return memberRemoveRun(o) }, &o.scopeOptions, &o.emailFlag, &o.yesFlag)
}

func memberRemoveRun(o *memberRemoveOptions) error {
	return o.inScope(func(ctx context.Context, s scope) error {
		return memberRemove(ctx, o.Factory, memberScope{s}, o.email, o.yes)
	})
}

// memberJSON is a member as printed by --output json: the platform's field
// names and role values.
type memberJSON struct {
	AccountID string `json:"accountID"`
	Email     string `json:"email"`
	Username  string `json:"username"`
	Role      string `json:"role"`
}

func memberList(ctx context.Context, o *Factory, s memberScope, output string) error {
	all, err := s.list(ctx)
	if err != nil {
		return err
	}
	client.SortMembers(all)
	l := listing[client.Member]{
		headers: []string{"USERNAME", "E-MAIL", "ROLE"},
		row:     func(m client.Member) []string { return []string{m.Username, m.Email, client.RoleName(m.Role)} },
		empty:   s.name() + " has no members.",
		json: func(all []client.Member) any {
			out := make([]memberJSON, len(all))
			for i, m := range all {
				out[i] = memberJSON(m)
			}
			return out
		},
	}
	if output != "json" && len(all) > 0 && s.ldap(ctx) {
		l.note = "Note: " + s.ldapNote() + "."
	}
	return l.print(o, output, all)
}

func memberInvite(ctx context.Context, o *Factory, s memberScope, email, role string) error {
	// The platform answers a second invite with a bare 500: check first.
	if m, err := s.find(ctx, email); err == nil {
		return &client.Error{Kind: client.KindConflict, Op: "invite member",
			Message: fmt.Sprintf("%s is already a member of the %s, as %s; use 'member set-role' to change it", m.Email, s.name(), client.RoleName(m.Role))}
	} else if !client.IsKind(err, client.KindNotFound) {
		return err
	}

	if s.repo != nil {
		// A repository role goes to an existing workspace member, by account id.
		candidates, err := s.c.WorkspaceMembers(ctx, s.ws.WorkspaceID, s.repo.RepositoryID)
		if err != nil {
			if k := client.KindOf(err); k == client.KindForbidden || k == client.KindNoAccess {
				return &client.Error{Kind: k, Op: "add member", Message: "only a workspace Manager can add people to a repository (the platform shows the workspace's members only to its Managers)", Err: err}
			}
			return err
		}
		var who *client.Member
		for i := range candidates {
			if strings.EqualFold(candidates[i].Email, email) {
				who = &candidates[i]
			}
		}
		if who == nil {
			return &client.Error{Kind: client.KindNotFound, Op: "add member",
				Message: fmt.Sprintf("%s is not a member of the workspace %s: invite them to the workspace first ('member invite --workspace %s --email %s')", email, s.ws.Name, s.ws.Name, email)}
		}
		m, err := s.c.AddRepositoryMember(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, client.RepositoryMemberData{
			AccountID: who.AccountID, Email: who.Email, Username: who.Username, Role: role,
		})
		if client.IsKind(err, client.KindConflict) {
			return &client.Error{Kind: client.KindConflict, Op: "add member", Message: who.Email + " already holds a role in the " + s.name(), Err: err}
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(o.IO.Out, "Added %s to the %s as %s.\n", cleanCell(who.Email), s.name(), client.RoleName(nonEmpty(m.Role, role)))
		return nil
	}

	m, err := s.c.InviteWorkspaceMember(ctx, s.ws.WorkspaceID, client.Invite{Email: email, Role: role})
	if err != nil {
		var e *client.Error
		if errors.As(err, &e) && e.Refusal == client.RefusalNoAccount {
			return &client.Error{Kind: client.KindNotFound, Op: "invite member",
				Message: fmt.Sprintf("no Horusec account uses the e-mail %s: the person must create a Horusec account first", email), Err: err}
		}
		if client.IsKind(err, client.KindConflict) {
			return &client.Error{Kind: client.KindConflict, Op: "invite member", Message: email + " is already a member of the " + s.name(), Err: err}
		}
		return err
	}
	fmt.Fprintf(o.IO.Out, "Invited %s to the %s as %s.\n", cleanCell(nonEmpty(m.Email, email)), s.name(), client.RoleName(nonEmpty(m.Role, role)))
	if s.ldap(ctx) {
		fmt.Fprintf(o.IO.ErrOut, "Note: %s.\n", s.ldapNote())
	}
	return nil
}

func memberSetRole(ctx context.Context, o *Factory, s memberScope, email, role string, yes bool) error {
	m, all, err := s.findIn(ctx, email)
	if err != nil {
		return err
	}
	if m.Role == role {
		fmt.Fprintf(o.IO.Out, "%s is already %s in the %s.\n", cleanCell(m.Email), client.RoleName(role), s.name())
		return nil
	}
	ldap := s.ldap(ctx)
	if err := s.lastManager("set role", all, m, role); err != nil {
		return err
	}
	if s.c.Session().IsMe(m) && !ldap {
		prompt := fmt.Sprintf("%s is you: change your own role in the %s from %s to %s?", m.Email, s.name(), client.RoleName(m.Role), client.RoleName(role))
		if role != client.RoleAdmin {
			prompt = strings.TrimSuffix(prompt, "?") + "? As " + client.RoleName(role) + " you can no longer manage it."
		}
		if ok, err := o.asked(prompt, yes, "Nothing was changed."); !ok {
			return err
		}
	}
	if err := s.setRole(ctx, m.AccountID, role); err != nil {
		return err
	}
	if ldap {
		// Saved, but it changes nothing: do not claim it did.
		fmt.Fprintf(o.IO.Out, "Stored the role %s for %s in the %s (was %s), but it takes no effect: %s.\n",
			client.RoleName(role), cleanCell(m.Email), s.name(), client.RoleName(m.Role), s.ldapNote())
		return nil
	}
	fmt.Fprintf(o.IO.Out, "%s is now %s in the %s (was %s).\n", cleanCell(m.Email), client.RoleName(role), s.name(), client.RoleName(m.Role))
	return nil
}

func memberRemove(ctx context.Context, o *Factory, s memberScope, email string, yes bool) error {
	m, all, err := s.findIn(ctx, email)
	if err != nil {
		return err
	}
	if err := s.lastManager("remove member", all, m, ""); err != nil {
		return err
	}
	prompt := fmt.Sprintf("Remove %s from the %s?", m.Email, s.name())
	if s.repo == nil {
		prompt = fmt.Sprintf("Remove %s from the %s? Their roles in its repositories go too.", m.Email, s.name())
	}
	if s.c.Session().IsMe(m) {
		prompt = strings.TrimSuffix(prompt, "?") + " This is you: you will lose your access there. Go on?"
	}
	return o.remove(removal{
		question: prompt,
		nothing:  "Nothing was removed.",
		do:       func() error { return s.removeMember(ctx, m.AccountID) },
		done:     fmt.Sprintf("Removed %s from the %s.", cleanCell(m.Email), s.name()),
	}, yes)
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
