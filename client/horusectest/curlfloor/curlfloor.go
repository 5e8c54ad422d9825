// Package curlfloor is the floor the benchmarks hold their figures against:
// curl's own time for the same request to the platform, with the same
// session. The benchmarks of a screen in process (tui/vulnerabilities) and
// of the built program in a terminal (cmd/horusec-tui/e2e) share it, so
// that both measure the floor the same way.
package curlfloor

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Floor runs curl with a session's authorization header.
type Floor struct {
	curl   string
	header string // a 0600 file with the header, for curl -H @file
}

// New finds curl (tb is skipped without it) and hands it accessToken. The
// token goes to curl in a 0600 file in tb's temporary folder, never in its
// arguments.
func New(tb testing.TB, accessToken string) Floor {
	tb.Helper()
	curl, err := exec.LookPath("curl")
	if err != nil {
		tb.Skip("curl is needed for the floor (apt-get install curl)")
	}
	f := Floor{curl: curl, header: filepath.Join(tb.TempDir(), "header")}
	if err := os.WriteFile(f.header, []byte("X-Horusec-Authorization: Bearer "+accessToken+"\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	return f
}

// Own is curl's own time_total for one GET of url.
func (f Floor) Own(tb testing.TB, url string) time.Duration {
	tb.Helper()
	out, err := exec.Command(f.curl, "-sS", "-o", "/dev/null", "-w", "%{time_total}", "-H", "@"+f.header, url).Output()
	if err != nil {
		tb.Fatalf("curl: %v", err)
	}
	secs, err := strconv.ParseFloat(string(bytes.TrimSpace(out)), 64)
	if err != nil {
		tb.Fatalf("curl's time_total %q: %v", out, err)
	}
	return time.Duration(secs * float64(time.Second))
}

// Shell is the shell command that GETs url with the same header and prints
// the answer, for a floor measured in a terminal. url goes inside single
// quotes: it must hold none.
func (f Floor) Shell(url string) string {
	return f.curl + ` -sS -H @` + f.header + ` '` + url + `'`
}
