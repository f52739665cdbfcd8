package content

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"stemcounsel/model"
)

func clinicOverlay(files map[string]string) Overlay {
	top := fstest.MapFS{}
	for name, text := range files {
		top[name] = &fstest.MapFile{Data: []byte(text)}
	}
	return Overlay{Base: Embedded(), Top: top, TopName: "clinic"}
}

func builtInFile(t *testing.T, name string) string {
	t.Helper()
	data, err := fs.ReadFile(Embedded(), name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestOverlayOfClinicFactsOnlyChangesTheFacts(t *testing.T) {
	base, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	facts := map[string]string{}
	for _, lang := range model.Langs {
		name := string(lang) + "/clinic.txt"
		facts[name] = strings.Replace(builtInFile(t, name), "\nname:", "\nname: Phòng khám An Bình", 1)
	}
	b, err := Load(clinicOverlay(facts))
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range model.Langs {
		if got := b.Clinic[lang]["name"]; got != "Phòng khám An Bình" {
			t.Fatalf("%s: clinic name %q", lang, got)
		}
		shown := 0
		for id, p := range b.Langs[lang].Pages {
			before := base.Langs[lang].Pages[id]
			if p.PatientText() != before.PatientText() {
				t.Errorf("%s/%s: the overlay changed a page it does not hold", lang, id)
			}
			if filled := b.FillClinic(lang, p.PatientText(), "-"); strings.Contains(filled, "Phòng khám An Bình") {
				shown++
			}
		}
		if shown == 0 {
			t.Errorf("%s: no page shows the clinic's name", lang)
		}
	}
	if b.Hash == base.Hash {
		t.Error("the merged content must have its own hash, so a record names what it showed")
	}
}

func TestOverlayProblemsNameTheClinicFile(t *testing.T) {
	_, err := Load(clinicOverlay(map[string]string{"en/pages/approval.md": "---\nid: approval\ntitle: x\n"}))
	if err == nil || !strings.Contains(err.Error(), "clinic/en/pages/approval.md:1: front matter not closed") {
		t.Fatalf("a broken overlay page: %v", err)
	}
}

func TestOverlayAddsBannedWording(t *testing.T) {
	page := builtInFile(t, "en/pages/approval.md")
	phrase := strings.Fields(strings.SplitN(page, "---\n", 3)[2])[0]
	_, err := Load(clinicOverlay(map[string]string{"en/banned-extra.txt": phrase + "\n"}))
	if err == nil || !strings.Contains(err.Error(), "approval.md") {
		t.Fatalf("a phrase the clinic bans must be refused in the built-in pages too: %v", err)
	}
	if _, err := Load(clinicOverlay(map[string]string{"en/banned-extra.txt": "# none yet\n"})); err != nil {
		t.Fatalf("the built-in banned list must still apply and pass: %v", err)
	}
}

func TestChangedPageLosesItsSignOff(t *testing.T) {
	files := map[string]string{}
	for _, lang := range model.Langs {
		name := string(lang) + "/pages/approval.md"
		signed, err := SignOff([]byte(builtInFile(t, name)), "BS. Lan", "01/12/2026")
		if err != nil {
			t.Fatal(err)
		}
		files[name] = string(signed)
	}
	o := clinicOverlay(files)
	b, err := Load(o)
	if err != nil {
		t.Fatal(err)
	}
	if p := b.Page(model.LangEN, model.StepApproval); !p.Reviewed() {
		t.Fatal("a signed-off page must show as reviewed")
	}
	if w := Warnings(b, o, func(model.Lang) string { return "-" }); strings.Contains(w.Error(), "lapsed") {
		t.Fatalf("nothing changed, nothing lapsed: %v", w)
	}
	files["en/pages/approval.md"] += "\nOne more sentence.\n"
	o = clinicOverlay(files)
	if b, err = Load(o); err != nil {
		t.Fatal(err)
	}
	if p := b.Page(model.LangEN, model.StepApproval); p.Reviewed() {
		t.Fatal("a page changed after its sign-off must show as a draft again")
	}
	if w := Warnings(b, o, func(model.Lang) string { return "-" }); !strings.Contains(w.Error(), "clinic/en/pages/approval.md:5: the sign-off by BS. Lan on 01/12/2026 has lapsed") {
		t.Fatalf("the lapse must be a warning naming the file: %v", w)
	}
}

func TestSignOffRefusesWhatIsNotAReview(t *testing.T) {
	raw := []byte(builtInFile(t, "en/pages/approval.md"))
	for _, c := range []struct{ who, date string }{{"", "01/12/2026"}, {"BS. Lan", "2026-12-01"}, {"BS. Lan", "31/02/2026"}, {"a: b", "01/12/2026"}} {
		if _, err := SignOff(raw, c.who, c.date); err == nil {
			t.Errorf("SignOff(%q, %q) must be refused", c.who, c.date)
		}
	}
}

func TestEmptyFactsWarnWithWhatPatientsSee(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	w := Warnings(b, Embedded(), func(l model.Lang) string { return "missing-" + string(l) })
	if len(w) != len(ClinicKeys)*len(model.Langs) {
		t.Fatalf("every empty fact in every language warns once: %d warnings\n%v", len(w), w)
	}
	if !strings.Contains(w.Error(), "vi/clinic.txt: funding is empty: patients see \"missing-vi\" instead, on: about") {
		t.Fatalf("a warning says what patients see and where:\n%v", w)
	}
}

func TestTypedClinicFactsAreChecked(t *testing.T) {
	facts := strings.Replace(builtInFile(t, "en/clinic.txt"), "\nside_effects_phone:", "\nside_effects_phone: call us", 1)
	facts = strings.Replace(facts, "\nmoh_approval_date:", "\nmoh_approval_date: 2026-12-01", 1)
	_, err := Load(clinicOverlay(map[string]string{"en/clinic.txt": facts}))
	if err == nil || !strings.Contains(err.Error(), "clinic/en/clinic.txt:") ||
		!strings.Contains(err.Error(), "a telephone number holds digits") || !strings.Contains(err.Error(), "write a date as dd/mm/yyyy") {
		t.Fatalf("a wrong phone number and date must be named with file and line: %v", err)
	}
	facts = strings.Replace(builtInFile(t, "en/clinic.txt"), "\nside_effects_phone:", "\nside_effects_phone: +84 (28) 3822-1234", 1)
	b, err := Load(clinicOverlay(map[string]string{"en/clinic.txt": facts}))
	if err != nil || b.Clinic[model.LangEN]["side_effects_phone"] != "+84 (28) 3822-1234" {
		t.Fatalf("a real phone number: %v", err)
	}
}

// TestOverlayRefusesALinkOutOfTheClinicFolder: a link in the clinic's
// folder is not followed (clinic.txt -> /etc/passwd would print its lines).
func TestOverlayRefusesALinkOutOfTheClinicFolder(t *testing.T) {
	top := fstest.MapFS{"en/clinic.txt": &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}}
	_, err := Load(Overlay{Base: Embedded(), Top: top, TopName: "clinic"})
	if err == nil || !strings.Contains(err.Error(), "en/clinic.txt: cannot read: not a regular file") {
		t.Fatalf("a link in the clinic's folder: %v", err)
	}
}
