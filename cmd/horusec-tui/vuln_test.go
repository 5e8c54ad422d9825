package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// vulnDemo is demoLogin, and a client of the test's own logged in as the
// demo Manager.
func vulnDemo(t *testing.T, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	srv := demoLogin(t, email, password)
	return srv, demoClient(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
}

// acmeFindings is the findings of the first file of the Acme Platform
// repository repo, as the platform lists them to c.
func acmeFindings(t *testing.T, srv *horusectest.Server, c *client.Client, repo string) (wsID, repoID string, findings []client.Vulnerability) {
	t.Helper()
	ctx := context.Background()
	wsID = mustWS(t, srv, "Acme Platform")
	repoID, _ = srv.RepositoryID(wsID, repo)
	files, err := c.RepositoryVulnFiles(ctx, wsID, repoID, client.VulnQuery{})
	if err != nil || len(files.Data) == 0 {
		t.Fatal(files, err)
	}
	fv, err := c.FileVulnerabilities(ctx, wsID, repoID, client.VulnQuery{File: files.Data[0].File})
	if err != nil || len(fv.Data) == 0 {
		t.Fatal(fv, err)
	}
	return wsID, repoID, fv.Data
}

// vuln set --yes from a script marks findings found by hash, and the
// platform's listing and dashboard agree; vuln list shows them.
func TestVulnSetByHashFromAScript(t *testing.T) {
	srv, c := vulnDemo(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ctx := context.Background()
	wsID, repoID, findings := acmeFindings(t, srv, c, "payments-api")
	target := findings[0]
	rng := client.DateRange{From: time.Now().AddDate(0, 0, -60), To: time.Now()}
	before, _ := c.RepositoryDashboard(ctx, wsID, repoID, rng)

	code, out, errOut := runCmd(t, "", "vuln", "list", "--workspace", "Acme Platform", "--repository", "payments-api", "--hash", target.VulnHash[:16], "--output", "json")
	var found []map[string]any
	if code != exitOK || json.Unmarshal([]byte(out), &found) != nil || len(found) != 1 || found[0]["vulnerabilityID"] != target.VulnerabilityID {
		t.Fatalf("vuln list --hash: exit %d, %s %s", code, out, errOut)
	}
	code, out, errOut = runCmd(t, "", "vuln", "set", "--workspace", "Acme Platform", "--repository", "payments-api",
		"--status", "false-positive", "--hash", target.VulnHash[:16], "--yes")
	if code != exitOK || !strings.Contains(out, target.VulnerabilityID) || !strings.Contains(out, "→ "+target.Severity+" False Positive") {
		t.Fatalf("vuln set: exit %d, %s %s", code, out, errOut)
	}
	got, _ := c.FileVulnerabilities(ctx, wsID, repoID, client.VulnQuery{File: target.File, Hash: target.VulnHash})
	if len(got.Data) != 1 || got.Data[0].Type != client.TypeFalsePositive {
		t.Fatalf("the platform's listing: %+v", got.Data)
	}
	after, _ := c.RepositoryDashboard(ctx, wsID, repoID, rng)
	fp := func(d client.Dashboard) int {
		s := d.VulnerabilityBySeverity
		return s.Critical.Types.FalsePositive + s.High.Types.FalsePositive + s.Medium.Types.FalsePositive +
			s.Low.Types.FalsePositive + s.Info.Types.FalsePositive + s.Unknown.Types.FalsePositive
	}
	if fp(after) != fp(before)+1 {
		t.Fatalf("dashboard false positives %d, before %d", fp(after), fp(before))
	}
	// The files listing of the status.
	code, out, _ = runCmd(t, "", "vuln", "list", "--workspace", "Acme Platform", "--repository", "payments-api", "--status", "False Positive")
	if code != exitOK || !strings.Contains(out, target.File) || !strings.Contains(out, "FINDINGS") {
		t.Fatalf("vuln list --status: exit %d:\n%s", code, out)
	}
}

// More than one finding needs --yes without a terminal; ids from stdin.
func TestVulnSetManyNeedsYes(t *testing.T) {
	srv, c := vulnDemo(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	_, _, findings := acmeFindings(t, srv, c, "payments-api")
	if len(findings) < 2 {
		t.Skip("needs two findings in one file")
	}
	ids := findings[0].VulnerabilityID + "\n" + findings[1].VulnerabilityID + "\n"
	args := []string{"vuln", "set", "--workspace", "Acme Platform", "--repository", "payments-api", "--status", "risk-accepted", "--severity", "low", "--ids-from", "-"}
	code, _, errOut := runCmd(t, ids, args...)
	if code != exitUsage || !strings.Contains(errOut, "--yes") {
		t.Fatalf("without --yes: exit %d, %s", code, errOut)
	}
	code, out, errOut := runCmd(t, ids, append(args, "--yes")...)
	if code != exitOK || !strings.Contains(out, "Changed 2 finding(s)") {
		t.Fatalf("with --yes: exit %d, %s %s", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", "vuln", "set", "--workspace", "Acme Platform", "--repository", "payments-api", "--status", "corrected", "--id", "00000000-0000-4000-a000-000000000000")
	if code != exitNotFound {
		t.Fatalf("unknown id: exit %d, %s", code, errOut)
	}
}

// A repository User is refused and told which role may change findings.
func TestVulnSetUserIsRefused(t *testing.T) {
	srv, c := vulnDemo(t, horusectest.UserEmail, horusectest.UserPassword)
	_, _, findings := acmeFindings(t, srv, c, "payments-api")
	code, _, errOut := runCmd(t, "", "vuln", "set", "--workspace", "Acme Platform", "--repository", "payments-api",
		"--status", "false-positive", "--id", findings[0].VulnerabilityID)
	if code != exitPermission || !strings.Contains(errOut, "Supervisor") {
		t.Fatalf("a User: exit %d, %s", code, errOut)
	}
}

// A Supervisor of a repository (the demo User in checkout-web) changes its
// findings from a script; in a repository where they are a User, the same
// command is refused and says which roles may.
func TestVulnSetSupervisorOfTheRepository(t *testing.T) {
	srv, c := vulnDemo(t, horusectest.UserEmail, horusectest.UserPassword)
	wsID, repoID, findings := acmeFindings(t, srv, c, "checkout-web")
	target := findings[0]
	code, out, errOut := runCmd(t, "", "vuln", "set", "--workspace", "Acme Platform", "--repository", "checkout-web",
		"--status", "risk-accepted", "--id", target.VulnerabilityID)
	if code != exitOK || !strings.Contains(out, target.VulnerabilityID) || !strings.Contains(out, "Risk Accepted") {
		t.Fatalf("a Supervisor of checkout-web: exit %d, %s %s", code, out, errOut)
	}
	got, _ := c.FileVulnerabilities(context.Background(), wsID, repoID, client.VulnQuery{File: target.File, Hash: target.VulnHash})
	if len(got.Data) != 1 || got.Data[0].Type != client.TypeRiskAccepted {
		t.Fatalf("the platform's listing: %+v", got.Data)
	}

	_, _, findings = acmeFindings(t, srv, c, "payments-api")
	code, _, errOut = runCmd(t, "", "vuln", "set", "--workspace", "Acme Platform", "--repository", "payments-api",
		"--status", "risk-accepted", "--id", findings[0].VulnerabilityID)
	if code != exitPermission || !strings.Contains(errOut, "a Manager or Supervisor of the repository") {
		t.Fatalf("a User of payments-api: exit %d, %s", code, errOut)
	}
}
