package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// FileError is a config file that cannot be read or used. It names the file,
// the line when known, and what to do.
type FileError struct {
	Path string
	Line int // 1-based; 0 when unknown
	Col  int
	Err  error
	Fix  string
}

func (e *FileError) Error() string {
	where := e.Path
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", e.Path, e.Line, e.Col)
	}
	msg := fmt.Sprintf("config file %s: %v", where, e.Err)
	if e.Fix != "" {
		msg += "; " + e.Fix
	}
	return msg
}

func (e *FileError) Unwrap() error { return e.Err }

func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		// An unknown field's error carries no offset: find the field's name.
		if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
			if i := bytes.Index(data, []byte(name)); i >= 0 {
				return &offsetError{err: err, offset: int64(i + 1)}
			}
		}
		return err
	}
	if _, err := dec.Token(); err != io.EOF {
		return &offsetError{err: errors.New("unexpected content after the top-level object"), offset: dec.InputOffset()}
	}
	return nil
}

type offsetError struct {
	err    error
	offset int64
}

func (e *offsetError) Error() string { return e.err.Error() }

func fileSyntaxError(path string, data []byte, err error) *FileError {
	var (
		off  int64 = -1
		syn  *json.SyntaxError
		typ  *json.UnmarshalTypeError
		oerr *offsetError
	)
	switch {
	case errors.As(err, &syn):
		off = syn.Offset
	case errors.As(err, &typ):
		off = typ.Offset
	case errors.As(err, &oerr):
		off = oerr.offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		off = int64(len(data))
	}
	fe := &FileError{Path: path, Err: err,
		Fix: "correct the JSON by hand (it was left as it is), or move the file away to start afresh"}
	if off >= 0 {
		fe.Line, fe.Col = lineCol(data, off)
	}
	return fe
}

// lineCol turns a byte offset into a 1-based line and column. JSON offsets
// point just past the offending byte, so the column is that byte's.
func lineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off > 0 {
		off-- // the offset counts the byte that failed
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// lineOfKey finds the line of "key" (after "section" when given), for
// errors found after decoding. It returns 0 when it cannot tell.
func lineOfKey(data []byte, section, key string) int {
	start := 0
	if section != "" {
		i := bytes.Index(data, []byte(`"`+section+`"`))
		if i < 0 {
			return 0
		}
		start = i
		if key == "" {
			return bytes.Count(data[:i], []byte("\n")) + 1
		}
	}
	i := bytes.Index(data[start:], []byte(`"`+key+`"`))
	if i < 0 {
		return 0
	}
	return bytes.Count(data[:start+i], []byte("\n")) + 1
}
