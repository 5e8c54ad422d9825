// Command horusec-tui is a keyboard-first terminal client for the workspace
// management of the Horusec platform.
//
// # Adding a command
//
// The command line is built with cobra (github.com/spf13/cobra), laid out
// as GitHub's gh (cli/cli) lays out its own:
//
//   - A Factory (factory.go) gives every command its streams (f.IO), the
//     global flags, the settings, the credential store and, lazily, the
//     logged-in client (f.loggedInClient). Commands never read os.Stdin,
//     os.Stdout or os.Args themselves.
//   - Each command has one options struct (its flag values plus the
//     *Factory) and one run function taking it and returning an error:
//     see repo.go (repoListOptions, newRepoListCmd, repoListRun). The
//     options are made of parts (command.go): the scope's --workspace and
//     --repository, --output, --yes, the fields of a create or edit; leaf()
//     registers the parts' flags and checks them before the run function.
//     A list or delete in a scope is newScopedCmd(…); a delete asks with
//     f.remove(removal{…}), a list prints with listing[T]{…}.print.
//   - newXxxCmd(f) builds the *cobra.Command: Use is the synopsis after
//     the command's name ("list --workspace W [--output table|json]"),
//     Short the one line shown in lists, Long the help text; Aliases and
//     Args (noArgs, exactArgs: they give exit code 2) are declared there,
//     and flags are bound to the options struct.
//   - A group of commands (repo, member, …) is newGroupCmd(…) with its
//     subcommands, declared in newGroupCmds below.
//   - The global flags (--profile, the service URLs, --insecure-storage,
//     --debug) are persistent flags of the root, registered once in
//     newRootCmd: add a new global flag there and to globalFlags.
//   - A run function returns an error; run() turns it into a one-line
//     message and the exit code below (usageErrorf gives exitUsage, a
//     client.Error its kind's code). An error already reported on stderr
//     is returned as exitStatus(code).
//
// Flags may be written --flag or -flag (normalizeArgs rewrites the single
// dash form before cobra parses), before or after positional arguments.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// Exit codes, the same for every subcommand.
const (
	exitOK         = 0
	exitError      = 1 // the platform or the machine failed
	exitUsage      = 2 // bad flags or arguments
	exitPermission = 3 // the platform refused: role too low or no access
	exitAuth       = 4 // not logged in, or the session expired
	exitNotFound   = 5 // a workspace, repository, member, token or profile named matches nothing
)

// exitStatus is returned by a command that has already said what went
// wrong: the program exits with that code and prints nothing more.
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func init() {
	// Commands are listed in the order they are added: the usual ones first.
	cobra.EnableCommandSorting = false
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs the program with args (without the program's name) and returns
// its exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	f := &Factory{IO: IOStreams{In: stdin, Out: stdout, ErrOut: stderr}}
	root := newRootCmd(f)
	root.SetArgs(normalizeArgs(root, args))
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	var st exitStatus
	if errors.As(err, &st) {
		return int(st)
	}
	return f.fail(err)
}

// newRootCmd builds the whole command tree: the root opens the terminal UI
// when no command is given.
func newRootCmd(f *Factory) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "horusec-tui",
		Short: "manage Horusec workspaces from the terminal",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("unknown command %q; run 'horusec-tui --help' for the list", args[0])
			}
			return nil
		},
		RunE: func(_ *cobra.Command, _ []string) error {
			if showVersion {
				fmt.Fprintf(f.IO.Out, "horusec-tui %s\n", version)
				return nil
			}
			return runTUI(f)
		},
		SilenceErrors:     true,
		SilenceUsage:      true,
		CompletionOptions: cobra.CompletionOptions{HiddenDefaultCmd: false},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&f.flags.profile, "profile", "", "profile to use (default: the current one)")
	pf.StringVar(&f.flags.authURL, "auth-url", "", "URL of the auth service (e.g. http://127.0.0.1:8006)")
	pf.StringVar(&f.flags.coreURL, "core-url", "", "URL of the core service (e.g. http://127.0.0.1:8003)")
	pf.StringVar(&f.flags.analyticURL, "analytic-url", "", "URL of the analytic service (e.g. http://127.0.0.1:8005)")
	pf.StringVar(&f.flags.webhookURL, "webhook-url", "", "URL of the webhook service (e.g. http://127.0.0.1:8004)")
	pf.StringVar(&f.flags.vulnerabilityURL, "vulnerability-url", "", "URL of the vulnerability service (e.g. http://127.0.0.1:8001)")
	pf.BoolVar(&f.flags.insecureStorage, "insecure-storage", false, "keep the session in a 0600 file when no OS keyring is usable")
	pf.StringVar(&f.flags.debug, "debug", "", "write a debug log to this file (never holds a password or token)")
	root.Flags().BoolVar(&f.flags.demo, "demo", false, "start the embedded demo platform and open the UI on it, logged in as the demo Manager")
	root.Flags().BoolVar(&showVersion, "version", false, "print the version and exit")

	root.AddCommand(newGroupCmds(f)...)
	setUp(root)
	return root
}

