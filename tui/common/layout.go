package common

// The layout rule every screen follows, from the terminal most people open
// (80×24) down to the least the program draws in (60×15; below it the
// shell shows one centred message that wraps to any width):
//
//   - The shell's header and footer give way before any content does: the
//     header is one line under TallHeader rows, its breadcrumb elided from
//     the left; the footer's key line keeps the shell's keys (back, help,
//     quit) whole and cuts the screen's keys with "…".
//   - A page's own header gives way next: under CompactPage rows it keeps
//     one line (name and role) and a line for the id, which is never
//     dropped; the description and groups give their rows to the tabs.
//   - A screen is given the room left after its own indent and blank
//     lines: a part drawn at an indent of n gets w-n columns.
//   - A dialog is laid out by components/modal: as wide as its text,
//     scrolling when taller than its room, keeping its title, its key line
//     and its bottom border on screen. A form scrolls to its focused field
//     (components/form), marking what is hidden above and below.
//   - Text may be cut, with "…" (safetext.Fit); numbers, ids, e-mails in
//     confirmations and tokens never: they wrap, move to a line of their
//     own, or the text beside them gives way (a table's number columns keep
//     their width).
//
// The walk of every screen at 80×24, 60×15 and 160×45 (package tui,
// TestWalkEveryScreenAtThreeSizes) checks this on every frame.

import "strings"

// TallHeader is the terminal height from which the shell's header takes
// three lines (its top bar, the breadcrumb and a blank line).
const TallHeader = 30

// CompactPage is the page height under which a page's header keeps only
// its title line and its id line.
const CompactPage = 16

// Indent puts n spaces before every line of s (a block drawn in a margin).
func Indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = pad + l
	}
	return strings.Join(lines, "\n")
}
