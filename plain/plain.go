// Package plain runs a session without a full-screen interface, for screen
// readers, dumb terminals and scripts: each page is written once as plain
// text, then a prompt in words reads one line. The answers go into the same
// model.Session and the same records as in the full-screen app.
package plain

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"stemcounsel/audit"
	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// Options configure a plain session. Content and Now are required.
type Options struct {
	Content *content.Bundle
	Store   records.Store // nil keeps the session in memory only
	Now     func() time.Time
	Lang    model.Lang
	LangSet bool
	Role    model.Role
	Groups  []string
	Code    string
	Session *model.Session // a session to resume instead of a new one
	Notice  string         // said first, e.g. which pages changed since a resumed session
	Width   int            // of the text; 0 is 80

	// AskConsent asks whether the record may be kept before anything is
	// saved, as the full-screen app does (Store is then behind
	// records.KeepOnlyWithConsent); Terminal says where it was answered,
	// RetainDays how long an unfinished record is kept.
	AskConsent bool
	Terminal   string
	RetainDays int

	// Unfinished are sessions to offer at start, before a new one, and
	// Resume opens one, as in the full-screen app (ui.Options).
	Unfinished []records.Offer
	Resume     func(code string) (s *model.Session, notice string, err error)
}

// errQuit ends the session on q or the end of the input.
var errQuit = errors.New("quit")

type runner struct {
	opt   Options
	s     *model.Session
	in    *bufio.Scanner
	out   io.Writer
	t     *wording.Text
	w     words
	seq   uint64
	saved bool
}

// Run runs one session from in to out. It saves after every answer; at the
// end of the input or on q an unfinished session stays saved in progress.
func Run(in io.Reader, out io.Writer, opt Options) error {
	if opt.Width <= 0 {
		opt.Width = 80
	}
	s := opt.Session
	if s == nil {
		if opt.Lang == "" {
			opt.Lang = model.LangVI
		}
		s = model.NewSession(opt.Lang, opt.Role, opt.Now())
		s.Code = opt.Code
		s.Groups = append(s.Groups, opt.Groups...)
	} else {
		opt.LangSet = true
	}
	r := &runner{opt: opt, s: s, in: bufio.NewScanner(in), out: out}
	r.setLang(s.Lang)
	if opt.Notice != "" {
		r.say(opt.Notice)
	}
	resumed, err := r.offerResume()
	if err == nil {
		if opt.Session != nil || resumed { // a session kept before it was asked
			err = r.askConsent(true)
		}
	}
	if err == nil {
		err = r.run()
	}
	if errors.Is(err, errQuit) {
		if r.saved {
			r.say(fmt.Sprintf(r.t.SavedUnfinished, r.s.Code)) // the resumed session's, if one was
		}
		return nil
	}
	return err
}

// offerResume lists the unfinished sessions after "start a new session",
// the first choice, and opens the one chosen; resumed says one was.
func (r *runner) offerResume() (resumed bool, err error) {
	offers := r.opt.Unfinished
	if r.opt.Session != nil || len(offers) == 0 || r.opt.Resume == nil {
		return false, nil
	}
	t := r.t
	for {
		names := []string{t.ResumeNew}
		for _, o := range offers {
			names = append(names, strings.Join(doc.OfferLines(t, o, r.opt.Now()), " · "))
		}
		r.say("", "== "+t.ResumeTitle+" ==", t.ResumeHelp)
		i, err := r.choose(names, false)
		if err != nil || i == 0 {
			return false, err
		}
		o := offers[i-1]
		if o.Locked {
			r.say(fmt.Sprintf(t.ResumeOpenElsewhere, o.Code))
			continue
		}
		s, notice, err := r.opt.Resume(o.Code)
		if errors.Is(err, records.ErrLocked) {
			offers[i-1].Locked = true
			r.say(fmt.Sprintf(t.ResumeOpenElsewhere, o.Code))
			continue
		}
		if err != nil {
			r.say(fmt.Sprintf(t.ResumeFailed, err))
			continue
		}
		r.s, r.opt.LangSet = s, true
		r.setLang(s.Lang)
		r.say(fmt.Sprintf(r.t.Resumed, s.Code))
		if notice != "" {
			r.say(notice)
		}
		return true, nil
	}
}

func (r *runner) setLang(l model.Lang) {
	r.s.Lang, r.t, r.w = l, wording.For(l), allWords[l]
}

