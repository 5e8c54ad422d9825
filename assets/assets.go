// Package assets holds what the program embeds or shows: the demo
// platform's seed data, the example config and the README's screenshots.
package assets
