package client

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSectionReferencesExist: comments cite the platform's API contract by
// section ("§4.2"); the contract is client/horusec-api.md, and every
// section cited must be one of its headings.
func TestSectionReferencesExist(t *testing.T) {
	doc, err := os.ReadFile("horusec-api.md")
	if err != nil {
		t.Fatalf("the contract the comments cite is not in the repository: %v", err)
	}
	headings := map[string]bool{}
	for _, m := range regexp.MustCompile(`(?m)^#{2,3} (\d+(?:\.\d+)?)\.? `).FindAllStringSubmatch(string(doc), -1) {
		headings[m[1]] = true
	}
	ref := regexp.MustCompile(`§(\d+(?:\.\d+)?)`)
	checked := 0
	err = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || (!strings.HasSuffix(path, ".go") && path != filepath.Join("..", "README.md")) {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for i, line := range strings.Split(string(b), "\n") {
			for _, m := range ref.FindAllStringSubmatch(line, -1) {
				checked++
				if !headings[m[1]] {
					t.Errorf("%s:%d cites §%s, which client/horusec-api.md does not have", path, i+1, m[1])
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked == 0 {
		t.Fatal("no reference found: is the walk reading the repository?")
	}
}
