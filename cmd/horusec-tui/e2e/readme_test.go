package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// readmeSkips are the only README lines TestREADMECommands does not run as
// written, each with why: they wait for a person at a terminal, or need a
// program the test machine does not have. instead, when set, is run in the
// line's place.
var readmeSkips = []struct{ prefix, why, instead string }{
	{"go build -o horusec-tui ", "builds the program: the test runs the binary it built already", ""},
	{"./horusec-tui ", "opens the terminal UI, which waits for a person at the keyboard", ""},
	{"horusec-tui --profile work ", "opens the terminal UI, which waits for a person at the keyboard", ""},
	{"horusec-tui completion powershell | Out-String | Invoke-Expression", "needs PowerShell to load the script; the script is still printed",
		"horusec-tui completion powershell | grep -q Register-ArgumentCompleter"},
}

// readmeCovers are commands the README's blocks must show (and so the test
// runs): a block lost or cut in an edit of the README fails the test.
var readmeCovers = []string{
	"horusec-tui profile add", "horusec-tui profile list", "auth login", "auth status",
	"workspace create", "workspace list", "workspace show", "workspace edit", "workspace delete", "--admin-group",
	"token create", "token list", "token revoke", "member list", "member invite", "member set-role", "member remove",
	"repo list", "repo create", "dashboard", "vuln list", "vuln set", "webhook create", "webhook list",
	"webhook test", "webhook edit", "webhook delete", "completion bash", "completion zsh", "completion fish",
}

// readmeBlock is one ```sh block of the README that runs the program.
type readmeBlock struct {
	section string // the "## " heading it stands under
	line    int    // where it starts in the README
	text    string
}

// readmeBlocks reads every ```sh block of the README that calls
// horusec-tui (the Set-up block's make targets are CI's own steps).
func readmeBlocks(t *testing.T) []readmeBlock {
	t.Helper()
	readme, err := os.ReadFile("../../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var blocks []readmeBlock
	var cur *readmeBlock
	section := ""
	for i, l := range strings.Split(string(readme), "\n") {
		switch {
		case cur != nil && strings.HasPrefix(l, "```"):
			if strings.Contains(cur.text, "horusec-tui") {
				blocks = append(blocks, *cur)
			}
			cur = nil
		case cur != nil:
			cur.text += l + "\n"
		case l == "```sh":
			cur = &readmeBlock{section: section, line: i + 1}
		case strings.HasPrefix(l, "## "):
			section = strings.TrimPrefix(l, "## ")
		}
	}
	if cur != nil {
		t.Fatalf("the README's block at line %d is never closed", cur.line)
	}
	return blocks
}

// TestREADMECommands runs every command block of the README, as it stands,
// in bash against demo-server, so that the examples cannot rot. The blocks
// of a section share a config directory (the login of "Commands for
// scripts" serves its later blocks); a section's profiles do not reach
// another's. Each line must succeed.
func TestREADMECommands(t *testing.T) {
	requireKeyring(t)
	t.Parallel()
	blocks := readmeBlocks(t)
	all := ""
	for _, b := range blocks {
		all += b.text
	}
	for _, c := range readmeCovers {
		if !strings.Contains(all, c) {
			t.Errorf("no command block of the README shows %q", c)
		}
	}

	p := startDemoServer(t)
	// A webhook's receiver: the README's bot.example.com is not reachable.
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { fmt.Fprint(w, "ok") }))
	t.Cleanup(receiver.Close)

	// horusec-tui on PATH is the binary under test.
	dir := t.TempDir()
	if err := os.Symlink(bin, filepath.Join(dir, "horusec-tui")); err != nil {
		t.Fatal(err)
	}
	home := t.TempDir()
	// Where the completion block writes its scripts. zsh's fpath counts
	// from 1, bash's arrays from 0: fpath[1] is the first of zsh's.
	zshFunctions := filepath.Join(home, ".zfunc")
	for _, d := range []string{zshFunctions, filepath.Join(home, ".config", "fish", "completions")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
	}
	prelude := fmt.Sprintf("fpath=(%q %q)\n", "", zshFunctions)

	configs := map[string]string{}
	used := map[string]bool{}
	for _, b := range blocks {
		if configs[b.section] == "" {
			configs[b.section] = filepath.Join(t.TempDir(), "config")
		}
		env := cleanEnv(p.Env(configs[b.section])...)
		for i, kv := range env {
			if strings.HasPrefix(kv, "PATH=") {
				env[i] = "PATH=" + dir + ":" + strings.TrimPrefix(kv, "PATH=")
			}
			if strings.HasPrefix(kv, "HOME=") {
				env[i] = "HOME=" + home
			}
		}
		env = append(env, "PASSWORD="+horusectest.ManagerPassword, "BOT_KEY=s3cret-bot-key")

		var script strings.Builder
		script.WriteString(prelude)
		for _, l := range strings.Split(b.text, "\n") {
			skipped := false
			for _, s := range readmeSkips {
				if strings.HasPrefix(l, s.prefix) {
					t.Logf("README line %q (%s) not run: %s", l, b.section, s.why)
					used[s.prefix], skipped = true, true
					fmt.Fprintf(&script, "%s\n", nonEmpty(s.instead, "true"))
				}
			}
			if !skipped {
				script.WriteString(readmeValues(t, l, env, receiver.URL) + "\n")
			}
		}
		// Each line must succeed; bash -x names the one that did not.
		cmd := exec.Command("bash", "--norc", "--noprofile", "-e", "-o", "pipefail", "-x", "-c", script.String())
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("the README's block at line %d (%s) failed: %v\n%s", b.line, b.section, err, out)
		}
	}
	for _, s := range readmeSkips {
		if !used[s.prefix] {
			t.Errorf("no README line starts with %q any more: drop it from readmeSkips", s.prefix)
		}
	}
	// The completion block wrote its scripts where the shells read them.
	for file, want := range map[string]string{
		filepath.Join(zshFunctions, "_horusec-tui"):                               "#compdef horusec-tui",
		filepath.Join(home, ".config", "fish", "completions", "horusec-tui.fish"): "complete -c horusec-tui",
	} {
		if b, err := os.ReadFile(file); err != nil || !strings.Contains(string(b), want) {
			t.Errorf("%s: %v, want %q in it", file, err, want)
		}
	}
}

// readmeValues puts into a README line what the demo cannot have as
// written: a seeded finding's hash (the demo draws new ones on every start)
// for 3f9a, and a local receiver for bot.example.com.
func readmeValues(t *testing.T, line string, env []string, receiverURL string) string {
	t.Helper()
	line = strings.ReplaceAll(line, "https://bot.example.com", receiverURL)
	if !strings.Contains(line, "--hash 3f9a") {
		return line
	}
	out, errOut, code := runCLI(t, env, "", "vuln", "list", "--workspace", "Acme Platform", "--repository", "payments-api",
		"--file", "scripts/deploy.sh", "--output", "json")
	var found []struct {
		VulnHash string `json:"vulnHash"`
	}
	if err := json.Unmarshal([]byte(out), &found); code != 0 || err != nil || len(found) == 0 || len(found[0].VulnHash) < 12 {
		t.Fatalf("a seeded finding's hash: exit %d, %v, %q %q", code, err, out, errOut)
	}
	return strings.ReplaceAll(line, "3f9a", found[0].VulnHash[:12])
}

func nonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
