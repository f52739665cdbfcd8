package content

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"time"

	"stemcounsel/model"
)

// GroupSections are the sections every disease-group page has, in order.
var GroupSections = []string{
	"in-short", "aim", "evidence", "expect", "not-expect", "timing", "risks",
	"meaning-end-stage", "meaning-fibrosis", "meaning-immune-disorder",
	"sources", TalkingPoints,
}

// ItemSections are the sections a checklist item has, in order; "revisit"
// may stand before the talking points for items that can change.
var ItemSections = []string{"question", "why", "meaning", TalkingPoints}

// OutcomeSections are the sections of the outcome page.
var OutcomeSections = []string{
	string(model.OutcomeExclusionReported), string(model.OutcomeNeedsDoctorReview),
	string(model.OutcomeNoExclusionReported), "not-treating",
}

// ConsentPage is the page that asks a patient whether the session's record
// may be kept. It is not a step of the flow; ConsentDays in it stands for
// the days an unfinished record is kept, filled in when it is shown, so the
// text always says what the app does.
const (
	ConsentPage = "consent"
	ConsentDays = "{days}"
)

var datePattern = regexp.MustCompile(`^\d{2}/\d{2}/\d{4}$`)

// Validate checks a bundle as a whole: every step has its page, group pages
// are complete, and both languages have the same pages, ids and sections.
func Validate(b *Bundle) Problems {
	var probs Problems
	banned := foldPhrases(b.Banned)
	for _, lang := range model.Langs {
		set := b.Langs[lang]
		for _, step := range model.PageSteps {
			if set.Pages[string(step)] == nil {
				probs.add(path.Join(string(lang), "pages", string(step)+".md"), 0, "missing: every step needs a page")
			}
		}
		if p := set.Pages[ConsentPage]; p == nil {
			probs.add(path.Join(string(lang), "pages", ConsentPage+".md"), 0, "missing: the question on keeping the record needs its page")
		} else if !strings.Contains(p.PatientText(), ConsentDays) {
			probs.add(p.File, 0, "the consent page must say how long an unfinished record is kept with %s (the app fills in the days)", ConsentDays)
		}
		for _, g := range model.Groups {
			if set.Groups[g] == nil {
				probs.add(path.Join(string(lang), "groups", g+".md"), 0, "missing: every disease group needs a page")
			}
		}
		for _, id := range model.DefaultChecklist {
			if set.Checklist[id] == nil {
				probs.add(path.Join(string(lang), "checklist", id+".md"), 0, "missing: every default checklist item needs a file")
			}
		}
		for _, p := range set.Pages {
			probs = append(probs, checkPage(p)...)
			probs = append(probs, checkSources(p)...)
			probs = append(probs, checkOptionalMarks(p)...)
			switch model.StepID(p.ID) {
			case model.StepOutcome:
				probs = append(probs, checkSections(p, OutcomeSections)...)
			case model.StepOptions:
				probs = append(probs, checkOptions(p)...)
			case model.StepSure:
				probs = append(probs, checkSections(p, SureSections)...)
			case model.StepBaseline:
				probs = append(probs, checkBaseline(p)...)
			}
		}
		for _, p := range set.Groups {
			probs = append(probs, checkPage(p)...)
			probs = append(probs, checkGroup(p)...)
			probs = append(probs, checkNotExpect(p)...)
			probs = append(probs, checkInShort(p)...)
			probs = append(probs, checkSources(p)...)
			probs = append(probs, checkOptionalMarks(p)...)
		}
		for _, p := range set.Checklist {
			probs = append(probs, checkPage(p)...)
			probs = append(probs, checkSections(p, ItemSections)...)
		}
		general := 0
		for _, p := range set.Quiz {
			probs = append(probs, checkPage(p)...)
			probs = append(probs, checkQuiz(p, b.GroupIDs)...)
			if p.Group == "" {
				general++
			}
		}
		if general == 0 {
			// Every session asks them, whatever groups were chosen.
			probs.add(path.Join(string(lang), "quiz"), 0, "the knowledge check needs at least one general question (a question without \"group:\")")
		}
		for _, p := range set.Personas {
			probs = append(probs, checkPage(p)...)
			probs = append(probs, checkPersona(p, b.GroupIDs, b.ChecklistIDs)...)
		}
		probs = append(probs, checkQuizLengths(lang, set.Quiz)...)
		probs = append(probs, checkPersonaOutcomes(lang, set.Personas, b.ChecklistIDs)...)
		if len(set.Personas) < minPersonas {
			probs.add(path.Join(string(lang), "personas"), 0, "a trainer needs at least %d personas; found %d", minPersonas, len(set.Personas))
		}
		for _, kind := range []map[string]*Page{set.Pages, set.Groups, set.Checklist, set.Quiz} {
			for _, p := range kind {
				if tp, _ := p.Section(TalkingPoints); strings.TrimSpace(tp) == "" {
					probs.add(p.File, 0, "every page needs clinician talking points (a %q section)", TalkingPoints)
				}
			}
		}
		for _, kind := range []map[string]*Page{set.Pages, set.Groups, set.Checklist, set.Quiz, set.Personas, set.Measures} {
			for _, p := range kind {
				probs = append(probs, checkBanned(p, b.Banned, banned)...)
			}
		}
	}
	probs = append(probs, checkParity(b.Langs[model.LangVI].Pages, b.Langs[model.LangEN].Pages)...)
	probs = append(probs, checkParity(b.Langs[model.LangVI].Groups, b.Langs[model.LangEN].Groups)...)
	probs = append(probs, checkParity(b.Langs[model.LangVI].Checklist, b.Langs[model.LangEN].Checklist)...)
	probs = append(probs, checkParity(b.Langs[model.LangVI].Quiz, b.Langs[model.LangEN].Quiz)...)
	probs = append(probs, checkParity(b.Langs[model.LangVI].Personas, b.Langs[model.LangEN].Personas)...)
	probs = append(probs, checkParity(b.Langs[model.LangVI].Measures, b.Langs[model.LangEN].Measures)...)
	for k := range b.Clinic[model.LangVI] {
		if _, ok := b.Clinic[model.LangEN][k]; !ok {
			probs.add("en/clinic.txt", 0, "has no %q line; vi/clinic.txt has one", k)
		}
	}
	for k := range b.Clinic[model.LangEN] {
		if _, ok := b.Clinic[model.LangVI][k]; !ok {
			probs.add("vi/clinic.txt", 0, "has no %q line; en/clinic.txt has one", k)
		}
	}
	return probs
}

