package config

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestRememberStorageKeepsOnlyTheChoice: the choice made when no keyring
// is usable is written for the profile (the implicit default one too),
// read back into the settings, forgotten with the profile, and is the
// only thing written.
func TestRememberStorageKeepsOnlyTheChoice(t *testing.T) {
	p := writeConfig(t, `{"profiles": {"work": {"authURL": "https://auth.example.com"}}}`)
	if err := RememberStorage("work", StorageFile); err != nil {
		t.Fatal(err)
	}
	if err := RememberStorage(DefaultProfile, StorageMemory); err != nil {
		t.Fatal(err)
	}
	if err := RememberStorage("nobody", StorageFile); err == nil {
		t.Error("a choice was remembered for a profile that does not exist")
	}
	if err := RememberStorage("work", "keyring"); err == nil {
		t.Error("an unknown storage was remembered")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	if got := string(raw["sessionStorage"]); strings.Join(strings.Fields(got), "") != `{"default":"memory","work":"file"}` {
		t.Errorf("sessionStorage = %s", got)
	}
	if _, ok := raw["profiles"]; !ok || strings.Contains(string(b), `"default": {`) {
		t.Errorf("the profiles changed:\n%s", b)
	}

	f, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for profile, want := range map[string]string{"work": StorageFile, DefaultProfile: StorageMemory} {
		s, err := ResolveFile(f, Overrides{Profile: profile}, func(string) string { return "" })
		if err != nil || s.SessionStorage != want {
			t.Errorf("profile %s: SessionStorage %q (%v), want %q", profile, s.SessionStorage, err, want)
		}
	}
	if err := f.Remove("work"); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.SessionStorage["work"]; ok {
		t.Error("the choice outlived its profile")
	}
}

func TestUnknownSessionStorageIsAFileError(t *testing.T) {
	writeConfig(t, "{\n  \"sessionStorage\": {\n    \"default\": \"disk\"\n  }\n}\n")
	_, err := Load()
	if err == nil || !strings.Contains(err.Error(), ":3:") || !strings.Contains(err.Error(), `"disk"`) {
		t.Fatalf("err = %v, want the file's line 3 and the bad value", err)
	}
}
