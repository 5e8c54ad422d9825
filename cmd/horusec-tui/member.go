package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/members"
)

const memberUsage = `Usage:
  horusec-tui member list     --workspace W [--repository R] [--output table|json]
  horusec-tui member invite   --workspace W [--repository R] --email E [--role ROLE]
  horusec-tui member set-role --workspace W [--repository R] --email E --role ROLE
  horusec-tui member remove   --workspace W [--repository R] --email E [--yes]

Members are named by e-mail. ROLE is manager, supervisor or user (the
platform's admin, supervisor and member are accepted too), in any case.
With --repository, invite gives a role in the repository to someone who is
already a member of the workspace.

Run 'horusec-tui member <command> --help' for a command's flags.
`

func runMember(a *app, args []string) int {
	return runGroup(a, "member", memberUsage, []string{"list", "ls", "invite", "add", "set-role", "remove", "rm"}, args, memberCommand)
}

// memberScope is where a member command works.
type memberScope struct{ scope }

func (s memberScope) list(ctx context.Context) ([]client.Member, error) {
	if s.repo != nil {
		return s.c.RepositoryMembers(ctx, s.ws.WorkspaceID, s.repo.RepositoryID)
	}
	return s.c.WorkspaceMembers(ctx, s.ws.WorkspaceID, "")
}

// isSelf reports whether m is the logged-in user.
func (s memberScope) isSelf(m client.Member) bool {
	me := s.c.Session()
	if me == nil {
		return false
	}
	if me.AccountID != "" && m.AccountID != "" {
		return me.AccountID == m.AccountID
	}
	return strings.EqualFold(me.Email, m.Email)
}

// find returns the member with that e-mail (any case).
func (s memberScope) find(ctx context.Context, email string) (client.Member, error) {
	all, err := s.list(ctx)
	if err != nil {
		return client.Member{}, err
	}
	for _, m := range all {
		if strings.EqualFold(m.Email, email) {
			return m, nil
		}
	}
	return client.Member{}, &client.Error{Kind: client.KindNotFound, Op: "find member",
		Message: fmt.Sprintf("%s has no member with the e-mail %s", s.name(), email)}
}

func memberCommand(a *app, sub string, args []string) int {
	canonical := map[string]string{"ls": "list", "add": "invite", "rm": "remove"}
	if c, ok := canonical[sub]; ok {
		sub = c
	}
	synopsis := map[string]string{
		"list":     "  horusec-tui member list --workspace W [--repository R] [--output table|json]",
		"invite":   "  horusec-tui member invite --workspace W [--repository R] --email E [--role manager|supervisor|user]",
		"set-role": "  horusec-tui member set-role --workspace W [--repository R] --email E --role manager|supervisor|user",
		"remove":   "  horusec-tui member remove --workspace W [--repository R] --email E [--yes]",
	}[sub]
	fs := a.flagSet("member "+sub, synopsis)
	wsFlag := fs.String("workspace", "", "workspace name or id (required)")
	repoFlag := fs.String("repository", "", "repository name or id: work on the repository's members")
	var email, role, output *string
	var yes *bool
	switch sub {
	case "list":
		output = fs.String("output", "table", "table or json")
	case "invite":
		email = fs.String("email", "", "e-mail of the person's Horusec account (required)")
		role = fs.String("role", "user", "manager, supervisor or user")
	case "set-role":
		email = fs.String("email", "", "e-mail of the member (required)")
		role = fs.String("role", "", "manager, supervisor or user (required)")
	case "remove":
		email = fs.String("email", "", "e-mail of the member (required)")
		yes = fs.Bool("yes", false, "do not ask for confirmation (needed when stdin is not a terminal)")
	}
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}

	// Check everything that needs no platform first.
	if len(pos) > 0 {
		return a.fail(usageErrorf("member %s takes no arguments (got %q)", sub, strings.Join(pos, " ")))
	}
	if strings.TrimSpace(*wsFlag) == "" {
		return a.fail(usageErrorf("member %s needs --workspace", sub))
	}
	if output != nil {
		if err := checkOutput(*output); err != nil {
			return a.fail(err)
		}
	}
	var addr string
	if email != nil {
		addr = strings.TrimSpace(*email)
		if addr == "" {
			return a.fail(usageErrorf("member %s needs --email", sub))
		}
		if sub == "invite" {
			if msg := members.CheckEmail(addr); msg != "" {
				return a.fail(usageErrorf("--email %q: %s", addr, msg))
			}
		}
	}
	var wantRole string
	if role != nil {
		if strings.TrimSpace(*role) == "" {
			return a.fail(usageErrorf("member %s needs --role (manager, supervisor or user)", sub))
		}
		r, err := client.ParseRole(*role)
		if err != nil {
			return a.fail(usageErrorf("--role: %v", err))
		}
		wantRole = r
	}

	ctx, cancel := a.context()
	defer cancel()
	c, _, err := a.loggedInClient(ctx)
	if err != nil {
		return a.fail(err)
	}
	sc, err := resolveScope(ctx, c, *wsFlag, *repoFlag)
	if err != nil {
		return a.fail(err)
	}
	s := memberScope{sc}

	switch sub {
	case "list":
		err = memberList(ctx, a, s, *output)
	case "invite":
		err = memberInvite(ctx, a, s, addr, wantRole)
	case "set-role":
		err = memberSetRole(ctx, a, s, addr, wantRole)
	case "remove":
		err = memberRemove(ctx, a, s, addr, *yes)
	}
	return a.fail(err)
}

