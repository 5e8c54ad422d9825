package groups

import (
	"strings"
	"testing"
)

// Group names come from the platform (anyone who may edit a workspace
// names its groups): the line shows their escapes, bidi and invisible
// characters visibly and holds no control character.
func TestLineShowsHostileGroupNamesVisibly(t *testing.T) {
	line := Line([]string{"leads\x1b]52;c;cm0=\x07"}, []string{"txt\u202Eexe"}, []string{"dev\u200Bops", "\u009b2J"}, true)
	for _, want := range []string{"leads␛]52;c;cm0=␇", "txt⟨U+202E⟩exe", "dev⟨U+200B⟩ops", "⟨U+009B⟩2J"} {
		if !strings.Contains(line, want) {
			t.Errorf("%q is not in %q", want, line)
		}
	}
	for _, r := range line {
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == '\u202e' || r == '\u200b' {
			t.Errorf("the line holds %U: %q", r, line)
		}
	}
}
