package vulnerabilities

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/table"
)

// View draws the current view.
func (m *Model) View() string {
	if m.picker != nil {
		return m.filterLine() + "\n" + common.Indent(m.picker.View(), 2)
	}
	switch m.view {
	case viewDetail:
		return m.detailView()
	case viewFindings:
		return m.findingsView()
	}
	return m.filesView()
}

// filterLine says what the lists show, always, even while a new hash
// is typed (the search field is at the bottom then): in full where it
// fits, else in short words, and only then with the hash cut.
func (m *Model) filterLine() string {
	s := m.c.Styles
	sev := "all"
	if m.flt.Severity != "" {
		sev = titleCase(m.flt.Severity)
	}
	w := max(10, m.width)
	full := "Showing Severity: " + sev + " · Status: " + m.flt.Type
	short := "Severity: " + sev + " · Status: " + m.flt.Type
	if m.flt.Hash != "" {
		full = "Showing Severity: " + sev + " · Status: any (hash search) · Hash: “" + safetext.Clean(m.flt.Hash) + "”"
		short = "Severity: " + sev + " · Status: any · Hash: "
		if room := w - ansi.StringWidth(short) - 2; ansi.StringWidth(full) > w {
			short += "“" + safetext.Fit(m.flt.Hash, max(4, room)) + "”"
		}
	}
	line := full
	if ansi.StringWidth(full) > w {
		line = short
	}
	if strings.HasPrefix(line, "Showing ") {
		return s.Subtle.Render("Showing ") + s.Text.Render(ansi.Truncate(line[len("Showing "):], w-len("Showing "), "…"))
	}
	return s.Text.Render(ansi.Truncate(line, w, "…"))
}

// searchLine is the hash being typed, where the status line was.
func (m *Model) searchLine() string {
	return safetext.Frame(m.input.View())
}

func (m *Model) filesView() string {
	s := m.c.Styles
	head := m.filterLine()
	var body string
	switch {
	case m.fpages.Err != nil && len(m.files.Rows()) == 0:
		body = common.Indent(common.ErrorView(s, m.fpages.Err, m.width), 2)
	case m.fpages.Page == 0 && m.fpages.Loading && len(m.files.Rows()) == 0:
		body = "\n  " + s.Subtle.Render("Loading the files with findings…")
	default:
		foot := m.filesStatus()
		if m.searching {
			foot = m.searchLine()
		}
		return head + "\n" + m.files.View() + "\n" + foot
	}
	if m.searching {
		return head + "\n" + body + "\n" + m.searchLine()
	}
	return head + "\n" + body
}

func (m *Model) filesStatus() string {
	s := m.c.Styles
	switch {
	case m.fpages.MoreErr != nil:
		msg, _ := common.Explain(m.fpages.MoreErr)
		return s.Error.Render("✗ Could not load more: "+safetext.Clean(msg)) + " " + s.Subtle.Render("Press r to try again.")
	case m.fpages.ToEnd:
		return s.Subtle.Render(plural(len(m.forder), "file") + " · loading the rest (any key stops following)…")
	case m.fpages.Loading && m.fpages.Page > 0:
		return s.Subtle.Render("Loading more…")
	case m.fpages.Loading:
		return s.Subtle.Render("Loading…")
	}
	n := len(m.files.Rows())
	if n == 0 {
		return ""
	}
	text := plural(n, "file")
	if !m.fpages.Done {
		text += " · more load as you scroll"
	}
	if !m.canEdit {
		text += " · read-only for your role"
	}
	return s.Subtle.Render(ansi.Truncate(text, max(10, m.width), "…"))
}

func (m *Model) fileHeader() string {
	s := m.c.Styles
	name := m.file.File
	if name == "" {
		name = "(no path)"
	}
	where := ""
	if !m.scope.IsRepository() {
		where = " · " + safetext.Clean(m.file.RepositoryName)
	}
	count := ""
	if m.vpages.Page > 0 {
		count = " · " + plural(m.vtotal, "finding")
	}
	tail := where + count + " · analysed " + age(m.c.Today(), m.file.CreatedAt)
	w := max(10, m.width-ansi.StringWidth(tail))
	if w < 24 { // the path matters more than the rest
		w = min(max(10, m.width/2), ansi.StringWidth(safetext.Clean(name)))
	}
	line := s.Title.Render(safetext.Fit(name, w)) + s.Subtle.Render(tail)
	return ansi.Truncate(line, max(10, m.width), "…")
}

