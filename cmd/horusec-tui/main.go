// Command horusec-tui is a keyboard-first terminal client for the workspace
// management of the Horusec platform.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
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
)

// globalFlags are accepted before any subcommand.
type globalFlags struct {
	profile         string
	authURL         string
	coreURL         string
	analyticURL     string
	insecureStorage bool
	debug           string // path of the debug log, "" for none
	demo            bool
}

// app is what every subcommand receives.
type app struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	flags  globalFlags
}

type command struct {
	name    string
	summary string
	run     func(a *app, args []string) int
}

func commands() []command {
	return []command{
		{"auth", "log in, show the session, log out", runAuth},
		{"profile", "list, add, use and remove profiles", runProfile},
		{"token", "create, list and revoke tokens", runToken},
		{"member", "list, invite, change the role of and remove members", runMember},
		{"repo", "list, create, edit and delete repositories", runRepo},
		{"dashboard", "print a workspace or repository dashboard", runDashboard},
		{"demo-server", "serve the embedded demo platform", runDemoServer},
	}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{stdin: stdin, stdout: stdout, stderr: stderr}
	fs := flag.NewFlagSet("horusec-tui", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&a.flags.profile, "profile", "", "profile to use (default: the current one)")
	fs.StringVar(&a.flags.authURL, "auth-url", "", "URL of the auth service (e.g. http://127.0.0.1:8006)")
	fs.StringVar(&a.flags.coreURL, "core-url", "", "URL of the core service (e.g. http://127.0.0.1:8003)")
	fs.StringVar(&a.flags.analyticURL, "analytic-url", "", "URL of the analytic service (e.g. http://127.0.0.1:8005)")
	fs.BoolVar(&a.flags.insecureStorage, "insecure-storage", false, "keep the session in a 0600 file when no OS keyring is usable")
	fs.StringVar(&a.flags.debug, "debug", "", "write a debug log to this file (never holds a password or token)")
	fs.BoolVar(&a.flags.demo, "demo", false, "start the embedded demo platform and open the UI on it, logged in as the demo Manager")
	showVersion := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {} // -help prints to stdout below; errors get a hint

	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			usage(fs, stdout)
			return exitOK
		}
		fmt.Fprintln(stderr, "run 'horusec-tui --help' for usage")
		return exitUsage
	}
	if *showVersion {
		fmt.Fprintf(stdout, "horusec-tui %s\n", version)
		return exitOK
	}
	rest := fs.Args()
	if len(rest) == 0 {
		return runTUI(a)
	}
	if rest[0] == "help" {
		usage(fs, stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == rest[0] {
			return c.run(a, rest[1:])
		}
	}
	fmt.Fprintf(stderr, "horusec-tui: unknown command %q; run 'horusec-tui --help' for the list\n", rest[0])
	return exitUsage
}

func usage(fs *flag.FlagSet, w io.Writer) {
	var b strings.Builder
	b.WriteString("horusec-tui — manage Horusec workspaces from the terminal\n\n")
	b.WriteString("Usage:\n  horusec-tui [flags]                 open the terminal UI\n")
	b.WriteString("  horusec-tui --demo                  open the UI on the embedded demo platform\n")
	b.WriteString("  horusec-tui [flags] <command> …     run one command (see below)\n\nCommands:\n")
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-12s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun 'horusec-tui <command> --help' for a command's flags.\n\nFlags:\n")
	fmt.Fprint(w, b.String())
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nEnvironment: HORUSEC_TUI_PROFILE, HORUSEC_ENDPOINT_AUTH, HORUSEC_ENDPOINT_CORE,\nHORUSEC_ENDPOINT_ANALYTIC, HORUSEC_ENDPOINT_API, HORUSEC_TUI_CONFIG_DIR, NO_COLOR.\n")
}
