package tokens

import (
	"context"
	"errors"
	"strings"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/horusec-tui/horusec-tui/client"
	"github.com/horusec-tui/horusec-tui/client/expiry"
	"github.com/horusec-tui/horusec-tui/tui/common"
	"github.com/horusec-tui/horusec-tui/tui/common/dialog"
	"github.com/horusec-tui/horusec-tui/tui/components/form"
)

// createDialog is the form that creates a token.
type createDialog struct {
	dialog.FormHost
	m *Model
}

const formNote = "The platform keeps only the date: the token stops working at 00:00 UTC of that day."

func (m *Model) newCreate() *createDialog {
	now := m.c.Today()
	desc := form.Text("description", "Description", "What will use it, e.g. “GitHub Actions of api”.", 255, func(v string) string {
		if strings.TrimSpace(v) == "" {
			return "Give the token a description (1 to 255 characters)."
		}
		return client.TooLong("The description", strings.TrimSpace(v))
	})
	var opts []form.Option
	for _, p := range expiry.Presets {
		o := form.Option{Value: p.Value, Label: p.Label}
		if p.Value != "never" {
			if e, err := expiry.Parse(p.Value, now); err == nil {
				o.Description = "until " + e.String()
			}
		} else {
			o.Description = "works until revoked"
		}
		opts = append(opts, o)
	}
	opts = append(opts, form.Option{Value: "date", Label: "On a date…", Description: "type it below"})
	choice := form.Choice("expiry", "Expires", opts, 3) // 90 days
	earliest := expiry.Earliest(now).Format(client.DateLayout)
	date := form.Text("date", "Expiry date", "YYYY-MM-DD, from "+earliest+" on.", 10, func(v string) string {
		d, err := expiry.ParseDate(v)
		if err != nil {
			return err.Error()
		}
		if err := (expiry.Expiry{Date: d}).Check(m.c.Today()); err != nil {
			return "Choose a date from " + expiry.Earliest(m.c.Today()).Format(client.DateLayout) + " on: a token expiring today would be refused at once."
		}
		return ""
	})
	date.SetPlaceholder(earliest)
	date.Hidden = func() bool { return choice.Value() != "date" }

	title := "New token for the workspace " + m.scope.Workspace.Name
	if m.scope.IsRepository() {
		title = "New token for the repository " + m.scope.Name()
	}
	f := form.New(m.c.Styles, m.c.Keys, title, desc, choice, date)
	f.Note = formNote
	f.SubmitText = "Create"
	return &createDialog{FormHost: dialog.NewFormHost(f), m: m}
}

// Update implements dialog.Dialog.
func (d *createDialog) Update(msg tea.Msg) (dialog.Dialog, tea.Cmd) {
	if r, ok := msg.(common.Result[*client.Secret]); ok {
		if r.To != d.m.id || r.Tag != tagCreate {
			return d, nil
		}
		return d.answered(r)
	}
	cmd, act := d.Handle(msg)
	switch act {
	case form.Cancel:
		return nil, nil
	case form.Submit:
		e, err := d.expiry()
		if err != nil {
			// The day may have turned since the form opened.
			if d.Form.Value("expiry") == "date" {
				d.Form.SetError("date", err.Error())
			} else {
				d.Form.SetFormError(err.Error())
			}
			return d, nil
		}
		d.m.sent = e.TokenData(strings.TrimSpace(d.Form.Value("description")))
		d.m.sentExpiry = describeNew(e)
		return d, d.Send(d.m.create(d.m.sent))
	}
	return d, cmd
}

// expiry reads the chosen expiry.
func (d *createDialog) expiry() (expiry.Expiry, error) {
	v := d.Form.Value("expiry")
	if v == "date" {
		v = d.Form.Value("date")
	}
	return expiry.Parse(v, d.m.c.Today())
}

func (m *Model) create(data client.TokenData) tea.Cmd {
	ws, repo, cl := m.scope.Workspace.WorkspaceID, m.scope.Repository, m.c.Client
	return common.Do(m.c, m.id, tagCreate, func(ctx context.Context) (*client.Secret, error) {
		if repo != nil {
			return cl.CreateRepositoryToken(ctx, ws, repo.RepositoryID, data)
		}
		return cl.CreateWorkspaceToken(ctx, ws, data)
	})
}

func (d *createDialog) answered(r common.Result[*client.Secret]) (dialog.Dialog, tea.Cmd) {
	if r.Err != nil {
		// After an expired session the form stays sent until the login,
		// so the token cannot be created twice.
		return d, d.Fail(r.Err, "the token is created", d.showError)
	}
	if r.Value.Len() == 0 {
		d.Failed()
		d.Form.SetFormError("The platform answered without a token. Press r on the list to see whether it was created.")
		return d, nil
	}
	return d.m.newReveal(r.Value), nil
}

// createdMeanwhile handles a creation whose form was closed while the
// request ran: the token exists now, so it is shown all the same, or it
// could never be used.
func (m *Model) createdMeanwhile(r common.Result[*client.Secret]) tea.Cmd {
	if r.Err != nil {
		msg, _ := common.Explain(r.Err)
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return common.Status(common.StatusError, "The token was not created: "+msg)
	}
	if r.Value.Len() == 0 {
		return nil
	}
	m.dialogs.Open(m.newReveal(r.Value))
	return nil
}

func describeNew(e expiry.Expiry) string {
	if e.Never {
		return "never"
	}
	return e.String() + " at 00:00 UTC"
}

func (d *createDialog) showError(err error) {
	f := d.Form
	message, hint := common.Explain(err)
	switch client.KindOf(err) {
	case client.KindValidation:
		var e *client.Error
		errors.As(err, &e)
		switch {
		case e.Fields["description"] != "":
			f.SetError("description", e.Fields["description"]+".")
			return
		case e.Fields["expiresAt"] != "":
			if f.Value("expiry") == "date" {
				f.SetError("date", message)
			} else {
				f.SetFormError(message)
			}
			return
		}
		f.SetFormError(message)
	case client.KindForbidden:
		f.SetFormError("Creating tokens needs " + d.m.roleNeeded() + ". " + hint)
	default:
		f.SetFormError(message + " " + hint)
	}
}
