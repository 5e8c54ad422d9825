package horusectest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strings"

	"github.com/horusec-tui/horusec-tui/client/internal/uuid"
)

// Platform messages, verbatim.
const (
	msgGeneric          = "{ERROR_HTTP} something went wrong, sorry for the inconvenience"
	msgPrivileges       = "{HORUSEC_MIDDLEWARE} you do not have enough privileges for this action"
	msgBodyEmpty        = "{ERROR_PARSER} body can not be empty"
	msgBodyInvalid      = "{ERROR_PARSER} body is invalid format type"
	msgWrongLogin       = "{HORUSEC AUTH} invalid username or password"
	msgNotConfirmed     = "{HORUSEC AUTH} account email not confirmed"
	msgBadRefresh       = "{ACCOUNT} invalid or expired refresh token"
	msgEmailInUse       = "{ACCOUNT} email already in use"
	msgUsernameInUse    = "{ACCOUNT} username already in use"
	msgRPCPrefix        = "rpc error: code = Unknown desc = "
	msgNoEmail          = "{AUTHENTICATION} is not possible get user without email"
	msgNotFoundRecords  = "{ERROR_DATABASE} database not found records"
	msgUserNotFound     = "{CORE_WORKSPACE} not found user in workspace"
	msgRepoNameInUse    = "{CORE_REPOSITORY} repository name already in use"
	msgNotInWorkspace   = "{CORE_REPOSITORY} this user does not belong to this workspace"
	msgPastDate         = "{TOKEN} expires at cannot be a past date"
	msgInitialDate      = "{DASHBOARD} invalid or missing initial date"
	msgFinalDate        = "{DASHBOARD} invalid or missing final date"
	msgTokenExpired     = "this authorization token has expired, please renew it"
	msgRepoNameRequired = "{HORUSEC} repositoryName cannot be empty in the body for a workspace token"
	msgHealthy          = "service is healthy"
)

