package wording

import "stemcounsel/model"

// FollowUp is the wording of the baseline step and the follow-up visit, in
// one language. The measures' names and questions are content (each
// measure's file, the baseline page); these are the labels and messages
// around them.
type FollowUp struct {
	DecisionNames map[model.Decision]string // what the doctor and patient decide
	YesNo         map[bool]string

	Activity, ActivityScore string // "Activity %d (own words)", "Activity %d: today (0–10)"
	Impression, Decision    string
	SideEffects, SideText   string
	NotEntered              string
	OffScale                string // "%s: %s is off the scale %d to %d"
	NeedName, NeedScore     string // "Activity %d …"
	NeedRegret              string // "Statement %d of the Decision Regret Scale …"
	TooLong                 string // "%s: up to %d digits"

	BaselineNotNeeded, BaselinePractice, BaselineHint string
	BaselineNotKept                                   string // the patient chose not to keep the record
	Sources                                           string // heading: each measure's source and terms of use
	NotValidated                                      string // after a question worded in a translation not yet validated

	VisitTitle, PracticeVisit, KioskVisit string
	OlderRelease, NoBaseline              string
	EarlierAnswers                        string
	Saved, SaveFailed, QuitUnsaved        string
	NothingToSave, NotSaved               string

	KeyField, KeyType, KeyYesNo, KeySave, KeyVisit string
	SaveButton                                     string // the visit's on-screen save, with its key
	ActOn                                          string // after a side effect reported at this visit, on the doctor's screen

	KioskCodePrompt, KioskWrongCode, KioskLocked, KioskDone, KioskNoSession, KioskVisitHint string
	KioskCodeShape, KioskVisitButton                                                        string
	KioskVisitCountdown                                                                     string // "… %d seconds …"
}

// FollowUpFor is the follow-up wording of a language; English for one this
// build does not know.
func FollowUpFor(lang model.Lang) *FollowUp { return inLang(followUps, lang) }

