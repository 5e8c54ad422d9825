package client

import (
	"errors"
	"fmt"
)

// Kind classifies a failed call the way a user needs to hear about it.
type Kind int

const (
	// KindUnknown is anything not classified below.
	KindUnknown Kind = iota
	// KindUnauthenticated: not logged in, or the session expired and could
	// not be refreshed. The user must log in again.
	KindUnauthenticated
	// KindForbidden: the caller's role is too low (the platform answers 401
	// with the "{HORUSEC_MIDDLEWARE} you do not have enough privileges" text).
	KindForbidden
	// KindNoAccess: a protected route answered 500, which the platform does
	// when the caller has no role there or the thing does not exist.
	KindNoAccess
	// KindValidation: the platform refused the body or the query (400).
	KindValidation
	// KindConflict: the thing already exists (name or e-mail in use, already
	// a member).
	KindConflict
	// KindNotFound: a 404 (unknown route or record).
	KindNotFound
	// KindServer: the platform failed (5xx on an unprotected route, a
	// malformed answer).
	KindServer
	// KindNetwork: the service could not be reached or did not answer in time.
	KindNetwork
)

func (k Kind) String() string {
	switch k {
	case KindUnauthenticated:
		return "unauthenticated"
	case KindForbidden:
		return "forbidden"
	case KindNoAccess:
		return "no access"
	case KindValidation:
		return "validation"
	case KindConflict:
		return "conflict"
	case KindNotFound:
		return "not found"
	case KindServer:
		return "server"
	case KindNetwork:
		return "network"
	default:
		return "unknown"
	}
}

// Error is a failed platform call. Message keeps the platform's own text
// (the envelope's content) when there is one. Nothing secret is ever put in
// an Error: URL carries no query values that hold tokens, and no header.
type Error struct {
	Kind    Kind
	Op      string // what was being done, e.g. "list workspaces"
	Method  string
	URL     string
	Status  int    // HTTP status, 0 for a network fault
	Message string // the platform's message, as sent
	Err     error  // the underlying cause, if any

	// Refusal is the refusal recognised in Message, for callers to act on
	// instead of matching the platform's words.
	Refusal RefusalCode
	// Fields is a validation refusal's reason per JSON field ("name": "the
	// length must be between 1 and 255"); nil when it names none.
	Fields map[string]string
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" && e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Status != 0 {
		return fmt.Sprintf("%s: %s (HTTP %d)", e.Op, msg, e.Status)
	}
	return fmt.Sprintf("%s: %s", e.Op, msg)
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the Kind of err, or KindUnknown when err is not an *Error.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindUnknown
}

// IsKind reports whether err is an *Error of kind k.
func IsKind(err error, k Kind) bool { return err != nil && KindOf(err) == k }
