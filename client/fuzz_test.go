package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// fuzzCalls are the call shapes whose answers differ in classification.
var fuzzCalls = []call{
	{op: "list workspaces", svc: ServiceCore, method: http.MethodGet, auth: true},
	{op: "get workspace", svc: ServiceCore, method: http.MethodGet, auth: true, protected: true},
	{op: "invite workspace member", svc: ServiceCore, method: http.MethodPost, auth: true, protected: true, conflictOn500: true},
	{op: "log in", svc: ServiceAuth, method: http.MethodPost},
	{op: "upload analysis", svc: ServiceAPI, method: http.MethodPost},
}

// FuzzDecodeAnswer feeds arbitrary status codes and bodies to the answer
// decoding: it must never panic, and every failure must be a classified
// *Error with a printable message.
func FuzzDecodeAnswer(f *testing.F) {
	for _, seed := range []struct {
		status int
		body   string
	}{
		{204, ""},
		{200, env(200, []any{map[string]any{"name": "w"}})},
		{201, env(201, "3c7778f3-1169-4a4f-87fd-341bc5ea51f4")},
		{404, "404 page not found\n"},
		{405, ""},
		{500, env(500, generic500) + env(200, []any{})},
		{401, env(401, "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action")},
		{502, "<html><body>Bad Gateway</body></html>"},
		{200, `{"code":200,"content":[{"name":`},
		{201, `{"content":"\ud83d\ude00\u0000\"","content":"x"}`},
	} {
		f.Add(seed.status, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 0 {
			status = -status
		}
		status = 100 + status%500
		for _, c := range fuzzCalls {
			if status >= 200 && status < 300 {
				checkSuccess(t, c, status, body)
				continue
			}
			e := platformError(c, status, bytes.Clone(body))
			checkError(t, e)
		}
	})
}

func checkSuccess(t *testing.T, c call, status int, body []byte) {
	for _, out := range []any{new([]Workspace), new(Workspace), new(Dashboard), new(string), new(Session)} {
		err := decodeContent(c, &answer{status: status, body: bytes.Clone(body)}, out)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Kind != KindServer {
				t.Fatalf("decode into %T: %v (%T), want a KindServer *Error", out, err, err)
			}
			checkError(t, e)
		}
	}
	a := &answer{status: status, body: bytes.Clone(body)}
	s, err := decodeSecret(c, a)
	if !bytes.Equal(a.body, make([]byte, len(a.body))) {
		t.Fatal("answer not wiped after reading a token")
	}
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || e.Kind != KindServer {
			t.Fatalf("secret: %v (%T)", err, err)
		}
		checkError(t, e)
		return
	}
	// Agreement with encoding/json on what the token is.
	var ref struct {
		Content *string `json:"content"`
	}
	if json.Unmarshal(firstValue(body), &ref) != nil || ref.Content == nil || string(s.Bytes()) != *ref.Content {
		t.Fatalf("secret %q disagrees with encoding/json on %q", s.Bytes(), body)
	}
}

func checkError(t *testing.T, e *Error) {
	if e.Kind == KindUnknown || e.Op == "" || e.Message == "" {
		t.Fatalf("unclassified or empty error %+v", e)
	}
	if !utf8.ValidString(e.Message) || strings.IndexFunc(e.Message, unicode.IsControl) >= 0 {
		t.Fatalf("unprintable message %q", e.Message)
	}
	if utf8.RuneCountInString(e.Message) > maxMessage+1 {
		t.Fatalf("message of %d runes", utf8.RuneCountInString(e.Message))
	}
	if !strings.HasPrefix(e.Error(), e.Op+": ") {
		t.Fatalf("Error() = %q", e.Error())
	}
}

// FuzzParseJSONString checks the hand-written string decoder against
// encoding/json on every input encoding/json accepts as a string.
func FuzzParseJSONString(f *testing.F) {
	for _, s := range []string{`""`, `"abc"`, `"a\"b\\c\/d"`, `"\u00e9\ud83d\ude00"`, `"\ud800"`, `"\ud800\u0041"`,
		`"\b\f\n\r\t"`, `"é"`, `"\x"`, `"`, `"a`, `"\u12"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		got, err := parseJSONString(in)
		var want string
		jerr := json.Unmarshal(in, &want)
		if err == nil && cap(got) > len(in) {
			t.Fatalf("allocated %d bytes for a %d-byte literal", cap(got), len(in))
		}
		switch {
		case jerr == nil && utf8.Valid(in):
			if err != nil || string(got) != want {
				t.Fatalf("parse %q = %q, %v; encoding/json says %q", in, got, err, want)
			}
		case jerr != nil:
			if err == nil {
				t.Fatalf("parse %q accepted what encoding/json refuses (%v): %q", in, jerr, got)
			}
		}
	})
}
