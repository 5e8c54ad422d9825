package horusectest

import (
	"crypto/sha256"
	"fmt"
	"path"
	"strconv"
	"strings"
)

// Findings as the seed and AddAnalysis make them: a file, a line, a tool
// and code that look like a real analysis's, from a few lines of data.

// seedFindings expands a seeded (author, language, severity, type, count)
// group into findings with files, lines and code, the same on every run.
func seedFindings(analysisID string, n int, f finding) []*vuln {
	files := seedFiles[f.language]
	if len(files) == 0 {
		files = seedFiles[""]
	}
	out := make([]*vuln, 0, f.count)
	for i := range f.count {
		sum := sha256.Sum256(fmt.Appendf(nil, "%s/%d/%d", analysisID, n, i))
		h := fmt.Sprintf("%x", sum)
		rule := seedRules[(n+i)%len(seedRules)]
		file := files[(n+i)%len(files)]
		line := 10 + (n*7+i*13)%290
		out = append(out, &vuln{
			id:   h[0:8] + "-" + h[8:12] + "-4" + h[13:16] + "-a" + h[17:20] + "-" + h[20:32],
			hash: h[:40], file: file, line: strconv.Itoa(line), column: strconv.Itoa(1 + i%24),
			code: rule.code, details: rule.details, confidence: []string{"HIGH", "MEDIUM", "LOW"}[(n+i)%3],
			tool: rule.tool, language: f.language, severity: strings.ToUpper(f.severity), vtype: typeLabel(f.vtype),
			commitAuthor: strings.Split(f.email, "@")[0], commitEmail: f.email, commitHash: h[40:56],
			commitMessage: "Update " + path.Base(file), commitDate: "2026-11-0" + strconv.Itoa(1+i%9) + "T10:00:00Z",
		})
	}
	return out
}

var seedFiles = map[string][]string{
	"Go":         {"cmd/server/main.go", "internal/db/query.go", "internal/auth/token.go", "internal/http/handler.go"},
	"JavaScript": {"src/app.js", "src/api/client.js", "src/utils/crypto.js"},
	"TypeScript": {"src/index.ts", "src/services/payment.ts", "src/config/env.ts"},
	"Python":     {"app/main.py", "app/models.py", "scripts/etl.py"},
	"Java":       {"src/main/java/com/acme/App.java", "src/main/java/com/acme/db/Dao.java"},
	"Kotlin":     {"app/src/main/kotlin/Main.kt", "app/src/main/kotlin/Net.kt"},
	"Leaks":      {"deploy/.env", "config/secrets.yaml", "docs/setup.md"},
	"HCL":        {"infra/main.tf", "infra/iam.tf"},
	"YAML":       {"deploy/k8s/deployment.yaml", ".github/workflows/ci.yml"},
	"Shell":      {"scripts/deploy.sh", "Dockerfile"},
	"C#":         {"src/Api/Controllers/UserController.cs"},
	"Ruby":       {"app/controllers/users_controller.rb"},
	"PHP":        {"public/index.php"},
	"C":          {"src/parser.c", "include/parser.h"},
	"":           {"README", "Makefile"},
}

var seedRules = []struct{ tool, code, details string }{
	{"HorusecEngine", `query := "SELECT * FROM users WHERE id = " + id`, "SQL Injection: a query is built from user input; use a prepared statement."},
	{"GoSec", `h := md5.New()`, "Use of a weak cryptographic primitive (MD5); use SHA-256 or stronger."},
	{"GitLeaks", `AWS_SECRET_ACCESS_KEY=AKIAxxxxxxxxxxxxxxxx`, "A hard-coded secret was found; move it to a secret store and rotate it."},
	{"Semgrep", `http.ListenAndServe(":8080", nil)`, "An HTTP server without TLS or timeouts."},
	{"Bandit", `subprocess.call(cmd, shell=True)`, "A shell command built from input may run other commands (CWE-78)."},
	{"HorusecEngine", `tls.Config{InsecureSkipVerify: true}`, "TLS certificate checks are turned off."},
	{"Trivy", `FROM node:14`, "The base image has known vulnerabilities; update it."},
}
