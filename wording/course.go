package wording

import "stemcounsel/model"

// Course is the wording of a follow-up's course as the documents show
// it: the timeline and the visits in the records. The measures' names,
// units and directions are content's (model.MeasureWords); the decisions
// and the labels the visit screen shares are FollowUp's, so a measure is
// called the same on screen and on paper.
type Course struct {
	Title       string
	OwnCourse   string // the patient's course is theirs, not a trial group's result
	Direction   string // every chart: up is better
	DayFormat   string // a visit's date, as time.Format takes it
	NotValidVI  string // the Vietnamese wording of the scales is not validated
	PercentAxis string // "% change from the first measurement"
	PointsAxis  string // "change from the first measurement, in %s"
	Reading     string // words only: "%[1]s; up means %[2]s; a change counts from %[3]s"
	DecimalMark string
	Months      string // the time axis
	Window      string // "%s end of the assessment window: %s"
	NoWindow    string
	Beyond      string // legend: "%s beyond the detectable change (%s)"
	Within      string // legend: "%s within it: not counted as a change"
	OrPoints    string // "%s or %s" (pain: percent or points)
	MonthOne    string // "%s month"
	MonthMany   string // "%s months"
	First       string // "first measurement %s: %s"
	VisitLine   string // "%[1]s (%[2]s): %[3]s → %[4]s, %[5]s"
	Better      string // "%s better"
	Worse       string // "%s worse"
	Same        string
	Counted     string // beyond the detectable change
	NotCounted  string
	NoBaseline  string // "%s: no first measurement, so no change is shown"
	Activities  string // "activities (one counts from %s): %s", e.g. "3 points"
	Activity    string // "%[1]s %[2]d → %[3]d" one PSFS activity
	Counts      string // after an activity beyond its detectable change
	HardTitle   string
	HardNotes   []string
	StopTalk    string // the stop conversation, a talking point
	Improved    string // "Improved beyond the detectable change: %s"
	NoVisits    string

	BaselineTitle, VisitTitle      string // "Follow-up visit %d"
	ImpressionLabel, NoSideEffects string
	AtKiosk, RegretLabel           string
	Impressions                    map[model.Impression]string
	SideEffectNames                map[string]string // by the JSON name of the yes/no
}

// CourseFor is the course wording of a language (English for a language
// this build does not know).
func CourseFor(lang model.Lang) *Course { return inLang(courses, lang) }

// inLang is a wording table's language, English for a language this
// build does not know.
func inLang[T any](tables map[model.Lang]*T, lang model.Lang) *T {
	if t, ok := tables[lang]; ok {
		return t
	}
	return tables[model.LangEN]
}

