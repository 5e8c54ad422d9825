package main

import (
	"crypto/x509"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/horusec-tui/horusec-tui/config"
)

const profileUsage = `Usage:
  horusec-tui profile list [--json]          list the profiles (* marks the current one)
  horusec-tui profile use NAME               make NAME the current profile
  horusec-tui profile add NAME --auth-url U --core-url U --analytic-url U [--api-url U]
                           [--email E] [--ca-file F] [--insecure] [--use]
                                             add a profile
  horusec-tui profile remove NAME            remove a profile and its stored session

Run 'horusec-tui profile <command> --help' for a command's flags.
`

func runProfile(a *app, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(a.stderr, profileUsage)
		return exitUsage
	}
	switch args[0] {
	case "list", "ls":
		return profileList(a, args[1:])
	case "use":
		return profileUse(a, args[1:])
	case "add":
		return profileAdd(a, args[1:])
	case "remove", "rm":
		return profileRemove(a, args[1:])
	case "-h", "-help", "--help", "help":
		fmt.Fprint(a.stdout, profileUsage)
		return exitOK
	}
	fmt.Fprintf(a.stderr, "horusec-tui: unknown command 'profile %s'\n%s", args[0], profileUsage)
	return exitUsage
}

// oneName checks that exactly one profile name was given.
func oneName(cmd string, pos []string) (string, error) {
	if len(pos) != 1 {
		return "", usageErrorf("%s takes exactly one profile name (got %d arguments)", cmd, len(pos))
	}
	return pos[0], nil
}

type profileJSON struct {
	Name        string `json:"name"`
	Current     bool   `json:"current"`
	AuthURL     string `json:"authURL,omitempty"`
	CoreURL     string `json:"coreURL,omitempty"`
	AnalyticURL string `json:"analyticURL,omitempty"`
	APIURL      string `json:"apiURL,omitempty"`
	Email       string `json:"email,omitempty"`
	CAFile      string `json:"caFile,omitempty"`
	Insecure    bool   `json:"insecure,omitempty"`
}

func profileList(a *app, args []string) int {
	fs := a.flagSet("profile list", "  horusec-tui profile list [--json]")
	asJSON := fs.Bool("json", false, "print JSON")
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}
	if len(pos) > 0 {
		return a.fail(usageErrorf("profile list takes no arguments"))
	}
	f, err := config.Load()
	if err != nil {
		return a.fail(err)
	}
	if *asJSON {
		out := []profileJSON{}
		for _, name := range f.Names() {
			p, _ := f.Profile(name)
			out = append(out, profileJSON{name, name == f.Current, p.AuthURL, p.CoreURL, p.AnalyticURL, p.APIURL, p.Email, p.CAFile, p.Insecure})
		}
		if err := printJSON(a.stdout, out); err != nil {
			return a.fail(err)
		}
		return exitOK
	}
	if len(f.Profiles) == 0 {
		fmt.Fprintf(a.stdout, "No profiles yet: the web manager's defaults (%s, %s, %s) apply.\n"+
			"Add one with 'horusec-tui profile add NAME --auth-url … --core-url … --analytic-url …'.\n",
			config.DefaultAuthURL, config.DefaultCoreURL, config.DefaultAnalyticURL)
		return exitOK
	}
	t := newTable(a.stdout, "", "NAME", "AUTH", "CORE", "ANALYTIC", "EMAIL")
	for _, name := range f.Names() {
		p, _ := f.Profile(name)
		mark := ""
		if name == f.Current {
			mark = "*"
		}
		t.row(mark, name, orDefault(p.AuthURL), orDefault(p.CoreURL), orDefault(p.AnalyticURL), p.Email)
	}
	if err := t.flush(); err != nil {
		return a.fail(err)
	}
	return exitOK
}

func orDefault(u string) string {
	if u == "" {
		return "(default)"
	}
	return u
}

func profileUse(a *app, args []string) int {
	fs := a.flagSet("profile use", "  horusec-tui profile use NAME")
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}
	name, err := oneName("profile use", pos)
	if err != nil {
		return a.fail(err)
	}
	f, err := config.Load()
	if err != nil {
		return a.fail(err)
	}
	if err := f.Use(name); err != nil {
		return a.fail(usageErrorf("%v", err))
	}
	if err := f.Save(); err != nil {
		return a.fail(err)
	}
	fmt.Fprintf(a.stdout, "Profile %s is now current.\n", name)
	return exitOK
}

