package model

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

type seededReader struct{ r *rand.ChaCha8 }

func (s seededReader) Read(p []byte) (int, error) { return s.r.Read(p) }

func newSeeded(seed byte) seededReader {
	var k [32]byte
	k[0] = seed
	return seededReader{rand.NewChaCha8(k)}
}

func TestNewCode(t *testing.T) {
	seen := map[string]bool{}
	r := newSeeded(1)
	for range 500 {
		c, err := NewCode(r)
		if err != nil {
			t.Fatal(err)
		}
		if !ValidCode(c) || strings.ContainsAny(c, "0O1IL2Z5S8B") {
			t.Fatalf("bad code %q", c)
		}
		seen[c] = true
	}
	if len(seen) < 495 {
		t.Fatalf("codes repeat too often: %d distinct of 500", len(seen))
	}
	a, _ := NewCode(newSeeded(7))
	b, _ := NewCode(newSeeded(7))
	if a != b {
		t.Fatal("the same random source must give the same code")
	}
	if _, err := NewCode(bytes.NewReader(nil)); err == nil {
		t.Fatal("an empty random source must fail")
	}
	for _, bad := range []string{"", "ABC12", "ABCDEF0", "abcdef", "AB-DEF"} {
		if ValidCode(bad) {
			t.Errorf("%q must not be valid", bad)
		}
	}
}

var items = DefaultChecklist

// richSession has something in every field a record keeps.
func richSession(role Role) *Session {
	at := func(m int) time.Time { return t0.Add(time.Duration(m) * time.Minute) }
	s := NewSession(LangVI, role, t0)
	s.Code = "ACD349"
	s.Groups = []string{"joint", "lung"}
	s.Next(at(1))
	s.JumpTo(StepChecklist, at(2))
	s.SetAnswer("end-stage", No)
	s.SetAnswer("fibrosis", NotSure)
	s.SetNote("fibrosis", "CT # | `x`")
	s.AnswerQuiz("general-1", "a", false, true, at(3))
	s.AnswerQuiz("general-2", "b", true, false, at(3))
	s.MarkTeachBack("general-1", ReExplained)
	for i := range SureItems {
		s.SetSure(i, Yes, AnsweredBy(role), at(4))
	}
	s.SetSure(1, No, AnsweredBy(role), at(5))
	s.AskSureAgain(AnsweredBy(role), at(6))
	s.SetSure(0, Yes, AnsweredBy(role), at(6))
	s.AddQuestion("Chi phí?", StepOptions, at(7))
	if role == RoleDoctor {
		s.PatientRef = "BN-1" // only a doctor-led session records it
	}
	s.NextStep = NextUndecided
	if role == RoleTrainer {
		s.Persona = "knee-oa"
	}
	s.JumpTo(StepSure, at(8))
	return s
}

func TestRecordRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		s    *Session
	}{
		{"new patient session", func() *Session { s := NewSession(LangEN, RolePatient, t0); s.Code = "XYW346"; return s }()},
		{"doctor, everything filled", richSession(RoleDoctor)},
		{"trainer with persona", richSession(RoleTrainer)},
		{"patient", richSession(RolePatient)},
		{"kiosk patient", func() *Session { s := richSession(RolePatient); s.Kiosk = true; return s }()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.s.Record(StatusInProgress, "abc123", items, t0.Add(time.Hour))
			data, err := json.Marshal(rec)
			if err != nil {
				t.Fatal(err)
			}
			var back Record
			if err := json.Unmarshal(data, &back); err != nil {
				t.Fatal(err)
			}
			got, err := back.Session()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.s) {
				t.Fatalf("resume differs:\n got %+v\nwant %+v", got, tt.s)
			}
		})
	}
}

func TestRecordFields(t *testing.T) {
	s := richSession(RoleDoctor)
	rec := s.Record(StatusFinished, "abc123", items, t0.Add(time.Hour))
	data, _ := json.Marshal(rec)
	js := string(data)
	for _, want := range []string{
		`"schema":1`, `"status":"finished"`, `"code":"ACD349"`, `"answered_by":"doctor"`, `"training":false`,
		`"patient_ref":"BN-1"`, `"content_version":"abc123"`, `"outcome":"needs-doctor-review"`,
		`"concerns":[{"id":"expectations-discussion","questions":["general-1"]}]`,
		`"teach_back":[{"question":"general-1","mark":"re-explained"}]`, `"next_step":"undecided"`,
		`"started":"2026-11-24T09:00:00Z"`, `"finished":"2026-11-24T10:00:00Z"`, `"skipped":["values"]`,
		`"questions":[{"text":"Chi phí?","page":"options"`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("record lacks %s:\n%s", want, js)
		}
	}
	p := richSession(RolePatient)
	if pr := p.Record(StatusInProgress, "x", items, t0); pr.PatientRef != "" || pr.AnsweredBy != ByPatient {
		t.Fatal("a patient's record holds no identifier")
	}
	if tr := richSession(RoleTrainer).Record(StatusFinished, "x", items, t0); !tr.Training || tr.AnsweredBy != ByPersona || tr.Persona != "knee-oa" {
		t.Fatalf("a trainer's record is training: %+v", tr)
	}
}

func TestRecordRejectsBadData(t *testing.T) {
	good := richSession(RoleDoctor).Record(StatusInProgress, "x", items, t0)
	tests := []struct {
		name   string
		mutate func(r *Record)
	}{
		{"schema", func(r *Record) { r.Schema = 99 }},
		{"code", func(r *Record) { r.Code = "nope" }},
		{"language", func(r *Record) { r.Lang = "fr" }},
		{"answer", func(r *Record) { r.Checklist[0].Answer = "maybe" }},
		{"sure", func(r *Record) { r.Sure[0].Answers = r.Sure[0].Answers[:2] }},
		// A record changed by hand must never drive the reader's terminal.
		{"status", func(r *Record) { r.Status = "\x1b]2;PWN\x07" }},
		{"unknown status", func(r *Record) { r.Status = "deleted" }},
		{"question text", func(r *Record) { r.Questions[0].Text = "\x1b]52;c;SGVsbG8=\x07cost?" }},
		{"note", func(r *Record) { r.Checklist[0].Note = "ok\u009b31m" }},
		{"file number", func(r *Record) { r.PatientRef = "BN\x07" }},
	}
	for _, tt := range tests {
		r := good
		r.Checklist = append([]RecordItem{}, good.Checklist...)
		r.Sure = append([]RecordSure{}, good.Sure...)
		r.Questions = append([]RecordQuestion{}, good.Questions...)
		tt.mutate(&r)
		if _, err := r.Session(); err == nil {
			t.Errorf("%s: a bad record must not resume silently", tt.name)
		}
	}
}
