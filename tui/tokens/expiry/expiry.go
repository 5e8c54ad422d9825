// Package expiry forwards to client/expiry for the commands until they
// import it directly.
package expiry

import (
	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/expiry"
)

type (
	Expiry = expiry.Expiry
	State  = expiry.State
)

const (
	DateLayout    = "2006-01-02"
	StateExpired  = expiry.StateExpired
	StateNever    = expiry.StateNever
	StateExpiring = expiry.StateExpiring
)

var (
	Parse    = expiry.Parse
	Status   = expiry.Status
	Describe = expiry.Describe
	Day      = client.Day
)
