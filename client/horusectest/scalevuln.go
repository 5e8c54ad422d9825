package horusectest

import (
	"crypto/sha256"
	"fmt"
	"strconv"
	"time"
)

// FindingsWorkspace is the workspace Options.ScaleVulnFiles and
// Options.ScaleFileFindings add, administered by the demo Manager.
const FindingsWorkspace = "Findings"

// FindingsRepositories is how many repositories of FindingsWorkspace the
// files are spread over (findings-01 …); each has one analysis.
const FindingsRepositories = 10

// BigFile is the file of the first repository of FindingsWorkspace that
// holds Options.ScaleFileFindings findings.
const BigFile = "src/generated/big.go"

// FindingsFileName is the i-th (from 1) of n one-finding files of
// FindingsWorkspace: src/module-00001.go …, zero-padded to n's width, so
// that the file list (most findings first, then by path) ends on the n-th.
func FindingsFileName(i, n int) string {
	return fmt.Sprintf("src/module-%0*d.go", len(strconv.Itoa(n)), i)
}

// FindingsRepositoryName is the name of the r-th (from 1) repository of
// FindingsWorkspace.
func FindingsRepositoryName(r int) string { return fmt.Sprintf("findings-%02d", r) }

// addScaleFindings adds FindingsWorkspace: files one-finding files spread
// over its repositories, and BigFile with big findings in the first one.
// Called with s.mu held, after the seed.
func (s *Server) addScaleFindings(files, big int) error {
	mgr := s.st.byEmail[ManagerEmail]
	if mgr == nil {
		return fmt.Errorf("demo platform: the %s workspace needs the demo accounts (the seed)", FindingsWorkspace)
	}
	now := s.now().UTC()
	ws := newWorkspace(NewUUID(), FindingsWorkspace, fmt.Sprintf("%d files with findings and one with %d, for trying triage at scale", files, big), now.AddDate(0, 0, -30))
	ws.members = map[string]string{mgr.id: roleAdmin}
	s.st.addWorkspace(ws)
	repos := make([]*repository, FindingsRepositories)
	analyses := make([]*analysis, FindingsRepositories)
	for r := range repos {
		repos[r] = newRepository(ws, NewUUID(), FindingsRepositoryName(r+1), "", now.AddDate(0, 0, -30))
		s.st.addRepository(ws, repos[r])
		created := now.Add(-time.Duration(r+1) * time.Hour)
		analyses[r] = &analysis{id: NewUUID(), workspaceID: ws.id, repositoryID: repos[r].id, status: "success",
			createdAt: created, finishedAt: created.Add(time.Minute)}
	}
	add := func(r int, file string, i int) {
		sum := sha256.Sum256(fmt.Appendf(nil, "scale/%s/%d", file, i))
		h := fmt.Sprintf("%x", sum)
		rule := seedRules[i%len(seedRules)]
		v := &vuln{
			id:   h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32],
			hash: h[:40], file: file, line: strconv.Itoa(1 + i), column: strconv.Itoa(1 + i%40),
			code: rule.code, details: rule.details, confidence: []string{"HIGH", "MEDIUM", "LOW"}[i%3],
			tool: rule.tool, language: "Go", severity: []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO", "UNKNOWN"}[i%6],
			vtype: "Vulnerability", commitAuthor: "dev" + strconv.Itoa(i%7), commitEmail: "dev" + strconv.Itoa(i%7) + "@example.com",
			commitHash: h[40:56], commitMessage: "Generated code", commitDate: "2026-11-01T10:00:00Z",
		}
		analyses[r].refs = append(analyses[r].refs, s.st.addVuln(repos[r], v))
	}
	for i := range big {
		add(0, BigFile, i)
	}
	for i := 1; i <= files; i++ {
		add((i-1)%FindingsRepositories, FindingsFileName(i, files), i)
	}
	for r, a := range analyses {
		a.recount()
		s.st.addAnalysis(repos[r], a)
	}
	return nil
}
