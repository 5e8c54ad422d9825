package client

import (
	"encoding/json"
	"time"
)

// Roles as the platform names them. The UI may call admin "Manager" and
// member "User"; the code always uses these values.
const (
	RoleAdmin            = "admin"
	RoleSupervisor       = "supervisor"
	RoleMember           = "member"
	RoleApplicationAdmin = "applicationAdmin"
)

// Auth types reported by GET /auth/authenticate/config.
const (
	AuthTypeHorusec  = "horusec"
	AuthTypeKeycloak = "keycloak"
	AuthTypeLDAP     = "ldap"
)

// AuthConfig is the content of GET /auth/authenticate/config.
type AuthConfig struct {
	AuthType               string `json:"authType"`
	EnableApplicationAdmin bool   `json:"enableApplicationAdmin"`
	DisableEmails          bool   `json:"disableEmails"`
}

// Session is what the login and refresh answers carry. AccessToken and
// RefreshToken are secrets: never log or print them.
type Session struct {
	AccountID          string    `json:"accountID"`
	AccessToken        string    `json:"accessToken"`
	RefreshToken       string    `json:"refreshToken"`
	Username           string    `json:"username"`
	Email              string    `json:"email"`
	ExpiresAt          time.Time `json:"expiresAt"`
	ExpiresIn          int       `json:"expiresIn"`
	RefreshExpiresIn   int       `json:"refreshExpiresIn"`
	IsApplicationAdmin bool      `json:"isApplicationAdmin"`

	// Services are the service URLs the session was made for (recorded at
	// login, kept by a renewal). The session is sent to those URLs only;
	// one stored before they were recorded counts as made for
	// Options.ProfileURLs. Not sent by the platform.
	Services ServiceURLs `json:"services,omitzero"`
}

// ServiceURLs are one URL per service; "" for a service without one.
type ServiceURLs struct {
	Auth          string `json:"auth,omitempty"`
	Core          string `json:"core,omitempty"`
	Analytic      string `json:"analytic,omitempty"`
	API           string `json:"api,omitempty"`
	Webhook       string `json:"webhook,omitempty"`
	Vulnerability string `json:"vulnerability,omitempty"`
}

// Of is svc's URL.
func (u ServiceURLs) Of(svc Service) string {
	switch svc {
	case ServiceAuth:
		return u.Auth
	case ServiceCore:
		return u.Core
	case ServiceAnalytic:
		return u.Analytic
	case ServiceAPI:
		return u.API
	case ServiceWebhook:
		return u.Webhook
	case ServiceVulnerability:
		return u.Vulnerability
	}
	return ""
}

// Account is the answer of the register call.
type Account struct {
	AccountID          string    `json:"accountID"`
	Email              string    `json:"email"`
	Username           string    `json:"username"`
	IsConfirmed        bool      `json:"isConfirmed"`
	IsApplicationAdmin bool      `json:"isApplicationAdmin"`
	CreatedAt          time.Time `json:"createdAt"`
	UpdatedAt          time.Time `json:"updatedAt"`
}

// RegisterRequest is the body of POST /auth/account/create-account-horusec.
type RegisterRequest struct {
	Email    string `json:"email"`
	Username string `json:"username"`
	Password string `json:"password"`
}

// Workspace is the platform's workspace object. Role is the caller's role.
type Workspace struct {
	WorkspaceID       string    `json:"workspaceID"`
	Name              string    `json:"name"`
	Role              string    `json:"role"`
	Description       string    `json:"description"`
	AuthzMember       []string  `json:"authzMember"`
	AuthzAdmin        []string  `json:"authzAdmin"`
	CreatedAt         time.Time `json:"createdAt"`
	UpdatedAt         time.Time `json:"updatedAt"`
	RepositoriesCount int       `json:"repositoriesCount"`
}

// WorkspaceData is the full body of a workspace create or update. The
// platform replaces every field on update, so callers send the whole object.
type WorkspaceData struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	AuthzAdmin  []string `json:"authzAdmin,omitempty"`
	AuthzMember []string `json:"authzMember,omitempty"`
}

// Data returns the body that keeps every field of w as it is.
func (w Workspace) Data() WorkspaceData {
	return WorkspaceData{Name: w.Name, Description: w.Description, AuthzAdmin: w.AuthzAdmin, AuthzMember: w.AuthzMember}
}

// Member is a workspace or repository role holder.
type Member struct {
	AccountID string `json:"accountID,omitempty"`
	Email     string `json:"email,omitempty"`
	Username  string `json:"username,omitempty"`
	Role      string `json:"role,omitempty"`
}

// Invite is the body of a workspace invite (the platform looks the account
// up by e-mail).
type Invite struct {
	Email    string `json:"email"`
	Role     string `json:"role"`
	Username string `json:"username,omitempty"`
}

// RepositoryMemberData is the body of a repository role grant: the platform
// needs the account id of an existing workspace member.
type RepositoryMemberData struct {
	AccountID string `json:"accountID"`
	Email     string `json:"email"`
	Username  string `json:"username,omitempty"`
	Role      string `json:"role"`
}

