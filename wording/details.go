package wording

import "stemcounsel/model"

// Details is the wording of the reading aids, the clinician panel's
// scrolling, what the summary says is missing and the server's messages.
// It is kept apart from Text's long table and embedded in it.
type Details struct {
	GroupMore string // "%d": groups out of view

	PanelLines     string // "%[1]d–%[2]d of %[3]d": the panel rows shown
	KeyPanelScroll string

	// Searching the page. None: "%s" the words; Hit: "%[1]s" the words,
	// "%[2]d" which hit, "%[3]d" of how many.
	SearchTitle, SearchKeys, SearchNone, SearchHit string
	KeySearch, KeySearchNext, KeyHalfPage          string

	// The question for the doctor, opened again on its page.
	QuestionEdit, QuestionRemoved string

	// The file number field is full: "%d" its limit.
	RefFull string

	// The title of a trainer's demonstration record: "%s" its code follows.
	TrainingRecordTitle string

	// What the summary says is missing. QuizOpen and QuizWrong: "%d"
	// questions; ItemsOpen and ViewedCount: "%d of %d"; WrongMark: "%s" the
	// right answer.
	SummaryQuizOpen, SummaryQuizWrong, SummaryItemsOpen string
	QuizRightMark, QuizWrongMark                        string
	SummaryViewedCount, SummaryNotViewed                string

	// The SSH server. Full, PerLogin: "%d" the limit; Idle: "%s" a
	// wording.Duration; Saved: "%s" the code.
	ServerStopping, ServerTryLater, ServerFull, ServerPerLogin string
	ServerCannotStart, ServerIdle, ServerSaved, ServerNotSaved string
	ServerNeedPTY                                              string
	// ServerCommands: what a client may ask the server to run;
	// ServerResumeHint: "%s" the code.
	ServerCommands, ServerNoResume, ServerResumeHint string
}

