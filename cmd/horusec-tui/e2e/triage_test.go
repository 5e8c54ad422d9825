package e2e

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// Three findings of one file, as the Horusec CLI sends them: two whose
// hashes share a part (found together by it) and a third.
const (
	triageRepo  = "triage-api"
	triageFile  = "internal/auth/session.go"
	sharedPart  = "feedface"
	hashA       = "feedface0a1b2c3d4e5f60718293a4b5c6d7e8f9011223344556677889900aabb"
	hashB       = "feedface9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa998877665544"
	hashC       = "0badc0de00112233445566778899aabbccddeeff00112233445566778899aabb"
	triageTotal = 3
)

func uploadTriage(t *testing.T, p platform, token string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	f := func(line, code, hash string) client.Finding {
		return client.Finding{Severity: "CRITICAL", Language: "Go", SecurityTool: "GoSec", File: triageFile, Line: line, Column: "2",
			Code: code, Details: "(1/1) * Possible vulnerability detected: hard-coded credential", CommitAuthor: "Dana Dev",
			CommitEmail: "dana@example.com", CommitHash: "9a8b7c6d", CommitDate: "2026-11-29T10:00:00Z", VulnHash: hash}
	}
	_, err := platformClient(t, p, "", "").UploadAnalysis(ctx, []byte(token), triageRepo, client.AnalysisUpload{Findings: []client.Finding{
		f("12", `secret := "s3cr3t-key"`, hashA), f("48", `password := "hunter2"`, hashB), f("90", `apiKey := "AKIA0000"`, hashC),
	}})
	if err != nil {
		t.Fatalf("the upload with the workspace token: %v", err)
	}
}

var fpRE = regexp.MustCompile(`└ False positive[ ▪]*(\d+)`)

// criticalFalsePositives opens the Critical breakdown on the Dashboard tab
// and reads its false-positive count, waiting for want when want >= 0.
func criticalFalsePositives(t *testing.T, tm *term, want int) int {
	t.Helper()
	tm.Press("Enter")
	var screen string
	if want < 0 {
		screen = tm.WaitForRE(fpRE)
	} else {
		screen = tm.WaitForRE(regexp.MustCompile(`└ False positive[ ▪]*` + strconv.Itoa(want) + `\b`))
	}
	n, _ := strconv.Atoi(fpRE.FindStringSubmatch(screen)[1])
	tm.Press("Escape")
	tm.WaitGone("└ False positive")
	return n
}

// TestTriageInTheTerminal: against demo-server the demo Manager creates a
// workspace token, an analysis is uploaded with it as the Horusec CLI
// does, and in the Vulnerabilities tab the Manager finds its findings by
// a part of their hash, marks two False Positive and saves them in one
// request; the Dashboard tab's false-positive count rises by two, and the
// platform's listing agrees. 'vuln set … --yes' then does the same for
// the third finding from a script.
func TestTriageInTheTerminal(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	p := startDemoServer(t)
	s := loggedIn(t, p)

	token, stderr, code := runCLI(t, s.env, "", "--insecure-storage", "token", "create", "--workspace", "Acme Platform", "--description", "e2e triage")
	if code != 0 {
		t.Fatalf("token create: exit %d: %s", code, stderr)
	}
	uploadTriage(t, p, strings.TrimSpace(token))

	tm := s.open(t, 120, 40)
	tm.WaitFor("Acme Platform")
	tm.Press("Enter")
	tm.WaitFor("Acme Platform · your role: Manager")
	tm.Press("Tab")
	tm.Press("Tab")
	tm.Press("Tab")
	tm.WaitFor("Vulnerabilities by severity")
	before := criticalFalsePositives(t, tm, -1)

	// The Vulnerabilities tab; / finds the file by a part of a hash.
	tm.Press("Tab")
	tm.WaitFor("Showing Severity: all · Status: Vulnerability")
	tm.Press("/")
	tm.WaitFor("a part of a finding's hash")
	tm.Type(sharedPart)
	tm.Press("Enter")
	tm.WaitFor("Hash: “"+sharedPart+"”", "1 file", triageFile, triageRepo)
	tm.Press("Enter")
	tm.WaitFor(triageFile+" · "+triageRepo+" · 2 findings", `secret := "s3cr3t-key"`, `password := "hunter2"`)

	// space marks each, f sets both to False Positive, ctrl+s saves them
	// in one request.
	tm.Press("Space")
	tm.WaitFor("1 finding marked")
	tm.Press("Space")
	tm.WaitFor("2 findings marked")
	tm.Press("f")
	screen := tm.WaitFor("2 changes — ctrl+s save, esc discard")
	if n := strings.Count(screen, "False Positive*"); n != 2 {
		t.Fatalf("%d rows show the pending False Positive, want 2:\n%s", n, screen)
	}
	tm.Press("C-s")
	tm.WaitFor("Saved 2 changes.")
	screen = tm.WaitForRE(regexp.MustCompile(`(?s)False Positive .*False Positive `))
	if strings.Contains(screen, "changes —") || strings.Contains(screen, "Vulnerability ") {
		t.Fatalf("after the save:\n%s", screen)
	}

	// The Dashboard counts them: two more false positives.
	tm.Press("BTab")
	tm.WaitFor("Vulnerabilities by severity")
	criticalFalsePositives(t, tm, before+2)

	// The platform's listing agrees, through the command and the client.
	out, stderr, code := runCLI(t, s.env, "", "--insecure-storage", "vuln", "list", "--workspace", "Acme Platform",
		"--repository", triageRepo, "--hash", sharedPart, "--output", "json")
	if code != 0 {
		t.Fatalf("vuln list: exit %d: %s", code, stderr)
	}
	var listed []client.Vulnerability
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed) != 2 {
		t.Fatalf("vuln list --hash %s: %v\n%s", sharedPart, err, out)
	}
	for _, v := range listed {
		if v.Type != client.TypeFalsePositive || v.Severity != client.SeverityCritical || (v.VulnHash != hashA && v.VulnHash != hashB) {
			t.Errorf("listed after the save: %s %s %s", v.VulnHash, v.Severity, v.Type)
		}
	}
	mgr := platformClient(t, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	fp := func() int {
		t.Helper()
		d, err := mgr.WorkspaceDashboard(context.Background(), workspaceID(t, mgr, "Acme Platform"),
			client.DateRange{From: time.Now().AddDate(-1, 0, 0), To: time.Now()})
		if err != nil {
			t.Fatal(err)
		}
		return d.VulnerabilityBySeverity.Critical.Types.FalsePositive
	}
	if got := fp(); got != before+2 {
		t.Fatalf("the platform's dashboard counts %d critical false positives, want %d", got, before+2)
	}

	// From a script: vuln set … --yes marks the third one, found by hash.
	out, stderr, code = runCLI(t, s.env, "", "--insecure-storage", "vuln", "set", "--workspace", "Acme Platform",
		"--repository", triageRepo, "--status", "false-positive", "--hash", hashC[:12], "--yes")
	if code != 0 || !strings.Contains(out, triageFile+":90") || !strings.Contains(out, "False Positive") {
		t.Fatalf("vuln set: exit %d\n%s%s", code, out, stderr)
	}
	if got := fp(); got != before+3 {
		t.Fatalf("after vuln set the platform counts %d critical false positives, want %d", got, before+3)
	}
	out, _, _ = runCLI(t, s.env, "", "--insecure-storage", "vuln", "list", "--workspace", "Acme Platform",
		"--repository", triageRepo, "--file", triageFile, "--status", "false-positive", "--output", "json")
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed) != triageTotal {
		t.Fatalf("vuln list --status false-positive: %v\n%s", err, out)
	}
	// The TUI shows it after r.
	tm.Press("r")
	criticalFalsePositives(t, tm, before+3)
}

