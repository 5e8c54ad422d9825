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

// Hostile seed names: HostileWorkspace holds one repository, token,
// member, dashboard author, finding file and commit author, webhook and
// group per class; HostileLong is a workspace and a repository name of 255
// bytes; HostileWide has emoji and wide characters. Those two and the
// look-alike "Acme Platform" each hold a repository, a token and a member
// of their own name.
var (
	HostileWorkspace = "Hostile " + HostileTexts[0].Text + HostileTexts[4].Text + " workspace"
	HostileLong      = "Long" + strings.Repeat("-name", 50) + "!"
	HostileWide      = "Wide 🚀 東京ワークスペース 🔥"
	// HostilePassword is the password of the hostile seed's accounts.
	HostilePassword = "Hostile#2026"
)

// HostileName is the name of class i's item of a kind in the hostile
// workspace: HostileName("r", i, "repo") is a repository, "t"/"token" a
// workspace token, "rt"/"token" a repository token, "h"/"user" a member's
// username, "w"/"hook" a webhook's description, "g"/"group" a group,
// "f"/"file" a finding's file, "a"/"author" a commit author.
func HostileName(prefix string, i int, kind string) string {
	return fmt.Sprintf("%s%d %s %s", prefix, i, HostileTexts[i].Text, kind)
}

// hostileAccountEmail is the e-mail of the hostile account of class i.
func hostileAccountEmail(i int) string {
	return fmt.Sprintf("h%d%s@evil.example", i, HostileTexts[i].Text)
}

// HostileGroup is the group that, on an LDAP platform (Options.LDAP), the
// directory's Manager is in beside their own, and that manages the hostile
// workspace: their own groups carry an escape too.
var HostileGroup = HostileName("g", 4, "group")

// loadHostile adds, to whatever is loaded, workspaces the Manager belongs to
// whose every name, description, token, member, dashboard author, finding,
// webhook and group carries one of HostileTexts. s.mu must be held.
func (s *Server) loadHostile() error {
	mgr := s.st.byEmail[ManagerEmail]
	if mgr == nil {
		return fmt.Errorf("hostile seed: no %s (it needs the demo seed)", ManagerEmail)
	}
	now := s.now().UTC()
	day := func(d int) time.Time { return now.AddDate(0, 0, -d) }
	if e := s.st.directory[LDAPManagerLogin]; e != nil {
		e.groups = append(e.groups, HostileGroup)
	}

	ws := newWorkspace(NewUUID(), HostileWorkspace, "Every name here carries an escape: "+HostileTexts[1].Text+HostileTexts[3].Text+HostileTexts[6].Text, day(3))
	ws.members[mgr.id] = roleAdmin
	// Groups as an LDAP platform keeps them; the Manager's own first, so
	// that on an LDAP platform they manage it.
	ws.authzAdmin = []string{LDAPLeadsGroup, HostileGroup}
	for i := range HostileTexts {
		if g := HostileName("g", i, "group"); g != HostileGroup {
			ws.authzMember = append(ws.authzMember, g)
		}
	}
	s.st.addWorkspace(ws)
	analysisID := NewUUID()
	var authors []finding
	var refs []*vuln
	for i, h := range HostileTexts {
		a := s.newAccount("", hostileAccountEmail(i), HostileName("h", i, "user"), HostilePassword, true)
		role := []string{roleMember, roleSupervisor, roleAdmin}[i%3]
		s.st.setMember(ws, a.id, role)
		repo := newRepository(ws, NewUUID(), HostileName("r", i, "repo"), h.Class+": "+h.Text, day(2))
		repo.members[a.id] = roleMember
		repo.authzAdmin = ws.authzAdmin
		repo.authzSupervisor = []string{HostileName("g", i, "group")}
		repo.authzMember = ws.authzMember
		s.st.addRepository(ws, repo)
		s.st.newToken(ws, nil, "", HostileName("t", i, "token"), day(1), time.Time{})
		s.st.newToken(ws, repo, "", HostileName("rt", i, "token"), day(1), time.Time{})
		// The colour's author leads the dashboard's top developers.
		count := i + 1
		if i == 4 {
			count = 9
		}
		f := finding{email: fmt.Sprintf("dev%d%s@example.com", i, h.Text), language: languageNames["go"], severity: severityNames["HIGH"], vtype: typeNames["vulnerability"], count: count}
		authors = append(authors, f)
		// The findings of this author: in a file whose path, and with a
		// commit author, code and tool, that carry the class.
		for _, v := range seedFindings(analysisID, len(refs), f) {
			v.file = "src/" + HostileName("f", i, "file") + ".go"
			v.commitAuthor = HostileName("a", i, "author")
			v.code = "call(" + h.Text + ")"
			v.tool = "Tool" + h.Text
			refs = append(refs, v)
		}
		// A webhook on the repository, with a header whose name carries the
		// class (a header's value is never shown).
		hooks := s.st.hooks()
		hook := &webhook{id: NewUUID(), description: HostileName("w", i, "hook"), url: fmt.Sprintf("https://evil.example/%s/w%d", h.Text, i),
			headers: []webhookHeader{{Key: fmt.Sprintf("X-W%d-%s", i, h.Text), Value: "value"}}, repositoryID: repo.id, workspaceID: ws.id,
			createdAt: day(1), updatedAt: day(1)}
		hooks.byID[hook.id] = hook
		hooks.byRepo[repo.id] = hook
	}
	// One repository is analysed by every hostile author, and the
	// workspace's dashboard sums them all.
	first := ws.repoNames[HostileName("r", 0, "repo")]
	an := &analysis{id: analysisID, workspaceID: ws.id, repositoryID: first.id, status: "success",
		createdAt: now.Add(-time.Hour), finishedAt: now.Add(-time.Hour), findings: authors}
	for _, v := range refs {
		an.refs = append(an.refs, s.st.addVuln(first, v))
	}
	s.st.addAnalysis(first, an)
	long := newRepository(ws, NewUUID(), HostileLong, HostileLong, day(1))
	s.st.addRepository(ws, long)
	wide := newRepository(ws, NewUUID(), HostileWide, HostileWide, day(1))
	s.st.addRepository(ws, wide)

	for i, w := range []struct{ name, desc string }{
		{HostileLong, HostileLong},
		{HostileWide, HostileWide},
		{"Acme\u200BPlatform", "Looks like “Acme Platform”: " + HostileTexts[6].Text},
	} {
		other := newWorkspace(NewUUID(), w.name, w.desc, day(2))
		other.members[mgr.id] = roleAdmin
		if s.ldap() {
			other.authzAdmin = []string{LDAPLeadsGroup}
		}
		s.st.addWorkspace(other)
		// Its pages are full of its own name.
		a := s.newAccount("", fmt.Sprintf("other%d@evil.example", i), w.name, HostilePassword, true)
		s.st.setMember(other, a.id, roleMember)
		r := newRepository(other, NewUUID(), w.name, w.desc, day(1))
		r.members[a.id] = roleMember
		s.st.addRepository(other, r)
		s.st.newToken(other, nil, "", w.name, day(1), time.Time{})
	}
	return nil
}