// envelope is the platform's wrapper around every JSON answer.
type envelope struct {
	Code    int    `json:"code"`
	Status  string `json:"status"`
	Content any    `json:"content,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, content any) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Access-Control-Allow-Origin", "*")
	w.WriteHeader(status)
	if status == http.StatusNoContent {
		return // HTTP forbids a body on 204; the platform's attempt is dropped
	}
	_ = json.NewEncoder(w).Encode(envelope{Code: status, Status: http.StatusText(status), Content: content})
}

func writeError(w http.ResponseWriter, status int, msg string) {
	if status >= 500 {
		msg = msgGeneric // the platform never tells the cause of a 500
	}
	writeJSON(w, status, msg)
}

func writeNoContent(w http.ResponseWriter) { writeJSON(w, http.StatusNoContent, nil) }

// maxBody bounds what a handler reads; an analysis upload is the largest.
const maxBody = 16 << 20

// readBody reads a request body before the state lock is taken, so a slow
// client never holds the lock. nil means there was no body at all.
func readBody(r *http.Request) []byte {
	if r.Body == nil {
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(r.Body, maxBody))
	return b
}

// readValid decodes the body into dst (typeName: the platform's Go type)
// and checks it with validate; when either fails it answers 400 with the
// platform's text.
func readValid(w http.ResponseWriter, r *http.Request, dst any, typeName string, validate func(verrs)) bool {
	msg, ok := decodeBytes(readBody(r), dst, typeName)
	if ok {
		v := verrs{}
		validate(v)
		msg, ok = v.String(), len(v) == 0
	}
	if !ok {
		writeError(w, http.StatusBadRequest, msg)
	}
	return ok
}

func decodeBytes(b []byte, dst any, typeName string) (string, bool) {
	if len(bytes.TrimSpace(b)) == 0 {
		return msgBodyEmpty, false
	}
	err := json.NewDecoder(bytes.NewReader(b)).Decode(dst)
	if err == nil {
		return "", true
	}
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return msgBodyInvalid, false
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "unexpected EOF", false
	case errors.As(err, &typ):
		if typ.Field != "" {
			struct_ := typeName[strings.LastIndex(typeName, ".")+1:]
			return fmt.Sprintf("json: cannot unmarshal %s into Go struct field %s.%s of type %s", typ.Value, struct_, typ.Field, goTypeName(typ)), false
		}
		return fmt.Sprintf("json: cannot unmarshal %s into Go value of type %s", typ.Value, typeName), false
	default:
		return err.Error(), false
	}
}

func goTypeName(e *json.UnmarshalTypeError) string {
	if e.Type == nil {
		return "string"
	}
	return e.Type.String()
}

// verrs collects ozzo-validation style errors: one message per field (the
// first failing rule), printed sorted by field, joined with "; ", ending
// with ".". A nested value prints as "field: (inner)".
type verrs map[string]any

func (v verrs) add(field, msg string) {
	if _, ok := v[field]; !ok {
		v[field] = msg
	}
}

func (v verrs) nest(field string, inner verrs) {
	if len(inner) > 0 {
		if _, ok := v[field]; !ok {
			v[field] = inner
		}
	}
}

func (v verrs) String() string {
	keys := make([]string, 0, len(v))
	for k := range v {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteString("; ")
		}
		switch e := v[k].(type) {
		case verrs:
			fmt.Fprintf(&b, "%s: (%s)", k, e.String())
		default:
			fmt.Fprintf(&b, "%s: %v", k, e)
		}
	}
	b.WriteString(".")
	return b.String()
}

// Rule helpers. Like ozzo-validation v4: Required fails only on the empty
// string (whitespace is a value), and Length skips empty values (Required
// reports those) and counts bytes, not runes (the platform uses Length,
// not RuneLength).
func (v verrs) required(field, s string) bool {
	if s == "" {
		v.add(field, "cannot be blank")
		return false
	}
	return true
}

func (v verrs) maxLen(field, s string, n int) {
	if s != "" && len(s) > n {
		v.add(field, fmt.Sprintf("the length must be no more than %d", n))
	}
}

func (v verrs) lenBetween(field, s string, lo, hi int) bool {
	if c := len(s); s != "" && (c < lo || c > hi) {
		v.add(field, fmt.Sprintf("the length must be between %d and %d", lo, hi))
		return false
	}
	return true
}

func (v verrs) maxItems(field string, l []string, n int) {
	if len(l) > n {
		v.add(field, fmt.Sprintf("the length must be no more than %d", n))
	}
}

// emailRE is ozzo's is.EmailFormat pattern.
var emailRE = regexp.MustCompile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$")

func (v verrs) email(field, s string) {
	if s != "" && !emailRE.MatchString(s) {
		v.add(field, "must be a valid email address")
	}
}

func (v verrs) role(field, s string) {
	if v.required(field, s) && !validRole(s) {
		v.add(field, "must be a valid value")
	}
}

// password applies the platform's password rules in order.
func (v verrs) password(field, s string) {
	if !v.required(field, s) || !v.lenBetween(field, s, 8, 255) {
		return
	}
	switch {
	case !strings.ContainsFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' }):
		v.add(field, "must contain an uppercase character")
	case !strings.ContainsFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' }):
		v.add(field, "must contain a lowercase character")
	case !strings.ContainsFunc(s, func(r rune) bool { return r >= '0' && r <= '9' }):
		v.add(field, "must contain a numeric character")
	case !strings.ContainsAny(s, "!@#$&*+,-._%="):
		v.add(field, "must contain a special character")
	}
}

// parseUUID accepts what github.com/google/uuid's Parse accepts and
// returns the canonical lower-case form, or the parser's error text.
func parseUUID(s string) (string, string) {
	switch len(s) {
	case 36:
	case 36 + 2: // {xxxxxxxx-...}
		if s[0] != '{' || s[37] != '}' {
			return "", "invalid UUID format"
		}
		s = s[1:37]
	case 36 + 9: // urn:uuid:xxxxxxxx-...
		if !strings.EqualFold(s[:9], "urn:uuid:") {
			return "", fmt.Sprintf("invalid urn prefix: %q", s[:9])
		}
		s = s[9:]
	case 32:
		if _, err := hex.DecodeString(s); err != nil {
			return "", "invalid UUID format"
		}
		s = s[:8] + "-" + s[8:12] + "-" + s[12:16] + "-" + s[16:20] + "-" + s[20:]
	default:
		return "", fmt.Sprintf("invalid UUID length: %d", len(s))
	}
	if s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return "", "invalid UUID format"
	}
	if _, err := hex.DecodeString(strings.ReplaceAll(s, "-", "")); err != nil {
		return "", "invalid UUID format"
	}
	return strings.ToLower(s), ""
}

// NewUUID returns a random UUID v4, the shape of the platform's ids.
func NewUUID() string { return uuid.New() }

// newOpaque returns 64 hex characters, the platform's refresh-token shape.
func newOpaque() string {
	var b [32]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
