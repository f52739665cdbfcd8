package wording

import "stemcounsel/model"

// Details is the wording of the reading aids, the clinician panel's
// scrolling, what the summary says is missing and the server's messages.
// It is kept apart from Text's long table and embedded in it.
type Details struct {
	GroupMore string // "%d": groups out of view

	PanelLines     string // "%[1]d–%[2]d of %[3]d": the panel rows shown
	KeyPanelScroll string

	// What the summary says is missing. QuizOpen and QuizWrong: "%d"
	// questions; ItemsOpen and ViewedCount: "%d of %d"; WrongMark: "%s" the
	// right answer.
	SummaryQuizOpen, SummaryQuizWrong, SummaryItemsOpen string
	QuizRightMark, QuizWrongMark                        string
	SummaryViewedCount, SummaryNotViewed                string
}

func init() {
	texts[model.LangVI].Details = Details{
		GroupMore:      "còn %d nhóm nữa: ↑/↓ để xem",
		PanelLines:     "dòng %[1]d–%[2]d/%[3]d · [ ] để cuộn",
		KeyPanelScroll: "cuộn ghi chú",

		SummaryQuizOpen:    "%d câu chưa trả lời",
		SummaryQuizWrong:   "%d câu trả lời chưa đúng",
		SummaryItemsOpen:   "%d/%d mục chưa trả lời",
		QuizRightMark:      "(✓ đúng)",
		QuizWrongMark:      "(✗ chưa đúng; đáp án: %s)",
		SummaryViewedCount: "Đã xem %d/%d trang",
		SummaryNotViewed:   "Chưa xem",
	}
	texts[model.LangEN].Details = Details{
		GroupMore:      "%d more groups: ↑/↓ to see them",
		PanelLines:     "lines %[1]d–%[2]d of %[3]d · [ ] to scroll",
		KeyPanelScroll: "scroll the notes",

		SummaryQuizOpen:    "%d not answered",
		SummaryQuizWrong:   "%d answered wrongly",
		SummaryItemsOpen:   "%d of %d items not answered",
		QuizRightMark:      "(✓ right)",
		QuizWrongMark:      "(✗ wrong; the answer: %s)",
		SummaryViewedCount: "Viewed %d of %d pages",
		SummaryNotViewed:   "Not viewed",
	}
}