func (r *runner) run() error {
	if !r.opt.LangSet && r.s.Current == model.StepWelcome {
		names := make([]string, len(model.Langs))
		asks := make([]string, len(model.Langs))
		for i, l := range model.Langs {
			names[i], asks[i] = wording.LanguageNames[l], allWords[l].Language
		}
		r.say(strings.Join(asks, " / ")) // asked before a language is chosen: in every one
		i, err := r.choose(names, false)
		if err != nil {
			return err
		}
		r.setLang(model.Langs[i])
	}
	for {
		if err := r.step(); err != nil {
			return err
		}
		done, err := r.navigate()
		if err != nil || done {
			return err
		}
	}
}

// step writes the current page once and asks its questions.
func (r *runner) step() error {
	c, s := r.opt.Content, r.s
	r.say("", "== "+doc.StepTitle(c, s.Lang, s.Current)+" ==", fmt.Sprintf(r.t.StepOf, s.Index()+1, len(s.Steps())), "")
	if err := r.page(); err != nil {
		return err
	}
	switch s.Current {
	case model.StepWelcome:
		return r.welcome()
	case model.StepChooseGroup:
		return r.groups()
	case model.StepChecklist:
		return r.checklist()
	case model.StepValues:
		return r.values()
	case model.StepKnowledgeCheck:
		return r.quiz()
	case model.StepSure:
		return r.sure()
	case model.StepPersona:
		return r.persona()
	case model.StepNextStep:
		return r.nextStep()
	case model.StepBaseline:
		return r.baseline()
	}
	return nil
}

// page writes the step's text in the plain style: no escape sequences.
func (r *runner) page() error {
	c, s := r.opt.Content, r.s
	var out string
	var err error
	switch {
	case s.Current == model.StepSummary:
		out, err = doc.Render(doc.Summary(s, c), r.opt.Width, doc.PlainStyle)
	case s.Current == model.StepOutcome:
		out, err = doc.Render(r.outcome(), r.opt.Width, doc.PlainStyle)
	case s.Current == model.StepOptions:
		out, err = doc.OptionsPage(c, s.Lang, r.opt.Width, doc.PlainStyle)
	case s.Current == model.StepBaseline, s.Current == model.StepValues: // their lines are asked one by one
		intro, _ := c.Page(s.Lang, s.Current).Section("intro")
		out, err = doc.Render(intro, r.opt.Width, doc.PlainStyle)
	case c.Page(s.Lang, s.Current) != nil:
		out, err = doc.Render(doc.Page(c, s.Lang, c.Page(s.Lang, s.Current)), r.opt.Width, doc.PlainStyle)
	}
	if err != nil {
		return err
	}
	r.say(readable(out))
	return nil
}

// readable drops the Markdown marks plain text keeps (heading hashes,
// emphasis stars), which a screen reader would read out.
func readable(s string) string {
	lines := strings.Split(doc.PlainText(s), "\n")
	for i, l := range lines {
		indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
		l = strings.TrimLeft(l, " ")
		if h := strings.TrimLeft(l, "#"); h != l && strings.HasPrefix(h, " ") {
			l = strings.TrimSpace(h)
		}
		if len(l) > 2 && strings.HasPrefix(l, "*") && strings.HasSuffix(l, "*") {
			l = strings.Trim(l, "*")
		}
		lines[i] = indent + l
	}
	return strings.Join(lines, "\n")
}

// outcome says what the checklist answers mean, with every answer.
func (r *runner) outcome() string {
	c, s, t := r.opt.Content, r.s, r.t
	page := c.Page(s.Lang, model.StepOutcome)
	outcome := s.Outcome(c.ChecklistIDs)
	var b strings.Builder
	fmt.Fprintf(&b, "## %s\n\n", t.OutcomeHeads[outcome])
	if text, ok := page.Section(string(outcome)); ok {
		fmt.Fprintf(&b, "%s\n\n", text)
	}
	fmt.Fprintf(&b, "### %s\n\n", t.YourAnswers)
	for _, id := range c.ChecklistIDs {
		fmt.Fprintf(&b, "- %s: %s\n", c.Item(s.Lang, id).Title, t.AnswerNames[s.Answers[id]])
	}
	return b.String()
}

