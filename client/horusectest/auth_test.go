package horusectest_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

func TestServicesKeepToTheirBasePath(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true})
	bases := map[string]string{"auth": srv.AuthURL, "core": srv.CoreURL, "analytic": srv.AnalyticURL, "api": srv.APIURL,
		"webhook": srv.WebhookURL, "vulnerability": srv.VulnerabilityURL}
	seen := map[string]bool{}
	for name, base := range bases {
		if strings.HasSuffix(base, "/") || !strings.HasPrefix(base, "http://127.0.0.1:") {
			t.Fatalf("%s URL %q", name, base)
		}
		if seen[base] {
			t.Fatalf("two services share %s", base)
		}
		seen[base] = true
		for other := range bases {
			r := call(t, "GET", base+"/"+other+"/health", "", nil)
			if other == name {
				want(t, r, 200, "")
				if r.header.Get("Content-Type") != "application/json" || r.header.Get("Access-Control-Allow-Origin") != "*" {
					t.Fatalf("%s health headers %v", name, r.header)
				}
				continue
			}
			if r.status != 404 || string(r.raw) != "404 page not found\n" {
				t.Fatalf("%s serves /%s/health: %d %q", name, other, r.status, r.raw)
			}
		}
	}
	r := call(t, "GET", srv.CoreURL+"/core/health", "", nil)
	if string(r.raw) != `{"code":200,"status":"OK"}`+"\n" {
		t.Fatalf("core health body %q", r.raw)
	}
	for _, base := range []string{srv.APIURL + "/api", srv.WebhookURL + "/webhook", srv.VulnerabilityURL + "/vulnerability"} {
		want(t, call(t, "GET", base+"/health", "", nil), 200, "service is healthy")
	}

	// chi defaults: unknown route → plain 404, wrong method → 405 without a body.
	r = call(t, "GET", srv.CoreURL+"/core/nothing", "", nil)
	if r.status != 404 || string(r.raw) != "404 page not found\n" || r.isJSON {
		t.Fatalf("unknown route: %d %q", r.status, r.raw)
	}
	r = call(t, "PUT", srv.CoreURL+"/core/workspaces", "", nil)
	if r.status != 405 || len(r.raw) != 0 {
		t.Fatalf("wrong method: %d %q", r.status, r.raw)
	}
	r = call(t, "GET", srv.AuthURL+"/auth/authenticate/login", "", nil)
	if r.status != 405 || len(r.raw) != 0 {
		t.Fatalf("wrong method on auth: %d %q", r.status, r.raw)
	}

	// CORS preflight, as the web manager sends it.
	req, _ := http.NewRequest("OPTIONS", srv.CoreURL+"/core/workspaces", nil)
	req.Header.Set("Origin", "http://localhost:8043")
	req.Header.Set("Access-Control-Request-Method", "PATCH")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "*" ||
		!strings.Contains(res.Header.Get("Access-Control-Allow-Headers"), "X-Horusec-Authorization") {
		t.Fatalf("preflight: %d %v", res.StatusCode, res.Header)
	}
}

func TestAuthConfig(t *testing.T) {
	for _, opts := range []horusectest.Options{{Empty: true}, {Empty: true, ApplicationAdmin: true, DisableEmails: true}} {
		srv, _ := start(t, opts)
		r := call(t, "GET", srv.AuthURL+"/auth/authenticate/config", "", nil)
		want(t, r, 200, "")
		var c map[string]any
		r.decode(t, &c)
		if c["authType"] != "horusec" || c["enableApplicationAdmin"] != opts.ApplicationAdmin || c["disableEmails"] != opts.DisableEmails {
			t.Fatalf("config %v for %+v", c, opts)
		}
	}
}

