package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/config"
)

// oneName checks that exactly one profile name was given, and keeps it
// in name.
func oneName(name *string) cobra.PositionalArgs {
	return func(c *cobra.Command, args []string) error {
		if len(args) != 1 {
			return usageErrorf("%s takes exactly one profile name (got %d arguments)", commandName(c), len(args))
		}
		*name = args[0]
		return nil
	}
}

// profileJSON is a profile as 'profile list --output json' prints it: its
// name, whether it is current, and its keys as config.json holds them.
type profileJSON struct {
	Name    string `json:"name"`
	Current bool   `json:"current"`
	config.Profile
}

type profileListOptions struct {
	*Factory
	output string
}

func newProfileListCmd(f *Factory) *cobra.Command {
	o := &profileListOptions{Factory: f}
	var asJSON bool
	cmd := &cobra.Command{
		Use:     "list [--output table|json]",
		Aliases: []string{"ls"},
		Short:   "list the profiles (* marks the current one)",
		Args:    noArgs,
		RunE: func(*cobra.Command, []string) error {
			if asJSON {
				o.output = "json"
			}
			if err := checkOutput(o.output); err != nil {
				return err
			}
			return profileListRun(o)
		},
	}
	addOutputFlag(cmd, &o.output)
	// --json was this command's own way; kept, unlisted.
	cmd.Flags().BoolVar(&asJSON, "json", false, "the same as --output json")
	_ = cmd.Flags().MarkHidden("json")
	return cmd
}

func profileListRun(o *profileListOptions) error {
	file, err := config.Load()
	if err != nil {
		return err
	}
	if o.output == "json" {
		out := []profileJSON{}
		for _, name := range file.Names() {
			p, _ := file.Profile(name)
			out = append(out, profileJSON{name, name == file.Current, p})
		}
		if err := printJSON(o.IO.Out, out); err != nil {
			return err
		}
		return nil
	}
	if len(file.Profiles) == 0 {
		fmt.Fprintf(o.IO.Out, "No profiles yet: the web manager's defaults (%s, %s, %s) apply.\n"+
			"Add one with 'horusec-tui profile add NAME --auth-url … --core-url … --analytic-url …'.\n",
			config.DefaultAuthURL, config.DefaultCoreURL, config.DefaultAnalyticURL)
		return nil
	}
	t := newTable(o.IO.Out, "", "NAME", "AUTH", "CORE", "ANALYTIC", "EMAIL")
	for _, name := range file.Names() {
		p, _ := file.Profile(name)
		mark := ""
		if name == file.Current {
			mark = "*"
		}
		t.row(mark, name, orDefault(p.AuthURL), orDefault(p.CoreURL), orDefault(p.AnalyticURL), p.Email)
	}
	if err := t.flush(); err != nil {
		return err
	}
	return nil
}

func orDefault(u string) string {
	if u == "" {
		return "(default)"
	}
	return u
}

type profileUseOptions struct {
	*Factory
	name string
}

func newProfileUseCmd(f *Factory) *cobra.Command {
	o := &profileUseOptions{Factory: f}
	return leaf(&cobra.Command{Use: "use NAME", Short: "make NAME the current profile", Args: oneName(&o.name)},
		func() error { return profileUseRun(o) })
}

