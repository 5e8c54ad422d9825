package main

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/tokens"
	"github.com/horusec-tui/horusec-tui/tui/tokens/expiry"
)

const tokenUsage = `Usage:
  horusec-tui token create --workspace W [--repository R] --description D [--expires 90d|30d|1y|YYYY-MM-DD|never]
  horusec-tui token list   --workspace W [--repository R] [--output table|json]
  horusec-tui token revoke --workspace W [--repository R] (--id ID | --description D) [--yes]

create prints only the token on stdout (TOKEN=$(horusec-tui token create …));
everything else goes to stderr. The token is shown only this once.
An expiry is a number of days (30d), weeks (2w) or years (1y) from today in
UTC, a date YYYY-MM-DD from tomorrow (UTC) on, or never; the platform keeps
only the date, so the token stops working at 00:00 UTC of that day.
With --repository, the token works for that repository only.

Run 'horusec-tui token <command> --help' for a command's flags.
`

func runToken(a *app, args []string) int {
	return runGroup(a, "token", tokenUsage, []string{"create", "new", "list", "ls", "revoke", "delete", "rm"}, args, tokenCommand)
}

// tokenScope is where a token command works.
type tokenScope struct{ scope }

func (s tokenScope) list(ctx context.Context) ([]client.Token, error) {
	if s.repo != nil {
		return s.c.RepositoryTokens(ctx, s.ws.WorkspaceID, s.repo.RepositoryID)
	}
	return s.c.WorkspaceTokens(ctx, s.ws.WorkspaceID)
}

func (s tokenScope) create(ctx context.Context, d client.TokenData) (*client.Secret, error) {
	if s.repo != nil {
		return s.c.CreateRepositoryToken(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, d)
	}
	return s.c.CreateWorkspaceToken(ctx, s.ws.WorkspaceID, d)
}

func (s tokenScope) revoke(ctx context.Context, tokenID string) error {
	if s.repo != nil {
		return s.c.DeleteRepositoryToken(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, tokenID)
	}
	return s.c.DeleteWorkspaceToken(ctx, s.ws.WorkspaceID, tokenID)
}

// explainRefusal says which role tokens need when the platform refuses.
func (s tokenScope) explainRefusal(err error) error {
	k := client.KindOf(err)
	if k != client.KindForbidden && k != client.KindNoAccess {
		return err
	}
	need := "a Manager of the workspace " + s.ws.Name
	if s.repo != nil {
		need = "a Manager of the repository " + s.repo.Name + " or of the workspace " + s.ws.Name
	}
	return &client.Error{Kind: k, Op: "tokens of the " + s.name(), Message: "only " + need + " can see, create and revoke its tokens", Err: err}
}

func tokenCommand(a *app, sub string, args []string) int {
	canonical := map[string]string{"new": "create", "ls": "list", "delete": "revoke", "rm": "revoke"}
	if c, ok := canonical[sub]; ok {
		sub = c
	}
	synopsis := map[string]string{
		"create": "  horusec-tui token create --workspace W [--repository R] --description D [--expires 90d|30d|1y|YYYY-MM-DD|never]\n\n" +
			"Prints only the token on stdout, followed by a line break; the platform never shows it again.",
		"list":   "  horusec-tui token list --workspace W [--repository R] [--output table|json]",
		"revoke": "  horusec-tui token revoke --workspace W [--repository R] (--id ID | --description D) [--yes]",
	}[sub]
	fs := a.flagSet("token "+sub, synopsis)
	wsFlag := fs.String("workspace", "", "workspace name or id (required)")
	repoFlag := fs.String("repository", "", "repository name or id: a token of that repository")
	var description, expires, output, id *string
	var yes *bool
	switch sub {
	case "create":
		description = fs.String("description", "", "what will use the token, 1 to 255 characters (required)")
		expires = fs.String("expires", "90d", "never, 7d, 30d, 90d, 1y, a number of days/weeks/years (45d, 2w, 2y) or a date YYYY-MM-DD")
	case "list":
		output = fs.String("output", "table", "table or json")
	case "revoke":
		id = fs.String("id", "", "the token's id (see 'token list')")
		description = fs.String("description", "", "the token's description, when no other token has it")
		yes = fs.Bool("yes", false, "do not ask for confirmation (needed when stdin is not a terminal)")
	}
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}

	// Check everything that needs no platform first.
	if len(pos) > 0 {
		return a.fail(usageErrorf("token %s takes no arguments (got %q)", sub, strings.Join(pos, " ")))
	}
	if strings.TrimSpace(*wsFlag) == "" {
		return a.fail(usageErrorf("token %s needs --workspace", sub))
	}
	var exp expiry.Expiry
	var desc string
	switch sub {
	case "create":
		desc = strings.TrimSpace(*description)
		if desc == "" {
			return a.fail(usageErrorf("token create needs --description (what will use the token)"))
		}
		if utf8.RuneCountInString(desc) > 255 {
			return a.fail(usageErrorf("--description is %d characters long; the platform takes at most 255", utf8.RuneCountInString(desc)))
		}
		var err error
		exp, err = expiry.Parse(*expires, time.Now())
		if err != nil {
			return a.fail(usageErrorf("--expires: %v", err))
		}
	case "list":
		if err := checkOutput(*output); err != nil {
			return a.fail(err)
		}
	case "revoke":
		desc = strings.TrimSpace(*description)
		if (strings.TrimSpace(*id) == "") == (desc == "") {
			return a.fail(usageErrorf("token revoke needs either --id or --description (one of them)"))
		}
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
	s := tokenScope{sc}

	switch sub {
	case "create":
		err = tokenCreate(ctx, a, s, desc, exp)
	case "list":
		err = tokenList(ctx, a, s, *output)
	case "revoke":
		err = tokenRevoke(ctx, a, s, strings.TrimSpace(*id), desc, *yes)
	}
	return a.fail(s.explainRefusal(err))
}

