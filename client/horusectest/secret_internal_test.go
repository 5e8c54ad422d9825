package horusectest

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"
)

// findIn walks v (through pointers, maps, slices, structs, unexported
// fields included) and reports whether any string or byte sequence holds
// needle.
func findIn(v reflect.Value, needle string, seen map[uintptr]bool) bool {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return false
		}
		seen[v.Pointer()] = true
		return findIn(v.Elem(), needle, seen)
	case reflect.Interface:
		return !v.IsNil() && findIn(v.Elem(), needle, seen)
	case reflect.String:
		return strings.Contains(v.String(), needle)
	case reflect.Struct:
		for i := range v.NumField() {
			if findIn(v.Field(i), needle, seen) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if findIn(it.Key(), needle, seen) || findIn(it.Value(), needle, seen) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, v.Len())
			for i := range b {
				b[i] = byte(v.Index(i).Uint())
			}
			return bytes.Contains(b, []byte(needle))
		}
		for i := range v.Len() {
			if findIn(v.Index(i), needle, seen) {
				return true
			}
		}
	}
	return false
}

func (s *Server) stateHolds(needle string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return findIn(reflect.ValueOf(s.st), needle, map[uintptr]bool{})
}

// TestSecretsAreNotKept: a created token's plaintext and a password appear
// nowhere in the server's state; the token is kept as SHA-256 + suffix.
func TestSecretsAreNotKept(t *testing.T) {
	srv, err := NewServer(Options{Empty: true, DisableEmails: true})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	const password = "Unique#Passw0rd-4711"
	post := func(url, auth string, body any) (int, string) {
		b, _ := json.Marshal(body)
		req, _ := http.NewRequest("POST", url, bytes.NewReader(b))
		if auth != "" {
			req.Header.Set("X-Horusec-Authorization", auth)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		raw, _ := io.ReadAll(res.Body)
		var env struct {
			Content json.RawMessage `json:"content"`
		}
		_ = json.Unmarshal(raw, &env)
		var s string
		_ = json.Unmarshal(env.Content, &s)
		return res.StatusCode, s
	}
	if code, _ := post(srv.AuthURL+"/auth/account/create-account-horusec", "", map[string]string{"email": "s@example.org", "username": "s", "password": password}); code != 200 {
		t.Fatal(code)
	}
	id, _ := srv.AccountID("s@example.org")
	ws, _ := srv.AddWorkspace("W", map[string]string{id: "admin"})
	jwt, _ := srv.AccessToken(id)
	code, plain := post(srv.CoreURL+"/core/workspaces/"+ws+"/tokens", jwt, map[string]any{"description": "d", "isExpirable": true, "expiresAt": time.Now().Add(48 * time.Hour)})
	if code != 201 || len(plain) != 36 {
		t.Fatalf("create token: %d %q", code, plain)
	}
	if !srv.stateHolds("s@example.org") || !srv.stateHolds(plain[len(plain)-5:]) {
		t.Fatal("the walker does not see the state") // guards the checks below
	}
	if srv.stateHolds(plain) || srv.stateHolds(plain[:len(plain)-5]) || srv.stateHolds(password) {
		t.Fatal("a secret is kept in the server state")
	}
	srv.mu.Lock()
	tok := srv.st.tokensByHash[sha256.Sum256([]byte(plain))]
	srv.mu.Unlock()
	if tok == nil || tok.suffix != plain[31:] {
		t.Fatal("token not kept as SHA-256 + last 5 characters")
	}
	// And the hash is what authorises an upload.
	if code, _ := post(srv.APIURL+"/api/analysis", plain, map[string]any{"repositoryName": "r", "analysis": map[string]any{
		"id": NewUUID(), "status": "success", "createdAt": time.Now(),
	}}); code != 201 {
		t.Fatalf("upload with the token: %d", code)
	}
}
