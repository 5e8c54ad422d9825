package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/horusec-tui/horusec-tui/client"
)

// The web manager's defaults: a platform started with its docker-compose.
const (
	DefaultAuthURL     = "http://127.0.0.1:8006"
	DefaultCoreURL     = "http://127.0.0.1:8003"
	DefaultAnalyticURL = "http://127.0.0.1:8005"
	DefaultAPIURL      = "http://127.0.0.1:8000"
	DefaultWebhookURL  = "http://127.0.0.1:8004"

	DefaultVulnerabilityURL = "http://127.0.0.1:8001"
)

// Source says where an effective setting came from.
type Source string

const (
	SourceFlag    Source = "flag"
	SourceEnv     Source = "env"
	SourceProfile Source = "profile"
	SourceDefault Source = "default"
)

// Overrides are the command-line flags; empty means not given.
type Overrides struct {
	Profile     string
	AuthURL     string
	CoreURL     string
	AnalyticURL string
	WebhookURL  string

	VulnerabilityURL string
}

// Value is one effective setting and where it came from.
type Value struct {
	Value  string
	Source Source
	// Origin names the flag, variable or file it was read from, for messages.
	Origin string
	// Ignored names an environment variable that was set but not used,
	// because --profile chose a profile on the command line.
	Ignored string
}

// Settings are the effective settings of one run.
type Settings struct {
	Profile Value
	// ProfileSaved is false when the profile is not in the config file (the
	// implicit "default" profile before any 'profile add').
	ProfileSaved bool

	AuthURL     Value
	CoreURL     Value
	AnalyticURL Value
	APIURL      Value
	WebhookURL  Value

	VulnerabilityURL Value

	// ProfileURLs are the profile's own URLs (its saved ones, else the
	// defaults), whatever overrides them: what a session stored without its
	// URLs was made for.
	ProfileURLs client.ServiceURLs

	Email    string
	CAFile   string
	Insecure bool
	// SessionStorage is where the profile's session goes when no OS keyring
	// is usable, as chosen earlier ("" when not chosen yet).
	SessionStorage string

	ConfigPath string
}

// ServiceURL is one service's effective URL.
type ServiceURL struct {
	Service client.Service
	URL     Value
}

// URLs lists the service URLs in display order.
func (s Settings) URLs() []ServiceURL {
	return []ServiceURL{
		{client.ServiceAuth, s.AuthURL},
		{client.ServiceCore, s.CoreURL},
		{client.ServiceAnalytic, s.AnalyticURL},
		{client.ServiceAPI, s.APIURL},
		{client.ServiceVulnerability, s.VulnerabilityURL},
		{client.ServiceWebhook, s.WebhookURL},
	}
}

// ClientOptions are the client options these settings call for; the caller
// adds the user agent, logger and session hook.
func (s Settings) ClientOptions() client.Options {
	origin := func(v Value) string {
		if v.Source == SourceFlag || v.Source == SourceEnv {
			return v.Origin
		}
		return ""
	}
	return client.Options{
		ProfileURLs: s.ProfileURLs,
		URLOrigins: client.ServiceURLs{Auth: origin(s.AuthURL), Core: origin(s.CoreURL), Analytic: origin(s.AnalyticURL),
			API: origin(s.APIURL), Webhook: origin(s.WebhookURL), Vulnerability: origin(s.VulnerabilityURL)},

		AuthURL:     s.AuthURL.Value,
		CoreURL:     s.CoreURL.Value,
		AnalyticURL: s.AnalyticURL.Value,
		APIURL:      s.APIURL.Value,
		WebhookURL:  s.WebhookURL.Value,
		CAFile:      s.CAFile,
		Insecure:    s.Insecure,

		VulnerabilityURL: s.VulnerabilityURL.Value,
	}
}

// Resolve reads the config file and the environment and applies the flags:
// flags win over the environment, which wins over the profile, which wins
// over the web manager's defaults. A profile named on the command line
// (--profile) is an explicit choice: its service URLs win over
// HORUSEC_ENDPOINT_* (the URL flags still win over both), so its session
// goes only to its own services.
func Resolve(flags Overrides) (Settings, error) {
	f, err := Load()
	if err != nil {
		return Settings{}, err
	}
	return ResolveFile(f, flags, os.Getenv)
}

