package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/horusectest"
	"github.com/horusec-tui/horusec-tui/tui/components/tabs"
	"github.com/horusec-tui/horusec-tui/tui/internal/tuitest"
)

// webhookProgram is the whole program, logged in to the demo platform as
// its Manager, on the Webhooks tab of Acme Platform, which has two
// webhooks.
func webhookProgram(t *testing.T, w, h int) *Model {
	t.Helper()
	srv, cl := tuitest.Demo(t, horusectest.Options{DisableEmails: true, Now: tuitest.Clock}, horusectest.ManagerEmail, horusectest.ManagerPassword)
	seedWebhooks(t, srv)
	m := inWorkspace(cl, w, h)
	openTab(t, m, "Webhooks (2)")
	return m
}

// seedWebhooks gives two repositories of Acme Platform a webhook each:
// checkout-web's to a closed port, payments-api's with a description and
// two headers.
func seedWebhooks(t *testing.T, srv *horusectest.Server) {
	t.Helper()
	ws, _ := srv.WorkspaceID("Acme Platform")
	for _, hk := range []struct {
		repo, url, desc string
		headers         map[string]string
	}{
		{"payments-api", "https://bot.example.com/horusec/payments?team=appsec&channel=alerts", "security bot", map[string]string{"X-Api-Key": "k3y-secret", "X-Team": "appsec"}},
		{"checkout-web", "http://127.0.0.1:1/hooks/horusec", "", nil},
	} {
		repo, _ := srv.RepositoryID(ws, hk.repo)
		if _, err := srv.AddWebhook(ws, repo, hk.url, hk.desc, hk.headers); err != nil {
			t.Fatal(err)
		}
	}
}

// inWorkspace is the whole program at w×h, logged in with cl, in the
// workspace Acme Platform.
func inWorkspace(cl *client.Client, w, h int) *Model {
	m := program(cl, w, h)
	press(m, "enter") // Acme Platform, first by name
	return m
}

// program is the whole program at w×h on the tests' clock with cl, on its
// first screen.
func program(cl *client.Client, w, h int) *Model {
	cfg := client.AuthConfig{AuthType: client.AuthTypeHorusec}
	m := New(Options{Client: cl, AuthConfig: &cfg, Profile: "default", Host: "127.0.0.1:8006", Now: tuitest.Clock})
	m.statusTTL = time.Millisecond
	m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	settle(m, m.Init())
	return m
}

// openTab moves to the workspace's tab whose title starts with name.
func openTab(t *testing.T, m *Model, name string) {
	t.Helper()
	for i := 0; !activeTab(m, name); i++ {
		if i == 8 {
			t.Fatalf("no %s tab:\n%s", name, tuitest.Screen(m))
		}
		press(m, "tab")
	}
}

// activeTab reports whether the open tab of the page on top (a workspace
// or a repository) is named name.
func activeTab(m *Model, name string) bool {
	p, ok := m.Top().(interface{ Tabs() *tabs.Model })
	return ok && strings.HasPrefix(p.Tabs().Active().Title(), name)
}

func TestWebhooksGolden(t *testing.T) {
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 45}, {60, 15}} {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		t.Run("list_"+name, func(t *testing.T) {
			m := webhookProgram(t, size.w, size.h)
			screen := string(tuitest.Screen(m))
			if strings.Contains(screen, "k3y-secret") || strings.Contains(screen, "appsec&") && size.w < 100 {
				t.Errorf("a header value or an uncut URL on screen:\n%s", screen)
			}
			tuitest.Whole(t, m.View(), size.w, size.h)
			tuitest.Golden(t, "list_"+name, screen)
		})
		t.Run("form_"+name, func(t *testing.T) {
			m := webhookProgram(t, size.w, size.h)
			press(m, "j", "e") // the second webhook: payments-api, with its headers
			tuitest.Whole(t, m.View(), size.w, size.h)
			tuitest.Golden(t, "form_"+name, string(tuitest.Screen(m)))
		})
	}
	t.Run("headers_60x15", func(t *testing.T) {
		// Header values stay masked when the form is scrolled to them.
		m := webhookProgram(t, 60, 15)
		press(m, "j", "e", "tab", "tab", "tab", "tab")
		screen := string(tuitest.Screen(m))
		if !strings.Contains(screen, "Header 1 value") || strings.Contains(screen, "k3y-secret") || !strings.Contains(screen, "••••") {
			t.Errorf("header value not masked:\n%s", screen)
		}
		tuitest.Whole(t, m.View(), 60, 15)
		tuitest.Golden(t, "headers_60x15", screen)
	})
	for _, size := range []struct{ w, h int }{{80, 24}, {60, 15}} {
		name := fmt.Sprintf("%dx%d", size.w, size.h)
		t.Run("test_refused_"+name, func(t *testing.T) {
			m := webhookProgram(t, size.w, size.h)
			press(m, "t") // checkout-web's webhook (the first), to a closed port
			screen := string(tuitest.Screen(m))
			for _, want := range []string{"refused", "not the platform"} {
				if !strings.Contains(screen, want) {
					t.Errorf("%q not on screen:\n%s", want, screen)
				}
			}
			tuitest.Whole(t, m.View(), size.w, size.h)
			tuitest.Golden(t, "test_refused_"+name, screen)
		})
		t.Run("warning_"+name, func(t *testing.T) {
			m := webhookProgram(t, size.w, size.h)
			press(m, "j", "e", "tab", "tab")
			for _, r := range "/v2" {
				press(m, string(r))
			}
			press(m, "ctrl+s")
			screen := string(tuitest.Screen(m))
			if !strings.Contains(screen, "stops every webhook") {
				t.Errorf("no stall warning:\n%s", screen)
			}
			tuitest.Whole(t, m.View(), size.w, size.h)
			tuitest.Golden(t, "warning_"+name, screen)
		})
	}
}
