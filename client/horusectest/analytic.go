package horusectest

import (
	"net/http"
	"sort"
	"strconv"
	"time"
)

func (s *Server) analyticRoutes(rt *router) {
	rt.handle("GET", "/analytic/dashboard/{workspaceID}", s.guard(isWorkspaceAdmin, s.dashboard))
	rt.handle("GET", "/analytic/dashboard/{workspaceID}/{repositoryID}", s.guard(isRepositoryMember, s.dashboard))
}

type typeCounts struct {
	Vulnerability int `json:"vulnerability"`
	RiskAccepted  int `json:"riskAccepted"`
	FalsePositive int `json:"falsePositive"`
	Corrected     int `json:"corrected"`
}

type sevCount struct {
	Count int        `json:"count"`
	Types typeCounts `json:"types"`
}

type severities struct {
	Critical sevCount `json:"critical"`
	High     sevCount `json:"high"`
	Medium   sevCount `json:"medium"`
	Low      sevCount `json:"low"`
	Info     sevCount `json:"info"`
	Unknown  sevCount `json:"unknown"`
}

func (s *severities) add(f finding) {
	var c *sevCount
	switch f.severity {
	case "critical":
		c = &s.Critical
	case "high":
		c = &s.High
	case "medium":
		c = &s.Medium
	case "low":
		c = &s.Low
	case "info":
		c = &s.Info
	default:
		c = &s.Unknown
	}
	c.Count += f.count
	switch f.vtype {
	case "riskAccepted":
		c.Types.RiskAccepted += f.count
	case "falsePositive":
		c.Types.FalsePositive += f.count
	case "corrected":
		c.Types.Corrected += f.count
	default:
		c.Types.Vulnerability += f.count
	}
}

func (s *severities) total() int {
	return s.Critical.Count + s.High.Count + s.Medium.Count + s.Low.Count + s.Info.Count + s.Unknown.Count
}

type byAuthor struct {
	Author string `json:"author"`
	severities
}

type byRepository struct {
	RepositoryName string `json:"repositoryName"`
	severities
}

type byLanguage struct {
	Language string `json:"language"`
	severities
}

type byTime struct {
	Time time.Time `json:"time"`
	severities
}

type dashboardJSON struct {
	TotalAuthors                int            `json:"totalAuthors"`
	TotalRepositories           int            `json:"totalRepositories"`
	VulnerabilityBySeverity     severities     `json:"vulnerabilityBySeverity"`
	VulnerabilitiesByAuthor     []byAuthor     `json:"vulnerabilitiesByAuthor"`
	VulnerabilitiesByRepository []byRepository `json:"vulnerabilitiesByRepository"`
	VulnerabilitiesByLanguage   []byLanguage   `json:"vulnerabilitiesByLanguage"`
	VulnerabilityByTime         []byTime       `json:"vulnerabilityByTime"`
}

func (s *Server) dashboard(rq *req) {
	_, repoView := rq.p["repositoryID"]
	sc := rq.sc
	q := rq.r.URL.Query()
	start, err := parseDashboardDate(q.Get("initialDate"))
	if err != nil {
		rq.refuse(http.StatusBadRequest, msgInitialDate+": "+err.Error())
		return
	}
	end, err := parseDashboardDate(q.Get("finalDate"))
	if err != nil {
		rq.refuse(http.StatusBadRequest, msgFinalDate+": "+err.Error())
		return
	}
	page, _ := strconv.Atoi(q.Get("page"))
	v := verrs{}
	if start.IsZero() {
		v.add("StartTime", "cannot be blank")
	}
	if end.IsZero() {
		v.add("EndTime", "cannot be blank")
	}
	if page < 0 {
		v.add("Page", "must be no less than 0")
	}
	if rq.invalid(v) {
		return
	}
	var repos []*repository
	switch {
	case repoView && sc.repo != nil:
		repos = []*repository{sc.repo}
	case !repoView && sc.ws != nil:
		repos = make([]*repository, 0, len(sc.ws.repos))
		for _, repo := range sc.ws.repos {
			repos = append(repos, repo)
		}
	}
	var filled time.Time // uploads received after it are not in the author and repository tables yet
	if s.opts.AnalyticLag > 0 {
		filled = s.now().Add(-s.opts.AnalyticLag)
	}
	rq.answer(http.StatusOK, buildDashboard(repos, start, end, repoView, filled))
}