func TestParserAndValidationTexts(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true})
	url := srv.AuthURL + "/auth/authenticate/login"
	cases := []struct {
		body any
		msg  string
	}{
		{"", "{ERROR_PARSER} body can not be empty"},
		{"not json", "{ERROR_PARSER} body is invalid format type"},
		{`{"username":`, "unexpected EOF"},
		{`[1,2]`, "json: cannot unmarshal array into Go value of type authentication.LoginCredentials"},
		{`{"username":5}`, "json: cannot unmarshal number into Go struct field LoginCredentials.username of type string"},
		{`{"name":5}`, "password: cannot be blank; username: cannot be blank."},
		{map[string]string{"username": "a@b.c"}, "password: cannot be blank."},
		{map[string]string{"username": strings.Repeat("x", 256), "password": "p"}, "username: the length must be between 1 and 255."}, // Length(1, 255) upstream
	}
	for _, c := range cases {
		want(t, call(t, "POST", url, "", c.body), 400, c.msg)
	}
}

func jwtParts(t *testing.T, tok string) map[string]any {
	t.Helper()
	p := strings.Split(tok, ".")
	if len(p) != 3 {
		t.Fatalf("not a JWT: %d parts", len(p))
	}
	mac := hmac.New(sha256.New, []byte(horusectest.JWTSecret))
	mac.Write([]byte(p[0] + "." + p[1]))
	if base64.RawURLEncoding.EncodeToString(mac.Sum(nil)) != p[2] {
		t.Fatal("JWT signature does not verify with the platform secret")
	}
	head, _ := base64.RawURLEncoding.DecodeString(p[0])
	if !strings.Contains(string(head), `"HS256"`) {
		t.Fatalf("JWT header %s", head)
	}
	body, _ := base64.RawURLEncoding.DecodeString(p[1])
	var claims map[string]any
	if err := json.Unmarshal(body, &claims); err != nil {
		t.Fatal(err)
	}
	return claims
}