func init() {
	texts[model.LangVI].Details = Details{
		GroupMore:      "còn %d nhóm nữa: ↑/↓ để xem",
		PanelLines:     "dòng %[1]d–%[2]d/%[3]d · [ ] để cuộn",
		KeyPanelScroll: "cuộn ghi chú",

		SearchTitle:   "Tìm trong trang này",
		SearchKeys:    "enter để tìm, esc để bỏ",
		SearchNone:    "Không thấy «%s» trong trang này.",
		SearchHit:     "«%[1]s»: chỗ %[2]d/%[3]d, ở dòng đầu · n chỗ sau, N chỗ trước",
		KeySearch:     "tìm trong trang",
		KeySearchNext: "chỗ tìm thấy sau/trước",
		KeyHalfPage:   "nửa trang",

		QuestionEdit:    "Đây là câu hỏi bạn đã viết cho trang này. Bạn có thể sửa, hoặc xóa hết để bỏ câu hỏi.",
		QuestionRemoved: "Đã bỏ câu hỏi của trang này.",

		TrainingRecordTitle: "Buổi minh họa đào tạo, không phải bản ghi lâm sàng:",
		RefFull:             "Ô này nhận tối đa %d ký tự: hãy ghi mã hồ sơ hoặc tên viết tắt, không cần họ tên đầy đủ.",

		SummaryQuizOpen:    "%d câu chưa trả lời",
		SummaryQuizWrong:   "%d câu trả lời chưa đúng",
		SummaryItemsOpen:   "%d/%d mục chưa trả lời",
		QuizRightMark:      "(✓ đúng)",
		QuizWrongMark:      "(✗ chưa đúng; đáp án: %s)",
		SummaryViewedCount: "Đã xem %d/%d trang",
		SummaryNotViewed:   "Chưa xem",

		ServerStopping:    "Máy chủ đang dừng.",
		ServerTryLater:    "Vui lòng thử lại sau ít phút.",
		ServerFull:        "Máy chủ đã đủ chỗ (giới hạn %d phiên cùng lúc). Vui lòng thử lại sau ít phút, hoặc hỏi quầy tiếp đón.",
		ServerPerLogin:    "Tài khoản đăng nhập này đã mở đủ %d phiên. Hãy đóng bớt một phiên, hoặc hỏi quầy tiếp đón.",
		ServerCannotStart: "Máy chủ chưa mở được phiên lúc này. Vui lòng thử lại sau ít phút.",
		ServerIdle:        "Phiên đã đóng vì không có phím nào được bấm trong %s.",
		ServerSaved:       "Phiên của bạn đã được lưu với mã %s.",
		ServerNotSaved:    "Chưa lưu được phiên của bạn; xin báo quầy tiếp đón.",
		ServerNeedPTY:     "Đây là ứng dụng toàn màn hình, cần một terminal: hãy kết nối bằng ssh -t (ví dụ: ssh -t tên@máy-chủ).",
		ServerCommands:    "Máy chủ chỉ nhận: ssh -t tên@máy-chủ (phiên mới), hoặc ssh -t tên@máy-chủ resume MÃ (tiếp tục một phiên chưa kết thúc).",
		ServerNoResume:    "Máy chủ này không cho tiếp tục phiên cũ qua mạng (máy kiosk, hoặc máy chủ không đặt chế độ). Hãy bắt đầu phiên mới, hoặc hỏi quầy tiếp đón.",
		ServerResumeHint:  "Để tiếp tục sau: ssh -t tên@máy-chủ resume %s",
	}
	texts[model.LangEN].Details = Details{
		GroupMore:      "%d more groups: ↑/↓ to see them",
		PanelLines:     "lines %[1]d–%[2]d of %[3]d · [ ] to scroll",
		KeyPanelScroll: "scroll the notes",

		SearchTitle:   "Search this page",
		SearchKeys:    "enter to search, esc to cancel",
		SearchNone:    "\"%s\" is not on this page.",
		SearchHit:     "\"%[1]s\": %[2]d of %[3]d, on the top line · n next, N previous",
		KeySearch:     "search the page",
		KeySearchNext: "next/previous match",
		KeyHalfPage:   "half a page",

		QuestionEdit:    "This is the question you wrote for this page. You can change it, or delete all of it to take the question back.",
		QuestionRemoved: "The question for this page is taken back.",

		TrainingRecordTitle: "Training demonstration, not a clinical record:",
		RefFull:             "This field takes at most %d characters: the file number or initials, not the full name.",

		SummaryQuizOpen:    "%d not answered",
		SummaryQuizWrong:   "%d answered wrongly",
		SummaryItemsOpen:   "%d of %d items not answered",
		QuizRightMark:      "(✓ right)",
		QuizWrongMark:      "(✗ wrong; the answer: %s)",
		SummaryViewedCount: "Viewed %d of %d pages",
		SummaryNotViewed:   "Not viewed",

		ServerStopping:    "The server is stopping.",
		ServerTryLater:    "Please try again in a moment.",
		ServerFull:        "Every place on this server is taken right now (the limit is %d). Please try again in a moment, or ask at the desk.",
		ServerPerLogin:    "This login already has %d sessions open, the most it may. Close one, or ask at the desk.",
		ServerCannotStart: "The server cannot start a session now. Please try again in a moment.",
		ServerIdle:        "The session was closed after %s without a key press.",
		ServerSaved:       "Your session is saved with code %s.",
		ServerNotSaved:    "Your session could not be saved; please tell the desk.",
		ServerNeedPTY:     "This is a full-screen app and needs a terminal: connect with ssh -t (for example: ssh -t user@host).",
		ServerCommands:    "The server takes only: ssh -t user@host (a new session), or ssh -t user@host resume CODE (go on with an unfinished one).",
		ServerNoResume:    "This server does not let sessions be resumed over the network (a kiosk, or a server with no mode set). Start a new session, or ask at the desk.",
		ServerResumeHint:  "To go on later: ssh -t user@host resume %s",
	}
}
