package dashboard

import (
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/period"
)

// What the commands used from here before the rules moved to client and
// client/period; they switch to those directly.

const (
	DateLayout      = client.DateLayout
	PeriodBeginning = period.Beginning
)

func Range(p period.Period, now time.Time, custom client.DateRange) client.DateRange {
	return period.Range(p, now, custom)
}

func ParseCustom(from, to string) (client.DateRange, error) { return period.ParseCustom(from, to) }
func Clean(d client.Dashboard) client.Dashboard             { return d.Clean() }
func Empty(d client.Dashboard) bool                         { return d.Empty() }
func Total(s client.Severities) int                         { return s.Total() }
