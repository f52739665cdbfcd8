package records

import (
	"fmt"
	"strings"

	"stemcounsel/model"
)

// InventoryFacts are the clinic's own settings that the data inventory
// states. Empty texts take the defaults of the language printed.
type InventoryFacts struct {
	Where     string // the records folder or database
	Database  bool   // Where is a chain's database, not a folder
	Encrypted bool
	// ConsentAsked: the app asks the patient before it keeps anything.
	ConsentAsked bool
	RetainDays   int // abandoned sessions
	// KeepFinished, RespondWithin and CompleteWithin are the clinic's
	// rules, set by its lawyer; the defaults follow public summaries of
	// Decree 356/2025/ND-CP.
	KeepFinished, RespondWithin, CompleteWithin string
}

type inventoryItem struct{ what, why, where, howLong, who string }

type inventoryText struct {
	title, intro, encrypted, plain                       string
	why, where, howLong, who                             string
	keepFinished, respondWithin, completeWithin          string
	requestsTitle, requests                              string
	nothingElseTitle, nothingElse                        string
	consentAsked, consentNotAsked                        string
	items                                                func(f InventoryFacts) []inventoryItem
	folderFiles, sealed, unsealed, identityHolder, staff string
	databaseRows, databaseStaff                          string
}

var inventoryTexts = map[model.Lang]inventoryText{
	model.LangVI: {
		title: "Danh mục dữ liệu của stemcounsel",
		intro: "Bản này liệt kê mọi dữ liệu ứng dụng lưu, để phòng khám dùng khi đánh giá tác động xử lý dữ liệu cá nhân " +
			"(Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15, Nghị định 356/2025/NĐ-CP). Phòng khám là bên kiểm soát dữ liệu; " +
			"luật sư của phòng khám quyết định thời hạn và cách diễn đạt.",
		encrypted: "Hồ sơ ở đây được mã hóa bằng age tới khóa công khai của phòng khám. Chỉ người giữ khóa bí mật (--identity) đọc được nội dung.",
		plain:     "CẢNH BÁO: hồ sơ ở đây KHÔNG được mã hóa. Ai đọc được ổ đĩa là đọc được câu trả lời. Đặt --records-key để mã hóa.",
		why:       "Mục đích", where: "Nơi lưu", howLong: "Thời hạn", who: "Ai xem được",
		keepFinished:   "theo quy định lưu trữ của phòng khám; xóa bằng stemcounsel records --purge-older-than N",
		respondWithin:  "2 ngày làm việc",
		completeWithin: "15 ngày",
		requestsTitle:  "Yêu cầu của người bệnh",
		requests: "Trả lời yêu cầu trong %s, hoàn tất trong %s (theo bản tóm tắt công khai; luật sư của phòng khám xác nhận).\n" +
			"- Xem và nhận bản sao: stemcounsel records export --code MÃ (hoặc --file-number SỐ)\n" +
			"- Xóa: stemcounsel records delete MÃ --reason LÝ-DO (giữ lại một dấu vết xóa: mã, thời điểm, lý do, người xóa)\n" +
			"- Hạn chế xử lý: stemcounsel records restrict MÃ (gỡ bằng --lift)\n" +
			"Mỗi thao tác được ghi vào nhật ký truy cập; kiểm tra nhật ký bằng stemcounsel audit verify.",
		nothingElseTitle: "Không lưu gì khác",
		nothingElse: "Ứng dụng không gửi dữ liệu đi đâu ngoài nơi phòng khám cấu hình, không đo lường sử dụng. " +
			"Tờ thông tin in ra không được lưu. Phiên huấn luyện dùng hồ sơ giả định, không phải dữ liệu người bệnh.",
		consentAsked:    "Phiên mà người bệnh không đồng ý lưu chỉ nằm trong bộ nhớ và mất khi kết thúc.",
		consentNotAsked: "Ứng dụng chưa hỏi người bệnh có đồng ý lưu hồ sơ không: mọi phiên có câu trả lời đều được lưu. Phòng khám cần lấy sự đồng ý theo cách khác.",
		folderFiles:     "thư mục hồ sơ %s",
		databaseRows:    "cơ sở dữ liệu hồ sơ %s, ở các bảng records, visits, audit_log, tombstones và restrictions thay cho các tệp nêu trên",
		databaseStaff:   "nhân viên có quyền đọc cơ sở dữ liệu hồ sơ (và bản sao lưu pg_dump của nó)",
		sealed:          "được mã hóa",
		unsealed:        "KHÔNG mã hóa (chưa đặt khóa)",
		identityHolder:  "người giữ khóa bí mật của phòng khám (bác sĩ)",
		staff:           "nhân viên có quyền vào thư mục hồ sơ",
		items: func(f InventoryFacts) []inventoryItem {
			return []inventoryItem{
				{"Mục liệt kê của hồ sơ: mã phiên, trạng thái, chế độ (bác sĩ, người bệnh, huấn luyện), thời điểm cập nhật",
					"tìm, tiếp tục và xóa phiên mà không cần mở nội dung",
					"tệp MÃ.json, MÃ.progress.json; luôn đọc được, kể cả khi có khóa",
					"như hồ sơ", "staff"},
				{"Nội dung buổi tư vấn (dữ liệu sức khỏe, nhạy cảm): nhóm bệnh đã chọn, câu trả lời bảng kiểm và ghi chú của bác sĩ, " +
					"mối lo ngại, câu trả lời kiểm tra hiểu biết, đánh giá nhắc lại, thang SURE, câu hỏi dành cho bác sĩ, bước tiếp theo, " +
					"các trang đã xem và thời điểm, phiên bản nội dung; số hồ sơ hoặc chữ viết tắt tên (chỉ phiên do bác sĩ dẫn)",
					"để bác sĩ xem lại buổi tư vấn cùng người bệnh; ghi lại thông tin đã được trình bày",
					"tệp MÃ.json, MÃ.progress.json và bản đọc MÃ.md; sealed",
					fmt.Sprintf("phiên bỏ dở: xóa sau %d ngày khi ứng dụng khởi động; phiên hoàn tất: %s", f.RetainDays, f.KeepFinished), "identity"},
				{"Số đo theo dõi (dữ liệu sức khỏe, nhạy cảm): số đo ban đầu trong hồ sơ buổi tư vấn; mỗi lần tái khám là một hồ sơ riêng gắn với mã phiên: mức đau, các hoạt động theo lời người bệnh và điểm của chúng, các thang do bác sĩ đánh giá, đánh giá chung về thay đổi, tác dụng phụ, quyết định",
					"để bác sĩ và người bệnh thấy điều trị có hiệu quả không, và khi nào nên bàn về việc ngừng",
					"trong hồ sơ và các tệp MÃ.visit-NNN.json; sealed", "như hồ sơ của phiên; bị xóa cùng với hồ sơ đó", "identity"},
				{"Bằng chứng đồng ý lưu hồ sơ: đồng ý hay không, thời điểm, mã băm của lời hỏi đã hiện, ngôn ngữ, cách hỏi, máy trả lời, ai trả lời",
					"chứng minh sự đồng ý theo luật; không phải chấp thuận điều trị",
					"bên trong hồ sơ; sealed", "như hồ sơ", "identity"},
				{"Nhật ký lỗi (crash-*.log): chi tiết kỹ thuật của sự cố, có thể nêu mã phiên",
					"để nhân viên sửa lỗi", "tệp riêng; sealed", "đến khi nhân viên xóa (ứng dụng không tự xóa)", "identity"},
				{"Nhật ký truy cập (audit.log, audit.log.head): ai (tài khoản máy), từ đâu (tên máy, địa chỉ SSH), làm gì (mở, xuất, tiếp tục, sửa, xóa theo hạn, xóa theo yêu cầu, hạn chế), mã phiên, thời điểm, lý do xóa; không bao giờ có câu trả lời",
					"truy vết, phát hiện sửa đổi, xác định phạm vi khi có sự cố lộ dữ liệu",
					"không mã hóa, mỗi dòng móc xích với dòng trước bằng mã băm", "lâu dài; ứng dụng không xóa", "staff"},
				{"Dấu vết xóa (MÃ.tombstone): mã phiên, thời điểm, lý do, người xóa; không có nội dung",
					"chứng minh đã xóa theo yêu cầu; mã không bị dùng lại", "tệp riêng, không mã hóa", "lâu dài", "staff"},
				{"Dấu hạn chế (MÃ.restricted): mã phiên, từ khi nào, ai đặt",
					"dừng mọi xử lý tiếp theo theo yêu cầu của người bệnh", "tệp riêng, không mã hóa", "đến khi gỡ", "staff"},
			}
		},
	},
	model.LangEN: {
		title: "stemcounsel data inventory",
		intro: "This lists everything the app keeps, for the clinic's personal data protection impact assessment " +
			"(Personal Data Protection Law 91/2025/QH15, Decree 356/2025/ND-CP). The clinic is the data controller; " +
			"its lawyer decides the periods and the wording.",
		encrypted: "Records here are encrypted with age to the clinic's public key. Only whoever holds the secret key (--identity) can read their content.",
		plain:     "WARNING: records here are NOT encrypted. Anyone who can read the disk can read the answers. Set --records-key to encrypt them.",
		why:       "Why", where: "Where", howLong: "How long", who: "Who can see it",
		keepFinished:   "as the clinic's records rules say; removed with stemcounsel records --purge-older-than N",
		respondWithin:  "2 working days",
		completeWithin: "15 days",
		requestsTitle:  "Patients' requests",
		requests: "Respond to a request within %s and complete it within %s (as public summaries of the decree report it; the clinic's lawyer confirms).\n" +
			"- Access and a copy: stemcounsel records export --code CODE (or --file-number NUMBER)\n" +
			"- Deletion: stemcounsel records delete CODE --reason TEXT (leaves a tombstone: code, time, reason, who)\n" +
			"- Restriction: stemcounsel records restrict CODE (lift with --lift)\n" +
			"Each is written to the audit log; check the log with stemcounsel audit verify.",
		nothingElseTitle: "Nothing else is kept",
		nothingElse: "The app sends nothing anywhere the clinic has not configured and measures no usage. " +
			"A printed handout is not kept. Training sessions use made-up personas, not patients' data.",
		consentAsked:    "A session whose patient does not agree to keep its record stays in memory and is gone when it ends.",
		consentNotAsked: "The app does not yet ask patients whether their record may be kept: every session with an answer is saved. The clinic must take that consent another way.",
		folderFiles:     "the records folder %s",
		databaseRows:    "the records database %s, in the tables records, visits, audit_log, tombstones and restrictions in place of the files named",
		databaseStaff:   "staff who can read the records database (and its pg_dump backups)",
		sealed:          "encrypted",
		unsealed:        "NOT encrypted (no key set)",
		identityHolder:  "whoever holds the clinic's secret key (the doctor)",
		staff:           "staff with access to the records folder",
		items: func(f InventoryFacts) []inventoryItem {
			return []inventoryItem{
				{"A record's listing: session code, status, mode (doctor, patient, training), time last updated",
					"find, resume and purge sessions without opening their content",
					"CODE.json, CODE.progress.json; readable even with a key",
					"as long as the record", "staff"},
				{"The session's content (health data, sensitive): disease groups chosen, checklist answers and the doctor's notes, " +
					"concerns, knowledge-check answers, teach-back marks, SURE answers, questions for the doctor, next step, " +
					"pages viewed and when, content version; file number or initials (doctor-led sessions only)",
					"so the doctor can go through the session with the patient; a record of what information was given",
					"CODE.json, CODE.progress.json and the readable copy CODE.md; sealed",
					fmt.Sprintf("unfinished sessions: deleted %d days after they were left, at start-up; finished ones: %s", f.RetainDays, f.KeepFinished), "identity"},
				{"Follow-up measurements (health data, sensitive): the baseline inside the session's record; each follow-up visit a record of its own under the session's code: pain, the activities in the patient's words and their scores, the clinician scales, the impression of change, side effects, the decision",
					"so doctor and patient can see whether the treatment works, and when to discuss stopping",
					"inside the record and in CODE.visit-NNN.json; sealed", "as long as the session's record; deleted with it", "identity"},
				{"Evidence of consent to keep the record: yes or no, time, hash of the question shown, language, method, terminal, who answered",
					"proof of consent, as the law asks; not consent to a treatment",
					"inside the record; sealed", "as long as the record", "identity"},
				{"Crash logs (crash-*.log): technical details of a failure, which may name a session code",
					"so staff can fix the fault", "own files; sealed", "until staff delete them (the app does not)", "identity"},
				{"Audit log (audit.log, audit.log.head): who (machine account), from where (machine, SSH address), what (opened, exported, resumed, amended, purged, deleted, restricted), session code, time, reason for a deletion; never an answer",
					"traceability, finding tampering, scoping a breach",
					"not encrypted; each line chained to the one before by its hash", "kept; the app never deletes it", "staff"},
				{"Tombstones (CODE.tombstone): session code, time, reason, who deleted; no content",
					"proof that a deletion was done; the code is never drawn again", "own file, not encrypted", "kept", "staff"},
				{"Restriction marks (CODE.restricted): session code, since when, who",
					"stop further processing at the patient's request", "own file, not encrypted", "until lifted", "staff"},
			}
		},
	},
}