// navigate reads the prompt after a page; done is true once finished.
func (r *runner) navigate() (done bool, err error) {
	s, t := r.s, r.t
	other := wording.LanguageNames[s.Lang.Other()]
	for {
		next := t.KeyNext
		if r.last() {
			next = strings.TrimSpace(strings.TrimSuffix(t.Finish, "›"))
		}
		prompt := fmt.Sprintf(r.w.Nav, fmt.Sprintf(t.StepOf, s.Index()+1, len(s.Steps())), next, t.KeyPrev, t.KeyAsk, other, t.KeyQuit)
		line, err := r.ask(prompt)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(line) {
		case "":
			if r.last() {
				return true, r.finish()
			}
			if s.Current == model.StepWelcome && !s.CanLeaveWelcome() {
				r.say(t.WelcomeNeedRole)
				continue
			}
			if s.Current == model.StepWelcome {
				if err := r.askConsent(false); err != nil {
					return false, err
				}
			}
			if s.Current == model.StepPersona && s.Persona == "" {
				r.say(t.NeedPersona)
				continue
			}
			s.Next(r.opt.Now())
		case "b":
			s.Prev(r.opt.Now())
		case "f":
			if err := r.question(); err != nil {
				return false, err
			}
			continue
		case "l":
			r.setLang(s.Lang.Other())
		case "q":
			return false, errQuit
		default:
			r.say(fmt.Sprintf(r.w.NotUnderstood, line, prompt))
			continue
		}
		r.save()
		return false, nil
	}
}

func (r *runner) last() bool { return r.s.Index() == len(r.s.Steps())-1 }

// question takes down a question for the doctor, on the page it was asked.
func (r *runner) question() error {
	line, err := r.ask(r.t.QuestionTitle + " (" + r.w.Skip + ")")
	if err != nil || line == "" {
		return err
	}
	r.s.AddQuestion(limit(line, model.MaxQuestion), r.s.Current, r.opt.Now())
	r.say(r.t.QuestionSaved)
	r.save()
	return nil
}

// limit cuts text to n characters.
func limit(s string, n int) string {
	if runes := []rune(s); len(runes) > n {
		return string(runes[:n])
	}
	return s
}

func (r *runner) welcome() error {
	if r.s.Role == model.RoleUnset {
		names := make([]string, len(model.Roles))
		for i, role := range model.Roles {
			names[i] = r.t.RoleNames[role]
		}
		r.say("", r.w.Role)
		i, err := r.choose(names, false)
		if err != nil {
			return err
		}
		r.s.Role = model.Roles[i]
	}
	if r.s.Role != model.RoleDoctor || r.s.PatientRef != "" {
		return nil
	}
	// The doctor's file number, as the full-screen welcome asks it.
	ref, err := r.ask(r.t.PatientRefLabel + ":") // the label says it is optional
	if err != nil {
		return err
	}
	r.s.PatientRef = limit(ref, model.MaxPatientRef)
	if ref != r.s.PatientRef {
		r.say(fmt.Sprintf(r.t.RefFull, model.MaxPatientRef))
	}
	return nil
}

func (r *runner) groups() error {
	c, s := r.opt.Content, r.s
	var names []string
	for _, id := range c.GroupIDs {
		names = append(names, c.Group(s.Lang, id).Title)
	}
	r.list(names)
	for {
		line, err := r.ask(r.w.Numbers)
		if err != nil || line == "" {
			return err
		}
		for _, f := range strings.FieldsFunc(line, func(r rune) bool { return r == ' ' || r == ',' }) {
			n, err := strconv.Atoi(f)
			if err != nil || n < 1 || n > len(names) {
				r.say(fmt.Sprintf(r.w.NotUnderstood, f, fmt.Sprintf(r.w.Number, len(names))))
				continue
			}
			s.ToggleGroup(c.GroupIDs[n-1])
		}
		var chosen []string
		for _, g := range s.Groups {
			chosen = append(chosen, c.Group(s.Lang, g).Title)
		}
		if len(chosen) == 0 {
			r.say(r.w.NoneChosen)
		} else {
			r.say(fmt.Sprintf(r.w.Chosen, strings.Join(chosen, ", ")))
		}
		r.save()
	}
}

func (r *runner) checklist() error {
	c, s, t := r.opt.Content, r.s, r.t
	answers := make([]string, len(doc.AnswerOrder))
	for i, a := range doc.AnswerOrder {
		answers[i] = t.AnswerNames[a]
	}
	for n, id := range c.ChecklistIDs {
		item := c.Item(s.Lang, id)
		question, _ := item.Section("question")
		r.say("", fmt.Sprintf(t.ItemOf, n+1, len(c.ChecklistIDs))+": "+item.Title, doc.PlainText(question))
		i, err := r.choose(answers, true)
		if err != nil {
			return err
		}
		if i >= 0 {
			s.SetAnswer(id, doc.AnswerOrder[i])
		}
		if s.Role == model.RoleDoctor {
			note, err := r.ask(r.w.Note)
			if err != nil {
				return err
			}
			if note != "" {
				s.SetNote(id, note)
			}
		}
		r.save()
	}
	return nil
}

