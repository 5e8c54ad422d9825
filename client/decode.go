package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/horusec-tui/horusec-tui/client/safetext"
)

// maxMessage bounds a platform message kept in an Error.
const maxMessage = 500

// firstValue returns the first JSON value in b, or nil when b holds only
// white space. It only finds the value's end; json.Unmarshal validates it.
// Taking the first value copes with the doubled envelope some handlers
// write (a 500 envelope followed by a 200 one in the same body).
func firstValue(b []byte) []byte {
	i := 0
	for i < len(b) && isSpace(b[i]) {
		i++
	}
	if i == len(b) {
		return nil
	}
	start := i
	switch b[i] {
	case '{', '[':
		depth, inStr := 0, false
		for ; i < len(b); i++ {
			ch := b[i]
			if inStr {
				switch ch {
				case '\\':
					i++
				case '"':
					inStr = false
				}
				continue
			}
			switch ch {
			case '"':
				inStr = true
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return b[start : i+1]
				}
			}
		}
		return b[start:]
	case '"':
		for i++; i < len(b); i++ {
			switch b[i] {
			case '\\':
				i++
			case '"':
				return b[start : i+1]
			}
		}
		return b[start:]
	default:
		for i < len(b) && !isSpace(b[i]) && !strings.ContainsRune(`{}[]",`, rune(b[i])) {
			i++
		}
		if i == start {
			i++ // a stray delimiter: hand it on so that it is refused, never an empty value
		}
		return b[start:i]
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func looksHTML(b []byte) bool {
	b = bytes.TrimSpace(b)
	return len(b) > 0 && b[0] == '<'
}

// decodeContent puts the envelope's content of a 2xx answer into out (a
// pointer). An absent or null content is fine for a list (nil slice) and a
// malformed answer for anything else.
func decodeContent(c call, a *answer, out any) error {
	v := firstValue(a.body)
	if v == nil || v[0] != '{' {
		return malformed(c, a, nil)
	}
	var env envelope
	if err := json.Unmarshal(v, &env); err != nil {
		return malformed(c, a, err)
	}
	if len(env.Content) == 0 || bytes.Equal(env.Content, []byte("null")) {
		if t := reflect.TypeOf(out); t != nil && t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Slice {
			return nil
		}
		return &Error{Kind: KindServer, Op: c.op, Method: c.method, URL: a.url, Status: a.status,
			Message: fmt.Sprintf("the %s service sent an answer without content", c.svc)}
	}
	if err := json.Unmarshal(env.Content, out); err != nil {
		return malformed(c, a, err)
	}
	return nil
}

func malformed(c call, a *answer, err error) *Error {
	msg := fmt.Sprintf("the %s service sent a malformed answer", c.svc)
	switch {
	case len(bytes.TrimSpace(a.body)) == 0:
		msg = fmt.Sprintf("the %s service sent an empty answer", c.svc)
	case looksHTML(a.body):
		msg = fmt.Sprintf("the %s service answered with an HTML page, not the platform's API (is its URL right?)", c.svc)
	case firstValue(a.body)[0] != '{' && firstValue(a.body)[0] != '[':
		msg = fmt.Sprintf("the %s service sent an answer that is not JSON", c.svc)
	}
	return &Error{Kind: KindServer, Op: c.op, Method: c.method, URL: a.url, Status: a.status, Message: msg, Err: err}
}

// decodeSecret reads a bare JSON string content (a created token) straight
// into a new byte slice, never through a Go string, and wipes the answer.
func decodeSecret(c call, a *answer) (*Secret, error) {
	defer a.wipe()
	v := firstValue(a.body)
	if v == nil || v[0] != '{' {
		return nil, malformed(c, a, nil)
	}
	var env struct {
		Content secretLiteral `json:"content"`
	}
	if err := json.Unmarshal(v, &env); err != nil {
		env.Content.wipe()
		return nil, malformed(c, a, err)
	}
	if env.Content.b == nil {
		return nil, &Error{Kind: KindServer, Op: c.op, Method: c.method, URL: a.url, Status: a.status,
			Message: fmt.Sprintf("the %s service sent no token", c.svc)}
	}
	return NewSecret(env.Content.b), nil
}

// secretLiteral decodes a JSON string from the bytes encoding/json hands
// over (a window on the answer itself, no copy).
type secretLiteral struct{ b []byte }

func (s *secretLiteral) UnmarshalJSON(data []byte) error {
	s.wipe() // a repeated key must not leave the first copy behind
	if bytes.Equal(data, []byte("null")) {
		return nil
	}
	b, err := parseJSONString(data)
	if err != nil {
		return err
	}
	s.b = b
	return nil
}

func (s *secretLiteral) wipe() {
	clear(s.b)
	s.b = nil
}

var errNotString = errors.New("not a JSON string")

// parseJSONString decodes one JSON string literal (quotes included). The
// result never needs more room than the literal, so it is allocated once and
// no stray copy is left by a reallocation.
func parseJSONString(data []byte) ([]byte, error) {
	data = bytes.TrimFunc(data, func(r rune) bool { return r < utf8.RuneSelf && isSpace(byte(r)) })
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return nil, errNotString
	}
	in := data[1 : len(data)-1]
	out := make([]byte, 0, len(in))
	fail := func(msg string) ([]byte, error) {
		clear(out[:cap(out)])
		return nil, errors.New(msg)
	}
	for i := 0; i < len(in); {
		ch := in[i]
		switch {
		case ch == '"':
			return fail("unescaped quote in a JSON string")
		case ch < 0x20:
			return fail("control character in a JSON string")
		case ch >= utf8.RuneSelf:
			r, n := utf8.DecodeRune(in[i:])
			if r == utf8.RuneError && n == 1 {
				return fail("invalid UTF-8 in a JSON string")
			}
			out = append(out, in[i:i+n]...)
			i += n
			continue
		case ch != '\\':
			out = append(out, ch)
			i++
			continue
		}
		// An escape.
		if i+1 >= len(in) {
			return fail("truncated escape in a JSON string")
		}
		e := in[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			out = append(out, e)
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r, ok := hex4(in[i:])
			if !ok {
				return fail("bad \\u escape in a JSON string")
			}
			i += 4
			if utf16.IsSurrogate(r) {
				// A valid pair makes one rune; anything else is U+FFFD, as
				// encoding/json does.
				if r2, ok := hex4(after(in, i, `\u`)); ok {
					if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
						r = dec
						i += 6
					} else {
						r = unicode.ReplacementChar
					}
				} else {
					r = unicode.ReplacementChar
				}
			}
			out = utf8.AppendRune(out, r)
		default:
			return fail("bad escape in a JSON string")
		}
	}
	return out, nil
}

