package horusectest

import (
	"crypto/sha256"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"
)

func (s *Server) apiRoutes(rt *router) {
	rt.handle("POST", "/api/analysis", s.uploadAnalysis)
	rt.handle("GET", "/api/analysis/{analysisID}", s.getAnalysis)
}

// apiToken resolves the plaintext token of X-Horusec-Authorization (sent
// raw: a "Bearer " prefix makes it unknown). s.mu must be held.
func (s *Server) apiToken(w http.ResponseWriter, r *http.Request) (*token, bool) {
	t := s.st.tokensByHash[sha256.Sum256([]byte(r.Header.Get("X-Horusec-Authorization")))]
	if t == nil {
		writeError(w, http.StatusUnauthorized, msgPrivileges)
		return nil, false
	}
	if t.expired(s.now()) {
		writeError(w, http.StatusUnauthorized, msgTokenExpired)
		return nil, false
	}
	return t, true
}

// Accepted values of a finding (the platform's fixed lists).
var (
	severityNames = map[string]string{"CRITICAL": "critical", "HIGH": "high", "MEDIUM": "medium", "LOW": "low", "INFO": "info", "UNKNOWN": "unknown"}
	typeNames     = map[string]string{"vulnerability": "vulnerability", "risk accepted": "riskAccepted", "false positive": "falsePositive", "corrected": "corrected"}
	languageNames = func() map[string]string {
		m := map[string]string{}
		for _, l := range []string{"Go", "C#", "Dart", "Ruby", "Python", "Java", "Kotlin", "JavaScript", "TypeScript", "Leaks", "HCL", "C", "PHP", "HTML", "Generic", "YAML", "Elixir", "Shell", "Unknown"} {
			m[strings.ToLower(l)] = l
		}
		return m
	}()
	analysisStatuses = map[string]bool{"running": true, "success": true, "error": true}
	confidences      = map[string]bool{"HIGH": true, "MEDIUM": true, "LOW": true}
)

type uploadFinding struct {
	VulnerabilityID string `json:"vulnerabilityID"`
	File            string `json:"file"`
	Line            string `json:"line"`
	Column          string `json:"column"`
	Code            string `json:"code"`
	Details         string `json:"details"`
	CommitHash      string `json:"commitHash"`
	CommitDate      string `json:"commitDate"`
	Severity        string `json:"severity"`
	Type            string `json:"type"`
	Language        string `json:"language"`
	Confidence      string `json:"confidence"`
	VulnHash        string `json:"vulnHash"`
	CommitEmail     string `json:"commitEmail"`
	SecurityTool    string `json:"securityTool"`
	CommitAuthor    string `json:"commitAuthor"`
	CommitMessage   string `json:"commitMessage"`
}

type uploadBody struct {
	RepositoryName string `json:"repositoryName"`
	Analysis       *struct {
		ID                      string    `json:"id"`
		Status                  string    `json:"status"`
		Errors                  string    `json:"errors"`
		CreatedAt               time.Time `json:"createdAt"`
		FinishedAt              time.Time `json:"finishedAt"`
		AnalysisVulnerabilities []struct {
			VulnerabilityID string          `json:"vulnerabilityID"`
			Vulnerabilities json.RawMessage `json:"vulnerabilities"`
		} `json:"analysisVulnerabilities"`
	} `json:"analysis"`
}