// Token is a workspace or repository token as listed (never the secret).
type Token struct {
	TokenID      string    `json:"tokenID"`
	WorkspaceID  string    `json:"workspaceID"`
	RepositoryID string    `json:"repositoryID"`
	Description  string    `json:"description"`
	SuffixValue  string    `json:"suffixValue"`
	IsExpirable  bool      `json:"isExpirable"`
	CreatedAt    time.Time `json:"createdAt"`
	ExpiresAt    time.Time `json:"expiresAt"`
}

// TokenData is the body of a token creation. ExpiresAt is ignored unless
// IsExpirable; the platform keeps only its date.
type TokenData struct {
	Description string     `json:"description"`
	IsExpirable bool       `json:"isExpirable,omitempty"`
	ExpiresAt   *time.Time `json:"expiresAt,omitempty"`
}

// Repository is the platform's repository object. Role is the caller's role.
type Repository struct {
	WorkspaceID     string    `json:"workspaceID"`
	RepositoryID    string    `json:"repositoryID"`
	Name            string    `json:"name"`
	Role            string    `json:"role"`
	Description     string    `json:"description"`
	AuthzMember     []string  `json:"authzMember"`
	AuthzAdmin      []string  `json:"authzAdmin"`
	AuthzSupervisor []string  `json:"authzSupervisor"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

// RepositoryData is the full body of a repository create or update.
type RepositoryData struct {
	Name            string   `json:"name"`
	Description     string   `json:"description"`
	AuthzAdmin      []string `json:"authzAdmin,omitempty"`
	AuthzMember     []string `json:"authzMember,omitempty"`
	AuthzSupervisor []string `json:"authzSupervisor,omitempty"`
}

// Data returns the body that keeps every field of r as it is.
func (r Repository) Data() RepositoryData {
	return RepositoryData{Name: r.Name, Description: r.Description, AuthzAdmin: r.AuthzAdmin, AuthzMember: r.AuthzMember, AuthzSupervisor: r.AuthzSupervisor}
}

// RepositoryQuery pages and searches the repository list. Page 0 means no
// paging (the platform then returns everything and ignores Search).
type RepositoryQuery struct {
	Page   int
	Size   int
	Search string
}

// PageSize is the platform's smallest (and default) repository page.
const PageSize = 15

// DateRange bounds a dashboard query. The platform wants exactly
// YYYY-MM-DDTHH:MM:SSZ: the client sends From's day at 00:00:00Z and To's
// day at 23:59:59Z.
type DateRange struct {
	From time.Time
	To   time.Time
}

// StatusCounts breaks a severity count down by the vulnerability's status.
type StatusCounts struct {
	Vulnerability int `json:"vulnerability"`
	RiskAccepted  int `json:"riskAccepted"`
	FalsePositive int `json:"falsePositive"`
	Corrected     int `json:"corrected"`
}

// SeverityCount is one severity's total and its breakdown.
type SeverityCount struct {
	Count int          `json:"count"`
	Types StatusCounts `json:"types"`
}

// Severities holds the six severities the platform reports.
type Severities struct {
	Critical SeverityCount `json:"critical"`
	High     SeverityCount `json:"high"`
	Medium   SeverityCount `json:"medium"`
	Low      SeverityCount `json:"low"`
	Info     SeverityCount `json:"info"`
	Unknown  SeverityCount `json:"unknown"`
}

// AuthorVulnerabilities is one entry of the top developers.
type AuthorVulnerabilities struct {
	Author string `json:"author"`
	Severities
}

// RepositoryVulnerabilities is one entry of the top repositories.
type RepositoryVulnerabilities struct {
	RepositoryName string `json:"repositoryName"`
	Severities
}

// LanguageVulnerabilities is one entry of the top languages.
type LanguageVulnerabilities struct {
	Language string `json:"language"`
	Severities
}

// TimeVulnerabilities is one day of the timeline.
type TimeVulnerabilities struct {
	Time time.Time `json:"time"`
	Severities
}

// Dashboard is the analytic service's dashboard content.
type Dashboard struct {
	TotalAuthors                int                         `json:"totalAuthors"`
	TotalRepositories           int                         `json:"totalRepositories"`
	VulnerabilityBySeverity     Severities                  `json:"vulnerabilityBySeverity"`
	VulnerabilitiesByAuthor     []AuthorVulnerabilities     `json:"vulnerabilitiesByAuthor"`
	VulnerabilitiesByRepository []RepositoryVulnerabilities `json:"vulnerabilitiesByRepository"`
	VulnerabilitiesByLanguage   []LanguageVulnerabilities   `json:"vulnerabilitiesByLanguage"`
	VulnerabilityByTime         []TimeVulnerabilities       `json:"vulnerabilityByTime"`
}

// Service names one of the platform's HTTP services.
type Service string

const (
	ServiceAuth     Service = "auth"
	ServiceCore     Service = "core"
	ServiceAnalytic Service = "analytic"
	ServiceAPI      Service = "api"
	ServiceWebhook  Service = "webhook"

	ServiceVulnerability Service = "vulnerability"
)

// envelope is the platform's wrapper around every JSON answer.
type envelope struct {
	Code    int             `json:"code"`
	Status  string          `json:"status"`
	Content json.RawMessage `json:"content,omitempty"`
}
