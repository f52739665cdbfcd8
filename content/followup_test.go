package content

import (
	"strings"
	"testing"

	"stemcounsel/model"
)

func TestBaselineWordingInBothLanguages(t *testing.T) {
	b, err := Load(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	note, _ := b.Page(model.LangVI, model.StepBaseline).Section("translation-note")
	if !strings.Contains(Fold(note), "chua duoc tham dinh") {
		t.Errorf("the Vietnamese wording of the measures must be marked as not yet validated: %q", note)
	}
	for _, lang := range model.Langs {
		p := b.Page(lang, model.StepBaseline)
		if RegretOn(p) {
			t.Errorf("%s: the Decision Regret Scale is on in the app's own content; only a clinic's overlay switches it on", lang)
		}
		text := strings.ToLower(p.PatientText())
		for _, paid := range []string{"koos", "womac", "eq-5d", "kccq", "mlhfq", "copd assessment test"} {
			if strings.Contains(text, paid) {
				t.Errorf("%s: the baseline offers %s, a licensed instrument", lang, paid)
			}
		}
	}
}

// TestRegretScaleOnlyWhole: a clinic's overlay switches the scale on with
// all its statements and its citation; a part of it is refused.
func TestRegretScaleOnlyWhole(t *testing.T) {
	withRegret := func(sections []string) Overlay {
		files := map[string]string{}
		for _, lang := range model.Langs {
			name := string(lang) + "/pages/baseline.md"
			text := builtInFile(t, name)
			var add strings.Builder
			for _, s := range sections {
				add.WriteString("<!-- section: " + s + " -->\nStatement " + s + ".\n\n")
			}
			files[name] = strings.Replace(text, "<!-- section: citation -->", add.String()+"<!-- section: citation -->", 1)
		}
		return clinicOverlay(files)
	}
	b, err := Load(withRegret(RegretSections))
	if err != nil || !RegretOn(b.Page(model.LangEN, model.StepBaseline)) {
		t.Fatalf("the whole scale switches it on: %v", err)
	}
	if _, err := Load(withRegret(RegretSections[:3])); err == nil || !strings.Contains(err.Error(), "Decision Regret Scale is asked whole") {
		t.Fatalf("a part of the scale must be refused: %v", err)
	}
}
