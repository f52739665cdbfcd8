package ui

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/emr"
	"stemcounsel/model"
	"stemcounsel/records"
)

// koosContent is the built-in content with a clinic's overlay that adds
// a licensed instrument, the KOOS pain subscale, for knees.
func koosContent(t *testing.T) *content.Bundle {
	t.Helper()
	b, err := content.Load(content.Overlay{Base: content.Embedded(), Top: os.DirFS("../content/testdata/overlay-koos"), TopName: "clinic"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestClinicMeasureOnEveryScreen: a measure a clinic adds in its overlay
// is asked at the baseline and at the visit (the kiosk's too: the patient
// rates it), kept in the record, charted on the timeline and exported to
// FHIR with its codes.
func TestClinicMeasureOnEveryScreen(t *testing.T) {
	b := koosContent(t)
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor, Groups: []string{"joint"}}, 80, 40)
	m.session.NextStep = model.NextAssessmentBooked
	m.session.Code = "ACD349"
	atStep(t, m, model.StepBaseline)
	for range 8 { // the two pains and three activities come first
		send(m, press("down"))
	}
	send(m, keys("4", "2")...)
	if view := visible(m); !strings.Contains(view, "KOOS pain (0–100)") || !strings.Contains(view, "licensed form") {
		t.Fatalf("the baseline asks the clinic's measure in its words:\n%s", view)
	}
	if got := m.session.Baseline; got == nil || got.Scores["koos-pain"] != 42 {
		t.Fatalf("baseline %+v", got)
	}
	if !strings.Contains(unwrapAll(m), "Mapi Research Trust") {
		t.Errorf("the baseline does not say the clinic's licence:\n%s", unwrapAll(m))
	}
	rec := m.Record()
	rec.Status = model.StatusFinished
	store := records.OpenFolder(t.TempDir())
	if err := store.Close(rec, []byte("# r\n")); err != nil {
		t.Fatal(err)
	}

	v := newVisit(t, VisitOptions{Content: b, Store: store, Session: rec}, testClock.Add(182*day))
	visitKeys(v, "down", "down", "6", "5")
	text := visitText(v)
	if !strings.Contains(text, "KOOS pain (0–100): 65") || !strings.Contains(text, "42 → 65, 23 points better: beyond the detectable change") {
		t.Fatalf("the visit asks it again and charts its change:\n%s", text)
	}
	visitKeys(v, "ctrl+s")
	saved := v.Saved()
	if saved == nil || saved.Scores["koos-pain"] != 65 {
		t.Fatalf("saved %+v", saved)
	}
	visits, err := store.Visits("ACD349")
	if err != nil || len(visits) != 1 {
		t.Fatalf("visits %v, %v", visits, err)
	}
	if md := doc.Visits(rec, visits, b, 80, doc.ChartWords); !strings.Contains(md, "KOOS pain (0–100): **65**") || !strings.Contains(md, "less knee pain") {
		t.Errorf("the record's copy lacks the clinic's measure:\n%s", md)
	}
	raw, err := emr.FHIRBundle(rec, b, emr.FHIROptions{Base: "https://clinic.example", Version: "test", Options: emr.Options{Visits: visits}})
	if err != nil {
		t.Fatal(err)
	}
	var bundle struct {
		Entry []struct {
			Resource struct {
				ResourceType string
				Code         struct {
					Coding []struct{ System, Code string }
				}
				ValueQuantity *struct {
					Value float64
					Code  string
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &bundle); err != nil {
		t.Fatal(err)
	}
	var exported []float64
	for _, e := range bundle.Entry {
		r := e.Resource
		if r.ResourceType != "Observation" || len(r.Code.Coding) != 2 || r.Code.Coding[0].Code != "koos-pain" {
			continue
		}
		if c := r.Code.Coding[1]; c.System != "http://loinc.org" || c.Code != "00000-0" || r.ValueQuantity == nil || r.ValueQuantity.Code != "{score}" {
			t.Errorf("the clinic's measure is exported without its LOINC code or unit: %+v", r)
			continue
		}
		exported = append(exported, r.ValueQuantity.Value)
	}
	if len(exported) != 2 || exported[0] != 42 || exported[1] != 65 {
		t.Errorf("the baseline's and the visit's KOOS are not both exported: %v", exported)
	}

	kiosk := newVisit(t, VisitOptions{Content: b, Store: store, Session: rec, Kiosk: true}, testClock.Add(190*day))
	if text := visitText(kiosk); !strings.Contains(text, "KOOS pain") {
		t.Errorf("the patient rates the clinic's measure at the kiosk too:\n%s", text)
	}
}
