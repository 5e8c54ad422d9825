package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/config"
)

func TestProfileLifecycle(t *testing.T) {
	dir := isolate(t)

	code, out, _ := runCmd(t, "", "profile", "list")
	if code != exitOK || !strings.Contains(out, "No profiles yet") {
		t.Errorf("empty list: %d %q", code, out)
	}

	// Flags after the name, as people type them.
	code, out, errOut := runCmd(t, "", "profile", "add", "work", "--auth-url", "https://auth.work.example", "--core-url", "https://core.work.example",
		"--analytic-url", "https://analytic.work.example", "--email", "me@work.example")
	if code != exitOK || !strings.Contains(out, "current") {
		t.Fatalf("add: %d %q %q", code, out, errOut)
	}
	code, _, errOut = runCmd(t, "", "profile", "add", "lab", "--auth-url", "http://lab:8006", "--core-url", "http://lab:8003", "--analytic-url", "http://lab:8005", "--insecure")
	if code != exitOK || !strings.Contains(errOut, "does not verify TLS") {
		t.Fatalf("add lab: %d %q", code, errOut)
	}
	st, _ := os.Stat(filepath.Join(dir, config.ConfigFileName))
	if st == nil || st.Mode().Perm() != 0o600 {
		t.Errorf("config file mode: %v", st)
	}

	code, out, _ = runCmd(t, "", "profile", "list")
	if code != exitOK || !strings.Contains(out, "*  work") || !strings.Contains(out, "lab") {
		t.Errorf("list: %q", out)
	}
	code, _, _ = runCmd(t, "", "profile", "use", "lab")
	if code != exitOK {
		t.Errorf("use: %d", code)
	}
	code, out, _ = runCmd(t, "", "profile", "list", "--json")
	if code != exitOK {
		t.Errorf("list --json: exit %d", code)
	}
	var list []profileJSON
	if err := json.Unmarshal([]byte(out), &list); err != nil || len(list) != 2 || list[0].Name != "lab" || !list[0].Current || !list[0].Insecure {
		t.Errorf("list --json: %v %+v", err, list)
	}

	// The current profile's settings are used.
	a := &Factory{}
	s, err := a.settings()
	if err != nil || s.AuthURL.Value != "http://lab:8006" || s.AuthURL.Source != config.SourceProfile {
		t.Errorf("settings: %+v %v", s.AuthURL, err)
	}

	// remove deletes the profile's session too.
	keyring.Set(config.ServiceName("https://auth.work.example"), "work", `{"accessToken":"x"}`)
	code, out, errOut = runCmd(t, "", "profile", "remove", "work")
	if code != exitOK {
		t.Fatalf("remove: %d %q", code, errOut)
	}
	if !strings.Contains(out, "Profile work removed, with its stored session.") {
		t.Errorf("remove says %q", out)
	}
	if _, err := keyring.Get(config.ServiceName("https://auth.work.example"), "work"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("the profile's session survived its removal: %v", err)
	}
	code, out, _ = runCmd(t, "", "profile", "list")
	if code != exitOK || strings.Contains(out, "work") {
		t.Errorf("still listed: %q", out)
	}
}

func TestProfileUsageErrors(t *testing.T) {
	isolate(t)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"profile", "add", "x", "--auth-url", "http://a"}, "--core-url, --analytic-url"},
		{[]string{"profile", "add", "x", "--auth-url", "a:1", "--core-url", "http://b", "--analytic-url", "http://c"}, "http://"},
		{[]string{"profile", "add", "bad name", "--auth-url", "http://a", "--core-url", "http://b", "--analytic-url", "http://c"}, "invalid profile name"},
		{[]string{"profile", "add"}, "exactly one profile name"},
		{[]string{"profile", "use", "nope"}, "no profile"},    // exit 5
		{[]string{"profile", "remove", "nope"}, "no profile"}, // exit 5
		{[]string{"profile", "frob"}, "unknown command"},
		{[]string{"--profile", "nope", "auth", "status"}, "profile add nope"},
	} {
		code, _, errOut := runCmd(t, "", tt.args...)
		want := exitUsage
		switch {
		case tt.args[0] == "--profile":
			want = exitError
		case strings.HasSuffix(tt.want, "no profile"):
			want = exitNotFound
		}
		if code != want {
			t.Errorf("%v: exit %d", tt.args, code)
		}
		if !strings.Contains(errOut, tt.want) {
			t.Errorf("%v: stderr %q should say %q", tt.args, errOut, tt.want)
		}
	}
}

