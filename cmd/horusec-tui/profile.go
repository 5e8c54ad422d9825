package main

import "fmt"

func runProfile(a *app, args []string) int {
	fmt.Fprintln(a.stderr, "horusec-tui: this command is not available yet")
	return exitError
}
