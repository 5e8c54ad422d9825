package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/client/safetext"
)

// evil is what a hostile or broken platform could put in a name: an OSC 52
// clipboard write, a screen clear and a bell, an 8-bit CSI, a DEL, a bidi
// override and a zero-width space, which would drive the terminal or hide
// from the reader if printed as they are.
const evil = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u009b31m\x7f\u202e\u200b"

var zeroTime time.Time

func noEscapes(t *testing.T, what, out string) {
	t.Helper()
	if strings.ContainsAny(out, "\x1b\x07\u009b\x7f") || safetext.Frame(out) != out {
		t.Errorf("%s holds terminal control or invisible characters from the platform: %q", what, out)
	}
}

// Names, e-mails and descriptions sent by the platform are printed by the
// commands in messages, prompts and errors, not only in tables: none of
// them may reach the terminal with its control characters.
func TestCommandsNeverPrintPlatformControlCharacters(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	managerID, _ := srv.AccountID(horusectest.ManagerEmail)
	evilEmail := "mallory" + evil + "@example.com"
	evilID, err := srv.AddAccount(evilEmail, "mallory"+evil, "Mallory#2026")
	if err != nil {
		t.Fatal(err)
	}
	wsID, err := srv.AddWorkspace("Acme"+evil, map[string]string{managerID: client.RoleAdmin, evilID: client.RoleMember})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddAccount("bob2@example.com", "bob2", "Bob2#2026"); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddToken(wsID, "", "ci"+evil, zeroTime); err != nil {
		t.Fatal(err)
	}

	for _, args := range [][]string{
		{"repo", "list", "--workspace", wsID},
		{"token", "create", "--workspace", wsID, "--description", "deploy"},
		{"token", "revoke", "--workspace", wsID, "--description", "ci" + evil, "--yes"},
		{"token", "list", "--workspace", wsID},
		{"member", "list", "--workspace", wsID},
		{"member", "invite", "--workspace", wsID, "--email", "bob2@example.com", "--role", "user"},
		{"member", "set-role", "--workspace", wsID, "--email", evilEmail, "--role", "supervisor"},
		{"member", "remove", "--workspace", wsID, "--email", evilEmail, "--yes"},
		{"member", "remove", "--workspace", wsID, "--email", "nobody@example.com", "--yes"},
		{"dashboard", "--workspace", wsID},
	} {
		code, out, errOut := runCmd(t, "", args...)
		name := strings.Join(args[:2], " ")
		if code != exitOK && code != exitError && code != exitNotFound {
			t.Errorf("%s: exit %d: %s", name, code, errOut)
		}
		noEscapes(t, name+" stdout", out)
		noEscapes(t, name+" stderr", errOut)
	}
}

func TestLoginNeverPrintsPlatformControlCharacters(t *testing.T) {
	_, f := onFakePlatform(t)
	f.authType = client.AuthTypeHorusec + evil
	f.username = "dev" + evil
	code, out, errOut := runCmd(t, fakePassword, "auth", "login", "--email", fakeEmail, "--password-stdin")
	if code != exitOK {
		t.Fatalf("login: exit %d: %s", code, errOut)
	}
	noEscapes(t, "login stdout", out)
	noEscapes(t, "login stderr", errOut)
}

func TestFailCleansControlCharacters(t *testing.T) {
	var stderr bytes.Buffer
	a := &Factory{IO: IOStreams{ErrOut: &stderr}}
	a.fail(&client.Error{Kind: client.KindNotFound, Op: "find member", Message: "the workspace Acme" + evil + " has no member"})
	noEscapes(t, "fail", stderr.String())
	if strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("one line expected: %q", stderr.String())
	}
}

// --output json is data: the platform's values come back exactly when
// decoded, but no control or invisible character is written raw.
func TestJSONOutputKeepsValuesAndEscapesControls(t *testing.T) {
	srv := demoLogin(t, horusectest.ManagerEmail, horusectest.ManagerPassword)
	managerID, _ := srv.AccountID(horusectest.ManagerEmail)
	name := "Acme" + evil + "🚀東京\U0001F468\u200D\U0001F469"
	wsID, err := srv.AddWorkspace(name, map[string]string{managerID: client.RoleAdmin})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddToken(wsID, "", "ci"+evil, zeroTime); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCmd(t, "", "token", "list", "--workspace", wsID, "--output", "json")
	if code != exitOK {
		t.Fatalf("token list: exit %d: %s", code, errOut)
	}
	noEscapes(t, "token list --output json", out)
	for _, esc := range []string{`\u001b]52;c;`, `\u0007`, `\u009b`, `\u007f`, `\u202e`, `\u200b`} {
		if !strings.Contains(out, esc) {
			t.Errorf("the JSON does not escape %s: %s", esc, out)
		}
	}
	var tokens []struct{ Description string }
	if err := json.Unmarshal([]byte(out), &tokens); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, out)
	}
	if len(tokens) != 1 || tokens[0].Description != "ci"+evil {
		t.Errorf("decoded %+v, want the description %q exactly", tokens, "ci"+evil)
	}

	code, out, errOut = runCmd(t, "", "repo", "list", "--workspace", wsID, "--output", "json")
	if code != exitOK {
		t.Fatalf("repo list: exit %d: %s", code, errOut)
	}
	noEscapes(t, "repo list --output json", out)
}

func TestEscapeJSONDecodesToTheSameValue(t *testing.T) {
	for _, s := range []string{"plain", evil, "🚀\uFE0F x\uFE0F", "\U000E0041 \u00A0 東京", "\ufffd"} {
		var b bytes.Buffer
		if err := printJSON(&b, map[string]string{s: s}); err != nil {
			t.Fatal(err)
		}
		noEscapes(t, "printJSON", b.String())
		var back map[string]string
		if err := json.Unmarshal(b.Bytes(), &back); err != nil {
			t.Fatalf("%q: %v: %s", s, err, b.String())
		}
		if back[s] != s {
			t.Errorf("%q came back as %q", s, back[s])
		}
	}
}
