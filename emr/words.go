package emr

import (
	"stemcounsel/model"
	"stemcounsel/wording"
)

// words is the documents' wording in one language: the app's shared
// interface wording, and what only the PDF and the export say. The
// counseling text comes from the content.
type words struct {
	*wording.Text
	recordTitle, language, answeredBy, footerPage, outcome, shown string
	clinicFacts, noteLine, contentMismatch, printed, right, wrong string
	askedOn, leaningLabel, tensions                               string
	consentCategory                                               string
	clinicKeys                                                    map[string]string
	importance                                                    map[model.Importance]string
}

var own = map[model.Lang]words{
	model.LangVI: {
		recordTitle:     "Bản ghi buổi cung cấp thông tin về liệu pháp tế bào gốc",
		consentCategory: "Đồng ý cho phòng khám lưu bản ghi của buổi này (không phải đồng ý điều trị)",
		language:        "Ngôn ngữ hiển thị",
		answeredBy:      "Người trả lời danh sách",
		footerPage:      "trang %d/%d",
		outcome:         "Kết quả, đúng như đã hiển thị",
		shown:           "Các trang đã hiển thị, theo thứ tự xem lần đầu",
		clinicFacts:     "Thông tin của phòng khám",
		noteLine:        "Ghi chú:",
		contentMismatch: "Lưu ý: nội dung dùng để in (%s) khác với nội dung đã hiển thị (%s).",
		printed:         "In ngày",
		right:           "đúng",
		wrong:           "chưa đúng",
		askedOn:         "hỏi ở trang",
		leaningLabel:    "Đang nghiêng về",
		tensions:        "Cho bác sĩ: điều rất quan trọng với người bệnh mà hướng đang nghiêng về đi ngược lại",
		importance:      map[model.Importance]string{model.NotImportant: "Không quan trọng", model.Somewhat: "Khá quan trọng", model.Very: "Rất quan trọng"},
		clinicKeys: map[string]string{
			"name": "Tên phòng khám", "moh_approval": "Phê duyệt của Bộ Y tế", "ethics_approval": "Chấp thuận của hội đồng đạo đức",
			"costs": "Chi phí", "contact": "Liên hệ", "side_effects_contact": "Khi có tác dụng phụ, gọi", "funding": "Nguồn kinh phí soạn tài liệu",
		},
	},
	model.LangEN: {
		recordTitle:     "Record of an information session on stem-cell therapy",
		consentCategory: "Permission for the clinic to keep this session's record (not consent to treatment)",
		language:        "Language shown",
		answeredBy:      "Checklist answered by",
		footerPage:      "page %d of %d",
		outcome:         "Outcome, as it was shown",
		shown:           "The pages shown, in the order first seen",
		clinicFacts:     "The clinic's facts",
		noteLine:        "Notes:",
		contentMismatch: "Note: the content used to print (%s) differs from the content shown (%s).",
		printed:         "Printed",
		right:           "right",
		wrong:           "not the right answer",
		askedOn:         "asked on",
		leaningLabel:    "Leaning towards",
		tensions:        "For the doctor: values rated very important that the leaning pulls against",
		importance:      map[model.Importance]string{model.NotImportant: "Not important", model.Somewhat: "Somewhat important", model.Very: "Very important"},
		clinicKeys: map[string]string{
			"name": "Clinic", "moh_approval": "Ministry of Health approval", "ethics_approval": "Ethics committee approval",
			"costs": "Costs", "contact": "Contact", "side_effects_contact": "For side effects, call", "funding": "Who paid for this guide",
		},
	},
}

// wordsFor falls back to Vietnamese, the first language, for a language
// the documents do not know.
func wordsFor(l model.Lang) *words {
	w, ok := own[l]
	if !ok {
		l, w = model.LangVI, own[model.LangVI]
	}
	w.Text = wording.For(l)
	return &w
}

// answer names a stored answer ("yes", "not-sure", …) as the screen did.
func (w *words) answer(stored string) string {
	for _, a := range []model.Answer{model.Yes, model.No, model.NotSure, model.Unanswered} {
		if a.String() == stored {
			return w.AnswerNames[a]
		}
	}
	return stored
}

// trainingBanner heads every page of a training record.
func (w *words) trainingBanner() string { return w.TrainingBadge + ": " + w.SummaryTraining }
