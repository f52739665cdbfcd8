package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// VisitOptions configure a follow-up visit of a session.
type VisitOptions struct {
	Content *content.Bundle
	Store   records.Store
	Now     func() time.Time
	// Session is the first session's record: its code, groups and baseline.
	Session model.Record
	// Earlier are its visits so far, for the doctor's course; a kiosk is
	// never given them.
	Earlier []model.VisitRecord
	Lang    model.Lang
	// Kiosk asks only what the patient rates, shows nothing from before
	// and hands the terminal back when done.
	Kiosk  bool
	Style  string
	Glyphs string

	// done ends a visit shown inside the kiosk; nil quits the program.
	done tea.Cmd
}

// Visit is a follow-up visit on screen: the baseline's measures asked
// again (the activities read back in the patient's words), the impression
// of change, side effects and the decision, and, for the doctor, the
// course so far with the stop conversation raised as a talking point when
// it is due.
type Visit struct {
	opt    VisitOptions
	form   form
	keys   formKeys
	quitK  key.Binding
	saveK  key.Binding
	langK  key.Binding
	helpK  key.Binding
	help   help.Model
	st     styles
	ft     *wording.FollowUp
	vp     viewport.Model
	width  int
	height int

	notice   string
	asking   bool // the quit question is open
	helping  bool // the keys are listed in place of the form
	followed int  // the line last scrolled into view; -1 after anything but pgup/pgdn, which scroll freely
	saved    *model.VisitRecord
	quitting bool
}

// NewVisit builds the visit's screen.
func NewVisit(opt VisitOptions) *Visit {
	if opt.Lang == "" {
		opt.Lang = opt.Session.Lang
	}
	v := &Visit{opt: opt, keys: newFormKeys(), width: 80, height: 24, vp: viewport.New(), help: help.New(), followed: -1}
	// No question to the terminal about its background: the auto style is
	// the one that reads on both.
	v.st = newStyles(doc.Unknown(opt.Style), opt.Glyphs == "ascii")
	v.setLang(opt.Lang)
	v.form.move(0)
	return v
}

// setLang words the visit in a language, as the l key does on every
// screen: the lines are built again in it, keeping what was entered and
// the line in focus.
func (v *Visit) setLang(l model.Lang) {
	v.opt.Lang, v.ft = l, wording.FollowUpFor(l)
	t := wording.For(l)
	v.quitK = key.NewBinding(key.WithKeys("esc", "ctrl+c"), key.WithHelp("esc", t.KeyQuit))
	v.saveK = key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", v.ft.KeySave))
	v.langK = key.NewBinding(key.WithKeys("l", "L"), key.WithHelp("l", wording.LanguageNames[nextLang(l)]))
	v.helpK = key.NewBinding(key.WithKeys("?"), key.WithHelp("?", t.KeyHelp))
	old := v.form
	v.form = v.newForm()
	for _, ff := range v.form.fields {
		if was := old.field(ff.id); was != nil {
			ff.digits, ff.yes = was.digits, was.yes
			ff.text.SetValue(was.text.Value())
		}
	}
	if len(old.fields) > 0 {
		v.form.move(old.focus)
	}
}

func (v *Visit) page() *content.Page { return v.opt.Content.Page(v.opt.Lang, model.StepBaseline) }

func (v *Visit) section(id string) string {
	if p := v.page(); p != nil {
		s, _ := p.Section(id)
		return oneLine(s)
	}
	return ""
}

// newForm is the visit's lines: the measures of the session's groups,
// the impression of change, side effects, the Decision Regret Scale where
// the content switches it on, and the decision. A kiosk keeps the
// patient's.
func (v *Visit) newForm() form {
	var readBack []model.Activity
	if b := v.opt.Session.Baseline; b != nil {
		readBack = b.Activities
	}
	f := measureForm(v.opt.Content.Measures, v.opt.Lang, v.opt.Session.Groups, v.ft, readBack, true)
	out := f.fields
	imp := &formField{id: "impression", label: v.ft.Impression, question: v.section("impression"), min: 1, max: 7, patient: true}
	for i := model.VeryMuchImproved; i <= model.VeryMuchWorse; i++ {
		imp.scale = append(imp.scale, v.section(fmt.Sprintf("impression-%d", i)))
	}
	out = append(out, imp)
	for _, id := range []string{"fever", "injection-site", "new-pain", "other"} {
		out = append(out, &formField{id: id, label: v.section(id), question: v.section("side-effects"), kind: fieldYesNo, patient: true})
	}
	text := newNoteInput()
	out = append(out, &formField{id: "side-effects-text", label: v.ft.SideText, question: v.section("side-effects-text"), kind: fieldText, text: text, patient: true})
	if content.RegretOn(v.page()) {
		for i := 1; i <= model.RegretItems; i++ {
			// Unaltered and cited, as the scale's terms ask. No 0–100 score
			// is computed: the fact base does not give the authors' scoring.
			out = append(out, &formField{id: fmt.Sprintf("regret-%d", i), label: v.section(fmt.Sprintf("regret-%d", i)),
				question: v.section("regret-intro") + " (" + v.section("regret-citation") + ")", min: 1, max: 5, patient: true})
		}
	}
	dec := &formField{id: "decision", label: v.ft.Decision, min: 1, max: len(model.Decisions)}
	for _, d := range model.Decisions {
		dec.scale = append(dec.scale, v.ft.DecisionNames[d])
	}
	out = append(out, dec)
	if v.opt.Kiosk {
		var mine []*formField
		for _, ff := range out {
			if ff.patient {
				mine = append(mine, ff)
			}
		}
		out = mine
	}
	f.fields = out
	return f
}

