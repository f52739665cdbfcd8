package model

import (
	"math"
	"slices"
	"testing"
	"time"
)

// testMeasures are the built-in content's measures as the model sees
// them (content's tests check the files themselves).
var testMeasures = Measures{
	{ID: "pain-usual", Min: 0, Max: 10, LowerIsBetter: true, Points: 2, Percent: 30, Trigger: true},
	{ID: "pain-worst", Min: 0, Max: 10, LowerIsBetter: true, Points: 2, Percent: 30, Trigger: true},
	{ID: "psfs", Min: 0, Max: 10, Points: 2, Items: true, ItemPoints: 3, Trigger: true},
	{ID: "mmrc", Min: 0, Max: 4, LowerIsBetter: true, Points: 1, ClinicianRated: true, Groups: []string{"lung", "post-covid"}},
	{ID: "nyha", Min: 1, Max: 4, LowerIsBetter: true, Points: 1, ClinicianRated: true, Groups: []string{"cardiovascular"}},
	{ID: "six-minute-walk", Min: 0, Max: 1000, Points: 30, ClinicianRated: true, Trigger: true, Groups: []string{"cardiovascular", "lung", "post-covid"}},
}

func measure(t *testing.T, id string) Measure {
	t.Helper()
	m, ok := testMeasures.ByID(id)
	if !ok {
		t.Fatalf("no measure %s", id)
	}
	return m
}

func assess(t *testing.T, at time.Time, pain float64, activities ...int) Assessment {
	t.Helper()
	a := Assessment{At: at}
	if err := a.SetScore(measure(t, "pain-usual"), pain); err != nil {
		t.Fatal(err)
	}
	for i, s := range activities {
		a.Activities = append(a.Activities, Activity{Name: []string{"climbing stairs", "walking to market", "kneeling to pray"}[i], Score: s})
	}
	return a
}

func TestCourseRaisesStopOnlyAfterTheWindow(t *testing.T) {
	month := 30 * 24 * time.Hour
	window := 6 * month
	base := assess(t, t0, 6, 3, 4, 2)
	visits := []Visit{
		{Assessment: assess(t, t0.Add(month), 5, 4, 4, 2)},     // pain -1: within the swing
		{Assessment: assess(t, t0.Add(3*month), 5.5, 3, 5, 3)}, // still nothing meaningful
	}
	c := ReadCourse(testMeasures, base, visits, window, t0.Add(3*month))
	if c.RaiseStop || len(c.Improved) != 0 {
		t.Fatalf("before the window nothing is flagged: %+v", c)
	}
	visits = append(visits, Visit{Assessment: assess(t, t0.Add(6*month), 5, 4, 4, 3)})
	c = ReadCourse(testMeasures, base, visits, window, t0.Add(6*month))
	if !c.RaiseStop {
		t.Fatalf("at the window with no meaningful change the stop conversation is due: %+v", c)
	}
	for _, ch := range c.Changes {
		if ch.Meaningful {
			t.Errorf("%s moved %.1f: within its detectable change, not a change", ch.Measure, ch.Gain)
		}
	}

	visits[2] = Visit{Assessment: assess(t, t0.Add(6*month), 5, 3, 8, 2)} // one activity +4
	c = ReadCourse(testMeasures, base, visits, window, t0.Add(7*month))
	if c.RaiseStop || !slices.Equal(c.Improved, []string{"psfs"}) {
		t.Fatalf("an activity improved beyond 3 points is never hidden and holds the flag: %+v", c)
	}
}

