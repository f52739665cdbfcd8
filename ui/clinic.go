package ui

import (
	"fmt"
	"strings"

	"stemcounsel/model"
	"stemcounsel/wording"
)

// NotProvided is what patients see in a language where the clinic left a
// fact empty.
func NotProvided(lang model.Lang) string { return wording.For(lang).NotProvided }

// ChangedSince tells a resumed session which pages a newer content release
// changed, and that it goes back through them.
func ChangedSince(lang model.Lang, titles []string) string {
	return fmt.Sprintf(wording.For(lang).ChangedSince, strings.Join(titles, "; "))
}
