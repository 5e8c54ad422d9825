package client

import "fmt"

// Secret holds a created token's plaintext as bytes so it can be wiped.
// It never formats itself: fmt and log print "[secret]".
type Secret struct {
	b []byte
}

// NewSecret takes ownership of b.
func NewSecret(b []byte) *Secret { return &Secret{b: b} }

// Bytes returns the plaintext; the slice is wiped by Wipe.
func (s *Secret) Bytes() []byte {
	if s == nil {
		return nil
	}
	return s.b
}

// Len is the plaintext's length in bytes.
func (s *Secret) Len() int { return len(s.Bytes()) }

// Suffix returns the last n characters (the platform lists the last 5).
func (s *Secret) Suffix(n int) string {
	b := s.Bytes()
	if len(b) < n {
		return string(b)
	}
	return string(b[len(b)-n:])
}

// Wipe zeroes the plaintext and forgets it.
func (s *Secret) Wipe() {
	if s == nil {
		return
	}
	for i := range s.b {
		s.b[i] = 0
	}
	s.b = nil
}

// String keeps the secret out of fmt and log output.
func (s *Secret) String() string { return "[secret]" }

// GoString keeps the secret out of %#v.
func (s *Secret) GoString() string { return "[secret]" }

// Format keeps the secret out of every other verb (%d, %c, %U, … would
// print the bytes: fmt calls String only for %v, %s, %x, %X and %q).
func (s *Secret) Format(f fmt.State, _ rune) { fmt.Fprint(f, "[secret]") }
