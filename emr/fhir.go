package emr

import (
	"crypto/sha1"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
)

// DefaultBase names the app's FHIR canonical URLs, code systems and
// identifier systems until a clinic gives its own with FHIROptions.Base.
// The .invalid name never resolves, so nothing is ever fetched from it.
const DefaultBase = "https://stemcounsel.invalid/fhir"

// FHIROptions shape the FHIR export.
type FHIROptions struct {
	Options
	// Base is the clinic's URL for canonical URLs and code systems.
	Base string
	// Version is the app's version, for the Device and Provenance.
	Version string
	// Clinician, when given, is the Practitioner who authored the
	// clinician's parts: the knowledge check's teach-back marks.
	Clinician string
	// IncludeTraining exports a training session, marked as test data.
	IncludeTraining bool
	// PDF and Markdown are the record's documents for the
	// DocumentReference.
	PDF, Markdown []byte
}

// ErrTraining refuses a training session where patient data is expected.
var ErrTraining = errors.New("this is a training session, not a patient's; export it only with --include-training, and it is marked as test data")

// The code systems' canonical paths under the base.
const (
	csOutcome   = "/CodeSystem/outcome"
	csAnswer    = "/CodeSystem/answer"
	csChoice    = "/CodeSystem/knowledge-choice"
	csTeachBack = "/CodeSystem/teach-back"
	csConcern   = "/CodeSystem/concern"
	csValue     = "/CodeSystem/importance"
	csLeaning   = "/CodeSystem/leaning"
	idSession   = "/session-code"
	idPatient   = "/patient-ref"
	idDevice    = "/device"
	idRelease   = "/content-release"
	idResponse  = "/questionnaire-response"
	idDocument  = "/document"
	idFlag      = "/flag"
	idQuestion  = "/question-for-doctor"
)

// The instruments exported as Questionnaires.
const (
	qChecklist = "checklist"
	qKnowledge = "knowledge-check"
	qSure      = "sure"
	qValues    = string(model.StepValues)
)

// FHIRBundle writes one session as a FHIR R4 transaction Bundle: a
// Questionnaire per instrument (its URL versioned by the content release),
// QuestionnaireResponses for the checklist, the knowledge check and each
// SURE asking, a DocumentReference with the PDF and the Markdown, a
// Provenance, an Encounter tying them together, the record-keeping
// Consent (privacy scope, never treatment), a Flag per raised concern
// and a Communication per question for the doctor; with a follow-up, the
// baseline's Observations in that Encounter and an Encounter per visit
// with its Observations. Outcomes use the app's
// own codes, never an eligibility code. Every entry is a conditional
// create, so importing the same Bundle twice makes nothing twice.
func FHIRBundle(rec model.Record, b *content.Bundle, opt FHIROptions) ([]byte, error) {
	if rec.Training && !opt.IncludeTraining {
		return nil, ErrTraining
	}
	if rec.ContentVersion != b.Hash && !opt.AllowOtherContent {
		return nil, &ContentMismatchError{Shown: rec.ContentVersion, Given: b.Hash}
	}
	if opt.Base == "" {
		opt.Base = DefaultBase
	}
	x := &exporter{rec: rec, b: b, opt: opt, wd: wordsFor(rec.Lang)}
	x.build()
	out := fhirBundle{ResourceType: "Bundle", Type: "transaction", Timestamp: instant(latest(rec, opt.Visits)), Entry: x.entries}
	return json.MarshalIndent(out, "", "  ")
}

type exporter struct {
	rec     model.Record
	b       *content.Bundle
	opt     FHIROptions
	wd      *words
	entries []entry
	targets []reference
}

