package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// baselineScreen takes the follow-up's baseline in a doctor-led session
// whose next step is an assessment or treatment: pain, the patient's own
// activities, and the clinician scales of the chosen groups. A trainer
// practises it with a persona's numbers.
type baselineScreen struct {
	pageScreen
	form  form
	keys  formKeys
	built string // the language and groups the lines were built for
}

func newBaselineScreen(m *Model) screen {
	return &baselineScreen{pageScreen: pageScreen{m}, keys: newFormKeys()}
}

func (b *baselineScreen) ft() *wording.FollowUp { return wording.FollowUpFor(b.m.session.Lang) }

// needed: a doctor takes a baseline only when an assessment or treatment
// follows; a trainer always may.
func (b *baselineScreen) needed() bool {
	s := b.m.session
	return s.Role == model.RoleTrainer || s.NextStep == model.NextAssessmentBooked
}

// enter and layout build the lines for the language and the groups chosen
// now, keeping what was typed.
func (b *baselineScreen) enter()  { b.rebuild() }
func (b *baselineScreen) layout() { b.rebuild() }

func (b *baselineScreen) rebuild() {
	m := b.m
	built := string(m.session.Lang) + ":" + strings.Join(m.session.Groups, ",")
	if built == b.built {
		return
	}
	b.built = built
	old := b.form
	b.form = measureForm(m.opt.Content.Measures, m.session.Lang, m.session.Groups, b.ft(), nil, false)
	if len(old.fields) == 0 {
		b.form.fill(m.session.Baseline)
	}
	for _, ff := range b.form.fields {
		if was := old.field(ff.id); was != nil {
			ff.digits, ff.yes = was.digits, was.yes
			ff.text.SetValue(was.text.Value())
		}
	}
	b.form.focus = min(old.focus, len(b.form.fields)-1)
	if !b.needed() {
		return
	}
	b.form.move(b.form.focus)
}

func (b *baselineScreen) input() inputMode {
	b.rebuild()
	if b.needed() && b.form.typing() {
		return inputField
	}
	return inputNone
}

func (b *baselineScreen) top() (string, []zone) {
	b.rebuild()
	m := b.m
	if !b.needed() {
		return m.st.Notice.Render(wrapTo(b.ft().BaselineNotNeeded, m.bodyWidth())) + "\n", nil
	}
	head := ""
	if m.session.Role == model.RoleTrainer {
		head = m.st.Badge.Render(b.ft().BaselinePractice) + "\n"
	}
	return head + b.form.focusView(m.st, m.bodyWidth(), b.ft()) + "\n", nil
}

// markdown is the page's explanation, every line with its value, then the
// sources and the translation note.
func (b *baselineScreen) markdown() (string, bool) {
	b.rebuild()
	m := b.m
	page := m.opt.Content.Page(m.session.Lang, model.StepBaseline)
	if page == nil {
		return "", false
	}
	var md strings.Builder
	intro, _ := page.Section("intro")
	md.WriteString(intro + "\n\n")
	if !b.needed() { // the measures' wording is for when they are asked
		return md.String(), true
	}
	md.WriteString(b.form.markdown(b.ft()) + "\n")
	for _, s := range []string{"citation", "translation-note"} {
		if text, ok := page.Section(s); ok {
			md.WriteString("*" + strings.TrimSpace(text) + "*\n\n")
		}
	}
	md.WriteString(measureSources(m.opt.Content.Measures.For(m.session.Groups), m.session.Lang, b.ft()))
	return md.String(), true
}

func (b *baselineScreen) key(k tea.KeyPressMsg) action {
	b.rebuild()
	if !b.needed() {
		return nil
	}
	if b.form.typing() {
		// Past either end of the text the arrows leave the step, as on
		// every other line.
		ti := &b.form.cur().text
		switch {
		case key.Matches(k, b.m.keys.Field.Drop):
			return do(func(*Model) tea.Cmd { return b.form.move(b.form.focus + 1) })
		case k.String() == "right" && ti.Position() >= len([]rune(ti.Value())):
			return nextAction{}
		case k.String() == "left" && ti.Position() == 0:
			return prevAction{}
		}
	}
	took, notice, cmd := b.form.key(k, b.keys, b.ft())
	if !took {
		return nil
	}
	return do(func(m *Model) tea.Cmd {
		m.notice = notice
		b.keep()
		m.refresh(true)
		return cmd
	})
}

// keep puts the form in the session as it is typed, so it is saved with
// the rest; an empty form keeps no baseline.
func (b *baselineScreen) keep() {
	m := b.m
	if !b.form.anything() {
		m.session.Baseline = nil
		return
	}
	at := m.now()
	if m.session.Baseline != nil {
		at = m.session.Baseline.At
	}
	a, _ := b.form.assessment(at, b.ft())
	m.session.Baseline = &a
}

// leave refuses an activity half filled in: its name, in the patient's
// words, is what every visit reads back.
func (b *baselineScreen) leave() string {
	b.rebuild()
	if !b.needed() {
		return ""
	}
	if _, problems := b.form.assessment(b.m.now(), b.ft()); len(problems) > 0 {
		return problems[0]
	}
	return ""
}

func (b *baselineScreen) ShortHelp() []key.Binding {
	k := b.m.keys
	if b.needed() && b.form.typing() {
		return []key.Binding{b.helpField(), k.Next, k.Interrupt}
	}
	return append([]key.Binding{b.helpField(), b.helpType()}, b.pageScreen.ShortHelp()...)
}

func (b *baselineScreen) FullHelp() [][]key.Binding {
	return [][]key.Binding{{b.helpField(), b.helpType()}}
}

func (b *baselineScreen) helpField() key.Binding {
	return key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑/↓/enter", b.ft().KeyField))
}

func (b *baselineScreen) helpType() key.Binding {
	return key.NewBinding(key.WithKeys("0"), key.WithHelp("0-9", b.ft().KeyType))
}

// wrapTo wraps plain text to w columns.
func wrapTo(s string, w int) string { return lipgloss.NewStyle().Width(w).Render(s) }

// paste puts a paste into the activity being named, as typed.
func (b *baselineScreen) paste(m *Model, s string) bool {
	if !b.form.typing() || !pasteInto(&b.form.cur().text, s) {
		return false
	}
	b.keep()
	m.refresh(true)
	return true
}

// measureSources lists where each measure asked comes from and the terms
// it is used under, so a licensed instrument a clinic adds says whose
// licence it is used under.
func measureSources(ms model.Measures, lang model.Lang, ft *wording.FollowUp) string {
	var md strings.Builder
	md.WriteString("**" + ft.Sources + "**\n\n")
	for _, m := range ms {
		mw := m.In(lang)
		fmt.Fprintf(&md, "- %s: %s %s\n", mw.Name, oneLine(mw.Source), oneLine(mw.Licence))
	}
	return md.String() + "\n"
}
