package plain

import "stemcounsel/model"

// words are plain mode's own prompts; everything else comes from package
// wording, so both modes say the same things.
type words struct {
	Language, Role, Number, Numbers, Skip, Note, Chosen, NoneChosen, NotUnderstood, SaveFailed string
	Nav                                                                                        string // step · next · back · ask · language · quit
}

var allWords = map[model.Lang]words{
	model.LangVI: {
		Language:      "Chọn ngôn ngữ:",
		Role:          "Ai đang dùng ứng dụng?",
		Number:        "Gõ một số từ 1 đến %d rồi nhấn enter.",
		Numbers:       "Gõ số của nhóm (ví dụ: 1 3) để chọn hoặc bỏ chọn; enter: xong.",
		Skip:          "enter: bỏ qua",
		SaveFailed:    "Chưa lưu được vào %s (%v). Phiên vẫn được giữ ở đây; câu trả lời tiếp theo sẽ thử lưu lại.",
		Note:          "Ghi chú của bác sĩ (enter: không có):",
		Chosen:        "Đã chọn: %s",
		NoneChosen:    "Chưa chọn nhóm nào.",
		NotUnderstood: "Chưa hiểu \"%s\". %s",
		Nav:           "%s · enter: %s · b: %s · f: %s · l: %s · q: %s",
	},
	model.LangEN: {
		Language:      "Choose a language:",
		Role:          "Who is using the app?",
		Number:        "Type a number from 1 to %d, then enter.",
		Numbers:       "Type the numbers of your groups (for example: 1 3) to choose or unchoose them; enter: done.",
		Skip:          "enter: skip",
		SaveFailed:    "Could not save to %s (%v). The session is kept here; the next answer tries again.",
		Note:          "Doctor's note (enter: none):",
		Chosen:        "Chosen: %s",
		NoneChosen:    "No group chosen yet.",
		NotUnderstood: "Not understood: \"%s\". %s",
		Nav:           "%s · enter: %s · b: %s · f: %s · l: %s · q: %s",
	},
}
