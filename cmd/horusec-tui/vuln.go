package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client"
)

func newVulnCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("vuln", "list findings and change their status and severity",
		`Findings come from the latest analysis of each repository. STATUS is
vulnerability, risk-accepted, false-positive or corrected; SEVERITY is
critical, high, medium, low, info or unknown (any case).`)
	cmd.AddCommand(newVulnListCmd(f), newVulnSetCmd(f))
	return cmd
}

// vulnPage is the page size asked of the platform: it has no upper limit,
// and fewer pages are fewer round trips.
const vulnPage = 500

// vulnFiles lists every file row of the scope that matches q, page after
// page until a short page (the workspace view's totalItems counts paths,
// not rows).
func vulnFiles(ctx context.Context, s scope, q client.VulnQuery) ([]client.VulnFile, error) {
	var out []client.VulnFile
	for page := 1; ; page++ {
		q.Page, q.Size = page, vulnPage
		var res client.VulnFilePage
		var err error
		if s.repo != nil {
			res, err = s.c.RepositoryVulnFiles(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, q)
		} else {
			res, err = s.c.WorkspaceVulnFiles(ctx, s.ws.WorkspaceID, q)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, res.Data...)
		if len(res.Data) < vulnPage {
			return out, nil
		}
	}
}

// foundVuln is a finding with where it was listed.
type foundVuln struct {
	client.Vulnerability
	RepositoryID   string `json:"repositoryID"`
	RepositoryName string `json:"repositoryName"`
	AnalysisID     string `json:"analysisID"`
}

// vulnFindings lists the findings of the given file rows that match q.
func vulnFindings(ctx context.Context, s scope, rows []client.VulnFile, q client.VulnQuery) ([]foundVuln, error) {
	var out []foundVuln
	seen := map[string]bool{}
	for _, r := range rows {
		fq := q
		fq.File = r.File
		if r.File == "" {
			continue // the platform refuses an empty vulnFile
		}
		for page := 1; ; page++ {
			fq.Page, fq.Size = page, vulnPage
			res, err := s.c.FileVulnerabilities(ctx, s.ws.WorkspaceID, r.RepositoryID, fq)
			if err != nil {
				return nil, err
			}
			for _, v := range res.Data {
				if !seen[v.VulnerabilityID] {
					seen[v.VulnerabilityID] = true
					out = append(out, foundVuln{Vulnerability: v, RepositoryID: r.RepositoryID, RepositoryName: r.RepositoryName, AnalysisID: r.AnalysisID})
				}
			}
			if len(res.Data) < vulnPage {
				break
			}
		}
	}
	return out, nil
}

type vulnListOptions struct {
	scopeOptions
	severity, status, hash, file string
	output                       string
}

func newVulnListCmd(f *Factory) *cobra.Command {
	o := &vulnListOptions{scopeOptions: scopeOptions{Factory: f}}
	cmd := &cobra.Command{
		Use: "list --workspace W [--repository R] [--severity S] [--status T] [--hash H] [--file F]\n" +
			"                         [--output table|json]",
		Aliases: []string{"ls"},
		Short:   "list the files with findings, or the findings of a file or hash",
		Long: `Without --file or --hash, lists the files with findings (of the whole
workspace for its Managers, or of one repository). With --file (an exact
path) or --hash (a part of a finding's hash, any status), lists the
findings themselves. --status defaults to vulnerability (open findings).`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			if err := checkOutput(o.output); err != nil {
				return err
			}
			if _, err := vulnQueryOf(o.severity, o.status); err != nil {
				return err
			}
			return vulnListRun(o)
		},
	}
	o.addFlags(cmd, "repository name or id: only its findings (any role there may list them)")
	cmd.Flags().StringVar(&o.severity, "severity", "", "only this severity: critical, high, medium, low, info or unknown")
	cmd.Flags().StringVar(&o.status, "status", "", "vulnerability (default), risk-accepted, false-positive or corrected")
	cmd.Flags().StringVar(&o.hash, "hash", "", "a part of a finding's hash: list those findings, whatever their status")
	cmd.Flags().StringVar(&o.file, "file", "", "an exact file path: list its findings")
	addOutputFlag(cmd, &o.output)
	return cmd
}

// vulnQueryOf reads --severity and --status.
func vulnQueryOf(severity, status string) (client.VulnQuery, error) {
	var q client.VulnQuery
	if strings.TrimSpace(severity) != "" {
		s, err := client.ParseSeverity(severity)
		if err != nil {
			return q, usageErrorf("--severity: %v", err)
		}
		q.Severity = s
	}
	if strings.TrimSpace(status) != "" {
		t, err := client.ParseVulnType(status)
		if err != nil {
			return q, usageErrorf("--status: %v", err)
		}
		q.Type = t
	}
	return q, nil
}

