package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

// stallWarning is said whenever a receiver URL is saved: the platform's
// worst trap (§14.6).
const stallWarning = "A receiver that fails (HTTP 4xx/5xx, refused) or answers after more than 10 s stops the delivery " +
	"of every webhook of the platform until its webhook service restarts; check it first with 'horusec-tui webhook test'."

// webhookScope is a workspace (and maybe one repository) whose webhooks a
// command works on.
type webhookScope struct{ scope }

// explainRefusal says that webhooks need a workspace Manager.
func (s webhookScope) explainRefusal(err error) error {
	return explainNoRole(err, "webhooks of the "+s.name(), "only a Manager of the workspace "+cleanCell(s.ws.Name)+" can see and change its webhooks")
}

// inWebhookScope runs fn in the scope the flags name, with the platform's
// refusals explained.
func (o *scopeOptions) inWebhookScope(fn func(ctx context.Context, s webhookScope) error) error {
	return o.inScope(func(ctx context.Context, sc scope) error {
		s := webhookScope{sc}
		return s.explainRefusal(fn(ctx, s))
	})
}

// inWebhook runs fn on the webhook the flags name.
func (o *webhookSelect) inWebhook(fn func(ctx context.Context, s webhookScope, h client.Webhook) error) error {
	return o.inWebhookScope(func(ctx context.Context, s webhookScope) error {
		h, err := s.find(ctx, o.id)
		if err != nil {
			return err
		}
		return fn(ctx, s, h)
	})
}

// list returns the webhooks of the scope: the workspace's, or only the
// repository's.
func (s webhookScope) list(ctx context.Context) ([]client.Webhook, error) {
	all, err := s.c.Webhooks(ctx, s.ws.WorkspaceID)
	if err != nil {
		return nil, err
	}
	repoID := ""
	if s.repo != nil {
		repoID = s.repo.RepositoryID
	}
	return client.ScopeWebhooks(all, repoID), nil
}

// find returns the webhook named by id, or the one of the scope's
// repository.
func (s webhookScope) find(ctx context.Context, id string) (client.Webhook, error) {
	all, err := s.list(ctx)
	if err != nil {
		return client.Webhook{}, err
	}
	for _, h := range all {
		if (id != "" && h.WebhookID == id) || (id == "" && s.repo != nil) {
			return h, nil
		}
	}
	if id != "" {
		return client.Webhook{}, &client.Error{Kind: client.KindNotFound, Op: "find webhook",
			Message: fmt.Sprintf("the %s has no webhook with the id %s (see 'webhook list')", s.name(), id)}
	}
	return client.Webhook{}, &client.Error{Kind: client.KindNotFound, Op: "find webhook",
		Message: fmt.Sprintf("the %s has no webhook (create one with 'webhook create')", s.name())}
}

// webhookSelect is how edit, delete and test name a webhook: its
// repository or its id.
type webhookSelect struct {
	scopeOptions
	id string
}

func newWebhookSelect(f *Factory) webhookSelect {
	return webhookSelect{scopeOptions: scopeOptions{Factory: f, repoUsage: "repository name or id: its webhook (a repository has at most one)"}}
}

func (o *webhookSelect) define(cmd *cobra.Command) {
	o.scopeOptions.define(cmd)
	cmd.Flags().StringVar(&o.id, "id", "", "the webhook's id (see 'webhook list')")
}

func (o *webhookSelect) check(c *cobra.Command) error {
	if err := o.scopeOptions.check(c); err != nil {
		return err
	}
	o.id = strings.TrimSpace(o.id)
	if o.id == "" && strings.TrimSpace(o.repository) == "" {
		return usageErrorf("%s needs --repository (its webhook) or --id", commandName(c))
	}
	return nil
}

// headerOptions are --header and --headers-stdin.
type headerOptions struct {
	header       []string
	headersStdin bool
}

func (h *headerOptions) check(*cobra.Command) error { return nil }

