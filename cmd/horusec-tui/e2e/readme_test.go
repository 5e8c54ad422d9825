package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// TestREADMECommands runs the first command block of the README's
// "Commands for scripts" section, as it stands, in bash against
// demo-server, so that the examples cannot rot.
func TestREADMECommands(t *testing.T) {
	requireKeyring(t)
	t.Parallel()
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "\n## Commands for scripts\n")
	if !ok {
		t.Fatal("the README has no \"Commands for scripts\" section")
	}
	_, block, ok := strings.Cut(section, "```sh\n")
	block, _, ok2 := strings.Cut(block, "```")
	if !ok || !ok2 || !strings.Contains(block, "horusec-tui workspace create") {
		t.Fatalf("no command block in the section:\n%s", section)
	}

	p := startDemoServer(t)
	// horusec-tui on PATH is the binary under test.
	dir := t.TempDir()
	if err := os.Symlink(bin, filepath.Join(dir, "horusec-tui")); err != nil {
		t.Fatal(err)
	}
	env := cleanEnv(p.Env(filepath.Join(t.TempDir(), "config"))...)
	for i, kv := range env {
		if strings.HasPrefix(kv, "PATH=") {
			env[i] = "PATH=" + dir + ":" + strings.TrimPrefix(kv, "PATH=")
		}
	}
	env = append(env, "PASSWORD="+horusectest.ManagerPassword)
	// Each line must succeed; bash -x names the one that did not.
	cmd := exec.Command("bash", "--norc", "--noprofile", "-e", "-o", "pipefail", "-x", "-c", block)
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the README's commands failed: %v\n%s", err, out)
	}
}