func vulnListRun(o *vulnListOptions) error {
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	q, _ := vulnQueryOf(o.severity, o.status)
	q.Hash = strings.TrimSpace(o.hash)
	q.File = o.file
	rows, err := vulnFiles(ctx, s, q)
	if err != nil {
		return err
	}
	if o.file == "" && q.Hash == "" {
		return printVulnFiles(o.Factory, s, rows, o.output)
	}
	q.File = ""
	found, err := vulnFindings(ctx, s, rows, q)
	if err != nil {
		return err
	}
	return printFindings(o.Factory, s, found, o.output)
}

func printVulnFiles(f *Factory, s scope, rows []client.VulnFile, output string) error {
	if output == "json" {
		if rows == nil {
			rows = []client.VulnFile{}
		}
		return printJSON(f.IO.Out, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "The %s has no file with such findings in its latest analysis.\n", s.name())
		return nil
	}
	headers := []string{"FILE", "FINDINGS", "LANGUAGES", "ANALYSED"}
	if s.repo == nil {
		headers = append(headers, "REPOSITORY")
	}
	t := newTable(f.IO.Out, headers...)
	for _, r := range rows {
		cells := []string{nonEmpty(r.File, "(no path)"), fmt.Sprint(r.TotalVulnerabilities), strings.Join(r.Languages, ", "),
			r.CreatedAt.UTC().Format("2006-01-02 15:04")}
		if s.repo == nil {
			cells = append(cells, r.RepositoryName)
		}
		t.row(cells...)
	}
	return t.flush()
}

func printFindings(f *Factory, s scope, found []foundVuln, output string) error {
	if output == "json" {
		if found == nil {
			found = []foundVuln{}
		}
		return printJSON(f.IO.Out, found)
	}
	if len(found) == 0 {
		fmt.Fprintf(f.IO.ErrOut, "The %s has no such finding in its latest analysis.\n", s.name())
		return nil
	}
	t := newTable(f.IO.Out, "ID", "SEVERITY", "STATUS", "LOCATION", "TOOL", "AUTHOR", "HASH", "REPOSITORY")
	for _, v := range found {
		t.row(v.VulnerabilityID, v.Severity, v.Type, v.File+":"+v.Line+":"+v.Column, v.SecurityTool, v.CommitEmail, v.VulnHash, v.RepositoryName)
	}
	return t.flush()
}

type vulnSetOptions struct {
	scopeOptions
	status, severity string
	ids              []string
	hash, idsFrom    string
	yes              bool
}

func newVulnSetCmd(f *Factory) *cobra.Command {
	o := &vulnSetOptions{scopeOptions: scopeOptions{Factory: f, needRepository: true}}
	cmd := &cobra.Command{
		Use: "set --workspace W --repository R --status STATUS [--severity S]\n" +
			"                        (--id ID … | --hash H | --ids-from -) [--yes]",
		Short: "change the status (and severity) of findings of a repository",
		Long: `Changes the findings named by --id (repeatable), by --hash (every finding
whose hash contains H) or by --ids-from - (IDs on stdin, one a line), all
of the repository's latest analysis, in one request. A Manager or
Supervisor of the repository, or a Manager of the workspace, may do it.
More than one finding asks first on a terminal and needs --yes otherwise.`,
		Args: noArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			if err := o.check(c); err != nil {
				return err
			}
			if strings.TrimSpace(o.status) == "" {
				return usageErrorf("%s needs --status (vulnerability, risk-accepted, false-positive or corrected)", commandName(c))
			}
			if _, err := vulnQueryOf(o.severity, o.status); err != nil {
				return err
			}
			n := 0
			for _, given := range []bool{len(o.ids) > 0, o.hash != "", o.idsFrom != ""} {
				if given {
					n++
				}
			}
			if n != 1 {
				return usageErrorf("%s needs exactly one of --id, --hash and --ids-from", commandName(c))
			}
			if o.idsFrom != "" && o.idsFrom != "-" {
				return usageErrorf("--ids-from takes - (stdin) only")
			}
			return vulnSetRun(o)
		},
	}
	o.addFlags(cmd, "repository name or id (required)")
	cmd.Flags().StringVar(&o.status, "status", "", "vulnerability, risk-accepted, false-positive or corrected (required)")
	cmd.Flags().StringVar(&o.severity, "severity", "", "also set the severity: critical, high, medium, low, info or unknown")
	cmd.Flags().StringArrayVar(&o.ids, "id", nil, "a finding's ID (repeat for more)")
	cmd.Flags().StringVar(&o.hash, "hash", "", "every finding whose hash contains this")
	cmd.Flags().StringVar(&o.idsFrom, "ids-from", "", "- to read finding IDs from stdin, one a line")
	addYesFlag(cmd, &o.yes)
	return cmd
}

