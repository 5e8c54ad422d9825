package client_test

// The vulnerability service's part of the contract suite (§13 of the API
// contract). Findings reach a platform only through uploads, so it needs
// the api service's URL as well as the vulnerability service's.

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/internal/uuid"
)

type vulnEnv struct {
	oc, mc, xc *client.Client // workspace admin, workspace supervisor/member, outsider
	mate       account
	wsID, run  string
}

// rawRequest sends a request below the client with the session's access
// token, and returns the status and the body.
func rawRequest(t *testing.T, access, method, base, path, body string) (int, []byte, error) {
	t.Helper()
	req, err := http.NewRequest(method, strings.TrimRight(base, "/")+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Horusec-Authorization", "Bearer "+access)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b, nil
}

// rawVuln sends a request to the vulnerability service below the client,
// for the quirks the client never lets through (a missing type, a bad
// query) and returns the status and the envelope's content.
func rawVuln(t *testing.T, base, access, method, path, body string) (int, string) {
	t.Helper()
	code, b, err := rawRequest(t, access, method, base, path, body)
	if err != nil {
		return 0, err.Error()
	}
	var env struct{ Content json.RawMessage }
	_ = json.Unmarshal(b, &env)
	var s string
	if json.Unmarshal(env.Content, &s) == nil {
		return code, s
	}
	return code, string(env.Content)
}

func vulnContract(t *testing.T, tg target, e vulnEnv) {
	ctx := context.Background()
	if tg.opts.VulnerabilityURL == "" || tg.opts.APIURL == "" {
		t.Skip("no vulnerability or api URL: the vulnerability service is not checked")
	}
	oc, mc, xc := e.oc, e.mc, e.xc
	if err := oc.Health(ctx, client.ServiceVulnerability); err != nil {
		t.Fatalf("health: %v", err)
	}
	tok := must(oc.CreateWorkspaceToken(ctx, e.wsID, client.TokenData{Description: "vuln-" + e.run}))(t)
	defer tok.Wipe()
	author := "triage-" + e.run + "@example.com"
	f := func(sev, lang, file, line, code string) client.Finding {
		return client.Finding{Severity: sev, Language: lang, File: file, Line: line, Column: "3", Code: code,
			Details: "details of " + file + ":" + line, CommitAuthor: "triage", CommitEmail: author,
			CommitHash: "abc123", CommitMessage: "msg", CommitDate: "2026-11-01T10:00:00Z",
			VulnHash: fmt.Sprintf("%x", sha256.Sum256([]byte(e.run+file+line)))}
	}
	repoA, repoB := "it-vuln-a-"+e.run, "it-vuln-b-"+e.run
	first := []client.Finding{
		f("CRITICAL", "Go", "main.go", "1", "exec(cmd)"),
		f("HIGH", "Go", "main.go", "2", "md5.New()"),
		f("MEDIUM", "Go", "main.go", "3", "http.Get(u)"),
		f("LOW", "Python", "app/big.py", "4", "eval(x)"),
		f("INFO", "Leaks", "deploy/.env", "5", "KEY=1"),
		f("UNKNOWN", "Generic", "Dockerfile", "6", "FROM x"),
	}
	t0 := time.Now().UTC().Add(-time.Minute).Truncate(time.Second)
	analysisA := must(oc.UploadAnalysis(ctx, tok.Bytes(), repoA, client.AnalysisUpload{CreatedAt: t0, Findings: first}))(t)
	analysisB := must(oc.UploadAnalysis(ctx, tok.Bytes(), repoB, client.AnalysisUpload{CreatedAt: t0,
		Findings: []client.Finding{f("CRITICAL", "Go", "main.go", "9", "panic(x)")}}))(t)
	repoID := func(name string) string {
		rs := must(oc.Repositories(ctx, e.wsID, client.RepositoryQuery{Page: 1, Search: name}))(t)
		if len(rs) != 1 {
			t.Fatalf("repository %s: %+v", name, rs)
		}
		return rs[0].RepositoryID
	}
	ridA, ridB := repoID(repoA), repoID(repoB)

	var files client.VulnFilePage
	t.Run("workspace files", func(t *testing.T) {
		files = must(oc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{Size: 100}))(t)
		// Rows per repository and path; totalItems counts distinct paths.
		paths := map[string]bool{}
		mine := 0
		for _, r := range files.Data {
			paths[r.File] = true
			if r.RepositoryID == ridA || r.RepositoryID == ridB {
				mine++
			}
		}
		if mine != 5 || files.TotalItems != len(paths) || len(files.Data) <= files.TotalItems {
			t.Fatalf("%d rows (%d of the two repositories), totalItems %d, want 5 of them and %d distinct paths: %+v",
				len(files.Data), mine, files.TotalItems, len(paths), files.Data)
		}
		top := files.Data[0]
		if top.File != "main.go" || top.TotalVulnerabilities != 3 || top.RepositoryID != ridA || top.RepositoryName != repoA ||
			top.AnalysisID != analysisA || !slices.Equal(top.Languages, []string{"Go"}) || !top.CreatedAt.Equal(t0) {
			t.Fatalf("first row %+v", top)
		}
		langs := map[string][]string{}
		for i, r := range files.Data {
			if i > 0 && r.TotalVulnerabilities > files.Data[i-1].TotalVulnerabilities {
				t.Fatalf("rows not ordered by count: %+v", files.Data)
			}
			langs[r.File] = r.Languages
			if r.File == "main.go" && r.RepositoryID == ridB && r.AnalysisID != analysisB {
				t.Errorf("row of the second repository: %+v", r)
			}
		}
		if !slices.Equal(langs["app/big.py"], []string{"Python"}) || !slices.Equal(langs["deploy/.env"], []string{"Shell"}) ||
			!slices.Equal(langs["Dockerfile"], []string{"Dockerfile"}) {
			t.Errorf("languages come from the file names: %v", langs)
		}
		crit := must(oc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{Severity: client.SeverityCritical}))(t)
		if len(crit.Data) < 2 || crit.TotalItems != 1 {
			t.Errorf("critical: %d rows, totalItems %d, want main.go of each repository and 1", len(crit.Data), crit.TotalItems)
		}
		none := must(oc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{Type: client.TypeCorrected}))(t)
		if none.Data == nil || len(none.Data) != 0 || none.TotalItems != 0 {
			t.Errorf("no corrected findings: %+v (data must be [], not null)", none)
		}
	})

	var mainFindings []client.Vulnerability
	t.Run("repository files, findings, paging", func(t *testing.T) {
		rf := must(oc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{Size: 3}))(t) // below 10 becomes 10
		if len(rf.Data) != 4 || rf.TotalItems != 4 {
			t.Fatalf("repository files: %d rows, totalItems %d", len(rf.Data), rf.TotalItems)
		}
		past := must(oc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{Page: 2}))(t)
		if len(past.Data) != 0 || past.TotalItems != 4 {
			t.Errorf("past the end: %+v", past)
		}
		fv := must(oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go"}))(t)
		if fv.TotalItems != 3 || len(fv.Data) != 3 {
			t.Fatalf("findings of main.go: %+v", fv)
		}
		var sevs []string
		for _, v := range fv.Data {
			sevs = append(sevs, v.Severity)
		}
		if !slices.Equal(sevs, []string{"CRITICAL", "HIGH", "MEDIUM"}) {
			t.Errorf("order %v", sevs)
		}
		c := fv.Data[0]
		if c.File != "main.go" || c.Line != "1" || c.Column != "3" || c.Code != "exec(cmd)" || c.CommitEmail != author ||
			c.Type != client.TypeVulnerability || c.Language != "Go" || c.VulnHash == "" || len(c.VulnerabilityID) != 36 {
			t.Errorf("finding %+v", c)
		}
		mainFindings = fv.Data
		// Other severities come after the named ones: UNKNOWN before INFO.
		all := must(oc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{Severity: client.SeverityInfo}))(t)
		if len(all.Data) != 1 || all.Data[0].File != "deploy/.env" {
			t.Errorf("info files %+v", all.Data)
		}
		_, err := oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{})
		wantKind(t, err, client.KindValidation, "no file given")
	})
	if len(mainFindings) != 3 {
		t.FailNow()
	}
	crit, high := mainFindings[0], mainFindings[1]

	t.Run("hash search ignores the type", func(t *testing.T) {
		part := strings.ToUpper(crit.VulnHash[4:14])
		got := must(oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go", Hash: part, Type: client.TypeCorrected}))(t)
		if len(got.Data) != 1 || got.Data[0].VulnerabilityID != crit.VulnerabilityID {
			t.Fatalf("search by hash part %s: %+v", part, got.Data)
		}
		files := must(oc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{Hash: part}))(t)
		if len(files.Data) != 1 || files.Data[0].RepositoryID != ridA {
			t.Fatalf("workspace files by hash: %+v", files.Data)
		}
	})

	t.Run("query rules", func(t *testing.T) {
		access := oc.Session().AccessToken
		base := "/vulnerability/management/workspace/" + e.wsID + "/repository/" + ridA
		for _, tc := range []struct {
			path string
			code int
			msg  string
		}{
			{"/files?size=10&vulnType=Vulnerability", 400, `failed to parse pagination page: strconv.Atoi: parsing "": invalid syntax`},
			{"/files?page=x&size=10&vulnType=Vulnerability", 400, `failed to parse pagination page: strconv.Atoi: parsing "x": invalid syntax`},
			{"/files?page=1&vulnType=Vulnerability", 400, `failed to parse pagination size: strconv.Atoi: parsing "": invalid syntax`},
			{"/files?page=-1&size=10&vulnType=Vulnerability", 400, "page: must be no less than 0."},
			{"/files?page=1&size=10", 400, "vulnType: cannot be blank."},
			{"/files?page=1&size=10&vulnType=vulnerability&vulnSeverity=critical", 400, "vulnSeverity: must be a valid value; vulnType: must be a valid value."},
			{"/files/vulnerabilities?page=1&size=10&vulnType=Vulnerability", 400, "field on params: vulnFile is required"},
			{"/files?page=0&size=1&vulnType=Vulnerability&vulnSeverity=ALL", 200, ""},
			{"/files?page=1&size=10&vulnType=Corrected&vulnHash=%25", 200, ""},
		} {
			code, msg := rawVuln(t, tg.opts.VulnerabilityURL, access, "GET", base+tc.path, "")
			if code != tc.code || tc.msg != "" && msg != tc.msg {
				t.Errorf("%s: HTTP %d %q, want %d %q", tc.path, code, msg, tc.code, tc.msg)
			}
		}
		var page client.VulnFilePage
		_, body := rawVuln(t, tg.opts.VulnerabilityURL, access, "GET", base+"/files?page=0&size=1&vulnType=Vulnerability", "")
		if json.Unmarshal([]byte(body), &page) != nil || len(page.Data) != 4 {
			t.Errorf("page 0, size 1: %s (want the first page of 10)", body)
		}
		_, body = rawVuln(t, tg.opts.VulnerabilityURL, access, "GET", base+"/files?page=1&size=10&vulnType=Corrected&vulnHash=%25", "")
		if json.Unmarshal([]byte(body), &page) != nil || len(page.Data) != 4 {
			t.Errorf("%% as the hash matches everything: %s", body)
		}
		code, msg := rawVuln(t, tg.opts.VulnerabilityURL, access, "GET",
			"/vulnerability/management/workspace/"+e.wsID+"/repository/undefined/files?page=1&size=10&vulnType=Vulnerability", "")
		if code != 400 || msg != "{VULNERABILITY MANAGEMENT} invalid repository id" {
			t.Errorf("repository undefined: %d %q", code, msg)
		}
		if code, _ := rawVuln(t, tg.opts.VulnerabilityURL, access, "GET", base+"/vulnerabilities", ""); code != http.StatusMethodNotAllowed {
			t.Errorf("GET on the PATCH route: %d, want 405", code)
		}
		// An admin sees an empty list of an unknown repository.
		empty := must(oc.RepositoryVulnFiles(ctx, e.wsID, uuid.New(), client.VulnQuery{}))(t)
		if len(empty.Data) != 0 {
			t.Errorf("unknown repository: %+v", empty)
		}
	})

	t.Run("role matrix", func(t *testing.T) {
		// mate: workspace supervisor, no role in the repositories.
		_, err := mc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{})
		wantKind(t, err, client.KindForbidden, "you do not have enough privileges")
		_, err = mc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{})
		wantKind(t, err, client.KindForbidden, "")
		_, err = xc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{})
		wantKind(t, err, client.KindNoAccess, "")
		_, err = xc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{})
		wantKind(t, err, client.KindNoAccess, "")

		keep := client.VulnUpdate{AnalysisID: analysisA, Vulnerabilities: []client.VulnChange{
			{VulnerabilityID: high.VulnerabilityID, Severity: high.Severity, Type: client.TypeVulnerability}}}
		must(oc.AddRepositoryMember(ctx, e.wsID, ridA, client.RepositoryMemberData{AccountID: e.mate.id, Email: e.mate.email, Role: client.RoleSupervisor}))(t)
		if _, err := mc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{}); err != nil {
			t.Fatalf("repository supervisor lists: %v", err)
		}
		if err := mc.UpdateRepositoryVulnerabilities(ctx, e.wsID, ridA, keep); err != nil {
			t.Fatalf("repository supervisor changes: %v", err)
		}
		err = mc.UpdateWorkspaceVulnerabilities(ctx, e.wsID, keep)
		wantKind(t, err, client.KindForbidden, "")
		_, err = mc.WorkspaceVulnFiles(ctx, e.wsID, client.VulnQuery{})
		wantKind(t, err, client.KindForbidden, "")
		must(oc.SetRepositoryMemberRole(ctx, e.wsID, ridA, e.mate.id, client.RoleMember))(t)
		if _, err := mc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go"}); err != nil {
			t.Fatalf("repository member lists findings: %v", err)
		}
		err = mc.UpdateRepositoryVulnerabilities(ctx, e.wsID, ridA, keep)
		wantKind(t, err, client.KindForbidden, "you do not have enough privileges")
		err = xc.UpdateRepositoryVulnerabilities(ctx, e.wsID, ridA, keep)
		wantKind(t, err, client.KindNoAccess, "")
		if err := oc.RemoveRepositoryMember(ctx, e.wsID, ridA, e.mate.id); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("change type and severity", func(t *testing.T) {
		today := client.DateRange{From: time.Now().AddDate(0, 0, -1), To: time.Now()}
		before := must(oc.WorkspaceDashboard(ctx, e.wsID, today))(t).VulnerabilityBySeverity.Critical.Types.FalsePositive
		err := oc.UpdateWorkspaceVulnerabilities(ctx, e.wsID, client.VulnUpdate{AnalysisID: analysisA, Vulnerabilities: []client.VulnChange{
			{VulnerabilityID: crit.VulnerabilityID, Severity: crit.Severity, Type: client.TypeFalsePositive},
			{VulnerabilityID: high.VulnerabilityID, Severity: client.SeverityLow, Type: client.TypeVulnerability},
		}})
		if err != nil {
			t.Fatal(err)
		}
		open := must(oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go"}))(t)
		fp := must(oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go", Type: client.TypeFalsePositive}))(t)
		if open.TotalItems != 2 || fp.TotalItems != 1 || fp.Data[0].VulnerabilityID != crit.VulnerabilityID || fp.Data[0].Severity != "CRITICAL" {
			t.Fatalf("after the change: open %+v, false positive %+v", open.Data, fp.Data)
		}
		if open.Data[len(open.Data)-1].VulnerabilityID != high.VulnerabilityID || open.Data[len(open.Data)-1].Severity != "LOW" {
			t.Errorf("severity change: %+v", open.Data)
		}
		// The analysis is announced again: the dashboard recounts.
		deadline := time.Now().Add(10 * time.Second)
		for {
			d := must(oc.WorkspaceDashboard(ctx, e.wsID, today))(t)
			if d.VulnerabilityBySeverity.Critical.Types.FalsePositive == before+1 {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("dashboard critical false positives %d, want %d", d.VulnerabilityBySeverity.Critical.Types.FalsePositive, before+1)
			}
			time.Sleep(200 * time.Millisecond)
		}
	})

	t.Run("PATCH quirks", func(t *testing.T) {
		access := oc.Session().AccessToken
		path := "/vulnerability/management/workspace/" + e.wsID + "/repository/" + ridA + "/vulnerabilities"
		patch := func(body string) (int, string) {
			return rawVuln(t, tg.opts.VulnerabilityURL, access, "PATCH", path, body)
		}
		typeOf := func(id string) string {
			for _, typ := range client.VulnTypes {
				fv := must(oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go", Type: typ}))(t)
				for _, v := range fv.Data {
					if v.VulnerabilityID == id {
						return typ + "/" + v.Severity
					}
				}
			}
			return "gone"
		}
		// An item without a type resets it; without a severity keeps it.
		if code, msg := patch(`{"analysisID":"` + analysisA + `","vulnerabilities":[{"vulnerabilityID":"` + crit.VulnerabilityID + `"}]}`); code != 204 {
			t.Fatalf("no type: %d %q", code, msg)
		}
		if got := typeOf(crit.VulnerabilityID); got != "Vulnerability/CRITICAL" {
			t.Fatalf("after a PATCH without type: %s", got)
		}
		// One transaction: an unknown finding rolls the batch back.
		code, msg := patch(`{"analysisID":"` + analysisA + `","vulnerabilities":[{"vulnerabilityID":"` + crit.VulnerabilityID +
			`","type":"Corrected","severity":"CRITICAL"},{"vulnerabilityID":"` + uuid.New() + `","type":"Corrected","severity":"LOW"}]}`)
		if code != 404 || msg != "{ERROR_DATABASE} database not found records" {
			t.Fatalf("unknown finding: %d %q", code, msg)
		}
		if got := typeOf(crit.VulnerabilityID); got != "Vulnerability/CRITICAL" {
			t.Fatalf("the batch was not rolled back: %s", got)
		}
		// An unknown analysis answers 404 after the change is saved.
		err := oc.UpdateRepositoryVulnerabilities(ctx, e.wsID, ridA, client.VulnUpdate{AnalysisID: uuid.New(),
			Vulnerabilities: []client.VulnChange{{VulnerabilityID: crit.VulnerabilityID, Severity: "CRITICAL", Type: client.TypeRiskAccepted}}})
		wantKind(t, err, client.KindNotFound, "{ERROR_DATABASE} database not found records")
		if got := typeOf(crit.VulnerabilityID); got != "Risk Accepted/CRITICAL" {
			t.Fatalf("after the 404 on the analysis: %s", got)
		}
		for _, tc := range []struct{ body, msg string }{
			{"", "{ERROR_PARSER} body can not be empty"},
			{`{"analysisID":"abc"}`, "invalid UUID length: 3"},
			{`{"analysisID":"` + analysisA + `","vulnerabilities":[{"vulnerabilityID":"` + crit.VulnerabilityID + `","type":"false positive","severity":"ALL"}]}`,
				"severity: must be a valid value; type: must be a valid value."},
			{`[]`, "json: cannot unmarshal array into Go value of type management.UpdateData"},
		} {
			if code, msg := patch(tc.body); code != 400 || msg != tc.msg {
				t.Errorf("body %q: %d %q, want 400 %q", tc.body, code, msg, tc.msg)
			}
		}
		if code, _ := patch(`{"analysisID":"` + analysisA + `","vulnerabilities":[]}`); code != 204 {
			t.Errorf("empty list: %d, want 204", code)
		}
		if code, _ := patch(`null`); code != 0 {
			t.Errorf("null body: HTTP %d, want the connection closed without an answer", code)
		}
		// The client sends both fields always and refuses what the platform would.
		err = oc.UpdateRepositoryVulnerabilities(ctx, e.wsID, ridA, client.VulnUpdate{AnalysisID: analysisA,
			Vulnerabilities: []client.VulnChange{{VulnerabilityID: crit.VulnerabilityID, Severity: "CRITICAL"}}})
		wantKind(t, err, client.KindValidation, "unknown type")
		err = oc.UpdateRepositoryVulnerabilities(ctx, e.wsID, ridA, client.VulnUpdate{
			Vulnerabilities: []client.VulnChange{{VulnerabilityID: crit.VulnerabilityID, Severity: "CRITICAL", Type: client.TypeCorrected}}})
		wantKind(t, err, client.KindValidation, "no analysis ID")
	})

	t.Run("marks survive a new upload", func(t *testing.T) {
		must(oc.UploadAnalysis(ctx, tok.Bytes(), repoA, client.AnalysisUpload{CreatedAt: t0.Add(30 * time.Second),
			Findings: []client.Finding{first[0]}}))(t) // the same hash, sent as a Vulnerability
		open := must(oc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{}))(t)
		accepted := must(oc.RepositoryVulnFiles(ctx, e.wsID, ridA, client.VulnQuery{Type: client.TypeRiskAccepted}))(t)
		if len(open.Data) != 0 || len(accepted.Data) != 1 || accepted.Data[0].TotalVulnerabilities != 1 {
			t.Fatalf("after a new upload: open %+v, risk accepted %+v", open.Data, accepted.Data)
		}
		fv := must(oc.FileVulnerabilities(ctx, e.wsID, ridA, client.VulnQuery{File: "main.go", Type: client.TypeRiskAccepted}))(t)
		if len(fv.Data) != 1 || fv.Data[0].VulnerabilityID != crit.VulnerabilityID {
			t.Fatalf("the finding is reused: %+v", fv.Data)
		}
	})
}
