package tuitest

import (
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/tui/common"
)

// Shell is the least of the program's shell (package tui, which the
// screens' tests cannot import), routing as it does: a stack of screens,
// keys to the top one, a reply to every screen on the stack (only the one
// that asked acts on it), push and pop, and the footer's status line under
// the top screen. ctrl+c quits.
type Shell struct {
	Stack  []common.Screen
	Status string
	// Title draws the top screen's title over it, as the header would.
	Title bool
	// Rows is how many rows the shell keeps for itself (1 when 0).
	Rows int

	w, h int
}

// NewShell opens s in a shell.
func NewShell(s common.Screen) *Shell { return &Shell{Stack: []common.Screen{s}} }

// Top is the screen on top of the stack.
func (s *Shell) Top() common.Screen { return s.Stack[len(s.Stack)-1] }

func (s *Shell) Init() tea.Cmd { return s.Top().Init() }

func (s *Shell) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		s.w, s.h = msg.Width, msg.Height
		for _, sc := range s.Stack {
			sc.SetSize(s.w, s.bodyHeight())
		}
		return s, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return s, tea.Quit
		}
		return s, s.Top().Update(msg)
	case common.PushMsg:
		s.Stack = append(s.Stack, msg.Screen)
		msg.Screen.SetSize(s.w, s.bodyHeight())
		return s, msg.Screen.Init()
	case common.PopMsg:
		if len(s.Stack) <= 1 {
			return s, nil
		}
		gone := s.Top()
		s.Stack = s.Stack[:len(s.Stack)-1]
		common.Close(gone)
		if msg.Then == nil {
			return s, nil
		}
		return s, s.Top().Update(msg.Then)
	case common.StatusMsg:
		s.Status = msg.Text
		return s, nil
	case common.Reply:
		cmds := make([]tea.Cmd, 0, len(s.Stack))
		for _, sc := range s.Stack {
			cmds = append(cmds, sc.Update(msg))
		}
		return s, tea.Batch(cmds...)
	}
	return s, s.Top().Update(msg)
}

func (s *Shell) bodyHeight() int {
	if s.Rows == 0 {
		return s.h - 1
	}
	return s.h - s.Rows
}

func (s *Shell) View() string {
	v := s.Top().View() + "\n" + s.Status
	if s.Title {
		v = "[" + s.Top().Title() + "]\n" + v
	}
	return v
}
