// Package safetext makes untrusted text safe to draw on a terminal.
//
// Everything the program did not write itself — names, descriptions,
// e-mails, usernames, commit authors, tool names and error messages from the
// platform, values from the config file or the environment, text the user
// typed — goes through Clean before it reaches the terminal, so that no such
// text can drive it: no clipboard write (OSC 52), no window title (OSC 2), no
// hidden link (OSC 8), no screen clear or colour (CSI), no 8-bit control.
//
// What is taken out is shown, not dropped, so a person sees that something
// odd is there and one name cannot imitate another:
//
//   - C0 controls as their Unicode control pictures, one cell each: ESC as
//     ␛, BEL as ␇, a line break as ␊, a tab as ␉, NUL as ␀; DEL as ␡. An
//     OSC 52 write reads ␛]52;c;…␇.
//   - Every other character that is invisible, reorders the text or takes no
//     room — C1 controls (U+0080–U+009F, the 8-bit CSI U+009B among them),
//     bidirectional embeddings, overrides and isolates (U+202A–U+202E,
//     U+2066–U+2069, U+200E, U+200F, U+061C), zero-width characters
//     (U+200B–U+200D, U+2060, U+FEFF), other format characters and
//     default-ignorable code points, spaces other than the ASCII space, line
//     and paragraph separators, and code points Unicode has not assigned —
//     as its code point in angle brackets: ⟨U+202E⟩.
//   - A byte that is not UTF-8 as its value in angle brackets: ⟨0x9B⟩.
//
// Everything else is kept as it is, wide characters and emoji included, so
// the cleaned text's width (ansi.StringWidth) is what a terminal draws.
// Fit cleans and cuts to a number of cells with "…".
package safetext

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Clean returns s with every control character, escape sequence, invalid
// byte and invisible or direction-changing character replaced by a visible
// form (see the package documentation). Text that needs no change is
// returned as it is.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	return cleaned(s, false)
}

// cleaned is s cleaned into a new string; frame keeps what Frame keeps.
func cleaned(s string, frame bool) string {
	var b strings.Builder
	b.Grow(len(s) + 16)
	clean(&b, s, frame)
	return b.String()
}

// Fit cleans s and cuts it to at most width terminal cells, ending it with
// "…" when it is cut. It does not pad.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = Clean(s)
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, "…")
	}
	return s
}

// Frame is the last guard of a whole screen the program drew itself: it
// keeps line breaks and colour sequences (SGR: ESC [ digits m) and cleans
// everything else as Clean does. It is for text the program styled; text
// from outside goes through Clean (or Fit) before it is styled, since Frame
// would let its colours through.
func Frame(s string) string {
	if isFramePlain(s) {
		return s
	}
	return cleaned(s, true)
}

// Typeable is s without the characters Clean would mark: what a person can
// type from what they see (e.g. to confirm the deletion of a workspace whose
// name holds an escape sequence).
func Typeable(s string) string {
	var b strings.Builder
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && size == 1) && r >= 0x20 && r != 0x7f && !marked(r, prev) {
			b.WriteRune(r)
		}
		prev = r
		i += size
	}
	return b.String()
}

// Safe reports whether s would be drawn as it is (Clean(s) == s).
func Safe(s string) bool { return Clean(s) == s }

// isPlain is the fast path: printable ASCII only.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

func isFramePlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7f {
			return false
		}
	}
	return true
}

func clean(b *strings.Builder, s string, frame bool) {
	prev := rune(-1)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString("⟨0x")
			b.WriteString(strings.ToUpper(strconv.FormatUint(uint64(s[i]), 16)))
			b.WriteString("⟩")
			prev = -1
			i++
			continue
		case frame && r == '\n':
			b.WriteByte('\n')
		case frame && r == 0x1b:
			if n := sgrLen(s[i:]); n > 0 {
				b.WriteString(s[i : i+n])
				i += n
				prev = -1
				continue
			}
			b.WriteRune(0x2400 + r)
		case r < 0x20:
			b.WriteRune(0x2400 + r) // the control pictures block follows C0's order
		case r == 0x7f:
			b.WriteRune('␡')
		case marked(r, prev):
			b.WriteString("⟨U+")
			h := strings.ToUpper(strconv.FormatUint(uint64(r), 16))
			for k := len(h); k < 4; k++ {
				b.WriteByte('0')
			}
			b.WriteString(h)
			b.WriteString("⟩")
		default:
			b.WriteRune(r)
		}
		prev = r
		i += size
	}
}

// sgrLen is the length of the colour sequence s starts with (ESC [ params m),
// or 0 when it starts with anything else.
func sgrLen(s string) int {
	if len(s) < 3 || s[0] != 0x1b || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s) && i < 64; i++ {
		c := s[i]
		switch {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// marked reports whether r (after prev) is shown as ⟨U+XXXX⟩: a C1
// control, or a character a reader cannot see, that changes the direction
// of the text, or whose width terminals disagree on.
func marked(r, prev rune) bool {
	switch {
	case r >= 0x80 && r <= 0x9f: // C1 controls, U+009B the 8-bit CSI
		return true
	case r < 0x80:
		return false
	case r == 0xfe0f:
		// The emoji variation selector is kept after a character already
		// drawn two cells wide (it changes nothing there); anywhere else it
		// is invisible or changes the width.
		return prev < 0 || ansi.StringWidth(string(prev)) != 2
	case unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp, unicode.Cs):
		// Format characters: bidi controls, zero-width characters, the BOM,
		// the soft hyphen, tags, invisible operators.
		return true
	case unicode.Is(unicode.Zs, r): // spaces that look like a space but are not one
		return true
	case unicode.Is(invisible, r):
		return true
	case !unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs):
		return true // not assigned in this Go's Unicode tables
	}
	return false
}

// invisible are characters drawn blank or not at all that are neither
// format characters nor spaces (Unicode's default-ignorable code points and
// the like).
var invisible = &unicode.RangeTable{
	R16: []unicode.Range16{
		{Lo: 0x034f, Hi: 0x034f, Stride: 1}, // combining grapheme joiner
		{Lo: 0x115f, Hi: 0x1160, Stride: 1}, // Hangul fillers
		{Lo: 0x17b4, Hi: 0x17b5, Stride: 1}, // Khmer inherent vowels
		{Lo: 0x180b, Hi: 0x180f, Stride: 1}, // Mongolian variation selectors
		{Lo: 0x2800, Hi: 0x2800, Stride: 1}, // Braille blank
		{Lo: 0x3164, Hi: 0x3164, Stride: 1}, // Hangul filler
		{Lo: 0xfe00, Hi: 0xfe0e, Stride: 1}, // variation selectors (FE0F: see marked)
		{Lo: 0xffa0, Hi: 0xffa0, Stride: 1}, // halfwidth Hangul filler
		{Lo: 0xfff0, Hi: 0xfff8, Stride: 1},
	},
	R32: []unicode.Range32{
		{Lo: 0x1bca0, Hi: 0x1bca3, Stride: 1}, // shorthand format controls
		{Lo: 0x1d173, Hi: 0x1d17a, Stride: 1}, // musical formatting
		{Lo: 0xe0000, Hi: 0xe0fff, Stride: 1}, // tags and variation selectors supplement
	},
}
