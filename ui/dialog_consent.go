package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/audit"
	"stemcounsel/doc"
	"stemcounsel/model"
)

// The question whether this session's record may be kept. It is asked
// before the first answer can be saved, with nothing chosen in advance:
// enter alone does nothing. Training runs hold no patient data and are
// never asked.

// consentDialog shows the clinic's consent page and takes a yes or a no.
type consentDialog struct {
	then   action // what the patient was doing when asked (leaving the welcome step); nil: stay
	offset int    // first line of the text shown

	// The text as rendered for a language and width.
	lang  model.Lang
	width int
	lines []string
}

// consentNeeded reports whether the session still waits for an answer.
func (m *Model) consentNeeded() bool {
	return m.opt.AskConsent && !m.session.Training() && m.session.Consent == nil
}

// askConsentFirst opens the question, if it is still open, before then
// runs; it reports whether it did.
func (m *Model) askConsentFirst(then action) bool {
	if !m.consentNeeded() {
		return false
	}
	m.dialog = &consentDialog{then: then}
	return true
}

// Keeps reports whether the session's record is being kept: always when
// no consent is asked, otherwise only after a yes (or in a training run).
// Nothing may claim a session is saved when this is false.
func (m *Model) Keeps() bool {
	return !m.opt.AskConsent || m.session.MayKeep()
}

// consentText is the consent page exactly as shown: its title and text,
// with the days an unfinished record is kept filled in. Its hash is kept
// as the evidence of what the patient read.
func (m *Model) consentText() (title, body string) {
	return m.opt.Content.ConsentText(m.session.Lang, m.opt.RetainDays, m.text.NotProvided)
}

func (d *consentDialog) textWidth(m *Model) int { return m.dialogInner(64) }

// render lays the text out for the dialog's width, again only when the
// language or the width changed.
func (d *consentDialog) render(m *Model) []string {
	w := d.textWidth(m)
	if d.lines == nil || d.lang != m.session.Lang || d.width != w {
		_, body := m.consentText()
		out, err := doc.Render(body, w, m.style) // the style the page has now, not the flag's "auto"
		if err != nil {
			out = body
		}
		d.lang, d.width, d.lines = m.session.Lang, w, strings.Split(out, "\n")
	}
	return d.lines
}

// room is how many lines of text fit: the box loses its border, the
// title, the buttons and the keys line, and blank lines when there is room.
func (d *consentDialog) room(m *Model) int {
	rows, _ := d.buttons(m, d.textWidth(m), 0)
	chrome := 2 + 2 + len(rows)
	if !m.compact() {
		chrome += 2
	}
	return max(1, m.bodyHeight()-chrome)
}

func (d *consentDialog) scroll(m *Model, dy int) action {
	return do(func(m *Model) tea.Cmd {
		d.offset = max(0, min(d.offset+dy, len(d.render(m))-d.room(m)))
		return nil
	})
}

func (d *consentDialog) key(m *Model, k tea.KeyPressMsg) action {
	room := d.room(m)
	switch dy := m.upDown(k); {
	case key.Matches(k, m.keys.Consent.Yes):
		return consentAnswer{d, true}
	case key.Matches(k, m.keys.Consent.No):
		return consentAnswer{d, false}
	case key.Matches(k, m.keys.Esc):
		return do(func(m *Model) tea.Cmd {
			m.dialog = nil
			if m.consentNeeded() && m.session.Current != model.StepWelcome {
				m.notice = m.text.NotKept // a resumed session left unasked keeps nothing more
			}
			return nil
		})
	case dy != 0:
		return d.scroll(m, dy)
	case key.Matches(k, m.keys.PageDown):
		return d.scroll(m, room)
	case key.Matches(k, m.keys.PageUp):
		return d.scroll(m, -room)
	case key.Matches(k, m.keys.Lang):
		return do(func(m *Model) tea.Cmd { d.offset = 0; return m.switchLang(nextLang(m.session.Lang)) })
	case key.Matches(k, m.keys.Interrupt):
		return do(func(m *Model) tea.Cmd {
			m.dialog = nil
			return m.requestQuit()
		})
	}
	return handled // enter and the rest answer nothing
}

