// Command screenshots regenerates the README's pictures from the demo: it
// drives horusec-tui --demo in tmux as a person would, captures each main
// screen with its colours, and renders it with freeze (SVG) and
// rsvg-convert (PNG).
//
//	go run ./cmd/screenshots [-out assets/screenshots]
//
// Needs tmux, freeze (github.com/charmbracelet/freeze v0.2.2: found on
// PATH, in $GOPATH/bin, or run with 'go run') and, for the PNGs,
// rsvg-convert (Debian: librsvg2-bin).
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

const freezeModule = "github.com/charmbracelet/freeze@v0.2.2"

func main() {
	out := flag.String("out", "assets/screenshots", "directory for the pictures")
	width := flag.Int("width", 120, "terminal columns")
	height := flag.Int("height", 38, "terminal lines")
	flag.Parse()
	if err := run(*out, *width, *height); err != nil {
		fmt.Fprintln(os.Stderr, "screenshots:", err)
		os.Exit(1)
	}
}

func run(out string, w, h int) error {
	if _, err := exec.LookPath("tmux"); err != nil {
		return errors.New("tmux is needed (apt-get install tmux)")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "horusec-screenshots-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	bin := filepath.Join(tmp, "horusec-tui")
	if b, err := exec.Command("go", "build", "-o", bin, "./cmd/horusec-tui").CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, b)
	}
	t := &term{socket: "horusec-shots", env: append(cleanEnv(), "TMUX_TMPDIR="+tmp, "COLORTERM=truecolor")}
	conf := filepath.Join(tmp, "tmux.conf")
	if err := os.WriteFile(conf, []byte("set -g status off\nset -g default-terminal \"xterm-256color\"\nset -ga terminal-overrides \",*:Tc\"\n"), 0o600); err != nil {
		return err
	}
	if _, err := t.tmux("-f", conf, "new-session", "-d", "-s", "shots", "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "--", bin, "--demo"); err != nil {
		return err
	}
	defer t.tmux("kill-server")

	shots := []struct {
		name  string
		steps []step
	}{
		{"workspaces", []step{{want: []string{"Workspaces · 5", "Acme Platform"}}}},
		{"token-reveal", []step{
			{key: "Enter", want: []string{"Acme Platform · your role: Manager", "accounts-service"}},
			{key: "Tab", want: []string{"Tokens (4)", "Nightly full scan"}},
			{key: "n", want: []string{"New token for the workspace Acme Platform"}},
			{typ: "GitHub Actions of payments-api", key: "C-s", want: []string{"Token created", "it can never be shown again"}},
		}},
		{"invite", []step{
			{key: "Enter", want: []string{"I have stored it"}},
			{key: "Enter", want: []string{"Tokens (5)"}},
			{key: "Tab", want: []string{"Members (7)", "manager (you)"}},
			{key: "n", want: []string{"Invite a member to Acme Platform"}},
			{typ: "farid@example.com", key: "Tab", want: []string{"farid@example.com", "Supervisor"}},
			{gone: "created;"}, // the footer note about the token clears itself
		}},
		{"dashboard", []step{
			{key: "Escape", want: []string{"y discard"}}, // the invite form asks first: something is typed
			{key: "y", want: []string{"Members (7)", "manager (you)"}},
			{key: "Tab", want: []string{"Vulnerabilities by severity", "Top languages", "Timeline"}},
		}},
	}
	freeze, err := freezeCommand()
	if err != nil {
		return err
	}
	rsvg, rsvgErr := exec.LookPath("rsvg-convert")
	for _, s := range shots {
		for _, st := range s.steps {
			if err := t.do(st); err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
		}
		// Let the spinner and the cursor settle before the picture.
		time.Sleep(300 * time.Millisecond)
		screen, err := t.tmux("capture-pane", "-t", "shots", "-e", "-p")
		if err != nil {
			return err
		}
		ansiFile := filepath.Join(tmp, s.name+".ansi")
		if err := os.WriteFile(ansiFile, []byte(strings.TrimRight(screen, "\n")+"\n"), 0o600); err != nil {
			return err
		}
		// The PNGs are what the README shows; the SVGs (fonts and all)
		// are kept only when no PNG can be made.
		svgDir := tmp
		if rsvgErr != nil {
			svgDir = out
		}
		svg := filepath.Join(svgDir, s.name+".svg")
		args := append(freeze[1:], ansiFile, "--language", "ansi", "--output", svg,
			"--window", "--padding", "20", "--margin", "0", "--border.radius", "8",
			"--font.size", "14", "--font.family", "DejaVu Sans Mono", "--line-height", "1.2", "--background", "#0d1117")
		if b, err := exec.Command(freeze[0], args...).CombinedOutput(); err != nil {
			return fmt.Errorf("freeze %s: %v\n%s", s.name, err, b)
		}
		if rsvgErr != nil {
			fmt.Println("wrote", svg)
			continue
		}
		png := filepath.Join(out, s.name+".png")
		if b, err := exec.Command(rsvg, "--zoom", "1.5", "-o", png, svg).CombinedOutput(); err != nil {
			return fmt.Errorf("rsvg-convert %s: %v\n%s", s.name, err, b)
		}
		fmt.Println("wrote", png)
	}
	if rsvgErr != nil {
		fmt.Fprintln(os.Stderr, "screenshots: rsvg-convert not found (apt-get install librsvg2-bin): SVG only")
	}
	return nil
}

// freezeCommand finds freeze, or runs it with 'go run'.
func freezeCommand() ([]string, error) {
	if p, err := exec.LookPath("freeze"); err == nil {
		return []string{p}, nil
	}
	if gopath, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		p := filepath.Join(strings.TrimSpace(string(gopath)), "bin", "freeze")
		if _, err := os.Stat(p); err == nil {
			return []string{p}, nil
		}
	}
	return []string{"go", "run", freezeModule}, nil
}

func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "HORUSEC_") || strings.HasPrefix(kv, "TMUX") || strings.HasPrefix(kv, "NO_COLOR=") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

// term is a private tmux server.
type term struct {
	socket string
	env    []string
}

func (t *term) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-L", t.socket}, args...)...)
	cmd.Env = t.env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, errb.String())
	}
	return out.String(), nil
}

func (t *term) keys(k ...string) {
	_, _ = t.tmux(append([]string{"send-keys", "-t", "shots"}, k...)...)
}
func (t *term) typ(s string) { _, _ = t.tmux("send-keys", "-t", "shots", "-l", s) }

// step is what a person does on the way to a shot: type text, press a
// key, then wait until the screen shows every one of want, or no longer
// shows gone.
type step struct {
	typ, key string
	want     []string
	gone     string
}

func (t *term) do(s step) error {
	if s.typ != "" {
		t.typ(s.typ)
	}
	if s.key != "" {
		t.keys(s.key)
	}
	if s.gone != "" {
		return t.poll(fmt.Sprintf("%q to go", s.gone), func(screen string) bool { return !strings.Contains(screen, s.gone) })
	}
	return t.poll(fmt.Sprintf("%q", s.want), func(screen string) bool {
		for _, x := range s.want {
			if !strings.Contains(screen, x) {
				return false
			}
		}
		return true
	})
}

// poll reads the screen until done says so; what is what it waits for.
func (t *term) poll(what string, done func(screen string) bool) error {
	deadline := time.Now().Add(20 * time.Second)
	for {
		s, err := t.tmux("capture-pane", "-t", "shots", "-p")
		if err != nil {
			return err
		}
		if done(s) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waited for %s; the screen shows:\n%s", what, s)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
