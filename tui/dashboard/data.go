package dashboard

import (
	"sort"

	"github.com/horusec-tui/horusec-tui/client"
)

// severity names one of the six severities, in the platform's order.
type severity struct {
	Key   string // the analytic service's key, also the style's
	Label string
}

var severities = []severity{
	{"critical", "Critical"},
	{"high", "High"},
	{"medium", "Medium"},
	{"low", "Low"},
	{"info", "Info"},
	{"unknown", "Unknown"},
}

// statuses names the four statuses a severity's count breaks down into.
var statuses = []struct{ Key, Label string }{
	{"vulnerability", "Vulnerability"},
	{"riskAccepted", "Risk accepted"},
	{"falsePositive", "False positive"},
	{"corrected", "Corrected"},
}

// sevCount is severity i of s.
func sevCount(s client.Severities, i int) client.SeverityCount {
	switch i {
	case 0:
		return s.Critical
	case 1:
		return s.High
	case 2:
		return s.Medium
	case 3:
		return s.Low
	case 4:
		return s.Info
	}
	return s.Unknown
}

// statusCount is status j of c.
func statusCount(c client.StatusCounts, j int) int {
	switch j {
	case 0:
		return c.Vulnerability
	case 1:
		return c.RiskAccepted
	case 2:
		return c.FalsePositive
	}
	return c.Corrected
}

// Total is the sum of the six severities' counts.
func Total(s client.Severities) int {
	n := 0
	for i := range severities {
		n += sevCount(s, i).Count
	}
	return n
}

// Clean drops the placeholder items the platform sends when it has no data
// (one item with an empty name and zero counts) and orders the timeline by
// day.
func Clean(d client.Dashboard) client.Dashboard {
	out := d
	out.VulnerabilitiesByAuthor = nil
	for _, a := range d.VulnerabilitiesByAuthor {
		if a.Author != "" || Total(a.Severities) > 0 {
			out.VulnerabilitiesByAuthor = append(out.VulnerabilitiesByAuthor, a)
		}
	}
	out.VulnerabilitiesByRepository = nil
	for _, r := range d.VulnerabilitiesByRepository {
		if r.RepositoryName != "" || Total(r.Severities) > 0 {
			out.VulnerabilitiesByRepository = append(out.VulnerabilitiesByRepository, r)
		}
	}
	out.VulnerabilitiesByLanguage = nil
	for _, l := range d.VulnerabilitiesByLanguage {
		if l.Language != "" || Total(l.Severities) > 0 {
			out.VulnerabilitiesByLanguage = append(out.VulnerabilitiesByLanguage, l)
		}
	}
	out.VulnerabilityByTime = append([]client.TimeVulnerabilities(nil), d.VulnerabilityByTime...)
	sort.SliceStable(out.VulnerabilityByTime, func(i, j int) bool {
		return out.VulnerabilityByTime[i].Time.Before(out.VulnerabilityByTime[j].Time)
	})
	return out
}

// Empty reports a dashboard with nothing to show: no analysis has reached
// the platform yet.
func Empty(d client.Dashboard) bool {
	if d.TotalAuthors > 0 || d.TotalRepositories > 0 || Total(d.VulnerabilityBySeverity) > 0 {
		return false
	}
	if len(d.VulnerabilitiesByAuthor) > 0 || len(d.VulnerabilitiesByRepository) > 0 || len(d.VulnerabilitiesByLanguage) > 0 {
		return false
	}
	for _, t := range d.VulnerabilityByTime {
		if Total(t.Severities) > 0 {
			return false
		}
	}
	return true
}

// named is one entry of a top list.
type named struct {
	Name       string
	Severities client.Severities
}

func topAuthors(d client.Dashboard) []named {
	out := make([]named, 0, len(d.VulnerabilitiesByAuthor))
	for _, a := range d.VulnerabilitiesByAuthor {
		out = append(out, named{a.Author, a.Severities})
	}
	return out
}

func topLanguages(d client.Dashboard) []named {
	out := make([]named, 0, len(d.VulnerabilitiesByLanguage))
	for _, l := range d.VulnerabilitiesByLanguage {
		out = append(out, named{l.Language, l.Severities})
	}
	return out
}

func topRepositories(d client.Dashboard) []named {
	out := make([]named, 0, len(d.VulnerabilitiesByRepository))
	for _, r := range d.VulnerabilitiesByRepository {
		out = append(out, named{r.RepositoryName, r.Severities})
	}
	return out
}
