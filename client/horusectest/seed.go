package horusectest

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/horusec-tui/horusec-tui/assets"
)

// Demo accounts. The seed's other accounts (alice, bruno, carla, diego,
// erin, farid, grace, hiro @example.com) use SeedPassword.
const (
	ManagerEmail    = "manager@example.com"
	ManagerPassword = "Manager#2026"
	UserEmail       = "user@example.com"
	UserPassword    = "User#2026"
	// The application admin exists only with Options.ApplicationAdmin
	// (the platform's default HORUSEC_APPLICATION_ADMIN_DATA).
	AdminEmail    = "horusec-admin@example.com"
	AdminUsername = "horusec-admin"
	AdminPassword = "Devpass0*"
	SeedPassword  = "Demo#2026"
)

type seedDoc struct {
	DefaultPassword string `json:"defaultPassword"`
	Accounts        []struct {
		ID       string `json:"id"`
		Email    string `json:"email"`
		Username string `json:"username"`
		Password string `json:"password"`
	} `json:"accounts"`
	Workspaces []struct {
		ID             string            `json:"id"`
		Name           string            `json:"name"`
		Description    string            `json:"description"`
		CreatedDaysAgo int               `json:"createdDaysAgo"`
		Members        map[string]string `json:"members"` // e-mail → role
		Tokens         []seedToken       `json:"tokens"`
		Repositories   []struct {
			ID             string            `json:"id"`
			Name           string            `json:"name"`
			Description    string            `json:"description"`
			CreatedDaysAgo int               `json:"createdDaysAgo"`
			Members        map[string]string `json:"members"`
			Tokens         []seedToken       `json:"tokens"`
			Analyses       []struct {
				ID       string            `json:"id"`
				HoursAgo int               `json:"hoursAgo"`
				Status   string            `json:"status"`
				Findings []json.RawMessage `json:"findings"` // [email, language, SEVERITY, Type, count]
			} `json:"analyses"`
		} `json:"repositories"`
	} `json:"workspaces"`
}

type seedToken struct {
	ID             string `json:"id"`
	Description    string `json:"description"`
	CreatedDaysAgo int    `json:"createdDaysAgo"`
	ExpiresInDays  *int   `json:"expiresInDays"` // absent: never expires; negative: already expired
}

// load creates the application admin (when enabled) and the seed data.
func (s *Server) load() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ldap() {
		// The directory is the LDAP server: its people get an account at
		// their first login, and the application admin is a group.
		s.st.directory = newDirectory()
	} else if s.opts.ApplicationAdmin {
		a := s.newAccount("", AdminEmail, AdminUsername, AdminPassword, true)
		a.isAppAdmin = true
	}
	if s.opts.Empty {
		if s.opts.ScaleRepositories > 0 || s.opts.ScaleVulnFiles > 0 || s.opts.ScaleFileFindings > 0 {
			return fmt.Errorf("demo platform: the Scale and Findings workspaces need the seed's demo accounts; they cannot be added to an empty platform")
		}
		return nil
	}
	var doc seedDoc
	if err := json.Unmarshal(assets.DemoSeed, &doc); err != nil {
		return fmt.Errorf("demo seed: %w", err)
	}
	if err := s.loadSeed(&doc); err != nil {
		return err
	}
	if s.opts.ScaleRepositories > 0 {
		if err := s.addScale(s.opts.ScaleRepositories); err != nil {
			return err
		}
	}
	if s.opts.ScaleVulnFiles > 0 || s.opts.ScaleFileFindings > 0 {
		if err := s.addScaleFindings(s.opts.ScaleVulnFiles, s.opts.ScaleFileFindings); err != nil {
			return err
		}
	}
	if s.ldap() {
		s.seedLDAPGroups()
	}
	if s.opts.Hostile {
		return s.loadHostile()
	}
	return nil
}

