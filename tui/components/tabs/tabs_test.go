package tabs

import (
	"strings"
	"testing"
)

// A tab bar wider than the screen keeps the active tab in view and marks
// the tabs it leaves out.
func TestFitTabsKeepsTheActiveOne(t *testing.T) {
	parts := []string{" Repositories ", " Tokens (4) ", " Members (7) ", " Dashboard ", " Webhooks (2) "}
	if got := strings.Join(fitTabs(parts, 0, 200), ""); got != strings.Join(parts, "") {
		t.Fatalf("a bar that fits was changed: %q", got)
	}
	for active := range parts {
		got := strings.Join(fitTabs(parts, active, 40), "")
		if !strings.Contains(got, parts[active]) || len([]rune(got)) > 40 {
			t.Errorf("active %d: %q", active, got)
		}
		if active == len(parts)-1 && (!strings.HasPrefix(got, "‹") || strings.HasSuffix(got, "›")) {
			t.Errorf("last tab active: %q", got)
		}
		if active == 0 && (strings.HasPrefix(got, "‹") || !strings.HasSuffix(got, "›")) {
			t.Errorf("first tab active: %q", got)
		}
	}
}
