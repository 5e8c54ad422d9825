package main

// The command line's shared machinery: help texts, argument checks, the
// groups of commands and the rewriting of -flag into --flag.

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// globalFlagsNote ends every command's help: the global flags are listed
// once, in 'horusec-tui --help'.
const globalFlagsNote = "The global flags (--profile, --auth-url, --core-url, --analytic-url, --webhook-url, --vulnerability-url,\n--insecure-storage, --debug) may be given before or after the command: see 'horusec-tui --help'."

// setUp gives the whole tree the program's help and flag-error handling,
// and adds cobra's help and completion commands and help flags, so that
// normalizeArgs knows every flag before cobra parses.
func setUp(root *cobra.Command) {
	root.SetHelpFunc(func(c *cobra.Command, _ []string) { printHelp(c, c.OutOrStdout()) })
	root.SetUsageFunc(func(c *cobra.Command) error { printHelp(c, c.ErrOrStderr()); return nil })
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageErrorf("%v; run '%s --help' for usage", err, c.CommandPath())
	})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	if c := findSub(root, "completion"); c != nil {
		c.Short = "print the completion script for bash, zsh, fish or powershell"
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		c.InitDefaultHelpFlag()
		c.DisableFlagsInUseLine = true
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// newGroupCmd is a command that only holds others (auth, repo, …). Without
// a command it prints its help on stderr (exit 2); "help" prints it on
// stdout; an unknown command is named, with the help, on stderr.
func newGroupCmd(use, short, long string, cmds ...*cobra.Command) *cobra.Command {
	group := &cobra.Command{
		Use:                        use,
		Short:                      short,
		Long:                       long,
		SuggestionsMinimumDistance: 2,
		// The flags belong to the commands of the group: an unknown command
		// followed by flags is said to be an unknown command.
		FParseErrWhitelist: cobra.FParseErrWhitelist{UnknownFlags: true},
		Args:               cobra.ArbitraryArgs,
		RunE: func(c *cobra.Command, args []string) error {
			switch {
			case len(args) == 0:
				printHelp(c, c.ErrOrStderr())
				return exitStatus(exitUsage)
			case args[0] == "help":
				printHelp(c, c.OutOrStdout())
				return nil
			}
			msg := fmt.Sprintf("horusec-tui: unknown command '%s %s'", c.Name(), cleanCell(args[0]))
			if s := c.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf(" (did you mean '%s %s'?)", c.Name(), s[0])
			}
			fmt.Fprintln(c.ErrOrStderr(), msg)
			printHelp(c, c.ErrOrStderr())
			return exitStatus(exitUsage)
		},
	}
	group.AddCommand(cmds...)
	return group
}

// noArgs refuses positional arguments with exit code 2.
func noArgs(c *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments (got %q)", commandName(c), strings.Join(args, " "))
	}
	return nil
}

// commandName is the command's path without the program's name: "repo list".
func commandName(c *cobra.Command) string {
	return strings.TrimPrefix(c.CommandPath(), c.Root().Name()+" ")
}

// printHelp writes a command's help: its synopsis, its text, its own flags
// (the global ones are listed by 'horusec-tui --help').
func printHelp(c *cobra.Command, w io.Writer) {
	if !c.HasParent() {
		rootHelp(c, w)
		return
	}
	var b strings.Builder
	if c.HasAvailableSubCommands() {
		b.WriteString("Usage:\n")
		width := 0
		for _, sub := range c.Commands() {
			if sub.IsAvailableCommand() {
				width = max(width, len(sub.Name()))
			}
		}
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() {
				continue
			}
			_, rest, _ := strings.Cut(sub.Use, " ")
			line := fmt.Sprintf("  %s %-*s %s", c.CommandPath(), width, sub.Name(), rest)
			b.WriteString(strings.TrimRight(line, " ") + "\n")
		}
		if c.Long != "" {
			fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.Long))
		}
		fmt.Fprintf(&b, "\nRun '%s <command> --help' for a command's flags.\n", c.CommandPath())
		fmt.Fprint(w, b.String())
		return
	}
	fmt.Fprintf(&b, "Usage:\n  %s\n", strings.TrimRight(c.Parent().CommandPath()+" "+c.Use, " "))
	if c.Long != "" {
		fmt.Fprintf(&b, "\n%s\n", strings.TrimSpace(c.Long))
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(&b, "\nAliases: %s\n", strings.Join(append([]string{c.Name()}, c.Aliases...), ", "))
	}
	if c.Example != "" {
		fmt.Fprintf(&b, "\nExamples:\n%s\n", strings.TrimRight(c.Example, "\n"))
	}
	if local := c.LocalNonPersistentFlags(); local.HasAvailableFlags() {
		fmt.Fprintf(&b, "\nFlags:\n%s", local.FlagUsages())
	}
	fmt.Fprintf(&b, "\n%s\n", globalFlagsNote)
	fmt.Fprint(w, b.String())
}

