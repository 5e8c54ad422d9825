package dashboard

import "github.com/horusec-tui/horusec-tui/client"

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

// statuses names the four statuses a severity's count breaks down into,
// with the vulnerability service's name of each (Type).
var statuses = []struct{ Key, Label, Type string }{
	{"vulnerability", "Vulnerability", client.TypeVulnerability},
	{"riskAccepted", "Risk accepted", client.TypeRiskAccepted},
	{"falsePositive", "False positive", client.TypeFalsePositive},
	{"corrected", "Corrected", client.TypeCorrected},
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