// values asks how much each value matters, then where the patient leans.
func (r *runner) values() error {
	c, s, t := r.opt.Content, r.s, r.t
	values, leanings := c.ValueLabels(s.Lang)
	lines := len(model.ValueIDs) + 1
	names := make([]string, len(model.Importances))
	for i, imp := range model.Importances {
		names[i] = t.ImportanceNames[imp]
	}
	for n, id := range model.ValueIDs {
		r.say("", fmt.Sprintf(t.ValueOf, n+1, lines)+": "+values[id])
		i, err := r.choose(names, true)
		if err != nil {
			return err
		}
		if i >= 0 {
			_ = s.SetValue(id, model.Importances[i]) // an id and importance of the lists: never refused
		}
		r.save()
	}
	r.say("", fmt.Sprintf(t.ValueOf, lines, lines)+": "+t.LeaningTitle)
	if lean, ok := c.Page(s.Lang, model.StepValues).Section("leaning"); ok {
		r.say(doc.PlainText(strings.TrimSpace(lean)))
	}
	names = make([]string, len(model.Leanings))
	for i, l := range model.Leanings {
		names[i] = leanings[string(l)]
	}
	i, err := r.choose(names, true)
	if err != nil || i < 0 {
		return err
	}
	_ = s.SetLeaning(model.Leanings[i])
	r.save()
	return nil
}

func (r *runner) quiz() error {
	c, s, t := r.opt.Content, r.s, r.t
	items := c.Quiz(s.Lang, s.Groups)
	for n, item := range items {
		r.say("", fmt.Sprintf(t.QuestionOf, n+1, len(items)), doc.PlainText(item.Question))
		choices := make([]string, len(item.Choices))
		for i, ch := range item.Choices {
			choices[i] = doc.PlainText(ch.Text)
		}
		i, err := r.choose(choices, true)
		if err != nil {
			return err
		}
		if i >= 0 {
			ch := item.Choices[i]
			s.AnswerQuiz(item.ID, ch.Key, ch.Key == item.Answer, item.Expectation, r.opt.Now())
			r.say(doc.PlainText(item.Explanation))
		}
		if s.Role == model.RoleDoctor || s.Role == model.RoleTrainer {
			marks := []model.TeachBack{model.ExplainedBack, model.ReExplained}
			names := []string{t.TeachBackNames[marks[0]], t.TeachBackNames[marks[1]]}
			r.say(doc.PlainText(item.TeachBack))
			j, err := r.choose(names, true)
			if err != nil {
				return err
			}
			if j >= 0 {
				s.MarkTeachBack(item.ID, marks[j])
			}
		}
		r.save()
	}
	return nil
}

func (r *runner) sure() error {
	s, t := r.s, r.t
	page := r.opt.Content.Page(s.Lang, model.StepSure)
	if rec, ok := s.LatestSure(); ok && rec.Complete() {
		s.AskSureAgain(model.AnsweredBy(s.Role), r.opt.Now())
	}
	yesNo := []model.Answer{model.Yes, model.No}
	names := []string{t.AnswerNames[model.Yes], t.AnswerNames[model.No]}
	for i := range model.SureItems {
		q, _ := page.Section(fmt.Sprintf("sure-%d", i+1))
		r.say("", fmt.Sprintf("%d/%d: %s", i+1, model.SureItems, doc.PlainText(q)))
		j, err := r.choose(names, true)
		if err != nil {
			return err
		}
		if j >= 0 {
			s.SetSure(i, yesNo[j], model.AnsweredBy(s.Role), r.opt.Now())
		}
		r.save()
	}
	return nil
}

func (r *runner) persona() error {
	c, s := r.opt.Content, r.s
	names := make([]string, len(c.PersonaIDs))
	for i, id := range c.PersonaIDs {
		names[i] = c.Persona(s.Lang, id).Title
	}
	i, err := r.choose(names, true)
	if err != nil || i < 0 {
		return err
	}
	pe := c.Persona(s.Lang, c.PersonaIDs[i])
	answers, _ := pe.PersonaAnswers() // checked when the content was loaded
	s.ApplyPersona(pe.ID, pe.Group, answers)
	r.say(fmt.Sprintf(r.t.PersonaChosen, pe.Title))
	r.save()
	return nil
}

func (r *runner) nextStep() error {
	names := make([]string, len(model.NextSteps))
	for i, ns := range model.NextSteps {
		names[i] = r.t.NextStepNames[ns]
	}
	i, err := r.choose(names, true)
	if err != nil || i < 0 {
		return err
	}
	r.s.NextStep = model.NextSteps[i]
	r.save()
	return nil
}