// readIDs reads finding IDs from r: one a line (blanks and # comments
// skipped).
func readIDs(r io.Reader) ([]string, error) {
	var out []string
	sc := bufio.NewScanner(io.LimitReader(r, 8<<20))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, strings.Fields(l)[0])
	}
	return out, sc.Err()
}

func vulnSetRun(o *vulnSetOptions) error {
	want, _ := vulnQueryOf(o.severity, o.status)
	ids := o.ids
	if o.idsFrom == "-" {
		var err error
		if ids, err = readIDs(o.IO.In); err != nil {
			return fmt.Errorf("read the IDs from stdin: %w", err)
		}
		if len(ids) == 0 {
			return usageErrorf("no finding ID on stdin")
		}
	}
	ctx, cancel := o.context()
	defer cancel()
	s, err := o.open(ctx)
	if err != nil {
		return err
	}
	// Only findings listed in this repository are sent: the platform
	// checks the path, not the IDs (§13.7).
	var found []foundVuln
	if o.hash != "" {
		q := client.VulnQuery{Hash: strings.TrimSpace(o.hash)}
		rows, err := vulnFiles(ctx, s, q)
		if err != nil {
			return err
		}
		if found, err = vulnFindings(ctx, s, rows, q); err != nil {
			return err
		}
		if len(found) == 0 {
			return &client.Error{Kind: client.KindNotFound, Op: "find findings",
				Message: fmt.Sprintf("no finding of the %s has a hash containing %q", s.name(), o.hash)}
		}
	} else {
		all := map[string]foundVuln{}
		for _, typ := range client.VulnTypes {
			q := client.VulnQuery{Type: typ}
			rows, err := vulnFiles(ctx, s, q)
			if err != nil {
				return err
			}
			fs, err := vulnFindings(ctx, s, rows, q)
			if err != nil {
				return err
			}
			for _, v := range fs {
				all[strings.ToLower(v.VulnerabilityID)] = v
			}
		}
		seen := map[string]bool{}
		for _, id := range ids {
			v, ok := all[strings.ToLower(strings.TrimSpace(id))]
			if !ok {
				return &client.Error{Kind: client.KindNotFound, Op: "find findings",
					Message: fmt.Sprintf("no finding %s in the latest analysis of the %s", cleanCell(id), s.name())}
			}
			if !seen[v.VulnerabilityID] {
				seen[v.VulnerabilityID] = true
				found = append(found, v)
			}
		}
	}
	sort.Slice(found, func(i, j int) bool { return found[i].VulnerabilityID < found[j].VulnerabilityID })

	u := client.VulnUpdate{AnalysisID: found[0].AnalysisID}
	var changed, same []foundVuln
	for _, v := range found {
		sev := v.Severity
		if want.Severity != "" {
			sev = want.Severity
		}
		if sev == v.Severity && want.Type == v.Type {
			same = append(same, v)
			continue
		}
		changed = append(changed, v)
		u.Vulnerabilities = append(u.Vulnerabilities, client.VulnChange{VulnerabilityID: v.VulnerabilityID, Severity: sev, Type: want.Type})
	}
	for _, v := range same {
		fmt.Fprintf(o.IO.ErrOut, "%s is already %s, %s.\n", v.VulnerabilityID, v.Type, v.Severity)
	}
	if len(u.Vulnerabilities) == 0 {
		fmt.Fprintln(o.IO.Out, "Nothing to change.")
		return nil
	}
	if len(u.Vulnerabilities) > 1 {
		ok, err := o.confirm(fmt.Sprintf("Change %d findings of the %s to %s?", len(u.Vulnerabilities), s.name(), describeChange(want)), o.yes)
		if err != nil {
			return err
		}
		if !ok {
			fmt.Fprintln(o.IO.ErrOut, "Nothing changed.")
			return nil
		}
	}
	if err := s.c.UpdateRepositoryVulnerabilities(ctx, s.ws.WorkspaceID, s.repo.RepositoryID, u); err != nil {
		if client.IsKind(err, client.KindForbidden) {
			return &client.Error{Kind: client.KindForbidden, Op: "change findings",
				Message: "only " + client.ChangeFindingsRoles(true) + " can change findings of the " + s.name(), Err: err}
		}
		return err
	}
	for i, v := range changed {
		ch := u.Vulnerabilities[i]
		fmt.Fprintf(o.IO.Out, "%s  %s:%s  %s %s → %s %s\n", v.VulnerabilityID, cleanCell(v.File), cleanCell(v.Line),
			v.Severity, v.Type, ch.Severity, ch.Type)
	}
	fmt.Fprintf(o.IO.Out, "Changed %d finding(s) of the %s.\n", len(changed), s.name())
	return nil
}

func describeChange(q client.VulnQuery) string {
	if q.Severity != "" {
		return q.Type + ", " + q.Severity
	}
	return q.Type
}
