package horusectest

import (
	"crypto/rand"
	"crypto/subtle"
	"net/http"
	"time"
)

func (s *Server) authRoutes(rt *router) {
	rt.handle("GET", "/auth/authenticate/config", s.authConfig)
	rt.handle("POST", "/auth/authenticate/login", s.login)
	rt.handle("POST", "/auth/account/refresh-token", s.refresh)
	rt.handle("POST", "/auth/account/logout", s.logout)
	rt.handle("POST", "/auth/account/create-account-horusec", s.register)
	rt.handle("POST", "/auth/account/verify-already-used", s.verifyAlreadyUsed)
	rt.handle("GET", "/auth/account/validate/{accountID}", s.validateAccount)
}

func (s *Server) authConfig(w http.ResponseWriter, _ *http.Request, _ params) {
	writeJSON(w, http.StatusOK, map[string]any{
		"authType":               s.authType(),
		"enableApplicationAdmin": s.opts.ApplicationAdmin,
		"disableEmails":          s.opts.DisableEmails,
	})
}

type loginResponse struct {
	AccountID          string    `json:"accountID"`
	AccessToken        string    `json:"accessToken"`
	RefreshToken       string    `json:"refreshToken"`
	Username           string    `json:"username"`
	Email              string    `json:"email"`
	ExpiresAt          time.Time `json:"expiresAt"`
	ExpiresIn          int       `json:"expiresIn"`
	RefreshExpiresIn   int       `json:"refreshExpiresIn"`
	IsApplicationAdmin bool      `json:"isApplicationAdmin"`
}

// session issues an access token and a fresh refresh token. s.mu must be held.
func (s *Server) session(a *account) loginResponse { return s.sessionWith(a, nil) }

// sessionWith is session with the LDAP groups in the access token.
func (s *Server) sessionWith(a *account, groups []string) loginResponse {
	access, exp := s.issueAccessToken(a, groups)
	refresh := newOpaque()
	if len(s.st.refreshTokens) > 4096 {
		s.purgeRefreshTokens()
	}
	s.st.refreshTokens[refresh] = refreshEntry{accountID: a.id, expiresAt: s.now().Add(refreshTokenLife)}
	return loginResponse{
		AccountID: a.id, AccessToken: access, RefreshToken: refresh,
		Username: a.username, Email: a.email, ExpiresAt: exp,
		IsApplicationAdmin: a.isAppAdmin,
	}
}

// purgeRefreshTokens drops the expired refresh tokens. s.mu must be held.
func (s *Server) purgeRefreshTokens() {
	now := s.now()
	for k, e := range s.st.refreshTokens {
		if !now.Before(e.expiresAt) {
			delete(s.st.refreshTokens, k)
		}
	}
}

func (s *Server) login(w http.ResponseWriter, r *http.Request, _ params) {
	var body struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if !readValid(w, r, &body, "authentication.LoginCredentials", func(v verrs) {
		if v.required("username", body.Username) {
			v.lenBetween("username", body.Username, 1, 255)
		}
		if v.required("password", body.Password) {
			v.lenBetween("password", body.Password, 1, 255)
		}
	}) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ldap() {
		s.ldapLogin(w, body.Username, body.Password)
		return
	}
	// In horusec mode the "username" is the e-mail: a plain username fails.
	a := s.st.byEmail[body.Username]
	if a == nil {
		writeError(w, http.StatusForbidden, msgWrongLogin)
		return
	}
	h := hashPassword(a.salt, body.Password)
	if subtle.ConstantTimeCompare(h[:], a.pwHash[:]) != 1 {
		writeError(w, http.StatusForbidden, msgWrongLogin)
		return
	}
	if !a.confirmed && !s.opts.DisableEmails {
		writeError(w, http.StatusForbidden, msgNotConfirmed)
		return
	}
	writeJSON(w, http.StatusOK, s.session(a))
}

func (s *Server) authType() string {
	if s.ldap() {
		return "ldap"
	}
	return "horusec"
}

type refreshBody struct {
	RefreshToken string `json:"refreshToken"`
}

func (s *Server) readRefreshBody(w http.ResponseWriter, r *http.Request) (string, bool) {
	var body refreshBody
	ok := readValid(w, r, &body, "account.RefreshToken", func(v verrs) {
		if v.required("refreshToken", body.RefreshToken) {
			v.maxLen("refreshToken", body.RefreshToken, 500)
		}
	})
	return body.RefreshToken, ok
}