func (s *Server) loadSeed(doc *seedDoc) error {
	now := s.now().UTC()
	daysAgo := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	for _, sa := range doc.Accounts {
		pw := sa.Password
		if pw == "" {
			pw = doc.DefaultPassword
		}
		if s.inUse(sa.Email, sa.Username) != "" {
			return fmt.Errorf("demo seed: account %s twice", sa.Email)
		}
		// The seed's ids are kept so they are the same on every run.
		s.newAccount(sa.ID, sa.Email, sa.Username, pw, true)
	}
	roles := func(m map[string]string, where string) (map[string]string, error) {
		out := make(map[string]string, len(m))
		for email, role := range m {
			a := s.st.byEmail[email]
			if a == nil || !validRole(role) {
				return nil, fmt.Errorf("demo seed: %s: bad member %s (%s)", where, email, role)
			}
			out[a.id] = role
		}
		return out, nil
	}
	for _, sw := range doc.Workspaces {
		ws := newWorkspace(sw.ID, sw.Name, sw.Description, daysAgo(sw.CreatedDaysAgo))
		members, err := roles(sw.Members, sw.Name)
		if err != nil {
			return err
		}
		ws.members = members
		s.st.addWorkspace(ws)
		for _, t := range sw.Tokens {
			s.seedToken(ws, nil, t, now)
		}
		for _, sr := range sw.Repositories {
			repo := newRepository(ws, sr.ID, sr.Name, sr.Description, daysAgo(sr.CreatedDaysAgo))
			if repo.members, err = roles(sr.Members, sr.Name); err != nil {
				return err
			}
			for id := range repo.members {
				if _, ok := ws.members[id]; !ok {
					return fmt.Errorf("demo seed: %s: a repository member is not in workspace %s", sr.Name, sw.Name)
				}
			}
			s.st.addRepository(ws, repo)
			for _, t := range sr.Tokens {
				s.seedToken(ws, repo, t, now)
			}
			for _, sa := range sr.Analyses {
				at := now.Add(-time.Duration(sa.HoursAgo) * time.Hour)
				a := &analysis{id: sa.ID, workspaceID: ws.id, repositoryID: repo.id, status: sa.Status, createdAt: at, finishedAt: at.Add(90 * time.Second)}
				for _, raw := range sa.Findings {
					f, err := seedFinding(raw)
					if err != nil {
						return fmt.Errorf("demo seed: analysis %s: %w", sa.ID, err)
					}
					for _, v := range seedFindings(a.id, len(a.findings), f) {
						a.refs = append(a.refs, s.st.addVuln(repo, v))
					}
					a.findings = append(a.findings, f)
				}
				s.st.addAnalysis(repo, a)
			}
		}
	}
	return nil
}

// seedToken stores a token whose plaintext is thrown away at once.
func (s *Server) seedToken(ws *workspace, repo *repository, t seedToken, now time.Time) {
	var expiresAt time.Time
	if t.ExpiresInDays != nil {
		expiresAt = dateOnly(now).AddDate(0, 0, *t.ExpiresInDays)
	}
	s.st.newToken(ws, repo, t.ID, t.Description, now.AddDate(0, 0, -t.CreatedDaysAgo), expiresAt)
}

func seedFinding(raw json.RawMessage) (finding, error) {
	var f finding
	var parts [5]any
	if err := json.Unmarshal(raw, &parts); err != nil {
		return f, err
	}
	email, _ := parts[0].(string)
	lang, _ := parts[1].(string)
	sev, _ := parts[2].(string)
	typ, _ := parts[3].(string)
	n, _ := parts[4].(float64)
	f = finding{email: email, language: lang, severity: severityNames[strings.ToUpper(sev)], vtype: typeNames[strings.ToLower(typ)], count: int(n)}
	if f.severity == "" || f.vtype == "" || languageNames[strings.ToLower(lang)] == "" || f.count < 1 {
		return f, fmt.Errorf("bad finding %s", raw)
	}
	return f, nil
}