func TestMalformedConfigIsNeverOverwritten(t *testing.T) {
	dir := isolate(t)
	p := filepath.Join(dir, config.ConfigFileName)
	bad := "{\n  \"current\": \"a\",\n  \"profiles\": {\n    \"a\": {\"authURL\": \"http://x\"\n  }\n}\n"
	os.WriteFile(p, []byte(bad), 0o600)

	for _, args := range [][]string{
		{"profile", "add", "b", "--auth-url", "http://a", "--core-url", "http://b", "--analytic-url", "http://c"},
		{"profile", "use", "a"},
		{"profile", "remove", "a"},
		{"auth", "status"},
	} {
		code, _, errOut := runCmd(t, "", args...)
		if code == exitOK || !strings.Contains(errOut, p+":") {
			t.Errorf("%v: exit %d, stderr %q should name the file and line", args, code, errOut)
		}
		got, _ := os.ReadFile(p)
		if string(got) != bad {
			t.Fatalf("%v changed the malformed file", args)
		}
	}
}

// A CA file that cannot be used is refused when the profile is added, and
// a profile whose CA file broke later gets advice that does not send the
// user to a command that fails the same way.
func TestProfileCAFileMustHoldACertificate(t *testing.T) {
	dir := isolate(t)
	junk := filepath.Join(dir, "junk.pem")
	os.WriteFile(junk, []byte("not a certificate\n"), 0o600)
	for _, ca := range []string{dir, junk} {
		code, _, errOut := runCmd(t, "", "profile", "add", "x", "--auth-url", "https://a", "--core-url", "https://b", "--analytic-url", "https://c", "--ca-file", ca)
		if code != exitUsage || !strings.Contains(errOut, "--ca-file") {
			t.Errorf("--ca-file %s: exit %d, stderr %q", ca, code, errOut)
		}
	}
	if f, err := config.Load(); err != nil || len(f.Profiles) != 0 {
		t.Fatalf("a profile with an unusable CA file was saved: %v", err)
	}

	f, _ := config.Load()
	f.Add(config.Profile{Name: "x", AuthURL: "https://a", CoreURL: "https://b", AnalyticURL: "https://c", CAFile: junk})
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCmd(t, "", "auth", "status")
	if code != exitError || !strings.Contains(errOut, junk) || strings.Contains(errOut, "auth status") {
		t.Errorf("auth status with a broken CA file: exit %d, stderr %q", code, errOut)
	}
}

func TestProfileListOutputJSON(t *testing.T) {
	isolate(t)
	if code, _, errOut := runCmd(t, "", "profile", "add", "lab", "--auth-url", "http://lab:8006", "--core-url", "http://lab:8003", "--analytic-url", "http://lab:8005"); code != exitOK {
		t.Fatalf("add: %d %s", code, errOut)
	}
	_, viaOutput, _ := runCmd(t, "", "profile", "list", "--output", "json")
	_, viaJSON, _ := runCmd(t, "", "profile", "list", "--json")
	if !strings.Contains(viaOutput, `"name": "lab"`) || viaOutput != viaJSON {
		t.Errorf("--output json %q, --json %q", viaOutput, viaJSON)
	}
	// --json still works but is no longer offered.
	_, help, _ := runCmd(t, "", "profile", "list", "--help")
	if strings.Contains(help, "--json") || !strings.Contains(help, "--output") {
		t.Errorf("help:\n%s", help)
	}
	if code, _, _ := runCmd(t, "", "profile", "list", "--output", "yaml"); code != exitUsage {
		t.Errorf("--output yaml: exit %d", code)
	}
}
