package main

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

type demoServerOptions struct {
	*Factory
	listen                          string
	empty, appAdmin, ldap, standard bool
	webhookStall, hostile           bool
	sessionTTL, analyticLag         time.Duration
	repositories                    int
	vulnFiles, fileFindings         int
}

// maxScaleRepositories bounds --repositories: a million keeps the demo's
// memory within a few hundred MB.
const maxScaleRepositories = 1000000

// newDemoServerCmd serves the embedded demo platform until SIGINT or
// SIGTERM. It prints the five service URLs on stdout as HORUSEC_ENDPOINT_*
// lines (ready to eval in a shell) and the demo accounts on stderr.
func newDemoServerCmd(f *Factory) *cobra.Command {
	o := &demoServerOptions{Factory: f}
	cmd := &cobra.Command{
		Use:   "demo-server [--listen HOST] [--empty] [--application-admin] [--ldap] [--standard-ports] [--webhook-stall] [--session-ttl DURATION] [--analytic-lag DURATION] [--repositories N] [--vuln-files N] [--file-findings N] [--hostile]",
		Short: "serve the embedded demo platform",
		Long: "Serves the embedded demo platform until interrupted. Prints the five service URLs as\n" +
			"HORUSEC_ENDPOINT_* lines on stdout, and the demo accounts on stderr.",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageErrorf("demo-server: unexpected argument %q", args[0])
			}
			if o.repositories < 0 || o.repositories > maxScaleRepositories || (o.repositories > 0 && o.empty) {
				return usageErrorf("demo-server: --repositories takes a number from 1 to %d, without --empty (the Scale workspace belongs to the demo accounts)", maxScaleRepositories)
			}
			for _, n := range []int{o.vulnFiles, o.fileFindings} {
				if n < 0 || n > maxScaleRepositories || (n > 0 && o.empty) {
					return usageErrorf("demo-server: --vuln-files and --file-findings take a number from 1 to %d, without --empty (the %s workspace belongs to the demo Manager)", maxScaleRepositories, horusectest.FindingsWorkspace)
				}
			}
			return nil
		},
		RunE: func(*cobra.Command, []string) error { return demoServerRun(o) },
	}
	cmd.Flags().StringVar(&o.listen, "listen", "127.0.0.1", "host to listen on (the demo has known passwords: keep it on loopback)")
	cmd.Flags().BoolVar(&o.empty, "empty", false, "start without seed data (registration still works)")
	cmd.Flags().BoolVar(&o.appAdmin, "application-admin", false, "enable the application admin ("+horusectest.AdminEmail+")")
	cmd.Flags().BoolVar(&o.ldap, "ldap", false, "LDAP mode: log in with a directory login name; access comes from the token's groups")
	cmd.Flags().BoolVar(&o.standard, "standard-ports", false, "use the platform's ports (auth 8006, core 8003, analytic 8005, api 8000, webhook 8004)")
	cmd.Flags().BoolVar(&o.webhookStall, "webhook-stall", false, "reproduce the platform's webhook stall: after one failed delivery no webhook is delivered until the demo restarts")
	cmd.Flags().DurationVar(&o.sessionTTL, "session-ttl", 0, "lifetime of an access token, e.g. 5s (default: an hour, as on the platform; refresh tokens keep their 2 hours)")
	cmd.Flags().DurationVar(&o.analyticLag, "analytic-lag", 0, "how much later than the severity counts an upload reaches the dashboards' author and repository figures, e.g. 2s (the platform fills them from queues of their own)")
	cmd.Flags().IntVar(&o.vulnFiles, "vuln-files", 0, "add the workspace \""+horusectest.FindingsWorkspace+"\" with `N` files of one finding each (src/module-00001.go …) over its repositories")
	cmd.Flags().IntVar(&o.fileFindings, "file-findings", 0, "add to the workspace \""+horusectest.FindingsWorkspace+"\" the file "+horusectest.BigFile+" with `N` findings")
	cmd.Flags().IntVar(&o.repositories, "repositories", 0, "add the workspace \""+horusectest.ScaleWorkspace+"\" with `N` repositories (repo-00001 …); its pages then answer as slowly as the real platform's")
	cmd.Flags().BoolVar(&o.hostile, "hostile", false, "add workspaces whose names, repositories, tokens, members and dashboard authors carry terminal escapes, bidi and zero-width characters, 255-byte names and emoji")
	return cmd
}

