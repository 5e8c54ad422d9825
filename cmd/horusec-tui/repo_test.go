package main

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/period"
)

func TestRepoListWalksEveryPage(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	wsID := mustWS(t, srv, "Sandbox")
	const n = listPageSize + 17
	for i := range n {
		if _, err := srv.AddRepository(wsID, fmt.Sprintf("svc-%03d", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	srv.ResetRequests()
	code, out, errOut := runCmd(t, "", "repo", "list", "--workspace", "Sandbox", "--output", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []client.Repository
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if len(got) != n {
		t.Fatalf("listed %d repositories, want %d", len(got), n)
	}
	seen := map[string]bool{}
	for _, r := range got {
		if seen[r.Name] {
			t.Errorf("%s listed twice", r.Name)
		}
		seen[r.Name] = true
	}
	base := "/core/workspaces/" + wsID + "/repositories?"
	for _, page := range []string{"page=1&", "page=2&"} {
		if srv.Requests("GET", base+page) != 1 {
			t.Errorf("%s asked %d times; log: %v", page, srv.Requests("GET", base+page), srv.RequestLog())
		}
	}
	if srv.Requests("GET", base+"page=3&") != 0 {
		t.Error("asked past the last (short) page")
	}

	// --search goes to the platform; the table says roles as the UI does.
	code, out, errOut = runCmd(t, "", "repo", "list", "--workspace", "Sandbox", "--search", "SVC-10")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1+10 || !strings.Contains(lines[0], "YOUR ROLE") || !strings.Contains(lines[1], "svc-100") || !strings.Contains(lines[1], "Manager") {
		t.Errorf("search table:\n%s", out)
	}
	if srv.Requests("GET", base+"page=1&search=SVC-10") == 0 {
		t.Errorf("the search was not sent to the platform: %v", srv.RequestLog())
	}
}

func TestRepoCreateEditDelete(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	c := demoClient(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	code, out, errOut := runCmd(t, "", "repo", "create", "--workspace", "Sandbox", "--name", "billing", "--description", "Billing API")
	if code != exitOK || !strings.Contains(out, "Created the repository “billing”") {
		t.Fatalf("create: exit %d: %s %s", code, out, errOut)
	}
	// A name in use: said in the UI's words, exit 1.
	code, _, errOut = runCmd(t, "", "repo", "create", "--workspace", "Sandbox", "--name", "billing")
	if code != exitError || !strings.Contains(errOut, "already has that name") || strings.Contains(errOut, "{CORE_REPOSITORY}") {
		t.Errorf("duplicate: exit %d: %s", code, errOut)
	}
	// edit keeps the fields not given.
	code, out, errOut = runCmd(t, "", "repo", "edit", "--workspace", "Sandbox", "--repository", "billing", "--name", "billing-api", "--output", "json")
	if code != exitOK {
		t.Fatalf("edit: exit %d: %s", code, errOut)
	}
	var r client.Repository
	if err := json.Unmarshal([]byte(out), &r); err != nil || r.Name != "billing-api" {
		t.Fatalf("edit output: %v %s", err, out)
	}
	wsID := mustWS(t, srv, "Sandbox")
	got, err := c.Repository(context.Background(), wsID, r.RepositoryID)
	if err != nil || got.Name != "billing-api" || got.Description != "Billing API" {
		t.Errorf("after edit: %+v %v", got, err)
	}
	// delete needs --yes without a terminal.
	code, _, errOut = runCmd(t, "", "repo", "delete", "--workspace", "Sandbox", "--repository", "billing-api")
	if code != exitUsage || !strings.Contains(errOut, "--yes") {
		t.Errorf("delete without --yes: exit %d: %s", code, errOut)
	}
	code, out, errOut = runCmd(t, "", "repo", "delete", "--workspace", "Sandbox", "--repository", "billing-api", "--yes")
	if code != exitOK || !strings.Contains(out, "Deleted the repository “billing-api”") {
		t.Fatalf("delete: exit %d: %s %s", code, out, errOut)
	}
	if _, ok := srv.RepositoryID(wsID, "billing-api"); ok {
		t.Error("the repository is still there")
	}
}

func TestRepoRefusedToAUser(t *testing.T) {
	demoLogin(t, horusectest.UserEmail, horusectest.UserPassword)
	code, _, errOut := runCmd(t, "", "repo", "create", "--workspace", "Acme Platform", "--name", "nope")
	if code != exitPermission || !strings.Contains(errOut, "only a Manager of the workspace Acme Platform can create repositories") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}

func TestRepoUsageErrors(t *testing.T) {
	isolate(t)
	wantUsage(t, [][]string{
		{"repo"},
		{"repo", "list"},
		{"repo", "create", "--workspace", "W"},
		{"repo", "create", "--workspace", "W", "--name", "  "},
		{"repo", "edit", "--workspace", "W", "--repository", "R"},
		{"repo", "delete", "--workspace", "W"},
		{"repo", "list", "--workspace", "W", "--output", "yaml"},
		{"repo", "frobnicate"},
	}...)
}

func TestDashboardJSONKeepsTheAnalyticFigures(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	c := demoClient(t, srv, horusectest.ManagerEmail, horusectest.ManagerPassword)
	srv.ResetRequests()
	code, out, errOut := runCmd(t, "", "dashboard", "--workspace", "Acme Platform", "--from", "2020-01-01", "--to", "2030-12-31", "--output", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	log := fmt.Sprint(srv.RequestLog())
	if !strings.Contains(log, "finalDate=2030-12-31T23%3A59%3A59Z&initialDate=2020-01-01T00%3A00%3A00Z") {
		t.Errorf("dates not sent as the platform wants: %s", log)
	}
	for _, field := range []string{`"totalAuthors"`, `"totalRepositories"`, `"vulnerabilityBySeverity"`, `"riskAccepted"`, `"vulnerabilitiesByLanguage"`, `"vulnerabilityByTime"`} {
		if !strings.Contains(out, field) {
			t.Errorf("JSON lacks %s", field)
		}
	}
	var got client.Dashboard
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	wsID := mustWS(t, srv, "Acme Platform")
	rng, _ := period.ParseCustom("2020-01-01", "2030-12-31")
	want, err := c.WorkspaceDashboard(context.Background(), wsID, rng)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the JSON differs from the analytic service's answer")
	}

	// The table, of one repository.
	code, out, errOut = runCmd(t, "", "dashboard", "--workspace", "Acme Platform", "--repository", "payments-api")
	if code != exitOK || !strings.Contains(out, "Repository Acme Platform / payments-api") || !strings.Contains(out, "SEVERITY") {
		t.Errorf("table: exit %d: %s %s", code, out, errOut)
	}
	today := time.Now().UTC().Format("2006-01-02")
	if !strings.Contains(out, "2019-02-01 to "+today) {
		t.Errorf("default period not shown:\n%s", out)
	}
}

func TestDashboardRefusedToAUser(t *testing.T) {
	demoLogin(t, horusectest.UserEmail, horusectest.UserPassword)
	code, _, errOut := runCmd(t, "", "dashboard", "--workspace", "Acme Platform")
	if code != exitPermission || !strings.Contains(errOut, "only a Manager of the workspace") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	wantUsage(t, [][]string{
		{"dashboard"},
		{"dashboard", "--workspace", "W", "--from", "2026-02-30"},
		{"dashboard", "--workspace", "W", "--from", "2026-03-01", "--to", "2026-02-01"},
	}...)
}