// Record is the visit as the form holds it, and what keeps it from being
// kept.
func (v *Visit) Record() (model.VisitRecord, []string) {
	s := v.opt.Session
	a, problems := v.form.assessment(v.opt.Now(), v.ft)
	rec := model.VisitRecord{
		Schema: model.VisitSchema, Session: s.Code, Lang: v.opt.Lang, EnteredBy: model.VisitByDoctor,
		Kiosk: v.opt.Kiosk, Practice: s.Training, ContentVersion: v.opt.Content.Hash,
		Visit: model.Visit{Assessment: a},
	}
	if v.opt.Kiosk {
		rec.EnteredBy = model.VisitByKiosk
	}
	if n, ok := v.form.field("impression").value(); ok {
		rec.Impression = model.Impression(n)
	}
	yes := func(id string) bool { ff := v.form.field(id); return ff != nil && ff.yes != nil && *ff.yes }
	rec.SideEffects = model.SideEffects{Fever: yes("fever"), InjectionSite: yes("injection-site"), NewPain: yes("new-pain"), Other: yes("other"),
		Text: cleanNote(v.form.field("side-effects-text").text.Value())}
	if ff := v.form.field("decision"); ff != nil {
		rec.Decision = model.DecisionUndecided
		if n, ok := ff.value(); ok {
			rec.Decision = model.Decisions[n-1]
		}
	}
	missing := 0 // the first statement left unanswered
	for i := 1; i <= model.RegretItems; i++ {
		if ff := v.form.field(fmt.Sprintf("regret-%d", i)); ff != nil {
			if n, ok := ff.value(); ok {
				rec.Regret = append(rec.Regret, n)
			} else if missing == 0 {
				missing = i
			}
		}
	}
	if len(rec.Regret) != 0 && missing != 0 {
		problems = append(problems, fmt.Sprintf(v.ft.NeedRegret, missing))
	}
	if err := v.opt.Content.Measures.Check(a); err != nil {
		problems = append(problems, err.Error())
	}
	return rec, problems
}

// Saved is the visit as kept; nil if it was not.
func (v *Visit) Saved() *model.VisitRecord { return v.saved }

// Lang is the language the visit was left in: what is said after it.
func (v *Visit) Lang() model.Lang { return v.opt.Lang }

func (v *Visit) Init() tea.Cmd { return nil }

func (v *Visit) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		v.width, v.height, v.followed = msg.Width, msg.Height, -1
	case tea.KeyPressMsg:
		return v, v.key(msg)
	case tea.PasteMsg:
		v.paste(pasteText(msg.Content))
	case tea.MouseClickMsg:
		return v, v.click(msg)
	}
	return v, nil
}

// paste puts a paste into the text being typed, if any; elsewhere it is
// dropped, so a paste never answers a scale.
func (v *Visit) paste(s string) bool {
	return v.form.typing() && pasteInto(&v.form.cur().text, s)
}

func (v *Visit) key(k tea.KeyPressMsg) tea.Cmd {
	v.notice = ""
	if s := k.String(); s != "pgup" && s != "pgdown" {
		v.followed = -1 // the edited line is brought back into view
	}
	if v.helping {
		if key.Matches(k, v.helpK) || k.String() == "esc" || k.String() == "enter" {
			v.helping = false
		}
		return nil
	}
	if v.asking {
		switch strings.ToLower(k.String()) {
		case "y":
			return v.finish()
		case "n", "esc":
			v.asking = false
		}
		return nil
	}
	switch {
	case key.Matches(k, v.quitK):
		if v.form.anything() {
			v.asking = true
			return nil
		}
		return v.finish()
	case key.Matches(k, v.saveK):
		return v.save()
	case k.String() == "pgdown":
		v.vp.PageDown()
		return nil
	case k.String() == "pgup":
		v.vp.PageUp()
		return nil
	case k.String() == "home" && !v.form.typing():
		return v.form.move(0)
	case k.String() == "end" && !v.form.typing():
		return v.form.move(len(v.form.fields) - 1)
	case v.form.typing(): // a text line takes letters
	case key.Matches(k, v.langK):
		v.setLang(nextLang(v.opt.Lang))
		return nil
	case key.Matches(k, v.helpK):
		v.helping = true
		return nil
	}
	_, notice, cmd := v.form.key(k, v.keys, v.ft)
	v.notice = notice
	return cmd
}

