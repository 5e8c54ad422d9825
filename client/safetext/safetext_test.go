package safetext

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestCleanShowsEveryClassVisibly(t *testing.T) {
	for _, c := range []struct {
		name, in, want string
	}{
		{"plain text is kept", "Acme Platform", "Acme Platform"},
		{"OSC 52 clipboard write", "Evil\x1b]52;c;cm0gLXJmIH4=\x07", "Evil␛]52;c;cm0gLXJmIH4=␇"},
		{"OSC 52 ended by ST", "x\x1b]52;c;aGk=\x1b\\", "x␛]52;c;aGk=␛\\"},
		{"OSC 2 window title", "\x1b]2;pwned\x07ws", "␛]2;pwned␇ws"},
		{"OSC 8 hidden link", "\x1b]8;;https://evil.example\x1b\\dev@example.com\x1b]8;;\x1b\\", "␛]8;;https://evil.example␛\\dev@example.com␛]8;;␛\\"},
		{"CSI 2J screen clear", "a\x1b[2Jb", "a␛[2Jb"},
		{"SGR colour", "\x1b[31mred\x1b[0m", "␛[31mred␛[0m"},
		{"DCS, APC, PM, SOS", "\x1bPq\x1b\\\x1b_a\x1b\\\x1b^b\x1b\\\x1bXc\x1b\\", "␛Pq␛\\␛_a␛\\␛^b␛\\␛Xc␛\\"},
		{"8-bit C1 CSI as a character", "a\u009b31mb", "a⟨U+009B⟩31mb"},
		{"8-bit C1 OSC and ST", "\u009d52;c;x\u009c", "⟨U+009D⟩52;c;x⟨U+009C⟩"},
		{"8-bit CSI as a raw byte", "a\x9b2Jb", "a⟨0x9B⟩2Jb"},
		{"invalid UTF-8", "\xff\xfe", "⟨0xFF⟩⟨0xFE⟩"},
		{"other C0 controls", "a\x00b\tc\nd\re\x08", "a␀b␉c␊d␍e␈"},
		{"DEL", "a\x7fb", "a␡b"},
		{"bidi override", "evil\u202Etxt.exe", "evil⟨U+202E⟩txt.exe"},
		{"bidi embeddings and isolates", "\u202A\u202B\u202C\u202D\u2066\u2067\u2068\u2069", "⟨U+202A⟩⟨U+202B⟩⟨U+202C⟩⟨U+202D⟩⟨U+2066⟩⟨U+2067⟩⟨U+2068⟩⟨U+2069⟩"},
		{"bidi marks", "\u200E\u200F\u061C", "⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩"},
		{"zero-width space", "Acme\u200BPlatform", "Acme⟨U+200B⟩Platform"},
		{"zero-width joiners", "a\u200Cb\u200Dc", "a⟨U+200C⟩b⟨U+200D⟩c"},
		{"word joiner and BOM", "\u2060x\uFEFF", "⟨U+2060⟩x⟨U+FEFF⟩"},
		{"soft hyphen", "Ac\u00ADme", "Ac⟨U+00AD⟩me"},
		{"no-break space imitating a space", "Acme\u00A0Platform", "Acme⟨U+00A0⟩Platform"},
		{"line and paragraph separators", "a\u2028b\u2029c", "a⟨U+2028⟩b⟨U+2029⟩c"},
		{"Hangul filler", "a\u3164b", "a⟨U+3164⟩b"},
		{"tag characters", "a\U000E0041", "a⟨U+E0041⟩"},
		{"unassigned code point", "a\U0003FFFFb", "a⟨U+3FFFF⟩b"},
		{"lone variation selector", "Acme\uFE0F", "Acme⟨U+FE0F⟩"},
		{"wide characters kept", "東京ワークスペース", "東京ワークスペース"},
		{"emoji kept", "🚀 launch 🔥", "🚀 launch 🔥"},
		{"emoji presentation selector after an emoji kept", "🚀\uFE0F", "🚀\uFE0F"},
		{"accents kept", "Café São Paulo", "Café São Paulo"},
		{"right-to-left letters kept", "שלום مرحبا", "שלום مرحبا"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := Clean(c.in)
			if got != c.want {
				t.Errorf("Clean(%q) = %q, want %q", c.in, got, c.want)
			}
			assertSafe(t, got)
		})
	}
}

// Two names that differ only by an invisible character must not look alike.
func TestLookalikesDiffer(t *testing.T) {
	for _, evil := range []string{"Acme\u200BPlatform", "Acme\u00A0Platform", "Acme \u2060Platform", "Acme\u202E Platform", "Acme\u00AD Platform"} {
		if Clean(evil) == "Acme Platform" || ansi.StringWidth(Clean(evil)) == ansi.StringWidth("Acme Platform") {
			t.Errorf("%q is drawn like “Acme Platform”: %q", evil, Clean(evil))
		}
	}
}

