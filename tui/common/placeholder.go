package common

import (
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
)

// Placeholder is a screen that only shows a line of text.
type Placeholder struct {
	c     *Common
	id    int
	title string
	text  string
}

// NewPlaceholder builds a screen that says text.
func NewPlaceholder(c *Common, title, text string) *Placeholder {
	return &Placeholder{c: c, id: NewID(), title: title, text: text}
}

func (p *Placeholder) ID() int                   { return p.id }
func (p *Placeholder) Title() string             { return p.title }
func (p *Placeholder) Init() tea.Cmd             { return nil }
func (p *Placeholder) Update(tea.Msg) tea.Cmd    { return nil }
func (p *Placeholder) View() string              { return "\n  " + p.c.Styles.Empty.Render(p.text) }
func (p *Placeholder) SetSize(int, int)          {}
func (p *Placeholder) Capturing() bool           { return false }
func (p *Placeholder) ShortHelp() []key.Binding  { return nil }
func (p *Placeholder) FullHelp() [][]key.Binding { return nil }
