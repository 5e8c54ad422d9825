// Package e2e drives the built program in a real terminal (tmux) against
// the demo platform, as a person would, and measures it.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/config"
)

// bin is the program, built once for the whole package.
var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "horusec-tui-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "horusec-tui")
	build := exec.Command("go", "build", "-o", bin, "..")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "e2e: go build: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// skipOrFail skips a test that lacks a tool, except in CI where a skip
// would hide a broken set-up.
func skipOrFail(tb testing.TB, msg string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatal(msg + " (CI=true: these tests must run; .ci/run installs what they need)")
	}
	tb.Skip(msg)
}

func requireTmux(tb testing.TB) {
	tb.Helper()
	requireLinux(tb, "the real-terminal tests")
	if _, err := exec.LookPath("tmux"); err != nil {
		skipOrFail(tb, "real-terminal test skipped: tmux is not installed (apt-get install tmux)")
	}
}

// requireLinux skips the tests named by what off Linux, whose terminal and
// Secret Service they drive.
func requireLinux(tb testing.TB, what string) {
	tb.Helper()
	if runtime.GOOS != "linux" {
		tb.Skip(what + " run on Linux")
	}
}

// requireKeyring skips without the private Secret Service that 'make test'
// starts (HORUSEC_TUI_KEYRING_TESTS=1): the test must never touch the
// keyring of the person running it.
func requireKeyring(tb testing.TB) {
	tb.Helper()
	if os.Getenv("HORUSEC_TUI_KEYRING_TESTS") == "" {
		skipOrFail(tb, "real-keyring test skipped: HORUSEC_TUI_KEYRING_TESTS is not set; run 'make test', which starts a private D-Bus session with an unlocked GNOME keyring (apt-get install dbus gnome-keyring libsecret-tools)")
	}
	if _, err := exec.LookPath("secret-tool"); err != nil {
		tb.Fatal("secret-tool not found: apt-get install libsecret-tools")
	}
}

// waitTime bounds every wait for the screen; generous because the suite
// may run beside the race detector on two cores.
const waitTime = 20 * time.Second

// cleanEnv is the test's environment without anything that would point the
// program at another platform, profile or config.
func cleanEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "HORUSEC_") || strings.HasPrefix(kv, "TMUX") || strings.HasPrefix(kv, "NO_COLOR=") {
			continue
		}
		env = append(env, kv)
	}
	return append(env, extra...)
}

// platform is a running 'horusec-tui demo-server'.
type platform struct {
	Auth, Core, Analytic, API string
	Webhook                   string
	Vulnerability             string
}

// Env points the program at the platform, with its own config directory.
func (p platform) Env(configDir string) []string {
	return []string{
		config.EnvConfigDir + "=" + configDir,
		config.EnvAuthURL + "=" + p.Auth,
		config.EnvCoreURL + "=" + p.Core,
		config.EnvAnalyticURL + "=" + p.Analytic,
		config.EnvAPIURL + "=" + p.API,
		config.EnvWebhookURL + "=" + p.Webhook,
		config.EnvVulnerabilityURL + "=" + p.Vulnerability,
	}
}

// startDemoServer runs 'horusec-tui demo-server' and reads its
// HORUSEC_ENDPOINT_* lines.
func startDemoServer(tb testing.TB, args ...string) platform {
	tb.Helper()
	cmd := exec.Command(bin, append([]string{"demo-server"}, args...)...)
	cmd.Env = cleanEnv()
	out, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	urls := map[string]string{}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, out)
	}()
	deadline := time.After(waitTime)
	for len(urls) < 6 {
		select {
		case l, ok := <-lines:
			if !ok {
				tb.Fatalf("demo-server stopped before announcing its URLs: %s", stderr.String())
			}
			if k, v, ok := strings.Cut(l, "="); ok && strings.HasPrefix(k, "HORUSEC_ENDPOINT_") {
				urls[k] = v
			}
		case <-deadline:
			tb.Fatalf("demo-server announced no URLs within %v: %s", waitTime, stderr.String())
		}
	}
	return platform{Auth: urls[config.EnvAuthURL], Core: urls[config.EnvCoreURL], Analytic: urls[config.EnvAnalyticURL], API: urls[config.EnvAPIURL], Webhook: urls[config.EnvWebhookURL],
		Vulnerability: urls[config.EnvVulnerabilityURL]}
}

var socketSeq atomic.Int64

// term is one tmux server (a socket of its own, so tests run in parallel
// and never touch the tmux of the person running them) with one window
// running the program.
type term struct {
	tb         testing.TB
	socket     string
	env        []string
	statusFile string
}

