package main

// How a command of a group is put together, in cli/cli's shape: an options
// struct and a run function per command. The options are made of parts
// shared by every command (the scope's --workspace/--repository, --output,
// --yes, the fields of a create or edit); each part registers its flags
// and checks them before the run function is called.

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

// part is a piece of a command's options: its flags and their check.
type part interface {
	define(cmd *cobra.Command)
	check(c *cobra.Command) error
}

// checkFunc is a check with no flags of its own.
type checkFunc func(c *cobra.Command) error

func (checkFunc) define(*cobra.Command)          {}
func (f checkFunc) check(c *cobra.Command) error { return f(c) }

// leaf completes cmd as a command of a group: it takes no arguments
// unless cmd.Args says otherwise, its parts register their flags, and a
// run checks the parts in order before calling run.
func leaf(cmd *cobra.Command, run func() error, parts ...part) *cobra.Command {
	if cmd.Args == nil {
		cmd.Args = noArgs
	}
	cmd.RunE = func(c *cobra.Command, _ []string) error {
		for _, p := range parts {
			if err := p.check(c); err != nil {
				return err
			}
		}
		return run()
	}
	for _, p := range parts {
		p.define(cmd)
	}
	return cmd
}

// withStore completes cmd as a command on the profile's stored session (it
// need not be logged in): run gets the settings of this run and the store
// of their platform's sessions.
func (f *Factory) withStore(cmd *cobra.Command, run func(config.Settings, config.CredentialStore) error) *cobra.Command {
	return leaf(cmd, func() error {
		s, store, err := f.settingsAndStore()
		if err != nil {
			return err
		}
		return run(s, store)
	})
}

// outputFlag is --output: table or json.
type outputFlag struct{ output string }

func (o *outputFlag) define(cmd *cobra.Command)  { addOutputFlag(cmd, &o.output) }
func (o *outputFlag) check(*cobra.Command) error { return checkOutput(o.output) }

// yesFlag is --yes, which answers the command's question beforehand.
type yesFlag struct {
	yes   bool
	usage string // "" for the usual text
}

func (y *yesFlag) define(cmd *cobra.Command) {
	if y.usage == "" {
		addYesFlag(cmd, &y.yes)
		return
	}
	cmd.Flags().BoolVar(&y.yes, "yes", false, y.usage)
}

func (y *yesFlag) check(*cobra.Command) error { return nil }

// define and check make the scope's flags a part.
func (o *scopeOptions) define(cmd *cobra.Command) { o.addFlags(cmd, o.repoUsage) }

// inScope runs fn, logged in, in the workspace (and repository) the flags
// name; Ctrl-C cancels ctx.
func (o *scopeOptions) inScope(fn func(ctx context.Context, s scope) error) error {
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	return fn(ctx, s)
}

// withClient runs fn with the logged-in client; Ctrl-C cancels ctx.
func (f *Factory) withClient(fn func(ctx context.Context, c *client.Client) error) error {
	ctx, cancel := f.context()
	defer cancel()
	c, _, err := f.loggedInClient(ctx)
	if err != nil {
		return err
	}
	return fn(ctx, c)
}

// asked is confirm for a change: a "no" is said on stderr (nothing, as
// "Nothing was deleted.") and reported as false.
func (f *Factory) asked(prompt string, yes bool, nothing string) (bool, error) {
	ok, err := f.confirm(prompt, yes)
	if err == nil && !ok {
		fmt.Fprintln(f.IO.ErrOut, nothing)
	}
	return ok, err
}

// removal is a delete, revoke or remove that asks first: on a terminal it
// asks the question, otherwise it needs --yes (the question, then why it
// was not asked, each on its own line).
type removal struct {
	question string
	nothing  string // said when the answer is no: "Nothing was deleted."
	do       func() error
	done     string // said on stdout once done
}

func (f *Factory) remove(r removal, yes bool) error {
	if ok, err := f.asked(r.question, yes, r.nothing); !ok {
		return err
	}
	if err := r.do(); err != nil {
		return err
	}
	fmt.Fprintln(f.IO.Out, r.done)
	return nil
}

// listing is how a list is printed: with --output json the items as JSON
// ([] for none), otherwise a table, or a sentence on stderr when there are
// no items.
type listing[T any] struct {
	headers []string
	row     func(T) []string
	empty   string // said on stderr when there are no items
	note    string // said on stderr before the table ("" for none)
	// json converts the items for --output json; nil prints them as they are.
	json func([]T) any
}

