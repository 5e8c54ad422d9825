package client

import (
	"sort"
	"strings"
)

// MaskSuffix is how a token is shown after it was created: its last
// characters (the platform keeps five) behind a mask.
func MaskSuffix(suffix string) string { return "••••••••-" + suffix }

// Masked is the listed token as shown: its suffix behind a mask.
func (t Token) Masked() string { return MaskSuffix(t.SuffixValue) }

// SortTokens orders tokens newest first (a token just created is on top),
// then by description in any case.
func SortTokens(list []Token) {
	sort.SliceStable(list, func(i, j int) bool {
		if !list[i].CreatedAt.Equal(list[j].CreatedAt) {
			return list[i].CreatedAt.After(list[j].CreatedAt)
		}
		return strings.ToLower(list[i].Description) < strings.ToLower(list[j].Description)
	})
}
