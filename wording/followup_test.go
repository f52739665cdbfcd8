package wording

import (
	"reflect"
	"testing"

	"stemcounsel/model"
)

// TestFollowUpComplete: every label and message in both languages, and a
// name for every decision (the measures' names are content).
func TestFollowUpComplete(t *testing.T) {
	for _, lang := range model.Langs {
		f := followUps[lang]
		v := reflect.ValueOf(f).Elem()
		for i := range v.NumField() {
			if fv := v.Field(i); fv.Kind() == reflect.String && fv.String() == "" {
				t.Errorf("%s: %s is empty", lang, v.Type().Field(i).Name)
			}
		}
		for _, d := range model.Decisions {
			if f.DecisionNames[d] == "" {
				t.Errorf("%s: decision %s has no name", lang, d)
			}
		}
		if f.YesNo[true] == "" || f.YesNo[false] == "" {
			t.Errorf("%s: yes/no", lang)
		}
	}
}
