package dashboard

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/safetext"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/styles"
)

type exportFormat int

const (
	formatJSON exportFormat = iota
	formatCSV
)

// Export is what an export holds: the scope, the period and the figures as
// the analytic service named them (placeholders left out).
type Export struct {
	Workspace    string           `json:"workspace"`
	WorkspaceID  string           `json:"workspaceID"`
	Repository   string           `json:"repository,omitempty"`
	RepositoryID string           `json:"repositoryID,omitempty"`
	Period       string           `json:"period"`
	From         string           `json:"from"`
	To           string           `json:"to"`
	Dashboard    client.Dashboard `json:"dashboard"`
}

func (m *Model) export(f exportFormat) tea.Cmd {
	if m.data == nil {
		return common.Status(common.StatusError, "Nothing to export yet: the dashboard has not loaded.")
	}
	doc := Export{
		Workspace:   m.scope.Workspace.Name,
		WorkspaceID: m.scope.Workspace.WorkspaceID,
		Period:      m.period.Label(),
		From:        m.rng.From.Format(client.DateLayout),
		To:          m.rng.To.Format(client.DateLayout),
		Dashboard:   *m.data,
	}
	if r := m.scope.Repository; r != nil {
		doc.Repository, doc.RepositoryID = r.Name, r.RepositoryID
	}
	dir := m.ExportDir
	format := "JSON"
	if f == formatCSV {
		format = "CSV"
	}
	m.exporting = true
	return common.Do(m.c, m.id, exportTag{format: format}, func(context.Context) (string, error) {
		return WriteExport(dir, doc, f == formatCSV)
	})
}

// exportedNotice names the format and gives the whole path on a line of
// its own, broken where it is wider than w rather than cut.
func exportedNotice(s *styles.Styles, format, path string, w int) string {
	return s.StatusSuccess.Render("✓ Exported as "+format+" to") + "\n" +
		s.Text.Render(ansi.Hardwrap(path, max(10, w), false))
}

// FileName is the export's file name: horusec-dashboard-<scope>-<from>-<to>
// with only letters, digits, dots, dashes and underscores.
func FileName(doc Export, ext string) string {
	scope := doc.Workspace
	if doc.Repository != "" {
		scope += "-" + doc.Repository
	}
	return "horusec-dashboard-" + sanitize(scope) + "-" + doc.From + "-" + doc.To + "." + ext
}

func sanitize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_'
		if ok {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.Trim(b.String(), "-.")
	if len(out) > 60 {
		out = strings.Trim(out[:60], "-.")
	}
	if out == "" {
		out = "scope"
	}
	return out
}

// WriteExport writes doc into dir ("" for the working directory) and
// returns the path. An existing file is never replaced: the name gets a
// number instead.
func WriteExport(dir string, doc Export, asCSV bool) (string, error) {
	ext := "json"
	if asCSV {
		ext = "csv"
	}
	if dir != "" {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			return "", fmt.Errorf("the export folder %s is not a folder here: create it, or set HORUSEC_TUI_EXPORT_DIR to one", dir)
		}
	}
	name := FileName(doc, ext)
	base := strings.TrimSuffix(name, "."+ext)
	for n := 1; n <= 1000; n++ {
		if n > 1 {
			name = fmt.Sprintf("%s-%d.%s", base, n, ext)
		}
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		if asCSV {
			err = writeCSV(f, doc)
		} else {
			enc := json.NewEncoder(f)
			enc.SetIndent("", "  ")
			err = enc.Encode(doc)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", err
		}
		if abs, aerr := filepath.Abs(path); aerr == nil {
			path = abs
		}
		return path, nil
	}
	return "", fmt.Errorf("too many exports named %s in %s", base, dir)
}

// writeCSV writes the dashboard as one table: a section, a name, the six
// severities and their total on every line.
func writeCSV(w io.Writer, doc Export) error {
	cw := csv.NewWriter(w)
	head := []string{"section", "name"}
	for _, s := range severities {
		head = append(head, s.Key)
	}
	head = append(head, "total")
	rows := [][]string{head}
	blank := make([]string, len(severities))
	one := func(section, name string, n int) {
		rows = append(rows, append(append([]string{section, name}, blank...), fmt.Sprint(n)))
	}
	sevRow := func(section, name string, s client.Severities) {
		r := []string{section, name}
		for i := range severities {
			r = append(r, fmt.Sprint(sevCount(s, i).Count))
		}
		rows = append(rows, append(r, fmt.Sprint(s.Total())))
	}
	d := doc.Dashboard
	one("period", doc.From+" "+doc.To, 0)
	rows[len(rows)-1][len(head)-1] = ""
	one("total", "developers", d.TotalAuthors)
	if doc.Repository == "" {
		one("total", "repositories", d.TotalRepositories)
	}
	sevRow("severity", "all", d.VulnerabilityBySeverity)
	for j, st := range statuses {
		r := []string{"status", st.Key}
		sum := 0
		for i := range severities {
			n := statusCount(sevCount(d.VulnerabilityBySeverity, i).Types, j)
			sum += n
			r = append(r, fmt.Sprint(n))
		}
		rows = append(rows, append(r, fmt.Sprint(sum)))
	}
	for _, a := range d.VulnerabilitiesByAuthor {
		sevRow("developer", a.Author, a.Severities)
	}
	for _, l := range d.VulnerabilitiesByLanguage {
		sevRow("language", l.Language, l.Severities)
	}
	for _, r := range d.VulnerabilitiesByRepository {
		sevRow("repository", r.RepositoryName, r.Severities)
	}
	for _, t := range d.VulnerabilityByTime {
		sevRow("day", t.Time.UTC().Format(client.DateLayout), t.Severities)
	}
	for _, r := range rows {
		for i, cell := range r {
			r[i] = csvSafe(cell)
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// csvSafe keeps a spreadsheet from reading a developer's name or a
// repository's name as a formula, and a terminal or viewer showing the file
// from acting on control characters in it (they are shown as safetext does).
func csvSafe(s string) string {
	s = safetext.Clean(s)
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
