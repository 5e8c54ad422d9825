package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// TestContractAgainstDemoServer runs the client's contract suite — the
// black-box checks written from the platform's API contract, the same suite
// that runs against a real platform — against 'horusec-tui demo-server
// --empty' as a separate process, so the served program answers as the
// real platform does, not only the in-process test double.
func TestContractAgainstDemoServer(t *testing.T) {
	contractAgainstDemoServer(t, []string{"--empty"})
}

// TestContractAgainstDemoServerLDAP does the same with the demo's LDAP
// mode: the suite reads the auth type and runs its LDAP part with a
// directory login.
func TestContractAgainstDemoServerLDAP(t *testing.T) {
	contractAgainstDemoServer(t, []string{"--empty", "--ldap"},
		"HORUSEC_IT_LDAP_LOGIN="+horusectest.LDAPManagerLogin, "HORUSEC_IT_LDAP_PASSWORD="+horusectest.LDAPManagerPassword)
}

func contractAgainstDemoServer(t *testing.T, args []string, env ...string) {
	if testing.Short() {
		t.Skip("runs the client's contract suite in a child 'go test'")
	}
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	t.Parallel()
	p := startDemoServer(t, args...)
	root, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(gobin, "test", "-count=1", "-v", "-run", "^TestContractRealPlatform$", "./client/")
	cmd.Dir = root
	cmd.Env = cleanEnv(append([]string{
		"HORUSEC_IT_AUTH_URL=" + p.Auth,
		"HORUSEC_IT_CORE_URL=" + p.Core,
		"HORUSEC_IT_ANALYTIC_URL=" + p.Analytic,
		"HORUSEC_IT_API_URL=" + p.API,
		"HORUSEC_IT_VULNERABILITY_URL=" + p.Vulnerability,
	}, env...)...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the contract suite failed against demo-server %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	// A skipped suite would pass too: make sure it ran.
	if !strings.Contains(string(out), "--- PASS: TestContractRealPlatform") || strings.Contains(string(out), "SKIP") {
		t.Fatalf("the contract suite did not run against demo-server:\n%s", out)
	}
}
