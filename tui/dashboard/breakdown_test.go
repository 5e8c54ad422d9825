package dashboard

import (
	"regexp"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// In an open breakdown ↑/↓ walk its statuses as lines of their own, the
// focused one marked; enter on one asks for the Vulnerabilities tab
// filtered to that severity and status.
func TestBreakdownStatusOpensItsFindings(t *testing.T) {
	m, _, _, _ := open(t, 80, 40)
	press(m, "down", "enter", "down", "down")
	v := string(tuitest.Screen(m))
	if !regexp.MustCompile(`(?m)^ +▌ └ Risk accepted `).MatchString(v) || regexp.MustCompile(`(?m)^ *▌ High`).MatchString(v) {
		t.Fatalf("the focus should be on High's Risk accepted line alone:\n%s", v)
	}
	cmd := m.Update(tuitest.Key("enter"))
	if cmd == nil {
		t.Fatal("enter on a status did nothing")
	}
	show, ok := cmd().(common.ShowTabMsg)
	want := common.VulnerabilityFilterMsg{Severity: client.SeverityHigh, Type: client.TypeRiskAccepted}
	if !ok || show.Title != "Vulnerabilities" || show.Then != want {
		t.Fatalf("enter on High › Risk accepted sent %#v, want %#v", show, want)
	}
	// Up past the first status is the bar again; past that the bar above,
	// on its last status.
	press(m, "up", "up")
	if v := string(tuitest.Screen(m)); !regexp.MustCompile(`(?m)^ *▌ High`).MatchString(v) {
		t.Fatalf("up twice should focus the High bar:\n%s", v)
	}
	press(m, "up")
	if show := m.Update(tuitest.Key("enter"))().(common.ShowTabMsg); show.Then != (common.VulnerabilityFilterMsg{Severity: client.SeverityCritical, Type: client.TypeCorrected}) {
		t.Fatalf("up from High is Critical's last status, got %#v", show.Then)
	}
	press(m, "esc")
	if m.open || m.sub != -1 {
		t.Fatal("esc closes the breakdown and leaves its statuses")
	}
}
