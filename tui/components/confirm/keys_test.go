package confirm

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

func TestPlainAnswers(t *testing.T) {
	for k, want := range map[string]Action{"y": Confirm, "Y": Confirm, "enter": Confirm, "n": Cancel, "N": Cancel, "q": Cancel, "esc": Cancel, "x": None, "d": None} {
		m := New(styles.New(), "Revoke this token?", "CI pipeline stops working.", "Revoke")
		if _, got := m.Update(tuitest.Key(k)); got != want {
			t.Errorf("%s: %v, want %v", k, got, want)
		}
	}
}

func TestBusyPromptTakesNoAnswer(t *testing.T) {
	m := New(styles.New(), "Remove bob@example.com?", "Bob loses access.", "Remove")
	m.SetWidth(80)
	m.SetBusy(true)
	for _, k := range []string{"y", "enter", "esc", "n"} {
		if _, a := m.Update(tuitest.Key(k)); a != None {
			t.Errorf("%s answered %v while sending", k, a)
		}
	}
	if v := string(tuitest.Screen(m)); !strings.Contains(v, "Sending…") || strings.Contains(v, "cancel") {
		t.Errorf("a busy prompt shows:\n%s", v)
	}
	m.SetError("the platform refused")
	if m.Busy() || !strings.Contains(string(tuitest.Screen(m)), "✗ the platform refused") {
		t.Errorf("the refusal is not shown, or the prompt still waits:\n%s", tuitest.Screen(m))
	}
}

func TestTypedNeedsTheExactName(t *testing.T) {
	m := NewTyped(styles.New(), "Delete workspace “Acme Platform”?", "Everything goes.", "Delete", "Acme Platform")
	m.SetWidth(80)
	for _, k := range []string{"y", "n", "q"} {
		if _, a := m.Update(tuitest.Key(k)); a != None {
			t.Fatalf("%s answered %v in a typed prompt", k, a)
		}
	}
	if _, a := m.Update(tuitest.Key("enter")); a != None {
		t.Fatal("a wrong name confirmed")
	}
	if !strings.Contains(string(tuitest.Screen(m)), "That is not the name") {
		t.Errorf("no word on the wrong name:\n%s", tuitest.Screen(m))
	}
	m.Update(tuitest.Key("ctrl+u"))
	tuitest.Type(updater{m}, "Acme Platform")
	if _, a := m.Update(tuitest.Key("enter")); a != Confirm {
		t.Fatalf("the name did not confirm (typed %q)", m.input.Value())
	}
	if _, a := m.Update(tuitest.Key("esc")); a != Cancel {
		t.Error("esc does not cancel")
	}
}

// At the smallest terminal, and below it, the prompt keeps its border and
// its keys; a long message scrolls, and an e-mail is wrapped, never cut.
func TestPromptFitsItsRoom(t *testing.T) {
	long := strings.Repeat("Its repositories, tokens, members and analyses are deleted with it. ", 4)
	email := "a.very.long.address.of.somebody@security-research.example.com"
	for _, size := range [][2]int{{80, 24}, {60, 15}, {60, 10}, {50, 9}} {
		for _, m := range []*Model{
			New(styles.New(), "Remove "+email+"?", long, "Remove"),
			NewTyped(styles.New(), "Delete repository payments-api?", long, "Delete", "payments-api"),
		} {
			m.SetSize(size[0], size[1])
			v := m.View()
			tuitest.Fits(t, v, size[0], size[1])
			lines := strings.Split(string(tuitest.Screen(m)), "\n")
			if !strings.HasPrefix(lines[len(lines)-2], "╰") || !strings.HasSuffix(lines[len(lines)-2], "╯") {
				t.Errorf("%v: no bottom border:\n%s", size, v)
			}
			if !strings.Contains(v, "cancel") {
				t.Errorf("%v: no key line:\n%s", size, v)
			}
			if m.require == "" && !strings.Contains(strings.ReplaceAll(squash(v), " ", ""), email) {
				t.Errorf("%v: the e-mail is cut:\n%s", size, v)
			}
			if m.require != "" && !strings.Contains(v, "›") {
				t.Errorf("%v: no field to type in:\n%s", size, v)
			}
		}
	}
}

func TestLongMessageScrolls(t *testing.T) {
	var msg []string
	for i := 1; i <= 30; i++ {
		msg = append(msg, fmt.Sprintf("Sentence %02d of a long explanation.", i))
	}
	m := New(styles.New(), "Remove?", strings.Join(msg, " "), "Remove")
	m.SetSize(60, 15)
	first := m.View()
	if !strings.Contains(first, "lines 1–") || !strings.Contains(first, "j/k") || strings.Contains(first, "Sentence 30") {
		t.Fatalf("a message taller than the room does not say it scrolls:\n%s", first)
	}
	for range 40 {
		if _, a := m.Update(tuitest.Key("j")); a != None {
			t.Fatal("scrolling answered the prompt")
		}
	}
	last := m.View()
	if !strings.Contains(last, "Sentence 30") || strings.Contains(last, "Sentence 01") || !strings.Contains(last, "of 20") {
		t.Errorf("j does not scroll to the end:\n%s", last)
	}
	tuitest.Fits(t, last, 60, 15)
	m.Update(tuitest.Key("g"))
	if !strings.Contains(m.View(), "Sentence 01") {
		t.Errorf("g does not go back to the top:\n%s", m.View())
	}
}

// squash joins the lines inside the box, so a wrapped text reads whole.
func squash(v string) string {
	var b strings.Builder
	for _, l := range strings.Split(ansi.Strip(v), "\n") {
		l = strings.Trim(l, "│╭╮╰╯─ ")
		b.WriteString(l)
	}
	return b.String()
}
