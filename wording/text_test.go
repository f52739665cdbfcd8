package wording

import (
	"reflect"
	"strings"
	"testing"

	"stemcounsel/model"
)

// TestTextComplete guards the wording tables: every string is filled in
// every language, and every map names each value of its enum.
func TestTextComplete(t *testing.T) {
	answers := []model.Answer{model.Unanswered, model.Yes, model.No, model.NotSure}
	enums := map[string]any{
		"RoleNames":       model.Roles,
		"AnswerNames":     answers,
		"AnswerMarks":     answers,
		"OutcomeHeads":    []model.Outcome{model.OutcomeExclusionReported, model.OutcomeNeedsDoctorReview, model.OutcomeNoExclusionReported},
		"TeachBackNames":  []model.TeachBack{model.ExplainedBack, model.ReExplained},
		"ConcernNames":    []model.Concern{model.ConcernExpectations},
		"NextStepNames":   model.NextSteps,
		"StatusNames":     []string{model.StatusInProgress, model.StatusFinished, model.StatusAbandoned},
		"ByNames":         []string{model.ByPatient, model.ByDoctor, model.ByPersona},
		"ImportanceNames": append([]model.Importance{model.Unrated}, model.Importances...),
	}
	for _, lang := range model.Langs {
		text, ok := texts[lang]
		if !ok || LanguageNames[lang] == "" {
			t.Fatalf("%s has no wording or no name", lang)
		}
		checkFilled(t, lang, reflect.ValueOf(text).Elem(), enums)
	}
}

// TestCourseComplete: the course's wording is whole in every
// language, with a direction and a unit for every measure.
func TestCourseComplete(t *testing.T) {
	var measures []string
	for _, m := range model.Measures {
		measures = append(measures, m.ID)
	}
	enums := map[string]any{
		"UpMeans": measures, "Unit": measures, "Units": measures,
		"Impressions":     []model.Impression{model.ImpressionUnset, model.VeryMuchImproved, model.MuchImproved, model.MinimallyImproved, model.NoChange, model.MinimallyWorse, model.MuchWorse, model.VeryMuchWorse},
		"SideEffectNames": []string{"fever", "injection_site_infection", "new_pain", "other"},
	}
	for _, lang := range model.Langs {
		f, ok := courses[lang]
		if !ok {
			t.Fatalf("%s has no course wording", lang)
		}
		checkFilled(t, lang, reflect.ValueOf(f).Elem(), enums)
		if len(f.HardNotes) != len(courses[model.LangEN].HardNotes) {
			t.Errorf("%s: %d notes on reading a change, English has %d", lang, len(f.HardNotes), len(courses[model.LangEN].HardNotes))
		}
	}
}

// checkFilled checks every string, list and map of a wording struct, and of the
// structs embedded in it.
func checkFilled(t *testing.T, lang model.Lang, v reflect.Value, enums map[string]any) {
	t.Helper()
	for i := range v.NumField() {
		name, f := v.Type().Field(i).Name, v.Field(i)
		switch f.Kind() {
		case reflect.Struct:
			checkFilled(t, lang, f, enums)
		case reflect.String:
			if f.String() == "" {
				t.Errorf("%s: %s is empty", lang, name)
			}
		case reflect.Slice:
			if f.Len() == 0 {
				t.Errorf("%s: %s is empty", lang, name)
			}
			for j := range f.Len() {
				if f.Index(j).String() == "" {
					t.Errorf("%s: %s[%d] is empty", lang, name, j)
				}
			}
		case reflect.Map:
			enum, ok := enums[name]
			if !ok {
				t.Errorf("%s: map %s has no enum to check against; add it to this test", lang, name)
				continue
			}
			values := reflect.ValueOf(enum)
			for j := range values.Len() {
				if s := f.MapIndex(values.Index(j)); !s.IsValid() || s.String() == "" {
					t.Errorf("%s: %s has no entry for %v", lang, name, values.Index(j))
				}
			}
		default:
			t.Errorf("%s: %s is a %s; teach this test about it", lang, name, f.Kind())
		}
	}
}

// TestBaselineHintNamesTheOption: the hint to go back and choose the next
// step names the option exactly as the next-step screen labels it.
func TestBaselineHintNamesTheOption(t *testing.T) {
	for _, lang := range model.Langs {
		text := For(lang)
		if name, hint := text.NextStepNames[model.NextAssessmentBooked], FollowUpFor(lang).BaselineNotNeeded; !strings.Contains(hint, "“"+name+"”") {
			t.Errorf("%s: %q does not name the option %q", lang, hint, name)
		}
	}
}