// newGroupCmds are the groups of commands, each with its help and its
// commands.
func newGroupCmds(f *Factory) []*cobra.Command {
	return []*cobra.Command{
		newGroupCmd("auth", "log in, show the session, log out", "",
			newAuthLoginCmd(f), newAuthStatusCmd(f), newAuthLogoutCmd(f)),
		newGroupCmd("profile", "list, add, use and remove profiles", "",
			newProfileListCmd(f), newProfileUseCmd(f), newProfileAddCmd(f), newProfileRemoveCmd(f)),
		newGroupCmd("workspace", "list, show, create, edit and delete workspaces",
			`Workspaces are named by name or id; names need not be unique, so list and
show print the ids. edit changes only the fields given. delete takes the
workspace's repositories, tokens, roles and analyses with it; it asks
first, and needs --yes when stdin is not a terminal.`,
			newWorkspaceListCmd(f), newWorkspaceShowCmd(f), newWorkspaceCreateCmd(f), newWorkspaceEditCmd(f), newWorkspaceDeleteCmd(f)),
		newGroupCmd("token", "create, list and revoke tokens",
			`create prints only the token on stdout (TOKEN=$(horusec-tui token create …));
everything else goes to stderr. The token is shown only this once.
An expiry is a number of days (30d), weeks (2w) or years (1y) from today in
UTC, a date YYYY-MM-DD from tomorrow (UTC) on, or never; the platform keeps
only the date, so the token stops working at 00:00 UTC of that day.
With --repository, the token works for that repository only.`,
			newTokenCreateCmd(f), newTokenListCmd(f), newTokenRevokeCmd(f)),
		newGroupCmd("member", "list, invite, change the role of and remove members",
			`Members are named by e-mail. ROLE is manager, supervisor or user (the
platform's admin, supervisor and member are accepted too), in any case.
With --repository, invite gives a role in the repository to someone who is
already a member of the workspace.`,
			newMemberListCmd(f), newMemberInviteCmd(f), newMemberSetRoleCmd(f), newMemberRemoveCmd(f)),
		newGroupCmd("repo", "list, create, edit and delete repositories",
			`list walks every page of the platform's list (--search keeps the names
that contain S, ignoring case). edit changes only the fields given. delete
takes the repository's tokens, roles and analyses with it; it asks first,
and needs --yes when stdin is not a terminal.`,
			newRepoListCmd(f), newRepoCreateCmd(f), newRepoEditCmd(f), newRepoDeleteCmd(f)),
		newDashboardCmd(f),
		newGroupCmd("webhook", "list, create, edit, delete and test webhooks",
			`A webhook sends every new analysis of one repository (at most one webhook a
repository) to a URL, as an HTTP POST of the analysis in JSON, with the
headers you set. Webhooks are for workspace Managers only.
Headers are given as --header 'Key: value' (repeatable) or, to keep secret
values out of the process list, one 'Key: value' a line on stdin with
--headers-stdin. Lists show header names, never their values.`,
			newWebhookListCmd(f), newWebhookCreateCmd(f), newWebhookEditCmd(f), newWebhookDeleteCmd(f), newWebhookTestCmd(f)),
		newVulnCmd(f),
		newDemoServerCmd(f),
	}
}
