package webhooks

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
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

// editor is the open form and what it is about.
type editor struct {
	f *form.Model
	// editing is the webhook changed; zero when creating (or copying).
	editing client.Webhook
	// sent is what the last submit sends (kept to send it again after a
	// new login).
	sent client.WebhookData
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
	f.SetSize(m.formSize())
	m.form = &editor{f: f, editing: client.Webhook{}}
	if editing {
		m.form.editing = h
	}
	m.mode = modeForm
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
func (m *Model) data() client.WebhookData {
	f := m.form.f
	d := client.WebhookData{
		Description: strings.TrimSpace(f.Value("description")),
		URL:         strings.TrimSpace(f.Value("url")),
		Headers:     []client.WebhookHeader{}, // the headers shown replace the stored ones
	}
	if m.scope.IsRepository() {
		d.RepositoryID = m.scope.Repository.RepositoryID
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

func (m *Model) onFormKey(msg tea.KeyMsg) tea.Cmd {
	cmd, act := m.form.f.Update(msg)
	switch act {
	case form.Cancel:
		m.mode = modeList
		m.form = nil
		return nil
	case form.Submit:
		d := m.data()
		m.form.sent = d
		if !m.warned && d.URL != m.form.editing.URL {
			m.mode = modeWarn
			return nil
		}
		return m.submit()
	}
	return cmd
}

func (m *Model) submit() tea.Cmd {
	m.mode = modeForm
	m.form.f.SetSubmitting(true)
	return m.save(m.form, m.form.sent)
}

func (m *Model) onWarnKey(msg tea.KeyMsg) tea.Cmd {
	switch msg.String() {
	case "esc", "n", "N":
		m.mode = modeForm
	case "y", "Y", "enter":
		m.warned = true
		return m.submit()
	}
	return nil
}

func (m *Model) onSaved(msg common.Result[string]) tea.Cmd {
	if m.form == nil {
		return m.load()
	}
	if msg.Err != nil {
		if client.IsKind(msg.Err, client.KindUnauthenticated) {
			m.form.f.SetFormError("Your session expired: the webhook is saved as soon as you log in again (esc gives up).")
			return common.SessionExpired(m.save(m.form, m.form.sent))
		}
		m.form.f.SetSubmitting(false)
		m.showSaveError(msg.Err)
		return nil
	}
	d := m.form.sent
	verb := "Created"
	if m.form.editing.WebhookID != "" {
		verb = "Saved"
	}
	m.pick = d.RepositoryID
	m.form = nil
	m.mode = modeList
	return tea.Batch(
		common.Status(common.StatusSuccess, verb+" the webhook: new analyses go to "+d.URL+" (press t to test it)"),
		m.load(),
	)
}

func (m *Model) showSaveError(err error) {
	f := m.form.f
	message, hint := common.Explain(err)
	switch client.KindOf(err) {
	case client.KindConflict:
		msg := "It already exists a webhook to the repository selected: edit that one, or choose another repository."
		if m.scope.IsRepository() {
			f.SetFormError(msg)
		} else {
			f.SetError("repository", msg)
		}
		return
	case client.KindValidation:
		lower := strings.ToLower(message)
		switch {
		case strings.HasPrefix(lower, "url:"):
			f.SetError("url", strings.TrimSpace(message[len("url:"):]))
			return
		case strings.HasPrefix(lower, "description:"):
			f.SetError("description", strings.TrimSpace(message[len("description:"):]))
			return
		}
		f.SetFormError(message)
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