func profileUseRun(o *profileUseOptions) error {
	name := o.name
	_, err := config.Update(func(file *config.File) error {
		if _, ok := file.Profile(name); !ok {
			return notFoundErrorf("no profile %q: run 'horusec-tui profile list' to see them, or 'horusec-tui profile add %s …'", name, name)
		}
		if err := file.Use(name); err != nil {
			return usageErrorf("%v", err)
		}
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "Profile %s is now current.\n", cleanCell(name))
	return nil
}

type profileAddOptions struct {
	*Factory
	profile config.Profile
	use     bool
}

func newProfileAddCmd(f *Factory) *cobra.Command {
	o := &profileAddOptions{Factory: f}
	cmd := &cobra.Command{
		Use: "add NAME --auth-url U --core-url U --analytic-url U [--api-url U] [--webhook-url U]\n" +
			"                          [--vulnerability-url U] [--email E] [--ca-file F] [--insecure] [--use]",
		Short: "add a profile",
		Long: "Adds a profile: a platform's service URLs and who logs in there. The first profile\n" +
			"becomes current. Log in to it with 'horusec-tui --profile NAME auth login'.",
		Args: oneName(&o.profile.Name),
		RunE: func(*cobra.Command, []string) error { return profileAddRun(o) },
	}
	// The global --auth-url/--core-url/--analytic-url/--webhook-url flags
	// are this command's own values here.
	p := &o.profile
	cmd.Flags().StringVar(&p.APIURL, "api-url", "", "URL of the api service (optional; the web manager's default is http://127.0.0.1:8000)")
	cmd.Flags().StringVar(&p.Email, "email", "", "the account's e-mail (or LDAP login name), offered at login")
	cmd.Flags().StringVar(&p.CAFile, "ca-file", "", "PEM file of an extra certificate authority to trust")
	cmd.Flags().BoolVar(&p.Insecure, "insecure", false, "do not verify the services' TLS certificates (only for testing)")
	cmd.Flags().BoolVar(&o.use, "use", false, "make it the current profile")
	return cmd
}

func profileAddRun(o *profileAddOptions) error {
	p := o.profile
	name := p.Name
	p.AuthURL, p.CoreURL, p.AnalyticURL = o.flags.authURL, o.flags.coreURL, o.flags.analyticURL
	p.WebhookURL = o.flags.webhookURL             // optional: the web manager's default is http://127.0.0.1:8004
	p.VulnerabilityURL = o.flags.vulnerabilityURL // optional: the default is the web manager's :8001
	var missing []string
	for _, f := range []struct{ flag, val string }{{"--auth-url", p.AuthURL}, {"--core-url", p.CoreURL}, {"--analytic-url", p.AnalyticURL}} {
		if f.val == "" {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) > 0 {
		return usageErrorf("profile add needs %s, e.g. --auth-url http://127.0.0.1:8006 --core-url http://127.0.0.1:8003 --analytic-url http://127.0.0.1:8005", strings.Join(missing, ", "))
	}
	if p.CAFile != "" {
		abs, err := filepath.Abs(p.CAFile)
		if err != nil {
			return err
		}
		pem, err := os.ReadFile(abs)
		if err != nil {
			return usageErrorf("--ca-file: %v", err)
		}
		if !x509.NewCertPool().AppendCertsFromPEM(pem) {
			return usageErrorf("--ca-file: %s holds no PEM certificate", abs)
		}
		p.CAFile = abs
	}
	file, err := config.Update(func(file *config.File) error {
		if err := file.Add(p); err != nil {
			return usageErrorf("%v", err)
		}
		if o.use {
			file.Current = name
		}
		return nil
	})
	if err != nil {
		return err
	}
	if p.Insecure {
		fmt.Fprintf(o.IO.ErrOut, "warning: profile %s does not verify TLS certificates: anyone on the network path can read the session\n", cleanCell(name))
	}
	current := ""
	if file.Current == name {
		current = " It is the current profile."
	}
	fmt.Fprintf(o.IO.Out, "Profile %s added to %s.%s\n", cleanCell(name), cleanCell(file.Path()), current)
	return nil
}

type profileRemoveOptions struct {
	*Factory
	name string
}

func newProfileRemoveCmd(f *Factory) *cobra.Command {
	o := &profileRemoveOptions{Factory: f}
	return leaf(&cobra.Command{Use: "remove NAME", Aliases: []string{"rm"}, Short: "remove a profile and its stored session",
		Long: "Removes the profile and deletes its stored session (the platform is not contacted).", Args: oneName(&o.name)},
		func() error { return profileRemoveRun(o) })
}

func profileRemoveRun(o *profileRemoveOptions) error {
	name := o.name
	file, err := config.Load()
	if err != nil {
		return err
	}
	p, ok := file.Profile(name)
	if !ok {
		return notFoundErrorf("no profile %q: run 'horusec-tui profile list' to see them", name)
	}
	authURL := p.AuthURL
	if authURL == "" {
		authURL = config.DefaultAuthURL
	}
	service := config.ServiceName(authURL)
	// Under the profile's session lock: a program renewing the session
	// right now must not store it again after it was deleted.
	unlock, err := sharedSession(config.NewKeyringStore(service), name).Lock(context.Background())
	if err != nil {
		return err
	}
	defer unlock()
	// The session may be in either store; a keyring that cannot be used
	// holds nothing of ours, so it only earns a warning.
	if err := config.NewKeyringStore(service).Delete(name); err != nil {
		var ke *config.KeyringError
		if !errors.As(err, &ke) {
			return err
		}
		fmt.Fprintf(o.IO.ErrOut, "warning: the keyring entry could not be checked (%s)\n", cleanCell(ke.Reason()))
	}
	if dir, err := config.Dir(); err == nil {
		if err := config.NewFileStore(dir, service, nil).Delete(name); err != nil {
			return err
		}
	}
	file, err = config.Update(func(file *config.File) error { return file.Remove(name) })
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "Profile %s removed, with its stored session.\n", cleanCell(name))
	if file.Current == "" && len(file.Profiles) > 0 {
		fmt.Fprintln(o.IO.Out, "No profile is current now: choose one with 'horusec-tui profile use NAME'.")
	}
	return nil
}
