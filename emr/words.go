package emr

import "stemcounsel/model"

// words is the documents' own wording in one language; the counseling
// text comes from the content.
type words struct {
	recordTitle, notConsent, training, trainingBanner               string
	code, status, language, mode, patientRef, persona, answeredBy   string
	started, finished, updated, contentRelease, footerPage          string
	groups, noGroups, checklist, note, outcome, concerns            string
	knowledge, teachBack, sure, sureScore, sureOpen, sureSettled    string
	questions, askedOn, nextStep, notSet, skipped, visits, shown    string
	handoutTitle, clinicFacts, notProvided, evidence, draft, review string
	noteLine, doctorNotes, contentMismatch, printed, right, wrong   string
	dateTime, date                                                  string

	answers    map[string]string // by model.Answer's String()
	statuses   map[string]string
	roles      map[model.Role]string
	by         map[string]string
	teachMarks map[model.TeachBack]string
	concernIDs map[model.Concern]string
	nextSteps  map[model.NextStep]string
	clinicKeys map[string]string
}

var wording = map[model.Lang]*words{
	model.LangVI: {
		recordTitle:     "Bản ghi buổi cung cấp thông tin về liệu pháp tế bào gốc",
		notConsent:      "Bản ghi một buổi cung cấp thông tin, không phải giấy đồng ý điều trị.",
		training:        "Buổi minh họa đào tạo, không phải hồ sơ của người bệnh.",
		trainingBanner:  "ĐÀO TẠO: buổi minh họa, không phải hồ sơ của người bệnh",
		code:            "Mã phiên",
		status:          "Trạng thái",
		language:        "Ngôn ngữ hiển thị",
		mode:            "Chế độ",
		patientRef:      "Mã hồ sơ",
		persona:         "Hồ sơ người bệnh mẫu",
		answeredBy:      "Người trả lời danh sách",
		started:         "Bắt đầu",
		finished:        "Kết thúc",
		updated:         "Cập nhật",
		contentRelease:  "Phiên bản nội dung",
		footerPage:      "trang %d/%d",
		groups:          "Nhóm bệnh đã chọn",
		noGroups:        "Chưa chọn nhóm bệnh nào.",
		checklist:       "Danh sách loại trừ",
		note:            "Ghi chú của bác sĩ",
		outcome:         "Kết quả, đúng như đã hiển thị",
		concerns:        "Điều cần bác sĩ trao đổi thêm",
		knowledge:       "Kiểm tra hiểu biết (câu trả lời đầu tiên)",
		teachBack:       "Hỏi lại để kiểm tra",
		sure:            "Kiểm tra SURE",
		sureScore:       "%s, %s: %d/4",
		sureOpen:        "Còn câu hỏi cần làm rõ; trả lời Không ở câu:",
		sureSettled:     "Có ở cả bốn câu.",
		questions:       "Câu hỏi dành cho bác sĩ",
		askedOn:         "hỏi ở trang",
		nextStep:        "Bước tiếp theo",
		notSet:          "chưa ghi",
		skipped:         "Trang đã bỏ qua",
		visits:          "Thứ tự các trang đã xem",
		shown:           "Các trang đã hiển thị, theo thứ tự xem lần đầu",
		handoutTitle:    "Liệu pháp tế bào gốc: tài liệu thông tin cho người bệnh",
		clinicFacts:     "Thông tin của phòng khám",
		notProvided:     "chưa được phòng khám cung cấp",
		evidence:        "Mức độ bằng chứng",
		draft:           "Bản nháp, chưa được bác sĩ thẩm định.",
		review:          "Thẩm định bởi %s ngày %s.",
		noteLine:        "Ghi chú:",
		doctorNotes:     "Ghi chú cho bác sĩ",
		contentMismatch: "Lưu ý: nội dung dùng để in (%s) khác với nội dung đã hiển thị (%s).",
		printed:         "In ngày",
		right:           "đúng",
		wrong:           "chưa đúng",
		dateTime:        "02/01/2006 15:04",
		date:            "02/01/2006",
		answers:         map[string]string{"yes": "Có", "no": "Không", "not-sure": "Chưa chắc", "unanswered": "Chưa trả lời"},
		statuses:        map[string]string{model.StatusInProgress: "chưa kết thúc", model.StatusFinished: "đã kết thúc", model.StatusAbandoned: "bị bỏ dở"},
		roles:           map[model.Role]string{model.RoleDoctor: "Buổi tư vấn có bác sĩ", model.RolePatient: "Người bệnh tự xem", model.RoleTrainer: "Minh họa cho đào tạo"},
		by:              map[string]string{model.ByPatient: "người bệnh", model.ByDoctor: "bác sĩ cùng người bệnh", model.ByPersona: "hồ sơ mẫu"},
		teachMarks:      map[model.TeachBack]string{model.ExplainedBack: "người bệnh đã nói lại được", model.ReExplained: "bác sĩ đã giải thích lại"},
		concernIDs:      map[model.Concern]string{model.ConcernExpectations: "Kỳ vọng cần được bác sĩ trao đổi thêm, từ các câu:"},
		nextSteps:       map[model.NextStep]string{model.NextAssessmentBooked: "Đã hẹn buổi đánh giá", model.NextDeclined: "Người bệnh không muốn tiếp tục", model.NextReferredToTrial: "Giới thiệu tham gia thử nghiệm lâm sàng", model.NextUndecided: "Chưa quyết định"},
		clinicKeys: map[string]string{
			"name": "Tên phòng khám", "moh_approval": "Phê duyệt của Bộ Y tế", "ethics_approval": "Chấp thuận của hội đồng đạo đức",
			"costs": "Chi phí", "contact": "Liên hệ", "side_effects_contact": "Khi có tác dụng phụ, gọi", "funding": "Nguồn kinh phí soạn tài liệu",
		},
	},
	model.LangEN: {
		recordTitle:     "Record of an information session on stem-cell therapy",
		notConsent:      "Record of an information session, not a consent form.",
		training:        "Training demonstration, not a patient's record.",
		trainingBanner:  "TRAINING: a demonstration, not a patient's record",
		code:            "Session code",
		status:          "Status",
		language:        "Language shown",
		mode:            "Mode",
		patientRef:      "File number",
		persona:         "Persona",
		answeredBy:      "Checklist answered by",
		started:         "Started",
		finished:        "Finished",
		updated:         "Updated",
		contentRelease:  "Content release",
		footerPage:      "page %d of %d",
		groups:          "Disease groups chosen",
		noGroups:        "No disease group chosen.",
		checklist:       "Exclusion checklist",
		note:            "Doctor's note",
		outcome:         "Outcome, as it was shown",
		concerns:        "For the doctor to talk through",
		knowledge:       "Knowledge check (first answers)",
		teachBack:       "Teach-back",
		sure:            "SURE check",
		sureScore:       "%s, %s: %d/4",
		sureOpen:        "Questions still open; answered No to:",
		sureSettled:     "Yes to all four.",
		questions:       "Questions for the doctor",
		askedOn:         "asked on",
		nextStep:        "Next step",
		notSet:          "not recorded",
		skipped:         "Pages skipped",
		visits:          "Order of pages viewed",
		shown:           "The pages shown, in the order first seen",
		handoutTitle:    "Stem-cell therapy: information for patients",
		clinicFacts:     "The clinic's facts",
		notProvided:     "not provided by the clinic",
		evidence:        "Evidence status",
		draft:           "Draft, not yet clinically reviewed.",
		review:          "Reviewed by %s on %s.",
		noteLine:        "Notes:",
		doctorNotes:     "Notes for the doctor",
		contentMismatch: "Note: the content used to print (%s) differs from the content shown (%s).",
		printed:         "Printed",
		right:           "right",
		wrong:           "not the right answer",
		dateTime:        "2 Jan 2006 15:04",
		date:            "2 Jan 2006",
		answers:         map[string]string{"yes": "Yes", "no": "No", "not-sure": "Not sure", "unanswered": "Not answered"},
		statuses:        map[string]string{model.StatusInProgress: "not finished", model.StatusFinished: "finished", model.StatusAbandoned: "abandoned"},
		roles:           map[model.Role]string{model.RoleDoctor: "Doctor-led session", model.RolePatient: "Patient self-review", model.RoleTrainer: "Trainer demonstration"},
		by:              map[string]string{model.ByPatient: "the patient", model.ByDoctor: "the doctor with the patient", model.ByPersona: "a persona"},
		teachMarks:      map[model.TeachBack]string{model.ExplainedBack: "the patient explained it back", model.ReExplained: "the doctor explained it again"},
		concernIDs:      map[model.Concern]string{model.ConcernExpectations: "Expectations for the doctor to talk through, from the questions:"},
		nextSteps:       map[model.NextStep]string{model.NextAssessmentBooked: "Assessment booked", model.NextDeclined: "The patient does not wish to go on", model.NextReferredToTrial: "Referred to a clinical trial", model.NextUndecided: "Undecided"},
		clinicKeys: map[string]string{
			"name": "Clinic", "moh_approval": "Ministry of Health approval", "ethics_approval": "Ethics committee approval",
			"costs": "Costs", "contact": "Contact", "side_effects_contact": "For side effects, call", "funding": "Who paid for this guide",
		},
	},
}

// wordsFor falls back to Vietnamese, the first language, for a language
// the documents do not know.
func wordsFor(l model.Lang) *words {
	if w, ok := wording[l]; ok {
		return w
	}
	return wording[model.LangVI]
}
