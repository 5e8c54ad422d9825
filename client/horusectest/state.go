package horusectest

import (
	"crypto/sha256"
	"sort"
	"strings"
	"time"
)

// Platform roles.
const (
	roleAdmin      = "admin"
	roleSupervisor = "supervisor"
	roleMember     = "member"
	roleAppAdmin   = "applicationAdmin"
)

func validRole(r string) bool { return r == roleAdmin || r == roleSupervisor || r == roleMember }

type account struct {
	id         string
	email      string
	username   string
	salt       [16]byte
	pwHash     [32]byte // SHA-256(salt || password): the password itself is never kept
	confirmed  bool
	isAppAdmin bool
	createdAt  time.Time
	updatedAt  time.Time
}

type workspace struct {
	id          string
	name        string
	description string
	authzAdmin  []string
	authzMember []string
	createdAt   time.Time
	updatedAt   time.Time
	members     map[string]string // accountID → role
	repos       map[string]*repository
	repoNames   map[string]*repository // name → repository (names are unique in a workspace)
	byName      []*repository          // repos in list order; nil when it must be sorted again
	tokens      map[string]*token      // workspace-level tokens only
}

type repository struct {
	id              string
	workspaceID     string
	name            string
	description     string
	authzAdmin      []string
	authzMember     []string
	authzSupervisor []string
	createdAt       time.Time
	updatedAt       time.Time
	members         map[string]string // accountID → role
	tokens          map[string]*token
	analyses        []*analysis
	vulns           map[string]*vuln // vulnHash → finding (the vulnerability service's rows)
}

// token keeps only what the platform keeps: the SHA-256 of the plaintext
// and its last five characters.
type token struct {
	id           string
	workspaceID  string
	repositoryID string // "" for a workspace token
	description  string
	hash         [32]byte
	suffix       string
	isExpirable  bool
	createdAt    time.Time
	expiresAt    time.Time // zero when not expirable
}

// finding is one (author, language, severity, type) bucket of an analysis.
type finding struct {
	email    string
	language string
	severity string // lower case: critical, high, medium, low, info, unknown
	vtype    string // vulnerability, riskAccepted, falsePositive, corrected
	count    int
}

type analysis struct {
	id           string
	workspaceID  string
	repositoryID string
	status       string
	errors       string
	createdAt    time.Time
	finishedAt   time.Time
	receivedAt   time.Time // when the api service took the upload; zero for the seed's
	findings     []finding
	vulns        []map[string]any // the uploaded findings, echoed by GET /api/analysis/{id}
	refs         []*vuln          // the findings it references, as stored now
	pending      []*vuln          // an upload's findings before they are stored
}

type refreshEntry struct {
	accountID string
	expiresAt time.Time
}

// state is everything the platform keeps; every field is guarded by
// Server.mu. Indexes keep each request proportional to what it returns.
type state struct {
	accounts      map[string]*account
	byEmail       map[string]*account
	byUsername    map[string]*account
	workspaces    map[string]*workspace
	accountWS     map[string]map[string]struct{} // accountID → workspaceIDs
	repos         map[string]*repository
	tokensByHash  map[[32]byte]*token
	analyses      map[string]*analysis
	vulns         map[string]*vuln // vulnerabilityID → finding
	refreshTokens map[string]refreshEntry
	webhooks      *webhookStore        // see hooks()
	directory     map[string]*dirEntry // LDAP mode: login name → entry
}

func newState() *state {
	return &state{
		accounts:      map[string]*account{},
		byEmail:       map[string]*account{},
		byUsername:    map[string]*account{},
		workspaces:    map[string]*workspace{},
		accountWS:     map[string]map[string]struct{}{},
		repos:         map[string]*repository{},
		tokensByHash:  map[[32]byte]*token{},
		analyses:      map[string]*analysis{},
		vulns:         map[string]*vuln{},
		refreshTokens: map[string]refreshEntry{},
	}
}

func hashPassword(salt [16]byte, password string) [32]byte {
	return sha256.Sum256(append(salt[:], password...))
}

func (st *state) addAccount(a *account) {
	st.accounts[a.id] = a
	st.byEmail[a.email] = a
	st.byUsername[a.username] = a
}