func (m *Model) findingsView() string {
	s := m.c.Styles
	head := m.fileHeader() + "\n" + m.filterLine()
	search := ""
	if m.searching {
		search = "\n" + m.searchLine()
	}
	if m.vpages.Err != nil && len(m.order) == 0 {
		return head + "\n" + common.Indent(common.ErrorView(s, m.vpages.Err, m.width), 2) + search
	}
	if m.vpages.Page == 0 && m.vpages.Loading {
		return head + "\n\n  " + s.Subtle.Render("Loading the findings of this file…") + search
	}
	bar := m.pendingBar()
	if m.searching { // nothing is pending while a hash is typed
		bar = m.searchLine()
	}
	return head + "\n" + m.finds.View() + "\n" + bar + "\n" + m.findingsStatus()
}

// pendingBar lists the changes waiting to be saved.
func (m *Model) pendingBar() string {
	s := m.c.Styles
	if len(m.pending) == 0 {
		if len(m.marked) > 0 {
			return s.Subtle.Render(plural(len(m.marked), "finding") + " marked: a status key (a f x v) or -/+ changes them all")
		}
		return ""
	}
	text := plural(len(m.pending), "change") + " — ctrl+s save, esc discard"
	if m.saving {
		text = "Saving " + plural(len(m.pending), "change") + "…"
	}
	return s.Warning.Bold(true).Render(ansi.Truncate(text, max(10, m.width), "…"))
}

func (m *Model) findingsStatus() string {
	s := m.c.Styles
	switch {
	case m.saveErr != nil:
		msg, hint := common.Explain(m.saveErr)
		if client.IsKind(m.saveErr, client.KindForbidden) {
			hint = m.readOnlyText()
		}
		return ansi.Truncate(s.Error.Render("✗ Not saved: "+safetext.Clean(msg))+" "+s.Subtle.Render(hint), max(10, m.width), "…")
	case m.vpages.Err != nil:
		msg, _ := common.Explain(m.vpages.Err)
		return s.Error.Render("✗ " + safetext.Clean(msg))
	case m.vpages.Loading:
		return s.Subtle.Render("Loading…")
	case !m.canEdit:
		return s.Subtle.Render(ansi.Truncate(m.readOnlyShort(), max(10, m.width), "…"))
	}
	return ""
}

// detailView shows one finding in full.
func (m *Model) detailView() string {
	s := m.c.Styles
	v, ok := m.findRows[m.detail]
	if !ok {
		return m.findingsView()
	}
	e := m.effective(v)
	status := e.Type
	sev := e.Severity
	if _, ok := m.pending[v.VulnerabilityID]; ok {
		if e.Type != v.Type {
			status += " (was " + v.Type + ", not saved)"
		}
		if e.Severity != v.Severity {
			sev += " (was " + v.Severity + ", not saved)"
		}
	}
	w := max(20, m.width-2)
	const labelW = 14
	label := lipgloss.NewStyle().Width(labelW).Inherit(s.Subtle)
	room := max(5, w-labelW)
	// field cuts a value to its line with "…"; whole wraps it instead
	// (hashes, ids, e-mails are never cut).
	field := func(name, val string) string {
		val = safetext.Fit(val, room)
		if val == "" {
			val = "—"
		}
		return " " + label.Render(name) + val
	}
	whole := func(name, val string) []string {
		val = safetext.Clean(val)
		if val == "" {
			val = "—"
		}
		parts := strings.Split(ansi.Hardwrap(val, room, false), "\n")
		out := []string{" " + label.Render(name) + parts[0]}
		for _, p := range parts[1:] {
			out = append(out, " "+strings.Repeat(" ", labelW)+p)
		}
		return out
	}
	// The location's line and column are never cut: the path gives way.
	at := safetext.Clean(":" + v.Line + ":" + v.Column)
	loc := safetext.Fit(v.File, max(1, room-ansi.StringWidth(at))) + at
	lines := []string{
		field("Severity", sev),
		field("Status", status),
		" " + label.Render("Location") + loc,
		field("Tool", v.SecurityTool),
		field("Confidence", v.Confidence),
		field("Language", v.Language),
		field("Author", v.CommitAuthor),
	}
	lines = append(lines, whole("E-mail", v.CommitEmail)...)
	lines = append(lines, field("Date", v.CommitDate))
	lines = append(lines, whole("Commit", v.CommitHash)...)
	lines = append(lines, field("Message", oneLine(v.CommitMessage)))
	lines = append(lines, whole("Hash", v.VulnHash)...)
	lines = append(lines, whole("ID", v.VulnerabilityID)...)
	lines = append(lines, " "+s.Subtle.Render("Code"))
	for _, l := range wrap(textLines(v.Code), w-2) {
		lines = append(lines, "   "+s.Text.Render(l))
	}
	lines = append(lines, " "+s.Subtle.Render("Details"))
	for _, l := range wrap(textLines(v.Details), w-2) {
		lines = append(lines, "   "+l)
	}
	var foot []string
	if bar := m.pendingBar(); bar != "" {
		foot = append(foot, bar)
	}
	if st := m.findingsStatus(); st != "" {
		foot = append(foot, st)
	}
	return m.scrolled(m.fileHeader(), lines, foot)
}