var followUps = map[model.Lang]*FollowUp{
	model.LangVI: {
		DecisionNames: map[model.Decision]string{
			model.DecisionContinue: "Tiếp tục", model.DecisionStop: "Ngừng",
			model.DecisionRefer: "Chuyển khám nơi khác", model.DecisionUndecided: "Chưa quyết định",
		},
		YesNo:               map[bool]string{true: "Có", false: "Không"},
		Activity:            "Hoạt động %d (lời người bệnh)",
		ActivityScore:       "Hoạt động %d: hôm nay (0–10)",
		Impression:          "Đánh giá chung về thay đổi (1–7)",
		Decision:            "Quyết định",
		SideEffects:         "Tác dụng phụ từ lần khám trước",
		SideText:            "Tác dụng phụ, bằng lời người bệnh",
		NotEntered:          "chưa nhập",
		OffScale:            "%s: %s nằm ngoài thang %d đến %d",
		NeedName:            "Hoạt động %d đã có điểm nhưng chưa có tên: ghi tên theo lời người bệnh, hoặc xóa điểm.",
		NeedScore:           "Hoạt động %d chưa có điểm.",
		NeedRegret:          "Câu %d của thang đo hối tiếc về quyết định chưa có câu trả lời: thang được hỏi đủ cả năm câu, hoặc bỏ trống cả.",
		TooLong:             "%s: tối đa %d chữ số",
		BaselineNotNeeded:   "Không cần số đo ban đầu: bước tiếp theo đã thống nhất không phải là khám đánh giá hay điều trị. Muốn lấy số đo, hãy quay lại và chọn “Đã hẹn buổi đánh giá”.",
		BaselineNotKept:     "Không lấy số đo ban đầu: người bệnh đã chọn không lưu hồ sơ, nên các lần tái khám sau không có gì để so sánh. Không cần nhập gì ở bước này.",
		BaselinePractice:    "Thực hành: nhập bất kỳ số đo tập nào bạn muốn (người bệnh giả định không có số đo sẵn), để tập cách nhập. Không lưu dữ liệu của người bệnh nào.",
		BaselineHint:        "↑/↓ chọn dòng, gõ số hoặc chữ; → sang bước sau. Có thể để trống thang không đo.",
		Sources:             "Nguồn và điều kiện sử dụng của từng thang đo",
		NotValidated:        "bản dịch này chưa được thẩm định",
		VisitTitle:          "Tái khám lần %d, buổi %s",
		PracticeVisit:       "Tái khám thực hành (buổi tập huấn): không có dữ liệu người bệnh",
		KioskVisit:          "Tái khám: phần bạn tự trả lời",
		OlderRelease:        "Buổi này dùng một phiên bản nội dung cũ hơn (%s): lời các câu hỏi hôm nay có thể khác với lúc đó.",
		NoBaseline:          "Buổi này không có số đo ban đầu: lần tái khám vẫn được lưu, nhưng không đo được thay đổi.",
		EarlierAnswers:      "Số đo ban đầu và các lần trước",
		Saved:               "Đã lưu lần tái khám %d của buổi %s.",
		SaveFailed:          "Chưa lưu được lần tái khám: %v. Những gì đã nhập vẫn còn; nhấn ctrl+s để thử lại.",
		QuitUnsaved:         "Thoát mà không lưu lần tái khám? y: thoát, n: ở lại",
		NothingToSave:       "Chưa nhập gì để lưu.",
		NotSaved:            "Lần tái khám không được lưu.",
		KeyField:            "dòng",
		KeyType:             "nhập",
		KeyYesNo:            "có/không",
		KeySave:             "lưu",
		SaveButton:          "Lưu lần tái khám (ctrl+s)",
		ActOn:               "cần xử lý trong lần khám này",
		KeyVisit:            "tái khám",
		KioskCodePrompt:     "Nhập mã trên tờ giấy của bạn (6 chữ và số) hoặc chạm vào các phím bên dưới, rồi nhấn enter hoặc OK:",
		KioskCodeShape:      "Mã gồm 6 chữ và số, như trên tờ giấy của bạn. Lần nhập này không bị tính là sai.",
		KioskVisitButton:    "Tái khám (v)",
		KioskVisitCountdown: "Bấm phím bất kỳ hoặc chạm vào màn hình để tiếp tục. Nếu không, sau %d giây, lần tái khám này sẽ đóng lại và những gì bạn đã nhập sẽ không được lưu, vì bạn chưa lưu.",
		KioskWrongCode:      "Không mở được lần tái khám với mã này. Còn %d lần thử.",
		KioskLocked:         "Nhập sai mã quá nhiều lần: xin nhờ nhân viên giúp.",
		KioskDone:           "Cảm ơn bạn. Câu trả lời đã được lưu cho bác sĩ của bạn.",
		KioskNoSession:      "Máy này không mở được hồ sơ: xin nhờ nhân viên giúp.",
		KioskVisitHint:      "Bạn đến tái khám? Nhấn v hoặc chạm nút bên dưới, rồi nhập mã trên tờ giấy của bạn.",
	},
	model.LangEN: {
		DecisionNames: map[model.Decision]string{
			model.DecisionContinue: "Continue", model.DecisionStop: "Stop",
			model.DecisionRefer: "Refer", model.DecisionUndecided: "Undecided",
		},
		YesNo:               map[bool]string{true: "Yes", false: "No"},
		Activity:            "Activity %d (patient's words)",
		ActivityScore:       "Activity %d: today (0–10)",
		Impression:          "Global impression of change (1–7)",
		Decision:            "Decision",
		SideEffects:         "Side effects since the last visit",
		SideText:            "Side effects, in the patient's words",
		NotEntered:          "not entered",
		OffScale:            "%s: %s is off the scale %d to %d",
		NeedName:            "Activity %d has a score but no name: write it in the patient's words, or clear the score.",
		NeedScore:           "Activity %d has no score yet.",
		NeedRegret:          "Statement %d of the Decision Regret Scale has no answer yet: the scale is answered whole, or left empty.",
		TooLong:             "%s: up to %d digits",
		BaselineNotNeeded:   "No baseline is needed: the next step agreed is not an assessment or treatment. To take one, go back and choose “Assessment booked”.",
		BaselineNotKept:     "No baseline is taken: the patient chose not to keep the record, so later visits would have nothing to compare with. Nothing needs entering here.",
		BaselinePractice:    "Practice: enter any practice numbers you like (the personas come with none), to rehearse the entering. No patient's data is kept.",
		BaselineHint:        "↑/↓ choose a line, type numbers or words; → for the next step. Leave a scale empty if it is not measured.",
		Sources:             "Each measure's source and terms of use",
		NotValidated:        "this translation is not yet validated",
		VisitTitle:          "Follow-up visit %d, session %s",
		PracticeVisit:       "Practice visit (training session): no patient's data",
		KioskVisit:          "Follow-up: the parts you answer yourself",
		OlderRelease:        "This session used an earlier release of the content (%s): today's questions may be worded differently from then.",
		NoBaseline:          "This session has no baseline: the visit is kept, but no change can be measured.",
		EarlierAnswers:      "The baseline and earlier visits",
		Saved:               "Visit %d of session %s is saved.",
		SaveFailed:          "The visit is not saved: %v. Nothing typed is lost; ctrl+s tries again.",
		QuitUnsaved:         "Quit without saving the visit? y: quit, n: stay",
		NothingToSave:       "Nothing entered to save yet.",
		NotSaved:            "The visit was not saved.",
		KeyField:            "line",
		KeyType:             "type",
		KeyYesNo:            "yes/no",
		KeySave:             "save",
		SaveButton:          "Save the visit (ctrl+s)",
		ActOn:               "to act on at this visit",
		KeyVisit:            "follow-up visit",
		KioskCodePrompt:     "Type the code on your paper (6 letters and digits) or tap it on the keys below, then press enter or OK:",
		KioskCodeShape:      "A code has 6 letters and digits, as on your paper. This try does not count as a wrong one.",
		KioskVisitButton:    "Follow-up visit (v)",
		KioskVisitCountdown: "Press any key or touch the screen to carry on. Otherwise, in %d s, this visit closes and what you entered is not kept, as it was not saved.",
		KioskWrongCode:      "No visit can start with this code. %d tries left.",
		KioskLocked:         "Too many wrong codes: please ask the staff.",
		KioskDone:           "Thank you. Your answers are kept for your doctor.",
		KioskNoSession:      "This terminal cannot open records: please ask the staff.",
		KioskVisitHint:      "Here for a follow-up visit? Press v or tap the button below, then type the code on your paper.",
	},
}