func (p *Page) line(key string) int {
	if l, ok := p.keyLines[key]; ok {
		return l
	}
	return 1
}

func checkPage(p *Page) Problems {
	var probs Problems
	if want := strings.TrimSuffix(path.Base(p.File), ".md"); p.ID != want {
		probs.add(p.File, p.line("id"), "id %q must equal the file name %q", p.ID, want)
	}
	if p.Title == "" && !strings.Contains(p.File, "/quiz/") {
		probs.add(p.File, p.line("title"), "title is required")
	}
	probs = append(probs, checkClinicRefs(p)...)
	if p.Status != "" && p.Status != "placeholder" {
		probs.add(p.File, p.line("status"), "status %q is unknown (valid: placeholder, or empty)", p.Status)
	}
	if (p.ReviewedBy == "") != (p.ReviewedOn == "") {
		probs.add(p.File, p.line("reviewed_by"), "reviewed_by and reviewed_on go together: name both or neither")
	}
	if p.ReviewedOn != "" {
		if _, err := time.Parse("02/01/2006", p.ReviewedOn); err != nil || !datePattern.MatchString(p.ReviewedOn) {
			probs.add(p.File, p.line("reviewed_on"), "reviewed_on %q must be a date dd/mm/yyyy", p.ReviewedOn)
		}
	}
	if strings.TrimSpace(p.PatientText()) == "" {
		probs.add(p.File, 0, "the page has no text for the patient")
	}
	return probs
}

func checkGroup(p *Page) Problems {
	var probs Problems
	for _, key := range []string{"summary", "keywords", "evidence"} {
		if _, ok := p.keyLines[key]; !ok || (key == "keywords" && len(p.Keywords) == 0) ||
			(key == "summary" && p.Summary == "") || (key == "evidence" && p.Evidence == "") {
			probs.add(p.File, p.line(key), "group pages need a non-empty %q", key)
		}
	}
	return append(probs, checkSections(p, GroupSections)...)
}

// checkSections reports required sections that are missing, empty or out of
// order.
func checkSections(p *Page, required []string) Problems {
	var probs Problems
	names := p.SectionNames()
	last := -1
	for _, want := range required {
		i := slices.Index(names, want)
		switch {
		case i < 0:
			probs.add(p.File, 0, "missing section %q (needed: %s)", want, strings.Join(required, ", "))
		case i < last:
			probs.add(p.File, p.Sections[i].Line, "section %q is out of order (needed: %s)", want, strings.Join(required, ", "))
		default:
			if body, _ := p.Section(want); strings.TrimSpace(body) == "" {
				probs.add(p.File, p.Sections[i].Line, "section %q is empty", want)
			}
			last = i
		}
	}
	return probs
}

// checkParity reports pages that exist in one language only, or whose
// structure differs between the two.
func checkParity(vi, en map[string]*Page) Problems {
	var probs Problems
	for id, p := range vi {
		q := en[id]
		if q == nil {
			probs.add(p.File, 0, "has no English counterpart %s", strings.Replace(p.File, "vi/", "en/", 1))
			continue
		}
		if a, b := p.SectionNames(), q.SectionNames(); !slices.Equal(a, b) {
			probs.add(q.File, 0, "sections differ from %s: en has [%s], vi has [%s]", p.File, strings.Join(b, " "), strings.Join(a, " "))
		}
		if p.Answer != q.Answer || p.Group != q.Group || p.Expectation != q.Expectation || p.Answers != q.Answers {
			probs.add(q.File, q.line("answer"), "answer, group, expectation and answers must match %s", p.File)
		}
		if p.Status != q.Status {
			probs.add(q.File, q.line("status"), "status %q differs from %s (%q)", q.Status, p.File, p.Status)
		}
		if (p.Evidence == "") != (q.Evidence == "") {
			probs.add(q.File, q.line("evidence"), "evidence line must be given in both languages or neither (see %s)", p.File)
		}
		// Recorded, not current: a sign-off that lapsed in one language is a
		// warning (the page shows as a draft), not a broken folder.
		if (p.ReviewedBy != "") != (q.ReviewedBy != "") {
			probs.add(q.File, q.line("reviewed_by"), "review must be recorded in both languages or neither (see %s)", p.File)
		}
	}
	for id, q := range en {
		if vi[id] == nil {
			probs.add(q.File, 0, "has no Vietnamese counterpart %s", strings.Replace(q.File, "en/", "vi/", 1))
		}
	}
	return probs
}
