package period

import (
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
)

func TestRangeCountsUTCDays(t *testing.T) {
	// 23:30 in New York on the 10th is already the 11th in UTC: the
	// platform's days are UTC days.
	ny := time.FixedZone("EST", -5*3600)
	at := time.Date(2026, time.March, 10, 23, 30, 0, 0, ny)
	day := func(s string) time.Time { d, _ := time.Parse(client.DateLayout, s); return d }
	for _, tc := range []struct {
		p        Period
		from, to string
	}{
		{Today, "2026-03-11", "2026-03-11"},
		{Last7Days, "2026-03-04", "2026-03-11"},
		{Last30Days, "2026-02-09", "2026-03-11"},
		{Beginning, "2019-02-01", "2026-03-11"},
	} {
		got := Range(tc.p, at, client.DateRange{})
		if !got.From.Equal(day(tc.from)) || !got.To.Equal(day(tc.to)) {
			t.Errorf("%s: got %s → %s, want %s → %s", tc.p.Label(), got.From, got.To, tc.from, tc.to)
		}
		if got.From.Location() != time.UTC || got.From.Hour() != 0 {
			t.Errorf("%s: from %s is not a UTC midnight", tc.p.Label(), got.From)
		}
	}
	custom := client.DateRange{From: time.Date(2025, 12, 24, 18, 0, 0, 0, time.UTC), To: time.Date(2026, 1, 2, 3, 0, 0, 0, time.UTC)}
	got := Range(Custom, at, custom)
	if !got.From.Equal(day("2025-12-24")) || !got.To.Equal(day("2026-01-02")) {
		t.Errorf("custom: got %s → %s", got.From, got.To)
	}
}

func TestParseCustom(t *testing.T) {
	r, err := ParseCustom("2026-01-05", "2026-02-01")
	if err != nil || r.From.Format(client.DateLayout) != "2026-01-05" || r.To.Format(client.DateLayout) != "2026-02-01" {
		t.Fatalf("got %v, %v", r, err)
	}
	for _, bad := range [][2]string{{"2026-1-5", "2026-02-01"}, {"2026-01-05", "tomorrow"}, {"2026-02-02", "2026-02-01"}} {
		if _, err := ParseCustom(bad[0], bad[1]); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}