// tmuxConf keeps the pane after the program exits (its last screen can
// still be read) and lets OSC 52 copies reach tmux's paste buffer.
const tmuxConf = `set -g remain-on-exit on
set -g set-clipboard on
set -g history-limit 5000
set -g status off
set -g default-terminal "xterm-256color"
`

// startTerm opens a w×h terminal running argv with env.
func startTerm(tb testing.TB, w, h int, env []string, argv ...string) *term {
	tb.Helper()
	requireTmux(tb)
	dir := tb.TempDir()
	conf := filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(conf, []byte(tmuxConf), 0o600); err != nil {
		tb.Fatal(err)
	}
	t := &term{tb: tb, socket: fmt.Sprintf("horusec-e2e-%d-%d", os.Getpid(), socketSeq.Add(1)), env: env,
		statusFile: filepath.Join(dir, "status")}
	// tmux sockets live under TMUX_TMPDIR; a short private one keeps the
	// path within the limit of a Unix socket name.
	sockets, err := os.MkdirTemp("", "hte2e")
	if err != nil {
		tb.Fatal(err)
	}
	// A copy: terms opened from one env must not share its spare capacity
	// (each would overwrite the others' TMUX_TMPDIR, and then no cleanup
	// finds their servers).
	t.env = append(slices.Clip(env), "TMUX_TMPDIR="+sockets)
	// A shell runs the program and writes down its exit status: tmux 3.3
	// sometimes marks the pane dead without ever reaping the program.
	args := append([]string{"-f", conf, "new-session", "-d", "-s", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "--",
		"sh", "-c", `"$@"; echo $? > "` + t.statusFile + `"`, "sh"}, argv...)
	t.tmux(args...)
	tb.Cleanup(func() {
		_, _ = t.try("kill-server")
		_ = os.RemoveAll(sockets)
	})
	return t
}

func (t *term) try(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-L", t.socket}, args...)...)
	cmd.Env = t.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), nil
}

func (t *term) tmux(args ...string) string {
	t.tb.Helper()
	out, err := t.try(args...)
	if err != nil {
		t.tb.Fatal(err)
	}
	return out
}

// Screen is what the terminal shows now, as text.
func (t *term) Screen() string { return t.tmux("capture-pane", "-t", "e2e", "-p") }

// Scrollback is the screen and everything that scrolled off it.
func (t *term) Scrollback() string { return t.tmux("capture-pane", "-t", "e2e", "-p", "-S", "-") }

// Type sends text literally, as typed.
func (t *term) Type(s string) { t.tmux("send-keys", "-t", "e2e", "-l", s) }

// Fill types values into a form's fields in turn, from the one with the
// cursor, with Tab between them.
func (t *term) Fill(values ...string) {
	t.tb.Helper()
	for i, v := range values {
		if i > 0 {
			t.Press("Tab")
		}
		t.Type(v)
	}
}

// Press sends keys by tmux name (Enter, Escape, Tab, BTab, C-s, Down, j).
// A program reads keys sent in one burst as one chunk, and letters in one
// chunk as one multi-letter key: send letters that are commands one at a
// time and wait for their effect.
func (t *term) Press(keys ...string) {
	t.tb.Helper()
	t.tmux(append([]string{"send-keys", "-t", "e2e"}, keys...)...)
}

// WaitFor polls the screen until it contains every one of texts, and
// returns it. It fails the test with the screen at the deadline.
func (t *term) WaitFor(texts ...string) string {
	t.tb.Helper()
	return t.waitUntil(fmt.Sprintf("%q", texts), func(s string) bool {
		for _, x := range texts {
			if !strings.Contains(s, x) {
				return false
			}
		}
		return true
	})
}

// WaitForRE polls until the screen matches re.
func (t *term) WaitForRE(re *regexp.Regexp) string {
	t.tb.Helper()
	return t.waitUntil(re.String(), re.MatchString)
}

// WaitGone polls until the screen no longer contains text.
func (t *term) WaitGone(text string) string {
	t.tb.Helper()
	return t.waitUntil("no "+text, func(s string) bool { return !strings.Contains(s, text) })
}

// unspun is a screen without its spinners' frames (the braille dots of
// spinner.MiniDot), which turn while a request waits: two looks at a whole
// frame differ only there, and a busy machine seldom catches one frame twice.
func unspun(screen string) string {
	return strings.Map(func(r rune) rune {
		if r >= 0x2800 && r <= 0x28FF {
			return '·'
		}
		return r
	}, screen)
}

