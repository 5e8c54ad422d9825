package webhooks

import (
	"context"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// tester is the test delivery on screen: what was sent from this machine
// and the receiver's answer.
type tester struct {
	m       *Model
	hook    client.Webhook
	running bool
	started time.Time
	result  client.WebhookTestResult
	err     error
	width   int
	height  int
}

func (m *Model) newTester(h client.Webhook) *tester { return &tester{m: m, hook: h} }

// run sends a test delivery; only the latest one's answer is shown.
func (t *tester) run() tea.Cmd {
	m := t.m
	m.testSeq++
	t.running, t.started, t.err = true, time.Now(), nil
	req := client.WebhookTest{URL: t.hook.URL, Headers: t.hook.Headers, WorkspaceID: m.scope.Workspace.WorkspaceID,
		WorkspaceName: m.scope.Workspace.Name, RepositoryID: t.hook.RepositoryID, RepositoryName: t.hook.Repository.Name}
	cl := m.c.Client
	return common.Do(m.c, m.id, testTag{seq: m.testSeq}, func(ctx context.Context) (testOutcome, error) {
		res, err := cl.TestWebhook(ctx, req)
		return testOutcome{url: req.URL, result: res}, err
	})
}

// Update implements dialog.Dialog.
func (t *tester) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	switch msg := msg.(type) {
	case common.Result[testOutcome]:
		if msg.To == t.m.id && msg.Tag == (testTag{seq: t.m.testSeq}) {
			t.running = false
			t.result, t.err = msg.Value.result, msg.Err
		}
	case tea.KeyMsg:
		switch {
		case key.Matches(msg, t.m.keys.Test):
			if !t.running {
				return t, t.run()
			}
		case key.Matches(msg, t.m.keys.Close):
			// A test still running is left to finish; its answer is dropped.
			return nil, nil
		}
	}
	return t, nil
}

// View implements dialog.Dialog.
func (t *tester) View() string { return t.m.fit(t.view, t.width, t.height) }

// Help implements dialog.Dialog.
func (t *tester) Help() []key.Binding {
	if t.running {
		return []key.Binding{t.m.keys.Close}
	}
	return []key.Binding{keys.WithHelp(t.m.keys.Test, "send again"), t.m.keys.Close}
}

// SetSize implements dialog.Dialog.
func (t *tester) SetSize(w, h int) { t.width, t.height = w, h }

// Busy implements dialog.Dialog: true while the receiver has not answered.
func (t *tester) Busy() bool { return t.running }

// Typing is false: the tester has no text field.
func (t *tester) Typing() bool { return false }
