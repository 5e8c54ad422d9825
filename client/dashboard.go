package client

import "sort"

// Total is the sum of the six severities' counts.
func (s Severities) Total() int {
	return s.Critical.Count + s.High.Count + s.Medium.Count + s.Low.Count + s.Info.Count + s.Unknown.Count
}

// Clean drops the placeholder items the platform sends when it has no data
// (one item with an empty name and zero counts) and orders the timeline by
// day.
func (d Dashboard) Clean() Dashboard {
	out := d
	out.VulnerabilitiesByAuthor = nil
	for _, a := range d.VulnerabilitiesByAuthor {
		if a.Author != "" || a.Severities.Total() > 0 {
			out.VulnerabilitiesByAuthor = append(out.VulnerabilitiesByAuthor, a)
		}
	}
	out.VulnerabilitiesByRepository = nil
	for _, r := range d.VulnerabilitiesByRepository {
		if r.RepositoryName != "" || r.Severities.Total() > 0 {
			out.VulnerabilitiesByRepository = append(out.VulnerabilitiesByRepository, r)
		}
	}
	out.VulnerabilitiesByLanguage = nil
	for _, l := range d.VulnerabilitiesByLanguage {
		if l.Language != "" || l.Severities.Total() > 0 {
			out.VulnerabilitiesByLanguage = append(out.VulnerabilitiesByLanguage, l)
		}
	}
	out.VulnerabilityByTime = append([]TimeVulnerabilities(nil), d.VulnerabilityByTime...)
	sort.SliceStable(out.VulnerabilityByTime, func(i, j int) bool {
		return out.VulnerabilityByTime[i].Time.Before(out.VulnerabilityByTime[j].Time)
	})
	return out
}

// Empty reports a dashboard with nothing to show: no analysis has reached
// the platform yet.
func (d Dashboard) Empty() bool {
	if d.TotalAuthors > 0 || d.TotalRepositories > 0 || d.VulnerabilityBySeverity.Total() > 0 {
		return false
	}
	if len(d.VulnerabilitiesByAuthor) > 0 || len(d.VulnerabilitiesByRepository) > 0 || len(d.VulnerabilitiesByLanguage) > 0 {
		return false
	}
	for _, t := range d.VulnerabilityByTime {
		if t.Severities.Total() > 0 {
			return false
		}
	}
	return true
}
