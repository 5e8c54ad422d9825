// Package uuid draws random UUIDs (version 4), the shape of the platform's
// ids: the client's analysis ids and the demo platform's ids alike.
package uuid

import (
	"crypto/rand"
	"encoding/hex"
)

// New returns a random UUID v4 in its lower-case text form.
func New() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