// save keeps the visit as the session's next; a failure keeps the form as
// it is, to try again.
func (v *Visit) save() tea.Cmd {
	if !v.form.anything() {
		v.notice = v.ft.NothingToSave
		return nil
	}
	rec, problems := v.Record()
	if len(problems) > 0 {
		v.notice = problems[0]
		return nil
	}
	kept, err := v.opt.Store.AddVisit(rec)
	if err != nil {
		v.notice = fmt.Sprintf(v.ft.SaveFailed, err)
		return nil
	}
	v.saved = &kept
	return v.finish()
}

// finish ends the visit: the program quits, or the kiosk takes over.
func (v *Visit) finish() tea.Cmd {
	v.quitting = true
	if v.opt.done != nil {
		return v.opt.done
	}
	return tea.Quit
}

// followUp is the session's follow-up with today's numbers as its latest
// visit, for the timeline; false without a baseline.
func (v *Visit) followUp() (doc.FollowUp, bool) {
	rec := v.opt.Session
	if rec.Baseline == nil {
		return doc.FollowUp{}, false
	}
	today, _ := v.Record()
	window, _ := model.AssessmentWindow(rec.Groups)
	return doc.FollowUpOf(rec, append(append([]model.VisitRecord{}, v.opt.Earlier...), today), window, v.opt.Content.Measures)
}

func (v *Visit) View() tea.View {
	var view tea.View
	view.AltScreen = true
	if v.quitting {
		return view
	}
	content, _ := v.layout()
	view.SetContent(content)
	return view
}

// visitClick is a place of the visit's screen that does something when
// clicked; x1 and y1 are exclusive.
type visitClick struct {
	x0, y0, x1, y1 int
	do             func() tea.Cmd
}

// click does what is drawn where the pointer is: View and the clicks both
// come from layout, so what is clicked is what is drawn.
func (v *Visit) click(c tea.MouseClickMsg) tea.Cmd {
	if c.Button != tea.MouseLeft || v.quitting || v.asking || v.helping {
		return nil
	}
	_, clicks := v.layout()
	for _, z := range clicks {
		if c.X >= z.x0 && c.X < z.x1 && c.Y >= z.y0 && c.Y < z.y1 {
			v.notice, v.followed = "", -1
			return z.do()
		}
	}
	return nil
}

// layout draws the visit and lists where a click picks a value or saves.
func (v *Visit) layout() (string, []visitClick) {
	w := max(20, v.width-2)
	wrap := lipgloss.NewStyle().Width(w)
	var head []string
	s := v.opt.Session
	n := len(v.opt.Earlier) + 1
	title := fmt.Sprintf(v.ft.VisitTitle, n, s.Code)
	if v.opt.Kiosk {
		title = v.ft.KioskVisit
	}
	head = append(head, v.st.Title.Render(wrap.Render(title)))
	if s.Training {
		head = append(head, v.st.Badge.Width(w).Render(v.ft.PracticeVisit))
	}
	if !v.opt.Kiosk {
		if s.ContentVersion != v.opt.Content.Hash {
			head = append(head, v.st.Notice.Render(wrap.Render(fmt.Sprintf(v.ft.OlderRelease, s.ContentVersion))))
		}
		if s.Baseline == nil {
			head = append(head, v.st.Notice.Render(wrap.Render(v.ft.NoBaseline)))
		}
	}
	focus, choices := v.form.focusView(v.st, w, v.ft)
	dy := lipgloss.Height(strings.Join(head, "\n")) + 1
	var clicks []visitClick
	for _, c := range choices {
		val := c.v
		clicks = append(clicks, visitClick{c.x0 + 1, c.y0 + dy, c.x1 + 1, c.y1 + dy, func() tea.Cmd { v.form.cur().choose(val); return nil }})
	}
	head = append(head, "", focus, "")

	foot := []string{}
	if v.asking {
		foot = append(foot, v.st.Notice.Render(wrap.Render(v.ft.QuitUnsaved)))
	} else if v.notice != "" {
		foot = append(foot, v.st.Notice.Render(wrap.Render(v.notice)))
	}
	save := " " + v.ft.SaveButton + " "
	foot = append(foot, v.st.Button.Render(save), v.st.Muted.Render(fitHelp(v.helpItems(), w)))

	top, bottom := strings.Join(head, "\n"), strings.Join(foot, "\n")
	v.vp.SetWidth(w)
	v.vp.SetHeight(max(1, v.height-lipgloss.Height(top)-lipgloss.Height(bottom)))
	body, top0, top1 := v.body(w)
	if v.helping {
		body = v.helpView(w)
	}
	v.vp.SetContent(body)
	if !v.helping && v.followed != v.form.focus {
		v.followed = v.form.focus
		v.keepInView(top0, top1)
	}
	saveY := lipgloss.Height(top) + v.vp.Height() + lipgloss.Height(bottom) - 2 // the line above the help line
	clicks = append(clicks, visitClick{1, saveY, 1 + lipgloss.Width(save), saveY + 1, v.save})
	return lipgloss.NewStyle().Margin(0, 1).Render(top + "\n" + v.vp.View() + "\n" + bottom), clicks
}