// parseDashboardDate accepts only YYYY-MM-DDTHH:MM:SSZ; "" is a zero time.
func parseDashboardDate(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	return time.Parse("2006-01-02T15:04:05Z", v)
}

// latest returns a repository's most recent analyses: every analysis with
// the greatest createdAt (two uploads at the same instant both count).
func latest(as []*analysis) []*analysis {
	var out []*analysis
	for _, a := range as {
		switch {
		case len(out) == 0 || a.createdAt.After(out[0].createdAt):
			out = append(out[:0], a)
		case a.createdAt.Equal(out[0].createdAt):
			out = append(out, a)
		}
	}
	return out
}

// buildDashboard sums the latest analyses of repos. When filled is not
// zero, the author and repository figures count only the analyses
// received by then (Options.AnalyticLag).
func buildDashboard(repos []*repository, start, end time.Time, repoView bool, filled time.Time) dashboardJSON {
	var d dashboardJSON
	authors := map[string]*severities{}
	languages := map[string]*severities{}
	repoTotals := map[string]*severities{}
	days := map[time.Time]*severities{}
	bucket := func(m map[string]*severities, k string) *severities {
		if m[k] == nil {
			m[k] = &severities{}
		}
		return m[k]
	}
	for _, repo := range repos {
		last := latest(repo.analyses)
		for _, a := range last {
			for _, f := range a.findings {
				d.VulnerabilityBySeverity.add(f)
				bucket(languages, f.language).add(f)
			}
		}
		// The author and repository tables fill from queues of their own.
		if !filled.IsZero() {
			last = latest(receivedBy(repo.analyses, filled))
		}
		if len(last) > 0 && !repoView {
			d.TotalRepositories++
		}
		for _, a := range last {
			for _, f := range a.findings {
				bucket(authors, f.email).add(f)
				bucket(repoTotals, repo.name).add(f)
			}
		}
		// The timeline: per day, the repository's latest analyses of that day.
		perDay := map[time.Time][]*analysis{}
		for _, a := range repo.analyses {
			if a.createdAt.Before(start) || a.createdAt.After(end) {
				continue
			}
			day := dateOnly(a.createdAt)
			perDay[day] = append(perDay[day], a)
		}
		for day, as := range perDay {
			for _, a := range latest(as) {
				for _, f := range a.findings {
					if days[day] == nil {
						days[day] = &severities{}
					}
					days[day].add(f)
				}
			}
		}
	}
	d.TotalAuthors = len(authors)
	d.VulnerabilitiesByAuthor = top(authors, func(k string, s severities) byAuthor { return byAuthor{k, s} })
	d.VulnerabilitiesByLanguage = top(languages, func(k string, s severities) byLanguage { return byLanguage{k, s} })
	if !repoView {
		d.VulnerabilitiesByRepository = top(repoTotals, func(k string, s severities) byRepository { return byRepository{k, s} })
	}
	for day, sv := range days {
		d.VulnerabilityByTime = append(d.VulnerabilityByTime, byTime{day, *sv})
	}
	sort.Slice(d.VulnerabilityByTime, func(i, j int) bool {
		return d.VulnerabilityByTime[i].Time.Before(d.VulnerabilityByTime[j].Time)
	})
	return d
}

// receivedBy returns the analyses received by t.
func receivedBy(as []*analysis, t time.Time) []*analysis {
	out := make([]*analysis, 0, len(as))
	for _, a := range as {
		if !a.receivedAt.After(t) {
			out = append(out, a)
		}
	}
	return out
}

// top returns the five largest entries, or one empty placeholder when
// there is no data, as the platform does.
func top[T any](m map[string]*severities, mk func(string, severities) T) []T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := m[keys[i]].total(), m[keys[j]].total()
		if a != b {
			return a > b
		}
		return keys[i] < keys[j]
	})
	if len(keys) == 0 {
		return []T{mk("", severities{})}
	}
	out := make([]T, 0, 5)
	for _, k := range keys[:min(5, len(keys))] {
		out = append(out, mk(k, *m[k]))
	}
	return out
}
