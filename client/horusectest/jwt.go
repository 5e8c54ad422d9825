package horusectest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// JWTSecret is the HS256 key of the access tokens: the platform's default
// HORUSEC_JWT_SECRET_KEY, so tokens survive a restart as on the platform.
const JWTSecret = "horusec-secret"

const (
	accessTokenLife  = time.Hour
	refreshTokenLife = 2 * time.Hour
)

type jwtClaims struct {
	Email       string   `json:"email"`
	Username    string   `json:"username"`
	Permissions []string `json:"permissions"`
	ExpiresAt   int64    `json:"exp,omitempty"`
	IssuedAt    int64    `json:"iat,omitempty"`
	Issuer      string   `json:"iss,omitempty"`
	Subject     string   `json:"sub,omitempty"`
}

var b64 = base64.RawURLEncoding

func signJWT(c jwtClaims) string {
	head := b64.EncodeToString([]byte(`{"alg":"HS256","typ":"JWT"}`))
	body, _ := json.Marshal(c)
	unsigned := head + "." + b64.EncodeToString(body)
	mac := hmac.New(sha256.New, []byte(JWTSecret))
	mac.Write([]byte(unsigned))
	return unsigned + "." + b64.EncodeToString(mac.Sum(nil))
}

// issueAccessToken signs an access token; groups are the LDAP groups
// (the "permissions" claim), nil otherwise.
func (s *Server) issueAccessToken(a *account, groups []string) (string, time.Time) {
	now := s.now()
	life := accessTokenLife
	if s.opts.SessionTTL > 0 {
		life = s.opts.SessionTTL
	}
	exp := now.Add(life)
	return signJWT(jwtClaims{
		Email: a.email, Username: a.username, Permissions: groups,
		ExpiresAt: exp.Unix(), IssuedAt: now.Unix(),
		Issuer: "horusec", Subject: a.id,
	}), exp
}

// bearer strips the optional "Bearer " prefix, as the platform does.
func bearer(h string) string {
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(h), "Bearer "))
}

// parseJWT verifies an access token and returns its claims, or the error
// text of the JWT library the platform uses.
func parseJWT(tok string, now time.Time) (jwtClaims, string) {
	var c jwtClaims
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return c, "token contains an invalid number of segments"
	}
	hb, err := b64.DecodeString(strings.TrimRight(parts[0], "="))
	if err != nil {
		return c, err.Error()
	}
	var head struct {
		Alg string `json:"alg"`
	}
	if err := json.Unmarshal(hb, &head); err != nil {
		return c, err.Error()
	}
	if head.Alg != "HS256" {
		return c, "signing method (alg) is unavailable."
	}
	sig, err := b64.DecodeString(strings.TrimRight(parts[2], "="))
	if err != nil {
		return c, err.Error()
	}
	mac := hmac.New(sha256.New, []byte(JWTSecret))
	mac.Write([]byte(parts[0] + "." + parts[1]))
	if !hmac.Equal(sig, mac.Sum(nil)) {
		return c, "signature is invalid"
	}
	cb, err := b64.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return c, err.Error()
	}
	if err := json.Unmarshal(cb, &c); err != nil {
		return c, err.Error()
	}
	n := now.Unix()
	if c.ExpiresAt != 0 && n > c.ExpiresAt {
		return c, fmt.Sprintf("token is expired by %v", time.Unix(n, 0).Sub(time.Unix(c.ExpiresAt, 0)))
	}
	if c.IssuedAt != 0 && n < c.IssuedAt {
		return c, "Token used before issued"
	}
	return c, ""
}