// keepInView scrolls the list so the line being edited, drawn from line
// y0 to y1 (exclusive), shows whole where it can.
func (v *Visit) keepInView(y0, y1 int) {
	switch {
	case y0 < v.vp.YOffset():
		v.vp.SetYOffset(y0)
	case y1 > v.vp.YOffset()+v.vp.Height():
		v.vp.SetYOffset(min(y0, y1-v.vp.Height()))
	}
}

// body is every line of the form, wrapped, then (for the doctor) the
// course; y0 and y1 are where the focused line is drawn.
func (v *Visit) body(w int) (body string, y0, y1 int) {
	var lines []string
	for i, ff := range v.form.fields {
		mark := "  "
		if i == v.form.focus {
			mark = "› "
		}
		line := ff.label + ": " + ff.shown(v.ft)
		if !v.opt.Kiosk && ff.kind == fieldYesNo && ff.yes != nil && *ff.yes {
			line += " (" + v.ft.ActOn + ")" // in words, not only colour
		}
		drawn := strings.Split(hanging(mark, line, w), "\n")
		if i == v.form.focus {
			y0, y1 = len(lines), len(lines)+len(drawn)
		}
		lines = append(lines, drawn...)
	}
	if !v.opt.Kiosk { // the kiosk never shows earlier answers
		if earlier := doc.EarlierVisits(v.opt.Earlier, v.opt.Lang); len(earlier) > 0 {
			lines = append(lines, "", v.st.Title.Render(wording.CourseFor(v.opt.Lang).Since))
			for _, l := range earlier {
				lines = append(lines, hanging("- ", sanitizeInput(l), w))
			}
		}
		lines = append(lines, "", v.courseView(w))
	}
	return strings.Join(lines, "\n"), y0, y1
}

// courseView is the doctor's reading of the course so far, today's
// numbers included: the timeline of each measure with the group's window,
// what improved beyond its detectable change (never hidden), and the stop
// conversation as a talking point once it is due.
func (v *Visit) courseView(w int) string {
	f, ok := v.followUp()
	if !ok {
		return ""
	}
	return v.st.Title.Render(v.ft.EarlierAnswers) + "\n" + doc.Timeline(f, v.opt.Lang, w, v.opt.Glyphs == "ascii")
}

// bindings are the visit's keys, as the help line and the help list
// name them.
func (v *Visit) bindings() []key.Binding {
	t := wording.For(v.opt.Lang)
	named := func(keys, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys), key.WithHelp(keys, desc))
	}
	return []key.Binding{v.quitK, v.saveK, named("↑/↓", v.ft.KeyField), named("0-9", v.ft.KeyType), named("y/n", v.ft.KeyYesNo),
		v.helpK, v.langK, named("pgup/pgdn", t.KeyPage)}
}

// helpItems are the keys for the help line, the way out first so a
// narrow screen never loses it.
func (v *Visit) helpItems() []string {
	var items []string
	for _, b := range v.bindings() {
		items = append(items, b.Help().Key+" "+b.Help().Desc)
	}
	return items
}

// fitHelp joins the help items that fit in w columns, in their order,
// leaving out whole items rather than cutting one.
func fitHelp(items []string, w int) string {
	line := ""
	for _, it := range items {
		next := it
		if line != "" {
			next = line + " • " + it
		}
		if ansi.StringWidth(next) <= w {
			line = next
		}
	}
	return line
}

// helpView lists the keys, as the help dialog of every other screen does.
func (v *Visit) helpView(w int) string {
	t := wording.For(v.opt.Lang)
	v.help.SetWidth(w)
	keys, _ := packKeys(v.help, [][]key.Binding{v.bindings()}, w) // the visit takes no clicks
	lines := append([]string{v.st.DialogTitle.Render(t.HelpTitle), ""}, keys...)
	lines = append(lines, "", v.st.Muted.Render(ansi.Truncate(t.HelpClose, w, "…")))
	return strings.Join(lines, "\n")
}
