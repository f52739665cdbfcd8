package emr

import (
	"fmt"
	"strconv"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// The follow-up's codes. Each measure is coded in the app's own code
// system under the base, and also in LOINC where its content file gives
// the code (the built-in ones give none: the fact base has none for them,
// and none is made up). Units are UCUM, as each measure declares.
const (
	csMeasure    = "/CodeSystem/follow-up-measure"
	csImpression = "/CodeSystem/impression-of-change"
	csDecision   = "/CodeSystem/follow-up-decision"
	idVisit      = "/follow-up-visit"
	idObs        = "/observation"
	ucum         = "http://unitsofmeasure.org"
	obsCategory  = "http://terminology.hl7.org/CodeSystem/observation-category"
)

// impressionCodes are the Guy-style impression's codes, 1 to 7.
var impressionCodes = []string{"", "very-much-improved", "much-improved", "minimally-improved", "no-change", "minimally-worse", "much-worse", "very-much-worse"}

// followUp adds the baseline's Observations to the session's Encounter,
// then for each visit an Encounter of its own and its Observations: the
// measures (the PSFS average with each activity as a component), the
// impression of change, side effects, the decision and any decision
// regret answers.
func (x *exporter) followUp() {
	fw, fu := wording.CourseFor(x.rec.Lang), wording.FollowUpFor(x.rec.Lang)
	if x.rec.Baseline != nil {
		x.observations("baseline", "encounter", *x.rec.Baseline, false)
	}
	for _, v := range x.opt.Visits {
		key := fmt.Sprintf("visit-%d", v.Number)
		id := x.id(idVisit, fmt.Sprintf("%s-%d", x.rec.Code, v.Number))
		x.add(key, "Encounter", encounter{
			base: x.visitBase("Encounter", v), Identifier: []identifier{id}, Status: "finished",
			Class:   coding{System: "http://terminology.hl7.org/CodeSystem/v3-ActCode", Code: "AMB", Display: "ambulatory"},
			Type:    []concept{{Text: fmt.Sprintf(fw.VisitTitle, v.Number)}},
			Subject: x.patient(), Period: period{Start: instant(v.At)},
		}, ifIdentifier(id), true)
		x.observations(key, key, v.Assessment, v.Practice)
		if v.Impression != model.ImpressionUnset {
			x.observation(key, "impression-of-change", v, fw.ImpressionLabel, false, observation{
				ValueCodeableConcept: &concept{Coding: []coding{{System: x.opt.Base + csImpression, Code: impressionCodes[v.Impression], Display: fw.Impressions[v.Impression]}}},
			})
		}
		x.sideEffects(key, v, fw)
		if v.Decision != "" {
			x.observation(key, "decision", v, fu.Decision, true, observation{
				ValueCodeableConcept: &concept{Coding: []coding{{System: x.opt.Base + csDecision, Code: string(v.Decision), Display: fu.DecisionNames[v.Decision]}}},
			})
		}
		if len(v.Regret) > 0 {
			var parts []obsComponent
			for i, a := range v.Regret {
				parts = append(parts, obsComponent{Code: x.measureCode(fmt.Sprintf("decision-regret-%d", i+1), ""), ValueInteger: &a})
			}
			x.observation(key, "decision-regret", v, fw.RegretLabel, false, observation{Component: parts})
		}
	}
}

// visitBase marks a visit's resource; a practice visit is test data even
// on a session not marked as training.
func (x *exporter) visitBase(kind string, v model.VisitRecord) base {
	b := x.base(kind)
	if v.Practice && b.Meta == nil {
		b.Meta = &meta{Tag: []coding{testData}}
	}
	return b
}

var testData = coding{System: "http://terminology.hl7.org/CodeSystem/v3-ActReason", Code: "HTEST", Display: "test health data"}

// observations are an assessment's measures, each in its unit; an Items
// measure (the PSFS) is its average with each item as a component. A
// score of a measure the content no longer has is still exported, under
// its id and without a unit.
func (x *exporter) observations(key, encounterKey string, a model.Assessment, practice bool) {
	at := model.VisitRecord{Practice: practice, Visit: model.Visit{Assessment: a}}
	ms := x.b.Measures
	for _, m := range ms {
		if v, ok := a.Scores[m.ID]; ok && !m.Items {
			x.measureObservation(key, encounterKey, m, at, observation{ValueQuantity: x.quantity(m, v)})
		}
	}
	for _, id := range ms.Unknown(a.Scores) {
		x.observationAt(key, encounterKey, id, at, id, false, observation{ValueQuantity: &quantity{Value: a.Scores[id]}})
	}
	items, ok := ms.Items()
	if len(a.Activities) == 0 || !ok {
		return
	}
	sum := 0
	var parts []obsComponent
	for _, act := range a.Activities {
		sum += act.Score
		parts = append(parts, obsComponent{Code: x.measureCode(items.ID+"-activity", content.NFC(act.Name)), ValueQuantity: x.quantity(items, float64(act.Score))})
	}
	average := float64(sum) / float64(len(a.Activities))
	x.measureObservation(key, encounterKey, items, at, observation{ValueQuantity: x.quantity(items, average), Component: parts})
}

// measureObservation is one measure's Observation, coded in LOINC too
// where the content gives the code.
func (x *exporter) measureObservation(key, encounterKey string, m model.Measure, at model.VisitRecord, o observation) {
	name := m.In(x.rec.Lang).Name
	o.Code = x.measureCode(m.ID, name)
	if m.LOINC != "" {
		o.Code.Coding = append(o.Code.Coding, coding{System: loinc, Code: m.LOINC})
	}
	x.observationAt(key, encounterKey, m.ID, at, name, m.ClinicianRated, o)
}

// sideEffects is one Observation: a yes or no for each kind asked, and
// the patient's words as a note.
func (x *exporter) sideEffects(key string, v model.VisitRecord, fw *wording.Course) {
	s := v.SideEffects
	var parts []obsComponent
	for _, e := range []struct {
		on   bool
		name string
	}{{s.Fever, "fever"}, {s.InjectionSite, "injection_site_infection"}, {s.NewPain, "new_pain"}, {s.Other, "other"}} {
		parts = append(parts, obsComponent{Code: x.measureCode("side-effect-"+e.name, fw.SideEffectNames[e.name]), ValueBoolean: &e.on})
	}
	o := observation{Component: parts}
	if s.Text != "" {
		o.Note = []annotation{{Text: content.NFC(s.Text)}}
	}
	x.observation(key, "side-effects", v, wording.FollowUpFor(x.rec.Lang).SideEffects, false, o)
}

func (x *exporter) observation(key, code string, v model.VisitRecord, display string, clinician bool, o observation) {
	x.observationAt(key, key, code, v, display, clinician, o)
}

// observationAt completes an Observation and adds it: its code, the
// patient, the Encounter it was taken in, when, and by whom.
func (x *exporter) observationAt(key, encounterKey, code string, v model.VisitRecord, display string, clinician bool, o observation) {
	id := x.id(idObs, x.rec.Code+"-"+key+"-"+code)
	o.base, o.Identifier, o.Status = x.visitBase("Observation", v), []identifier{id}, "final"
	category := "survey"
	if clinician {
		category = "exam"
	}
	o.Category = []concept{{Coding: []coding{{System: obsCategory, Code: category}}}}
	if len(o.Code.Coding) == 0 {
		o.Code = x.measureCode(code, display)
	}
	o.Subject, o.Encounter, o.EffectiveDateTime = x.patient(), x.ref(encounterKey), instant(v.At)
	switch {
	case clinician && x.opt.Clinician != "":
		o.Performer = []reference{*x.ref("practitioner")}
	case !clinician:
		o.Performer = []reference{*x.patient()}
	}
	x.add("observation-"+key+"-"+code, "Observation", o, ifIdentifier(id), true)
}

func (x *exporter) measureCode(code, text string) concept {
	return concept{Coding: []coding{{System: x.opt.Base + csMeasure, Code: code}}, Text: text}
}

func (x *exporter) quantity(m model.Measure, v float64) *quantity {
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64) // an average to two places
	return &quantity{Value: v, Unit: m.In(x.rec.Lang).Units, System: ucum, Code: m.UCUM}
}

// latest is the time of the last thing the follow-up recorded, for the
// Bundle's timestamp.
func latest(rec model.Record, visits []model.VisitRecord) time.Time {
	t := rec.Updated
	for _, v := range visits {
		if v.At.After(t) {
			t = v.At
		}
	}
	return t
}
