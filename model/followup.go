package model

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
)

// Measure is a follow-up instrument as the content declares it. A change
// counts as a change only when it reaches the measure's detectable change:
// Points on the scale, or Percent of the baseline where Percent is set
// (either is enough). A coarse class scale informs the conversation but
// never raises the stop question by itself (Trigger false). An Items
// measure (the PSFS) is scored per item the patient names, and its score is
// the items' average; one item counts from ItemPoints.
type Measure struct {
	ID             string
	Min, Max       float64
	LowerIsBetter  bool
	Points         float64
	Percent        float64
	Items          bool
	ItemPoints     float64
	ClinicianRated bool
	Trigger        bool
	// Groups are the disease groups it is offered for; none means every group.
	Groups []string
	// UCUM is the unit's code; LOINC the instrument's code where one is
	// known ("" otherwise: no code is ever made up).
	UCUM, LOINC string
	// Words are its wording in each language.
	Words map[Lang]MeasureWords
}

// MeasureWords are a measure's words in one language.
type MeasureWords struct {
	Name       string   // short name, as a line's label
	Up         string   // what up means on its chart: "less pain"
	Unit       string   // one unit: "point"
	Units      string   // many: "points"
	Question   string   // what is asked
	Grades     []string // a word for each value from Min, when the scale has them
	Ask, Again string   // Items: asking for the items; rating one again at a visit
	Source     string   // where it comes from, to cite
	Licence    string   // the terms it is used under
	// NotValidated: this language's wording is a translation not yet
	// validated, which every screen showing it says.
	NotValidated bool
}

// In is the measure's words in a language: English where it has none,
// its id as its name where it has no words at all.
func (m Measure) In(lang Lang) MeasureWords {
	if w, ok := m.Words[lang]; ok {
		return w
	}
	if w, ok := m.Words[LangEN]; ok {
		return w
	}
	return MeasureWords{Name: m.ID}
}

// Measures are the follow-up's instruments, in the order they are asked.
type Measures []Measure

// MeasureIDPattern is what a measure id looks like: lowercase words joined
// by "-", as a stored score's key.
var MeasureIDPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ByID finds a measure.
func (ms Measures) ByID(id string) (Measure, bool) {
	i := slices.IndexFunc(ms, func(m Measure) bool { return m.ID == id })
	if i < 0 {
		return Measure{}, false
	}
	return ms[i], true
}

