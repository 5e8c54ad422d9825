package webhooks

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
	"github.com/horusec-tui/horusec-tui/tui/keys"
)

// formNote says what the method is rather than offering a choice.
const formNote = "Method: POST — every new analysis of the repository is sent to the URL as JSON. " +
	"Header values are hidden as you type; lists show only header names."

// stallText is the warning read once before a URL is saved (§14.6).
const stallText = "If this receiver fails (refused, 4xx/5xx) or takes over 10 s, the platform stops delivering " +
	"EVERY webhook, of every repository, until its webhook service restarts; fixing or deleting the webhook " +
	"does not unblock it. Test it with t right after saving."

// stallShort is the warning where there is little room.
const stallShort = "If it fails or takes over 10 s, no webhook of the platform is delivered until its webhook service restarts."

// editor is the form dialog that creates, edits or copies a webhook; the
// stall warning shows in its place once before a URL is saved.
type editor struct {
	dialog.FormHost
	m *Model
	// editing is the webhook changed; zero when creating (or copying).
	editing client.Webhook
	// sent is what the last submit sends.
	sent client.WebhookData
	// warning is true while the stall warning is on screen.
	warning bool
	width   int
	height  int
}

// headerRows is how many key/value rows the form offers, as the manager does.
const headerRows = client.WebhookHeadersMax

func keyField(i int) string   { return "header" + strconv.Itoa(i) + "key" }
func valueField(i int) string { return "header" + strconv.Itoa(i) + "value" }

// openForm opens the form to create a webhook, to edit h, or (copy) to
// create one filled from h.
func (m *Model) openForm(h client.Webhook, copying bool) tea.Cmd {
	editing := h.WebhookID != "" && !copying
	var fields []*form.Field

	desc := form.Text("description", "Description", "What receives the analyses, e.g. “security bot”.", client.WebhookDescriptionMax, func(v string) string {
		if editing && strings.TrimSpace(v) == "" && h.Description != "" {
			return "The platform cannot clear a description, only replace it: write a new one."
		}
		return ""
	})
	desc.SetValue(h.Description)
	fields = append(fields, desc)

	var repo *form.Field
	if !m.scope.IsRepository() {
		repo = m.repoField(h, editing)
		fields = append(fields, repo)
	}

	url := form.Text("url", "URL", "Where to send it: http:// or https:// only.", client.WebhookURLMax, func(v string) string {
		if err := client.CheckWebhookURL(strings.TrimSpace(v)); err != nil {
			return capitalize(err.Error()) + "."
		}
		return ""
	})
	url.SetPlaceholder("https://bot.example.com/horusec")
	url.SetValue(h.URL)
	fields = append(fields, url)

	f := &form.Model{}
	for i := 0; i < headerRows; i++ {
		i := i
		var k, v string
		if i < len(h.Headers) {
			k, v = h.Headers[i].Key, h.Headers[i].Value
		}
		hint := ""
		if i == 0 {
			hint = "Optional, e.g. Authorization or X-Api-Key; up to 5 headers."
		}
		kf := form.Text(keyField(i), fmt.Sprintf("Header %d name", i+1), hint, 100, func(val string) string {
			return checkHeaderKey(f, i, val)
		})
		kf.SetValue(k)
		vf := form.Password(valueField(i), fmt.Sprintf("Header %d value", i+1), 2000, func(val string) string {
			if strings.TrimSpace(f.Value(keyField(i))) != "" && strings.TrimSpace(val) == "" {
				return "Give the header a value: the platform skips a header without one."
			}
			if strings.ContainsAny(val, "\r\n") {
				return "A header value cannot hold a line break."
			}
			return ""
		})
		vf.SetValue(v)
		if i > 0 {
			// A row shows once the one above is used, or when it holds something.
			vf.Hidden = func() bool { return !rowUsed(f, i-1) && !rowUsed(f, i) }
			kf.Hidden = vf.Hidden
		}
		fields = append(fields, kf, vf)
	}

	var title string
	switch {
	case editing:
		title = "Edit the webhook of " + repoName(h)
	case m.scope.IsRepository():
		title = "New webhook for the repository " + m.scope.Name()
	case copying:
		title = "New webhook (a copy of the one of " + repoName(h) + ")"
	default:
		title = "New webhook in " + m.scope.Workspace.Name
	}
	*f = *form.New(m.c.Styles, m.c.Keys, title, fields...)
	f.Note = formNote
	f.SubmitText = "Save"
	if !editing {
		f.SubmitText = "Create"
	}
	e := &editor{FormHost: dialog.NewFormHost(f), m: m}
	if editing {
		e.editing = h
	}
	m.dialogs.Open(e)
	return f.Init()
}

