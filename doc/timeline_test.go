package doc

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

const month = 30 * 24 * time.Hour

// measured is an assessment with usual pain, worst pain and the PSFS
// activities' scores.
func measured(t *testing.T, at time.Time, usual, worst float64, activities ...int) model.Assessment {
	t.Helper()
	a := model.Assessment{At: at}
	if err := a.SetScore(measureOf(t, "pain-usual"), usual); err != nil {
		t.Fatal(err)
	}
	if err := a.SetScore(measureOf(t, "pain-worst"), worst); err != nil {
		t.Fatal(err)
	}
	for i, s := range activities {
		a.Activities = append(a.Activities, model.Activity{Name: []string{"climbing stairs", "walking to market", "kneeling to pray"}[i], Score: s})
	}
	return a
}

// builtInMeasures are the measures of the app's own content, loaded once.
var builtInMeasures = sync.OnceValues(func() (model.Measures, error) {
	b, err := content.LoadBuiltIn()
	if err != nil {
		return nil, err
	}
	return b.Measures, nil
})

func measures(t *testing.T) model.Measures {
	t.Helper()
	ms, err := builtInMeasures()
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func measureOf(t *testing.T, id string) model.Measure {
	t.Helper()
	m, ok := measures(t).ByID(id)
	if !ok {
		t.Fatalf("the built-in content has no measure %s", id)
	}
	return m
}

func sampleFollowUp(t *testing.T) FollowUp {
	return FollowUp{
		Measures: measures(t),
		Baseline: measured(t, testClock, 6, 8, 3, 4, 2),
		Visits: []model.Visit{
			{Assessment: measured(t, testClock.Add(month), 5, 7, 4, 4, 2)},
			{Assessment: measured(t, testClock.Add(3*month), 3, 6, 5, 8, 3)},
			{Assessment: measured(t, testClock.Add(6*month), 5.5, 9, 4, 4, 3)},
		},
		Window: 6 * month,
	}
}

// topRow is a chart's first row: its top label, then the axis.
var topRow = regexp.MustCompile(`^ *\+[0-9]+%? \S`)

// chartRows finds the first chart of a timeline: its rows from the top,
// the zero row's index, and the column of each visit's tick on the axis.
func chartRows(t *testing.T, out string, g chartGlyphs) (rows [][]rune, zero int, ticks []int) {
	t.Helper()
	lines := strings.Split(out, "\n")
	start := slices.IndexFunc(lines, topRow.MatchString)
	if start < 0 {
		t.Fatalf("no chart in:\n%s", out)
	}
	for _, l := range lines[start:] {
		if strings.HasPrefix(strings.TrimSpace(l), "0 "+g.origin) {
			zero = len(rows)
		}
		if strings.HasPrefix(strings.TrimSpace(l), g.corner) && !strings.ContainsAny(l, "0123456789") {
			axis := []rune(strings.TrimRight(l, " "))
			corner := len(axis) - len([]rune(strings.TrimLeft(string(axis), " ")))
			for i := corner + 1; i < len(axis); i++ {
				if string(axis[i]) == g.xtick {
					ticks = append(ticks, i)
				}
			}
			return rows, zero, ticks
		}
		rows = append(rows, []rune(l))
	}
	t.Fatalf("no time axis in:\n%s", out)
	return
}

// TestTimelineFitsItsWidth: every chart, a clinic's 0–100 measure's
// too, fits 60, 80 and 120 columns.
func TestTimelineFitsItsWidth(t *testing.T) {
	f := sampleFollowUp(t)
	f.Visits = append(f.Visits, model.Visit{Assessment: measured(t, testClock.Add(12*month), 2, 3, 9, 9, 9)})
	koos := load(t, content.Overlay{Base: content.Embedded(), Top: os.DirFS("../content/testdata/overlay-koos"), TopName: "clinic"})
	f.Measures = koos.Measures
	for i, score := range []float64{30, 35, 62, 58, 97} {
		a := &f.Baseline
		if i > 0 {
			a = &f.Visits[i-1].Assessment
		}
		if err := a.SetScore(koos.Measures[len(koos.Measures)-1], score); err != nil {
			t.Fatal(err)
		}
	}
	for _, lang := range model.Langs {
		for _, w := range []int{60, 80, 120} {
			for _, ascii := range []bool{false, true} {
				out := Timeline(f, lang, w, ascii)
				for i, l := range strings.Split(out, "\n") {
					if lw := ansi.StringWidth(l); lw > w {
						t.Errorf("%s w=%d ascii=%v: line %d is %d wide: %q", lang, w, ascii, i, lw, l)
					}
					for _, r := range l {
						if ascii && r >= 0x80 && !unicode.IsLetter(r) && !unicode.IsMark(r) {
							t.Errorf("%s w=%d: %q in the ascii timeline: %q", lang, w, r, l)
							break
						}
					}
				}
				for _, want := range []string{wording.CourseFor(lang).OwnCourse[:20], measureOf(t, "psfs").In(lang).Name[:20], wording.CourseFor(lang).HardTitle, "KOOS"} {
					if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
						t.Errorf("%s w=%d ascii=%v: %q missing", lang, w, ascii, want)
					}
				}
			}
		}
	}
}

