package curlfloor_test

import (
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client/horusectest/curlfloor"
)

// The floor's curl asks with the session's header, and what it asks with
// never appears in the command line a terminal's floor runs.
func TestFloorAsksWithTheSession(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is needed (apt-get install curl)")
	}
	got := make(chan string, 2)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.Header.Get("X-Horusec-Authorization")
		_, _ = w.Write([]byte(`{"content":"ok"}`))
	}))
	defer srv.Close()
	const token = "0f6b5c2e-access"
	f := curlfloor.New(t, token)
	if d := f.Own(t, srv.URL+"/x"); d <= 0 {
		t.Errorf("curl's own time is %v, want more than 0", d)
	}
	if h := <-got; h != "Bearer "+token {
		t.Errorf("the platform got the header %q, want %q", h, "Bearer "+token)
	}
	sh := f.Shell(srv.URL + "/x")
	if strings.Contains(sh, token) {
		t.Errorf("the shell command %q holds the token", sh)
	}
	out, err := exec.Command("sh", "-c", sh).Output()
	if err != nil || string(out) != `{"content":"ok"}` {
		t.Errorf("the shell command printed %q (%v), want the answer", out, err)
	}
	if h := <-got; h != "Bearer "+token {
		t.Errorf("the shell command sent the header %q, want %q", h, "Bearer "+token)
	}
}
