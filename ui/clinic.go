package ui

import (
	"fmt"
	"strings"

	"stemcounsel/model"
)

// NotProvided is what patients see in a language where the clinic left a
// fact empty.
func NotProvided(lang model.Lang) string { return texts[lang].NotProvided }

// ChangedSince tells a resumed session which pages a newer content release
// changed, and that it goes back through them.
func ChangedSince(lang model.Lang, titles []string) string {
	format := map[model.Lang]string{
		model.LangVI: "Từ khi phiên này bắt đầu, nội dung các trang sau đã được sửa: %s. Ứng dụng đưa bạn quay lại xem các trang đó.",
		model.LangEN: "Since this session began, these pages were corrected: %s. The app takes you back through them.",
	}[lang]
	return fmt.Sprintf(format, strings.Join(titles, "; "))
}