func (d *consentDialog) view(m *Model) (string, []zone) {
	w := d.textWidth(m)
	title, _ := m.consentText()
	text := d.render(m)
	room := d.room(m)
	d.offset = max(0, min(d.offset, len(text)-room))
	shown := text[d.offset:min(len(text), d.offset+room)]
	head := m.st.DialogTitle.Render(ansi.Truncate(title, w, "…"))
	if d.offset+room < len(text) {
		// Said in words as well as by the arrow: there is more to read.
		head = m.st.DialogTitle.Render(ansi.Truncate(title, max(1, w-lipgloss.Width(m.text.ConsentMore)-2), "…")) + "  " + m.st.Muted.Render(m.text.ConsentMore)
	}
	lines := []string{head}
	if !m.compact() {
		lines = append(lines, "")
	}
	lines = append(lines, shown...)
	if !m.compact() {
		lines = append(lines, "")
	}
	row, zones := d.buttons(m, w, len(lines))
	lines = append(lines, row...)
	lines = append(lines, m.st.Muted.Render(ansi.Truncate(m.text.ConsentKeys, w, "…")))
	return m.dialogBox(lines), zones
}

// buttons are the two answers, side by side or one above the other on a
// narrow screen. When the answer is being changed, the current one says
// so in words, not only in colour.
func (d *consentDialog) buttons(m *Model, w, y int) ([]string, []zone) {
	label := func(n int, text string, given bool) string {
		l := fmt.Sprintf("%d %s", n, text)
		if c := m.session.Consent; c != nil && c.Given == given {
			l = "✓ " + l + " (" + m.text.ConsentCurrent + ")"
		}
		return l
	}
	yes := m.button(label(1, m.text.ConsentYes, true), true, consentAnswer{d, true})
	no := m.button(label(2, m.text.ConsentNo, false), true, consentAnswer{d, false})
	row, zones := buttonRow([]button{yes, no}, "  ", dialogOffsetX, dialogOffsetY+y)
	if lipgloss.Width(row) <= w {
		return []string{row}, zones
	}
	r1, z1 := buttonRow([]button{yes}, "", dialogOffsetX, dialogOffsetY+y)
	r2, z2 := buttonRow([]button{no}, "", dialogOffsetX, dialogOffsetY+y+1)
	return []string{r1, r2}, append(z1, z2...)
}

// consentAnswer is a yes or a no, by key or by click.
type consentAnswer struct {
	d     *consentDialog
	given bool
}

func (a consentAnswer) apply(m *Model) tea.Cmd {
	m.dialog = nil
	before := m.session.Consent
	title, body := m.consentText()
	if err := m.session.AnswerConsent(a.given, title+"\n\n"+body, m.opt.Terminal, model.ChecklistAnsweredBy(m.session.Role), m.now()); err != nil {
		m.notice = err.Error()
		return nil
	}
	var forget tea.Cmd
	switch {
	case a.given:
		m.notice = fmt.Sprintf(m.text.ConsentKept, m.session.Code)
	case before == nil || before.Given:
		// A no after a yes, or the first answer of a resumed session that was
		// kept before consent was asked: what is on disk goes.
		forget = m.forgetKept(before)
		m.notice = m.text.NotKept
	default:
		m.notice = m.text.NotKept
	}
	m.layoutViewport()
	return tea.Batch(forget, m.act(a.d.then))
}

// consentForgotMsg says how deleting what was kept went.
type consentForgotMsg struct {
	code    string
	deleted bool
	err     error
}

// forgetKept deletes, in the background, whatever the store holds under
// the session's code, leaving the tombstone and an audit line. The session
// goes on under a fresh code, so a later yes keeps it from then on without
// writing under the deleted one.
func (m *Model) forgetKept(before *model.Consent) tea.Cmd {
	if m.opt.Store == nil {
		return nil
	}
	code := m.session.Code
	m.opt.Store.ReleaseCode(code)
	if m.opt.NewCode != nil {
		m.session.Code = m.opt.NewCode()
	}
	m.lastSaved = nil
	m.saveSeq++ // a save still on its way to the old code is no news
	reason := "consent withdrawn during the session"
	if before == nil {
		reason = "consent refused when the session was resumed"
	}
	store, by, where, now := m.opt.Store, m.session.Consent.AnsweredBy+" in the session", m.opt.Terminal, m.now()
	return func() tea.Msg {
		deleted, err := audit.ForgetKept(store, code, reason, by, where, now)
		return consentForgotMsg{code: code, deleted: deleted, err: err}
	}
}

func (m *Model) consentForgot(msg consentForgotMsg) {
	switch {
	case msg.err != nil:
		m.notice = fmt.Sprintf(m.text.ConsentNotDeleted, msg.err, msg.code)
	case msg.deleted:
		m.notice = m.text.ConsentDeleted
	}
}

// changeConsent opens the question again, to change the answer.
func (m *Model) changeConsent() tea.Cmd {
	if m.opt.AskConsent && !m.session.Training() {
		m.dialog = &consentDialog{}
	}
	return nil
}
