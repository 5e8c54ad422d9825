package client

import (
	"context"
	"net/http"
	"sort"
	"strings"
	"time"
)

// MaskSuffix is how a token is shown after it was created: its last
// characters (the platform keeps five) behind a mask.
func MaskSuffix(suffix string) string { return "••••••••-" + suffix }

// Masked is the listed token as shown: its suffix behind a mask.
func (t Token) Masked() string { return MaskSuffix(t.SuffixValue) }

// SortTokens orders tokens newest first (a token just created is on top),
// then by description in any case.
func SortTokens(list []Token) {
	sort.SliceStable(list, func(i, j int) bool {
		if !list[i].CreatedAt.Equal(list[j].CreatedAt) {
			return list[i].CreatedAt.After(list[j].CreatedAt)
		}
		return strings.ToLower(list[i].Description) < strings.ToLower(list[j].Description)
	})
}

// --- the core service's token routes ---

func (c *Client) WorkspaceTokens(ctx context.Context, workspaceID string) ([]Token, error) {
	return fetch[[]Token](ctx, c, guarded(ServiceCore, "list workspace tokens", http.MethodGet, workspaceRoute+"/tokens"), workspaceID)
}

// CreateWorkspaceToken returns the plaintext token, shown only this once.
func (c *Client) CreateWorkspaceToken(ctx context.Context, workspaceID string, d TokenData) (*Secret, error) {
	return c.createToken(ctx, "create workspace token", workspaceRoute+"/tokens", d, workspaceID)
}

// DeleteWorkspaceToken revokes a token; an unknown token ID succeeds.
func (c *Client) DeleteWorkspaceToken(ctx context.Context, workspaceID, tokenID string) error {
	return c.do(ctx, guarded(ServiceCore, "delete workspace token", http.MethodDelete, workspaceRoute+"/tokens/{token ID}"),
		nil, workspaceID, tokenID)
}

func (c *Client) RepositoryTokens(ctx context.Context, workspaceID, repositoryID string) ([]Token, error) {
	return fetch[[]Token](ctx, c, guarded(ServiceCore, "list repository tokens", http.MethodGet, repositoryRoute+"/tokens"),
		workspaceID, repositoryID)
}

// CreateRepositoryToken returns the plaintext token, shown only this once.
func (c *Client) CreateRepositoryToken(ctx context.Context, workspaceID, repositoryID string, d TokenData) (*Secret, error) {
	return c.createToken(ctx, "create repository token", repositoryRoute+"/tokens", d, workspaceID, repositoryID)
}

// DeleteRepositoryToken revokes a token; an unknown token ID succeeds.
func (c *Client) DeleteRepositoryToken(ctx context.Context, workspaceID, repositoryID, tokenID string) error {
	return c.do(ctx, guarded(ServiceCore, "delete repository token", http.MethodDelete, repositoryRoute+"/tokens/{token ID}"),
		nil, workspaceID, repositoryID, tokenID)
}

// tokenBody sends expiresAt only for an expiring token, as RFC 3339.
type tokenCreateBody struct {
	Description string `json:"description"`
	IsExpirable bool   `json:"isExpirable,omitempty"`
	ExpiresAt   string `json:"expiresAt,omitempty"`
}

func newTokenBody(d TokenData) tokenCreateBody {
	b := tokenCreateBody{Description: d.Description, IsExpirable: d.IsExpirable}
	if d.IsExpirable && d.ExpiresAt != nil {
		b.ExpiresAt = d.ExpiresAt.Format(time.RFC3339)
	}
	return b
}

// createToken posts d to a tokens route (route with its ids filled).
func (c *Client) createToken(ctx context.Context, op, route string, d TokenData, ids ...string) (*Secret, error) {
	path, err := fill(op, route, ids...)
	if err != nil {
		return nil, err
	}
	cl := guarded(ServiceCore, op, http.MethodPost, path).with(newTokenBody(d))
	a, err := c.send(ctx, cl)
	if err != nil {
		return nil, err
	}
	s, err := decodeSecret(cl, a)
	if err != nil {
		return nil, err
	}
	// The platform's tokens are UUIDs. Anything else is not shown, copied
	// or printed: it could carry escape sequences or be someone else's text.
	if !isUUID(s.Bytes()) {
		s.Wipe()
		return nil, &Error{Kind: KindServer, Op: op, Method: cl.method, URL: a.url, Status: a.status,
			Message: "the core service answered with something that is not a token (the platform's tokens are UUIDs), so it is not shown; " +
				"list the tokens to see whether one was created, and revoke it"}
	}
	return s, nil
}

// isUUID reports whether b is a UUID in its text form
// (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hexadecimal). It takes bytes too,
// so that a secret is checked without a copy into a string.
func isUUID[T string | []byte](b T) bool {
	if len(b) != 36 {
		return false
	}
	for i := range len(b) {
		c := b[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}