func demoServerRun(o *demoServerOptions) error {
	listen, empty, appAdmin, ldap, standard := &o.listen, &o.empty, &o.appAdmin, &o.ldap, &o.standard
	if o.sessionTTL < 0 {
		return usageErrorf("demo-server: --session-ttl must be positive, e.g. 5s or 10m")
	}
	if o.analyticLag < 0 {
		return usageErrorf("demo-server: --analytic-lag must be positive, e.g. 2s")
	}
	if o.hostile && *empty {
		return usageErrorf("demo-server: --hostile adds to the seed data, which --empty leaves out: give one of them")
	}
	srv, err := horusectest.NewServer(horusectest.Options{
		SessionTTL:       o.sessionTTL,
		Hostile:          o.hostile,
		Empty:            *empty,
		ApplicationAdmin: *appAdmin,
		LDAP:             *ldap,
		DisableEmails:    true,
		Host:             *listen,
		StandardPorts:    *standard,
		WebhookStall:     o.webhookStall,
		AnalyticLag:      o.analyticLag,
		// With N repositories the lists answer as slowly as the real
		// platform's (horusectest.RealListCost); otherwise at once.
		ScaleRepositories: o.repositories,
		ListCost:          scaleCost(o.repositories),
		ScaleVulnFiles:    o.vulnFiles,
		ScaleFileFindings: o.fileFindings,
	})
	if err != nil {
		return fmt.Errorf("demo-server: %w", err)
	}

	// Install the handler before announcing the URLs so that a signal sent
	// right after reading them is not lost.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)

	fmt.Fprintf(o.IO.Out, "HORUSEC_ENDPOINT_AUTH=%s\n", srv.AuthURL)
	fmt.Fprintf(o.IO.Out, "HORUSEC_ENDPOINT_CORE=%s\n", srv.CoreURL)
	fmt.Fprintf(o.IO.Out, "HORUSEC_ENDPOINT_ANALYTIC=%s\n", srv.AnalyticURL)
	fmt.Fprintf(o.IO.Out, "HORUSEC_ENDPOINT_API=%s\n", srv.APIURL)
	fmt.Fprintf(o.IO.Out, "HORUSEC_ENDPOINT_WEBHOOK=%s\n", srv.WebhookURL)
	fmt.Fprintf(o.IO.Out, "HORUSEC_ENDPOINT_VULNERABILITY=%s\n", srv.VulnerabilityURL)
	if f, ok := o.IO.Out.(*os.File); ok {
		_ = f.Sync()
	}

	fmt.Fprintln(o.IO.ErrOut, "horusec-tui demo-server: the demo platform is running; Ctrl-C stops it.")
	switch {
	case *ldap:
		fmt.Fprintln(o.IO.ErrOut, "  LDAP mode: log in with a login name, not an e-mail.")
		fmt.Fprintf(o.IO.ErrOut, "  Manager: %s / %s (groups %s, %s)\n", horusectest.LDAPManagerLogin, horusectest.LDAPManagerPassword,
			horusectest.LDAPLeadsGroup, horusectest.LDAPDevelopersGroup)
		fmt.Fprintf(o.IO.ErrOut, "  User:    %s / %s (group %s)\n", horusectest.LDAPUserLogin, horusectest.LDAPUserPassword, horusectest.LDAPDevelopersGroup)
		fmt.Fprintf(o.IO.ErrOut, "  Application admin: %s / %s (group %s)\n", horusectest.LDAPAdminLogin, horusectest.LDAPAdminPassword, horusectest.LDAPAdminGroup)
	case !*empty:
		fmt.Fprintf(o.IO.ErrOut, "  Manager: %s / %s\n", horusectest.ManagerEmail, horusectest.ManagerPassword)
		fmt.Fprintf(o.IO.ErrOut, "  User:    %s / %s\n", horusectest.UserEmail, horusectest.UserPassword)
		fmt.Fprintf(o.IO.ErrOut, "  Others:  alice, bruno, carla, diego, erin, farid, grace, hiro @example.com / %s\n", horusectest.SeedPassword)
	}
	if n := o.repositories; n > 0 {
		fmt.Fprintf(o.IO.ErrOut, "  Workspace %s: %d repositories (%s … %s); the User holds a role in every %dth.\n", horusectest.ScaleWorkspace,
			n, horusectest.ScaleName(1, n), horusectest.ScaleName(n, n), horusectest.ScaleUserEvery)
	}
	if o.vulnFiles > 0 || o.fileFindings > 0 {
		fmt.Fprintf(o.IO.ErrOut, "  Workspace %s: %d files with one finding over %s … %s, and %s in %s with %d.\n", horusectest.FindingsWorkspace,
			o.vulnFiles, horusectest.FindingsRepositoryName(1), horusectest.FindingsRepositoryName(horusectest.FindingsRepositories),
			horusectest.BigFile, horusectest.FindingsRepositoryName(1), o.fileFindings)
	}
	if *appAdmin && !*ldap {
		fmt.Fprintf(o.IO.ErrOut, "  Application admin: %s / %s\n", horusectest.AdminEmail, horusectest.AdminPassword)
	}
	if *empty && !*ldap {
		fmt.Fprintln(o.IO.ErrOut, "  No seed data: register an account first.")
	}
	if o.hostile {
		fmt.Fprintln(o.IO.ErrOut, "  Hostile data: the Manager's workspaces include \"Hostile ␛]52;… workspace\", whose names carry terminal escapes.")
	}
	if ip := net.ParseIP(*listen); *listen != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(o.IO.ErrOut, "  Warning: listening on %s; anyone who can reach it can log in with the demo passwords.\n", *listen)
	}

	<-sig
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	fmt.Fprintln(o.IO.ErrOut, "horusec-tui demo-server: stopped.")
	return nil
}

func scaleCost(repositories int) horusectest.ListCost {
	if repositories > 0 {
		return horusectest.RealListCost
	}
	return horusectest.ListCost{}
}
