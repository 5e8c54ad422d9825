package main

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
)

// evil is what a hostile or broken platform could put in a name: an OSC 52
// clipboard write, a screen clear and a bell, which would drive the
// terminal if printed as they are.
const evil = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\u009b31m"

var zeroTime time.Time

func noEscapes(t *testing.T, what, out string) {
	t.Helper()
	if strings.ContainsAny(out, "\x1b\x07\u009b") {
		t.Errorf("%s holds terminal control characters from the platform: %q", what, out)
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
	isolate(t)
	keyring.MockInit()
	f := newFakePlatform(t)
	f.env(t)
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
