package emr

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
)

// vietnameseLetters is every letter of Vietnamese: each vowel with each
// tone, both cases, and đ.
const vietnameseLetters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ" +
	"AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ"

// vietnameseWords are those letters in short groups, as typed text would
// break them.
var vietnameseWords = func() string {
	r := []rune(vietnameseLetters)
	var groups []string
	for len(r) > 0 {
		n := min(12, len(r))
		groups = append(groups, string(r[:n]))
		r = r[n:]
	}
	return strings.Join(groups, " ")
}()

var t0 = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)

// bundle is the built-in content, loaded once: the documents only read it.
var bundle = func() func(testing.TB) *content.Bundle {
	var once sync.Once
	var b *content.Bundle
	var err error
	return func(t testing.TB) *content.Bundle {
		t.Helper()
		once.Do(func() { b, err = content.Load(content.Embedded()) })
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
}()

// sampleRecord walks a doctor-led session through every step with every
// group chosen, every checklist item answered with a long note, the whole
// knowledge check, two SURE askings and questions for the doctor.
func sampleRecord(t testing.TB, b *content.Bundle, lang model.Lang, role model.Role) model.Record {
	t.Helper()
	now := t0
	tick := func() time.Time { now = now.Add(37 * time.Second); return now }
	s := model.NewSession(lang, role, now)
	s.Code = "ACD349"
	s.Groups = append([]string{}, b.GroupIDs...)
	if role == model.RoleTrainer {
		s.Persona = b.PersonaIDs[0]
	}
	if role == model.RoleDoctor {
		s.PatientRef = "BN-0042 " + string([]rune(vietnameseLetters)[:12])
		s.NextStep = model.NextAssessmentBooked
	}
	for s.Next(tick()) {
	}
	s.JumpTo(model.StepOptions, tick())
	answers := []model.Answer{model.No, model.NotSure, model.Yes, model.No, model.Unanswered}
	for i, id := range b.ChecklistIDs {
		s.SetAnswer(id, answers[i%len(answers)])
		s.SetNote(id, fmt.Sprintf("Ghi chú %d: %s. %s", i+1, vietnameseWords, strings.Repeat("Người bệnh kể lại tiền sử dài và chi tiết; cần xem lại hồ sơ cũ. ", 6)))
	}
	for _, q := range b.Quiz(lang, s.Groups) {
		choice := q.Choices[0].Key
		s.AnswerQuiz(q.ID, choice, choice == q.Answer, q.Expectation, tick())
		s.MarkTeachBack(q.ID, model.ExplainedBack)
	}
	for i := range model.SureItems {
		s.SetSure(i, model.No, model.ByDoctor, tick())
	}
	s.AskSureAgain(model.ByDoctor, tick())
	for i := range model.SureItems {
		s.SetSure(i, model.Yes, model.ByDoctor, tick())
	}
	for i, id := range model.ValueIDs {
		if err := s.SetValue(id, model.Importances[i%len(model.Importances)]); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetLeaning(model.LeanCellTherapy); err != nil {
		t.Fatal(err)
	}
	s.AddQuestion("Chi phí thật sự là bao nhiêu? "+vietnameseWords, model.StepOptions, tick())
	s.AddQuestion(strings.Repeat("Tôi có phải ngừng thuốc đang dùng không? ", 8), model.StepApproval, tick())
	s.AddQuestion(vietnameseLetters, model.StepApproval, tick()) // one word longer than a line
	if role != model.RolePatient {
		s.Baseline = &model.Assessment{At: tick(), Scores: map[string]float64{"pain-usual": 6, "pain-worst": 8, "nyha": 3, "six-minute-walk": 280},
			Activities: []model.Activity{{Name: "leo cầu thang " + vietnameseWords, Score: 3}, {Name: "đi chợ", Score: 4}}}
	}
	return s.Record(model.StatusFinished, b.Hash, b.ChecklistIDs, tick())
}

// sampleVisits are two visits of a sample session with a baseline: a
// doctor's at a month, with every part, and a patient's at the kiosk at
// three months; a training session's are practice visits.
func sampleVisits(rec model.Record) []model.VisitRecord {
	if rec.Baseline == nil {
		return nil
	}
	doctor := model.VisitRecord{Schema: model.VisitSchema, Session: rec.Code, Number: 1, Lang: rec.Lang, EnteredBy: model.VisitByDoctor,
		Practice: rec.Training, ContentVersion: rec.ContentVersion, Regret: []int{4, 2, 4, 5, 4},
		Visit: model.Visit{Assessment: model.Assessment{At: rec.Baseline.At.Add(30 * 24 * time.Hour),
			Scores:     map[string]float64{"pain-usual": 5, "pain-worst": 4, "nyha": 2, "six-minute-walk": 330},
			Activities: []model.Activity{{Name: rec.Baseline.Activities[0].Name, Score: 7}, {Name: "đi chợ", Score: 4}}},
			Impression: model.MuchImproved, Decision: model.DecisionContinue,
			SideEffects: model.SideEffects{Fever: true, Text: "Sốt nhẹ hai ngày sau tiêm; " + vietnameseWords}}}
	kiosk := model.VisitRecord{Schema: model.VisitSchema, Session: rec.Code, Number: 2, Lang: rec.Lang, EnteredBy: model.VisitByKiosk, Kiosk: true,
		Practice: rec.Training, ContentVersion: "older-release",
		Visit: model.Visit{Assessment: model.Assessment{At: rec.Baseline.At.Add(90 * 24 * time.Hour),
			Scores:     map[string]float64{"pain-usual": 6, "pain-worst": 7},
			Activities: []model.Activity{{Name: rec.Baseline.Activities[0].Name, Score: 4}, {Name: "đi chợ", Score: 5}}},
			Impression: model.NoChange}}
	return []model.VisitRecord{doctor, kiosk}
}

var (
	samplesMu sync.Mutex
	samples   = map[string][]byte{}
)

// samplePDF is the record PDF of a sample session, made once per test
// binary: laying out a long record under the race detector is slow.
func samplePDF(t testing.TB, b *content.Bundle, lang model.Lang, role model.Role, paper Paper) (model.Record, []byte) {
	t.Helper()
	rec := sampleRecord(t, b, lang, role)
	key := fmt.Sprint(lang, role, paper)
	samplesMu.Lock()
	defer samplesMu.Unlock()
	if pdf, ok := samples[key]; ok {
		return rec, pdf
	}
	pdf, err := RecordPDF(rec, b, Options{Paper: paper, Software: "stemcounsel test", Visits: sampleVisits(rec)})
	if err != nil {
		t.Fatal(err)
	}
	samples[key] = pdf
	return rec, pdf
}

// needPoppler finds a poppler tool. Without it the test skips, unless
// STEMCOUNSEL_E2E=required (as CI sets it), where it fails instead.
func needPoppler(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("STEMCOUNSEL_E2E") == "required" {
			t.Fatalf("%s is required (STEMCOUNSEL_E2E=required) but is not installed; Debian's poppler-utils has it", tool)
		}
		t.Skipf("%s is not installed (Debian: poppler-utils)", tool)
	}
	return p
}

func writeTemp(t *testing.T, data []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}

func poppler(t *testing.T, tool string, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := exec.Command(needPoppler(t, tool), args...)
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, errb.String())
	}
	if strings.Contains(errb.String(), "Syntax Error") || strings.Contains(errb.String(), "Error") {
		t.Fatalf("%s found errors in the file:\n%s", tool, errb.String())
	}
	return out.String()
}

// pageTexts is the text of each page, in drawing order.
func pageTexts(t *testing.T, pdf []byte) []string {
	t.Helper()
	out := poppler(t, "pdftotext", "-raw", "-enc", "UTF-8", writeTemp(t, pdf), "-")
	pages := strings.Split(out, "\f")
	if pages[len(pages)-1] == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// squash makes wrapped text comparable with the source: one space for any
// run of white space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// mustMeasure is a measure of the content.
func mustMeasure(t *testing.T, b *content.Bundle, id string) model.Measure {
	t.Helper()
	m, ok := b.Measures.ByID(id)
	if !ok {
		t.Fatalf("the content has no measure %s", id)
	}
	return m
}
