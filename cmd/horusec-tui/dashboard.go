package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/period"
)

type dashboardOptions struct {
	scopeOptions
	outputFlag
	from, to string
	period   client.DateRange
}

func newDashboardCmd(f *Factory) *cobra.Command {
	o := &dashboardOptions{scopeOptions: scopeOptions{Factory: f, repoUsage: "repository name or id: that repository's dashboard"}}
	cmd := leaf(&cobra.Command{
		Use:   "dashboard --workspace W [--repository R] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--output table|json]",
		Short: "print a workspace or repository dashboard",
		Long: `The figures of a workspace (its Managers only) or of a repository (its
members). Dates are UTC days; --from defaults to 2019-02-01 (the web
manager's "from the beginning") and --to to today. Only the timeline is
limited to the period: the other figures count each repository's latest
analysis. --output json prints the analytic service's answer as it is.`,
	}, func() error { return dashboardRun(o) }, &o.scopeOptions, &o.outputFlag, checkFunc(func(*cobra.Command) (err error) {
		o.period, err = dashboardRange(o.from, o.to, time.Now())
		return err
	}))
	cmd.Flags().StringVar(&o.from, "from", "", "first day, YYYY-MM-DD (UTC)")
	cmd.Flags().StringVar(&o.to, "to", "", "last day, YYYY-MM-DD (UTC)")
	return cmd
}

func dashboardRun(o *dashboardOptions) error {
	return o.inScope(func(ctx context.Context, s scope) error {
		ws, repo, rng := s.ws, s.repo, o.period
		var d client.Dashboard
		var err error
		if repo != nil {
			d, err = s.c.RepositoryDashboard(ctx, ws.WorkspaceID, repo.RepositoryID, rng)
			err = explainRepoRefusal(err, "only members of the repository "+repo.Name+" (and Managers of the workspace) can read its dashboard")
		} else {
			d, err = s.c.WorkspaceDashboard(ctx, ws.WorkspaceID, rng)
			err = explainRepoRefusal(err, "only a Manager of the workspace "+ws.Name+" can read its dashboard; a repository's members can read the repository's with --repository")
		}
		if err != nil {
			return err
		}
		if o.output == "json" {
			return printJSON(o.IO.Out, d)
		}
		return printDashboard(ctx, o.Factory, ws, repo, rng, d)
	})
}

// dashboardRange reads --from and --to (UTC days).
func dashboardRange(from, to string, now time.Time) (client.DateRange, error) {
	r := period.Range(period.Beginning, now, client.DateRange{})
	f, t := r.From.Format(client.DateLayout), r.To.Format(client.DateLayout)
	if strings.TrimSpace(from) != "" {
		f = strings.TrimSpace(from)
	}
	if strings.TrimSpace(to) != "" {
		t = strings.TrimSpace(to)
	}
	out, err := period.ParseCustom(f, t)
	if err != nil {
		return client.DateRange{}, usageErrorf("--from/--to: %v", err)
	}
	return out, nil
}

var severityLabels = []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNKNOWN"}

func severityList(s client.Severities) []client.SeverityCount {
	return []client.SeverityCount{s.Critical, s.High, s.Medium, s.Low, s.Info, s.Unknown}
}

func printDashboard(_ context.Context, o *Factory, ws client.Workspace, repo *client.Repository, rng client.DateRange, raw client.Dashboard) error {
	d := raw.Clean()
	w := o.IO.Out
	scope := "Workspace " + ws.Name
	if repo != nil {
		scope = "Repository " + ws.Name + " / " + repo.Name
	}
	fmt.Fprintf(w, "%s, %s to %s (UTC)\n\n", cleanCell(scope), rng.From.Format(client.DateLayout), rng.To.Format(client.DateLayout))
	if d.Empty() {
		fmt.Fprintln(w, "No analyses yet: send one with the Horusec CLI and a token of this "+strings.ToLower(strings.Fields(scope)[0])+".")
		return nil
	}
	t := newTable(w)
	t.row("Developers", fmt.Sprint(d.TotalAuthors))
	if repo == nil {
		t.row("Repositories", fmt.Sprint(d.TotalRepositories))
	}
	t.row("Vulnerabilities", fmt.Sprint(d.VulnerabilityBySeverity.Total()))
	if err := t.flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	t = newTable(w, "SEVERITY", "TOTAL", "VULNERABILITY", "RISK ACCEPTED", "FALSE POSITIVE", "CORRECTED")
	for i, c := range severityList(d.VulnerabilityBySeverity) {
		t.row(severityLabels[i], fmt.Sprint(c.Count), fmt.Sprint(c.Types.Vulnerability), fmt.Sprint(c.Types.RiskAccepted),
			fmt.Sprint(c.Types.FalsePositive), fmt.Sprint(c.Types.Corrected))
	}
	if err := t.flush(); err != nil {
		return err
	}
	var names []string
	var sev []client.Severities
	add := func(name string, s client.Severities) { names, sev = append(names, name), append(sev, s) }
	for _, section := range []struct {
		title string
		fill  func()
	}{
		{"DEVELOPER", func() {
			for _, x := range d.VulnerabilitiesByAuthor {
				add(x.Author, x.Severities)
			}
		}},
		{"LANGUAGE", func() {
			for _, x := range d.VulnerabilitiesByLanguage {
				add(x.Language, x.Severities)
			}
		}},
		{"REPOSITORY", func() {
			for _, x := range d.VulnerabilitiesByRepository {
				add(x.RepositoryName, x.Severities)
			}
		}},
		{"DAY", func() {
			for _, x := range d.VulnerabilityByTime {
				add(x.Time.UTC().Format(client.DateLayout), x.Severities)
			}
		}},
	} {
		names, sev = nil, nil
		section.fill()
		if err := printTop(w, section.title, names, sev); err != nil {
			return err
		}
	}
	return nil
}

// printTop prints a breakdown by developer, language, repository or day
// (nothing when it is empty).
func printTop(w io.Writer, title string, names []string, sev []client.Severities) error {
	if len(names) == 0 {
		return nil
	}
	fmt.Fprintln(w)
	t := newTable(w, append([]string{title}, append(severityLabels, "TOTAL")...)...)
	for i, n := range names {
		cells := []string{n}
		for _, c := range severityList(sev[i]) {
			cells = append(cells, fmt.Sprint(c.Count))
		}
		t.row(append(cells, fmt.Sprint(sev[i].Total()))...)
	}
	return t.flush()
}