// repoField is the repository picker: every repository of the workspace,
// those that already have a webhook marked (the platform takes one a
// repository).
func (m *Model) repoField(h client.Webhook, editing bool) *form.Field {
	var opts []form.Option
	selected := 0
	firstFree := -1
	for i, r := range m.repos {
		o := form.Option{Value: r.RepositoryID, Label: r.Name}
		if other, ok := m.hookOf(r.RepositoryID); ok && (!editing || other.WebhookID != h.WebhookID) {
			o.Description = "has a webhook"
		} else if firstFree < 0 {
			firstFree = i
		}
		if r.RepositoryID == h.RepositoryID && editing {
			selected = i
		}
		opts = append(opts, o)
	}
	if !editing && firstFree >= 0 {
		selected = firstFree
	}
	f := form.Choice("repository", "Repository", opts, selected)
	f.Compact = true
	f.Hint = "Whose analyses are sent; a repository has at most one webhook."
	if m.reposErr != nil {
		msg, _ := common.Explain(m.reposErr)
		f.Hint = "The repositories could not be listed (" + msg + "); press esc and r to retry."
	}
	f.Validate = func(v string) string {
		if v == "" {
			return "Choose a repository."
		}
		if other, ok := m.hookOf(v); ok && (!editing || other.WebhookID != h.WebhookID) {
			return "This repository already has a webhook (to " + other.URL + "): edit that one, or choose another repository."
		}
		return ""
	}
	return f
}

func rowUsed(f *form.Model, i int) bool {
	return strings.TrimSpace(f.Value(keyField(i))) != "" || f.Value(valueField(i)) != ""
}

func checkHeaderKey(f *form.Model, i int, v string) string {
	v = strings.TrimSpace(v)
	if v == "" {
		if f.Value(valueField(i)) != "" {
			return "Give the header a name, or clear its value."
		}
		return ""
	}
	if err := client.CheckWebhookHeaders([]client.WebhookHeader{{Key: v, Value: "x"}}); err != nil {
		return "Not a valid header name: letters, digits and -_.!#$%&'*+^`|~ only."
	}
	for j := 0; j < i; j++ {
		if other := strings.TrimSpace(f.Value(keyField(j))); other != "" && http.CanonicalHeaderKey(other) == http.CanonicalHeaderKey(v) {
			return fmt.Sprintf("Header %d already has this name.", j+1)
		}
	}
	return ""
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// data reads the form.
func (e *editor) data() client.WebhookData {
	f := e.Form
	d := client.WebhookData{
		Description: strings.TrimSpace(f.Value("description")),
		URL:         strings.TrimSpace(f.Value("url")),
		Headers:     []client.WebhookHeader{}, // the headers shown replace the stored ones
	}
	if e.m.scope.IsRepository() {
		d.RepositoryID = e.m.scope.Repository.RepositoryID
	} else {
		d.RepositoryID = f.Value("repository")
	}
	for i := 0; i < headerRows; i++ {
		k := strings.TrimSpace(f.Value(keyField(i)))
		if k == "" {
			continue
		}
		d.Headers = append(d.Headers, client.WebhookHeader{Key: k, Value: strings.TrimSpace(f.Value(valueField(i)))})
	}
	return d
}

// Update implements dialog.Dialog.
func (e *editor) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	if r, ok := msg.(common.Result[string]); ok {
		if r.To != e.m.id || r.Tag != tagSave {
			return e, nil
		}
		return e.saved(r)
	}
	if km, ok := msg.(tea.KeyMsg); ok && e.warning {
		switch km.String() {
		case "esc", "n", "N":
			e.warning = false
		case "y", "Y", "enter":
			e.m.warned = true
			e.warning = false
			return e, e.Send(e.m.save(e))
		}
		return e, nil
	}
	cmd, act := e.Handle(msg)
	switch act {
	case form.Cancel:
		return nil, nil
	case form.Submit:
		e.sent = e.data()
		if !e.m.warned && e.sent.URL != e.editing.URL {
			e.warning = true
			return e, nil
		}
		return e, e.Send(e.m.save(e))
	}
	return e, cmd
}

