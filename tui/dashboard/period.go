package dashboard

import (
	"fmt"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
)

// Period is one choice of the period picker, the same as the web manager's.
type Period int

const (
	PeriodBeginning Period = iota
	PeriodToday
	PeriodLast7Days
	PeriodLast30Days
	PeriodCustom
)

// Periods lists the choices in the picker's order.
var Periods = []Period{PeriodToday, PeriodLast7Days, PeriodLast30Days, PeriodBeginning, PeriodCustom}

// Beginning is where "from the beginning" starts: the web manager sends
// this day (its `new Date(2019, 1, 1)`), before any Horusec analysis.
var Beginning = time.Date(2019, time.February, 1, 0, 0, 0, 0, time.UTC)

// DateLayout is how dates are typed and shown.
const DateLayout = "2006-01-02"

// Label names the period in the UI.
func (p Period) Label() string {
	switch p {
	case PeriodToday:
		return "Today"
	case PeriodLast7Days:
		return "Last 7 days"
	case PeriodLast30Days:
		return "Last 30 days"
	case PeriodBeginning:
		return "From the beginning"
	case PeriodCustom:
		return "Custom range"
	}
	return "Period"
}

// key is the period's value in the picker.
func (p Period) key() string {
	switch p {
	case PeriodToday:
		return "today"
	case PeriodLast7Days:
		return "7d"
	case PeriodLast30Days:
		return "30d"
	case PeriodBeginning:
		return "beginning"
	case PeriodCustom:
		return "custom"
	}
	return ""
}

func periodOf(key string) Period {
	for _, p := range Periods {
		if p.key() == key {
			return p
		}
	}
	return PeriodBeginning
}

// Day is t's UTC calendar day at midnight: the platform's dates are UTC
// days, whatever the terminal's time zone.
func Day(t time.Time) time.Time {
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
}

// Range is the days a period covers on the UTC day of now, the way the web
// manager counts them ("last 7 days" is from 7 days ago to today). The
// client sends From's day from 00:00:00Z and To's day until 23:59:59Z.
// custom is used only for PeriodCustom.
func Range(p Period, now time.Time, custom client.DateRange) client.DateRange {
	today := Day(now)
	switch p {
	case PeriodToday:
		return client.DateRange{From: today, To: today}
	case PeriodLast7Days:
		return client.DateRange{From: today.AddDate(0, 0, -7), To: today}
	case PeriodLast30Days:
		return client.DateRange{From: today.AddDate(0, 0, -30), To: today}
	case PeriodCustom:
		return client.DateRange{From: Day(custom.From), To: Day(custom.To)}
	}
	return client.DateRange{From: Beginning, To: today}
}

// ParseCustom reads a custom range typed as YYYY-MM-DD.
func ParseCustom(from, to string) (client.DateRange, error) {
	f, err := time.Parse(DateLayout, from)
	if err != nil {
		return client.DateRange{}, fmt.Errorf("the start date must be YYYY-MM-DD")
	}
	t, err := time.Parse(DateLayout, to)
	if err != nil {
		return client.DateRange{}, fmt.Errorf("the end date must be YYYY-MM-DD")
	}
	if t.Before(f) {
		return client.DateRange{}, fmt.Errorf("the end date is before the start date")
	}
	return client.DateRange{From: f, To: t}, nil
}

// describe is the period as shown: its name and its days.
func describe(p Period, r client.DateRange) string {
	days := r.From.Format(DateLayout) + " → " + r.To.Format(DateLayout)
	if r.From.Equal(r.To) {
		days = r.From.Format(DateLayout)
	}
	return p.Label() + " (" + days + ")"
}
