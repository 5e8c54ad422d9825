package config

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
)

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv(EnvConfigDir, dir)
	p := filepath.Join(dir, ConfigFileName)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDirPrecedence(t *testing.T) {
	t.Setenv(EnvConfigDir, "/tmp/explicit")
	t.Setenv("XDG_CONFIG_HOME", "/tmp/xdg")
	if d, _ := Dir(); d != "/tmp/explicit" {
		t.Errorf("Dir() = %q, want the %s value", d, EnvConfigDir)
	}
	t.Setenv(EnvConfigDir, "")
	if d, _ := Dir(); d != "/tmp/xdg/horusec-tui" {
		t.Errorf("Dir() = %q, want $XDG_CONFIG_HOME/horusec-tui", d)
	}
}

func TestLoadMissingFileIsEmpty(t *testing.T) {
	t.Setenv(EnvConfigDir, t.TempDir())
	f, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Profiles) != 0 || f.Current != "" {
		t.Errorf("a missing file should load as empty, got %+v", f)
	}
}

func TestSaveWritesPrivateFileAtomically(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nested", "horusec-tui")
	t.Setenv(EnvConfigDir, dir)
	f, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Add(Profile{Name: "work", AuthURL: "https://auth.example.com/", CoreURL: "https://core.example.com", AnalyticURL: "https://analytic.example.com", Email: " me@example.com "}); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, ConfigFileName))
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("config file mode = %o, want 600", st.Mode().Perm())
	}
	dst, _ := os.Stat(dir)
	if dst.Mode().Perm() != 0o700 {
		t.Errorf("config dir mode = %o, want 700", dst.Mode().Perm())
	}
	// The config file and its (empty) lock file: no temporary file is left.
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != "config.json config.json.lock" {
		t.Errorf("the directory should hold only the config file and its lock, got %v", names)
	}
	if st, err := os.Stat(filepath.Join(dir, "config.json.lock")); err != nil || st.Size() != 0 || st.Mode().Perm() != 0o600 {
		t.Errorf("the lock file should be empty and 0600: %v %v", st, err)
	}

	back, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	p, ok := back.Profile("work")
	if !ok || back.Current != "work" {
		t.Fatalf("profile not saved or not made current: %+v", back)
	}
	if p.AuthURL != "https://auth.example.com" || p.Email != "me@example.com" {
		t.Errorf("profile not normalized: %+v", p)
	}
}

func TestMalformedFileNamesFileAndLine(t *testing.T) {
	tests := []struct {
		name     string
		content  string
		wantLine string
		wantText string
	}{
		{"syntax", "{\n  \"current\": \"a\",\n  \"profiles\": {\n    \"a\": {\"authURL\": \"http://x\",}\n  }\n}\n", ":4:", "invalid character"},
		{"wrong type", "{\n  \"profiles\": {\n    \"a\": {\n      \"insecure\": \"yes\"\n    }\n  }\n}\n", ":4:", "cannot unmarshal"},
		{"unknown field", "{\n  \"profiles\": {\n    \"a\": {\n      \"authUrll\": \"http://x\"\n    }\n  }\n}\n", ":4:", "unknown field"},
		{"truncated", "{\n  \"profiles\": {\n", ":2:", "unexpected EOF"},
		{"bad URL", "{\n  \"profiles\": {\n    \"a\": {\n      \"authURL\": \"127.0.0.1:8006\"\n    }\n  }\n}\n", ":4:", "http://"},
		{"unknown current", "{\n  \"current\": \"nope\"\n}\n", ":2:", "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.content)
			_, err := Resolve(Overrides{})
			if err == nil {
				t.Fatal("Resolve accepted a malformed file")
			}
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("want a *FileError, got %T: %v", err, err)
			}
			msg := err.Error()
			if !strings.Contains(msg, p+tt.wantLine) {
				t.Errorf("message %q should name %s%s", msg, p, tt.wantLine)
			}
			if !strings.Contains(msg, tt.wantText) {
				t.Errorf("message %q should say %q", msg, tt.wantText)
			}
			if fe.Fix == "" {
				t.Errorf("message %q should say what to do", msg)
			}
			// Nothing is overwritten: the file is byte for byte the same.
			got, _ := os.ReadFile(p)
			if string(got) != tt.content {
				t.Errorf("malformed file was changed")
			}
		})
	}
}

