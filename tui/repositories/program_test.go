package repositories

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

// shell is the least of the program's shell: a stack of screens, replies
// handed to every screen on it, the footer's status line.
type shell struct {
	c      *common.Common
	stack  []common.Screen
	status string
	w, h   int
}

func (s *shell) top() common.Screen { return s.stack[len(s.stack)-1] }

func (s *shell) Init() tea.Cmd { return s.top().Init() }

func (s *shell) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.w, s.h = msg.Width, msg.Height
		for _, sc := range s.stack {
			sc.SetSize(s.w, s.h-1)
		}
		return s, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return s, tea.Quit
		}
		return s, s.top().Update(msg)
	case common.PushMsg:
		s.stack = append(s.stack, msg.Screen)
		msg.Screen.SetSize(s.w, s.h-1)
		return s, msg.Screen.Init()
	case common.PopMsg:
		if len(s.stack) > 1 {
			s.stack = s.stack[:len(s.stack)-1]
		}
		return s, nil
	case common.StatusMsg:
		s.status = msg.Text
		return s, nil
	case common.Reply:
		var cmds []tea.Cmd
		for _, sc := range s.stack {
			cmds = append(cmds, sc.Update(msg))
		}
		return s, tea.Batch(cmds...)
	}
	return s, s.top().Update(msg)
}

func (s *shell) View() string { return s.top().View() + "\n" + s.status }

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(text)) },
		teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(10*time.Millisecond))
}

func keyPress(k string) tea.KeyMsg {
	switch k {
	case "enter", "esc", "ctrl+s", "down", "up":
		return keyMsg(k)
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// TestProgramAgainstTheDemoPlatform drives the tab in a real program with
// the real client: open (first page only), page to the end, search, create,
// and open the new repository's dashboard.
func TestProgramAgainstTheDemoPlatform(t *testing.T) {
	srv, cl, ws := sandbox(t, 40)
	srv.ResetRequests()
	c := newCommon(cl)
	tab := New(c, ws)
	tm := teatest.NewTestModel(t, &shell{c: c, stack: []common.Screen{tab}}, teatest.WithInitialTermSize(100, 30))
	base := "/core/workspaces/" + ws.WorkspaceID + "/repositories"

	waitFor(t, tm, "15 repositories · more load as you scroll")
	if srv.Requests("GET", base+"?page=1&") != 1 || srv.Requests("GET", base+"?page=2") != 0 {
		t.Fatalf("open fetched more than the first page: %v", srv.RequestLog())
	}

	tm.Send(keyPress("G"))
	waitFor(t, tm, "30 repositories")
	tm.Send(keyPress("G"))
	waitFor(t, tm, "40 repositories")
	if srv.Requests("GET", base+"?page=3&") != 1 {
		t.Fatalf("pages: %v", srv.RequestLog())
	}

	tm.Send(keyPress("/"))
	tm.Type("repo-2")
	waitFor(t, tm, "10 repositories matching “repo-2”")
	if srv.Requests("GET", base+"?page=1&search=repo-2&") != 1 {
		t.Fatalf("the search did not reach the platform: %v", srv.RequestLog())
	}
	tm.Send(keyPress("esc"))
	waitFor(t, tm, "15 repositories · more load as you scroll")

	tm.Send(keyPress("n"))
	waitFor(t, tm, "New repository")
	tm.Type("aaa-new")
	tm.Send(keyPress("ctrl+s"))
	waitFor(t, tm, "Created repository aaa-new.")
	id, ok := srv.RepositoryID(ws.WorkspaceID, "aaa-new")
	if !ok {
		t.Fatal("not created on the platform")
	}

	tm.Send(keyPress("g"))
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "No analyses yet")
	if srv.Requests("GET", "/analytic/dashboard/"+ws.WorkspaceID+"/"+id) != 1 {
		t.Fatalf("the new repository's dashboard was not read: %v", srv.RequestLog())
	}
	tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))

	final := tm.FinalModel(t).(*shell)
	if len(final.stack) != 2 || final.top().Title() != "aaa-new" {
		t.Fatalf("top screen: %s", final.top().Title())
	}
	v := final.top().View()
	for _, want := range []string{"aaa-new", "your role: Manager", "Dashboard", "Tokens", "Members"} {
		if !strings.Contains(v, want) {
			t.Errorf("repository view misses %q:\n%s", want, v)
		}
	}
}
