// Package period is the dashboard's periods, as the web manager offers
// them, and the UTC days each covers. The Dashboard tab's picker and the
// `dashboard` command both read ranges here.
package period

import (
	"errors"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
)

// Period is one choice of the period picker, the same as the web manager's.
type Period int

const (
	Beginning Period = iota
	Today
	Last7Days
	Last30Days
	Custom
)

// All lists the choices in the picker's order.
var All = []Period{Today, Last7Days, Last30Days, Beginning, Custom}

// FirstDay is where "from the beginning" starts: the web manager sends
// this day (its `new Date(2019, 1, 1)`), before any Horusec analysis.
var FirstDay = time.Date(2019, time.February, 1, 0, 0, 0, 0, time.UTC)

// Label names the period in the UI.
func (p Period) Label() string {
	switch p {
	case Today:
		return "Today"
	case Last7Days:
		return "Last 7 days"
	case Last30Days:
		return "Last 30 days"
	case Beginning:
		return "From the beginning"
	case Custom:
		return "Custom range"
	}
	return "Period"
}

// Key is the period's value in the picker.
func (p Period) Key() string {
	switch p {
	case Today:
		return "today"
	case Last7Days:
		return "7d"
	case Last30Days:
		return "30d"
	case Beginning:
		return "beginning"
	case Custom:
		return "custom"
	}
	return ""
}

// Of is the period whose Key is key; Beginning when there is none.
func Of(key string) Period {
	for _, p := range All {
		if p.Key() == key {
			return p
		}
	}
	return Beginning
}

// Range is the days a period covers on the UTC day of now, the way the web
// manager counts them ("last 7 days" is from 7 days ago to today). The
// client sends From's day from 00:00:00Z and To's day until 23:59:59Z.
// custom is used only for Custom.
func Range(p Period, now time.Time, custom client.DateRange) client.DateRange {
	today := client.Day(now)
	switch p {
	case Today:
		return client.DateRange{From: today, To: today}
	case Last7Days:
		return client.DateRange{From: today.AddDate(0, 0, -7), To: today}
	case Last30Days:
		return client.DateRange{From: today.AddDate(0, 0, -30), To: today}
	case Custom:
		return client.DateRange{From: client.Day(custom.From), To: client.Day(custom.To)}
	}
	return client.DateRange{From: FirstDay, To: today}
}

// ParseCustom reads a custom range typed as YYYY-MM-DD.
func ParseCustom(from, to string) (client.DateRange, error) {
	f, err := time.Parse(client.DateLayout, from)
	if err != nil {
		return client.DateRange{}, errors.New("the start date must be YYYY-MM-DD")
	}
	t, err := time.Parse(client.DateLayout, to)
	if err != nil {
		return client.DateRange{}, errors.New("the end date must be YYYY-MM-DD")
	}
	if t.Before(f) {
		return client.DateRange{}, errors.New("the end date is before the start date")
	}
	return client.DateRange{From: f, To: t}, nil
}

// Describe is the period as shown: its name and its days.
func Describe(p Period, r client.DateRange) string {
	days := r.From.Format(client.DateLayout) + " → " + r.To.Format(client.DateLayout)
	if r.From.Equal(r.To) {
		days = r.From.Format(client.DateLayout)
	}
	return p.Label() + " (" + days + ")"
}
