package e2e

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// TestTokenForAScript is the pipeline's way: TOKEN=$(horusec-tui token
// create …) captures the token and nothing else, and the platform takes an
// analysis sent with it.
func TestTokenForAScript(t *testing.T) {
	requireKeyring(t)
	t.Parallel()
	p := startDemoServer(t)
	env := cleanEnv(p.Env(filepath.Join(t.TempDir(), "config"))...)
	env = append(env, "E2E_BIN="+bin, "E2E_PASSWORD="+horusectest.ManagerPassword)

	sh := func(script string) (string, string, int) {
		t.Helper()
		return runProgram(t, env, "", "sh", "-c", script)
	}

	if _, stderr, code := sh(`printf '%s' "$E2E_PASSWORD" | "$E2E_BIN" auth login --email manager@example.com --password-stdin`); code != 0 {
		t.Fatalf("auth login: exit %d: %s", code, stderr)
	}
	out, stderr, code := sh(`TOKEN=$("$E2E_BIN" token create --workspace "Acme Platform" --description ci) || exit $?; printf '[%s]' "$TOKEN"`)
	if code != 0 {
		t.Fatalf("token create: exit %d: %s", code, stderr)
	}
	token := strings.TrimSuffix(strings.TrimPrefix(out, "["), "]")
	if !tokenRE.MatchString(token) || tokenRE.FindString(token) != token {
		t.Fatalf("$(token create) captured %q, want the token alone", out)
	}
	if strings.Contains(stderr, token) {
		t.Error("the token is also on stderr")
	}
	if _, err := upload(platformClient(t, p, "", ""), token, "from-ci"); err != nil {
		t.Fatalf("the platform refuses the token: %v", err)
	}
	// The list shows it by its last five characters only.
	list, _, code := runCLI(t, env, "", "token", "list", "--workspace", "Acme Platform")
	if code != 0 || !strings.Contains(list, token[len(token)-5:]) || strings.Contains(list, token) {
		t.Fatalf("token list (exit %d):\n%s", code, list)
	}
	if _, stderr, code := sh(`"$E2E_BIN" auth logout`); code != 0 {
		t.Fatalf("auth logout: exit %d: %s", code, stderr)
	}
}