func (h *headerOptions) define(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&h.header, "header", nil, "a header sent with every delivery, 'Key: value' (repeatable, up to 5)")
	cmd.Flags().BoolVar(&h.headersStdin, "headers-stdin", false, "read the headers from stdin, one 'Key: value' a line (keeps secret values out of the process list)")
}

func (h *headerOptions) given() bool { return len(h.header) > 0 || h.headersStdin }

// read parses the headers given; nil when none were.
func (h *headerOptions) read(f *Factory) ([]client.WebhookHeader, error) {
	if !h.given() {
		return nil, nil
	}
	lines := append([]string(nil), h.header...)
	if h.headersStdin {
		sc := bufio.NewScanner(f.IO.In)
		for sc.Scan() {
			if l := strings.TrimSpace(sc.Text()); l != "" {
				lines = append(lines, l)
			}
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("read the headers from stdin: %w", err)
		}
	}
	out := []client.WebhookHeader{}
	for i, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		if !ok {
			// Never quote the line: it may hold a secret value.
			return nil, usageErrorf("header %d has no ':'; write it as 'Key: value'", i+1)
		}
		out = append(out, client.WebhookHeader{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	if err := client.CheckWebhookHeaders(out); err != nil {
		return nil, usageErrorf("%v", err)
	}
	return out, nil
}

func checkDescription(d string) error {
	if n := utf8.RuneCountInString(d); n > client.WebhookDescriptionMax {
		return usageErrorf("--description is %d characters long; the platform takes at most %d", n, client.WebhookDescriptionMax)
	}
	return nil
}

func checkURLFlag(u string) error {
	if err := client.CheckWebhookURL(u); err != nil {
		return usageErrorf("--url: %v", err)
	}
	return nil
}

// --- list ---

// webhookJSON is a webhook as printed by --output json: header names only.
type webhookJSON struct {
	WebhookID      string    `json:"webhookID"`
	Description    string    `json:"description"`
	URL            string    `json:"url"`
	Method         string    `json:"method"`
	HeaderNames    []string  `json:"headerNames"`
	RepositoryID   string    `json:"repositoryID"`
	RepositoryName string    `json:"repositoryName"`
	WorkspaceID    string    `json:"workspaceID"`
	CreatedAt      time.Time `json:"createdAt"`
	UpdatedAt      time.Time `json:"updatedAt"`
}

func newWebhookListCmd(f *Factory) *cobra.Command {
	return newScopedCmd(scopeOptions{Factory: f, repoUsage: "repository name or id: only its webhook"}, &cobra.Command{
		Use:   "list --workspace W [--repository R] [--output table|json]",
		Short: "list the webhooks of a workspace, or a repository's",
		Long:  "Header values are never printed: they often hold the receiver's secret."}, func(ctx context.Context, o *scopedOptions, sc scope) error {
		s := webhookScope{sc}
		return s.explainRefusal(webhookList(ctx, o, s))
	})
}

func webhookList(ctx context.Context, o *scopedOptions, s webhookScope) error {
	all, err := s.list(ctx)
	if err != nil {
		return err
	}
	return listing[client.Webhook]{
		headers: []string{"ID", "REPOSITORY", "URL", "DESCRIPTION", "HEADERS"},
		row: func(h client.Webhook) []string {
			names := strings.Join(h.HeaderNames(), ", ")
			if names == "" {
				names = "—"
			}
			return []string{h.WebhookID, h.Repository.Name, h.URL, h.Description, names}
		},
		empty: fmt.Sprintf("The %s has no webhooks.", s.name()),
		json: func(all []client.Webhook) any {
			out := make([]webhookJSON, len(all))
			for i, h := range all {
				out[i] = webhookJSON{WebhookID: h.WebhookID, Description: h.Description, URL: h.URL, Method: h.Method,
					HeaderNames: h.HeaderNames(), RepositoryID: h.RepositoryID, RepositoryName: h.Repository.Name,
					WorkspaceID: h.WorkspaceID, CreatedAt: h.CreatedAt, UpdatedAt: h.UpdatedAt}
			}
			return out
		},
	}.print(o.Factory, o.output, all)
}

// --- create ---

type webhookCreateOptions struct {
	scopeOptions
	headerOptions
	url, description string
}

func newWebhookCreateCmd(f *Factory) *cobra.Command {
	o := &webhookCreateOptions{scopeOptions: scopeOptions{Factory: f, needRepository: true, repoUsage: "repository name or id whose analyses are sent (required)"}}
	cmd := leaf(&cobra.Command{
		Use:     "create --workspace W --repository R --url U [--description D] [--header 'Key: value']… [--headers-stdin]",
		Aliases: []string{"new"},
		Short:   "send every new analysis of a repository to a URL",
		Long:    "Prints the new webhook's id on stdout. The method is always POST.\n" + stallWarning,
	}, func() error { return webhookCreateRun(o) }, &o.scopeOptions, checkFunc(o.checkFields), &o.headerOptions)
	cmd.Flags().StringVar(&o.url, "url", "", "the receiver, http:// or https:// (required)")
	cmd.Flags().StringVar(&o.description, "description", "", "what receives it, up to 255 characters")
	return cmd
}

func (o *webhookCreateOptions) checkFields(*cobra.Command) error {
	o.url, o.description = strings.TrimSpace(o.url), strings.TrimSpace(o.description)
	if err := checkURLFlag(o.url); err != nil {
		return err
	}
	return checkDescription(o.description)
}

func webhookCreateRun(o *webhookCreateOptions) error {
	headers, err := o.read(o.Factory)
	if err != nil {
		return err
	}
	return o.inWebhookScope(func(ctx context.Context, s webhookScope) error {
		// One webhook a repository: say which one is there rather than the
		// platform's bare 409.
		existing, err := s.list(ctx)
		if err != nil {
			return err
		}
		if len(existing) > 0 {
			return &client.Error{Kind: client.KindConflict, Op: "create webhook",
				Message: fmt.Sprintf("the %s already has a webhook (%s, to %s); change it with 'webhook edit' or delete it first",
					s.name(), existing[0].WebhookID, cleanCell(existing[0].URL))}
		}
		id, err := s.c.CreateWebhook(ctx, s.ws.WorkspaceID, client.WebhookData{
			Description: o.description, URL: o.url, RepositoryID: s.repo.RepositoryID, Headers: headers})
		if client.IsKind(err, client.KindConflict) {
			return &client.Error{Kind: client.KindConflict, Op: "create webhook",
				Message: "the platform says the repository already has a webhook (it may be listed under another workspace)", Err: err}
		}
		if err != nil {
			return err
		}
		fmt.Fprintln(o.IO.Out, cleanCell(id))
		fmt.Fprintf(o.IO.ErrOut, "Created the webhook of the %s: every new analysis goes to %s (POST).\nWarning: %s\n",
			s.name(), cleanCell(o.url), stallWarning)
		return nil
	})
}

// --- edit ---

type webhookEditOptions struct {
	webhookSelect
	headerOptions
	url, description string
	clearHeaders     bool
}

func newWebhookEditCmd(f *Factory) *cobra.Command {
	o := &webhookEditOptions{webhookSelect: newWebhookSelect(f)}
	cmd := leaf(&cobra.Command{
		Use:   "edit --workspace W (--repository R | --id ID) [--url U] [--description D] [--header 'Key: value']… [--headers-stdin] [--clear-headers]",
		Short: "change a webhook's URL, description or headers",
		Long: "Headers given replace all the stored ones; --clear-headers removes them; without either\n" +
			"the stored headers stay. The platform cannot clear a description, only replace it.\n" + stallWarning,
	}, func() error { return webhookEditRun(o) }, &o.webhookSelect, checkFunc(o.checkFields), &o.headerOptions)
	cmd.Flags().StringVar(&o.url, "url", "", "the new receiver, http:// or https://")
	cmd.Flags().StringVar(&o.description, "description", "", "the new description, up to 255 characters")
	cmd.Flags().BoolVar(&o.clearHeaders, "clear-headers", false, "remove every header")
	return cmd
}

func (o *webhookEditOptions) checkFields(c *cobra.Command) error {
	o.url, o.description = strings.TrimSpace(o.url), strings.TrimSpace(o.description)
	if c.Flags().Changed("url") {
		if err := checkURLFlag(o.url); err != nil {
			return err
		}
	}
	if c.Flags().Changed("description") && o.description == "" {
		return usageErrorf("--description cannot be empty: the platform keeps the old description when sent none")
	}
	if err := checkDescription(o.description); err != nil {
		return err
	}
	if o.clearHeaders && o.given() {
		return usageErrorf("give either headers or --clear-headers, not both")
	}
	if o.url == "" && o.description == "" && !o.given() && !o.clearHeaders {
		return usageErrorf("webhook edit needs something to change: --url, --description, --header, --headers-stdin or --clear-headers")
	}
	return nil
}

func webhookEditRun(o *webhookEditOptions) error {
	headers, err := o.read(o.Factory)
	if err != nil {
		return err
	}
	if o.clearHeaders {
		headers = []client.WebhookHeader{}
	}
	return o.inWebhook(func(ctx context.Context, s webhookScope, h client.Webhook) error {
		d := client.WebhookData{URL: h.URL, Description: o.description, Headers: headers}
		if o.url != "" {
			d.URL = o.url
		}
		if err := s.c.UpdateWebhook(ctx, s.ws.WorkspaceID, h.WebhookID, d); err != nil {
			return err
		}
		fmt.Fprintf(o.IO.Out, "Updated the webhook %s of the repository %s: analyses go to %s.\n",
			h.WebhookID, cleanCell(h.Repository.Name), cleanCell(d.URL))
		if o.url != "" {
			fmt.Fprintf(o.IO.ErrOut, "Warning: %s\n", stallWarning)
		}
		return nil
	})
}

// --- delete ---

type webhookDeleteOptions struct {
	webhookSelect
	yesFlag
}

func newWebhookDeleteCmd(f *Factory) *cobra.Command {
	o := &webhookDeleteOptions{webhookSelect: newWebhookSelect(f)}
	return leaf(&cobra.Command{Use: "delete --workspace W (--repository R | --id ID) [--yes]", Aliases: []string{"rm"},
		Short: "stop sending a repository's analyses"}, func() error { return webhookDeleteRun(o) }, &o.webhookSelect, &o.yesFlag)
}

func webhookDeleteRun(o *webhookDeleteOptions) error {
	return o.inWebhookScope(func(ctx context.Context, s webhookScope) error {
		h, err := s.find(ctx, o.id)
		if client.IsKind(err, client.KindNotFound) && o.id != "" {
			// The platform treats deleting a missing webhook as done; so
			// does this, so that a cleanup script may run twice.
			fmt.Fprintf(o.IO.ErrOut, "The %s has no webhook with the id %s: nothing to delete.\n", s.name(), o.id)
			return nil
		}
		if err != nil {
			return err
		}
		return o.remove(removal{
			question: fmt.Sprintf("Delete the webhook of the repository %s, which sends its analyses to %s?", cleanCell(h.Repository.Name), cleanCell(h.URL)),
			nothing:  "Nothing was deleted.",
			do:       func() error { return s.c.DeleteWebhook(ctx, s.ws.WorkspaceID, h.WebhookID) },
			done:     fmt.Sprintf("Deleted the webhook of the repository %s (it sent to %s).", cleanCell(h.Repository.Name), cleanCell(h.URL)),
		}, o.yes)
	})
}

// --- test ---

// failedTestNote follows a test delivery the platform would count as failed.
const failedTestNote = "The platform would count this as a failed delivery, and one failed delivery stops the delivery " +
	"of every webhook of the platform until its webhook service restarts: fix the receiver before the next analysis."

type webhookTestOptions struct {
	webhookSelect
	outputFlag
}

// webhookTestJSON is the receiver's answer as printed by --output json.
type webhookTestJSON struct {
	URL        string `json:"url"`
	Status     int    `json:"status"`
	Delivered  bool   `json:"delivered"`
	DurationMS int64  `json:"durationMs"`
	Answer     string `json:"answer"`
	Error      string `json:"error,omitempty"`
	SentBy     string `json:"sentBy"`
}

func newWebhookTestCmd(f *Factory) *cobra.Command {
	o := &webhookTestOptions{webhookSelect: newWebhookSelect(f)}
	return leaf(&cobra.Command{
		Use:   "test --workspace W (--repository R | --id ID) [--output table|json]",
		Short: "send a sample analysis to a webhook's receiver, from this machine",
		Long: "Sends a small sample analysis, in the shape the platform sends, with the webhook's headers,\n" +
			"as an HTTP POST from this machine (not from the platform), and reports the receiver's\n" +
			"answer and how long it took. Exits 1 when the receiver answers 4xx/5xx or cannot be\n" +
			"reached: the platform would count such a delivery as failed.",
	}, func() error { return webhookTestRun(o) }, &o.webhookSelect, &o.outputFlag)
}

func webhookTestRun(o *webhookTestOptions) error {
	return o.inWebhook(func(ctx context.Context, s webhookScope, h client.Webhook) error {
		res, err := s.c.TestWebhook(ctx, client.WebhookTest{URL: h.URL, Headers: h.Headers,
			WorkspaceID: s.ws.WorkspaceID, WorkspaceName: s.ws.Name, RepositoryID: h.RepositoryID, RepositoryName: h.Repository.Name})
		if err != nil && !client.IsKind(err, client.KindNetwork) {
			return err
		}
		return o.report(h, res, err)
	})
}

// report says how the receiver answered a test delivery.
func (o *webhookTestOptions) report(h client.Webhook, res client.WebhookTestResult, err error) error {
	sentBy := "horusec-tui on this machine, not the platform"
	if o.output == "json" {
		out := webhookTestJSON{URL: h.URL, Status: res.Status, Delivered: err == nil && res.Delivered,
			DurationMS: res.Duration.Milliseconds(), Answer: res.Answer, SentBy: sentBy}
		if err != nil {
			out.Error = err.Error()
		}
		if perr := printJSON(o.IO.Out, out); perr != nil {
			return perr
		}
		if !out.Delivered {
			return exitStatus(exitError)
		}
		return nil
	}
	fmt.Fprintf(o.IO.Out, "Sent a sample analysis of %s to %s (POST, %d header(s)), from %s.\n",
		cleanCell(h.Repository.Name), cleanCell(h.URL), len(h.Headers), sentBy)
	if err != nil {
		msg := err.Error()
		var ce *client.Error
		if errors.As(err, &ce) && ce.Message != "" {
			msg = ce.Message
		}
		fmt.Fprintf(o.IO.Out, "No answer: %s.\n%s\n", cleanCell(msg), failedTestNote)
		return exitStatus(exitError)
	}
	answer := res.Answer
	if answer == "" {
		answer = "(empty)"
	}
	fmt.Fprintf(o.IO.Out, "The receiver answered HTTP %d in %s. Answer: %s\n", res.Status, res.Duration.Round(time.Millisecond), cleanCell(answer))
	if !res.Delivered {
		fmt.Fprintln(o.IO.Out, failedTestNote)
		return exitStatus(exitError)
	}
	fmt.Fprintln(o.IO.Out, "The platform would count this as delivered.")
	return nil
}