func (m *Model) save(e *editor) tea.Cmd {
	ws, cl := m.scope.Workspace.WorkspaceID, m.c.Client
	id, d := e.editing.WebhookID, e.sent
	return common.Do(m.c, m.id, tagSave, func(ctx context.Context) (string, error) {
		if id != "" {
			return id, cl.UpdateWebhook(ctx, ws, id, d)
		}
		return cl.CreateWebhook(ctx, ws, d)
	})
}

func (e *editor) saved(r common.Result[string]) (dialog.Dialog, tea.Cmd) {
	if r.Err != nil {
		return e, e.Fail(r.Err, "the webhook is saved", e.showError)
	}
	d := e.sent
	verb := "Created"
	if e.editing.WebhookID != "" {
		verb = "Saved"
	}
	e.m.pick = d.RepositoryID
	return nil, tea.Batch(
		common.Status(common.StatusSuccess, verb+" the webhook: new analyses go to "+d.URL+" (press t to test it)"),
		e.m.load(),
	)
}

// View implements dialog.Dialog: the form, or the stall warning.
func (e *editor) View() string {
	if e.warning {
		return e.m.fit(e.warnView, e.width, e.height)
	}
	return e.FormHost.View()
}

// Help implements dialog.Dialog.
func (e *editor) Help() []key.Binding {
	if e.warning {
		return []key.Binding{keys.WithHelp(e.m.keys.Yes, "save"), keys.WithHelp(e.m.keys.No, "back to the form")}
	}
	return e.FormHost.Help()
}

// SetSize implements dialog.Dialog.
func (e *editor) SetSize(w, h int) {
	e.width, e.height = w, h
	e.FormHost.SetSize(w, h)
}

func (e *editor) showError(err error) {
	f := e.Form
	message, hint := common.Explain(err)
	switch client.KindOf(err) {
	case client.KindConflict:
		msg := "It already exists a webhook to the repository selected: edit that one, or choose another repository."
		if e.m.scope.IsRepository() {
			f.SetFormError(msg)
		} else {
			f.SetError("repository", msg)
		}
		return
	case client.KindValidation:
		// Last to first: SetError focuses its field, so the first one
		// named ends up focused.
		named := false
		if pe := client.PlatformError(err); pe != nil {
			for _, field := range []string{"url", "description"} {
				if reason := pe.Fields[field]; reason != "" {
					f.SetError(field, capitalize(reason)+".")
					named = true
				}
			}
		}
		if !named {
			f.SetFormError(message)
		}
	case client.KindForbidden:
		f.SetFormError("Webhooks need " + roleNeeded + ". " + hint)
	case client.KindNoAccess:
		// The service answers its generic 500 for an unknown repository
		// (deleted meanwhile) as for no access.
		f.SetFormError("The platform refused without saying why: the repository may have been deleted, or your role changed. Press esc, then r to reload.")
	default:
		f.SetFormError(message + " " + hint)
	}
}
