// Package config keeps horusec-tui's settings: the config file with its
// profiles (config.go; its errors with line and column in fileerror.go),
// the environment and flag overrides and where each URL came from
// (settings.go), and the credential stores: the OS keyring, an explicit
// insecure file, or memory, shared between programs under a lock
// (credentials.go, lock.go). Both files are written whole or not at all
// (atomic.go).
package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// Environment variables read by this package.
const (
	EnvConfigDir   = "HORUSEC_TUI_CONFIG_DIR"
	EnvProfile     = "HORUSEC_TUI_PROFILE"
	EnvAuthURL     = "HORUSEC_ENDPOINT_AUTH"
	EnvCoreURL     = "HORUSEC_ENDPOINT_CORE"
	EnvAnalyticURL = "HORUSEC_ENDPOINT_ANALYTIC"
	EnvAPIURL      = "HORUSEC_ENDPOINT_API"
	EnvWebhookURL  = "HORUSEC_ENDPOINT_WEBHOOK"

	EnvVulnerabilityURL = "HORUSEC_ENDPOINT_VULNERABILITY"
)

// ConfigFileName is the config file's name inside Dir().
const ConfigFileName = "config.json"

// DefaultProfile is the profile used when none is named and none is current.
const DefaultProfile = "default"

// Where a profile's session is kept when no OS keyring is usable.
const (
	StorageMemory = "memory" // for the run only: nothing is written
	StorageFile   = "file"   // the 0600 file of --insecure-storage
)

// RememberStorage keeps choice (StorageMemory or StorageFile) as the
// profile's session storage in the config file, under the file's lock.
func RememberStorage(profile, choice string) error {
	if choice != StorageMemory && choice != StorageFile {
		return fmt.Errorf("unknown session storage %q", choice)
	}
	_, err := Update(func(f *File) error {
		if _, ok := f.Profiles[profile]; !ok && profile != DefaultProfile {
			return fmt.Errorf("no profile %q in %s", profile, f.Path())
		}
		if f.SessionStorage == nil {
			f.SessionStorage = map[string]string{}
		}
		f.SessionStorage[profile] = choice
		return nil
	})
	return err
}

// Profile is one named platform: where its services are and who logs in.
type Profile struct {
	Name        string `json:"-"`
	AuthURL     string `json:"authURL,omitempty"`
	CoreURL     string `json:"coreURL,omitempty"`
	AnalyticURL string `json:"analyticURL,omitempty"`
	APIURL      string `json:"apiURL,omitempty"`
	WebhookURL  string `json:"webhookURL,omitempty"`
	Email       string `json:"email,omitempty"`
	CAFile      string `json:"caFile,omitempty"`
	Insecure    bool   `json:"insecure,omitempty"`

	VulnerabilityURL string `json:"vulnerabilityURL,omitempty"`
}

// File is the config file's content. The zero File (no file yet) is valid.
type File struct {
	Current  string             `json:"current,omitempty"`
	Profiles map[string]Profile `json:"profiles,omitempty"`
	// SessionStorage is, by profile name, where the terminal UI keeps the
	// session when no OS keyring is usable (StorageMemory, StorageFile), as
	// chosen on its screen. It holds only that word, never a session; the
	// implicit "default" profile may have an entry too.
	SessionStorage map[string]string `json:"sessionStorage,omitempty"`

	path string
}

// Dir is the directory of the config file (and of the insecure credential
// file): $HORUSEC_TUI_CONFIG_DIR, else $XDG_CONFIG_HOME/horusec-tui, else
// the OS's user config directory.
func Dir() (string, error) {
	if d := os.Getenv(EnvConfigDir); d != "" {
		return d, nil
	}
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" {
		return filepath.Join(d, "horusec-tui"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("cannot find a config directory (%v): set %s to a directory", err, EnvConfigDir)
	}
	return filepath.Join(d, "horusec-tui"), nil
}

// Path is the config file's path.
func Path() (string, error) {
	d, err := Dir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, ConfigFileName), nil
}

// Load reads the config file at Path(). A missing file is an empty config.
// Temporary files that a crashed program left in the directory go first.
func Load() (*File, error) {
	p, err := Path()
	if err != nil {
		return nil, err
	}
	_ = RemoveStaleTemps(filepath.Dir(p)) // best effort: the next start tries again
	return LoadFile(p)
}

// Update changes the config file under its lock: it reads the file, lets
// change alter it and writes it back, so that programs changing profiles
// at the same time never lose each other's changes. When change fails,
// nothing is written and its error is returned.
func Update(change func(*File) error) (*File, error) {
	p, err := Path()
	if err != nil {
		return nil, err
	}
	unlock, err := lockFileOf(p)
	if err != nil {
		return nil, err
	}
	defer unlock()
	f, err := LoadFile(p)
	if err != nil {
		return nil, err
	}
	if err := change(f); err != nil {
		return f, err
	}
	return f, f.save()
}

