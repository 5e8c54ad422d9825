// Package assets holds what the program embeds or shows: the demo
// platform's seed data, the example config and the README's screenshots.
package assets

import _ "embed"

// DemoSeed is the demo platform's seed data (JSON): accounts, workspaces,
// members, repositories, tokens and analyses. Every date in it is relative
// to the clock ("days ago", "hours ago") so the demo always looks fresh.
// Package client/horusectest loads it.
//
//go:embed demo/seed.json
var DemoSeed []byte
