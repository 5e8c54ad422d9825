package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/horusec-tui/horusec-tui/client/internal/uuid"
)

// cliVersion is sent with uploads: any version outside the platform's v1
// list selects the current body format.
const cliVersion = "v2.18.0"

// AnalysisUpload is the least the api service needs to record an analysis,
// as the Horusec CLI would send it. Zero values get sensible defaults.
type AnalysisUpload struct {
	Status     string    // running, success or error; default success
	CreatedAt  time.Time // default now
	FinishedAt time.Time // default CreatedAt
	Findings   []Finding
}

// Finding is one vulnerability of an uploaded analysis. Language and
// Severity are checked by the platform against fixed lists (e.g. "Go",
// "JavaScript", "Leaks"; CRITICAL, HIGH, MEDIUM, LOW, INFO, UNKNOWN).
type Finding struct {
	Severity      string // required
	Language      string // required
	Type          string // Vulnerability (default), Risk Accepted, False Positive, Corrected
	Confidence    string // HIGH (default), MEDIUM, LOW
	SecurityTool  string // default HorusecEngine
	File          string
	Line          string
	Column        string
	Code          string
	Details       string
	CommitAuthor  string
	CommitEmail   string
	CommitHash    string
	CommitMessage string
	CommitDate    string
	VulnHash      string // default: a hash of the other fields (equal hashes are merged)
}

type uploadBody struct {
	RepositoryName string         `json:"repositoryName"`
	Analysis       uploadAnalysis `json:"analysis"`
}

type uploadAnalysis struct {
	ID                      string          `json:"id"`
	Status                  string          `json:"status"`
	CreatedAt               time.Time       `json:"createdAt"`
	FinishedAt              time.Time       `json:"finishedAt"`
	AnalysisVulnerabilities []uploadFinding `json:"analysisVulnerabilities"`
}

type uploadFinding struct {
	VulnerabilityID string        `json:"vulnerabilityID"`
	AnalysisID      string        `json:"analysisID"`
	CreatedAt       time.Time     `json:"createdAt"`
	Vulnerability   Vulnerability `json:"vulnerabilities"` // the keys the platform stores
}

func def(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

func (a AnalysisUpload) body(repositoryName string, now time.Time) uploadBody {
	id := uuid.New()
	created := a.CreatedAt
	if created.IsZero() {
		created = now
	}
	finished := a.FinishedAt
	if finished.IsZero() {
		finished = created
	}
	out := uploadBody{RepositoryName: repositoryName, Analysis: uploadAnalysis{
		ID: id, Status: def(a.Status, "success"), CreatedAt: created, FinishedAt: finished,
		AnalysisVulnerabilities: []uploadFinding{},
	}}
	for _, f := range a.Findings {
		v := Vulnerability{
			VulnerabilityID: uuid.New(), Line: f.Line, Column: f.Column, Confidence: def(f.Confidence, "HIGH"),
			File: f.File, Code: f.Code, Details: f.Details, SecurityTool: def(f.SecurityTool, "HorusecEngine"),
			Language: f.Language, Severity: f.Severity, Type: def(f.Type, "Vulnerability"),
			CommitAuthor: f.CommitAuthor, CommitEmail: f.CommitEmail, CommitHash: f.CommitHash,
			CommitMessage: f.CommitMessage, CommitDate: f.CommitDate, VulnHash: f.VulnHash,
		}
		if v.VulnHash == "" {
			j, _ := json.Marshal(v)
			sum := sha256.Sum256(j)
			v.VulnHash = hex.EncodeToString(sum[:])
		}
		out.Analysis.AnalysisVulnerabilities = append(out.Analysis.AnalysisVulnerabilities, uploadFinding{
			VulnerabilityID: v.VulnerabilityID, AnalysisID: id, CreatedAt: created, Vulnerability: v,
		})
	}
	return out
}

// UploadAnalysis sends an analysis to the api service as the Horusec CLI
// does, authorised by a workspace or repository token (not the session).
// With a workspace token, a repository named repositoryName is created if
// missing; a repository token ignores the name. It returns the analysis ID.
func (c *Client) UploadAnalysis(ctx context.Context, token []byte, repositoryName string, a AnalysisUpload) (string, error) {
	const op = "upload analysis"
	if len(token) == 0 {
		return "", &Error{Kind: KindValidation, Op: op, Message: "no token given"}
	}
	var id string
	err := c.run(ctx, call{op: op, svc: ServiceAPI, method: http.MethodPost, path: "/api/analysis",
		body: a.body(repositoryName, c.opts.Now().UTC()), rawToken: token}, &id)
	if err == nil && id == "" {
		err = &Error{Kind: KindServer, Op: op, Message: fmt.Sprintf("the %s service sent no analysis ID", ServiceAPI)}
	}
	return id, err
}
