package doc

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// RevisitChanged takes a resumed session back to the first page that a
// major content release changed since it was saved, and says which pages
// changed, in the session's language ("" when none did).
func RevisitChanged(s *model.Session, rec model.Record, b *content.Bundle, now time.Time) string {
	major, steps, _ := b.Since(rec.ContentVersion)
	if !major || len(steps) == 0 {
		return ""
	}
	var titles []string
	for _, step := range s.Steps() {
		if slices.Contains(steps, step) {
			if p := b.Page(s.Lang, step); p != nil {
				titles = append(titles, p.Title)
			}
		}
	}
	if len(titles) == 0 {
		return ""
	}
	s.GoBackTo(steps, now)
	return fmt.Sprintf(wording.For(s.Lang).ChangedSince, strings.Join(titles, "; "))
}