var courses = map[model.Lang]*Course{
	model.LangVI: {
		Title:       "Diễn tiến theo dõi",
		OwnCourse:   "Đây là diễn tiến của riêng người bệnh này, đo tại phòng khám. Đây không phải kết quả của nhóm bệnh nhân trong một thử nghiệm nào.",
		Direction:   "Trên mọi biểu đồ: lên trên là tốt hơn, xuống dưới là xấu hơn.",
		DayFormat:   "02/01/2006",
		NotValidVI:  "Bản tiếng Việt của các thang đo này chưa được thẩm định.",
		PercentAxis: "% thay đổi so với lần đo đầu",
		PointsAxis:  "thay đổi so với lần đo đầu, tính bằng %s",
		Reading:     "%[1]s; tốt hơn nghĩa là %[2]s; tính là thay đổi khi từ %[3]s trở lên.",
		DecimalMark: ",",
		Months:      "tháng sau lần đo đầu",
		Window:      "%s hết khoảng thời gian đánh giá của nhóm bệnh: %s",
		NoWindow:    "Nhóm bệnh này chưa có khoảng thời gian đánh giá.",
		Beyond:      "%s vượt mức thay đổi phát hiện được (%s)",
		Within:      "%s trong mức đó: chưa tính là thay đổi",
		OrPoints:    "%s hoặc %s",
		MonthOne:    "%s tháng",
		MonthMany:   "%s tháng",
		First:       "lần đo đầu %s: %s",
		VisitLine:   "%[1]s (%[2]s): %[3]s → %[4]s, %[5]s",
		Better:      "tốt hơn %s",
		Worse:       "xấu hơn %s",
		Same:        "không đổi",
		Counted:     "vượt mức thay đổi phát hiện được",
		NotCounted:  "trong mức thay đổi phát hiện được, chưa tính là thay đổi",
		NoBaseline:  "%s: chưa có lần đo đầu nên chưa thể hiện thay đổi.",
		Activities:  "từng hoạt động (tính là thay đổi khi từ %s trở lên): %s",
		Activity:    "%[1]s %[2]d → %[3]d",
		Counts:      "vượt mức",
		HardTitle:   "Vì sao khó đọc một thay đổi",
		HardNotes: []string{
			"Ở người trên 50 tuổi bị đau gối, khoảng 1/4 đến 1/3 số người có lúc đau cao hơn mức thường ngày của họ từ 2 điểm trở lên trong vòng 6 tháng, dù không có điều trị mới nào. Một thay đổi cỡ đó có thể chỉ là dao động tự nhiên.",
			"Trong 50 thử nghiệm về thoái hóa khớp gối (khoảng 4.000 người), người được tiêm nước muối sinh lý (giả dược) cũng đỡ đau, và cảm giác đỡ đau kéo dài tới 6 tháng. Vì vậy đỡ đau sau một mũi tiêm chưa cho biết chính sản phẩm được tiêm có tác dụng.",
			"Người bệnh thường đến khám khi triệu chứng nặng nhất. Sau một lúc tệ như vậy, triệu chứng thường tự nhẹ bớt (hiện tượng hồi quy về giá trị trung bình), nên lần đo sau có thể tốt hơn dù không có tác dụng nào.",
		},
		StopTalk: "Điểm cần trao đổi, không phải kết luận: đã hết khoảng thời gian mà các thử nghiệm dùng để đánh giá, và chưa có thang đo nào cải thiện vượt mức thay đổi phát hiện được. Hướng dẫn khuyên bác sĩ và người bệnh cùng bàn về việc dừng điều trị.",
		Improved: "Cải thiện vượt mức thay đổi phát hiện được: %s",
		NoVisits: "Chưa có lần khám theo dõi nào.",

		BaselineTitle:   "Lần đo đầu",
		VisitTitle:      "Lần khám %d",
		ImpressionLabel: "Người bệnh thấy thay đổi chung",
		NoSideEffects:   "không có",
		AtKiosk:         "Người bệnh tự nhập tại máy ở phòng chờ: chỉ các phần do người bệnh tự đánh giá.",
		RegretLabel:     "Thang đo hối tiếc về quyết định, 5 câu trả lời (1 rất đồng ý … 5 rất không đồng ý)",
		Impressions: map[model.Impression]string{
			model.ImpressionUnset:   "chưa hỏi",
			model.VeryMuchImproved:  "tốt hơn rất nhiều",
			model.MuchImproved:      "tốt hơn nhiều",
			model.MinimallyImproved: "tốt hơn một chút",
			model.NoChange:          "không thay đổi",
			model.MinimallyWorse:    "xấu hơn một chút",
			model.MuchWorse:         "xấu hơn nhiều",
			model.VeryMuchWorse:     "xấu hơn rất nhiều",
		},
		SideEffectNames: map[string]string{
			"fever": "sốt", "injection_site_infection": "nhiễm trùng chỗ tiêm", "new_pain": "đau mới", "other": "khác",
		},
	},
	model.LangEN: {
		Title:       "Follow-up course",
		OwnCourse:   "This is this patient's own course, measured at the clinic. It is not the result of a group of patients in any trial.",
		Direction:   "On every chart: up is better, down is worse.",
		DayFormat:   "2 Jan 2006",
		NotValidVI:  "The Vietnamese wording of these scales has not yet been validated.",
		PercentAxis: "% change from the first measurement",
		PointsAxis:  "change from the first measurement, in %s",
		Reading:     "%[1]s; better means %[2]s; a change counts from %[3]s.",
		DecimalMark: ".",
		Months:      "months after the first measurement",
		Window:      "%s end of the group's assessment window: %s",
		NoWindow:    "This group has no assessment window yet.",
		Beyond:      "%s beyond the detectable change (%s)",
		Within:      "%s within it: not counted as a change",
		OrPoints:    "%s or %s",
		MonthOne:    "%s month",
		MonthMany:   "%s months",
		First:       "first measurement %s: %s",
		VisitLine:   "%[1]s (%[2]s): %[3]s → %[4]s, %[5]s",
		Better:      "%s better",
		Worse:       "%s worse",
		Same:        "no change",
		Counted:     "beyond the detectable change",
		NotCounted:  "within the detectable change, not counted as a change",
		NoBaseline:  "%s: no first measurement, so no change is shown.",
		Activities:  "each activity (a change counts from %s): %s",
		Activity:    "%[1]s %[2]d → %[3]d",
		Counts:      "beyond it",
		HardTitle:   "Why a change is hard to read",
		HardNotes: []string{
			"Among people over 50 with knee pain, about 1 in 4 to 1 in 3 have spells of pain 2 points or more above their usual level within six months, with no new treatment. A change that size may be only the usual swing.",
			"In 50 knee osteoarthritis trials (about 4,000 people), people given injections of salt water (a placebo) also had less pain, and the relief lasted up to 6 months. So less pain after an injection does not show that the injected product itself worked.",
			"People often come to the clinic when their symptoms are at their worst. After a bad spell, symptoms tend to ease by themselves (regression to the mean), so a later measurement can look better with no effect at all.",
		},
		StopTalk: "A talking point, not a verdict: the time by which trials judged the treatment has passed, and no measure has improved beyond its detectable change. The guide advises that doctor and patient discuss stopping.",
		Improved: "Improved beyond the detectable change: %s",
		NoVisits: "No follow-up visit yet.",

		BaselineTitle:   "First measurement",
		VisitTitle:      "Visit %d",
		ImpressionLabel: "Patient's impression of change",
		NoSideEffects:   "none",
		AtKiosk:         "Entered by the patient at the waiting-room kiosk: the patient-rated parts only.",
		RegretLabel:     "Decision Regret Scale, the 5 answers (1 strongly agree … 5 strongly disagree)",
		Impressions: map[model.Impression]string{
			model.ImpressionUnset:   "not asked",
			model.VeryMuchImproved:  "very much improved",
			model.MuchImproved:      "much improved",
			model.MinimallyImproved: "minimally improved",
			model.NoChange:          "no change",
			model.MinimallyWorse:    "minimally worse",
			model.MuchWorse:         "much worse",
			model.VeryMuchWorse:     "very much worse",
		},
		SideEffectNames: map[string]string{
			"fever": "fever", "injection_site_infection": "infection at the injection site", "new_pain": "new pain", "other": "other",
		},
	},
}
