// Package wording holds the app's own interface wording in every language:
// the screens (ui) and the documents (doc) both use it. Counseling text
// lives in the content folder, not here.
package wording

import "stemcounsel/model"

// Text is every piece of interface wording in one language. Formats with a
// value used twice refer to it by index (%[1]s), so a translation may put
// the words in its own order.
type Text struct {
	StepOf          string // "Step %d of %d"
	Back, Next      string
	Start           string
	LanguageLabel   string
	ModeLabel       string
	WelcomeHint     string
	WelcomeNeedRole string
	RoleNames       map[model.Role]string
	EvidenceLabel   string
	Draft           string
	ReviewedBy      string // "Reviewed by %s on %s"
	Placeholder     string
	TooSmall        string // "Please enlarge the window: %dx%d, need at least %dx%d"
	Contents        string
	ContentsHint    string
	HelpTitle       string
	HelpClose       string
	QuitTitle       string
	QuitBody        string
	Stay, Quit      string

	KeyNext, KeyPrev, KeyScroll, KeyPage, KeyMenu          string
	KeyHelp, KeyQuit, KeyChoose, KeyMove, KeyClose, KeyTop string
	KeyType, KeyToggle, KeyClear                           string
	KeyDelete, KeyStaffExit, KeyCallStaff, HelpMouse       string

	GroupSearch, GroupPrimary, GroupNoMatch, GroupChosen, GroupNoneChosen string

	ItemOf                                          string // "Item %d of %d"
	AnswerNames                                     map[model.Answer]string
	AnswerMarks                                     map[model.Answer]string // one-letter marks in the item strip
	NoteLabel, NoteHint                             string
	ChecklistWhy, ChecklistForYou, ChecklistGeneral string
	OutcomeHeads                                    map[model.Outcome]string
	YourAnswers, Discuss                            string
	KeyAnswer, KeyItem, KeyNote, KeySave, KeyCancel string
	HelpShort                                       string

	SummaryLanguage, SummaryMode, SummaryGroups, SummaryNoGroups     string
	SummaryStarted, SummaryViewed, SummaryContent, SummaryNotConsent string
	SummaryChecklist, Soon, HandoutTitle, Date                       string

	NotProvided                                          string
	QuestionOf                                           string // "Question %d of %d"
	TeachBackNames                                       map[model.TeachBack]string
	RightAnswer, TeachBackTitle, TeachBackHint, QuizHint string // hint: "%s" the answer keys
	SureAskedTimes                                       string
	QuestionTitle, QuestionHelp, QuestionKeys            string
	QuestionSaved, AskedMark                             string
	Unencrypted                                          string // at start: records are kept without a key
	KeyAsk, KeyAgain, KeyTeachBack                       string
	SummaryConcerns, SummarySure, SureOpen, SureSettled  string
	SummaryTeachBack, SummaryQuestions, SummaryQuiz      string
	ConcernNames                                         map[model.Concern]string

	TrainerPanel, DoctorPanel, TalkingPoints           string
	ScriptSays, ScriptRespond, ScriptAvoid             string
	NoPersona, NeedPersona, PersonaHint, PersonaChosen string
	NextStepNames                                      map[model.NextStep]string
	PatientRefLabel, TrainingBadge, KeyPanel           string
	KeyTrainerPanel                                    string
	SummaryTraining, SummaryPersona, SummaryPatientRef string
	SummaryNextStep, SummarySkipped, SummaryNotSet     string

	Finish, FinishedSaved, SaveFailed, QuitKept              string
	RecordTitle, RecordStatus, RecordUpdated, RecordFinished string
	ContentNow                                               string
	StatusNames                                              map[string]string
	ResumeTitle, ResumeHelp, ResumeKeys, ResumeFailed        string
	Resumed                                                  string
	SummaryCode                                              string

	KioskNoQuit, KioskStored, Restarting                string
	PINTitle, PINUnset, PINLocked, PINKeys, PINWrong    string
	PINChecking, KioskNotReady, KioskSaveFailed         string
	QuitUnsavedTitle, QuitUnsaved, TryAgain, QuitAnyway string // unsaved: "%v" the error
	ResumeOpenElsewhere                                 string // "%s" the code
	StaffTitle, StaffBody, StaffButton                  string
	StillThere, Countdown                               string
	HandoffTitle, HandoffBody, HandoffHint              string
	ByNames                                             map[string]string
	SureAgain                                           string
	SavedUnfinished                                     string // "%[1]s" is the code
	ChangedSince                                        string // "%s": the changed pages

	ValueOf                       string // "%d of %d", the values step's line
	ImportanceNames               map[model.Importance]string
	LeaningTitle, ValuesSoFar     string
	SummaryValues, SummaryLeaning string
	ValuesTension                 string // "%[1]s": the value, "%[2]s": the leaning
	DateTime                      string // Go layout for dates and times

	// Consent to keep the record. ConsentKept: "%s" is the code;
	// ConsentNotDeleted: "%[1]v" the error, "%[2]s" the code.
	ConsentYes, ConsentNo, ConsentKeys, ConsentMore, ConsentCurrent string
	ConsentKept, NotKept, ConsentDeleted, ConsentNotDeleted         string
	KeyConsent, FinishNotKept, CountdownNotKept, HandoffNotKept     string
	FinishedButton                                                  string // the last step's button once the session is final
	// The knowledge check as a stepper.
	QuizPrev, QuizNext, QuizYourAnswer, QuizKept string
	QuizAnswered                                 string // "%d of %d answered"
	QuizSkipTitle, QuizSkipBody                  string // body: "%d" unanswered
	QuizSkip, QuizBackTo                         string
	Or                                           string // joins the last two keys: "1 or 2"
	SummaryQuizCount                             string // "%d of %d"

	// Resuming, finishing and leaving.
	ResumeNew, ResumeLocked, ResumeDiffers      string // differs: "%[1]s" code, "%[2]s" language, "%[3]s" groups
	MinutesAgo, HoursAgo, DaysAgo               string
	FinishedReadOnly, FinishedExit, ExitNothing string // exit: "%[1]s" code, "%[2]s" where
	AmendTitle, AmendHelp, AmendSaved           string
	KeyAmend, QuitNothing, KeyYes, KeyNo        string
	KeyQuestion                                 string
	StripLegend                                 string // the words of the checklist strip's marks
	ChecklistStay                               string
	KeySearchChoose                             string

	Details
}