// memberJSON is a member as printed by --output json: the platform's field
// names and role values.
type memberJSON struct {
	AccountID string `json:"accountID"`
	Email     string `json:"email"`
	Username  string `json:"username"`
	Role      string `json:"role"`
}

func memberList(ctx context.Context, a *app, s memberScope, output string) error {
	all, err := s.list(ctx)
	if err != nil {
		return err
	}
	sort.SliceStable(all, func(i, j int) bool {
		return strings.ToLower(all[i].Username) < strings.ToLower(all[j].Username)
	})
	if output == "json" {
		out := make([]memberJSON, len(all))
		for i, m := range all {
			out[i] = memberJSON(m)
		}
		return printJSON(a.stdout, out)
	}
	if len(all) == 0 {
		fmt.Fprintf(a.stderr, "%s has no members.\n", s.name())
		return nil
	}
	t := newTable(a.stdout, "USERNAME", "E-MAIL", "ROLE")
	for _, m := range all {
		t.row(m.Username, m.Email, client.RoleName(m.Role))
	}
	return t.flush()
}

func memberInvite(ctx context.Context, a *app, s memberScope, email, role string) error {
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
		fmt.Fprintf(a.stdout, "Added %s to the %s as %s.\n", cleanCell(who.Email), s.name(), client.RoleName(nonEmpty(m.Role, role)))
		return nil
	}

	m, err := s.c.InviteWorkspaceMember(ctx, s.ws.WorkspaceID, client.Invite{Email: email, Role: role})
	if err != nil {
		var e *client.Error
		if errors.As(err, &e) && e.Kind == client.KindValidation && strings.Contains(e.Message, "not found user") {
			return &client.Error{Kind: client.KindNotFound, Op: "invite member",
				Message: fmt.Sprintf("no Horusec account uses the e-mail %s: the person must create a Horusec account first", email), Err: err}
		}
		if client.IsKind(err, client.KindConflict) {
			return &client.Error{Kind: client.KindConflict, Op: "invite member", Message: email + " is already a member of the " + s.name(), Err: err}
		}
		return err
	}
	fmt.Fprintf(a.stdout, "Invited %s to the %s as %s.\n", cleanCell(nonEmpty(m.Email, email)), s.name(), client.RoleName(nonEmpty(m.Role, role)))
	return nil
}

func memberSetRole(ctx context.Context, a *app, s memberScope, email, role string) error {
	m, err := s.find(ctx, email)
	if err != nil {
		return err
	}
	if m.Role == role {
		fmt.Fprintf(a.stdout, "%s is already %s in the %s.\n", cleanCell(m.Email), client.RoleName(role), s.name())
		return nil
	}
	if s.isSelf(m) && role != client.RoleAdmin {
		fmt.Fprintf(a.stderr, "warning: %s is you: as %s you can no longer manage the %s.\n", cleanCell(m.Email), client.RoleName(role), s.name())
	}
	if s.repo != nil {
		_, err = s.c.SetRepositoryMemberRole(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, m.AccountID, role)
	} else {
		_, err = s.c.SetWorkspaceMemberRole(ctx, s.ws.WorkspaceID, m.AccountID, role)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s is now %s in the %s (was %s).\n", cleanCell(m.Email), client.RoleName(role), s.name(), client.RoleName(m.Role))
	return nil
}

func memberRemove(ctx context.Context, a *app, s memberScope, email string, yes bool) error {
	m, err := s.find(ctx, email)
	if err != nil {
		return err
	}
	prompt := fmt.Sprintf("Remove %s from the %s?", m.Email, s.name())
	if s.repo == nil {
		prompt = fmt.Sprintf("Remove %s from the %s? Their roles in its repositories go too.", m.Email, s.name())
	}
	if s.isSelf(m) {
		prompt = strings.TrimSuffix(prompt, "?") + " This is you: you will lose your access there. Go on?"
	}
	ok, err := a.confirm(prompt, yes)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(a.stderr, "Nothing was removed.")
		return nil
	}
	if s.repo != nil {
		err = s.c.RemoveRepositoryMember(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, m.AccountID)
	} else {
		err = s.c.RemoveWorkspaceMember(ctx, s.ws.WorkspaceID, m.AccountID)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "Removed %s from the %s.\n", cleanCell(m.Email), s.name())
	return nil
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
