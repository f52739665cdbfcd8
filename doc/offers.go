package doc

import (
	"fmt"
	"strings"
	"time"

	"stemcounsel/model"
	"stemcounsel/records"
	"stemcounsel/wording"
)

// OfferLines are an unfinished session's two lines in a start-up list, as
// of now: code, language, step and age; mode and file number. Never an
// answer.
func OfferLines(t *wording.Text, o records.Offer, now time.Time) []string {
	first := []string{o.Code, wording.LanguageNames[o.Lang]}
	if o.Steps > 0 {
		first = append(first, fmt.Sprintf(t.StepOf, o.Step, o.Steps))
	}
	first = append(first, ago(t, now.Sub(o.Updated)))
	second := []string{t.RoleNames[o.Role]}
	if o.Locked {
		second = []string{"(" + t.ResumeLocked + ")"}
	}
	if o.Role == model.RoleDoctor && o.PatientRef != "" {
		second = append(second, o.PatientRef)
	}
	return []string{strings.Join(first, " · "), strings.Join(second, " · ")}
}

// ago says how long ago something was, in t's language.
func ago(t *wording.Text, d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf(t.MinutesAgo, max(0, int(d.Minutes())))
	case d < 48*time.Hour:
		return fmt.Sprintf(t.HoursAgo, int(d.Hours()))
	}
	return fmt.Sprintf(t.DaysAgo, int(d.Hours()/24))
}
