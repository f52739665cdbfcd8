package emr

import (
	"fmt"
	"strconv"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// The follow-up's codes. The fact base gives no LOINC code for these
// instruments, so they use the app's own code systems under the base; a
// clinic that maps them to LOINC does so on import. Units are UCUM.
const (
	csMeasure    = "/CodeSystem/follow-up-measure"
	csImpression = "/CodeSystem/impression-of-change"
	csDecision   = "/CodeSystem/follow-up-decision"
	idVisit      = "/follow-up-visit"
	idObs        = "/observation"
	ucum         = "http://unitsofmeasure.org"
	obsCategory  = "http://terminology.hl7.org/CodeSystem/observation-category"
)

// ucumUnits are each measure's unit: scores and grades are unitless
// counts, annotated as UCUM allows.
var ucumUnits = map[string]string{
	"pain-usual": "{score}", "pain-worst": "{score}", "psfs": "{score}",
	"mmrc": "{grade}", "mrs": "{grade}", "nyha": "{class}", "six-minute-walk": "m",
}

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
		x.observations("baseline", "encounter", *x.rec.Baseline, false, fw)
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
		x.observations(key, key, v.Assessment, v.Practice, fw)
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

// observations are an assessment's measures, each in its unit.
func (x *exporter) observations(key, encounterKey string, a model.Assessment, practice bool, fw *wording.Course) {
	fu := wording.FollowUpFor(x.rec.Lang)
	at := model.VisitRecord{Practice: practice, Visit: model.Visit{Assessment: a}}
	for _, m := range model.Measures {
		if m.ID == "psfs" {
			continue
		}
		if v, ok := a.Scores[m.ID]; ok {
			x.observationAt(key, encounterKey, m.ID, at, fu.MeasureNames[m.ID], m.ClinicianRated, observation{ValueQuantity: x.quantity(m.ID, v, fw)})
		}
	}
	if len(a.Activities) == 0 {
		return
	}
	sum := 0
	var parts []obsComponent
	for _, act := range a.Activities {
		sum += act.Score
		score := float64(act.Score)
		parts = append(parts, obsComponent{Code: x.measureCode("psfs-activity", content.NFC(act.Name)), ValueQuantity: x.quantity("psfs", score, fw)})
	}
	average := float64(sum) / float64(len(a.Activities))
	x.observationAt(key, encounterKey, "psfs", at, fu.MeasureNames["psfs"], false, observation{ValueQuantity: x.quantity("psfs", average, fw), Component: parts})
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
	o.Code = x.measureCode(code, display)
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

func (x *exporter) quantity(id string, v float64, fw *wording.Course) *quantity {
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'f', 2, 64), 64) // an average to two places
	return &quantity{Value: v, Unit: fw.Units[id], System: ucum, Code: ucumUnits[id]}
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
