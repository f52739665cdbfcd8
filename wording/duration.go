package wording

import (
	"fmt"
	"strings"
	"time"

	"stemcounsel/model"
)

// Duration says a wait in words, rounded up to the second: "1 phút 5
// giây", "1 minute 5 seconds", never Go's "1m5s".
func Duration(lang model.Lang, d time.Duration) string {
	secs := int((d + time.Second - 1) / time.Second)
	mins, secs := secs/60, secs%60
	var parts []string
	if mins > 0 {
		parts = append(parts, unit(lang, mins, "phút", "minute"))
	}
	if secs > 0 || mins == 0 {
		parts = append(parts, unit(lang, secs, "giây", "second"))
	}
	return strings.Join(parts, " ")
}

// unit is n with its unit; Vietnamese nouns do not change for the plural.
func unit(lang model.Lang, n int, vi, en string) string {
	if lang == model.LangVI {
		return fmt.Sprintf("%d %s", n, vi)
	}
	if n != 1 {
		en += "s"
	}
	return fmt.Sprintf("%d %s", n, en)
}