// openRepository searches the workspace's Repositories tab for name and
// opens it on its first tab.
func openRepository(tm *term, name string) {
	tm.Press("/")
	tm.Type(name)
	tm.WaitFor("“" + name + "” · ")
	tm.Press("Enter")
	tm.WaitFor("▌ " + name)
	tm.Press("Enter")
	tm.WaitFor(name + "  ·  in Acme Platform")
}

// TestTriageByRoleInTheTerminal: the demo User, a User of payments-api,
// reads its findings and is told which roles may change them when they
// try; as Supervisor of checkout-web they mark one Corrected and save it,
// and the platform lists it so.
func TestTriageByRoleInTheTerminal(t *testing.T) {
	requireTmux(t)
	t.Parallel()
	p := startDemoServer(t)
	s := session{cfgDir: filepath.Join(t.TempDir(), "config"), debugLog: filepath.Join(t.TempDir(), "debug.log")}
	s.env = cleanEnv(p.Env(s.cfgDir)...)
	if _, stderr, code := runCLI(t, s.env, horusectest.UserPassword, "--insecure-storage", "auth", "login",
		"--email", horusectest.UserEmail, "--password-stdin"); code != 0 {
		t.Fatalf("auth login: exit %d: %s", code, stderr)
	}
	mgr := platformClient(t, p, horusectest.ManagerEmail, horusectest.ManagerPassword)
	wsID := workspaceID(t, mgr, "Acme Platform")
	corrected := func() int {
		t.Helper()
		page, err := mgr.RepositoryVulnFiles(context.Background(), wsID, repositoryID(t, mgr, wsID, "checkout-web"),
			client.VulnQuery{Type: client.TypeCorrected, Size: 1000})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, f := range page.Data {
			n += f.TotalVulnerabilities
		}
		return n
	}
	before := corrected()

	tm := s.open(t, 120, 40)
	tm.WaitFor("Acme Platform")
	tm.Press("Enter")
	tm.WaitFor("Acme Platform · your role: User")

	// A User of payments-api: read-only, and told who may change findings.
	openRepository(tm, "payments-api")
	tm.Press("Tab")
	tm.WaitFor("Showing Severity: all · Status: Vulnerability", "read-only for your role")
	tm.Press("Enter")
	tm.WaitFor("Read-only for a User: a repository Manager or Supervisor can change findings.")
	tm.Press("f")
	screen := tm.WaitFor("Read-only: only a Manager or Supervisor of the repository")
	if strings.Contains(screen, "change —") {
		t.Fatalf("a refused change is pending:\n%s", screen)
	}
	tm.Press("Escape") // the findings
	tm.WaitGone("Read-only for a User")
	tm.Press("Escape") // the repository
	tm.WaitFor("Acme Platform · your role: User")
	tm.Press("Escape") // the search
	tm.WaitGone("“payments-api”")

	// A Supervisor of checkout-web: x marks the finding Corrected.
	openRepository(tm, "checkout-web")
	tm.Press("Tab")
	tm.WaitFor("Showing Severity: all · Status: Vulnerability")
	tm.Press("Enter")
	tm.WaitFor(" · analysed ", "Severity  Status")
	tm.Press("x")
	tm.WaitFor("1 change — ctrl+s save, esc discard", "Corrected*")
	tm.Press("C-s")
	tm.WaitFor("Saved 1 change.")
	if got := corrected(); got != before+1 {
		t.Fatalf("the platform lists %d corrected findings in checkout-web, want %d", got, before+1)
	}
}
