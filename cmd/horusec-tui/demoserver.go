package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// runDemoServer serves the embedded demo platform until SIGINT or SIGTERM.
// It prints the four service URLs on stdout as HORUSEC_ENDPOINT_* lines
// (ready to eval in a shell) and the demo accounts on stderr.
func runDemoServer(a *app, args []string) int {
	fs := flag.NewFlagSet("horusec-tui demo-server", flag.ContinueOnError)
	fs.SetOutput(a.stderr)
	listen := fs.String("listen", "127.0.0.1", "host to listen on (the demo has known passwords: keep it on loopback)")
	empty := fs.Bool("empty", false, "start without seed data (registration still works)")
	appAdmin := fs.Bool("application-admin", false, "enable the application admin ("+horusectest.AdminEmail+")")
	standard := fs.Bool("standard-ports", false, "use the platform's ports (auth 8006, core 8003, analytic 8005, api 8000)")
	fs.Usage = func() {} // --help prints to stdout below; errors get a hint
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fmt.Fprintln(a.stdout, "Usage: horusec-tui demo-server [--listen HOST] [--empty] [--application-admin] [--standard-ports]")
			fmt.Fprintln(a.stdout, "\nServes the embedded demo platform until interrupted. Prints the four service URLs as")
			fmt.Fprintln(a.stdout, "HORUSEC_ENDPOINT_* lines on stdout, and the demo accounts on stderr.\n\nFlags:")
			fs.SetOutput(a.stdout)
			fs.PrintDefaults()
			return exitOK
		}
		fmt.Fprintln(a.stderr, "run 'horusec-tui demo-server --help' for usage")
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(a.stderr, "horusec-tui demo-server: unexpected argument %q\n", fs.Arg(0))
		return exitUsage
	}

	srv, err := horusectest.NewServer(horusectest.Options{
		Empty:            *empty,
		ApplicationAdmin: *appAdmin,
		DisableEmails:    true,
		Host:             *listen,
		StandardPorts:    *standard,
	})
	if err != nil {
		fmt.Fprintf(a.stderr, "horusec-tui demo-server: %v\n", err)
		return exitError
	}

	// Install the handler before announcing the URLs so that a signal sent
	// right after reading them is not lost.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)

	fmt.Fprintf(a.stdout, "HORUSEC_ENDPOINT_AUTH=%s\n", srv.AuthURL)
	fmt.Fprintf(a.stdout, "HORUSEC_ENDPOINT_CORE=%s\n", srv.CoreURL)
	fmt.Fprintf(a.stdout, "HORUSEC_ENDPOINT_ANALYTIC=%s\n", srv.AnalyticURL)
	fmt.Fprintf(a.stdout, "HORUSEC_ENDPOINT_API=%s\n", srv.APIURL)
	if f, ok := a.stdout.(*os.File); ok {
		_ = f.Sync()
	}

	fmt.Fprintln(a.stderr, "horusec-tui demo-server: the demo platform is running; Ctrl-C stops it.")
	if !*empty {
		fmt.Fprintf(a.stderr, "  Manager: %s / %s\n", horusectest.ManagerEmail, horusectest.ManagerPassword)
		fmt.Fprintf(a.stderr, "  User:    %s / %s\n", horusectest.UserEmail, horusectest.UserPassword)
		fmt.Fprintf(a.stderr, "  Others:  alice, bruno, carla, diego, erin, farid, grace, hiro @example.com / %s\n", horusectest.SeedPassword)
	}
	if *appAdmin {
		fmt.Fprintf(a.stderr, "  Application admin: %s / %s\n", horusectest.AdminEmail, horusectest.AdminPassword)
	}
	if *empty {
		fmt.Fprintln(a.stderr, "  No seed data: register an account first.")
	}
	if ip := net.ParseIP(*listen); *listen != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintf(a.stderr, "  Warning: listening on %s; anyone who can reach it can log in with the demo passwords.\n", *listen)
	}

	<-sig
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		srv.Close()
	}
	fmt.Fprintln(a.stderr, "horusec-tui demo-server: stopped.")
	return exitOK
}
