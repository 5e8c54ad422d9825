package main

// What the commands print: --output, tables and JSON, every value from
// outside the program cleaned (tables) or escaped (JSON).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/horusec-tui/horusec-tui/client/safetext"
)

// checkOutput accepts the values of --output.
func checkOutput(output string) error {
	if output != "table" && output != "json" {
		return usageErrorf("--output must be table or json, not %q", output)
	}
	return nil
}

// addOutputFlag registers --output (table or json).
func addOutputFlag(cmd *cobra.Command, output *string) {
	cmd.Flags().StringVar(output, "output", "table", "table or json")
}

// printJSON writes v as indented JSON (for --output json). The values are
// the platform's, exactly: what a terminal would act on or a reader could
// not see (C0 and C1 controls, DEL, bidi controls, zero-width characters)
// is written as a \u escape, which decodes to the same value.
func printJSON(w io.Writer, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(escapeJSON(buf.Bytes()))
	return err
}

// escapeJSON escapes, in encoded JSON, every character safetext would
// mark. Outside strings JSON is ASCII, so only strings change.
func escapeJSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf && b[i] != 0x7f {
			out = append(out, b[i])
			i++
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		s := string(b[i : i+size])
		if r != utf8.RuneError && r != 0x7f && safetext.Safe(s) {
			out = append(out, s...)
		} else if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			out = fmt.Appendf(out, "\\u%04x\\u%04x", r1, r2)
		} else {
			out = fmt.Appendf(out, "\\u%04x", r)
		}
		i += size
	}
	return out
}

// table prints aligned columns. Cells are cleaned of control characters:
// names come from the platform and must not drive the terminal.
type table struct {
	tw *tabwriter.Writer
}

func newTable(w io.Writer, headers ...string) *table {
	t := &table{tw: tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	if len(headers) > 0 {
		t.row(headers...)
	}
	return t
}

func (t *table) row(cells ...string) {
	for i, c := range cells {
		cells[i] = cleanCell(c)
	}
	fmt.Fprintln(t.tw, strings.Join(cells, "\t"))
}

func (t *table) flush() error { return t.tw.Flush() }

// cleanCell is what every command prints from outside the program goes
// through (names, e-mails, the platform's messages).
func cleanCell(s string) string { return safetext.Clean(s) }
