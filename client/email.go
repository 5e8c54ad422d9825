package client

import (
	"net/mail"
	"sort"
	"strings"
	"unicode"
)

// CheckEmail returns "" when s looks like an address the platform accepts
// (it checks the format itself, 1–255 characters), else what is wrong. It
// catches typos before a request is sent; the platform still decides.
func CheckEmail(s string) string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "Enter the person's e-mail address."
	case len(s) > 255:
		return "An e-mail address has at most 255 characters."
	case strings.IndexFunc(s, unicode.IsSpace) >= 0:
		return "An e-mail address has no spaces."
	case strings.Count(s, "@") != 1:
		return "An e-mail address has exactly one @, like name@example.com."
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	if local == "" {
		return "Something must come before the @, like name@example.com."
	}
	if len(local) > 64 {
		return "The part before the @ has at most 64 characters."
	}
	if domain == "" || !strings.Contains(domain, ".") {
		return "The part after the @ must be a domain, like example.com."
	}
	for _, label := range strings.Split(domain, ".") {
		if label == "" || strings.HasPrefix(label, "-") || strings.HasSuffix(label, "-") {
			return "The domain " + domain + " is not valid."
		}
	}
	// net/mail knows the rest of RFC 5322 (quotes, dots, odd characters);
	// a display name ("Ann <ann@x.io>") is not an address.
	if a, err := mail.ParseAddress(s); err != nil || a.Address != s || a.Name != "" {
		return "This is not a valid e-mail address."
	}
	return ""
}

// SameEmail compares addresses the way people expect: case and the spaces
// around them do not matter.
func SameEmail(a, b string) bool {
	return a != "" && strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b))
}

// IsMe reports whether m is the logged-in user: by account id when both
// sides have one; where the platform gave the session none (LDAP logins
// answer the zero UUID, horusec-api.md §15) by the session's username,
// else its e-mail, in any case.
func (s *Session) IsMe(m Member) bool {
	if s == nil {
		return false
	}
	if knownID(s.AccountID) && knownID(m.AccountID) {
		return s.AccountID == m.AccountID
	}
	if s.Username != "" && m.Username != "" {
		return strings.EqualFold(s.Username, m.Username)
	}
	return s.Email != "" && SameEmail(s.Email, m.Email)
}

// SortMembers orders members by username, then e-mail, in any case.
func SortMembers(list []Member) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := strings.ToLower(list[i].Username), strings.ToLower(list[j].Username)
		if a != b {
			return a < b
		}
		return strings.ToLower(list[i].Email) < strings.ToLower(list[j].Email)
	})
}