// ResolveFile is Resolve on an already loaded file and a given environment.
func ResolveFile(f *File, flags Overrides, getenv func(string) string) (Settings, error) {
	s := Settings{ConfigPath: f.Path()}

	switch {
	case flags.Profile != "":
		s.Profile = Value{flags.Profile, SourceFlag, "--profile", ""}
	case getenv(EnvProfile) != "":
		s.Profile = Value{getenv(EnvProfile), SourceEnv, EnvProfile, ""}
	case f.Current != "":
		s.Profile = Value{f.Current, SourceProfile, f.Path(), ""}
	default:
		s.Profile = Value{DefaultProfile, SourceDefault, "", ""}
	}
	p, ok := f.Profile(s.Profile.Value)
	s.ProfileSaved = ok
	if !ok && s.Profile.Value != DefaultProfile {
		return Settings{}, fmt.Errorf("no profile %q (named by %s) in %s: run 'horusec-tui profile list' to see them, or 'horusec-tui profile add %s --auth-url … --core-url … --analytic-url …'",
			s.Profile.Value, s.Profile.Origin, f.Path(), s.Profile.Value)
	}
	profileOrigin := fmt.Sprintf("profile %q in %s", p.Name, f.Path())
	// Only a saved profile has URLs to prefer; the implicit "default" one
	// takes them from the environment even when named.
	explicit := flags.Profile != "" && ok

	own := func(fromProfile, def string) string {
		if fromProfile != "" {
			return normalizeURL(fromProfile)
		}
		return def
	}
	s.ProfileURLs = client.ServiceURLs{Auth: own(p.AuthURL, DefaultAuthURL), Core: own(p.CoreURL, DefaultCoreURL),
		Analytic: own(p.AnalyticURL, DefaultAnalyticURL), API: own(p.APIURL, DefaultAPIURL),
		Webhook: own(p.WebhookURL, DefaultWebhookURL), Vulnerability: own(p.VulnerabilityURL, DefaultVulnerabilityURL)}
	pick := func(flag, flagName, env, fromProfile, def string) (Value, error) {
		var v Value
		ignored := ""
		if explicit && env != "" && getenv(env) != "" {
			ignored = env
		}
		switch {
		case flag != "":
			v = Value{flag, SourceFlag, "--" + flagName, ""}
		case env != "" && getenv(env) != "" && !explicit:
			v = Value{getenv(env), SourceEnv, env, ""}
		case fromProfile != "":
			v = Value{fromProfile, SourceProfile, profileOrigin, ignored}
		default:
			return Value{def, SourceDefault, "", ignored}, nil
		}
		v.Value = normalizeURL(v.Value)
		if err := checkURL(v.Value); err != nil {
			return Value{}, fmt.Errorf("%s (from %s): %w", redactURL(v.Value), v.Origin, err)
		}
		return v, nil
	}
	var errs []error
	var err error
	if s.AuthURL, err = pick(flags.AuthURL, "auth-url", EnvAuthURL, p.AuthURL, DefaultAuthURL); err != nil {
		errs = append(errs, fmt.Errorf("auth service URL %w", err))
	}
	if s.CoreURL, err = pick(flags.CoreURL, "core-url", EnvCoreURL, p.CoreURL, DefaultCoreURL); err != nil {
		errs = append(errs, fmt.Errorf("core service URL %w", err))
	}
	if s.AnalyticURL, err = pick(flags.AnalyticURL, "analytic-url", EnvAnalyticURL, p.AnalyticURL, DefaultAnalyticURL); err != nil {
		errs = append(errs, fmt.Errorf("analytic service URL %w", err))
	}
	if s.APIURL, err = pick("", "", EnvAPIURL, p.APIURL, DefaultAPIURL); err != nil {
		errs = append(errs, fmt.Errorf("api service URL %w", err))
	}
	if s.WebhookURL, err = pick(flags.WebhookURL, "webhook-url", EnvWebhookURL, p.WebhookURL, DefaultWebhookURL); err != nil {
		errs = append(errs, fmt.Errorf("webhook service URL %w", err))
	}
	if s.VulnerabilityURL, err = pick(flags.VulnerabilityURL, "vulnerability-url", EnvVulnerabilityURL, p.VulnerabilityURL, DefaultVulnerabilityURL); err != nil {
		errs = append(errs, fmt.Errorf("vulnerability service URL %w", err))
	}
	if len(errs) > 0 {
		return Settings{}, errors.Join(errs...)
	}
	s.Email, s.CAFile, s.Insecure = p.Email, p.CAFile, p.Insecure
	s.SessionStorage = f.SessionStorage[s.Profile.Value]
	return s, nil
}

func normalizeURL(u string) string {
	return strings.TrimRight(strings.TrimSpace(u), "/")
}

// redactURL keeps a password written into a URL out of messages.
func redactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	if strings.Contains(raw, "@") {
		return "the given URL"
	}
	return raw
}

// parseProblem says why raw did not parse without quoting raw (url.Parse
// quotes all of it, a password included). A URL with an '@' may hold a
// password anywhere, so then not even the faulty part is shown.
func parseProblem(raw string, err error) string {
	if strings.Contains(raw, "@") {
		return "it does not parse, and it must not hold a user or password"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// checkURL accepts an absolute http(s) URL with a host and no query.
func checkURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("not a URL (%s): write it like http://127.0.0.1:8006", parseProblem(raw, err))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return errors.New("the URL must start with http:// or https://, e.g. http://127.0.0.1:8006")
	}
	if u.Host == "" {
		return errors.New("the URL has no host: write it like http://127.0.0.1:8006")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("the URL must not have a query or fragment: give only the service's base URL")
	}
	if u.User != nil {
		return errors.New("the URL must not hold a user or password: log in with 'horusec-tui auth login'")
	}
	return nil
}