// scrolled draws a finding's lines under head and over foot, scrolling
// them (j/k, pgup/pgdn, g/G, the wheel) when they are taller than the
// room; a last line then says where one is and what is left below, so
// that nothing of the finding is out of reach.
func (m *Model) scrolled(head string, body, foot []string) string {
	room := len(body)
	if m.height > 0 {
		room = max(1, m.height-1-len(foot))
	}
	// At the end it stays at the end when the room changes (a pending
	// bar comes or goes).
	atEnd := m.dvp.YOffset > 0 && m.dvp.AtBottom()
	m.dvp.Width = max(1, m.width)
	m.dvp.Height = room
	if len(body) > room {
		m.dvp.Height = max(1, room-1)
	}
	m.dvp.SetContent(strings.Join(body, "\n"))
	if atEnd {
		m.dvp.GotoBottom()
	}
	out := []string{head, m.dvp.View()}
	if len(body) > room {
		out = append(out, m.scrollLine(len(body)))
	}
	return strings.Join(append(out, foot...), "\n")
}

// scrollLine says which lines of the finding are on screen, and how to
// see the rest; its numbers are never cut: words go first.
func (m *Model) scrollLine(total int) string {
	first := m.dvp.YOffset + 1
	last := min(total, m.dvp.YOffset+m.dvp.Height)
	at := fmt.Sprintf("lines %d–%d of %d", first, last, total)
	tries := []string{at + " · k/g back to the top", at}
	if below := total - last; below > 0 {
		more := fmt.Sprintf("↓ %d more", below)
		tries = []string{more + " · " + at + " · j/k scroll", more + " · " + at, more}
	}
	line := tries[len(tries)-1]
	for _, t := range tries {
		if ansi.StringWidth(t) <= m.width-1 {
			line = t
			break
		}
	}
	return " " + m.c.Styles.Subtle.Render(line)
}

// detailScrolls reports whether the finding shown was taller than the
// tab when last drawn.
func (m *Model) detailScrolls() bool { return m.dvp.TotalLineCount() > m.dvp.Height }

// styleFinding colours a pending change.
func (m *Model) styleFinding(row table.Row, col int, selected bool) (lipgloss.Style, bool) {
	if col != 1 && col != 2 || selected {
		return lipgloss.Style{}, false
	}
	if len(row.Cells) > col && strings.HasSuffix(row.Cells[col], "*") {
		return m.c.Styles.Warning, true
	}
	return lipgloss.Style{}, false
}

// --- small helpers ---

// oneLine puts a code snippet's lines on one line: its line breaks and
// tabs are layout, not content; everything else is left to safetext.
func oneLine(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r == '\n' || r == '\r'
	}), " ")
}

// textLines splits a multi-line text (code, details) into its lines, tabs
// as spaces, each cleaned.
func textLines(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\t", "    ")
	out := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range out {
		out[i] = safetext.Clean(l)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// shortHash is a hash's first 12 characters, as a list column shows it.
func shortHash(h string) string {
	if r := []rune(h); len(r) > 12 {
		return string(r[:12])
	}
	return h
}

func titleCase(sev string) string {
	if sev == "" {
		return ""
	}
	return sev[:1] + strings.ToLower(sev[1:])
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return common.Thousands(n) + " " + noun + "s"
}

func article(role string) string {
	if role == "" {
		return "not a member"
	}
	if role == "Application admin" {
		return "the application admin"
	}
	return "a " + role // Manager, Supervisor, User
}

// age says how long ago t was, in the largest whole unit.
func age(now, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh ago", int(d.Hours()))
	default:
		return fmt.Sprintf("%dd ago", int(d.Hours()/24))
	}
}

// shiftSeverity moves along the gravest-first list, stopping at its ends.
func shiftSeverity(sev string, step int) string {
	list := client.VulnSeverities
	i := 0
	for j, s := range list {
		if s == sev {
			i = j
		}
	}
	i = min(max(i+step, 0), len(list)-1)
	return list[i]
}

// wrap fits cleaned lines to w cells, breaking long ones.
func wrap(ls []string, w int) []string {
	if len(ls) == 1 && ls[0] == "" {
		return []string{"—"}
	}
	var out []string
	for _, l := range ls {
		out = append(out, strings.Split(ansi.Wrap(l, max(10, w), ""), "\n")...)
	}
	return out
}
