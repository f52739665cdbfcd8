package model

import (
	"slices"
	"testing"
	"time"
)

func assess(t *testing.T, at time.Time, pain float64, activities ...int) Assessment {
	t.Helper()
	a := Assessment{At: at}
	if err := a.SetScore("pain-usual", pain); err != nil {
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
	c := ReadCourse(base, visits, window, t0.Add(3*month))
	if c.RaiseStop || len(c.Improved) != 0 {
		t.Fatalf("before the window nothing is flagged: %+v", c)
	}
	visits = append(visits, Visit{Assessment: assess(t, t0.Add(6*month), 5, 4, 4, 3)})
	c = ReadCourse(base, visits, window, t0.Add(6*month))
	if !c.RaiseStop {
		t.Fatalf("at the window with no meaningful change the stop conversation is due: %+v", c)
	}
	for _, ch := range c.Changes {
		if ch.Meaningful {
			t.Errorf("%s moved %.1f: within its detectable change, not a change", ch.Measure, ch.Gain)
		}
	}

	visits[2] = Visit{Assessment: assess(t, t0.Add(6*month), 5, 3, 8, 2)} // one activity +4
	c = ReadCourse(base, visits, window, t0.Add(7*month))
	if c.RaiseStop || !slices.Equal(c.Improved, []string{"psfs"}) {
		t.Fatalf("an activity improved beyond 3 points is never hidden and holds the flag: %+v", c)
	}
}

func TestPainCountsByPointsOrPercent(t *testing.T) {
	m, _ := MeasureByID("pain-usual")
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
	if a.SetScore("pain-usual", 11) == nil || a.SetScore("nyha", 0) == nil || a.SetScore("koos", 50) == nil || a.SetScore("psfs", 5) == nil {
		t.Fatal("off-scale values, unknown or paid instruments and a PSFS without activities are refused")
	}
	if got := MeasuresFor([]string{"joint"}); slices.ContainsFunc(got, func(m Measure) bool { return m.ID == "nyha" || m.ID == "six-minute-walk" }) {
		t.Fatal("a knee patient is not asked for a heart-failure class")
	}
}
