package client

import (
	"strings"
	"testing"
)

const (
	idManager = "00000000-0000-4000-8000-00000000000a"
	idBob     = "00000000-0000-4000-8000-00000000000b"
)

func TestCheckEmail(t *testing.T) {
	good := []string{"ann@example.com", "a.b+tag@sub.example.io", "x_y@host-name.dev", "  padded@example.com  "}
	for _, s := range good {
		if msg := CheckEmail(s); msg != "" {
			t.Errorf("CheckEmail(%q) = %q, want accepted", s, msg)
		}
	}
	bad := map[string]string{
		"":                                "Enter",
		"ann":                             "exactly one @",
		"ann@":                            "domain",
		"@example.com":                    "before the @",
		"ann@example":                     "domain",
		"ann@@example.com":                "exactly one @",
		"ann smith@example.com":           "no spaces",
		"ann@exa..mple.com":               "not valid",
		"ann@-example.com":                "not valid",
		"Ann <ann@example.com>":           "no spaces",
		"ann@example.com.":                "not valid",
		"a\"b@example.com":                "not a valid",
		strings.Repeat("a", 65) + "@x.io": "64",
		"ann@" + strings.Repeat("b", 252) + ".io": "255",
	}
	for s, want := range bad {
		msg := CheckEmail(s)
		if msg == "" || !strings.Contains(msg, want) {
			t.Errorf("CheckEmail(%q) = %q, want a message with %q", s, msg, want)
		}
	}
}

func TestIsMe(t *testing.T) {
	s := &Session{AccountID: idManager, Email: "manager@example.com", Username: "manager"}
	cases := []struct {
		mem  Member
		want bool
	}{
		{Member{AccountID: idManager, Email: "other@example.com"}, true},
		{Member{AccountID: idBob, Email: "manager@example.com"}, false}, // ids decide when both exist
		{Member{Email: "MANAGER@example.com"}, true},                    // no id: the e-mail, any case
		{Member{Email: "bob@example.com"}, false},
	}
	for _, c := range cases {
		if got := s.IsMe(c.mem); got != c.want {
			t.Errorf("IsMe(%+v) = %v, want %v", c.mem, got, c.want)
		}
	}
	if (&Session{Email: "manager@example.com"}).IsMe(Member{AccountID: idManager, Email: "manager@example.com"}) != true {
		t.Error("a session without an id is matched by e-mail")
	}
	if (*Session)(nil).IsMe(Member{AccountID: idManager}) {
		t.Error("no session matches no one")
	}
}