func TestAddRefusesDuplicatesAndBadInput(t *testing.T) {
	f := &File{}
	ok := Profile{Name: "a", AuthURL: "http://h:1", CoreURL: "http://h:2", AnalyticURL: "http://h:3"}
	if err := f.Add(ok); err != nil {
		t.Fatal(err)
	}
	if err := f.Add(ok); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate profile: got %v", err)
	}
	if err := f.Add(Profile{Name: "bad name"}); err == nil {
		t.Error("a name with a space was accepted")
	}
	if err := f.Add(Profile{Name: "b", CoreURL: "ftp://h"}); err == nil || !strings.Contains(err.Error(), "coreURL") {
		t.Errorf("an ftp URL: got %v", err)
	}
	if err := f.Use("missing"); err == nil {
		t.Error("Use accepted a missing profile")
	}
	if err := f.Remove("a"); err != nil || f.Current != "" {
		t.Errorf("Remove of the current profile: err %v, current %q", err, f.Current)
	}
}

func TestResolvePrecedence(t *testing.T) {
	f := &File{path: "/cfg/config.json", Current: "cur", Profiles: map[string]Profile{
		"cur":   {AuthURL: "http://profile-cur:1", CoreURL: "http://profile-cur:2", Email: "cur@example.com"},
		"other": {AuthURL: "http://profile-other:1", AnalyticURL: "http://profile-other:3", APIURL: "http://profile-other:4"},
	}}
	type want struct {
		profile     string
		profileSrc  Source
		auth        string
		authSrc     Source
		core        string
		coreSrc     Source
		analytic    string
		analyticSrc Source
		api         string
		apiSrc      Source
	}
	tests := []struct {
		name  string
		flags Overrides
		env   map[string]string
		want  want
	}{
		{"current profile over defaults", Overrides{}, nil, want{
			"cur", SourceProfile,
			"http://profile-cur:1", SourceProfile, "http://profile-cur:2", SourceProfile,
			DefaultAnalyticURL, SourceDefault, DefaultAPIURL, SourceDefault}},
		{"env profile over current", Overrides{}, map[string]string{EnvProfile: "other"}, want{
			"other", SourceEnv,
			"http://profile-other:1", SourceProfile, DefaultCoreURL, SourceDefault,
			"http://profile-other:3", SourceProfile, "http://profile-other:4", SourceProfile}},
		{"flag profile over env", Overrides{Profile: "cur"}, map[string]string{EnvProfile: "other"}, want{
			"cur", SourceFlag,
			"http://profile-cur:1", SourceProfile, "http://profile-cur:2", SourceProfile,
			DefaultAnalyticURL, SourceDefault, DefaultAPIURL, SourceDefault}},
		{"env URLs over profile", Overrides{}, map[string]string{
			EnvAuthURL: "http://env:1/", EnvCoreURL: "http://env:2", EnvAnalyticURL: "http://env:3", EnvAPIURL: "http://env:4"}, want{
			"cur", SourceProfile,
			"http://env:1", SourceEnv, "http://env:2", SourceEnv,
			"http://env:3", SourceEnv, "http://env:4", SourceEnv}},
		// --profile on the command line is an explicit choice: its URLs
		// beat the environment's, which are not used at all.
		{"flag profile's URLs over env URLs", Overrides{Profile: "cur"}, map[string]string{
			EnvAuthURL: "http://env:1", EnvCoreURL: "http://env:2", EnvAnalyticURL: "http://env:3", EnvAPIURL: "http://env:4"}, want{
			"cur", SourceFlag,
			"http://profile-cur:1", SourceProfile, "http://profile-cur:2", SourceProfile,
			DefaultAnalyticURL, SourceDefault, DefaultAPIURL, SourceDefault}},
		{"flag URLs over a flag profile and env", Overrides{Profile: "cur", CoreURL: "http://flag:2"}, map[string]string{EnvCoreURL: "http://env:2"}, want{
			"cur", SourceFlag,
			"http://profile-cur:1", SourceProfile, "http://flag:2", SourceFlag,
			DefaultAnalyticURL, SourceDefault, DefaultAPIURL, SourceDefault}},
		{"env profile does not beat env URLs", Overrides{}, map[string]string{EnvProfile: "cur", EnvCoreURL: "http://env:2"}, want{
			"cur", SourceEnv,
			"http://profile-cur:1", SourceProfile, "http://env:2", SourceEnv,
			DefaultAnalyticURL, SourceDefault, DefaultAPIURL, SourceDefault}},
		{"flag URLs over env", Overrides{AuthURL: "http://flag:1", CoreURL: "http://flag:2", AnalyticURL: "http://flag:3"}, map[string]string{
			EnvAuthURL: "http://env:1", EnvCoreURL: "http://env:2", EnvAnalyticURL: "http://env:3"}, want{
			"cur", SourceProfile,
			"http://flag:1", SourceFlag, "http://flag:2", SourceFlag,
			"http://flag:3", SourceFlag, DefaultAPIURL, SourceDefault}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := ResolveFile(f, tt.flags, func(k string) string { return tt.env[k] })
			if err != nil {
				t.Fatal(err)
			}
			got := want{
				s.Profile.Value, s.Profile.Source,
				s.AuthURL.Value, s.AuthURL.Source, s.CoreURL.Value, s.CoreURL.Source,
				s.AnalyticURL.Value, s.AnalyticURL.Source, s.APIURL.Value, s.APIURL.Source,
			}
			if got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestResolveWebhookURL: the webhook service's URL, like the others, comes
// from the flag, then the environment, then the profile, then the default.
func TestResolveWebhookURL(t *testing.T) {
	f := &File{Profiles: map[string]Profile{"p": {Name: "p", WebhookURL: "http://profile-hooks:8004/"}}, Current: "p"}
	env := map[string]string{}
	get := func(k string) string { return env[k] }
	check := func(flag, wantURL string, wantSrc Source) {
		t.Helper()
		s, err := ResolveFile(f, Overrides{WebhookURL: flag}, get)
		if err != nil {
			t.Fatal(err)
		}
		if s.WebhookURL.Value != wantURL || s.WebhookURL.Source != wantSrc || s.ClientOptions().WebhookURL != wantURL {
			t.Errorf("got %+v, want %s from %s", s.WebhookURL, wantURL, wantSrc)
		}
		if u := s.URLs(); u[len(u)-1].Service != client.ServiceWebhook {
			t.Errorf("the webhook service is not listed: %+v", u)
		}
	}
	check("", "http://profile-hooks:8004", SourceProfile)
	env[EnvWebhookURL] = "http://env-hooks:8004"
	check("", "http://env-hooks:8004", SourceEnv)
	check("https://flag-hooks", "https://flag-hooks", SourceFlag)
	f.Profiles["p"] = Profile{Name: "p"}
	delete(env, EnvWebhookURL)
	check("", DefaultWebhookURL, SourceDefault)
	if DefaultWebhookURL != "http://127.0.0.1:8004" {
		t.Errorf("default %s, want the web manager's http://127.0.0.1:8004", DefaultWebhookURL)
	}
	if _, err := ResolveFile(f, Overrides{WebhookURL: "ftp://x"}, get); err == nil || !strings.Contains(err.Error(), "webhook service URL") {
		t.Errorf("a bad --webhook-url: %v", err)
	}
}

func TestResolveDefaultsWithoutFile(t *testing.T) {
	t.Setenv(EnvConfigDir, t.TempDir())
	for _, k := range []string{EnvProfile, EnvAuthURL, EnvCoreURL, EnvAnalyticURL, EnvAPIURL} {
		t.Setenv(k, "")
	}
	s, err := Resolve(Overrides{})
	if err != nil {
		t.Fatal(err)
	}
	if s.Profile.Value != DefaultProfile || s.ProfileSaved {
		t.Errorf("profile = %+v (saved %v), want the unsaved default", s.Profile, s.ProfileSaved)
	}
	o := s.ClientOptions()
	if o.AuthURL != DefaultAuthURL || o.CoreURL != DefaultCoreURL || o.AnalyticURL != DefaultAnalyticURL || o.APIURL != DefaultAPIURL {
		t.Errorf("defaults = %+v", o)
	}
}

func TestResolveErrors(t *testing.T) {
	f := &File{path: "/cfg/config.json", Profiles: map[string]Profile{}}
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

	_, err := ResolveFile(f, Overrides{Profile: "staging"}, env(nil))
	if err == nil || !strings.Contains(err.Error(), "--profile") || !strings.Contains(err.Error(), "profile add staging") {
		t.Errorf("unknown profile: %v", err)
	}
	_, err = ResolveFile(f, Overrides{}, env(map[string]string{EnvCoreURL: "core:8003"}))
	if err == nil || !strings.Contains(err.Error(), EnvCoreURL) || !strings.Contains(err.Error(), "http://") {
		t.Errorf("bad env URL should name the variable and the fix: %v", err)
	}
	_, err = ResolveFile(f, Overrides{AuthURL: "http://user:hunter2@host"}, env(nil))
	if err == nil || strings.Contains(err.Error(), "hunter2") || !strings.Contains(err.Error(), "--auth-url") {
		t.Errorf("a URL with a password: error must name the flag and hide the password: %v", err)
	}
}

// A URL that does not parse must not carry its password into the message:
// url.Parse quotes the whole URL in its error.
func TestUnparsableURLErrorsHideThePassword(t *testing.T) {
	const pw = "s3cretpw"
	bad := []string{
		"http://user:" + pw + "@host:port",
		"http://user:" + pw + "@ho st",
		"http://user:" + pw + "%zz@host",
		"http://us er:" + pw + "@host",
	}
	env := func(string) string { return "" }
	for _, raw := range bad {
		f := &File{path: "/cfg/config.json", Profiles: map[string]Profile{}}
		_, err := ResolveFile(f, Overrides{AuthURL: raw}, env)
		if err == nil || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), "--auth-url") {
			t.Errorf("flag %q: error must name the flag and hide the password: %v", raw, err)
		}
		err = (&File{}).Add(Profile{Name: "a", AuthURL: raw})
		if err == nil || strings.Contains(err.Error(), pw) {
			t.Errorf("profile add %q: error must hide the password: %v", raw, err)
		}
		p := writeConfig(t, "{\n  \"profiles\": {\n    \"a\": {\n      \"coreURL\": \""+strings.ReplaceAll(raw, " ", "\\u0020")+"\"\n    }\n  }\n}\n")
		_, err = LoadFile(p)
		if err == nil || strings.Contains(err.Error(), pw) || !strings.Contains(err.Error(), p+":4:") {
			t.Errorf("config file with %q: error must name the line and hide the password: %v", raw, err)
		}
	}
}

func TestConfigPathIsADirectory(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ConfigFileName)
	if err := os.Mkdir(p, 0o700); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(p)
	var fe *FileError
	if !errors.As(err, &fe) || !strings.Contains(err.Error(), "is a directory") || strings.Contains(fe.Fix, "permissions") {
		t.Errorf("a directory in place of the config file should be named as such, with the fix: %v", err)
	}
}

// What --profile passed over is named, so 'auth status' can say it.
func TestResolveNamesTheIgnoredVariables(t *testing.T) {
	f := &File{path: "/cfg/config.json", Profiles: map[string]Profile{"work": {AuthURL: "http://a:1", CoreURL: "http://c:2", AnalyticURL: "http://n:3"}}}
	s, err := ResolveFile(f, Overrides{Profile: "work"}, func(k string) string {
		if k == EnvCoreURL {
			return "http://elsewhere:2"
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if s.CoreURL.Ignored != EnvCoreURL || s.AuthURL.Ignored != "" {
		t.Errorf("ignored: core %q, auth %q", s.CoreURL.Ignored, s.AuthURL.Ignored)
	}
}