// LoadFile reads the config file at path. A missing file is an empty config;
// a malformed one is a *FileError with the line of the fault.
func LoadFile(path string) (*File, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{path: path, Profiles: map[string]Profile{}}, nil
	}
	if err != nil {
		fix := "check the file's permissions"
		if st, serr := os.Stat(path); serr == nil && st.IsDir() {
			err = errors.New("it is a directory, not a file")
			fix = "move the directory away (the file is created on the next 'horusec-tui profile add')"
		}
		return nil, &FileError{Path: path, Err: err, Fix: fix}
	}
	f := &File{path: path}
	if len(bytes.TrimSpace(data)) > 0 {
		if err := decodeStrict(data, f); err != nil {
			return nil, fileSyntaxError(path, data, err)
		}
	}
	if f.Profiles == nil {
		f.Profiles = map[string]Profile{}
	}
	for name, p := range f.Profiles {
		p.Name = name
		f.Profiles[name] = p
		if err := validateProfileName(name); err != nil {
			return nil, &FileError{Path: path, Err: err, Fix: "rename the profile in the file", Line: lineOfKey(data, name, "")}
		}
		if err := p.validate(); err != nil {
			var ue *urlError
			line := 0
			if errors.As(err, &ue) {
				line = lineOfKey(data, name, ue.key)
			}
			return nil, &FileError{Path: path, Line: line, Col: 1, Err: fmt.Errorf("profile %q: %w", name, err),
				Fix: "correct the value in the file, or remove the profile with 'horusec-tui profile remove " + name + "'"}
		}
	}
	for name, v := range f.SessionStorage {
		if v != StorageMemory && v != StorageFile {
			return nil, &FileError{Path: path, Line: lineOfKey(data, "sessionStorage", name), Col: 1,
				Err: fmt.Errorf("the session storage of profile %q is %q, not %q or %q", name, v, StorageMemory, StorageFile),
				Fix: "correct it, or remove the line to be asked again"}
		}
	}
	if f.Current != "" {
		if _, ok := f.Profiles[f.Current]; !ok {
			return nil, &FileError{Path: path, Line: lineOfKey(data, "current", ""), Col: 1,
				Err: fmt.Errorf("the current profile %q does not exist", f.Current),
				Fix: "run 'horusec-tui profile use NAME' with one of the listed profiles, or correct \"current\" in the file"}
		}
	}
	return f, nil
}

// Path is where the file is (or will be) written.
func (f *File) Path() string { return f.path }

// Names lists the profiles, sorted.
func (f *File) Names() []string {
	names := make([]string, 0, len(f.Profiles))
	for n := range f.Profiles {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Profile returns the named profile.
func (f *File) Profile(name string) (Profile, bool) {
	p, ok := f.Profiles[name]
	p.Name = name
	return p, ok
}

// Add adds a new profile; the first one becomes current.
func (f *File) Add(p Profile) error {
	if err := validateProfileName(p.Name); err != nil {
		return err
	}
	if _, ok := f.Profiles[p.Name]; ok {
		return fmt.Errorf("profile %q already exists: remove it first with 'horusec-tui profile remove %s'", p.Name, p.Name)
	}
	p = p.normalized()
	if err := p.validate(); err != nil {
		return err
	}
	if f.Profiles == nil {
		f.Profiles = map[string]Profile{}
	}
	f.Profiles[p.Name] = p
	if f.Current == "" {
		f.Current = p.Name
	}
	return nil
}

// Remove deletes a profile; when it was current, no profile is current.
func (f *File) Remove(name string) error {
	if _, ok := f.Profiles[name]; !ok {
		return fmt.Errorf("no profile %q: run 'horusec-tui profile list' to see them", name)
	}
	delete(f.Profiles, name)
	delete(f.SessionStorage, name)
	if f.Current == name {
		f.Current = ""
	}
	return nil
}

// Use makes a profile current.
func (f *File) Use(name string) error {
	if _, ok := f.Profiles[name]; !ok {
		return fmt.Errorf("no profile %q: run 'horusec-tui profile list' to see them, or 'horusec-tui profile add %s …'", name, name)
	}
	f.Current = name
	return nil
}

// Save writes the file atomically (a temporary file renamed over it), mode
// 0600 in a 0700 directory, so a crash never leaves half a file. It
// replaces whatever the file holds: to change it, use Update.
func (f *File) Save() error {
	p := f.path
	if p == "" {
		var err error
		if p, err = Path(); err != nil {
			return err
		}
	}
	unlock, err := lockFileOf(p)
	if err != nil {
		return err
	}
	defer unlock()
	return f.save()
}

func (f *File) save() error {
	if f.path == "" {
		p, err := Path()
		if err != nil {
			return err
		}
		f.path = p
	}
	data, err := json.MarshalIndent(f, "", "  ")
	if err != nil {
		return fmt.Errorf("encode the config: %w", err)
	}
	return writeFileAtomic(f.path, append(data, '\n'))
}

var profileNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

func validateProfileName(name string) error {
	if !profileNameRE.MatchString(name) {
		return fmt.Errorf("invalid profile name %q: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", name)
	}
	return nil
}

func (p Profile) normalized() Profile {
	p.AuthURL = normalizeURL(p.AuthURL)
	p.CoreURL = normalizeURL(p.CoreURL)
	p.AnalyticURL = normalizeURL(p.AnalyticURL)
	p.APIURL = normalizeURL(p.APIURL)
	p.WebhookURL = normalizeURL(p.WebhookURL)
	p.VulnerabilityURL = normalizeURL(p.VulnerabilityURL)
	p.Email = strings.TrimSpace(p.Email)
	return p
}

func (p Profile) validate() error {
	for _, u := range []struct{ key, val string }{
		{"authURL", p.AuthURL}, {"coreURL", p.CoreURL}, {"analyticURL", p.AnalyticURL}, {"apiURL", p.APIURL},
		{"webhookURL", p.WebhookURL},
		{"vulnerabilityURL", p.VulnerabilityURL},
	} {
		if u.val == "" {
			continue
		}
		if err := checkURL(u.val); err != nil {
			return &urlError{key: u.key, err: err}
		}
	}
	return nil
}

type urlError struct {
	key string
	err error
}

func (e *urlError) Error() string { return e.key + ": " + e.err.Error() }
func (e *urlError) Unwrap() error { return e.err }
