package tui

import (
	"sync"
	"testing"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// TestProgramLogInCreateEditDelete drives the whole program against the
// demo platform with the real client, and checks each step on the platform.
func TestProgramLogInCreateEditDelete(t *testing.T) {
	srv := tuitest.Platform(t, horusectest.Options{DisableEmails: true})
	var mu sync.Mutex
	var stored []*client.Session
	m := New(Options{
		Client:  tuitest.Client(t, srv, nil),
		Profile: "test",
		Host:    HostOf(srv.AuthURL),
		Save: func(s *client.Session) error {
			mu.Lock()
			defer mu.Unlock()
			stored = append(stored, s)
			return nil
		},
	})
	tm := tuitest.Program(t, m, 110, 30)

	// Check with a client of our own what the program did.
	check := tuitest.LoggedIn(t, srv, nil, horusectest.ManagerEmail, horusectest.ManagerPassword)

	tuitest.WaitFor(t, tm, "Log in to Horusec", "Auth type: Horusec")
	tm.Type(horusectest.ManagerEmail)
	tm.Send(tuitest.Key("tab"))
	tm.Type("wrong password")
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Wrong e-mail or password")
	tm.Type(horusectest.ManagerPassword)
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Acme Platform", "sorted by name", horusectest.ManagerEmail)
	mu.Lock()
	if len(stored) != 1 || stored[0] == nil || stored[0].Email != horusectest.ManagerEmail {
		t.Errorf("the session was not handed to the store: %d", len(stored))
	}
	mu.Unlock()

	// n: create.
	tm.Type("n")
	tuitest.WaitFor(t, tm, "New workspace")
	tm.Type("Program Test")
	tm.Send(tuitest.Key("tab"))
	tm.Type("made by the program test")
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Workspace “Program Test” created.")
	ws, ok := tuitest.FindWorkspace(t, check, "Program Test")
	if !ok || ws.Description != "made by the program test" {
		t.Fatalf("the platform has no such workspace: %+v", ws)
	}

	// e: edit (the cursor is on the new workspace).
	tm.Type("e")
	tuitest.WaitFor(t, tm, "Edit workspace “Program Test”")
	tm.Send(tuitest.Key("ctrl+u")) // clear the name
	tm.Type("Program Renamed")
	tm.Send(tuitest.Key("ctrl+s"))
	tuitest.WaitFor(t, tm, "Workspace “Program Renamed” saved.")
	renamed, ok := tuitest.FindWorkspace(t, check, "Program Renamed")
	if !ok || renamed.WorkspaceID != ws.WorkspaceID || renamed.Description != "made by the program test" {
		t.Fatalf("not renamed on the platform: %+v", renamed)
	}

	// d: delete, typing the name.
	tm.Type("d")
	tuitest.WaitFor(t, tm, "Type Program Renamed to confirm")
	tm.Type("Program Renamed")
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Workspace “Program Renamed” deleted.")
	if _, ok := tuitest.FindWorkspace(t, check, "Program Renamed"); ok {
		t.Fatal("still on the platform after the delete")
	}

	tm.Type("q")
	tuitest.Finished(t, tm)
	final := tm.FinalModel(t).(*Model)
	if final.Common().Session() == nil {
		t.Error("the session was lost")
	}
}

// TestProgramSessionExpiryOverAForm: the platform stops accepting the
// session while a form is open; the login comes up over it, and after it
// the same workspace is created from what was typed.
func TestProgramSessionExpiryOverAForm(t *testing.T) {
	srv, c := tuitest.Demo(t, horusectest.Options{DisableEmails: true}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	tm := tuitest.Program(t, New(Options{Client: c, AuthConfig: &cfg, Host: HostOf(srv.AuthURL)}), 110, 30)
	tuitest.WaitFor(t, tm, "Acme Platform")

	tm.Type("n")
	tuitest.WaitFor(t, tm, "New workspace")
	tm.Type("After Expiry")
	// The platform now refuses the session and its refresh.
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/core/workspaces", Status: 401,
		Body: `{"code":401,"status":"Unauthorized","content":"rpc error: code = Unknown desc = token is expired by 1s"}`, Times: 1})
	srv.InjectFault(horusectest.Fault{Method: "POST", PathPrefix: "/auth/account/refresh-token", Status: 401,
		Body: `{"code":401,"status":"Unauthorized","content":"{ACCOUNT} invalid or expired refresh token"}`, Times: 1})
	tm.Send(tuitest.Key("ctrl+s"))
	tuitest.WaitFor(t, tm, "Your session has expired")
	tm.Type(horusectest.ManagerPassword)
	tm.Send(tuitest.Key("enter"))
	tuitest.WaitFor(t, tm, "Workspace “After Expiry” created.")

	check := tuitest.LoggedIn(t, srv, nil, horusectest.ManagerEmail, horusectest.ManagerPassword)
	if _, ok := tuitest.FindWorkspace(t, check, "After Expiry"); !ok {
		t.Fatal("the form's workspace was not created after the login")
	}
	tuitest.Quit(t, tm)
}
