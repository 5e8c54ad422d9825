package main

import "fmt"

func runTUI(a *app) int {
	fmt.Fprintln(a.stderr, "horusec-tui: the terminal UI is not available yet")
	return exitError
}