func (l listing[T]) print(f *Factory, output string, items []T) error {
	if output == "json" {
		if items == nil {
			items = []T{}
		}
		if l.json != nil {
			return printJSON(f.IO.Out, l.json(items))
		}
		return printJSON(f.IO.Out, items)
	}
	if len(items) == 0 {
		fmt.Fprintln(f.IO.ErrOut, l.empty)
		return nil
	}
	if l.note != "" {
		fmt.Fprintln(f.IO.ErrOut, l.note)
	}
	t := newTable(f.IO.Out, l.headers...)
	for _, it := range items {
		t.row(l.row(it)...)
	}
	return t.flush()
}

// printSaved says what a create or edit saved: with --output json the
// platform's answer v, otherwise format filled with the name and id, and
// the groups line when there is one.
func printSaved(f *Factory, output string, v any, format, name, id, groups string) error {
	if output == "json" {
		return printJSON(f.IO.Out, v)
	}
	fmt.Fprintf(f.IO.Out, format, cleanCell(name), id)
	if groups != "" {
		fmt.Fprintln(f.IO.Out, groups)
	}
	return nil
}

// scopedOptions are those of a list or a delete in a scope: the scope's
// flags, and --output for a list or --yes for a delete.
type scopedOptions struct {
	scopeOptions
	outputFlag
	yesFlag
}

// newScopedCmd completes cmd as one run in the scope the flags name: a
// delete when it is named so (--yes, alias rm), otherwise a list (alias
// ls) or a create or edit, with --output; more are its other parts.
func newScopedCmd(sc scopeOptions, cmd *cobra.Command, run func(ctx context.Context, o *scopedOptions, s scope) error, more ...part) *cobra.Command {
	o := &scopedOptions{scopeOptions: sc}
	p, alias := part(&o.outputFlag), "ls"
	if cmd.Name() == "delete" {
		p, alias = &o.yesFlag, "rm"
	}
	if cmd.Aliases == nil {
		cmd.Aliases = []string{alias}
	}
	return leaf(cmd, func() error {
		return o.inScope(func(ctx context.Context, s scope) error { return run(ctx, o, s) })
	}, append([]part{&o.scopeOptions, p}, more...)...)
}

// fieldOptions are the fields a create or edit of a workspace or a
// repository sets: --name, --description and the group flags (the check
// sets which of them were given).
type fieldOptions struct {
	groupFlags
	name, description       string
	setName, setDescription bool
	group                   string // the commands' group, in messages: "repo", "workspace"
	noun                    string // what has the fields: "repository", "workspace"
	unique                  string // where the name is unique, in --name's help ("" for nowhere)
}

func repoFields() *fieldOptions {
	return &fieldOptions{groupFlags: groupFlags{withSupervisor: true}, group: "repo", noun: "repository", unique: ", unique in the workspace"}
}

func workspaceFields() *fieldOptions { return &fieldOptions{group: "workspace", noun: "workspace"} }

func (o *fieldOptions) define(cmd *cobra.Command) {
	cmd.Flags().StringVar(&o.name, "name", "", "the "+o.noun+"'s name, 1 to 255 characters"+o.unique)
	cmd.Flags().StringVar(&o.description, "description", "", "the "+o.noun+"'s description, at most 255 characters")
	o.groupFlags.define(cmd)
}

// check checks the fields given: create needs --name, edit a field to
// change. Lengths count bytes, as the platform does.
func (o *fieldOptions) check(c *cobra.Command) error {
	given := c.Flags().Changed
	if c.Name() == "create" && !given("name") {
		return usageErrorf("%s create needs --name", o.group)
	}
	if given("name") {
		if err := checkName(o.name); err != nil {
			return err
		}
	}
	if msg := client.TooLong("--description", o.description); msg != "" {
		return usageErrorf("%s", msg)
	}
	if err := o.groupFlags.check(c); err != nil {
		return err
	}
	if c.Name() == "edit" && !given("name") && !given("description") && !o.groupFlags.given() {
		return usageErrorf("%s edit needs --name, --description or a group flag (the fields to change)", o.group)
	}
	o.setName, o.setDescription = given("name"), given("description")
	return nil
}

// checkName checks a --name: not blank, and within the platform's length.
func checkName(name string) error {
	name = strings.TrimSpace(name)
	if name == "" {
		return usageErrorf("--name cannot be empty")
	}
	if msg := client.TooLong("--name", name); msg != "" {
		return usageErrorf("%s", msg)
	}
	return nil
}

// edit puts the fields given into an edit's name and description; each
// group flag given likewise replaces its list (groupFlags.applyTo), and
// the rest stays as the platform has it: its PATCH replaces every field.
func (o *fieldOptions) edit(name, description *string) {
	if o.setName {
		*name = strings.TrimSpace(o.name)
	}
	if o.setDescription {
		*description = o.description
	}
}
