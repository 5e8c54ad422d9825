package cmd_test

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestCommandsImportOnlyTheShell: the commands reach the terminal UI only
// through the shell (package tui) they start; the platform's rules they
// share with the screens live in client. A command importing a screen
// package directly means a rule has crept back under tui/.
func TestCommandsImportOnlyTheShell(t *testing.T) {
	const module = "github.com/horusec-tui/horusec-tui/"
	fset := token.NewFileSet()
	checked := 0
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		checked++
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(p, module+"tui/") {
				t.Errorf("cmd/%s imports %s: import %stui (the shell) only, and move the rule it needs to client", path, p, module)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 5 {
		t.Fatalf("only %d files read: is the test in cmd/?", checked)
	}
}
