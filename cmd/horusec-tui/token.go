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
	need := "a Manager of the workspace " + s.ws.Name
	if s.repo != nil {
		need = "a Manager of the repository " + s.repo.Name + " or of the workspace " + s.ws.Name
	}
	return explainNoRole(err, "tokens of the "+s.name(), "only "+need+" can see, create and revoke its tokens")
}

// tokenScopeOptions are the scope flags of the token commands.
func tokenScopeOptions(f *Factory) scopeOptions {
	return scopeOptions{Factory: f, repoUsage: "repository name or id: a token of that repository"}
}

// inTokenScope runs fn in the scope the flags name, with the platform's
// refusals explained.
func (o *scopeOptions) inTokenScope(fn func(ctx context.Context, s tokenScope) error) error {
	return o.inScope(func(ctx context.Context, sc scope) error {
		s := tokenScope{sc}
		return s.explainRefusal(fn(ctx, s))
	})
}

type tokenCreateOptions struct {
	scopeOptions
	description, expires string
	expiry               expiry.Expiry
}

func newTokenCreateCmd(f *Factory) *cobra.Command {
	o := &tokenCreateOptions{scopeOptions: tokenScopeOptions(f)}
	cmd := leaf(&cobra.Command{
		Use:     "create --workspace W [--repository R] --description D [--expires 90d|30d|1y|YYYY-MM-DD|never]",
		Aliases: []string{"new"},
		Short:   "create a token and print it",
		Long:    "Prints only the token on stdout, followed by a line break; the platform never shows it again.",
	}, func() error { return tokenCreateRun(o) }, &o.scopeOptions, checkFunc(o.checkFields))
	cmd.Flags().StringVar(&o.description, "description", "", "what will use the token, 1 to 255 characters (required)")
	cmd.Flags().StringVar(&o.expires, "expires", "90d", "never, 7d, 30d, 90d, 1y, a number of days/weeks/years (45d, 2w, 2y) or a date YYYY-MM-DD")
	return cmd
}

func (o *tokenCreateOptions) checkFields(*cobra.Command) error {
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
	return nil
}

func tokenCreateRun(o *tokenCreateOptions) error {
	return o.inTokenScope(func(ctx context.Context, s tokenScope) error {
		return tokenCreate(ctx, o.Factory, s, o.description, o.expiry)
	})
}

func newTokenListCmd(f *Factory) *cobra.Command {
	return newScopedCmd(tokenScopeOptions(f), &cobra.Command{Use: "list --workspace W [--repository R] [--output table|json]",
		Short: "list the tokens of a workspace or repository"}, func(ctx context.Context, o *scopedOptions, sc scope) error {
		s := tokenScope{sc}
		return s.explainRefusal(tokenList(ctx, o.Factory, s, o.output))
	})
}

type tokenRevokeOptions struct {
	scopeOptions
	yesFlag
	id, description string
}

func newTokenRevokeCmd(f *Factory) *cobra.Command {
	o := &tokenRevokeOptions{scopeOptions: tokenScopeOptions(f)}
	cmd := leaf(&cobra.Command{Use: "revoke --workspace W [--repository R] (--id ID | --description D) [--yes]",
		Aliases: []string{"delete", "rm"}, Short: "revoke a token"},
		func() error { return tokenRevokeRun(o) }, &o.scopeOptions, checkFunc(o.checkWhich), &o.yesFlag)
	cmd.Flags().StringVar(&o.id, "id", "", "the token's id (see 'token list')")
	cmd.Flags().StringVar(&o.description, "description", "", "the token's description, when no other token has it")
	_ = cmd.RegisterFlagCompletionFunc("description", f.completeTokenDescription())
	return cmd
}

func (o *tokenRevokeOptions) checkWhich(*cobra.Command) error {
	o.id, o.description = strings.TrimSpace(o.id), strings.TrimSpace(o.description)
	if (o.id == "") == (o.description == "") {
		return usageErrorf("token revoke needs either --id or --description (one of them)")
	}
	return nil
}

func tokenRevokeRun(o *tokenRevokeOptions) error {
	return o.inTokenScope(func(ctx context.Context, s tokenScope) error {
		return tokenRevoke(ctx, o.Factory, s, o.id, o.description, o.yes)
	})
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
	// Every date in one style (YYYY-MM-DD, UTC); how soon is its own column.
	return listing[client.Token]{
		headers: []string{"ID", "DESCRIPTION", "TOKEN", "CREATED", "EXPIRES", "STATE"},
		row: func(tk client.Token) []string {
			expires, state := expiry.DateAndState(tk, now)
			return []string{tk.TokenID, tk.Description, tk.Masked(), tk.CreatedAt.UTC().Format(client.DateLayout), expires, state}
		},
		empty: fmt.Sprintf("The %s has no tokens.", s.name()),
		json: func(all []client.Token) any {
			out := make([]tokenJSON, len(all))
			for i, t := range all {
				st, _ := expiry.Status(t, now)
				out[i] = tokenJSON{Token: t, Expired: st == expiry.StateExpired}
				if st != expiry.StateNever {
					at := t.ExpiresAt
					out[i].ExpiresAt = &at
				}
			}
			return out
		},
	}.print(o, output, all)
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
	return o.remove(removal{
		question: fmt.Sprintf("Revoke the token %s of the %s? Whatever uploads with it is refused at once.", named, s.name()),
		nothing:  "Nothing was revoked.",
		do: func() error {
			if err := s.revoke(ctx, t.TokenID); !client.IsKind(err, client.KindNotFound) {
				return err
			}
			return nil
		},
		done: fmt.Sprintf("Revoked the token %s of the %s.", named, s.name()),
	}, yes)
}
