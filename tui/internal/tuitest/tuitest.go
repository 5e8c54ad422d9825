// Package tuitest is what the screens' tests share: the demo platform and
// a client logged in to it, the Common a shell hands a screen, key
// messages, running commands, golden files and a small shell for teatest.
// Only tests import it.
//
// Importing it draws every style in plain ASCII, so views compare as text.
//
// Golden files: Golden is the one way screens are compared with files,
// testdata/<Test>/<case>.golden beside the test; -update rewrites them.
package tuitest

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aymanbagabas/go-udiff"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	_ "github.com/charmbracelet/x/exp/golden" // defines the -update flag Golden obeys
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/muesli/termenv"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/keys"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

func init() { lipgloss.SetColorProfile(termenv.Ascii) }

// Now is the fixed clock of the tests that need one: the demo platform's
// relative dates and the screens' "ago" texts count from it.
var Now = time.Date(2026, time.March, 10, 15, 4, 5, 0, time.UTC)

// Clock returns Now; it is a Common's or an Options' Now.
func Clock() time.Time { return Now }

// Platform starts the demo platform; it closes when the test ends.
func Platform(t testing.TB, opts horusectest.Options) *horusectest.Server {
	t.Helper()
	return horusectest.Start(t, opts)
}

// Client returns a client of srv's services, not logged in, on the clock
// now (nil: the real one).
func Client(t testing.TB, srv *horusectest.Server, now func() time.Time) *client.Client {
	t.Helper()
	cl, err := client.New(client.Options{AuthURL: srv.AuthURL, CoreURL: srv.CoreURL, AnalyticURL: srv.AnalyticURL,
		APIURL: srv.APIURL, WebhookURL: srv.WebhookURL, VulnerabilityURL: srv.VulnerabilityURL, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// Demo starts the demo platform with opts and returns it with a client
// logged in as email, on the platform's clock.
func Demo(t testing.TB, opts horusectest.Options, email, password string) (*horusectest.Server, *client.Client) {
	t.Helper()
	srv := Platform(t, opts)
	return srv, LoggedIn(t, srv, opts.Now, email, password)
}

// LoggedIn returns a client of srv's services on the clock now (nil: the
// real one), logged in as email.
func LoggedIn(t testing.TB, srv *horusectest.Server, now func() time.Time, email, password string) *client.Client {
	t.Helper()
	cl := Client(t, srv, now)
	if _, err := cl.Login(context.Background(), email, password); err != nil {
		t.Fatal(err)
	}
	return cl
}

// Offline returns a client that points nowhere, for tests that answer the
// screen's requests themselves.
func Offline(t testing.TB) *client.Client {
	t.Helper()
	cl, err := client.New(client.Options{AuthURL: "http://127.0.0.1:1", CoreURL: "http://127.0.0.1:1", AnalyticURL: "http://127.0.0.1:1"})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// Workspace returns the workspace of cl's user named name; the test fails
// when there is none.
func Workspace(t testing.TB, cl *client.Client, name string) client.Workspace {
	t.Helper()
	ws, ok := FindWorkspace(t, cl, name)
	if !ok {
		t.Fatalf("no workspace %q", name)
	}
	return ws
}

// FindWorkspace returns the workspace of cl's user named name, and
// whether there is one.
func FindWorkspace(t testing.TB, cl *client.Client, name string) (client.Workspace, bool) {
	t.Helper()
	wss, err := cl.Workspaces(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, ws := range wss {
		if ws.Name == name {
			return ws, true
		}
	}
	return client.Workspace{}, false
}

// Common is what the shell hands a screen: cl, the styles and keys, a log
// that goes nowhere, and the clock now (nil: the real one).
func Common(cl *client.Client, now func() time.Time) *common.Common {
	return &common.Common{
		Ctx:    context.Background(),
		Client: cl,
		Styles: styles.New(),
		Keys:   keys.Default(),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Now:    now,
	}
}

// named are the keys a test may name; any other text is typed as runes.
var named = map[string]tea.KeyType{
	"enter":     tea.KeyEnter,
	"esc":       tea.KeyEsc,
	"tab":       tea.KeyTab,
	"backspace": tea.KeyBackspace,
	"up":        tea.KeyUp,
	"down":      tea.KeyDown,
	"left":      tea.KeyLeft,
	"right":     tea.KeyRight,
	"pgup":      tea.KeyPgUp,
	"pgdown":    tea.KeyPgDown,
	"ctrl+c":    tea.KeyCtrlC,
	"ctrl+s":    tea.KeyCtrlS,
	"ctrl+u":    tea.KeyCtrlU,
}

// Key is the key press k: a key's name ("enter", "ctrl+s") or the runes
// typed.
func Key(k string) tea.KeyMsg {
	if t, ok := named[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// Updater is a screen, or a part of one, that takes messages.
type Updater interface{ Update(tea.Msg) tea.Cmd }

// Type types s into m one letter at a time; what typing leads to is left
// to the test.
func Type(m Updater, s string) {
	for _, r := range s {
		m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

// Press presses each key of ks (as Key names them) on m in turn and
// returns the command of the last.
func Press(m Updater, ks ...string) tea.Cmd {
	var last tea.Cmd
	for _, k := range ks {
		last = m.Update(Key(k))
	}
	return last
}

// Run runs cmd and every command it batches, returning their messages in
// order. Nothing is handed back to a screen.
func Run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, Run(c)...)
		}
		return out
	}
	// tea.Sequence's message is unexported; it is a list of commands run
	// in order, which is how Run runs a batch too.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
		var out []tea.Msg
		for i := 0; i < v.Len(); i++ {
			out = append(out, Run(v.Index(i).Interface().(tea.Cmd))...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// Settle runs cmd and everything it leads to until nothing is left, as the
// program would: batches are opened, a message that reply takes is handed
// to the screen and what it answers runs in turn. The messages reply does
// not take are returned in order.
func Settle(cmd tea.Cmd, reply func(tea.Msg) (tea.Cmd, bool)) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if next, ok := reply(msg); ok {
			queue = append(queue, next)
			continue
		}
		out = append(out, msg)
	}
	return out
}

// Answer runs cmd as Settle does, handing every reply (a common.Reply)
// to m, and returns the other messages in order.
func Answer(m Updater, cmd tea.Cmd) []tea.Msg {
	return Settle(cmd, func(msg tea.Msg) (tea.Cmd, bool) {
		if r, ok := msg.(common.Reply); ok {
			return m.Update(r), true
		}
		return nil, false
	})
}

// PressAnswered presses each key of ks (as Key names them) on m in turn,
// answering what each leads to as Answer does, and returns the messages
// other than replies that the last one led to.
func PressAnswered(m Updater, ks ...string) []tea.Msg {
	var out []tea.Msg
	for _, k := range ks {
		out = Answer(m, m.Update(Key(k)))
	}
	return out
}

// Alternate is the body of a benchmark of one key press: it hands m the
// messages there and back in turn, b.N in all, drawing its view after
// each.
func Alternate(b *testing.B, m interface {
	Updater
	View() string
}, there, back tea.Msg) {
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			m.Update(there)
		} else {
			m.Update(back)
		}
		_ = m.View()
	}
}

// Help is what the bindings bs offer, as the help line says it: "key
// what, key what".
func Help(bs []key.Binding) string {
	out := make([]string, 0, len(bs))
	for _, b := range bs {
		out = append(out, b.Help().Key+" "+b.Help().Desc)
	}
	return strings.Join(out, ", ")
}

// StatusOf is the first status message of msgs.
func StatusOf(msgs []tea.Msg) (common.StatusMsg, bool) {
	for _, m := range msgs {
		if s, ok := m.(common.StatusMsg); ok {
			return s, true
		}
	}
	return common.StatusMsg{}, false
}

// Screen is v's view as a terminal shows it: no colours, no trailing
// blanks, one newline at the end.
//
// The view is looked at raw first: styles are plain ASCII in tests, so any
// escape sequence, control character or invisible character in it came
// from text that was not cleaned, and Screen panics, failing the test.
func Screen(v interface{ View() string }) []byte {
	raw := v.View()
	MustBeClean(raw)
	lines := strings.Split(ansi.Strip(raw), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

// MustBeClean panics when frame holds anything but line breaks and
// colours that safetext.Clean would mark: an escape sequence, a control
// or invisible character drawn raw.
func MustBeClean(frame string) {
	if safe := safetext.Frame(frame); safe != frame {
		i := 0
		for i < len(frame) && i < len(safe) && frame[i] == safe[i] {
			i++
		}
		panic(fmt.Sprintf("a frame holds text that was not cleaned at byte %d: %q\n(safetext.Frame would draw %q)", i, frame[max(0, i-40):min(len(frame), i+40)], safe[max(0, i-40):min(len(safe), i+40)]))
	}
}

// Golden compares got with testdata/<Test>/<name>.golden, where <Test> is
// the top-level test's name (the part of t.Name() before any "/") and name
// says which case of it this is: a screen, a state, a size ("list-80x24").
// Run the tests with -update to write the files instead; check the diff
// before committing it. This is the project's one golden-file mechanism.
func Golden[T string | []byte](t *testing.T, name string, got T) {
	t.Helper()
	test, _, _ := strings.Cut(t.Name(), "/")
	path := filepath.Join("testdata", test, name+".golden")
	if other, loaded := goldenOwners.LoadOrStore(path, t.Name()); loaded && other != t.Name() {
		t.Fatalf("%s is already the golden file of %s: give this case its own name", path, other)
	}
	if update() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	if diff := udiff.Unified(path, "this run", string(want), string(got)); diff != "" {
		t.Errorf("the screen differs from %s (-update rewrites it when the change is meant):\n--- this run ---\n%s\n--- diff ---\n%s", path, got, diff)
	}
}

// goldenOwners maps each golden file to the test that compares with it, so
// two cases cannot share a file by accident.
var goldenOwners sync.Map

// update reports whether -update was given. The flag is the one teatest's
// golden package defines (importing teatest defines it); Golden is the only
// reader of it in this project.
func update() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// WaitFor waits until the program has drawn every text (the deadline only
// bounds a broken run; nothing here is timed).
func WaitFor(t *testing.T, tm *teatest.TestModel, texts ...string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		for _, s := range texts {
			if !bytes.Contains(b, []byte(s)) {
				return false
			}
		}
		return true
	}, teatest.WithDuration(20*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

// Program runs m as a program in a terminal of w×h cells.
func Program(t *testing.T, m tea.Model, w, h int) *teatest.TestModel {
	t.Helper()
	return teatest.NewTestModel(t, m, teatest.WithInitialTermSize(w, h))
}

// Quit presses ctrl+c in the program tm runs and waits until it has ended.
func Quit(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	tm.Send(Key("ctrl+c"))
	Finished(t, tm)
}

// Finished waits until the program tm runs has ended (the deadline only
// bounds a broken run).
func Finished(t *testing.T, tm *teatest.TestModel) {
	t.Helper()
	tm.WaitFinished(t, teatest.WithFinalTimeout(20*time.Second))
}

// Fits fails the test when frame has a line wider than w cells or more
// than h lines (h 0: any number), saying which; it reports whether the
// frame fits.
func Fits(t testing.TB, frame string, w, h int) bool {
	t.Helper()
	lines := strings.Split(strings.TrimRight(ansi.Strip(frame), "\n"), "\n")
	for i, l := range lines {
		if n := ansi.StringWidth(l); n > w {
			t.Errorf("line %d is %d wide, more than %d:\n%s", i+1, n, w, frame)
			return false
		}
	}
	if h > 0 && len(lines) > h {
		t.Errorf("%d lines, more than %d:\n%s", len(lines), h, frame)
		return false
	}
	return true
}

// Whole fails the test unless frame, a view as the terminal draws it, is
// exactly h lines with none wider than w cells, saying which; it reports
// whether the frame is whole.
func Whole(t testing.TB, frame string, w, h int) bool {
	t.Helper()
	if n := strings.Count(frame, "\n") + 1; n != h {
		t.Errorf("%d lines, not %d:\n%s", n, h, frame)
		return false
	}
	return Fits(t, frame, w, 0)
}
