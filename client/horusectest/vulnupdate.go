package horusectest

import (
	"encoding/json"
	"net/http"
)

// The vulnerability service's change of findings (§13): the type or
// severity of several findings at once, checked as the platform checks it.

// uuidField decodes like github.com/google/uuid's UUID: absent is the zero
// UUID; a string that does not parse fails the whole body.
type uuidField string

func (u *uuidField) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	id, bad := parseUUID(s)
	if bad != "" {
		return uuidError(bad)
	}
	*u = uuidField(id)
	return nil
}

type uuidError string

func (e uuidError) Error() string { return string(e) }

type vulnUpdateItem struct {
	VulnerabilityID uuidField `json:"vulnerabilityID"`
	Severity        string    `json:"severity"`
	Type            string    `json:"type"`
}

type vulnUpdateBody struct {
	AnalysisID      uuidField         `json:"analysisID"`
	Vulnerabilities []*vulnUpdateItem `json:"vulnerabilities"`
}

func (s *Server) vulnUpdate(w http.ResponseWriter, r *http.Request, p params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := isRepositorySupervisor
	if _, ok := p["repositoryID"]; !ok {
		c = isWorkspaceAdmin
	}
	var ok bool
	if c == isWorkspaceAdmin {
		_, ok = s.authorize(w, r, p, c)
	} else {
		_, ok, _ = s.vulnAuthorize(w, r, p, c)
	}
	if !ok {
		return
	}
	var body *vulnUpdateBody
	if msg, ok := decodeBytes(raw, &body, "management.UpdateData"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	// A null body or a null item makes the handler panic, and the router's
	// panic printer with it: the connection closes without an answer.
	if body == nil || hasNil(body.Vulnerabilities) {
		dropConnection(w)
		return
	}
	for _, it := range body.Vulnerabilities {
		v := verrs{}
		if it.Severity != "" && severityNames[it.Severity] == "" {
			v.add("severity", "must be a valid value")
		}
		if it.Type != "" && !validTypeLabel(it.Type) {
			v.add("type", "must be a valid value")
		}
		if len(v) > 0 {
			writeError(w, http.StatusBadRequest, v.String())
			return
		}
	}
	// One transaction: every finding must exist before any is changed. The
	// path is the only thing authorized: any finding of the platform goes.
	for _, it := range body.Vulnerabilities {
		if s.st.vulns[string(it.VulnerabilityID)] == nil {
			writeError(w, http.StatusNotFound, msgNotFoundRecords)
			return
		}
	}
	for _, it := range body.Vulnerabilities {
		v := s.st.vulns[string(it.VulnerabilityID)]
		if it.Severity != "" {
			v.severity = it.Severity
		}
		v.vtype = it.Type
		if v.vtype == "" {
			v.vtype = "Vulnerability" // an omitted type resets it
		}
	}
	// The analysis is read back and announced again; the analytic service
	// recounts it. An unknown one fails here, after the change was saved.
	a := s.st.analyses[string(body.AnalysisID)]
	if a == nil {
		writeError(w, http.StatusNotFound, msgNotFoundRecords)
		return
	}
	a.recount()
	writeNoContent(w)
}

func hasNil(items []*vulnUpdateItem) bool {
	for _, it := range items {
		if it == nil {
			return true
		}
	}
	return false
}

// dropConnection closes the connection without writing an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}
