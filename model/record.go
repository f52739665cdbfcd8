package model

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"time"
)

// RecordSchema is the version of the JSON record. It changes only when a
// field changes meaning or goes away; new fields keep it.
const RecordSchema = 1

// Record statuses.
const (
	StatusInProgress = "in-progress"
	StatusFinished   = "finished"
	StatusAbandoned  = "abandoned"
)

// CodeAlphabet has no look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B.
const CodeAlphabet = "ACDEFGHJKMNPQRTUVWXY34679"

// CodeLength is the length of a hand-off code.
const CodeLength = 6

// NewCode draws a hand-off code from a random source.
func NewCode(r io.Reader) (string, error) {
	buf := make([]byte, CodeLength)
	out := make([]byte, CodeLength)
	for i := 0; i < CodeLength; {
		if _, err := io.ReadFull(r, buf[:1]); err != nil {
			return "", fmt.Errorf("drawing a session code: %w", err)
		}
		// Reject the top of the byte range so every letter is equally likely.
		if int(buf[0]) >= 256/len(CodeAlphabet)*len(CodeAlphabet) {
			continue
		}
		out[i] = CodeAlphabet[int(buf[0])%len(CodeAlphabet)]
		i++
	}
	return string(out), nil
}

// ValidCode reports whether s looks like a hand-off code.
func ValidCode(s string) bool {
	if len(s) != CodeLength {
		return false
	}
	for _, r := range s {
		if !slices.Contains([]rune(CodeAlphabet), r) {
			return false
		}
	}
	return true
}

// Record is the session as it is saved: every choice, answer, note and
// flag, with who gave it and when. Its JSON form is documented in the
// README; it is a record of an information session, not a consent form.
type Record struct {
	Schema         int       `json:"schema"`
	Code           string    `json:"code"`
	Status         string    `json:"status"`
	Lang           Lang      `json:"language"`
	Role           Role      `json:"mode"`
	Training       bool      `json:"training"`
	Kiosk          bool      `json:"kiosk,omitempty"` // made on a waiting-room kiosk, which never resumes it
	Persona        string    `json:"persona,omitempty"`
	PatientRef     string    `json:"patient_ref,omitempty"`
	AnsweredBy     string    `json:"answered_by"`
	ContentVersion string    `json:"content_version"`
	Started        time.Time `json:"started"`
	Updated        time.Time `json:"updated"`
	Finished       time.Time `json:"finished,omitzero"`
	CurrentStep    StepID    `json:"current_step"`

	Groups    []string        `json:"groups"`
	Checklist []RecordItem    `json:"checklist"`
	Outcome   Outcome         `json:"outcome"`
	Concerns  []RecordConcern `json:"concerns"`
	Skipped   []StepID        `json:"skipped"`

	Knowledge   []RecordQuiz      `json:"knowledge_check"`
	QuizAsked   int               `json:"knowledge_asked,omitempty"`
	TeachBack   []RecordTeachBack `json:"teach_back"`
	Sure        []RecordSure      `json:"sure"`
	Questions   []RecordQuestion  `json:"questions"`
	NextStep    NextStep          `json:"next_step,omitempty"`
	PagesViewed []RecordView      `json:"pages_viewed"`

	Values   []RecordValue `json:"values,omitempty"`
	Leaning  Leaning       `json:"leaning,omitempty"`
	Tensions []string      `json:"value_tensions,omitempty"`

	Consent *Consent `json:"consent,omitempty"`

	// Baseline is the follow-up's first measurement, taken when the next
	// step is an assessment or treatment; its visits are records of their
	// own (VisitRecord) that name this record's code.
	Baseline *Assessment `json:"baseline,omitempty"`
}

// RecordValue is how much one value matters to the patient.
type RecordValue struct {
	Value      string     `json:"value"`
	Importance Importance `json:"importance"`
}

// RecordItem is one checklist item's answer and the doctor's note.
type RecordItem struct {
	Item   string `json:"item"`
	Answer string `json:"answer"`
	Note   string `json:"note,omitempty"`
}

// RecordConcern is a concern raised, with the knowledge-check questions
// that raised it.
type RecordConcern struct {
	ID        Concern  `json:"id"`
	Questions []string `json:"questions,omitempty"`
}

// RecordQuiz is the first answer to a knowledge-check question.
type RecordQuiz struct {
	Question string    `json:"question"`
	Answer   string    `json:"answer"`
	Correct  bool      `json:"correct"`
	At       time.Time `json:"at"`
}

// RecordTeachBack is a teach-back mark.
type RecordTeachBack struct {
	Question string    `json:"question"`
	Mark     TeachBack `json:"mark"`
}