func TestWidthIsWhatIsDrawn(t *testing.T) {
	for _, c := range []struct {
		in    string
		width int
	}{
		{"abc", 3},
		{"東京", 4},
		{"🚀x", 3},
		{"\x1b[2J", 4},      // ␛[2J
		{"a\u202Eb", 2 + 8}, // a⟨U+202E⟩b
		{"\x9b", len("0x9B") + 2},
	} {
		if got := ansi.StringWidth(Clean(c.in)); got != c.width {
			t.Errorf("width of Clean(%q) = %d (%q), want %d", c.in, got, Clean(c.in), c.width)
		}
	}
}

func TestFitCutsWithEllipsis(t *testing.T) {
	long := strings.Repeat("n", 255)
	if got := Fit(long, 20); ansi.StringWidth(got) != 20 || !strings.HasSuffix(got, "…") {
		t.Errorf("Fit of a 255-byte name to 20 = %q (width %d)", got, ansi.StringWidth(got))
	}
	if got := Fit("short", 20); got != "short" {
		t.Errorf("Fit(short) = %q", got)
	}
	if got := Fit("東京東京東京", 5); ansi.StringWidth(got) > 5 || !strings.HasSuffix(got, "…") {
		t.Errorf("Fit of wide text to 5 = %q (width %d)", got, ansi.StringWidth(got))
	}
	if got := Fit("\x1b]52;c;aGVsbG8gd29ybGQ=\x07", 8); strings.ContainsRune(got, 0x1b) || ansi.StringWidth(got) > 8 {
		t.Errorf("Fit of an escape = %q", got)
	}
	if got := Fit("x", 0); got != "" {
		t.Errorf("Fit to 0 = %q", got)
	}
}

func TestFrameKeepsOnlyColoursAndLineBreaks(t *testing.T) {
	in := "\x1b[1;38;2;1;2;3mtitle\x1b[0m\nname \x1b]52;c;aGk=\x07 \x1b[2J\u202E\x1b[31"
	want := "\x1b[1;38;2;1;2;3mtitle\x1b[0m\nname ␛]52;c;aGk=␇ ␛[2J⟨U+202E⟩␛[31"
	if got := Frame(in); got != want {
		t.Errorf("Frame = %q, want %q", got, want)
	}
}

func TestTypeableLeavesOutWhatIsMarked(t *testing.T) {
	if got := Typeable("Evil\x1b]52;c;aGk=\x07\u202E x\x9b"); got != "Evil]52;c;aGk= x" {
		t.Errorf("Typeable = %q", got)
	}
	if got := Typeable("東京 🚀"); got != "東京 🚀" {
		t.Errorf("Typeable = %q", got)
	}
}

// assertSafe fails when s holds anything a terminal would act on or that a
// reader could not see.
func assertSafe(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("not UTF-8: %q", s)
	}
	prev := rune(-1)
	for _, r := range s {
		switch {
		case unicode.IsControl(r):
			t.Fatalf("control character %U in %q", r, s)
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			t.Fatalf("bidi control %U in %q", r, s)
		case unicode.Is(unicode.Cf, r), r >= 0x200b && r <= 0x200f, r == 0x2060, r == 0xfeff:
			t.Fatalf("invisible character %U in %q", r, s)
		case r == 0xfe0f && ansi.StringWidth(string(prev)) != 2:
			t.Fatalf("variation selector after %q in %q", prev, s)
		}
		prev = r
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Acme", "Evil\x1b]52;c;aGk=\x07", "\u009b2J", "\x9b", "a\u202Eb", "🚀\uFE0F", "東京", "\xff"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		c := Clean(s)
		assertSafe(t, c)
		if Clean(c) != c {
			t.Fatalf("Clean is not stable: %q → %q → %q", s, c, Clean(c))
		}
		assertSafe(t, Typeable(s))
		w := width % 300
		if w < 0 {
			w = -w
		}
		fit := Fit(s, w)
		assertSafe(t, fit)
		if ansi.StringWidth(fit) > w {
			t.Fatalf("Fit(%q, %d) = %q is %d wide", s, w, fit, ansi.StringWidth(fit))
		}
		fr := Frame(s)
		if !utf8.ValidString(fr) {
			t.Fatalf("Frame not UTF-8: %q", fr)
		}
		for i := 0; i < len(fr); i++ {
			if fr[i] == 0x1b && sgrLen(fr[i:]) == 0 {
				t.Fatalf("Frame(%q) = %q keeps an escape that is not a colour", s, fr)
			}
		}
		for _, r := range fr {
			if (unicode.IsControl(r) && r != '\n' && r != 0x1b) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069) {
				t.Fatalf("Frame(%q) = %q holds %U", s, fr, r)
			}
		}
	})
}
