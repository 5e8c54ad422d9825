// Package styles is the program's one theme: adaptive colours for light and
// dark terminals feeding one Styles value that every screen receives.
package styles

import "github.com/charmbracelet/lipgloss"

// Palette. Each colour has a light-background and a dark-background shade.
var (
	ColorText     = lipgloss.AdaptiveColor{Light: "#1F2328", Dark: "#E6EDF3"}
	ColorSubtle   = lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"}
	ColorFaint    = lipgloss.AdaptiveColor{Light: "#D0D7DE", Dark: "#30363D"}
	ColorAccent   = lipgloss.AdaptiveColor{Light: "#0969DA", Dark: "#58A6FF"}
	ColorAccentBg = lipgloss.AdaptiveColor{Light: "#DDF4FF", Dark: "#1F3A5F"}
	ColorSuccess  = lipgloss.AdaptiveColor{Light: "#1A7F37", Dark: "#3FB950"}
	ColorWarning  = lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#D29922"}
	ColorError    = lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"}

	// Severities, in the conventional order and colours.
	ColorCritical = lipgloss.AdaptiveColor{Light: "#8B0000", Dark: "#FF4D6D"}
	ColorHigh     = lipgloss.AdaptiveColor{Light: "#CF222E", Dark: "#F85149"}
	ColorMedium   = lipgloss.AdaptiveColor{Light: "#BC4C00", Dark: "#F0883E"}
	ColorLow      = lipgloss.AdaptiveColor{Light: "#9A6700", Dark: "#E3B341"}
	ColorInfo     = lipgloss.AdaptiveColor{Light: "#0969DA", Dark: "#58A6FF"}
	ColorUnknown  = lipgloss.AdaptiveColor{Light: "#6E7781", Dark: "#8B949E"}
)

// Styles is everything a screen needs to draw itself.
type Styles struct {
	App    lipgloss.Style
	Header lipgloss.Style // the top bar
	Brand  lipgloss.Style // the program's name in the header
	Footer lipgloss.Style

	Title    lipgloss.Style // a screen's title
	Subtitle lipgloss.Style
	Text     lipgloss.Style
	Subtle   lipgloss.Style
	Key      lipgloss.Style // a key name inside prose ("press n")

	Success lipgloss.Style
	Warning lipgloss.Style
	Error   lipgloss.Style

	// Lists and tables.
	TableHeader  lipgloss.Style
	Row          lipgloss.Style
	SelectedRow  lipgloss.Style
	FilterPrompt lipgloss.Style
	Empty        lipgloss.Style

	// Tabs.
	Tab       lipgloss.Style
	ActiveTab lipgloss.Style
	TabGap    lipgloss.Style

	// Forms.
	Label        lipgloss.Style
	FocusedLabel lipgloss.Style
	FieldHint    lipgloss.Style
	FieldError   lipgloss.Style
	Button       lipgloss.Style
	ActiveButton lipgloss.Style

	// A box drawn over the screen (reveal, confirm).
	Modal lipgloss.Style
	// The one-time token, large and alone on its line.
	Secret lipgloss.Style

	// Status messages in the footer.
	StatusInfo    lipgloss.Style
	StatusSuccess lipgloss.Style
	StatusError   lipgloss.Style

	Severity map[string]lipgloss.Style // by the analytic service's key: critical, high, …
}

// New builds the theme.
func New() *Styles {
	s := &Styles{}
	s.App = lipgloss.NewStyle().Foreground(ColorText)
	s.Header = lipgloss.NewStyle().Foreground(ColorSubtle).Padding(0, 1)
	s.Brand = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent)
	s.Footer = lipgloss.NewStyle().Foreground(ColorSubtle).Padding(0, 1)

	s.Title = lipgloss.NewStyle().Bold(true).Foreground(ColorText)
	s.Subtitle = lipgloss.NewStyle().Foreground(ColorSubtle)
	s.Text = lipgloss.NewStyle().Foreground(ColorText)
	s.Subtle = lipgloss.NewStyle().Foreground(ColorSubtle)
	s.Key = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent)

	s.Success = lipgloss.NewStyle().Foreground(ColorSuccess)
	s.Warning = lipgloss.NewStyle().Foreground(ColorWarning)
	s.Error = lipgloss.NewStyle().Foreground(ColorError)

	s.TableHeader = lipgloss.NewStyle().Bold(true).Foreground(ColorSubtle)
	s.Row = lipgloss.NewStyle().Foreground(ColorText)
	s.SelectedRow = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent).Background(ColorAccentBg)
	s.FilterPrompt = lipgloss.NewStyle().Foreground(ColorAccent)
	s.Empty = lipgloss.NewStyle().Foreground(ColorSubtle).Italic(true)

	s.Tab = lipgloss.NewStyle().Foreground(ColorSubtle).Padding(0, 1)
	s.ActiveTab = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent).Underline(true).Padding(0, 1)
	s.TabGap = lipgloss.NewStyle().Foreground(ColorFaint)

	s.Label = lipgloss.NewStyle().Foreground(ColorSubtle)
	s.FocusedLabel = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent)
	s.FieldHint = lipgloss.NewStyle().Foreground(ColorSubtle)
	s.FieldError = lipgloss.NewStyle().Foreground(ColorError)
	s.Button = lipgloss.NewStyle().Foreground(ColorSubtle).Padding(0, 1)
	s.ActiveButton = lipgloss.NewStyle().Bold(true).Foreground(ColorAccent).Background(ColorAccentBg).Padding(0, 1)

	s.Modal = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(ColorAccent).Padding(1, 2)
	s.Secret = lipgloss.NewStyle().Bold(true).Foreground(ColorSuccess)

	s.StatusInfo = lipgloss.NewStyle().Foreground(ColorAccent)
	s.StatusSuccess = lipgloss.NewStyle().Foreground(ColorSuccess)
	s.StatusError = lipgloss.NewStyle().Foreground(ColorError)

	s.Severity = map[string]lipgloss.Style{
		"critical": lipgloss.NewStyle().Foreground(ColorCritical),
		"high":     lipgloss.NewStyle().Foreground(ColorHigh),
		"medium":   lipgloss.NewStyle().Foreground(ColorMedium),
		"low":      lipgloss.NewStyle().Foreground(ColorLow),
		"info":     lipgloss.NewStyle().Foreground(ColorInfo),
		"unknown":  lipgloss.NewStyle().Foreground(ColorUnknown),
	}
	return s
}