func TestLogin(t *testing.T) {
	srv, clk := start(t, horusectest.Options{})
	url := srv.AuthURL + "/auth/authenticate/login"
	bad := []map[string]string{
		{"username": "manager", "password": horusectest.ManagerPassword}, // a username, not the e-mail
		{"username": horusectest.ManagerEmail, "password": "Wrong#2026"},
		{"username": "nobody@example.com", "password": horusectest.ManagerPassword},
	}
	for _, b := range bad {
		want(t, call(t, "POST", url, "", b), 403, "{HORUSEC AUTH} invalid username or password")
	}
	s := login(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	id, _ := srv.AccountID(horusectest.ManagerEmail)
	if s.AccountID != id || s.Email != horusectest.ManagerEmail || s.Username != "manager" || s.IsApplicationAdmin || s.ExpiresIn != 0 || s.RefreshExpiresIn != 0 {
		t.Fatalf("session %+v", s)
	}
	if !s.ExpiresAt.Equal(clk.Now().Add(time.Hour)) {
		t.Fatalf("expiresAt %v, want now+1h", s.ExpiresAt)
	}
	if len(s.RefreshToken) != 64 || strings.Trim(s.RefreshToken, "0123456789abcdef") != "" {
		t.Fatalf("refresh token shape %d", len(s.RefreshToken))
	}
	c := jwtParts(t, s.AccessToken)
	if c["iss"] != "horusec" || c["sub"] != id || c["email"] != horusectest.ManagerEmail || c["username"] != "manager" ||
		c["exp"] != float64(clk.Now().Add(time.Hour).Unix()) || c["iat"] != float64(clk.Now().Unix()) {
		t.Fatalf("claims %v", c)
	}
	// Both header forms work.
	want(t, call(t, "GET", srv.CoreURL+"/core/workspaces", "Bearer "+s.AccessToken, nil), 200, "")
	want(t, call(t, "GET", srv.CoreURL+"/core/workspaces", s.AccessToken, nil), 200, "")
}

func TestAccessTokenLifeAndErrors(t *testing.T) {
	srv, clk := start(t, horusectest.Options{})
	s := login(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	ws, _ := srv.WorkspaceID("Acme Platform")
	list := srv.CoreURL + "/core/workspaces"
	want(t, call(t, "GET", list, "", nil), 401, "rpc error: code = Unknown desc = {AUTHENTICATION} is not possible get user without email")
	want(t, call(t, "GET", list, "garbage", nil), 400, "rpc error: code = Unknown desc = token contains an invalid number of segments")
	forged := s.AccessToken[:len(s.AccessToken)-4] + "AAAA"
	want(t, call(t, "GET", list, forged, nil), 400, "rpc error: code = Unknown desc = signature is invalid")
	// Protected routes answer 500 for any token problem.
	for _, tok := range []string{"", "garbage", forged} {
		want(t, call(t, "GET", list+"/"+ws, tok, nil), 500, generic)
	}
	clk.Add(time.Hour) // exp is inclusive
	want(t, call(t, "GET", list+"/"+ws, s.AccessToken, nil), 200, "")
	clk.Add(3 * time.Second)
	want(t, call(t, "GET", list, s.AccessToken, nil), 400, "rpc error: code = Unknown desc = token is expired by 3s")
	want(t, call(t, "GET", list+"/"+ws, s.AccessToken, nil), 500, generic)
	want(t, call(t, "GET", srv.AnalyticURL+"/analytic/dashboard/"+ws+"?initialDate=2026-01-01T00:00:00Z&finalDate=2026-12-31T23:59:59Z", s.AccessToken, nil), 500, generic)
}

func TestRefreshIsSingleUseAndExpires(t *testing.T) {
	srv, clk := start(t, horusectest.Options{})
	url := srv.AuthURL + "/auth/account/refresh-token"
	const invalid = "{ACCOUNT} invalid or expired refresh token"
	want(t, call(t, "POST", url, "", map[string]string{}), 400, "refreshToken: cannot be blank.")
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": strings.Repeat("a", 501)}), 400, "refreshToken: the length must be no more than 500.")
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": "unknown"}), 401, invalid)

	s := login(t, srv, horusectest.UserEmail, horusectest.UserPassword)
	clk.Add(30 * time.Minute)
	r := call(t, "POST", url, "", map[string]string{"refreshToken": s.RefreshToken})
	want(t, r, 200, "")
	var s2 client.Session
	r.decode(t, &s2)
	if s2.RefreshToken == s.RefreshToken || s2.AccessToken == s.AccessToken || !s2.ExpiresAt.Equal(clk.Now().Add(time.Hour)) || s2.AccountID != s.AccountID {
		t.Fatalf("refreshed session %+v", s2)
	}
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": s.RefreshToken}), 401, invalid) // reused

	// Two hours of life, by the clock.
	clk.Add(2*time.Hour - time.Second)
	r = call(t, "POST", url, "", map[string]string{"refreshToken": s2.RefreshToken})
	want(t, r, 200, "")
	var s3 client.Session
	r.decode(t, &s3)
	clk.Add(2 * time.Hour)
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": s3.RefreshToken}), 401, invalid)

	// Logout: 204 always; the refresh token dies, the access token lives on.
	s4 := login(t, srv, horusectest.UserEmail, horusectest.UserPassword)
	out := srv.AuthURL + "/auth/account/logout"
	want(t, call(t, "POST", out, "", map[string]string{"refreshToken": s4.RefreshToken}), 204, "")
	want(t, call(t, "POST", out, "", map[string]string{"refreshToken": "never-issued"}), 204, "")
	want(t, call(t, "POST", out, "", ""), 400, "{ERROR_PARSER} body can not be empty")
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": s4.RefreshToken}), 401, invalid)
	want(t, call(t, "GET", srv.CoreURL+"/core/workspaces", s4.AccessToken, nil), 200, "")

	// Helpers: expire or forget every refresh token.
	s5 := login(t, srv, horusectest.UserEmail, horusectest.UserPassword)
	srv.ExpireRefreshTokens()
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": s5.RefreshToken}), 401, invalid)
	s6 := login(t, srv, horusectest.UserEmail, horusectest.UserPassword)
	srv.ForgetRefreshTokens()
	if srv.RefreshTokens() != 0 {
		t.Fatal("refresh tokens kept after ForgetRefreshTokens")
	}
	want(t, call(t, "POST", url, "", map[string]string{"refreshToken": s6.RefreshToken}), 401, invalid)
}

func TestRegister(t *testing.T) {
	srv, clk := start(t, horusectest.Options{DisableEmails: true})
	url := srv.AuthURL + "/auth/account/create-account-horusec"
	body := func(email, user, pw string) map[string]string {
		return map[string]string{"email": email, "username": user, "password": pw}
	}
	cases := []struct {
		b   map[string]string
		msg string
	}{
		{body("", "", ""), "email: cannot be blank; password: cannot be blank; username: cannot be blank."},
		{body("nope", "n", "Passw0rd!"), "email: must be a valid email address."},
		{body("n@example.com", "n", "Sh0rt!"), "password: the length must be between 8 and 255."},
		{body("n@example.com", "n", "passw0rd!"), "password: must contain an uppercase character."},
		{body("n@example.com", "n", "PASSW0RD!"), "password: must contain a lowercase character."},
		{body("n@example.com", "n", "Password!"), "password: must contain a numeric character."},
		{body("n@example.com", "n", "Passw0rdd"), "password: must contain a special character."},
		{body(horusectest.ManagerEmail, "someone", "Passw0rd!"), "{ACCOUNT} email already in use"},
		{body("n@example.com", "manager", "Passw0rd!"), "{ACCOUNT} username already in use"},
	}
	for _, c := range cases {
		want(t, call(t, "POST", url, "", c.b), 400, c.msg)
	}
	r := call(t, "POST", url, "", body("new@example.com", "newbie", "Passw0rd!"))
	want(t, r, 200, "") // 200, not 201
	var a client.Account
	r.decode(t, &a)
	if len(a.AccountID) != 36 || a.Email != "new@example.com" || a.Username != "newbie" || !a.IsConfirmed || a.IsApplicationAdmin || !a.CreatedAt.Equal(clk.Now()) {
		t.Fatalf("account %+v", a)
	}
	login(t, srv, "new@example.com", "Passw0rd!")

	v := srv.AuthURL + "/auth/account/verify-already-used"
	want(t, call(t, "POST", v, "", map[string]string{"email": "free@example.com", "username": "free"}), 204, "")
	want(t, call(t, "POST", v, "", map[string]string{"email": "new@example.com", "username": "free"}), 400, "{ACCOUNT} email already in use")
	want(t, call(t, "POST", v, "", map[string]string{"email": "free@example.com", "username": "newbie"}), 400, "{ACCOUNT} username already in use")
}

func TestUnconfirmedAccountCannotLogIn(t *testing.T) {
	srv, _ := start(t, horusectest.Options{Empty: true}) // e-mails enabled
	r := call(t, "POST", srv.AuthURL+"/auth/account/create-account-horusec", "", map[string]string{"email": "n@example.com", "username": "n", "password": "Passw0rd!"})
	want(t, r, 200, "")
	var a struct {
		AccountID   string `json:"accountID"`
		IsConfirmed bool   `json:"isConfirmed"`
	}
	r.decode(t, &a)
	if a.IsConfirmed {
		t.Fatal("confirmed at once with e-mails enabled")
	}
	want(t, call(t, "POST", srv.AuthURL+"/auth/authenticate/login", "", map[string]string{"username": "n@example.com", "password": "Passw0rd!"}), 403, "{HORUSEC AUTH} account email not confirmed")
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noRedirect.Get(srv.AuthURL + "/auth/account/validate/" + a.AccountID)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("confirmation link: %d", res.StatusCode)
	}
	login(t, srv, "n@example.com", "Passw0rd!")
}