// Unknown lists, sorted, the ids of scores no measure here defines: a
// record's scores of a measure the content no longer has, shown and
// exported under their ids so that nothing stored is left out.
func (ms Measures) Unknown(scores map[string]float64) []string {
	var ids []string
	for id := range scores {
		if _, known := ms.ByID(id); !known {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// For lists the measures offered for a session's groups.
func (ms Measures) For(groups []string) Measures {
	var out Measures
	for _, m := range ms {
		if len(m.Groups) == 0 || slices.ContainsFunc(groups, func(g string) bool { return slices.Contains(m.Groups, g) }) {
			out = append(out, m)
		}
	}
	return out
}

// Name is a measure's name in a language; an id the measures do not know
// (a stored score of a measure the clinic no longer uses) names itself.
func (ms Measures) Name(lang Lang, id string) string {
	if m, ok := ms.ByID(id); ok {
		return m.In(lang).Name
	}
	return id
}

// Check refuses an assessment with a score off its measure's scale or of
// a measure it does not know, or an item off the item measure's scale:
// what the content allows, where the store checks only the shape.
func (ms Measures) Check(a Assessment) error {
	for id, v := range a.Scores {
		m, ok := ms.ByID(id)
		if !ok || m.Items {
			return fmt.Errorf("unknown measure %q", id)
		}
		if v < m.Min || v > m.Max || math.IsNaN(v) {
			return fmt.Errorf("%s: %g is off the scale %g to %g", id, v, m.Min, m.Max)
		}
	}
	if m, ok := ms.Items(); ok {
		for _, act := range a.Activities {
			if float64(act.Score) < m.Min || float64(act.Score) > m.Max {
				return fmt.Errorf("activity %q: %d is off the scale %g to %g", act.Name, act.Score, m.Min, m.Max)
			}
		}
	}
	return a.Check()
}

// Items is the measure scored per item, if there is one.
func (ms Measures) Items() (Measure, bool) {
	i := slices.IndexFunc(ms, func(m Measure) bool { return m.Items })
	if i < 0 {
		return Measure{}, false
	}
	return ms[i], true
}

// MaxActivities is how many activities the PSFS asks the patient to name.
const MaxActivities = 3

// maxStoredScore bounds a stored score whatever its measure: no scale the
// app asks goes near it, so a larger one is a damaged file.
const maxStoredScore = 1e6

// Activity is one PSFS activity, in the patient's own words, and its rating.
type Activity struct {
	Name  string `json:"name"`
	Score int    `json:"score"`
}

// Assessment is one set of measurements: the baseline or a visit's.
type Assessment struct {
	At         time.Time          `json:"at"`
	Scores     map[string]float64 `json:"scores"`
	Activities []Activity         `json:"activities,omitempty"`
}

// SetScore records a measure, refusing a value off its scale.
func (a *Assessment) SetScore(m Measure, v float64) error {
	if m.Items {
		return fmt.Errorf("%s is scored per item", m.ID)
	}
	if v < m.Min || v > m.Max || math.IsNaN(v) {
		return fmt.Errorf("%s: %g is off the scale %g to %g", m.ID, v, m.Min, m.Max)
	}
	if a.Scores == nil {
		a.Scores = map[string]float64{}
	}
	a.Scores[m.ID] = v
	return nil
}

// score is a measure's value in an assessment; an Items measure's is the
// average of its items.
func (a Assessment) score(m Measure) (float64, bool) {
	if m.Items {
		if len(a.Activities) == 0 {
			return 0, false
		}
		sum := 0
		for _, act := range a.Activities {
			sum += act.Score
		}
		return float64(sum) / float64(len(a.Activities)), true
	}
	v, ok := a.Scores[m.ID]
	return v, ok
}

// Impression is the Guy-style patient global impression of change, 1 very
// much improved to 7 very much worse (public domain wording).
type Impression int

// The seven impressions of change; 0 is not asked.
const (
	ImpressionUnset Impression = iota
	VeryMuchImproved
	MuchImproved
	MinimallyImproved
	NoChange
	MinimallyWorse
	MuchWorse
	VeryMuchWorse
)

// Decision is what the doctor and the patient decide at a visit.
type Decision string

// The decisions of a visit.
const (
	DecisionUndecided Decision = "undecided"
	DecisionContinue  Decision = "continue"
	DecisionStop      Decision = "stop"
	DecisionRefer     Decision = "refer"
)

// SideEffects are those reported since the last visit.
type SideEffects struct {
	Fever         bool   `json:"fever"`
	InjectionSite bool   `json:"injection_site_infection"`
	NewPain       bool   `json:"new_pain"`
	Other         bool   `json:"other"`
	Text          string `json:"text,omitempty"`
}

// Visit is one follow-up visit.
type Visit struct {
	Assessment
	Impression  Impression  `json:"impression,omitempty"`
	SideEffects SideEffects `json:"side_effects"`
	Decision    Decision    `json:"decision"`
}

// Change is how one measure moved from the baseline to a visit, in its
// better direction: a positive Gain is an improvement.
type Change struct {
	Measure    string
	From, To   float64
	Gain       float64 // in the measure's points, improvement positive
	Percent    float64 // Gain as a percentage of the baseline (0 when the baseline is 0)
	Meaningful bool    // the change reaches the measure's threshold
}

// Compare measures the change of one measure between two assessments.
func Compare(m Measure, base, now Assessment) (Change, bool) {
	from, ok1 := base.score(m)
	to, ok2 := now.score(m)
	if !ok1 || !ok2 {
		return Change{}, false
	}
	c := Change{Measure: m.ID, From: from, To: to, Gain: to - from}
	if m.LowerIsBetter {
		c.Gain = from - to
	}
	if from != 0 {
		c.Percent = 100 * c.Gain / from
	}
	reach := math.Abs(c.Gain) >= m.Points-1e-9
	if m.Percent > 0 && from != 0 {
		reach = reach || math.Abs(c.Percent) >= m.Percent-1e-9
	}
	c.Meaningful = reach && c.Gain != 0
	return c, true
}

// ItemChanges compares each item (PSFS activity) named at the baseline
// with the same item at a visit, against the single-item threshold.
func (m Measure) ItemChanges(base, now Assessment) []Change {
	var out []Change
	for _, b := range base.Activities {
		i := slices.IndexFunc(now.Activities, func(a Activity) bool { return a.Name == b.Name })
		if i < 0 {
			continue
		}
		gain := float64(now.Activities[i].Score - b.Score)
		out = append(out, Change{Measure: b.Name, From: float64(b.Score), To: float64(now.Activities[i].Score), Gain: gain, Meaningful: math.Abs(gain) >= m.ItemPoints-1e-9 && gain != 0})
	}
	return out
}

// Course is a patient's follow-up read at one moment: the changes at the
// latest visit, and whether the stop conversation is due.
type Course struct {
	WindowEnd time.Time
	Changes   []Change // at the latest visit, for each measure taken both times
	Improved  []string // measures improved beyond their threshold, never hidden
	Worse     []string // measures worse beyond their threshold, shown as plainly
	// RaiseStop: the group's assessment window has passed and no measure
	// that can judge it has improved beyond its threshold. A talking point
	// for the doctor, never a verdict.
	RaiseStop bool
}

// ReadCourse reads the course of a baseline and its visits on the
// content's measures against the group's assessment window, at now.
func ReadCourse(ms Measures, base Assessment, visits []Visit, window time.Duration, now time.Time) Course {
	c := Course{WindowEnd: base.At.Add(window)}
	if len(visits) == 0 {
		return c
	}
	last := visits[len(visits)-1].Assessment
	judged := false
	for _, m := range ms {
		ch, ok := Compare(m, base, last)
		if !ok {
			continue
		}
		c.Changes = append(c.Changes, ch)
		switch {
		case ch.Meaningful && ch.Gain > 0:
			c.Improved = append(c.Improved, m.ID)
		case ch.Meaningful && ch.Gain < 0:
			c.Worse = append(c.Worse, m.ID)
		}
		judged = judged || m.Trigger
		if !m.Items {
			continue
		}
		for _, ch := range m.ItemChanges(base, last) {
			switch {
			case ch.Meaningful && ch.Gain > 0 && !slices.Contains(c.Improved, m.ID):
				c.Improved = append(c.Improved, m.ID)
			case ch.Meaningful && ch.Gain < 0 && !slices.Contains(c.Worse, m.ID):
				c.Worse = append(c.Worse, m.ID)
			}
		}
	}
	triggered := slices.ContainsFunc(c.Improved, func(id string) bool { m, _ := ms.ByID(id); return m.Trigger })
	c.RaiseStop = judged && !now.Before(c.WindowEnd) && !last.At.Before(c.WindowEnd) && !triggered
	return c
}

// VisitSchema is the version of a stored visit's JSON; like RecordSchema it
// changes only when a field changes meaning or goes away.
const VisitSchema = 1

// Who entered a visit.
const (
	VisitByDoctor = ByDoctor  // the doctor, with the patient
	VisitByKiosk  = ByPatient // the patient alone at a kiosk: patient-rated parts only
)

// VisitRecord is a follow-up visit as it is stored: a record of its own,
// linked by Session to the first session, whose record holds the baseline.
// Visits of one session are numbered 1, 2, … in the order they were made.
// A kiosk visit holds only what the patient rates (pain, the PSFS
// activities, the impression of change, side effects); its Decision is
// empty. Regret is the Decision Regret Scale's five answers (1 strongly
// agree … 5 strongly disagree, as printed), asked only when the content
// switches the scale on; they are kept as answered, with no 0–100 score,
// as the scale's scoring is not in the sources the app was built from.
type VisitRecord struct {
	Schema         int    `json:"schema"`
	Session        string `json:"session"`
	Number         int    `json:"number"`
	Lang           Lang   `json:"language"`
	EnteredBy      string `json:"entered_by"`
	Kiosk          bool   `json:"kiosk,omitempty"`
	Practice       bool   `json:"practice,omitempty"` // a training session's visit: no patient's data
	ContentVersion string `json:"content_version"`
	Visit
	Regret []int `json:"decision_regret,omitempty"`
}

// RegretItems is how many statements the Decision Regret Scale has.
const RegretItems = 5

// Check refuses a visit that the app would never write: a bad link, a
// score off its scale, an impression or decision it does not know, or
// text holding a control character (printing it could drive a terminal).
func (v VisitRecord) Check() error {
	if v.Schema != VisitSchema {
		return fmt.Errorf("visit schema %d is not the supported %d", v.Schema, VisitSchema)
	}
	if !ValidCode(v.Session) {
		return fmt.Errorf("visit session %q is not a session code", v.Session)
	}
	if v.Number < 1 {
		return fmt.Errorf("visit number %d: visits count from 1", v.Number)
	}
	if v.EnteredBy != VisitByDoctor && v.EnteredBy != VisitByKiosk {
		return fmt.Errorf("visit entered by %q: not the doctor or the patient", v.EnteredBy)
	}
	if err := v.Assessment.Check(); err != nil {
		return err
	}
	if v.Impression < ImpressionUnset || v.Impression > VeryMuchWorse {
		return fmt.Errorf("impression of change %d is not on the 7-point scale", v.Impression)
	}
	if v.Decision != "" && !slices.Contains(Decisions, v.Decision) {
		return fmt.Errorf("unknown decision %q", v.Decision)
	}
	if len(v.Regret) != 0 && len(v.Regret) != RegretItems {
		return fmt.Errorf("the Decision Regret Scale needs %d answers", RegretItems)
	}
	for _, r := range v.Regret {
		if r < 1 || r > 5 {
			return fmt.Errorf("decision regret answer %d is not 1 to 5", r)
		}
	}
	return checkControl(string(v.Lang), v.ContentVersion, v.SideEffects.Text)
}

// Decisions lists the decisions of a visit in the order offered.
var Decisions = []Decision{DecisionContinue, DecisionStop, DecisionRefer, DecisionUndecided}

// Check refuses an assessment the app would never write: a score under a
// name no measure could have, or not a number, more activities than the
// PSFS asks, or a control character. A store does not know the clinic's
// content, so each scale's range is checked where the score is entered
// (SetScore), and a measure the content no longer has stays readable.
func (a Assessment) Check() error {
	for id, v := range a.Scores {
		if !MeasureIDPattern.MatchString(id) {
			return fmt.Errorf("measure id %q is not lowercase words joined by \"-\"", id)
		}
		if math.IsNaN(v) || math.Abs(v) > maxStoredScore {
			return fmt.Errorf("%s: %g is not a score", id, v)
		}
	}
	if len(a.Activities) > MaxActivities {
		return fmt.Errorf("the PSFS asks for up to %d activities, not %d", MaxActivities, len(a.Activities))
	}
	for _, act := range a.Activities {
		if act.Score < 0 || act.Score > 10 {
			return fmt.Errorf("activity %q: %d is off the scale 0 to 10", act.Name, act.Score)
		}
		if strings.TrimSpace(act.Name) == "" {
			return fmt.Errorf("a PSFS activity needs its name, in the patient's words")
		}
		if err := checkControl(act.Name); err != nil {
			return err
		}
	}
	return nil
}

// checkControl refuses text holding a control character.
func checkControl(texts ...string) error {
	for _, t := range texts {
		if i := strings.IndexFunc(t, unicode.IsControl); i >= 0 {
			return fmt.Errorf("text holds control character %U", []rune(t[i:])[0])
		}
	}
	return nil
}

// month is the follow-up's month: windows are counted in days.
const month = 30 * 24 * time.Hour

// assessmentWindows are the earliest time points at which trials judged a
// response, per group (the response-time page): osteoarthritis and heart
// failure 6 months, stroke 90 days, COPD and pulmonary fibrosis 6 months.
// Groups the page gives no window for have none here.
var assessmentWindows = map[string]time.Duration{
	"joint":          6 * month,
	"cardiovascular": 6 * month,
	"neurological":   90 * 24 * time.Hour,
	"lung":           6 * month,
}

// AssessmentWindow is the window of a session's groups: the primary
// group's, else the first chosen group that has one; false when none has.
func AssessmentWindow(groups []string) (time.Duration, bool) {
	for _, g := range groups {
		if w, ok := assessmentWindows[g]; ok {
			return w, true
		}
	}
	return 0, false
}

// ReadVisits reads the course of a session's stored visits at now; without
// a window no stop conversation is raised.
func ReadVisits(ms Measures, base Assessment, groups []string, stored []VisitRecord, now time.Time) Course {
	visits := make([]Visit, len(stored))
	for i, v := range stored {
		visits[i] = v.Visit
	}
	window, ok := AssessmentWindow(groups)
	if !ok {
		c := ReadCourse(ms, base, visits, 0, now)
		c.WindowEnd, c.RaiseStop = time.Time{}, false
		return c
	}
	return ReadCourse(ms, base, visits, window, now)
}