// RecordSure is one time the SURE test was asked.
type RecordSure struct {
	Answers    []string  `json:"answers"`
	Score      int       `json:"score"`
	Complete   bool      `json:"complete"`
	AnsweredBy string    `json:"answered_by"`
	At         time.Time `json:"at"`
}

// RecordQuestion is a question for the doctor and the page it was asked on.
type RecordQuestion struct {
	Text string    `json:"text"`
	Page StepID    `json:"page"`
	At   time.Time `json:"at"`
}

// RecordView is one arrival at a page.
type RecordView struct {
	Page StepID    `json:"page"`
	At   time.Time `json:"at"`
}

// ChecklistAnsweredBy is who answered the checklist in a role: the patient
// alone, the doctor with the patient, or a training persona.
func ChecklistAnsweredBy(r Role) string {
	switch r {
	case RoleDoctor:
		return ByDoctor
	case RoleTrainer:
		return ByPersona
	default:
		return ByPatient
	}
}

// Record makes the saved form of the session, with the checklist items as
// asked and the content version used.
func (s *Session) Record(status, contentVersion string, items []string, now time.Time) Record {
	r := Record{
		Schema: RecordSchema, Code: s.Code, Status: status, Lang: s.Lang, Role: s.Role,
		Training: s.Training(), Kiosk: s.Kiosk, Persona: s.Persona, AnsweredBy: ChecklistAnsweredBy(s.Role),
		ContentVersion: contentVersion, Started: s.Started, Updated: now, CurrentStep: s.Current,
		Groups: append([]string{}, s.Groups...), Outcome: s.Outcome(items), Skipped: s.SkippedSteps(),
		NextStep: s.NextStep, Consent: s.Consent, QuizAsked: s.QuizAsked, Baseline: s.Baseline,
	}
	if s.Role == RoleDoctor {
		r.PatientRef = s.PatientRef
	}
	if status == StatusFinished {
		r.Finished = now
	}
	for _, id := range items {
		r.Checklist = append(r.Checklist, RecordItem{Item: id, Answer: s.Answers[id].String(), Note: s.Notes[id]})
	}
	for _, c := range s.Concerns {
		rc := RecordConcern{ID: c}
		if c == ConcernExpectations {
			rc.Questions = append([]string{}, s.ExpectationMisses...)
		}
		r.Concerns = append(r.Concerns, rc)
	}
	for _, q := range s.Quiz {
		r.Knowledge = append(r.Knowledge, RecordQuiz{Question: q.Item, Answer: q.Choice, Correct: q.Correct, At: q.At})
	}
	for _, q := range s.Quiz { // in the order answered, so the record reads well
		if mark, ok := s.TeachBack[q.Item]; ok {
			r.TeachBack = append(r.TeachBack, RecordTeachBack{Question: q.Item, Mark: mark})
		}
	}
	for _, sr := range s.Sure {
		rs := RecordSure{Score: sr.Score(), Complete: sr.Complete(), AnsweredBy: sr.By, At: sr.At}
		for _, a := range sr.Answers {
			rs.Answers = append(rs.Answers, a.String())
		}
		r.Sure = append(r.Sure, rs)
	}
	for _, q := range s.Questions {
		r.Questions = append(r.Questions, RecordQuestion{Text: q.Text, Page: q.Step, At: q.At})
	}
	for _, v := range s.Viewed {
		r.PagesViewed = append(r.PagesViewed, RecordView{Page: v.Step, At: v.At})
	}
	for _, id := range ValueIDs {
		if imp, ok := s.Values[id]; ok {
			r.Values = append(r.Values, RecordValue{Value: id, Importance: imp})
		}
	}
	if s.Leaning != "" || len(s.Values) > 0 {
		r.Leaning = s.CurrentLeaning()
	}
	r.Tensions = s.Tensions() // for the clinician who opens the record
	return r
}

// checkText refuses a record whose text holds a control character: the app
// never stores one, so the file was changed by hand, and printing it could
// drive the reader's terminal (set its title, write its clipboard).
func (r Record) checkText() error {
	texts := []string{r.Persona, r.PatientRef, r.AnsweredBy, r.ContentVersion, string(r.CurrentStep), string(r.NextStep), string(r.Outcome)}
	texts = append(texts, r.Groups...)
	for _, it := range r.Checklist {
		texts = append(texts, it.Item, it.Answer, it.Note)
	}
	for _, c := range r.Concerns {
		texts = append(texts, string(c.ID))
		texts = append(texts, c.Questions...)
	}
	for _, q := range r.Knowledge {
		texts = append(texts, q.Question, q.Answer)
	}
	for _, tb := range r.TeachBack {
		texts = append(texts, tb.Question, string(tb.Mark))
	}
	for _, sr := range r.Sure {
		texts = append(texts, sr.AnsweredBy)
		texts = append(texts, sr.Answers...)
	}
	for _, q := range r.Questions {
		texts = append(texts, q.Text, string(q.Page))
	}
	for _, v := range r.PagesViewed {
		texts = append(texts, string(v.Page))
	}
	if err := checkControl(texts...); err != nil {
		return fmt.Errorf("record %w", err)
	}
	if r.Baseline != nil {
		return r.Baseline.Check()
	}
	return nil
}