// Inventory is the data inventory in lang, for the clinic's impact
// assessment: what is stored, why, where, for how long, and who can see it.
func Inventory(lang model.Lang, f InventoryFacts) string {
	t, ok := inventoryTexts[lang]
	if !ok {
		t = inventoryTexts[model.LangEN]
	}
	f.KeepFinished = orDefault(f.KeepFinished, t.keepFinished)
	f.RespondWithin = orDefault(f.RespondWithin, t.respondWithin)
	f.CompleteWithin = orDefault(f.CompleteWithin, t.completeWithin)
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", t.title, t.intro)
	if f.Encrypted {
		b.WriteString(t.encrypted + "\n\n")
	} else {
		b.WriteString(t.plain + "\n\n")
	}
	folder, staff := fmt.Sprintf(t.folderFiles, f.Where), t.staff
	if f.Database {
		folder, staff = fmt.Sprintf(t.databaseRows, f.Where), t.databaseStaff
	}
	for _, it := range t.items(f) {
		sealed, who := t.unsealed, staff
		if f.Encrypted {
			sealed = t.sealed
			if it.who == "identity" {
				who = t.identityHolder
			}
		}
		where := strings.ReplaceAll(it.where, "sealed", sealed)
		fmt.Fprintf(&b, "## %s\n\n- %s: %s\n- %s: %s (%s)\n- %s: %s\n- %s: %s\n\n",
			it.what, t.why, it.why, t.where, where, folder, t.howLong, it.howLong, t.who, who)
	}
	fmt.Fprintf(&b, "## %s\n\n", t.requestsTitle)
	fmt.Fprintf(&b, t.requests+"\n\n", f.RespondWithin, f.CompleteWithin)
	consent := t.consentNotAsked
	if f.ConsentAsked {
		consent = t.consentAsked
	}
	fmt.Fprintf(&b, "## %s\n\n%s %s\n", t.nothingElseTitle, t.nothingElse, consent)
	return b.String()
}

func orDefault(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