func tokenCreate(ctx context.Context, a *app, s tokenScope, desc string, exp expiry.Expiry) error {
	secret, err := s.create(ctx, exp.TokenData(desc))
	if err != nil {
		return err
	}
	defer secret.Wipe()
	if secret.Len() == 0 {
		return &client.Error{Kind: client.KindServer, Op: "create token", Message: "the platform answered without a token; run 'token list' to see whether one was created"}
	}
	// One write of the token and its line break, from a buffer wiped after.
	line := make([]byte, secret.Len()+1)
	copy(line, secret.Bytes())
	line[len(line)-1] = '\n'
	_, werr := a.stdout.Write(line)
	clear(line)
	if werr != nil {
		return fmt.Errorf("the token was created but could not be written out (%v); revoke it with 'horusec-tui token revoke --workspace %s --description %q'", werr, s.ws.Name, desc)
	}
	until := "never expires"
	if !exp.Never {
		until = "expires on " + exp.String() + " at 00:00 UTC"
	}
	fmt.Fprintf(a.stderr, "Created the token “%s” (%s) of the %s; it %s.\nThis is the only time the platform shows it: keep it in a secret store.\n",
		desc, tokens.MaskedSuffix(secret.Suffix(5)), s.name(), until)
	return nil
}

// tokenJSON is a token as printed by --output json: the platform's fields,
// and whether it has expired.
type tokenJSON struct {
	client.Token
	Expired bool `json:"expired"`
}

func tokenList(ctx context.Context, a *app, s tokenScope, output string) error {
	all, err := s.list(ctx)
	if err != nil {
		return err
	}
	sort.SliceStable(all, func(i, j int) bool {
		if !all[i].CreatedAt.Equal(all[j].CreatedAt) {
			return all[i].CreatedAt.After(all[j].CreatedAt)
		}
		return strings.ToLower(all[i].Description) < strings.ToLower(all[j].Description)
	})
	now := time.Now()
	if output == "json" {
		out := make([]tokenJSON, len(all))
		for i, t := range all {
			st, _ := expiry.Status(t, now)
			out[i] = tokenJSON{Token: t, Expired: st == expiry.StateExpired}
		}
		return printJSON(a.stdout, out)
	}
	if len(all) == 0 {
		fmt.Fprintf(a.stderr, "The %s has no tokens.\n", s.name())
		return nil
	}
	t := newTable(a.stdout, "ID", "DESCRIPTION", "TOKEN", "CREATED", "EXPIRES")
	for _, tk := range all {
		t.row(tk.TokenID, tk.Description, tokens.MaskedSuffix(tk.SuffixValue), tk.CreatedAt.UTC().Format(expiry.DateLayout), expiry.Describe(tk, now))
	}
	return t.flush()
}

func tokenRevoke(ctx context.Context, a *app, s tokenScope, id, desc string, yes bool) error {
	all, err := s.list(ctx)
	if err != nil {
		return err
	}
	var match []client.Token
	for _, t := range all {
		if (id != "" && t.TokenID == id) || (id == "" && t.Description == desc) {
			match = append(match, t)
		}
	}
	switch {
	case len(match) == 0 && id != "":
		// The platform treats revoking a missing token as done; so does this,
		// so that a cleanup script may run twice.
		fmt.Fprintf(a.stderr, "The %s has no token with the id %s: nothing to revoke (it may be revoked already).\n", s.name(), id)
		return nil
	case len(match) == 0:
		return &client.Error{Kind: client.KindNotFound, Op: "find token",
			Message: fmt.Sprintf("the %s has no token described %q (descriptions are case-sensitive; see 'token list')", s.name(), desc)}
	case len(match) > 1:
		ids := make([]string, len(match))
		for i, t := range match {
			ids[i] = t.TokenID + " (" + tokens.MaskedSuffix(t.SuffixValue) + ")"
		}
		return usageErrorf("%d tokens are described %q: give one of their ids with --id: %s", len(match), desc, strings.Join(ids, ", "))
	}
	t := match[0]
	named := cleanCell(fmt.Sprintf("“%s” (%s)", t.Description, tokens.MaskedSuffix(t.SuffixValue)))
	ok, err := a.confirm(fmt.Sprintf("Revoke the token %s of the %s? Whatever uploads with it is refused at once.", named, s.name()), yes)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(a.stderr, "Nothing was revoked.")
		return nil
	}
	if err := s.revoke(ctx, t.TokenID); err != nil && !client.IsKind(err, client.KindNotFound) {
		return err
	}
	fmt.Fprintf(a.stdout, "Revoked the token %s of the %s.\n", named, s.name())
	return nil
}