// ScriptPart names a part of a trainer's script: what the persona says, a
// good response, what to avoid.
func (t *Text) ScriptPart(key string) string {
	return map[string]string{"says": t.ScriptSays, "respond": t.ScriptRespond, "avoid": t.ScriptAvoid}[key]
}

// LanguageNames are shown in each language's own name, whatever the UI
// language is, so a patient can always find theirs.
var LanguageNames = map[model.Lang]string{model.LangVI: "Tiếng Việt", model.LangEN: "English"}

// For is the wording of a language; a record in a language this build does
// not know is shown in English.
func For(lang model.Lang) *Text { return inLang(texts, lang) }

var texts = map[model.Lang]*Text{
	model.LangVI: {
		StepOf:          "Bước %d/%d",
		Back:            "‹ Quay lại",
		Next:            "Tiếp ›",
		Start:           "Bắt đầu ›",
		LanguageLabel:   "Ngôn ngữ",
		ModeLabel:       "Chế độ",
		WelcomeHint:     "↑/↓ chọn mục, enter để chọn",
		WelcomeNeedRole: "Vui lòng chọn chế độ trước khi tiếp tục.",
		RoleNames: map[model.Role]string{
			model.RoleDoctor:  "Buổi tư vấn có bác sĩ",
			model.RolePatient: "Bệnh nhân tự xem",
			model.RoleTrainer: "Minh họa cho đào tạo",
		},
		EvidenceLabel: "Mức độ bằng chứng",
		Draft:         "Bản nháp, chưa được bác sĩ thẩm định.",
		ReviewedBy:    "Thẩm định bởi %s ngày %s.",
		Placeholder:   "Phần này chưa có trong phiên bản hiện tại.",
		TooSmall:      "Cửa sổ quá nhỏ (%dx%d). Vui lòng mở rộng tới ít nhất %dx%d.",
		Contents:      "Mục lục",
		ContentsHint:  "↑/↓ chọn, enter để đến, • đang xem, esc đóng",
		HelpTitle:     "Phím tắt",
		HelpClose:     "esc hoặc ? để đóng",
		QuitTitle:     "Thoát?",
		QuitBody:      "Những gì bạn đã chọn trong buổi này sẽ không được giữ lại.",
		Stay:          "Ở lại",
		Quit:          "Thoát",
		KeyNext:       "tiếp",
		KeyPrev:       "quay lại",
		KeyScroll:     "cuộn",
		KeyPage:       "lật trang",
		KeyMenu:       "mục lục",
		KeyHelp:       "trợ giúp",
		KeyQuit:       "thoát",
		KeyChoose:     "chọn",
		KeyMove:       "di chuyển",
		KeyClose:      "đóng",
		KeyTop:        "đầu/cuối",
		KeyType:       "gõ để tìm",
		KeyToggle:     "chọn/bỏ",
		KeyClear:      "xóa tìm",
		KeyDelete:     "xóa chữ",
		KeyStaffExit:  "nhân viên thoát (cần mã PIN)",
		KeyCallStaff:  "gọi nhân viên",
		HelpMouse:     "Chuột: bấm vào nút hoặc lựa chọn để chọn, lăn để cuộn trang.",

		GroupSearch:     "Tìm",
		GroupPrimary:    "nhóm chính",
		GroupNoMatch:    "Không tìm thấy nhóm nào. Hãy thử từ khác, hoặc chọn mục \"Bệnh của tôi không có trong danh sách\".",
		GroupChosen:     "Đã chọn",
		GroupNoneChosen: "Chưa chọn nhóm nào. Bạn có thể chọn một hoặc nhiều nhóm.",

		ItemOf: "Mục %d/%d",
		AnswerNames: map[model.Answer]string{
			model.Yes: "Có", model.No: "Không", model.NotSure: "Chưa chắc", model.Unanswered: "Chưa trả lời",
		},
		AnswerMarks: map[model.Answer]string{
			model.Yes: "C", model.No: "K", model.NotSure: "?", model.Unanswered: "·",
		},
		NoteLabel:        "Ghi chú của bác sĩ",
		NoteHint:         "n: thêm ghi chú của bác sĩ cho mục này",
		ChecklistWhy:     "Vì sao điều này quan trọng",
		ChecklistForYou:  "Với nhóm bệnh bạn đã chọn",
		ChecklistGeneral: "Ý nghĩa chung",
		OutcomeHeads: map[model.Outcome]string{
			model.OutcomeExclusionReported:   "Có điều cần trao đổi kỹ với bác sĩ",
			model.OutcomeNeedsDoctorReview:   "Còn vài điểm bác sĩ sẽ xem cùng bạn",
			model.OutcomeNoExclusionReported: "Danh sách này không nêu điều gì, nhưng bác sĩ vẫn cần đánh giá",
		},
		YourAnswers: "Câu trả lời của bạn",
		Discuss:     "Hãy trao đổi điều này với bác sĩ.",
		KeyAnswer:   "trả lời",
		KeyItem:     "mục",
		KeyNote:     "ghi chú",
		KeySave:     "lưu",
		KeyCancel:   "hủy",
		HelpShort:   "? trợ giúp",

		SummaryLanguage:   "Ngôn ngữ",
		SummaryMode:       "Chế độ",
		SummaryGroups:     "Nhóm bệnh đã chọn",
		SummaryNoGroups:   "Chưa chọn nhóm bệnh nào",
		SummaryStarted:    "Bắt đầu lúc",
		SummaryViewed:     "Các trang đã xem",
		SummaryContent:    "Phiên bản nội dung",
		SummaryNotConsent: "Đây là bản ghi một buổi cung cấp thông tin, không phải là giấy đồng ý điều trị.",
		SummaryChecklist:  "Danh sách loại trừ",
		Soon:              "sắp có",
		HandoutTitle:      "Liệu pháp tế bào gốc: tài liệu thông tin cho người bệnh",
		Date:              "02/01/2006",
		NotProvided:       "chưa được phòng khám cung cấp",
		QuestionOf:        "Câu %d/%d",
		TeachBackNames:    map[model.TeachBack]string{model.ExplainedBack: "Đã nói lại được", model.ReExplained: "Đã giải thích lại"},
		RightAnswer:       "Câu trả lời đúng:",
		TeachBackTitle:    "Hỏi lại để kiểm tra (dành cho bác sĩ)",
		TeachBackHint:     "Mời người bệnh trả lời bằng lời của họ, rồi đánh dấu: 4 nếu họ nói lại được, 5 nếu bạn đã giải thích lại.",
		QuizHint:          "Chọn câu trả lời bằng phím %s, hoặc bấm vào câu trả lời. Đây không phải bài thi.",
		SureAskedTimes:    "Đã hỏi %d lần; các lần trước vẫn được ghi lại.",
		QuestionTitle:     "Câu hỏi dành cho bác sĩ",
		QuestionHelp:      "Viết điều bạn muốn hỏi bác sĩ. Câu hỏi sẽ được ghi cùng trang này và có trong bản tóm tắt.",
		QuestionKeys:      "enter để lưu, esc để bỏ",
		QuestionSaved:     "Đã ghi câu hỏi của bạn.",
		Unencrypted:       "Hồ sơ được lưu KHÔNG mã hóa: chưa đặt --records-key.",
		AskedMark:         "(có câu hỏi)",
		KeyAsk:            "hỏi bác sĩ",
		KeyAgain:          "hỏi lại SURE",
		KeyTeachBack:      "hỏi lại",
		SummaryConcerns:   "Điều cần bác sĩ trao đổi thêm",
		SummarySure:       "Kiểm tra SURE",
		SureOpen:          "Vẫn còn vài câu hỏi cần làm rõ trước khi quyết định. Trả lời Không ở câu:",
		SureSettled:       "Bạn trả lời Có cho cả bốn câu.",
		SummaryTeachBack:  "Hỏi lại để kiểm tra",
		SummaryQuestions:  "Câu hỏi dành cho bác sĩ",
		SummaryQuiz:       "Kiểm tra hiểu biết",
		ConcernNames: map[model.Concern]string{
			model.ConcernExpectations: "Một số câu trả lời cho thấy kỳ vọng cần được bác sĩ trao đổi thêm",
		},
		TrainerPanel:  "Kịch bản đào tạo",
		DoctorPanel:   "Ghi chú cho bác sĩ",
		TalkingPoints: "Điểm cần nói",
		ScriptSays:    "Người bệnh có thể nói",
		ScriptRespond: "Cách trả lời tốt",
		ScriptAvoid:   "Tránh nói",
		NoPersona:     "Chưa chọn hồ sơ người bệnh mẫu.",
		NeedPersona:   "Hãy chọn một hồ sơ người bệnh mẫu trước khi tiếp tục.",
		PersonaHint:   "Chọn bằng ↑/↓ và enter. Danh sách loại trừ sẽ được điền sẵn theo hồ sơ; bạn có thể đổi câu trả lời để xem kết quả thay đổi ra sao.",
		PersonaChosen: "Đã chọn: %s",
		NextStepNames: map[model.NextStep]string{
			model.NextAssessmentBooked: "Đã hẹn buổi đánh giá",
			model.NextDeclined:         "Người bệnh không muốn tiếp tục",
			model.NextReferredToTrial:  "Giới thiệu tham gia thử nghiệm lâm sàng",
			model.NextUndecided:        "Chưa quyết định",
		},
		PatientRefLabel:   "Mã hồ sơ hoặc tên viết tắt (không bắt buộc)",
		TrainingBadge:     "ĐÀO TẠO",
		KeyPanel:          "ghi chú bác sĩ",
		KeyTrainerPanel:   "kịch bản đào tạo",
		SummaryTraining:   "Buổi minh họa đào tạo, không phải hồ sơ lâm sàng",
		SummaryPersona:    "Hồ sơ người bệnh mẫu",
		SummaryPatientRef: "Mã hồ sơ",
		SummaryNextStep:   "Bước tiếp theo",
		SummarySkipped:    "Đã bỏ qua",
		SummaryNotSet:     "chưa ghi",

		Finish:         "Kết thúc và lưu ›",
		FinishedSaved:  "Đã lưu bản ghi. Mã phiên: %s",
		SaveFailed:     "Chưa lưu được vào %s (%v). Phiên vẫn được giữ ở đây; nhấn ctrl+s để thử lại.",
		QuitKept:       "Phiên chưa kết thúc sẽ được giữ với mã %s; có thể mở lại sau.",
		RecordTitle:    "Bản ghi buổi tư vấn",
		RecordStatus:   "Trạng thái",
		RecordUpdated:  "Cập nhật lúc",
		RecordFinished: "Kết thúc lúc",
		ContentNow:     "nội dung hiện tại:",
		StatusNames: map[string]string{
			model.StatusInProgress: "chưa kết thúc", model.StatusFinished: "đã kết thúc", model.StatusAbandoned: "bị bỏ dở",
		},
		ResumeTitle:         "Tiếp tục một phiên chưa kết thúc?",
		ResumeHelp:          "Các phiên dưới đây chưa kết thúc. Chỉ chọn một phiên nếu đó đúng là người bệnh đang ngồi đây; nếu không, hãy bắt đầu phiên mới.",
		ResumeKeys:          "↑/↓ chọn, enter để chọn, esc để bắt đầu phiên mới",
		ResumeFailed:        "Không mở được phiên đó: %v",
		ResumeOpenElsewhere: "Phiên %s đang mở ở một cửa sổ khác, nên không mở được ở đây. Hãy kết thúc phiên ở cửa sổ kia, hoặc chọn phiên khác.",
		Resumed:             "Đã mở lại phiên %s.",
		SummaryCode:         "Mã phiên",

		QuitUnsavedTitle:  "Câu trả lời chưa được lưu",
		QuitUnsaved:       "Lần lưu gần nhất không thành công (%v). Nếu thoát bây giờ, các câu trả lời từ lần lưu trước sẽ bị mất. Hãy thử lưu lại trước.",
		TryAgain:          "Thử lưu lại",
		QuitAnyway:        "Thoát, không lưu",
		KioskNotReady:     "Máy đang chuẩn bị cho người tiếp theo. Nếu thông báo này còn hiện, vui lòng báo nhân viên.",
		KioskSaveFailed:   "Chưa lưu được câu trả lời của bạn; máy sẽ thử lại. Vui lòng báo nhân viên.",
		KioskNoQuit:       "Để thoát, vui lòng nhờ nhân viên.",
		KioskStored:       "Mã phiên của bạn: %s. Nếu bạn đồng ý, câu trả lời của bạn được lưu trên máy này cùng mã phiên, để bác sĩ xem cùng bạn. Phiên bỏ dở được xóa sau %d ngày; phiên đã hoàn tất được nhân viên phòng khám lưu giữ và xóa theo quy định.",
		Restarting:        "Ứng dụng đang khởi động lại. Vui lòng chờ trong giây lát.",
		PINTitle:          "Nhân viên: nhập mã PIN để thoát",
		PINUnset:          "Máy này chưa đặt mã PIN cho nhân viên, nên không thể thoát tại đây.",
		PINLocked:         "Nhập sai quá nhiều lần. Thử lại sau %v.",
		PINKeys:           "enter để xác nhận, esc để hủy",
		PINWrong:          "Mã PIN không đúng.",
		PINChecking:       "Đang kiểm tra mã PIN…",
		StaffTitle:        "Gọi nhân viên",
		StaffBody:         "Vui lòng đến quầy lễ tân hoặc giơ tay; nhân viên sẽ đến giúp bạn. Bấm phím bất kỳ để quay lại.",
		StaffButton:       "F1 Gọi nhân viên",
		StillThere:        "Bạn còn ở đây không?",
		Countdown:         "Bấm phím bất kỳ để tiếp tục. Nếu không, sau %d giây, phiên này sẽ được lưu lại và màn hình trở về trang đầu cho người tiếp theo.",
		HandoffTitle:      "Cảm ơn bạn",
		HandoffBody:       "Hãy đưa mã này cho nhân viên ở quầy để bác sĩ mở bản ghi của bạn.",
		HandoffHint:       "Bấm phím bất kỳ khi bạn đã ghi lại mã.",
		ByNames:           map[string]string{model.ByPatient: "người bệnh", model.ByDoctor: "bác sĩ", model.ByPersona: "hồ sơ mẫu"},
		SureAgain:         "Đang hỏi lại lần %d; các câu trả lời trước vẫn được giữ.",
		SavedUnfinished:   "Phiên %[1]s đã được lưu, chưa kết thúc. Để tiếp tục: stemcounsel --resume %[1]s",
		ChangedSince:      "Từ khi phiên này bắt đầu, nội dung các trang sau đã được sửa: %s. Ứng dụng đưa bạn quay lại xem các trang đó.",
		ValueOf:           "Dòng %d/%d",
		ImportanceNames:   map[model.Importance]string{model.Unrated: "chưa chọn", model.NotImportant: "Không quan trọng", model.Somewhat: "Khá quan trọng", model.Very: "Rất quan trọng"},
		LeaningTitle:      "Tôi đang nghiêng về",
		ValuesSoFar:       "Bạn đã chọn",
		SummaryValues:     "Điều quan trọng với người bệnh",
		SummaryLeaning:    "Đang nghiêng về",
		ValuesTension:     "«%[1]s» được chọn là rất quan trọng, trong khi người bệnh nghiêng về «%[2]s»: một chủ đề nên trao đổi, không phải một sai lầm.",
		DateTime:          "02/01/2006 15:04",
		ConsentYes:        "Đồng ý lưu",
		ConsentNo:         "Không lưu",
		ConsentKeys:       "1/y đồng ý · 2/n không · ↑/↓ đọc tiếp · esc quay lại",
		ConsentMore:       "↓ còn tiếp",
		ConsentCurrent:    "câu trả lời hiện tại",
		ConsentKept:       "Phiên này được lưu với mã %s.",
		NotKept:           "Phiên này không được lưu; bạn vẫn có thể in tài liệu thông tin.",
		ConsentDeleted:    "Đã xóa những gì đã lưu; phiên này không được lưu.",
		ConsentNotDeleted: "Chưa xóa được những gì đã lưu (%[1]v). Xin báo nhân viên, mã phiên %[2]s.",
		KeyConsent:        "đổi ý về việc lưu bản ghi",
		FinishNotKept:     "Kết thúc ›",
		FinishedButton:    "Đã kết thúc ✓",
		HandoffNotKept:    "Bấm phím bất kỳ để kết thúc.",
		CountdownNotKept:  "Bấm phím bất kỳ để tiếp tục. Nếu không, sau %d giây, màn hình trở về trang đầu cho người tiếp theo; phiên này không được lưu.",

		QuizPrev:         "‹ câu trước",
		QuizNext:         "câu sau ›",
		QuizYourAnswer:   "câu bạn chọn",
		QuizKept:         "Câu trả lời đầu tiên của bạn vẫn được giữ.",
		QuizAnswered:     "đã trả lời %d/%d",
		QuizSkipTitle:    "Bỏ qua các câu còn lại?",
		QuizSkipBody:     "Còn %d câu chưa trả lời. Bạn có thể bỏ qua và đi tiếp, hoặc quay lại trả lời. Bản tóm tắt sẽ ghi là đã bỏ qua.",
		QuizSkip:         "Bỏ qua",
		QuizBackTo:       "Trả lời tiếp",
		Or:               "hoặc",
		SummaryQuizCount: "Đã trả lời %d/%d câu",

		ResumeNew:        "Bắt đầu phiên mới",
		ResumeLocked:     "đang mở ở cửa sổ khác",
		ResumeDiffers:    "Đã mở lại phiên %[1]s. Phiên này giữ ngôn ngữ (%[2]s) và nhóm bệnh (%[3]s) của nó, không theo lựa chọn lúc khởi động.",
		MinutesAgo:       "%d phút trước",
		HoursAgo:         "%d giờ trước",
		DaysAgo:          "%d ngày trước",
		FinishedReadOnly: "Phiên đã kết thúc và được lưu: chỉ xem, không sửa được. Bấm a để thêm ghi chú bổ sung.",
		FinishedExit:     "Phiên %[1]s đã kết thúc. Bản ghi ở %[2]s. Để xem: stemcounsel open %[1]s",
		ExitNothing:      "Phiên %s đã đóng; chưa có gì được trả lời nên không có gì được lưu.",
		AmendTitle:       "Ghi chú bổ sung cho bản ghi đã kết thúc",
		AmendHelp:        "Viết điều cần sửa và lý do. Ghi chú được lưu bên cạnh bản ghi gốc; bản ghi gốc không bị thay đổi.",
		AmendSaved:       "Đã lưu ghi chú bổ sung bên cạnh bản ghi.",
		KeyAmend:         "ghi chú bổ sung",
		QuitNothing:      "Chưa có câu trả lời nào, nên sẽ không có gì được lưu.",
		KeyYes:           "y",
		KeyNo:            "n",
		KeyQuestion:      "câu trước/sau",
		StripLegend:      "C có · K không · ? chưa chắc · · chưa trả lời",
		ChecklistStay:    "Đã ghi. ↓ sang mục sau, n để ghi chú cho mục này.",
		KeySearchChoose:  "chọn nhóm tìm được; không tìm: đi tiếp",
	},
	model.LangEN: {
		StepOf:          "Step %d of %d",
		Back:            "‹ Back",
		Next:            "Next ›",
		Start:           "Start ›",
		LanguageLabel:   "Language",
		ModeLabel:       "Mode",
		WelcomeHint:     "↑/↓ to move, enter to choose",
		WelcomeNeedRole: "Please choose a mode before you continue.",
		RoleNames: map[model.Role]string{
			model.RoleDoctor:  "Doctor-led session",
			model.RolePatient: "Patient self-review",
			model.RoleTrainer: "Trainer demonstration",
		},
		EvidenceLabel: "Evidence status",
		Draft:         "Draft, not yet clinically reviewed.",
		ReviewedBy:    "Reviewed by %s on %s.",
		Placeholder:   "This part is not in the current version yet.",
		TooSmall:      "The window is too small (%dx%d). Please enlarge it to at least %dx%d.",
		Contents:      "Contents",
		ContentsHint:  "↑/↓ move, enter go, • this page, esc close",
		HelpTitle:     "Keys",
		HelpClose:     "esc or ? to close",
		QuitTitle:     "Quit?",
		QuitBody:      "What you chose in this session will not be kept.",
		Stay:          "Stay",
		Quit:          "Quit",
		KeyNext:       "next",
		KeyPrev:       "back",
		KeyScroll:     "scroll",
		KeyPage:       "page",
		KeyMenu:       "contents",
		KeyHelp:       "help",
		KeyQuit:       "quit",
		KeyChoose:     "choose",
		KeyMove:       "move",
		KeyClose:      "close",
		KeyTop:        "top/end",
		KeyType:       "type to search",
		KeyToggle:     "choose/unchoose",
		KeyClear:      "clear search",
		KeyDelete:     "delete a letter",
		KeyStaffExit:  "staff exit (needs the PIN)",
		KeyCallStaff:  "call staff",
		HelpMouse:     "Mouse: click a button or a choice to choose it, use the wheel to scroll.",

		GroupSearch:     "Search",
		GroupPrimary:    "main group",
		GroupNoMatch:    "No group matches. Try another word, or choose \"My condition is not listed\".",
		GroupChosen:     "Chosen",
		GroupNoneChosen: "No group chosen yet. You can choose one or more.",

		ItemOf: "Item %d of %d",
		AnswerNames: map[model.Answer]string{
			model.Yes: "Yes", model.No: "No", model.NotSure: "Not sure", model.Unanswered: "Not answered",
		},
		AnswerMarks: map[model.Answer]string{
			model.Yes: "Y", model.No: "N", model.NotSure: "?", model.Unanswered: "·",
		},
		NoteLabel:        "Doctor's note",
		NoteHint:         "n: add a doctor's note to this item",
		ChecklistWhy:     "Why this matters",
		ChecklistForYou:  "For the group you chose",
		ChecklistGeneral: "What it means",
		OutcomeHeads: map[model.Outcome]string{
			model.OutcomeExclusionReported:   "Something to talk through with your doctor",
			model.OutcomeNeedsDoctorReview:   "A few points your doctor will go through with you",
			model.OutcomeNoExclusionReported: "Nothing on this list came up, and the doctor still decides",
		},
		YourAnswers: "Your answers",
		Discuss:     "Please discuss this with your doctor.",
		KeyAnswer:   "answer",
		KeyItem:     "item",
		KeyNote:     "note",
		KeySave:     "save",
		KeyCancel:   "cancel",
		HelpShort:   "? help",

		SummaryLanguage:   "Language",
		SummaryMode:       "Mode",
		SummaryGroups:     "Disease groups chosen",
		SummaryNoGroups:   "No disease group chosen",
		SummaryStarted:    "Started",
		SummaryViewed:     "Pages viewed",
		SummaryContent:    "Content version",
		SummaryNotConsent: "This is a record of an information session, not a consent form.",
		SummaryChecklist:  "Exclusion checklist",
		Soon:              "coming later",
		HandoutTitle:      "Stem-cell therapy: information for patients",
		Date:              "2 Jan 2006",
		NotProvided:       "not provided by the clinic",
		QuestionOf:        "Question %d of %d",
		TeachBackNames:    map[model.TeachBack]string{model.ExplainedBack: "Explained back", model.ReExplained: "Re-explained"},
		RightAnswer:       "The answer:",
		TeachBackTitle:    "Teach-back (for the doctor)",
		TeachBackHint:     "Ask the patient to answer in their own words, then mark 4 if they explained it back, 5 if you explained it again.",
		QuizHint:          "Answer with %s, or click an answer. This is not a test.",
		SureAskedTimes:    "Asked %d times; the earlier answers are kept.",
		QuestionTitle:     "A question for the doctor",
		QuestionHelp:      "Write what you want to ask the doctor. It is kept with this page and shown on the summary.",
		QuestionKeys:      "enter to keep, esc to drop",
		QuestionSaved:     "Your question is noted.",
		Unencrypted:       "Records are kept unencrypted: no --records-key is set.",
		AskedMark:         "(question)",
		KeyAsk:            "ask the doctor",
		KeyAgain:          "ask SURE again",
		KeyTeachBack:      "teach-back",
		SummaryConcerns:   "For the doctor to talk through",
		SummarySure:       "SURE check",
		SureOpen:          "Some questions are still open before deciding. Answered No:",
		SureSettled:       "You answered Yes to all four questions.",
		SummaryTeachBack:  "Teach-back",
		SummaryQuestions:  "Questions for the doctor",
		SummaryQuiz:       "Knowledge check",
		ConcernNames: map[model.Concern]string{
			model.ConcernExpectations: "Some answers show hopes the doctor should talk through",
		},
		TrainerPanel:  "Training script",
		DoctorPanel:   "Notes for the doctor",
		TalkingPoints: "Talking points",
		ScriptSays:    "The patient may say",
		ScriptRespond: "A good response",
		ScriptAvoid:   "Avoid saying",
		NoPersona:     "No persona chosen yet.",
		NeedPersona:   "Please choose a persona before you continue.",
		PersonaHint:   "Choose with ↑/↓ and enter. The checklist is filled in from the persona; change an answer to show how the outcome changes.",
		PersonaChosen: "Chosen: %s",
		NextStepNames: map[model.NextStep]string{
			model.NextAssessmentBooked: "Assessment booked",
			model.NextDeclined:         "Declined",
			model.NextReferredToTrial:  "Referred to a clinical trial",
			model.NextUndecided:        "Undecided",
		},
		PatientRefLabel:   "File number or initials (optional)",
		TrainingBadge:     "TRAINING",
		KeyPanel:          "doctor's notes",
		KeyTrainerPanel:   "training script",
		SummaryTraining:   "Training demonstration, not a clinical record",
		SummaryPersona:    "Persona",
		SummaryPatientRef: "File number",
		SummaryNextStep:   "Next step",
		SummarySkipped:    "Skipped",
		SummaryNotSet:     "not recorded",

		Finish:         "Finish and save ›",
		FinishedSaved:  "The record is saved. Session code: %s",
		SaveFailed:     "Could not save to %s (%v). The session is kept here; press ctrl+s to try again.",
		QuitKept:       "The unfinished session is kept with code %s and can be resumed later.",
		RecordTitle:    "Record of counseling session",
		RecordStatus:   "Status",
		RecordUpdated:  "Updated",
		RecordFinished: "Finished",
		ContentNow:     "content now:",
		StatusNames: map[string]string{
			model.StatusInProgress: "in progress", model.StatusFinished: "finished", model.StatusAbandoned: "abandoned",
		},
		ResumeTitle:         "Resume an unfinished session?",
		ResumeHelp:          "These sessions were not finished. Resume one only if it belongs to the patient here now; otherwise start a new session.",
		ResumeKeys:          "↑/↓ to move, enter to choose, esc for a new session",
		ResumeFailed:        "Could not open that session: %v",
		ResumeOpenElsewhere: "Session %s is open in another window, so it cannot be opened here. Finish it in that window, or choose another session.",
		Resumed:             "Session %s resumed.",
		SummaryCode:         "Session code",

		QuitUnsavedTitle:  "Your answers are NOT saved",
		QuitUnsaved:       "The last save failed (%v). If you quit now, the answers since the last good save are lost. Try saving again first.",
		TryAgain:          "Try again",
		QuitAnyway:        "Quit without saving",
		KioskNotReady:     "This screen is getting ready for the next person. If this message stays, please tell a member of staff.",
		KioskSaveFailed:   "Your answers could not be saved just now; the kiosk will try again. Please tell a member of staff.",
		KioskNoQuit:       "To exit, please ask a member of staff.",
		KioskStored:       "Your session code: %s. If you agree, your answers are kept on this machine with the code, for the doctor to go through with you. Unfinished sessions are deleted after %d days; finished ones are kept and removed by clinic staff as their rules say.",
		Restarting:        "The app is restarting. Please wait a moment.",
		PINTitle:          "Staff: enter the PIN to exit",
		PINUnset:          "No staff PIN is set on this machine, so it cannot be exited here.",
		PINLocked:         "Too many wrong tries. Try again in %v.",
		PINKeys:           "enter to confirm, esc to cancel",
		PINWrong:          "That PIN is not right.",
		PINChecking:       "Checking the PIN…",
		StaffTitle:        "Call staff",
		StaffBody:         "Please go to the front desk or raise your hand; a member of staff will come to help. Press any key to go back.",
		StaffButton:       "F1 Call staff",
		StillThere:        "Are you still there?",
		Countdown:         "Press any key to carry on. Otherwise, in %d s, this session will be saved and the screen will go back to the start for the next person.",
		HandoffTitle:      "Thank you",
		HandoffBody:       "Please give this code to the staff at the desk, so the doctor can open your record.",
		HandoffHint:       "Press any key once you have noted the code.",
		ByNames:           map[string]string{model.ByPatient: "patient", model.ByDoctor: "doctor", model.ByPersona: "persona"},
		SureAgain:         "Asking again (round %d); the earlier answers are kept.",
		SavedUnfinished:   "Session %[1]s is saved as unfinished; resume it with: stemcounsel --resume %[1]s",
		ChangedSince:      "Since this session began, these pages were corrected: %s. The app takes you back through them.",
		ValueOf:           "Line %d of %d",
		ImportanceNames:   map[model.Importance]string{model.Unrated: "not rated yet", model.NotImportant: "Not important", model.Somewhat: "Somewhat important", model.Very: "Very important"},
		LeaningTitle:      "Where I am leaning",
		ValuesSoFar:       "Your answers so far",
		SummaryValues:     "What matters to the patient",
		SummaryLeaning:    "Leaning toward",
		ValuesTension:     "\"%[1]s\" is rated very important while the patient leans toward \"%[2]s\": a topic to talk about, not a mistake.",
		DateTime:          "2 Jan 2006 15:04",
		ConsentYes:        "Yes, keep it",
		ConsentNo:         "No, don't keep it",
		ConsentKeys:       "1/y yes · 2/n no · ↑/↓ read on · esc back",
		ConsentMore:       "↓ more below",
		ConsentCurrent:    "your answer now",
		ConsentKept:       "This session is kept with code %s.",
		NotKept:           "This session is not kept; you can still print the handout.",
		ConsentDeleted:    "Deleted what was kept; this session is not kept.",
		ConsentNotDeleted: "What was kept could not be deleted (%[1]v). Please tell the staff: session code %[2]s.",
		KeyConsent:        "change your answer on keeping the record",
		FinishNotKept:     "Finish ›",
		FinishedButton:    "Finished ✓",
		HandoffNotKept:    "Press any key to finish.",
		CountdownNotKept:  "Press any key to carry on. Otherwise, in %d s, the screen will go back to the start for the next person; this session is not kept.",

		QuizPrev:         "‹ previous question",
		QuizNext:         "next question ›",
		QuizYourAnswer:   "your answer",
		QuizKept:         "Your first answer is kept.",
		QuizAnswered:     "%d of %d answered",
		QuizSkipTitle:    "Skip the remaining questions?",
		QuizSkipBody:     "%d questions are not answered yet. You can skip them and go on, or go back and answer them. The summary will say they were skipped.",
		QuizSkip:         "Skip them",
		QuizBackTo:       "Answer them",
		Or:               "or",
		SummaryQuizCount: "Answered %d of %d questions",

		ResumeNew:        "Start a new session",
		ResumeLocked:     "open in another window",
		ResumeDiffers:    "Session %[1]s resumed. It keeps its own language (%[2]s) and disease groups (%[3]s), not the ones asked for at start.",
		MinutesAgo:       "%d min ago",
		HoursAgo:         "%d h ago",
		DaysAgo:          "%d days ago",
		FinishedReadOnly: "This session is finished and saved: it can be read, not changed. Press a to add an amendment.",
		FinishedExit:     "Session %[1]s is finished. The record is in %[2]s. Read it with: stemcounsel open %[1]s",
		ExitNothing:      "Session %s closed; nothing was answered, so nothing was saved.",
		AmendTitle:       "Amend the finished record",
		AmendHelp:        "Write what to correct and why. The note is kept beside the original record, which is not changed.",
		AmendSaved:       "The amendment is kept beside the record.",
		KeyAmend:         "amend",
		QuitNothing:      "Nothing has been answered yet, so nothing will be saved.",
		KeyYes:           "y",
		KeyNo:            "n",
		KeyQuestion:      "previous/next question",
		StripLegend:      "Y yes · N no · ? not sure · · not answered",
		ChecklistStay:    "Noted. ↓ for the next item, n for a note on this one.",
		KeySearchChoose:  "choose the group found; no search: go on",
	},
}