func (t *term) waitUntil(what string, ok func(string) bool) string {
	t.tb.Helper()
	deadline := time.Now().Add(waitTime)
	var s string
	for {
		s = t.Screen()
		// tmux may be caught half-way through drawing a frame: take the
		// screen only when a second look a moment later shows the same.
		if ok(s) {
			time.Sleep(30 * time.Millisecond)
			if again := t.Screen(); unspun(again) == unspun(s) {
				return s
			}
			continue
		}
		if time.Now().After(deadline) {
			t.tb.Fatalf("waited %v for %s; the screen shows:\n%s", waitTime, what, s)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// Resize changes the terminal's size.
func (t *term) Resize(w, h int) {
	t.tmux("resize-window", "-t", "e2e", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h))
}

// Buffer is tmux's paste buffer: what the program last copied with OSC 52.
func (t *term) Buffer() (string, error) { return t.try("show-buffer") }

// WaitExit waits until the program has ended and returns its exit status.
func (t *term) WaitExit() string {
	t.tb.Helper()
	deadline := time.Now().Add(waitTime)
	for {
		if b, err := os.ReadFile(t.statusFile); err == nil && bytes.HasSuffix(b, []byte("\n")) {
			return strings.TrimSpace(string(b))
		}
		if time.Now().After(deadline) {
			t.tb.Fatalf("the program did not end within %v; the screen shows:\n%s", waitTime, t.Screen())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// ProgramPID is the process id of the program (the child of the shell
// that runs it).
func (t *term) ProgramPID() string {
	t.tb.Helper()
	sh := strings.TrimSpace(t.tmux("display-message", "-p", "-t", "e2e", "#{pane_pid}"))
	b, err := os.ReadFile(filepath.Join("/proc", sh, "task", sh, "children"))
	if err != nil || len(strings.Fields(string(b))) != 1 {
		t.tb.Fatalf("cannot find the program under the shell %s: %v %q", sh, err, b)
	}
	return strings.Fields(string(b))[0]
}

// runCLI runs one subcommand and returns its stdout, stderr and exit code.
func runCLI(tb testing.TB, env []string, stdin string, args ...string) (stdout, stderr string, code int) {
	tb.Helper()
	return runProgram(tb, env, stdin, bin, args...)
}

// runProgram runs name (the program, or a shell that runs it) with env and
// stdin, and returns its stdout, stderr and exit code.
func runProgram(tb testing.TB, env []string, stdin, name string, args ...string) (stdout, stderr string, code int) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		tb.Fatalf("%v: %v", args, err)
	}
	return out.String(), errb.String(), code
}

// filesContaining lists the files under dir whose content holds any of
// secrets.
func filesContaining(tb testing.TB, dir string, secrets ...string) []string {
	tb.Helper()
	var hits []string
	for path, b := range filesUnder(tb, dir) {
		for _, s := range secrets {
			if s != "" && bytes.Contains(b, []byte(s)) {
				hits = append(hits, path)
				break
			}
		}
	}
	slices.Sort(hits)
	return hits
}

// filesUnder is what the files under dir hold, by path, except empty lock
// files (the locks that programs sharing a profile take hold nothing).
func filesUnder(tb testing.TB, dir string) map[string][]byte {
	tb.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if os.IsNotExist(err) && path == dir {
			return filepath.SkipAll // nothing was written there
		}
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if len(b) > 0 || !strings.HasSuffix(path, ".lock") {
			files[path] = b
		}
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return files
}

// keyringSecret reads the program's keyring entry for profile from outside
// the program ("" when there is none).
func keyringSecret(tb testing.TB, service, profile string) string {
	tb.Helper()
	out, err := exec.Command("secret-tool", "lookup", "service", service, "username", profile).Output()
	if err != nil {
		return ""
	}
	return string(out)
}

// keyringEntries counts the entries under service.
func keyringEntries(tb testing.TB, service string) int {
	tb.Helper()
	out, err := exec.Command("secret-tool", "search", "--all", "service", service).CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == 1 {
			return 0 // nothing matches
		}
		tb.Fatalf("secret-tool search: %v: %s", err, out)
	}
	return strings.Count(string(out), "[/")
}

// keyringSession reads a profile's session from outside the program.
func keyringSession(tb testing.TB, service, profile string) client.Session {
	tb.Helper()
	var s client.Session
	if err := json.Unmarshal([]byte(keyringSecret(tb, service, profile)), &s); err != nil {
		tb.Fatalf("the keyring entry of %s %s is not a session: %v", service, profile, err)
	}
	return s
}