func (st *state) addWorkspace(ws *workspace) {
	st.workspaces[ws.id] = ws
	for acc := range ws.members {
		st.link(acc, ws.id)
	}
}

func (st *state) link(accountID, workspaceID string) {
	set := st.accountWS[accountID]
	if set == nil {
		set = map[string]struct{}{}
		st.accountWS[accountID] = set
	}
	set[workspaceID] = struct{}{}
}

func (st *state) unlink(accountID, workspaceID string) {
	if set := st.accountWS[accountID]; set != nil {
		delete(set, workspaceID)
		if len(set) == 0 {
			delete(st.accountWS, accountID)
		}
	}
}

func (st *state) setMember(ws *workspace, accountID, role string) {
	ws.members[accountID] = role
	st.link(accountID, ws.id)
}

// removeMember drops the workspace role and every repository role of the
// account inside that workspace, as the platform does.
func (st *state) removeMember(ws *workspace, accountID string) {
	if _, ok := ws.members[accountID]; !ok {
		return
	}
	delete(ws.members, accountID)
	st.unlink(accountID, ws.id)
	for _, r := range ws.repos {
		delete(r.members, accountID)
	}
}

func (st *state) addRepository(ws *workspace, r *repository) {
	ws.repos[r.id] = r
	ws.repoNames[r.name] = r
	ws.byName = nil
	st.repos[r.id] = r
}

func (st *state) addToken(ws *workspace, r *repository, t *token) {
	if r != nil {
		r.tokens[t.id] = t
	} else {
		ws.tokens[t.id] = t
	}
	st.tokensByHash[t.hash] = t
}

func (st *state) deleteRepository(ws *workspace, r *repository) {
	for _, t := range r.tokens {
		delete(st.tokensByHash, t.hash)
	}
	for _, a := range r.analyses {
		delete(st.analyses, a.id)
	}
	st.dropWebhooksOf(r.id, "")
	for _, v := range r.vulns {
		delete(st.vulns, v.id)
	}
	delete(ws.repos, r.id)
	ws.byName = nil
	if ws.repoNames[r.name] == r {
		delete(ws.repoNames, r.name)
	}
	delete(st.repos, r.id)
}

func (st *state) deleteWorkspace(ws *workspace) {
	for _, r := range ws.repos {
		st.deleteRepository(ws, r)
	}
	for _, t := range ws.tokens {
		delete(st.tokensByHash, t.hash)
	}
	for acc := range ws.members {
		st.unlink(acc, ws.id)
	}
	st.dropWebhooksOf("", ws.id)
	delete(st.workspaces, ws.id)
}

func (st *state) addAnalysis(r *repository, a *analysis) {
	r.analyses = append(r.analyses, a)
	st.analyses[a.id] = a
}

// dateOnly is how the platform's DATE columns read back.
func dateOnly(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	u := t.UTC()
	return time.Date(u.Year(), u.Month(), u.Day(), 0, 0, 0, 0, time.UTC)
}

// expired reports whether a token is past its expiry date. The platform
// keeps only the date, so a token dies at 00:00 UTC of its expiry day.
func (t *token) expired(now time.Time) bool {
	return t.isExpirable && !now.Before(dateOnly(t.expiresAt))
}

// sortedByName sorts items by case-insensitive name, then id. Keys are
// computed once: lists can hold 10,000 items.
func sortedByName[T any](items []T, name func(T) string, id func(T) string) {
	type entry struct {
		key, id string
		item    T
	}
	es := make([]entry, len(items))
	for i, it := range items {
		es[i] = entry{strings.ToLower(name(it)), id(it), it}
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].key != es[j].key {
			return es[i].key < es[j].key
		}
		return es[i].id < es[j].id
	})
	for i := range es {
		items[i] = es[i].item
	}
}

// reposByName is the workspace's repositories in the order lists give
// them (case-insensitive name, then id), sorted again only after a change:
// a page of a workspace of 10,000 does not sort 10,000 each time.
func (ws *workspace) reposByName() []*repository {
	if ws.byName == nil {
		ws.byName = make([]*repository, 0, len(ws.repos))
		for _, r := range ws.repos {
			ws.byName = append(ws.byName, r)
		}
		sortedByName(ws.byName, func(r *repository) string { return r.name }, func(r *repository) string { return r.id })
	}
	return ws.byName
}