// TestChangeWithinTheDetectableChangeIsDrawnAsNone: a pain drop of 1 of 6
// (17 %) sits on the zero line; a drop of 3 (50 %) above it, as better; a
// rise of 3 below it, as worse.
func TestChangeWithinTheDetectableChangeIsDrawnAsNone(t *testing.T) {
	f := FollowUp{
		Measures: measures(t),
		Baseline: measured(t, testClock, 6, 6),
		Visits: []model.Visit{
			{Assessment: measured(t, testClock.Add(month), 6, 5)}, // worst pain is charted first
			{Assessment: measured(t, testClock.Add(3*month), 6, 3)},
			{Assessment: measured(t, testClock.Add(6*month), 6, 9)},
		},
		Window: 6 * month,
	}
	for _, ascii := range []bool{false, true} {
		g := map[bool]chartGlyphs{false: boxChart, true: asciiChart}[ascii]
		rows, zero, ticks := chartRows(t, Timeline(f, model.LangEN, 80, ascii), g)
		if len(ticks) != 3 {
			t.Fatalf("ascii=%v: want 3 visit ticks, got %v", ascii, ticks)
		}
		at := func(row, col int) string {
			if col < len(rows[row]) {
				return string(rows[row][col])
			}
			return " "
		}
		column := func(col int) (beyond []int, within []int) {
			for r := range rows {
				switch at(r, col) {
				case g.beyond:
					beyond = append(beyond, r)
				case g.within:
					within = append(within, r)
				}
			}
			return
		}
		if b, w := column(ticks[0]); len(b) != 0 || !slices.Equal(w, []int{zero}) {
			t.Errorf("ascii=%v: 17%% less pain is drawn as a change: beyond rows %v, within rows %v (zero %d)", ascii, b, w, zero)
		}
		if b, _ := column(ticks[1]); len(b) != 1 || b[0] >= zero {
			t.Errorf("ascii=%v: 50%% less pain is not drawn above zero: rows %v (zero %d)", ascii, b, zero)
		}
		if b, _ := column(ticks[2]); len(b) != 1 || b[0] <= zero {
			t.Errorf("ascii=%v: 50%% more pain is not drawn below zero: rows %v (zero %d)", ascii, b, zero)
		}
	}
}

// TestTimelineWordsSayEveryVisit: plain mode gets no chart, and each
// visit's change in words with whether it counts.
func TestTimelineWordsSayEveryVisit(t *testing.T) {
	f := sampleFollowUp(t)
	for _, lang := range model.Langs {
		w := wording.CourseFor(lang)
		out := TimelineWords(f, lang, 60)
		if strings.ContainsAny(out, "●○┊┈│┼") || topRow.MatchString(out) {
			t.Errorf("%s: plain words hold a chart:\n%s", lang, out)
		}
		flat := strings.Join(strings.Fields(out), " ")
		for _, v := range f.Visits {
			if !strings.Contains(flat, v.At.Local().Format(w.DayFormat)) {
				t.Errorf("%s: the visit of %s is not said", lang, v.At.Local().Format(w.DayFormat))
			}
		}
		// usual pain 6 -> 5, 6 -> 3, 6 -> 5.5: counted once; worst pain once; the PSFS average once.
		if n := strings.Count(flat, ": "+w.Counted); n != 3 {
			t.Errorf("%s: %d changes said to count, want 3:\n%s", lang, n, out)
		}
		if !strings.Contains(flat, fmt.Sprintf(w.Activity, "walking to market", 4, 8)+" ("+w.Counts+")") {
			t.Errorf("%s: the activity that gained 4 points is not said to count:\n%s", lang, out)
		}
		if !strings.Contains(flat, strings.Join(strings.Fields(w.HardNotes[1]), " ")) {
			t.Errorf("%s: the saline-injection note is missing", lang)
		}
	}
}

// TestStopTalkingPointOnlyAtTheWindow: the stop conversation is raised
// when the window has passed with no change that counts, never before,
// and an improvement is named rather than hidden.
func TestStopTalkingPointOnlyAtTheWindow(t *testing.T) {
	f := sampleFollowUp(t)
	w := wording.CourseFor(model.LangEN)
	flat := func(f FollowUp) string { return strings.Join(strings.Fields(TimelineWords(f, model.LangEN, 80)), " ") }
	stop := strings.Join(strings.Fields(w.StopTalk), " ")
	early := f
	early.Visits = f.Visits[:1]
	if strings.Contains(flat(early), stop) {
		t.Error("the stop conversation is raised before the window ends")
	}
	if !strings.Contains(flat(f), stop) {
		t.Error("the window has passed with no change that counts, and the stop conversation is not raised")
	}
	better := f
	better.Visits = append(slices.Clone(f.Visits[:2]), model.Visit{Assessment: measured(t, testClock.Add(6*month), 3, 8, 3, 4, 2)})
	got := flat(better)
	if strings.Contains(got, stop) || !strings.Contains(got, fmt.Sprintf(w.Improved, measureOf(t, "pain-usual").In(model.LangEN).Name)) {
		t.Errorf("usual pain halved by the window: no stop point, and the improvement named:\n%s", got)
	}
	late := f
	late.Visits = append(slices.Clone(f.Visits), model.Visit{Assessment: model.Assessment{At: testClock.Add(7 * month), Scores: map[string]float64{"nyha": 2}}})
	if got := flat(late); !strings.Contains(got, fmt.Sprintf(w.NoBaseline, measureOf(t, "nyha").In(model.LangEN).Name)) {
		t.Errorf("a measure first taken at a visit is not said to have no first measurement:\n%s", got)
	}
	practice := f
	practice.Practice = true
	if !strings.HasPrefix(Timeline(practice, model.LangEN, 80, false), wording.FollowUpFor(model.LangEN).PracticeVisit[:30]) {
		t.Error("a training session's visits are not marked as practice")
	}
}
