// Package expiry is when a token stops working, in the platform's terms:
// never, or at 00:00 UTC of a date (the platform keeps only the date). The
// create form and the `token` command parse and check expiries here, and
// the Tokens tab describes a listed token's expiry with it.
package expiry

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
)

// WarnDays: a token with this many days left or fewer is shown as expiring
// soon.
const WarnDays = 7

// maxYear keeps typed dates inside what the platform's DATE column and
// RFC 3339 can hold.
const maxYear = 9999

// Expiry is a token's expiry: Never, or the start (00:00 UTC) of Date.
type Expiry struct {
	Never bool
	Date  time.Time // 00:00:00 UTC of the day the token stops working
}

// Never is an expiry that does not come.
func Never() Expiry { return Expiry{Never: true} }

// On is an expiry at 00:00 UTC of t's calendar day (t's own date, read in
// UTC).
func On(t time.Time) Expiry { return Expiry{Date: client.Day(t)} }

// Earliest is the first date a new token may expire on: tomorrow in UTC.
// A token expiring later today would pass the platform's create check but
// its api service refuses it at once, since it keeps only the date.
func Earliest(now time.Time) time.Time { return client.Day(now).AddDate(0, 0, 1) }

// Preset is one of the form's ready-made choices.
type Preset struct {
	Value string // what `--expires` accepts too: never, 7d, 30d, 90d, 1y
	Label string
}

// Presets are the expiries offered without typing a date.
var Presets = []Preset{
	{"never", "Never"},
	{"7d", "7 days"},
	{"30d", "30 days"},
	{"90d", "90 days"},
	{"1y", "1 year"},
}

// ErrPast is returned for a date before Earliest.
var ErrPast = errors.New("the date must be from tomorrow (UTC) on")

// Parse reads an expiry: "never", a duration in days, weeks or years
// counted from today in UTC ("30d", "2w", "1y"), or a date YYYY-MM-DD. A
// date must be from tomorrow (UTC) on.
func Parse(s string, now time.Time) (Expiry, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "":
		return Expiry{}, errors.New("say when the token expires: never, a number of days (30d), years (1y) or a date YYYY-MM-DD")
	case "never", "none":
		return Never(), nil
	}
	if strings.Count(s, "-") == 2 {
		d, err := ParseDate(s)
		if err != nil {
			return Expiry{}, err
		}
		e := Expiry{Date: d}
		return e, e.Check(now)
	}
	unit := s[len(s)-1]
	n, err := strconv.Atoi(s[:len(s)-1])
	if err != nil || n < 1 || n > 100*366 || !strings.ContainsRune("dwy", rune(unit)) {
		return Expiry{}, fmt.Errorf("%q is not an expiry: use never, a number of days (30d), weeks (2w), years (1y) or a date YYYY-MM-DD", s)
	}
	today := client.Day(now)
	var d time.Time
	switch unit {
	case 'd':
		d = today.AddDate(0, 0, n)
	case 'w':
		d = today.AddDate(0, 0, 7*n)
	case 'y':
		d = today.AddDate(n, 0, 0)
	}
	e := Expiry{Date: d}
	return e, e.Check(now)
}

// ParseDate reads a date typed as YYYY-MM-DD as that day at 00:00 UTC.
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	t, err := time.ParseInLocation(client.DateLayout, s, time.UTC)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date: type it as YYYY-MM-DD", s)
	}
	return t, nil
}

// Check reports whether a new token may have this expiry at now.
func (e Expiry) Check(now time.Time) error {
	if e.Never {
		return nil
	}
	if e.Date.IsZero() {
		return errors.New("no expiry date")
	}
	if client.Day(e.Date).Before(Earliest(now)) {
		return fmt.Errorf("%w: the earliest is %s", ErrPast, Earliest(now).Format(client.DateLayout))
	}
	if e.Date.Year() > maxYear {
		return fmt.Errorf("the date must be before the year %d", maxYear+1)
	}
	return nil
}

// TokenData is the creation body for this expiry: no expiry fields for a
// token that never expires (as the manager web UI sends it), else
// isExpirable and expiresAt at 00:00:00Z of the date.
func (e Expiry) TokenData(description string) client.TokenData {
	d := client.TokenData{Description: description}
	if !e.Never {
		at := client.Day(e.Date)
		d.IsExpirable = true
		d.ExpiresAt = &at
	}
	return d
}

// String is "never" or the date.
func (e Expiry) String() string {
	if e.Never {
		return "never"
	}
	return e.Date.Format(client.DateLayout)
}

// State is how close a listed token is to its expiry.
type State int

const (
	StateNever    State = iota // does not expire
	StateValid                 // more than WarnDays days left
	StateExpiring              // WarnDays days left or fewer
	StateExpired               // stopped working
)

// Status describes a listed token's expiry at now: its state and the whole
// UTC days left until it stops working (0 once expired).
func Status(t client.Token, now time.Time) (State, int) {
	if !t.IsExpirable || t.ExpiresAt.IsZero() || t.ExpiresAt.Year() <= 1 {
		return StateNever, 0
	}
	end := client.Day(t.ExpiresAt)
	if !now.Before(end) {
		return StateExpired, 0
	}
	days := int(end.Sub(client.Day(now)).Hours() / 24)
	if days <= WarnDays {
		return StateExpiring, days
	}
	return StateValid, days
}

// DateAndState is a listed token's expiry in two columns: its date (or
// "never") and its state ("active", "expires in N days", "expired").
func DateAndState(t client.Token, now time.Time) (date, state string) {
	st, days := Status(t, now)
	date, state = "never", "active"
	if st != StateNever {
		date = client.Day(t.ExpiresAt).Format(client.DateLayout)
	}
	switch st {
	case StateExpired:
		state = "expired"
	case StateExpiring:
		state = inDays(days)
	}
	return date, state
}

func inDays(days int) string {
	if days == 1 {
		return "expires in 1 day"
	}
	return fmt.Sprintf("expires in %d days", days)
}

// Describe is the Expires column of a listed token: "never", the date,
// "expires in N days" or "expired".
func Describe(t client.Token, now time.Time) string {
	st, days := Status(t, now)
	switch st {
	case StateNever:
		return "never"
	case StateExpired:
		return "expired " + client.Day(t.ExpiresAt).Format(client.DateLayout)
	case StateExpiring:
		return inDays(days)
	default:
		return client.Day(t.ExpiresAt).Format(client.DateLayout)
	}
}
