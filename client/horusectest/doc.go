// Package horusectest is an in-memory stand-in for the Horusec platform, in
// the spirit of net/http/httptest. It serves the auth, core, analytic, api,
// webhook and vulnerability services, each on its own loopback listener and
// routing only its own base path, and behaves like the real platform as described in
// client/horusec-api.md, quirks included: the {code,status,content}
// envelope, 204 without a body, the fixed text of every 500, ozzo-style
// validation texts, 401 for a role that is too low and 500 for no role at
// all, date-only read-backs, single-use refresh tokens kept in memory, and
// token plaintexts that are never stored (only SHA-256 and the last five
// characters).
//
// It is used by the demo (horusec-tui --demo), by the tests of the other
// packages and by "horusec-tui demo-server".
//
// Where things live: server.go (listeners, routing, request log), wire.go
// (envelope, body parsing, validation texts), state.go (what the platform
// keeps), jwt.go; one file per service: auth.go, analytic.go, api.go,
// webhook.go (with its delivery queue in webhookdelivery.go),
// vulnerability.go (with the change of findings in vulnupdate.go and the
// seed's findings in vulnseed.go), ldap.go; the core's routes in core.go (with
// the route check every one runs first) and by resource, as the client's
// files: workspaces.go, members.go, tokens.go, repositories.go; seed.go,
// hostile.go and scale.go (data), fault.go and helpers.go (test helpers),
// receiver.go (a webhook endpoint for tests).
//
// # Starting
//
//	srv, err := horusectest.NewServer(horusectest.Options{DisableEmails: true})
//	defer srv.Close()
//	// srv.AuthURL, srv.CoreURL, srv.AnalyticURL, srv.APIURL, srv.WebhookURL,
//	// srv.VulnerabilityURL: no trailing slash
//
// Options: Empty (no seed data), ApplicationAdmin (enableApplicationAdmin,
// with AdminEmail / AdminPassword as the application admin), DisableEmails
// (when false, accounts registered over HTTP must open
// GET /auth/account/validate/{accountID} before logging in), Now (the
// clock: token and refresh-token expiry, JWT exp/iat, createdAt, and the
// seed's relative dates), Host (default 127.0.0.1), StandardPorts (auth
// 8006, core 8003, analytic 8005, api 8000, webhook 8004, vulnerability 8001), WebhookStall
// and WebhookTimeout (see Webhooks below). Close stops at once; Shutdown
// waits for running requests.
//
// # Demo accounts and seed
//
// ManagerEmail / ManagerPassword is admin of "Acme Platform" (41
// repositories, so paging shows), "Mobile Apps", "Data & ML" and "Sandbox"
// (no repositories), and member of "Security Research", where it holds
// repository roles in two repositories. UserEmail / UserPassword is member
// of "Acme Platform", "Mobile Apps" and "Security Research" and holds
// repository roles (member, supervisor, admin) in a few repositories.
// alice, bruno, carla, diego, erin, farid, grace and hiro @example.com
// (password SeedPassword) fill every role. Tokens cover never-expiring,
// expirable and expired ones (plaintexts are thrown away). Analyses spread
// over the last 30 days with seven authors, several languages, all six
// severities and the four statuses; each analysis's findings have files,
// lines, code, tools and hashes, so the vulnerability service lists them
// (an upload adds its own; a hash the repository has keeps its marks). A
// change of findings recounts the dashboards of the analysis it names,
// as the platform's announcement does. All ids are fixed; all dates are
// relative to the clock. The seed lives in assets/demo/seed.json.
//
// # Access tokens
//
// JWT HS256 signed with JWTSecret (the platform's default), issuer
// "horusec", sub = accountID, claims email, username, permissions (null),
// exp (1 h), iat. X-Horusec-Authorization takes "Bearer <jwt>" or a bare
// <jwt> on auth/core/analytic, and the raw token plaintext on the api
// service. Refresh tokens live 2 h and are single use.
//
// # Test helpers
//
//	AddAccount(email, username, password) (accountID, error)   // confirmed
//	AccountID(email) (string, bool)
//	AddWorkspace(name, members map[accountID]role) (workspaceID, error)
//	SetWorkspaceMember(workspaceID, accountID, role) error      // "" removes
//	AddRepository(workspaceID, name, members map[accountID]role) (repositoryID, error)
//	AddToken(workspaceID, repositoryID, description, expiresAt) (plaintext, error)
//	AddAnalysis(workspaceID, repositoryID, at, []Finding) (analysisID, error)
//	WorkspaceID(name), RepositoryID(workspaceID, name) (string, bool)
//	AccessToken(accountID) (jwt, error)
//	ExpireRefreshTokens(), ForgetRefreshTokens(), RefreshTokens() int
//	Requests(method, pathPrefix) int  // pathPrefix with "?" matches path?query
//	RequestLog() map[string]int, ResetRequests()
//	InjectFault(Fault), ClearFaults()
//
// A Fault matches by method ("" for any) and path prefix, for Times
// requests (0: until ClearFaults), and adds Latency, answers a forced
// Status (with Body, or the platform's envelope), a Malformed JSON body, or
// Drops the connection.
//
// # Webhooks
//
// The webhook service (§14) keeps one webhook per repository, listed under
// the workspace named in its body, with the platform's loose URL check,
// 200 with the bare id on create, 409 for a second webhook on a
// repository, date-only read-backs, PUT that writes only non-empty fields
// and DELETE that always answers 204. Every analysis uploaded to the api
// service is queued, as on the broker, and handed to one consumer: the
// repository's webhook at that moment gets a POST of the stored analysis
// (the configured headers, no Content-Type, WebhookTimeout, default 10 s).
// With WebhookStall a failed delivery (status ≥ 400, no answer, a URL Go
// cannot send to) holds the queue, as the platform's unacknowledged
// message does, until RestartWebhookService; without it a failure is
// dropped. WebhookAttempts and WebhookQueue let tests see what happened;
// AddWebhook(workspaceID, repositoryID, url, description, headers) stores
// one directly.
//
// # What differs from the platform
//
// Only the horusec auth type exists (no LDAP, no Keycloak). Not served:
// account update, change-password, delete, reset codes, Keycloak account
// creation, /metrics, /swagger, compression and the 10 s router timeout.
// Lists are sorted (workspaces and repositories by name, members by e-mail,
// tokens by creation date); the platform promises no order.
// Dashboard data changes at once after an upload (the platform fills it
// through a broker, a few milliseconds later, and its author and
// repository figures from queues of their own; Options.AnalyticLag
// reproduces that they can arrive after the severity counts).
//
// The server is safe for concurrent use (one lock) and every request costs
// in proportion to what it returns, so 10,000 workspaces or members stay
// fast.
package horusectest
