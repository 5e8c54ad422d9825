package client

import (
	"strings"
	"testing"
)

// A platform's refusal is kept on one line and shown through safetext: the
// escapes and the bidi override stay visible instead of vanishing.
func TestPlatformMessageShowsItsEscapes(t *testing.T) {
	body := []byte("{\"code\":400,\"status\":\"Bad Request\",\"content\":\"name \\u001b]52;c;aGk=\\u0007taken\\n\\u202eevil\"}")
	msg := answerMessage(400, body)
	for _, want := range []string{"␛]52;c;aGk=␇taken", "⟨U+202E⟩evil"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if strings.ContainsAny(msg, "\x1b\x07\n\u202e") {
		t.Errorf("message %q holds a raw control", msg)
	}
}
