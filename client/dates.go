package client

import "time"

// DateLayout is how the platform's dates are typed and shown: a UTC day.
const DateLayout = "2006-01-02"

// Day returns 00:00:00 UTC of t's UTC calendar day. The platform's dates
// (token expiries, dashboard ranges) are UTC days, whatever the terminal's
// time zone.
func Day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}