func rootHelp(root *cobra.Command, w io.Writer) {
	var b strings.Builder
	b.WriteString("horusec-tui — manage Horusec workspaces from the terminal\n\n")
	b.WriteString("Usage:\n  horusec-tui [flags]                 open the terminal UI\n")
	b.WriteString("  horusec-tui --demo                  open the UI on the embedded demo platform\n")
	b.WriteString("  horusec-tui [flags] <command> …     run one command (see below)\n\nCommands:\n")
	for _, c := range root.Commands() {
		if c.IsAvailableCommand() {
			fmt.Fprintf(&b, "  %-12s %s\n", c.Name(), c.Short)
		}
	}
	b.WriteString("\nRun 'horusec-tui <command> --help' for a command's flags.\n\nFlags:\n")
	flags := pflag.NewFlagSet("horusec-tui", pflag.ContinueOnError)
	flags.AddFlagSet(root.PersistentFlags())
	flags.AddFlagSet(root.LocalNonPersistentFlags())
	b.WriteString(flags.FlagUsages())
	b.WriteString("\nEnvironment: HORUSEC_TUI_PROFILE, HORUSEC_ENDPOINT_AUTH, HORUSEC_ENDPOINT_CORE,\nHORUSEC_ENDPOINT_ANALYTIC, HORUSEC_ENDPOINT_API, HORUSEC_ENDPOINT_WEBHOOK,\nHORUSEC_ENDPOINT_VULNERABILITY, HORUSEC_TUI_CONFIG_DIR,\nNO_COLOR.\n")
	fmt.Fprint(w, b.String())
}

// normalizeArgs rewrites the single-dash long flags the program always
// accepted (-profile work, -yes, -output=json) into the double-dash form
// cobra's flag parser wants. It follows the words that name commands, so a
// flag is rewritten only when the command it reaches has it, and the
// value after a flag that takes one is never touched (--description -yes
// keeps "-yes"). "--" ends the flags. For cobra's completion requests the
// word being completed is left alone.
func normalizeArgs(root *cobra.Command, args []string) []string {
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		words := args[1:]
		if len(words) == 0 {
			return args
		}
		out := append([]string{args[0]}, normalizeWords(root, words[:len(words)-1])...)
		return append(out, words[len(words)-1])
	}
	return normalizeWords(root, args)
}

func normalizeWords(root *cobra.Command, args []string) []string {
	out := append([]string(nil), args...)
	cur := root
	positional := false
	for i := 0; i < len(out); i++ {
		arg := out[i]
		if arg == "--" {
			break
		}
		if !strings.HasPrefix(arg, "-") || arg == "-" {
			if !positional {
				if sub := findSub(cur, arg); sub != nil {
					cur = sub
					continue
				}
			}
			positional = true
			continue
		}
		long := strings.HasPrefix(arg, "--")
		name, _, hasValue := strings.Cut(strings.TrimLeft(arg, "-"), "=")
		if !long && len(name) < 2 {
			continue // a shorthand: -h
		}
		fl := lookupFlag(cur, name)
		if fl == nil {
			continue
		}
		if !long {
			out[i] = "-" + arg
		}
		if fl.NoOptDefVal == "" && !hasValue {
			i++ // the flag's value
		}
	}
	return out
}

func findSub(c *cobra.Command, name string) *cobra.Command {
	for _, sub := range c.Commands() {
		if sub.Name() == name || sub.HasAlias(name) {
			return sub
		}
	}
	return nil
}

// lookupFlag finds a long flag of c or one it inherits.
func lookupFlag(c *cobra.Command, name string) *pflag.Flag {
	if fl := c.Flags().Lookup(name); fl != nil {
		return fl
	}
	for p := c; p != nil; p = p.Parent() {
		if fl := p.PersistentFlags().Lookup(name); fl != nil {
			return fl
		}
	}
	return nil
}