func TestPainCountsByPointsOrPercent(t *testing.T) {
	m := measure(t, "pain-usual")
	for _, c := range []struct {
		from, to   float64
		meaningful bool
	}{
		{6, 5, false},   // 1 point, 17 %
		{5, 3.5, true},  // 1.5 points but 30 %
		{8, 6, true},    // 2 points
		{4, 6, true},    // worse by 2: meaningful, and negative
		{0, 0.5, false}, // from 0: points only
	} {
		ch, ok := Compare(m, assess(t, t0, c.from), assess(t, t0, c.to))
		if !ok || ch.Meaningful != c.meaningful {
			t.Errorf("pain %g -> %g: meaningful %v, want %v (%+v)", c.from, c.to, ch.Meaningful, c.meaningful, ch)
		}
	}
	if ch, _ := Compare(m, assess(t, t0, 4), assess(t, t0, 6)); ch.Gain >= 0 {
		t.Fatal("pain going up is a loss, whatever the scale's direction")
	}
}

func TestScoresStayOnTheirScale(t *testing.T) {
	var a Assessment
	if a.SetScore(measure(t, "pain-usual"), 11) == nil || a.SetScore(measure(t, "nyha"), 0) == nil || a.SetScore(measure(t, "psfs"), 5) == nil {
		t.Fatal("off-scale values and a PSFS without activities are refused")
	}
	if testMeasures.Check(Assessment{Scores: map[string]float64{"nyha": 5}}) == nil || testMeasures.Check(Assessment{Scores: map[string]float64{"koos-pain": 50}}) == nil ||
		testMeasures.Check(Assessment{Scores: map[string]float64{"psfs": 5}}) == nil || testMeasures.Check(Assessment{Scores: map[string]float64{"nyha": 4}}) != nil {
		t.Fatal("the content's measures refuse a score off a scale, of a measure they lack, or a PSFS without activities, and take one on its scale")
	}
	if got := testMeasures.For([]string{"joint"}); slices.ContainsFunc(got, func(m Measure) bool { return m.ID == "nyha" || m.ID == "six-minute-walk" }) {
		t.Fatal("a knee patient is not asked for a heart-failure class")
	}
}

func TestBaselineTravelsWithTheRecord(t *testing.T) {
	s := NewSession(LangVI, RoleDoctor, t0)
	s.Code = "ACD349"
	s.Baseline = &Assessment{At: t0, Scores: map[string]float64{"pain-worst": 8, "pain-usual": 6}, Activities: []Activity{{Name: "đi chợ", Score: 3}}}
	back, err := s.Record(StatusFinished, "v", DefaultChecklist, t0).Session()
	if err != nil {
		t.Fatal(err)
	}
	if back.Baseline == nil || back.Baseline.Scores["pain-worst"] != 8 || back.Baseline.Activities[0].Name != "đi chợ" {
		t.Fatalf("baseline read back as %+v", back.Baseline)
	}
	s.Baseline.Activities[0].Name = "đi\x1b]0;chợ"
	if _, err := s.Record(StatusFinished, "v", DefaultChecklist, t0).Session(); err == nil {
		t.Fatal("an activity name with an escape sequence was read back")
	}
}

