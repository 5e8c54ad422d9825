package expiry

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestParse(t *testing.T) {
	now := at("2026-03-10T15:04:05Z")
	tests := []struct {
		in    string
		never bool
		date  string
	}{
		{"never", true, ""},
		{" Never ", true, ""},
		{"7d", false, "2026-03-17"},
		{"30d", false, "2026-04-09"},
		{"90d", false, "2026-06-08"},
		{"1y", false, "2027-03-10"},
		{"2w", false, "2026-03-24"},
		{"1d", false, "2026-03-11"},
		{"2026-03-11", false, "2026-03-11"},
		{"2030-01-31", false, "2030-01-31"},
	}
	for _, tt := range tests {
		e, err := Parse(tt.in, now)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if e.Never != tt.never {
			t.Errorf("Parse(%q).Never = %v", tt.in, e.Never)
		}
		if !tt.never && e.Date.Format(client.DateLayout) != tt.date {
			t.Errorf("Parse(%q) = %s, want %s", tt.in, e.Date.Format(client.DateLayout), tt.date)
		}
		if !tt.never && (e.Date.Location() != time.UTC || e.Date.Hour() != 0 || e.Date.Minute() != 0 || e.Date.Second() != 0) {
			t.Errorf("Parse(%q) = %v, want 00:00:00 UTC", tt.in, e.Date)
		}
	}
}

func TestParseRefuses(t *testing.T) {
	now := at("2026-03-10T15:04:05Z")
	for _, in := range []string{"", "0d", "-3d", "d", "5", "30x", "tomorrow", "2026-02-30", "2026-3-5", "10/03/2027", "2026-03-10", "2026-03-09", "0y", "10000-01-01"} {
		if _, err := Parse(in, now); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}

func TestTodayRefusedTomorrowAllowed(t *testing.T) {
	now := at("2026-03-10T00:00:00Z")
	if _, err := Parse("2026-03-10", now); !errors.Is(err, ErrPast) {
		t.Errorf("today: err = %v, want ErrPast", err)
	}
	if _, err := Parse("2026-03-11", now); err != nil {
		t.Errorf("tomorrow refused: %v", err)
	}
	// The last second of the UTC day: tomorrow is still allowed.
	if _, err := Parse("2026-03-11", at("2026-03-10T23:59:59Z")); err != nil {
		t.Errorf("tomorrow at 23:59:59Z refused: %v", err)
	}
}

func TestUTCEdges(t *testing.T) {
	// 22:00 on 10 March in New York is already 11 March in UTC: the 11th
	// would expire at once, so the earliest is the 12th.
	ny := time.FixedZone("EST", -5*3600)
	now := time.Date(2026, 3, 10, 22, 0, 0, 0, ny)
	if got := Earliest(now).Format(client.DateLayout); got != "2026-03-12" {
		t.Errorf("Earliest = %s, want 2026-03-12", got)
	}
	if _, err := Parse("2026-03-11", now); err == nil {
		t.Error("a date that is today in UTC was accepted")
	}
	if e, _ := Parse("1d", now); e.Date.Format(client.DateLayout) != "2026-03-12" {
		t.Errorf("1d = %s, want 2026-03-12", e.Date.Format(client.DateLayout))
	}
	// 01:00 on 11 March in Tokyo is still 10 March in UTC.
	tokyo := time.FixedZone("JST", 9*3600)
	now = time.Date(2026, 3, 11, 1, 0, 0, 0, tokyo)
	if got := Earliest(now).Format(client.DateLayout); got != "2026-03-11" {
		t.Errorf("Earliest = %s, want 2026-03-11", got)
	}
}

func TestTokenData(t *testing.T) {
	d := Never().TokenData("ci")
	b, _ := json.Marshal(d)
	if string(b) != `{"description":"ci"}` {
		t.Errorf("never body = %s", b)
	}
	e, err := Parse("2030-01-31", at("2026-03-10T15:04:05Z"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(e.TokenData("ci"))
	if string(b) != `{"description":"ci","isExpirable":true,"expiresAt":"2030-01-31T00:00:00Z"}` {
		t.Errorf("dated body = %s", b)
	}
}

func token(expirable bool, expires string) client.Token {
	tk := client.Token{IsExpirable: expirable}
	if expires != "" {
		tk.ExpiresAt = at(expires)
	}
	return tk
}

func TestStatus(t *testing.T) {
	now := at("2026-03-10T15:00:00Z")
	tests := []struct {
		name  string
		tok   client.Token
		state State
		days  int
		text  string
	}{
		{"not expirable", token(false, "0001-01-01T00:00:00Z"), StateNever, 0, "never"},
		{"zero time", token(true, "0001-01-01T00:00:00Z"), StateNever, 0, "never"},
		{"expired yesterday", token(true, "2026-03-09T00:00:00Z"), StateExpired, 0, "expired 2026-03-09"},
		{"expired at 00:00 today", token(true, "2026-03-10T00:00:00Z"), StateExpired, 0, "expired 2026-03-10"},
		{"ends tonight", token(true, "2026-03-11T00:00:00Z"), StateExpiring, 1, "expires in 1 day"},
		{"seven days", token(true, "2026-03-17T00:00:00Z"), StateExpiring, 7, "expires in 7 days"},
		{"eight days", token(true, "2026-03-18T00:00:00Z"), StateValid, 8, "2026-03-18"},
		{"far", token(true, "2030-01-31T00:00:00Z"), StateValid, 1423, "2030-01-31"},
	}
	for _, tt := range tests {
		st, days := Status(tt.tok, now)
		if st != tt.state || days != tt.days {
			t.Errorf("%s: Status = %v, %d; want %v, %d", tt.name, st, days, tt.state, tt.days)
		}
		if got := Describe(tt.tok, now); got != tt.text {
			t.Errorf("%s: Describe = %q, want %q", tt.name, got, tt.text)
		}
	}
}

func TestStatusAtMidnight(t *testing.T) {
	tok := token(true, "2026-03-11T00:00:00Z")
	if st, _ := Status(tok, at("2026-03-10T23:59:59Z")); st != StateExpiring {
		t.Errorf("one second before: %v", st)
	}
	if st, _ := Status(tok, at("2026-03-11T00:00:00Z")); st != StateExpired {
		t.Errorf("at 00:00 UTC: %v", st)
	}
}

func TestParseErrorsSayWhatToType(t *testing.T) {
	_, err := Parse("soon", time.Now())
	if err == nil || !strings.Contains(err.Error(), "YYYY-MM-DD") {
		t.Errorf("err = %v", err)
	}
}

func TestDateAndState(t *testing.T) {
	now := at("2026-03-10T15:04:05Z")
	for _, tc := range []struct {
		tok         client.Token
		date, state string
	}{
		{client.Token{}, "never", "active"},
		{client.Token{IsExpirable: true, ExpiresAt: at("2026-03-11T00:00:00Z")}, "2026-03-11", "expires in 1 day"},
		{client.Token{IsExpirable: true, ExpiresAt: at("2026-03-14T00:00:00Z")}, "2026-03-14", "expires in 4 days"},
		{client.Token{IsExpirable: true, ExpiresAt: at("2027-01-01T00:00:00Z")}, "2027-01-01", "active"},
		{client.Token{IsExpirable: true, ExpiresAt: at("2026-03-10T00:00:00Z")}, "2026-03-10", "expired"},
	} {
		d, s := DateAndState(tc.tok, now)
		if d != tc.date || s != tc.state {
			t.Errorf("%v: %q %q, want %q %q", tc.tok.ExpiresAt, d, s, tc.date, tc.state)
		}
	}
}