func (s *Server) refresh(w http.ResponseWriter, r *http.Request, _ params) {
	tok, ok := s.readRefreshBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	e, found := s.st.refreshTokens[tok]
	delete(s.st.refreshTokens, tok) // single use
	a := s.st.accounts[e.accountID]
	if !found || !s.now().Before(e.expiresAt) || a == nil {
		writeError(w, http.StatusUnauthorized, msgBadRefresh)
		return
	}
	// In LDAP mode too the new token is made from the stored account
	// alone: no groups, no application admin (§15).
	writeJSON(w, http.StatusOK, s.session(a))
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, _ params) {
	tok, ok := s.readRefreshBody(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	delete(s.st.refreshTokens, tok)
	s.mu.Unlock()
	writeNoContent(w)
}

type accountJSON struct {
	AccountID          string    `json:"accountID"`
	Email              string    `json:"email"`
	Username           string    `json:"username"`
	IsConfirmed        bool      `json:"isConfirmed"`
	IsApplicationAdmin bool      `json:"isApplicationAdmin"`
	CreatedAt          time.Time `json:"createdAt"`
	UpdatedAt          time.Time `json:"updatedAt"`
}

func (s *Server) register(w http.ResponseWriter, r *http.Request, _ params) {
	var body struct {
		Email    string `json:"email"`
		Username string `json:"username"`
		Password string `json:"password"`
	}
	// Rule order per field as on the platform: e-mail format before length.
	if !readValid(w, r, &body, "account.Data", func(v verrs) {
		if v.required("email", body.Email) {
			v.email("email", body.Email)
			v.lenBetween("email", body.Email, 1, 255)
		}
		if v.required("username", body.Username) {
			v.lenBetween("username", body.Username, 1, 255)
		}
		v.password("password", body.Password)
	}) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg := s.inUse(body.Email, body.Username); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	a := s.newAccount("", body.Email, body.Username, body.Password, s.opts.DisableEmails)
	writeJSON(w, http.StatusOK, accountJSON{
		AccountID: a.id, Email: a.email, Username: a.username,
		IsConfirmed: a.confirmed, IsApplicationAdmin: a.isAppAdmin,
		CreatedAt: a.createdAt, UpdatedAt: a.updatedAt,
	})
}

// inUse returns the platform's text when the e-mail or username is taken.
// s.mu must be held.
func (s *Server) inUse(email, username string) string {
	if s.st.byEmail[email] != nil {
		return msgEmailInUse
	}
	if s.st.byUsername[username] != nil {
		return msgUsernameInUse
	}
	return ""
}

// newAccount stores a new account. s.mu must be held.
// An empty id draws a new one.
func (s *Server) newAccount(id, email, username, password string, confirmed bool) *account {
	if id == "" {
		id = NewUUID()
	}
	now := s.now()
	a := &account{id: id, email: email, username: username, confirmed: confirmed, createdAt: now, updatedAt: now}
	_, _ = rand.Read(a.salt[:])
	a.pwHash = hashPassword(a.salt, password)
	s.st.addAccount(a)
	return a
}

func (s *Server) verifyAlreadyUsed(w http.ResponseWriter, r *http.Request, _ params) {
	var body struct {
		Email    string `json:"email"`
		Username string `json:"username"`
	}
	if !readValid(w, r, &body, "account.ValidateUnique", func(v verrs) {
		if v.required("email", body.Email) {
			v.email("email", body.Email)
			v.maxLen("email", body.Email, 255)
		}
		if v.required("username", body.Username) {
			v.maxLen("username", body.Username, 255)
		}
	}) {
		return
	}
	s.mu.Lock()
	msg := s.inUse(body.Email, body.Username)
	s.mu.Unlock()
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	writeNoContent(w)
}

// validateAccount is the e-mail confirmation link: it confirms the account
// and redirects to the web manager.
func (s *Server) validateAccount(w http.ResponseWriter, r *http.Request, p params) {
	id, bad := parseUUID(p["accountID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	s.mu.Lock()
	if a := s.st.accounts[id]; a != nil {
		a.confirmed = true
	}
	s.mu.Unlock()
	http.Redirect(w, r, "http://localhost:8043", http.StatusSeeOther)
}