func parseAnswer(s string) (Answer, error) {
	for _, a := range []Answer{Unanswered, Yes, No, NotSure} {
		if a.String() == s {
			return a, nil
		}
	}
	return Unanswered, fmt.Errorf("unknown answer %q", s)
}

// Session rebuilds the session a record was made from, so a session can be
// resumed exactly where it stopped.
func (r Record) Session() (*Session, error) {
	if r.Schema != RecordSchema {
		return nil, fmt.Errorf("record schema %d is not the supported %d", r.Schema, RecordSchema)
	}
	if !ValidCode(r.Code) {
		return nil, fmt.Errorf("record code %q is not a session code", r.Code)
	}
	lang, err := ParseLang(string(r.Lang))
	if err != nil {
		return nil, err
	}
	role, err := ParseRole(string(r.Role))
	if err != nil {
		return nil, err
	}
	if r.Status != StatusInProgress && r.Status != StatusFinished && r.Status != StatusAbandoned {
		return nil, fmt.Errorf("record status %q is unknown", r.Status)
	}
	if err := r.checkText(); err != nil {
		return nil, err
	}
	s := &Session{
		Code: r.Code, Lang: lang, Role: role, Started: r.Started, Current: r.CurrentStep, Kiosk: r.Kiosk,
		Persona: r.Persona, PatientRef: r.PatientRef, NextStep: r.NextStep, Consent: r.Consent, QuizAsked: r.QuizAsked,
		Baseline: r.Baseline,
	}
	if len(r.Groups) > 0 {
		s.Groups = append([]string{}, r.Groups...)
	}
	var errs []error
	for _, it := range r.Checklist {
		a, err := parseAnswer(it.Answer)
		errs = append(errs, err)
		s.SetAnswer(it.Item, a)
		s.SetNote(it.Item, it.Note)
	}
	if len(s.Answers) == 0 {
		s.Answers = nil
	}
	if len(s.Notes) == 0 {
		s.Notes = nil
	}
	for _, c := range r.Concerns {
		s.Concerns = append(s.Concerns, c.ID)
		if c.ID == ConcernExpectations {
			s.ExpectationMisses = append(s.ExpectationMisses, c.Questions...)
		}
	}
	for _, q := range r.Knowledge {
		s.Quiz = append(s.Quiz, QuizAnswer{Item: q.Question, Choice: q.Answer, Correct: q.Correct, At: q.At})
	}
	for _, tb := range r.TeachBack {
		// A mark is saved only for an answered question.
		if !slices.ContainsFunc(s.Quiz, func(q QuizAnswer) bool { return q.Item == tb.Question }) ||
			(tb.Mark != ExplainedBack && tb.Mark != ReExplained) {
			errs = append(errs, fmt.Errorf("teach-back mark %q for %q does not match an answered question", tb.Mark, tb.Question))
			continue
		}
		s.MarkTeachBack(tb.Question, tb.Mark)
	}
	for _, rs := range r.Sure {
		sr := SureRecord{By: rs.AnsweredBy, At: rs.At}
		if len(rs.Answers) != SureItems {
			errs = append(errs, fmt.Errorf("a SURE record needs %d answers", SureItems))
			continue
		}
		for i, a := range rs.Answers {
			ans, err := parseAnswer(a)
			errs = append(errs, err)
			sr.Answers[i] = ans
		}
		s.Sure = append(s.Sure, sr)
	}
	for _, q := range r.Questions {
		s.Questions = append(s.Questions, Question{Text: q.Text, Step: q.Page, At: q.At})
	}
	for _, v := range r.PagesViewed {
		s.Viewed = append(s.Viewed, PageView{Step: v.Page, At: v.At})
	}
	for _, v := range r.Values {
		errs = append(errs, s.SetValue(v.Value, v.Importance))
	}
	if r.Leaning != "" {
		errs = append(errs, s.SetLeaning(r.Leaning))
	}
	if !slices.Contains(s.Steps(), s.Current) {
		s.Current = StepWelcome
	}
	return s, errors.Join(errs...)
}
