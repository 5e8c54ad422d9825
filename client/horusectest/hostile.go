package horusectest

import (
	"fmt"
	"strings"
	"time"
)

// Hostile is one class of text a terminal would act on, or a reader would
// be fooled by, that anyone with an account can make the platform send: a
// workspace they create (and add anyone to), a repository, a token's
// description, their username, a commit's author e-mail.
type Hostile struct {
	Class string // what it does
	Text  string // the text carrying it
	// Shown is part of what the program draws instead (see safetext).
	Shown string
}

// HostileTexts are the classes the hostile seed (Options.Hostile) carries.
var HostileTexts = []Hostile{
	{"OSC 52 clipboard write", "\x1b]52;c;cm0gLXJmIH4=\x07", "␛]52;c;cm0gLXJmIH4=␇"},
	{"OSC 2 window title", "\x1b]2;pwned\x07", "␛]2;pwned␇"},
	{"OSC 8 hidden link", "\x1b]8;;https://evil.example/\x1b\\dev@example.com\x1b]8;;\x1b\\", "␛]8;;https://evil.example/␛\\"},
	{"CSI 2J screen clear", "\x1b[2J\x1b[H", "␛[2J␛[H"},
	{"SGR colour left on", "\x1b[31;5m", "␛[31;5m"},
	{"8-bit C1 CSI", "\u009b2J\u009b31m", "⟨U+009B⟩2J"},
	{"bidi override", "txt\u202Eexe.pdf", "txt⟨U+202E⟩exe.pdf"},
	{"zero-width space", "Acme\u200BPlatform", "Acme⟨U+200B⟩Platform"},
}

// Hostile seed names: HostileWorkspace holds one repository, token, member
// and dashboard author per class; HostileLong is a workspace and a
// repository name of 255 bytes; HostileWide has emoji and wide characters.
var (
	HostileWorkspace = "Hostile " + HostileTexts[0].Text + " workspace"
	HostileLong      = "Long" + strings.Repeat("-name", 50) + "!"
	HostileWide      = "Wide 🚀 東京ワークスペース 🔥"
	// HostilePassword is the password of the hostile seed's accounts.
	HostilePassword = "Hostile#2026"
)

// hostileAccountEmail is the e-mail of the hostile account of class i.
func hostileAccountEmail(i int) string {
	return fmt.Sprintf("h%d%s@evil.example", i, HostileTexts[i].Text)
}

// loadHostile adds, to whatever is loaded, workspaces the Manager belongs to
// whose every name, description, token, member and dashboard author
// carries one of HostileTexts. s.mu must be held.
func (s *Server) loadHostile() error {
	mgr := s.st.byEmail[ManagerEmail]
	if mgr == nil {
		return fmt.Errorf("hostile seed: no %s (it needs the demo seed)", ManagerEmail)
	}
	now := s.now().UTC()
	day := func(d int) time.Time { return now.AddDate(0, 0, -d) }

	ws := newWorkspace(newUUID(), HostileWorkspace, "Every name here carries an escape: "+HostileTexts[1].Text+HostileTexts[3].Text+HostileTexts[6].Text, day(3))
	ws.members[mgr.id] = roleAdmin
	s.st.addWorkspace(ws)
	var authors []finding
	for i, h := range HostileTexts {
		a := s.newAccount("", hostileAccountEmail(i), fmt.Sprintf("h%d %s user", i, h.Text), HostilePassword, true)
		role := []string{roleMember, roleSupervisor, roleAdmin}[i%3]
		s.st.setMember(ws, a.id, role)
		repo := newRepository(ws, newUUID(), fmt.Sprintf("r%d %s repo", i, h.Text), h.Class+": "+h.Text, day(2))
		repo.members[a.id] = roleMember
		s.st.addRepository(ws, repo)
		s.st.newToken(ws, nil, "", fmt.Sprintf("t%d %s token", i, h.Text), day(1), time.Time{})
		s.st.newToken(ws, repo, "", fmt.Sprintf("rt%d %s token", i, h.Text), day(1), time.Time{})
		authors = append(authors, finding{email: fmt.Sprintf("dev%d%s@example.com", i, h.Text), language: languageNames["go"], severity: severityNames["HIGH"], vtype: typeNames["vulnerability"], count: i + 1})
	}
	// One repository is analysed by every hostile author, and the
	// workspace's dashboard sums them all.
	first := ws.repoNames[fmt.Sprintf("r0 %s repo", HostileTexts[0].Text)]
	s.st.addAnalysis(first, &analysis{id: newUUID(), workspaceID: ws.id, repositoryID: first.id, status: "success",
		createdAt: now.Add(-time.Hour), finishedAt: now.Add(-time.Hour), findings: authors})
	long := newRepository(ws, newUUID(), HostileLong, HostileLong, day(1))
	s.st.addRepository(ws, long)
	wide := newRepository(ws, newUUID(), HostileWide, HostileWide, day(1))
	s.st.addRepository(ws, wide)

	for _, w := range []struct{ name, desc string }{
		{HostileLong, HostileLong},
		{HostileWide, HostileWide},
		{"Acme\u200BPlatform", "Looks like “Acme Platform”: " + HostileTexts[6].Text},
	} {
		other := newWorkspace(newUUID(), w.name, w.desc, day(2))
		other.members[mgr.id] = roleAdmin
		s.st.addWorkspace(other)
	}
	return nil
}