func instant(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// uuid is a name-based UUID (version 5 layout) from the session code and
// a key, so a Bundle exported twice has the same fullUrls.
func (x *exporter) uuid(key string) string {
	h := sha1.Sum([]byte(x.opt.Base + "\x00" + x.rec.Code + "\x00" + key))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", h[0:4], h[4:6], h[6:8], h[8:10], h[10:16])
}

func (x *exporter) ref(key string) *reference { return &reference{Reference: x.uuid(key)} }

func (x *exporter) id(system, value string) identifier {
	return identifier{System: x.opt.Base + system, Value: value}
}

// base marks every resource with its language and, for training, the
// HL7 code for test data.
func (x *exporter) base(kind string) base {
	b := base{ResourceType: kind, Language: string(x.rec.Lang)}
	if x.rec.Training {
		b.Meta = &meta{Tag: []coding{testData}}
	}
	return b
}

// add puts a resource in the Bundle as a conditional create.
func (x *exporter) add(key, kind string, res any, ifNoneExist string, target bool) {
	x.entries = append(x.entries, entry{FullURL: x.uuid(key), Resource: res, Request: request{Method: "POST", URL: kind, IfNoneExist: ifNoneExist}})
	if target {
		x.targets = append(x.targets, reference{Reference: x.uuid(key)})
	}
}

func ifIdentifier(id identifier) string { return "identifier=" + id.System + "|" + id.Value }

// patient is the patient as the record knows them: by the file number a
// doctor entered, or only as the patient of this session. The EMR links
// the real Patient on import.
func (x *exporter) patient() *reference {
	if x.rec.PatientRef != "" {
		id := x.id(idPatient, x.rec.PatientRef)
		return &reference{Type: "Patient", Identifier: &id, Display: x.rec.PatientRef}
	}
	return &reference{Type: "Patient", Display: fmt.Sprintf("%s %s", x.wd.SummaryCode, x.rec.Code)}
}

func (x *exporter) build() {
	x.device()
	if x.opt.Clinician != "" {
		x.add("practitioner", "Practitioner", practitioner{base: x.base("Practitioner"), Name: []humanName{{Text: x.opt.Clinician}}}, "", false)
	}
	x.encounter()
	x.consent()
	x.checklist()
	x.knowledge()
	x.sure()
	x.values()
	x.followUp()
	x.flags()
	x.communications()
	x.document()
	x.provenance()
}

func (x *exporter) device() {
	name := "stemcounsel"
	id := x.id(idDevice, name+" "+x.opt.Version)
	x.add("device", "Device", device{
		base: x.base("Device"), Identifier: []identifier{id}, Status: "active",
		DeviceName: []deviceName{{Name: name, Type: "manufacturer-name"}},
		Version:    []deviceValue{{Value: x.opt.Version}},
	}, ifIdentifier(id), false)
}

var encounterStatus = map[string]string{model.StatusFinished: "finished", model.StatusInProgress: "in-progress", model.StatusAbandoned: "cancelled"}

func (x *exporter) encounter() {
	id := x.id(idSession, x.rec.Code)
	p := period{Start: instant(x.rec.Started)}
	if !x.rec.Finished.IsZero() {
		p.End = instant(x.rec.Finished)
	}
	x.add("encounter", "Encounter", encounter{
		base: x.base("Encounter"), Identifier: []identifier{id}, Status: encounterStatus[x.rec.Status],
		Class:   coding{System: "http://terminology.hl7.org/CodeSystem/v3-ActCode", Code: "AMB", Display: "ambulatory"},
		Type:    []concept{{Text: x.wd.recordTitle}},
		Subject: x.patient(), Period: p,
	}, ifIdentifier(id), true)
}

// questionnaire adds an instrument's Questionnaire, once per content
// release, and returns its versioned canonical URL.
func (x *exporter) questionnaire(name, title string, items []qItem) string {
	url := x.opt.Base + "/Questionnaire/" + name
	status := "active"
	if !x.reviewed(name) {
		status = "draft"
	}
	x.add("questionnaire-"+name, "Questionnaire", questionnaire{
		base: x.base("Questionnaire"), URL: url, Version: x.b.Hash, Name: questionnaireName(name),
		Title: title, Status: status, Item: items,
	}, "url="+url+"&version="+x.b.Hash, false)
	return url + "|" + x.b.Hash
}

// reviewed: a Questionnaire is active only when its page has been
// clinically reviewed; until then it is a draft.
func (x *exporter) reviewed(name string) bool {
	p := x.b.Page(x.rec.Lang, model.StepID(name))
	return p != nil && p.Reviewed()
}

// questionnaireName is the computer-friendly name FHIR asks for.
func questionnaireName(id string) string {
	out := []rune{'S', 'C'}
	up := true
	for _, r := range id {
		if r == '-' {
			up = true
			continue
		}
		if up && r >= 'a' && r <= 'z' {
			r -= 'a' - 'A'
		}
		out = append(out, r)
		up = false
	}
	return string(out)
}

// translated is a text in the session's language with the other
// language's text as the core translation extension.
func (x *exporter) translated(text func(model.Lang) string) (string, *element) {
	other := x.rec.Lang.Other()
	t := text(other)
	if t == "" {
		return text(x.rec.Lang), nil
	}
	return text(x.rec.Lang), &element{Extension: []extension{{
		URL: "http://hl7.org/fhir/StructureDefinition/translation",
		Extension: []extension{
			{URL: "lang", ValueCode: string(other)},
			{URL: "content", ValueString: t},
		},
	}}}
}

func (x *exporter) answerCoding(a string) *coding {
	return &coding{System: x.opt.Base + csAnswer, Code: a, Display: x.wd.answer(a)}
}

func (x *exporter) answerOptions(codes ...string) []answerOption {
	var out []answerOption
	for _, c := range codes {
		out = append(out, answerOption{ValueCoding: *x.answerCoding(c)})
	}
	return out
}

func (x *exporter) response(key, questionnaire string, authored time.Time, author *reference, items []rItem) {
	id := x.id(idResponse, x.rec.Code+"-"+key)
	status := map[string]string{model.StatusFinished: "completed", model.StatusInProgress: "in-progress", model.StatusAbandoned: "stopped"}[x.rec.Status]
	qr := questionnaireResponse{
		base: x.base("QuestionnaireResponse"), Identifier: &id, Questionnaire: questionnaire, Status: status,
		Subject: x.patient(), Encounter: x.ref("encounter"), Authored: instant(authored), Author: author, Item: items,
	}
	if author != nil && author.Reference == x.uuid("device") {
		qr.Source = x.patient()
	}
	x.add("response-"+key, "QuestionnaireResponse", qr, ifIdentifier(id), true)
}

// answerer is who answered a part: the clinician when named, else the
// app that recorded it, with the patient as the source.
func (x *exporter) answerer(by string) *reference {
	if by == model.ByDoctor && x.opt.Clinician != "" {
		return x.ref("practitioner")
	}
	return x.ref("device")
}

func (x *exporter) checklist() {
	var qItems []qItem
	var rItems []rItem
	for _, id := range x.b.ChecklistIDs {
		title, titleExt := x.translated(func(l model.Lang) string { return pageTitle(x.b.Item(l, id)) })
		qtext, qext := x.translated(func(l model.Lang) string { return sectionText(x.b.Item(l, id), "question") })
		qItems = append(qItems, qItem{LinkID: id, Text: title, XText: titleExt, Type: "group", Item: []qItem{
			{LinkID: id + ".answer", Text: qtext, XText: qext, Type: "choice", AnswerOption: x.answerOptions("yes", "no", "not-sure")},
			{LinkID: id + ".note", Text: x.wd.NoteLabel, Type: "text"},
		}})
	}
	outcomes := []string{string(model.OutcomeExclusionReported), string(model.OutcomeNeedsDoctorReview), string(model.OutcomeNoExclusionReported)}
	var options []answerOption
	for _, o := range outcomes {
		options = append(options, answerOption{ValueCoding: coding{System: x.opt.Base + csOutcome, Code: o}})
	}
	qItems = append(qItems, qItem{LinkID: "outcome", Text: x.wd.outcome, Type: "choice", ReadOnly: true, AnswerOption: options})
	url := x.questionnaire(qChecklist, x.wd.SummaryChecklist, qItems)

	// An unanswered question is left out, as FHIR expects, rather than
	// given an "unanswered" code.
	for _, it := range x.rec.Checklist {
		group := rItem{LinkID: it.Item}
		if answered(it.Answer) {
			group.Item = append(group.Item, rItem{LinkID: it.Item + ".answer", Answer: []rAnswer{{ValueCoding: x.answerCoding(it.Answer)}}})
		}
		if it.Note != "" {
			group.Item = append(group.Item, rItem{LinkID: it.Item + ".note", Answer: []rAnswer{{ValueString: content.NFC(it.Note)}}})
		}
		if len(group.Item) > 0 {
			rItems = append(rItems, group)
		}
	}
	rItems = append(rItems, rItem{LinkID: "outcome", Answer: []rAnswer{{ValueCoding: &coding{System: x.opt.Base + csOutcome, Code: string(x.rec.Outcome)}}}})
	x.response(qChecklist, url, x.rec.Updated, x.answerer(x.rec.AnsweredBy), rItems)
}

func (x *exporter) knowledge() {
	var qItems []qItem
	for _, id := range x.b.QuizIDs {
		text, ext := x.translated(func(l model.Lang) string { return sectionText(x.b.Langs[l].Quiz[id], "question") })
		var choices []answerOption
		body, _ := x.b.Langs[x.rec.Lang].Quiz[id].Section("choices")
		for _, c := range content.Cells(body) {
			choices = append(choices, answerOption{ValueCoding: coding{System: x.opt.Base + csChoice, Code: id + "-" + c.Key, Display: plainMarkdown(c.Text)}})
		}
		qItems = append(qItems, qItem{LinkID: id, Text: text, XText: ext, Type: "group", Item: []qItem{
			{LinkID: id + ".answer", Text: text, Type: "choice", AnswerOption: choices},
			{LinkID: id + ".correct", Type: "boolean", ReadOnly: true, Text: x.wd.right},
			{LinkID: id + ".teach-back", Text: x.wd.SummaryTeachBack, Type: "choice", AnswerOption: []answerOption{
				{ValueCoding: coding{System: x.opt.Base + csTeachBack, Code: string(model.ExplainedBack)}},
				{ValueCoding: coding{System: x.opt.Base + csTeachBack, Code: string(model.ReExplained)}},
			}},
		}})
	}
	url := x.questionnaire(qKnowledge, x.wd.SummaryQuiz, qItems)
	if len(x.rec.Knowledge) == 0 {
		return
	}
	var items []rItem
	last := x.rec.Knowledge[0].At
	for _, q := range x.rec.Knowledge {
		correct := q.Correct
		group := rItem{LinkID: q.Question, Item: []rItem{
			{LinkID: q.Question + ".answer", Answer: []rAnswer{{ValueCoding: &coding{System: x.opt.Base + csChoice, Code: q.Question + "-" + q.Answer}}}},
			{LinkID: q.Question + ".correct", Answer: []rAnswer{{ValueBoolean: &correct}}},
		}}
		for _, tb := range x.rec.TeachBack {
			if tb.Question == q.Question {
				group.Item = append(group.Item, rItem{LinkID: q.Question + ".teach-back", Answer: []rAnswer{{ValueCoding: &coding{System: x.opt.Base + csTeachBack, Code: string(tb.Mark)}}}})
			}
		}
		items = append(items, group)
		if q.At.After(last) {
			last = q.At
		}
	}
	// Teach-back marks are the clinician's; without them the patient's
	// answers were recorded by the app.
	author := x.ref("device")
	if len(x.rec.TeachBack) > 0 && x.opt.Clinician != "" {
		author = x.ref("practitioner")
	}
	x.response(qKnowledge, url, last, author, items)
}

func (x *exporter) sure() {
	var qItems []qItem
	for i := range model.SureItems {
		text, ext := x.translated(func(l model.Lang) string {
			return sectionText(x.b.Page(l, model.StepSure), fmt.Sprintf("sure-%d", i+1))
		})
		qItems = append(qItems, qItem{LinkID: fmt.Sprintf("sure-%d", i+1), Text: text, XText: ext, Type: "choice", AnswerOption: x.answerOptions("yes", "no")})
	}
	qItems = append(qItems, qItem{LinkID: "score", Text: "SURE", Type: "integer", ReadOnly: true})
	url := x.questionnaire(qSure, x.wd.SummarySure, qItems)
	for n, s := range x.rec.Sure {
		var items []rItem
		for i, a := range s.Answers {
			if answered(a) {
				items = append(items, rItem{LinkID: fmt.Sprintf("sure-%d", i+1), Answer: []rAnswer{{ValueCoding: x.answerCoding(a)}}})
			}
		}
		score := s.Score
		items = append(items, rItem{LinkID: "score", Answer: []rAnswer{{ValueInteger: &score}}})
		x.response(fmt.Sprintf("%s-%d", qSure, n+1), url, s.At, x.answerer(s.AnsweredBy), items)
	}
}

// values is the values step: how much each value matters, and where the
// patient is leaning. Its Questionnaire is written only with content that
// has the step.
func (x *exporter) values() {
	if x.b.Page(x.rec.Lang, model.StepValues) == nil {
		return
	}
	var importances, leanings []answerOption
	for _, imp := range model.Importances {
		importances = append(importances, answerOption{ValueCoding: coding{System: x.opt.Base + csValue, Code: string(imp), Display: x.wd.importance[imp]}})
	}
	for _, l := range model.Leanings {
		leanings = append(leanings, answerOption{ValueCoding: coding{System: x.opt.Base + csLeaning, Code: string(l), Display: cellText(x.b.Page(x.rec.Lang, model.StepValues), "leanings", string(l))}})
	}
	var qItems []qItem
	for _, id := range model.ValueIDs {
		text, ext := x.translated(func(l model.Lang) string { return cellText(x.b.Page(l, model.StepValues), "values", id) })
		qItems = append(qItems, qItem{LinkID: id, Text: text, XText: ext, Type: "choice", AnswerOption: importances})
	}
	text, ext := x.translated(func(l model.Lang) string { return sectionText(x.b.Page(l, model.StepValues), "leaning") })
	qItems = append(qItems, qItem{LinkID: "leaning", Text: text, XText: ext, Type: "choice", AnswerOption: leanings})
	url := x.questionnaire(qValues, pageTitle(x.b.Page(x.rec.Lang, model.StepValues)), qItems)
	if len(x.rec.Values) == 0 && x.rec.Leaning == "" {
		return
	}
	var items []rItem
	for _, v := range x.rec.Values {
		items = append(items, rItem{LinkID: v.Value, Answer: []rAnswer{{ValueCoding: &coding{System: x.opt.Base + csValue, Code: string(v.Importance)}}}})
	}
	if x.rec.Leaning != "" {
		items = append(items, rItem{LinkID: "leaning", Answer: []rAnswer{{ValueCoding: &coding{System: x.opt.Base + csLeaning, Code: string(x.rec.Leaning)}}}})
	}
	x.response(qValues, url, x.rec.Updated, x.answerer(x.rec.AnsweredBy), items)
}

func (x *exporter) flags() {
	for _, c := range x.rec.Concerns {
		id := x.id(idFlag, x.rec.Code+"-"+string(c.ID))
		x.add("flag-"+string(c.ID), "Flag", flag{
			base: x.base("Flag"), Identifier: []identifier{id}, Status: "active",
			Code:    concept{Coding: []coding{{System: x.opt.Base + csConcern, Code: string(c.ID)}}, Text: orID(x.wd.ConcernNames[c.ID], string(c.ID))},
			Subject: *x.patient(), Period: &period{Start: instant(x.rec.Updated)}, Encounter: x.ref("encounter"),
		}, ifIdentifier(id), true)
	}
}

func (x *exporter) communications() {
	for i, q := range x.rec.Questions {
		id := x.id(idQuestion, fmt.Sprintf("%s-%d", x.rec.Code, i+1))
		x.add(fmt.Sprintf("question-%d", i+1), "Communication", communication{
			base: x.base("Communication"), Identifier: []identifier{id}, Status: "completed",
			Category: []concept{{Text: fmt.Sprintf("%s (%s %s)", x.wd.SummaryQuestions, x.wd.askedOn, stepTitle(x.b, x.rec.Lang, q.Page))}},
			Subject:  x.patient(), Encounter: x.ref("encounter"), Sent: instant(q.At), Sender: x.patient(),
			Payload: []payload{{ContentString: content.NFC(q.Text)}},
		}, ifIdentifier(id), true)
	}
}

func (x *exporter) document() {
	var parts []docContent
	for _, d := range []struct {
		kind string
		data []byte
	}{{"application/pdf", x.opt.PDF}, {"text/markdown", x.opt.Markdown}} {
		if len(d.data) == 0 {
			continue
		}
		sum := sha1.Sum(d.data)
		parts = append(parts, docContent{Attachment: attachment{
			ContentType: d.kind, Language: string(x.rec.Lang), Data: d.data, Size: len(d.data), Hash: sum[:],
			Title: x.wd.recordTitle + " " + x.rec.Code, Creation: instant(x.rec.Updated),
		}})
	}
	if len(parts) == 0 {
		return
	}
	id := x.id(idDocument, x.rec.Code)
	docStatus := "preliminary"
	if x.rec.Status == model.StatusFinished {
		docStatus = "final"
	}
	x.add("document", "DocumentReference", documentReference{
		base: x.base("DocumentReference"), Identifier: []identifier{id}, Status: "current", DocStatus: docStatus,
		Type: &concept{Text: x.wd.SummaryNotConsent}, Subject: x.patient(), Date: instant(x.rec.Updated),
		Author: []reference{*x.ref("device")}, Content: parts,
		Context: &docContext{Encounter: []reference{*x.ref("encounter")}},
	}, ifIdentifier(id), true)
}

// provenance says what made every other resource: the app and its
// version, the clinician when named, the patient who answered, and the
// content release shown.
func (x *exporter) provenance() {
	agentType := func(code string) *concept {
		return &concept{Coding: []coding{{System: "http://terminology.hl7.org/CodeSystem/provenance-participant-type", Code: code}}}
	}
	agents := []provAgent{{Type: agentType("assembler"), Who: *x.ref("device")}}
	if x.opt.Clinician != "" {
		agents = append(agents, provAgent{Type: agentType("author"), Who: *x.ref("practitioner")})
	}
	if slices.Contains([]string{model.ByPatient, model.ByDoctor}, x.rec.AnsweredBy) {
		agents = append(agents, provAgent{Type: agentType("informant"), Who: *x.patient()})
	}
	release := x.id(idRelease, x.rec.ContentVersion)
	x.add("provenance", "Provenance", provenance{
		base: x.base("Provenance"), Target: x.targets, Recorded: instant(x.rec.Updated), Agent: agents,
		Entity: []provEnt{{Role: "source", What: reference{Identifier: &release, Display: x.wd.SummaryContent + " " + x.rec.ContentVersion}}},
	}, "", false)
}

func answered(stored string) bool { return stored != "" && stored != model.Unanswered.String() }

func pageTitle(p *content.Page) string {
	if p == nil {
		return ""
	}
	return p.Title
}

func sectionText(p *content.Page, name string) string {
	if p == nil {
		return ""
	}
	s, _ := p.Section(name)
	return plainMarkdown(s)
}