func profileAdd(a *app, args []string) int {
	fs := a.flagSet("profile add", "  horusec-tui profile add NAME --auth-url U --core-url U --analytic-url U [--api-url U]\n"+
		"                          [--email E] [--ca-file F] [--insecure] [--use]\n\n"+
		"Adds a profile: a platform's service URLs and who logs in there. The first profile\n"+
		"becomes current. Log in to it with 'horusec-tui --profile NAME auth login'.")
	var p config.Profile
	// The global --auth-url/--core-url/--analytic-url flags are this
	// command's own values here.
	fs.StringVar(&p.APIURL, "api-url", "", "URL of the api service (optional; the web manager's default is http://127.0.0.1:8000)")
	fs.StringVar(&p.Email, "email", "", "the account's e-mail (or LDAP login name), offered at login")
	fs.StringVar(&p.CAFile, "ca-file", "", "PEM file of an extra certificate authority to trust")
	fs.BoolVar(&p.Insecure, "insecure", false, "do not verify the services' TLS certificates (only for testing)")
	use := fs.Bool("use", false, "make it the current profile")
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}
	name, err := oneName("profile add", pos)
	if err != nil {
		return a.fail(err)
	}
	p.Name = name
	p.AuthURL, p.CoreURL, p.AnalyticURL = a.flags.authURL, a.flags.coreURL, a.flags.analyticURL
	var missing []string
	for _, f := range []struct{ flag, val string }{{"--auth-url", p.AuthURL}, {"--core-url", p.CoreURL}, {"--analytic-url", p.AnalyticURL}} {
		if f.val == "" {
			missing = append(missing, f.flag)
		}
	}
	if len(missing) > 0 {
		return a.fail(usageErrorf("profile add needs %s, e.g. --auth-url http://127.0.0.1:8006 --core-url http://127.0.0.1:8003 --analytic-url http://127.0.0.1:8005", strings.Join(missing, ", ")))
	}
	if p.CAFile != "" {
		abs, err := filepath.Abs(p.CAFile)
		if err != nil {
			return a.fail(err)
		}
		pem, err := os.ReadFile(abs)
		if err != nil {
			return a.fail(usageErrorf("--ca-file: %v", err))
		}
		if !x509.NewCertPool().AppendCertsFromPEM(pem) {
			return a.fail(usageErrorf("--ca-file: %s holds no PEM certificate", abs))
		}
		p.CAFile = abs
	}
	f, err := config.Load()
	if err != nil {
		return a.fail(err)
	}
	if err := f.Add(p); err != nil {
		return a.fail(usageErrorf("%v", err))
	}
	if *use {
		f.Current = name
	}
	if err := f.Save(); err != nil {
		return a.fail(err)
	}
	if p.Insecure {
		fmt.Fprintf(a.stderr, "warning: profile %s does not verify TLS certificates: anyone on the network path can read the session\n", name)
	}
	current := ""
	if f.Current == name {
		current = " It is the current profile."
	}
	fmt.Fprintf(a.stdout, "Profile %s added to %s.%s\n", name, f.Path(), current)
	return exitOK
}

func profileRemove(a *app, args []string) int {
	fs := a.flagSet("profile remove", "  horusec-tui profile remove NAME\n\n"+
		"Removes the profile and deletes its stored session (the platform is not contacted).")
	pos, code, done := a.parse(fs, args)
	if done {
		return code
	}
	name, err := oneName("profile remove", pos)
	if err != nil {
		return a.fail(err)
	}
	f, err := config.Load()
	if err != nil {
		return a.fail(err)
	}
	p, ok := f.Profile(name)
	if !ok {
		return a.fail(usageErrorf("no profile %q: run 'horusec-tui profile list' to see them", name))
	}
	authURL := p.AuthURL
	if authURL == "" {
		authURL = config.DefaultAuthURL
	}
	service := config.ServiceName(authURL)
	// The session may be in either store; a keyring that cannot be used
	// holds nothing of ours, so it only earns a warning.
	if err := config.NewKeyringStore(service).Delete(name); err != nil {
		var ke *config.KeyringError
		if !errors.As(err, &ke) {
			return a.fail(err)
		}
		fmt.Fprintf(a.stderr, "warning: the keyring entry could not be checked (%s)\n", ke.Reason())
	}
	if dir, err := config.Dir(); err == nil {
		if err := config.NewFileStore(dir, service, nil).Delete(name); err != nil {
			return a.fail(err)
		}
	}
	if err := f.Remove(name); err != nil {
		return a.fail(err)
	}
	if err := f.Save(); err != nil {
		return a.fail(err)
	}
	fmt.Fprintf(a.stdout, "Profile %s removed, with its stored session.\n", name)
	if f.Current == "" && len(f.Profiles) > 0 {
		fmt.Fprintln(a.stdout, "No profile is current now: choose one with 'horusec-tui profile use NAME'.")
	}
	return exitOK
}