func (s *Server) uploadAnalysis(w http.ResponseWriter, r *http.Request, _ params) {
	raw := readBody(r)
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.apiToken(w, r)
	if !ok {
		return
	}
	var body uploadBody
	if msg, ok := decodeBytes(raw, &body, "cli.AnalysisData"); !ok {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	a, msg := s.readAnalysis(&body)
	if msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	ws := s.st.workspaces[t.workspaceID]
	if ws == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	var repo *repository
	if t.repositoryID != "" {
		repo = ws.repos[t.repositoryID] // the body's repositoryName is ignored
	} else {
		if strings.TrimSpace(body.RepositoryName) == "" {
			writeError(w, http.StatusBadRequest, msgRepoNameRequired)
			return
		}
		if repo = ws.repoNames[body.RepositoryName]; repo == nil {
			repo = newRepository(ws, NewUUID(), body.RepositoryName, "", s.now())
			s.st.addRepository(ws, repo)
		}
	}
	if repo == nil {
		writeError(w, http.StatusInternalServerError, "")
		return
	}
	if s.st.analyses[a.id] != nil {
		writeError(w, http.StatusInternalServerError, "") // duplicate key on the platform
		return
	}
	a.workspaceID, a.repositoryID, a.receivedAt = ws.id, repo.id, s.now()
	// The findings go to the vulnerability service's tables; a hash the
	// repository already has keeps its stored type and severity.
	for _, v := range a.pending {
		a.refs = append(a.refs, s.st.addVuln(repo, v))
	}
	a.pending = nil
	a.recount()
	s.st.addAnalysis(repo, a)
	s.announce(a) // on the broker: the webhook service delivers it
	writeJSON(w, http.StatusCreated, a.id)
}

// readAnalysis validates an upload loosely (the fields the dashboards
// use) and turns it into a stored analysis.
func (s *Server) readAnalysis(body *uploadBody) (*analysis, string) {
	v := verrs{}
	in := body.Analysis
	if in == nil {
		v.add("analysis", "cannot be blank")
		return nil, v.String()
	}
	av := verrs{}
	id, bad := parseUUID(in.ID)
	if av.required("id", in.ID) && bad != "" {
		av.add("id", "must be a valid UUID")
	}
	if av.required("status", in.Status) && !analysisStatuses[in.Status] {
		av.add("status", "must be a valid value")
	}
	if in.CreatedAt.IsZero() {
		av.add("createdAt", "cannot be blank")
	}
	a := &analysis{id: id, status: in.Status, errors: in.Errors, createdAt: in.CreatedAt, finishedAt: in.FinishedAt}
	buckets := map[finding]int{}
	seen := map[string]bool{}
	list := verrs{}
	for i, item := range in.AnalysisVulnerabilities {
		var f uploadFinding
		fv := verrs{}
		if len(item.Vulnerabilities) == 0 || json.Unmarshal(item.Vulnerabilities, &f) != nil {
			fv.add("vulnerabilities", "cannot be blank")
			list.nest(strconv.Itoa(i), fv)
			continue
		}
		sev, sevOK := severityNames[strings.ToUpper(f.Severity)]
		if fv.required("severity", f.Severity) && !sevOK {
			fv.add("severity", "must be a valid value")
		}
		vtype, typeOK := typeNames[strings.ToLower(f.Type)]
		if fv.required("type", f.Type) && !typeOK {
			fv.add("type", "must be a valid value")
		}
		lang, langOK := languageNames[strings.ToLower(f.Language)]
		if fv.required("language", f.Language) && !langOK {
			fv.add("language", "must be a valid value")
		}
		if f.Confidence != "" && !confidences[f.Confidence] {
			fv.add("confidence", "must be a valid value")
		}
		fv.required("vulnHash", f.VulnHash)
		if len(fv) > 0 {
			list.nest(strconv.Itoa(i), verrs{"vulnerabilities": fv})
			continue
		}
		if seen[f.VulnHash] {
			continue // the platform merges findings with the same hash
		}
		seen[f.VulnHash] = true
		buckets[finding{email: f.CommitEmail, language: lang, severity: sev, vtype: vtype}]++
		a.pending = append(a.pending, &vuln{
			id: f.VulnerabilityID, hash: f.VulnHash, file: f.File, line: f.Line, column: f.Column, code: f.Code,
			details: f.Details, confidence: f.Confidence, tool: f.SecurityTool, language: lang,
			severity: strings.ToUpper(f.Severity), vtype: typeLabel(vtype), commitAuthor: f.CommitAuthor,
			commitEmail: f.CommitEmail, commitHash: f.CommitHash, commitMessage: f.CommitMessage, commitDate: f.CommitDate,
		})
		var m map[string]any
		_ = json.Unmarshal(item.Vulnerabilities, &m)
		a.vulns = append(a.vulns, m)
	}
	av.nest("analysisVulnerabilities", list)
	v.nest("analysis", av)
	if len(v) > 0 {
		return nil, v.String()
	}
	for f, n := range buckets {
		f.count = n
		a.findings = append(a.findings, f)
	}
	return a, ""
}

func (s *Server) getAnalysis(w http.ResponseWriter, r *http.Request, p params) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.apiToken(w, r); !ok {
		return
	}
	id, bad := parseUUID(p["analysisID"])
	if bad != "" {
		writeError(w, http.StatusBadRequest, bad)
		return
	}
	a := s.st.analyses[id]
	if a == nil {
		writeError(w, http.StatusNotFound, msgNotFoundRecords)
		return
	}
	writeJSON(w, http.StatusOK, s.analysisJSON(a))
}

func (s *Server) analysisJSON(a *analysis) map[string]any {
	out := map[string]any{
		"id": a.id, "workspaceID": a.workspaceID, "repositoryID": a.repositoryID,
		"status": a.status, "errors": a.errors, "createdAt": a.createdAt, "finishedAt": a.finishedAt,
	}
	if ws := s.st.workspaces[a.workspaceID]; ws != nil {
		out["workspaceName"] = ws.name
		if repo := ws.repos[a.repositoryID]; repo != nil {
			out["repositoryName"] = repo.name
		}
	}
	vulns := a.vulns
	if vulns == nil {
		// Seeded analyses: the findings as stored.
		for _, v := range a.refs {
			vulns = append(vulns, v.json())
		}
	}
	items := make([]map[string]any, 0, len(vulns))
	for _, v := range vulns {
		items = append(items, map[string]any{
			"vulnerabilityID": v["vulnerabilityID"], "analysisID": a.id, "createdAt": a.createdAt, "vulnerabilities": v,
		})
	}
	out["analysisVulnerabilities"] = items
	return out
}

func typeLabel(vtype string) string {
	switch vtype {
	case "riskAccepted":
		return "Risk Accepted"
	case "falsePositive":
		return "False Positive"
	case "corrected":
		return "Corrected"
	default:
		return "Vulnerability"
	}
}
