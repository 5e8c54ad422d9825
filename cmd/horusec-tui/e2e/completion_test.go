package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// TestBashCompletesWorkspaces: in a real bash, after
// 'source <(horusec-tui completion bash)', completing
// 'horusec-tui member list --workspace <TAB>' offers the logged-in
// profile's workspaces, names with spaces included.
func TestBashCompletesWorkspaces(t *testing.T) {
	requireKeyring(t)
	// The scripts cobra writes use bash-completion's helpers, as a
	// person's interactive bash has them.
	const helpers = "/usr/share/bash-completion/bash_completion"
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	if _, err := os.Stat(helpers); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("bash-completion is not installed (.ci/run installs it): %v", err)
		}
		t.Skipf("bash-completion is not installed (apt-get install bash-completion): %v", err)
	}
	t.Parallel()
	p := startDemoServer(t)
	env := cleanEnv(p.Env(filepath.Join(t.TempDir(), "config"))...)
	if _, stderr, code := runCLI(t, env, horusectest.ManagerPassword, "auth", "login", "--email", horusectest.ManagerEmail, "--password-stdin"); code != 0 {
		t.Fatalf("login: exit %d: %s", code, stderr)
	}
	complete := func(line string) []string {
		t.Helper()
		script := `source ` + helpers + `
source <("$E2E_BIN" completion bash)
COMP_LINE="$E2E_LINE"; COMP_POINT=${#COMP_LINE}
read -ra COMP_WORDS <<< "$COMP_LINE"
[[ $COMP_LINE == *" " ]] && COMP_WORDS+=("")
COMP_WORDS[0]="$E2E_BIN"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
__start_horusec-tui
printf '%s\n' "${COMPREPLY[@]}"`
		cmd := exec.Command("bash", "--norc", "--noprofile", "-c", script)
		cmd.Env = append(env, "E2E_BIN="+bin, "E2E_LINE="+line)
		// compopt complains on stderr outside a real TAB press: only the
		// offers on stdout count.
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("bash: %v\n%s", err, out)
		}
		return strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	}
	got := complete("horusec-tui member list --workspace ")
	joined := strings.Join(got, "|")
	for _, want := range []string{"Sandbox", "Mobile"} {
		if !strings.Contains(joined, want) {
			t.Errorf("--workspace <TAB> offers %q, want %q among them", got, want)
		}
	}
	if !strings.Contains(joined, `Acme\ Platform`) && !strings.Contains(joined, "Acme Platform") {
		t.Errorf("--workspace <TAB> offers %q, want Acme Platform", got)
	}
	if got := complete("horusec-tui token list --workspace Sa"); strings.Join(got, "|") != "Sandbox" {
		t.Errorf("--workspace Sa<TAB> offers %q", got)
	}
}