// choose lists numbered options and reads a number; -1 is a skip, when
// skipping is allowed.
func (r *runner) choose(names []string, skip bool) (int, error) {
	r.list(names)
	prompt := fmt.Sprintf(r.w.Number, len(names))
	if skip {
		prompt += " " + r.w.Skip
	}
	for {
		line, err := r.ask(prompt)
		if err != nil {
			return 0, err
		}
		if line == "" && skip {
			return -1, nil
		}
		if strings.EqualFold(line, "q") {
			return 0, errQuit
		}
		if n, err := strconv.Atoi(line); err == nil && n >= 1 && n <= len(names) {
			return n - 1, nil
		}
		r.say(fmt.Sprintf(r.w.NotUnderstood, line, prompt))
	}
}

func (r *runner) list(names []string) {
	for i, n := range names {
		r.say(fmt.Sprintf("  %d. %s", i+1, n))
	}
}

// ask writes a prompt and reads one line, typed or piped. The end of the
// input quits.
func (r *runner) ask(prompt string) (string, error) {
	r.say(prompt)
	if !r.in.Scan() {
		if err := r.in.Err(); err != nil {
			return "", err
		}
		return "", errQuit
	}
	return content.NFC(strings.TrimSpace(clean(r.in.Text()))), nil
}

// say writes lines with every control character taken out: nothing from
// the content or the keyboard reaches the terminal raw.
func (r *runner) say(lines ...string) {
	for _, l := range lines {
		fmt.Fprintln(r.out, clean(l))
	}
}

func clean(s string) string {
	return strings.Map(func(c rune) rune {
		if c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7f && !(c >= 0x80 && c < 0xa0)) {
			return c
		}
		return -1
	}, s)
}

// askConsent asks, while still unasked, whether this session's record may
// be kept, with the whole consent text and no answer chosen in advance.
// keptBefore is a resumed session's: a no deletes what was kept.
func (r *runner) askConsent(keptBefore bool) error {
	if !r.opt.AskConsent || r.s.Training() || r.s.Consent != nil {
		return nil
	}
	title, body := r.opt.Content.ConsentText(r.s.Lang, r.opt.RetainDays, r.t.NotProvided)
	text, err := doc.Render(body, r.opt.Width, doc.PlainStyle)
	if err != nil {
		return err
	}
	r.say("", "== "+title+" ==", "", readable(text), "")
	i, err := r.choose([]string{r.t.ConsentYes, r.t.ConsentNo}, false)
	if err != nil {
		return err
	}
	by := model.ChecklistAnsweredBy(r.s.Role)
	if err := r.s.AnswerConsent(i == 0, title+"\n\n"+body, r.opt.Terminal, by, r.opt.Now()); err != nil {
		return err
	}
	if i == 0 {
		r.say(fmt.Sprintf(r.t.ConsentKept, r.s.Code))
		return nil
	}
	r.say(r.t.NotKept)
	if keptBefore && r.opt.Store != nil {
		if _, err := audit.ForgetKept(r.opt.Store, r.s.Code, "consent refused when the session was resumed", by+" in the session", r.opt.Terminal, r.opt.Now()); err != nil {
			r.say(fmt.Sprintf(r.w.SaveFailed, r.opt.Store, err))
		}
		r.opt.Store.ReleaseCode(r.s.Code)
	}
	return nil
}

// keeps reports whether this session's record is kept: nothing may say a
// session is saved when it is not.
func (r *runner) keeps() bool {
	return r.opt.Store != nil && (!r.opt.AskConsent || r.s.MayKeep())
}

// save writes the session in progress after a change.
func (r *runner) save() {
	if !r.keeps() || !r.s.HasAnswers() {
		return
	}
	r.seq++
	rec := r.s.Record(model.StatusInProgress, r.opt.Content.Hash, r.opt.Content.ChecklistIDs, r.opt.Now())
	if err := r.opt.Store.SaveProgress(rec, r.seq); err != nil {
		r.say(fmt.Sprintf(r.w.SaveFailed, r.opt.Store, err))
		return
	}
	r.saved = true
}

// finish writes the finished record with its readable copy.
func (r *runner) finish() error {
	if !r.keeps() {
		if r.opt.Store != nil {
			r.opt.Store.ReleaseCode(r.s.Code) // the code was never used
			r.say("", r.t.NotKept)
		}
		return nil
	}
	rec := r.s.Record(model.StatusFinished, r.opt.Content.Hash, r.opt.Content.ChecklistIDs, r.opt.Now())
	if err := r.opt.Store.Close(rec, []byte(doc.Record(rec, r.opt.Content))); err != nil {
		return fmt.Errorf(r.w.SaveFailed, r.opt.Store, err)
	}
	r.say("", fmt.Sprintf(r.t.FinishedSaved, r.s.Code))
	return nil
}
