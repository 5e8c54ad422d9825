package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/expiry"
)

func newTokenCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("token", "create, list and revoke tokens",
		`create prints only the token on stdout (TOKEN=$(horusec-tui token create …));
everything else goes to stderr. The token is shown only this once.
An expiry is a number of days (30d), weeks (2w) or years (1y) from today in
UTC, a date YYYY-MM-DD from tomorrow (UTC) on, or never; the platform keeps
only the date, so the token stops working at 00:00 UTC of that day.
With --repository, the token works for that repository only.`)
	cmd.AddCommand(newTokenCreateCmd(f), newTokenListCmd(f), newTokenRevokeCmd(f))
	return cmd
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

const tokenRepositoryUsage = "repository name or id: a token of that repository"

type tokenCreateOptions struct {
	scopeOptions
	description, expires string
	expiry               expiry.Expiry
}

func newTokenCreateCmd(f *Factory) *cobra.Command {
	o := &tokenCreateOptions{scopeOptions: scopeOptions{Factory: f}}
	cmd := &cobra.Command{
		Use:     "create --workspace W [--repository R] --description D [--expires 90d|30d|1y|YYYY-MM-DD|never]",
		Aliases: []string{"new"},
		Short:   "create a token and print it",
		Long:    "Prints only the token on stdout, followed by a line break; the platform never shows it again.",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			o.description = strings.TrimSpace(o.description)
			if o.description == "" {
				return usageErrorf("token create needs --description (what will use the token)")
			}
			if msg := client.TooLong("--description", o.description); msg != "" {
				return usageErrorf("%s", msg)
			}
			exp, err := expiry.Parse(o.expires, time.Now())
			if err != nil {
				return usageErrorf("--expires: %v", err)
			}
			o.expiry = exp
			return tokenCreateRun(o)
		},
	}
	o.addFlags(cmd, tokenRepositoryUsage)
	cmd.Flags().StringVar(&o.description, "description", "", "what will use the token, 1 to 255 characters (required)")
	cmd.Flags().StringVar(&o.expires, "expires", "90d", "never, 7d, 30d, 90d, 1y, a number of days/weeks/years (45d, 2w, 2y) or a date YYYY-MM-DD")
	return cmd
}

func tokenCreateRun(o *tokenCreateOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	sc, err := o.open(ctx)
	if err != nil {
		return err
	}
	s := tokenScope{sc}
	return s.explainRefusal(tokenCreate(ctx, o.Factory, s, o.description, o.expiry))
}

type tokenListOptions struct {
	scopeOptions
	output string
}

func newTokenListCmd(f *Factory) *cobra.Command {
	o := &tokenListOptions{scopeOptions: scopeOptions{Factory: f}}
	cmd := &cobra.Command{
		Use:     "list --workspace W [--repository R] [--output table|json]",
		Aliases: []string{"ls"},
		Short:   "list the tokens of a workspace or repository",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			if err := checkOutput(o.output); err != nil {
				return err
			}
			return tokenListRun(o)
		},
	}
	o.addFlags(cmd, tokenRepositoryUsage)
	addOutputFlag(cmd, &o.output)
	return cmd
}

func tokenListRun(o *tokenListOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	sc, err := o.open(ctx)
	if err != nil {
		return err
	}
	s := tokenScope{sc}
	return s.explainRefusal(tokenList(ctx, o.Factory, s, o.output))
}

type tokenRevokeOptions struct {
	scopeOptions
	id, description string
	yes             bool
}

func newTokenRevokeCmd(f *Factory) *cobra.Command {
	o := &tokenRevokeOptions{scopeOptions: scopeOptions{Factory: f}}
	cmd := &cobra.Command{
		Use:     "revoke --workspace W [--repository R] (--id ID | --description D) [--yes]",
		Aliases: []string{"delete", "rm"},
		Short:   "revoke a token",
		Args:    noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			o.id, o.description = strings.TrimSpace(o.id), strings.TrimSpace(o.description)
			if (o.id == "") == (o.description == "") {
				return usageErrorf("token revoke needs either --id or --description (one of them)")
			}
			return tokenRevokeRun(o)
		},
	}
	o.addFlags(cmd, tokenRepositoryUsage)
	cmd.Flags().StringVar(&o.id, "id", "", "the token's id (see 'token list')")
	cmd.Flags().StringVar(&o.description, "description", "", "the token's description, when no other token has it")
	_ = cmd.RegisterFlagCompletionFunc("description", f.completeTokenDescription())
	addYesFlag(cmd, &o.yes)
	return cmd
}

