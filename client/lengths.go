package client

import "fmt"

// MaxLength is the most the platform takes in a name, a description or an
// e-mail address. It counts bytes (ozzo-validation's Length on a Go
// string), so a letter like "é" takes two of them.
const MaxLength = 255

// TooLong returns "" when s fits in MaxLength bytes, else a sentence saying
// that what (e.g. "The name") is too long, in the platform's count.
func TooLong(what, s string) string {
	if len(s) <= MaxLength {
		return ""
	}
	return fmt.Sprintf("%s may have at most %d bytes; this one has %d (letters like é take 2, emoji 4).", what, MaxLength, len(s))
}
