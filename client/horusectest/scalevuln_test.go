package horusectest_test

import (
	"context"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// ScaleVulnFiles and ScaleFileFindings add the Findings workspace: the
// one-finding files over its repositories, the big file first (most
// findings), the last file last; its dashboard counts them all.
func TestScaleFindings(t *testing.T) {
	const files, big = 25, 40
	srv, clk := start(t, horusectest.Options{ScaleVulnFiles: files, ScaleFileFindings: big})
	ctx := context.Background()
	c := managerClient(t, srv, clk)
	wsID, ok := srv.WorkspaceID(horusectest.FindingsWorkspace)
	if !ok {
		t.Fatal("no Findings workspace")
	}
	page, err := c.WorkspaceVulnFiles(ctx, wsID, client.VulnQuery{Size: 1000})
	if err != nil {
		t.Fatal(err)
	}
	rows := page.Data
	if page.TotalItems != files+1 || len(rows) != files+1 || rows[0].File != horusectest.BigFile || rows[0].TotalVulnerabilities != big ||
		rows[0].RepositoryName != horusectest.FindingsRepositoryName(1) || rows[files].File != horusectest.FindingsFileName(files, files) {
		t.Fatalf("files: total %d, %d rows, first %+v, last %+v", page.TotalItems, len(rows), rows[0], rows[len(rows)-1])
	}
	repos := map[string]bool{}
	for _, r := range rows {
		repos[r.RepositoryName] = true
	}
	if len(repos) != horusectest.FindingsRepositories {
		t.Errorf("files in %d repositories, want %d", len(repos), horusectest.FindingsRepositories)
	}
	fv, err := c.FileVulnerabilities(ctx, wsID, rows[0].RepositoryID, client.VulnQuery{File: horusectest.BigFile, Size: 1000})
	if err != nil || fv.TotalItems != big || len(fv.Data) != big {
		t.Fatalf("the big file: %d of %d (%v)", len(fv.Data), fv.TotalItems, err)
	}
	now := clk.Now()
	d, err := c.WorkspaceDashboard(ctx, wsID, client.DateRange{From: now.AddDate(0, 0, -30), To: now})
	if err != nil || d.VulnerabilityBySeverity.Total() != files+big {
		t.Fatalf("the dashboard counts %d findings, want %d (%v)", d.VulnerabilityBySeverity.Total(), files+big, err)
	}
	if _, err := horusectest.NewServer(horusectest.Options{Empty: true, ScaleVulnFiles: 3}); err == nil {
		t.Error("an empty platform has no demo Manager to own the Findings workspace")
	}
}