func tokenRevokeRun(o *tokenRevokeOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	sc, err := o.open(ctx)
	if err != nil {
		return err
	}
	s := tokenScope{sc}
	return s.explainRefusal(tokenRevoke(ctx, o.Factory, s, o.id, o.description, o.yes))
}

func tokenCreate(ctx context.Context, o *Factory, s tokenScope, desc string, exp expiry.Expiry) error {
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
	_, werr := o.IO.Out.Write(line)
	clear(line)
	if werr != nil {
		return fmt.Errorf("the token was created but could not be written out (%v); revoke it with 'horusec-tui token revoke --workspace %s --description %q'", werr, s.ws.Name, desc)
	}
	until := "never expires"
	if !exp.Never {
		until = "expires on " + exp.String() + " at 00:00 UTC"
	}
	fmt.Fprintf(o.IO.ErrOut, "Created the token “%s” (%s) of the %s; it %s.\nThis is the only time the platform shows it: keep it in a secret store.\n",
		cleanCell(desc), cleanCell(client.MaskSuffix(secret.Suffix(5))), s.name(), until)
	return nil
}

// tokenJSON is a token as printed by --output json: the platform's fields,
// and whether it has expired.
type tokenJSON struct {
	client.Token
	// ExpiresAt is null for a token that never expires (the platform sends
	// 0001-01-01T00:00:00Z).
	ExpiresAt *time.Time `json:"expiresAt"`
	Expired   bool       `json:"expired"`
}

func tokenList(ctx context.Context, o *Factory, s tokenScope, output string) error {
	all, err := s.list(ctx)
	if err != nil {
		return err
	}
	client.SortTokens(all)
	now := time.Now()
	if output == "json" {
		out := make([]tokenJSON, len(all))
		for i, t := range all {
			st, _ := expiry.Status(t, now)
			out[i] = tokenJSON{Token: t, Expired: st == expiry.StateExpired}
			if st != expiry.StateNever {
				at := t.ExpiresAt
				out[i].ExpiresAt = &at
			}
		}
		return printJSON(o.IO.Out, out)
	}
	if len(all) == 0 {
		fmt.Fprintf(o.IO.ErrOut, "The %s has no tokens.\n", s.name())
		return nil
	}
	// Every date in one style (YYYY-MM-DD, UTC); how soon is its own column.
	t := newTable(o.IO.Out, "ID", "DESCRIPTION", "TOKEN", "CREATED", "EXPIRES", "STATE")
	for _, tk := range all {
		expires, state := expiry.DateAndState(tk, now)
		t.row(tk.TokenID, tk.Description, tk.Masked(), tk.CreatedAt.UTC().Format(client.DateLayout), expires, state)
	}
	return t.flush()
}

func tokenRevoke(ctx context.Context, o *Factory, s tokenScope, id, desc string, yes bool) error {
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
		fmt.Fprintf(o.IO.ErrOut, "The %s has no token with the id %s: nothing to revoke (it may be revoked already).\n", s.name(), cleanCell(id))
		return nil
	case len(match) == 0:
		return &client.Error{Kind: client.KindNotFound, Op: "find token",
			Message: fmt.Sprintf("the %s has no token described %q (descriptions are case-sensitive; see 'token list')", s.name(), desc)}
	case len(match) > 1:
		ids := make([]string, len(match))
		for i, t := range match {
			ids[i] = t.TokenID + " (" + t.Masked() + ")"
		}
		return usageErrorf("%d tokens are described %q: give one of their ids with --id: %s", len(match), desc, strings.Join(ids, ", "))
	}
	t := match[0]
	named := cleanCell(fmt.Sprintf("“%s” (%s)", t.Description, t.Masked()))
	ok, err := o.confirm(fmt.Sprintf("Revoke the token %s of the %s? Whatever uploads with it is refused at once.", named, s.name()), yes)
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(o.IO.ErrOut, "Nothing was revoked.")
		return nil
	}
	if err := s.revoke(ctx, t.TokenID); err != nil && !client.IsKind(err, client.KindNotFound) {
		return err
	}
	fmt.Fprintf(o.IO.Out, "Revoked the token %s of the %s.\n", named, s.name())
	return nil
}
