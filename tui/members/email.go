package members

import "github.com/horusec-tui/horusec-tui/client"

// CheckEmail is client.CheckEmail, for the commands until they call it
// directly.
func CheckEmail(s string) string { return client.CheckEmail(s) }