// after returns in[i+len(prefix):] when in[i:] starts with prefix.
func after(in []byte, i int, prefix string) []byte {
	if i > len(in) || !bytes.HasPrefix(in[i:], []byte(prefix)) {
		return nil
	}
	return in[i+len(prefix):]
}

func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// platformError turns a non-2xx answer into an *Error carrying the
// platform's own message.
func platformError(c call, status int, body []byte) *Error {
	msg := answerMessage(status, body)
	r := refusalOf(msg)
	e := &Error{Kind: classify(c, status, r), Op: c.op, Status: status, Message: msg, Refusal: r}
	if e.Kind == KindValidation {
		e.Fields = fieldsOf(msg)
	}
	return e
}

// answerMessage extracts the text of an error answer: the envelope's
// content, a plain-text body, or the status text when there is none.
func answerMessage(status int, body []byte) string {
	if m := bodyMessage(status, body); m != "" {
		return m
	}
	return statusText(status)
}

func bodyMessage(status int, body []byte) string {
	trimmed := bytes.TrimSpace(body)
	if v := firstValue(trimmed); v != nil && v[0] == '{' {
		var env envelope
		if json.Unmarshal(v, &env) == nil {
			var s string
			switch {
			case len(env.Content) > 0 && json.Unmarshal(env.Content, &s) == nil && s != "":
				return sanitize(s)
			case len(env.Content) > 0 && !bytes.Equal(env.Content, []byte("null")):
				return sanitize(string(env.Content))
			case env.Status != "":
				return sanitize(env.Status)
			}
			return statusText(status)
		}
	}
	switch {
	case len(trimmed) == 0:
		return statusText(status)
	case looksHTML(trimmed):
		return fmt.Sprintf("an HTML page instead of the platform's answer (%s)", statusText(status))
	}
	return sanitize(string(trimmed))
}

func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return strings.ToLower(t)
	}
	return fmt.Sprintf("HTTP status %d", status)
}

// sanitize keeps a server-sent text to one line of bounded length and
// passes it through safetext.Clean, the one cleaning function: escape
// sequences and other controls stay visible (␛, ⟨U+202E⟩) rather than
// reaching a terminal or vanishing.
func sanitize(s string) string {
	s = strings.TrimSpace(s)
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ").Replace(s)
	s = safetext.Clean(s)
	if utf8.RuneCountInString(s) > maxMessage {
		s = string([]rune(s)[:maxMessage]) + "…"
	}
	return s
}

// classify maps a refused call onto a Kind, following the platform's habits
// (401 for a too-low role, 500 for no access at all, and so on).
func classify(c call, status int, r RefusalCode) Kind {
	switch {
	case status == http.StatusUnauthorized && r == RefusalNoPrivileges:
		return KindForbidden
	case (status == http.StatusBadRequest || status == http.StatusUnauthorized) && r.session():
		return KindUnauthenticated
	case status == http.StatusUnauthorized:
		if c.svc == ServiceAPI {
			return KindForbidden // the upload token was refused, not the session
		}
		return KindUnauthenticated
	case status == http.StatusForbidden:
		if c.svc == ServiceAuth {
			return KindUnauthenticated // wrong credentials, unconfirmed e-mail
		}
		return KindForbidden
	case status == http.StatusBadRequest:
		if r.inUse() {
			return KindConflict
		}
		return KindValidation
	case status == http.StatusNotFound, status == http.StatusMethodNotAllowed:
		return KindNotFound
	case status == http.StatusConflict:
		return KindConflict
	case status == http.StatusInternalServerError && c.conflictOn500:
		return KindConflict
	case status == http.StatusInternalServerError && c.protected:
		return KindNoAccess
	case status >= 500:
		return KindServer
	case status >= 400:
		return KindValidation
	}
	return KindServer
}

// tokenExpired reports an answer that a refreshed session would fix.
func tokenExpired(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindUnauthenticated && e.Status != 0 &&
		e.Refusal == RefusalSessionExpired
}
