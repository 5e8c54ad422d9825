package client

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"time"
)

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

// --- the analytic service's dashboard routes ---

// dashboardDate is the only date form the analytic service accepts.
const dashboardDate = "2006-01-02T15:04:05Z"

// dashboardQuery sends From's UTC day from 00:00:00 and To's UTC day until
// 23:59:59, in the one format the platform parses.
func dashboardQuery(op string, r DateRange) (url.Values, error) {
	if r.From.IsZero() || r.To.IsZero() {
		return nil, &Error{Kind: KindValidation, Op: op, Message: "the date range needs both dates"}
	}
	from, to := r.From.UTC(), r.To.UTC()
	start := time.Date(from.Year(), from.Month(), from.Day(), 0, 0, 0, 0, time.UTC)
	end := time.Date(to.Year(), to.Month(), to.Day(), 23, 59, 59, 0, time.UTC)
	if end.Before(start) {
		return nil, &Error{Kind: KindValidation, Op: op, Message: "the date range ends before it starts"}
	}
	return url.Values{"initialDate": {start.Format(dashboardDate)}, "finalDate": {end.Format(dashboardDate)}}, nil
}

func (c *Client) WorkspaceDashboard(ctx context.Context, workspaceID string, r DateRange) (Dashboard, error) {
	return c.dashboard(ctx, "read workspace dashboard", "/analytic/dashboard/{workspace ID}", r, workspaceID)
}

func (c *Client) RepositoryDashboard(ctx context.Context, workspaceID, repositoryID string, r DateRange) (Dashboard, error) {
	return c.dashboard(ctx, "read repository dashboard", "/analytic/dashboard/{workspace ID}/{repository ID}", r, workspaceID, repositoryID)
}

func (c *Client) dashboard(ctx context.Context, op, route string, r DateRange, ids ...string) (Dashboard, error) {
	path, err := fill(op, route, ids...)
	if err != nil {
		return Dashboard{}, err
	}
	q, err := dashboardQuery(op, r)
	if err != nil {
		return Dashboard{}, err
	}
	return fetch[Dashboard](ctx, c, guarded(ServiceAnalytic, op, http.MethodGet, path).asking(q))
}