func TestVisitRecordCheck(t *testing.T) {
	good := VisitRecord{Schema: VisitSchema, Session: "ACD349", Number: 1, Lang: LangEN, EnteredBy: VisitByDoctor,
		Visit: Visit{Assessment: Assessment{At: t0, Scores: map[string]float64{"nyha": 2}}, Impression: NoChange, Decision: DecisionStop}}
	if err := good.Check(); err != nil {
		t.Fatalf("a valid visit: %v", err)
	}
	clinics := good
	clinics.Scores = map[string]float64{"koos-pain": 65}
	if err := clinics.Check(); err != nil {
		t.Fatalf("a score of a measure a clinic added is refused by the store: %v", err)
	}
	for name, change := range map[string]func(v *VisitRecord){
		"no link":        func(v *VisitRecord) { v.Session = "nope" },
		"number 0":       func(v *VisitRecord) { v.Number = 0 },
		"not an id":      func(v *VisitRecord) { v.Scores = map[string]float64{"KOOS pain": 50} },
		"not a number":   func(v *VisitRecord) { v.Scores = map[string]float64{"nyha": math.NaN()} },
		"not a score":    func(v *VisitRecord) { v.Scores = map[string]float64{"nyha": 1e12} },
		"control in id":  func(v *VisitRecord) { v.Scores = map[string]float64{"pain\x1b[2J": 1} },
		"impression 8":   func(v *VisitRecord) { v.Impression = 8 },
		"decision":       func(v *VisitRecord) { v.Decision = "maybe" },
		"regret 4 items": func(v *VisitRecord) { v.Regret = []int{1, 2, 3, 4} },
		"control text":   func(v *VisitRecord) { v.SideEffects.Text = "\x1b[2J" },
		"four activities": func(v *VisitRecord) {
			v.Activities = []Activity{{"a", 1}, {"b", 1}, {"c", 1}, {"d", 1}}
		},
		"by whom": func(v *VisitRecord) { v.EnteredBy = "robot" },
	} {
		v := good
		change(&v)
		if err := v.Check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestBaselineAndThreeVisits reads a knee patient's course as the doctor's
// screen does after each visit: 1, 3 and 6 months, against the 6-month
// window of the joint group.
func TestBaselineAndThreeVisits(t *testing.T) {
	day := 24 * time.Hour
	base := Assessment{At: t0, Scores: map[string]float64{"pain-worst": 8, "pain-usual": 6},
		Activities: []Activity{{"climbing stairs", 3}, {"walking to market", 4}}}
	visit := func(n, days int, worst, usual float64, stairs, market int) VisitRecord {
		return VisitRecord{Schema: VisitSchema, Session: "ACD349", Number: n, EnteredBy: VisitByDoctor, Visit: Visit{
			Assessment: Assessment{At: t0.Add(time.Duration(days) * day), Scores: map[string]float64{"pain-worst": worst, "pain-usual": usual},
				Activities: []Activity{{"climbing stairs", stairs}, {"walking to market", market}}}}}
	}
	stored := []VisitRecord{visit(1, 30, 4, 3, 5, 6)} // pain halved, activities +2: at 1 month, before the window
	c := ReadVisits(testMeasures, base, []string{"joint"}, stored, t0.Add(30*day))
	if !slices.Equal(c.Improved, []string{"pain-usual", "pain-worst", "psfs"}) || c.RaiseStop {
		t.Fatalf("1 month: improvements shown, no flag: %+v", c)
	}
	stored = append(stored, visit(2, 90, 7, 5, 4, 4)) // back near the start
	c = ReadVisits(testMeasures, base, []string{"joint"}, stored, t0.Add(90*day))
	if len(c.Improved) != 0 || c.RaiseStop {
		t.Fatalf("3 months: nothing meaningful, but before the window no flag: %+v", c)
	}
	stored = append(stored, visit(3, 180, 7, 5, 4, 5))
	c = ReadVisits(testMeasures, base, []string{"joint"}, stored, t0.Add(180*day))
	if !c.RaiseStop || len(c.Improved) != 0 || !c.WindowEnd.Equal(t0.Add(180*day)) {
		t.Fatalf("6 months, at the window with no meaningful change: the stop conversation is due: %+v", c)
	}
	for _, ch := range c.Changes {
		if ch.Meaningful {
			t.Errorf("%s: %g to %g drawn as a change within its detectable change", ch.Measure, ch.From, ch.To)
		}
	}
	if c := ReadVisits(testMeasures, base, []string{"spine"}, stored, t0.Add(400*day)); c.RaiseStop || !c.WindowEnd.IsZero() {
		t.Fatalf("a group with no window never raises the stop question: %+v", c)
	}
	// A late improvement after the window keeps the question down.
	stored = append(stored, visit(4, 200, 5, 3, 4, 5))
	if c := ReadVisits(testMeasures, base, []string{"joint"}, stored, t0.Add(200*day)); c.RaiseStop || !slices.Contains(c.Improved, "pain-usual") {
		t.Fatalf("an improvement is never hidden and holds the flag: %+v", c)
	}
}
