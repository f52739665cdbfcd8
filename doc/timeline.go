package doc

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	xansi "github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// FollowUp is a patient's follow-up as the timeline shows it: the first
// measurement, the visits in the order they happened, and the group's
// assessment window counted from the first measurement (0: none known),
// read on the content's measures.
type FollowUp struct {
	Baseline model.Assessment
	Visits   []model.Visit
	Window   time.Duration
	Practice bool // the visits of a training session
	Measures model.Measures
}

// Course reads the follow-up as it stood at its latest visit.
func (f FollowUp) Course() model.Course {
	now := f.Baseline.At
	if n := len(f.Visits); n > 0 {
		now = f.Visits[n-1].At
	}
	return model.ReadCourse(f.Measures, f.Baseline, f.Visits, f.Window, now)
}

// chartGlyphs draw a chart; the ascii set works on any terminal.
type chartGlyphs struct {
	axis, tick, origin, zero, band, window, corner, xtick, beyond, within, up, down string
}

var (
	boxChart   = chartGlyphs{"│", "┤", "┼", "─", "┈", "┊", "└", "┬", "●", "○", "↑", "↓"}
	asciiChart = chartGlyphs{"|", "+", "+", "-", ".", ":", "+", "+", "*", "o", "^", "v"}
)

// asciiWords are the symbols of the timeline's words in ASCII; letters,
// Vietnamese ones too, stay.
var asciiWords = strings.NewReplacer("→", "->", "–", "-", "·", "-", "…", "...", "’", "'")

// minChartWidth is the narrowest chart drawn; below it the words alone
// carry the course.
const minChartWidth = 40

// Timeline draws the follow-up as text of at most width columns: a chart
// per measure, every one with better up, the group's window marked, and
// under each chart the visits in words. A change within the measure's
// detectable change is drawn on the zero line, as no change. Pain is
// charted as the percent change from the first measurement. The words on
// what makes a change hard to read follow. ascii draws with ASCII only.
func Timeline(f FollowUp, lang model.Lang, width int, ascii bool) string {
	g := &boxChart
	if ascii {
		g = &asciiChart
	}
	return f.text(lang, width, g)
}

// TimelineWords is the follow-up in words only, for plain mode and
// screen readers: what each chart shows, said visit by visit.
func TimelineWords(f FollowUp, lang model.Lang, width int) string {
	return f.text(lang, width, nil)
}

// ChartBlock is the info string of a chart's code block in Markdown, so
// that a document drawn otherwise (the PDF) can put a drawing in its place:
// Charts lists them in the same order.
const ChartBlock = "chart"

// markdown is the timeline for a Markdown document: the charts as code
// blocks of width columns, the rest as text; nil glyphs give words only.
func (f FollowUp) markdown(lang model.Lang, width int, g *chartGlyphs) string {
	var b strings.Builder
	for _, p := range f.parts(lang, width, g) {
		switch {
		case p.chart != nil:
			fmt.Fprintf(&b, "```%s\n%s\n```\n\n", ChartBlock, strings.Join(p.chart, "\n"))
		case p.heading:
			fmt.Fprintf(&b, "\n**%s**\n\n", Escape(p.text))
		case p.item:
			fmt.Fprintf(&b, "- %s\n", Escape(p.text))
		default:
			fmt.Fprintf(&b, "\n%s\n\n", Escape(p.text))
		}
	}
	return b.String()
}

// part is one piece of the timeline: a chart, a heading, a list item or a
// paragraph.
type part struct {
	chart         []string
	text          string
	heading, item bool
}

func (f FollowUp) text(lang model.Lang, width int, g *chartGlyphs) string {
	var out []string
	for _, p := range f.parts(lang, width, g) {
		switch {
		case p.chart != nil:
			out = append(out, p.chart...)
		case p.item:
			out = append(out, hang(p.text, width, "- ", "  ")...)
		default:
			out = append(out, "")
			out = append(out, hang(p.text, width, "", "")...)
		}
	}
	return strings.TrimLeft(strings.Join(out, "\n"), "\n") + "\n"
}

// hang wraps text to width with a first-line prefix and an indent for the
// lines after it.
func hang(text string, width int, first, rest string) []string {
	lines := strings.Split(xansi.Wrap(text, max(10, width-xansi.StringWidth(first)), ""), "\n")
	for i := range lines {
		lines[i] = strings.TrimRight(lines[i], " ")
		if i == 0 {
			lines[i] = first + lines[i]
		} else {
			lines[i] = rest + strings.TrimLeft(lines[i], " ")
		}
	}
	return lines
}

// parts lays the timeline out; nil glyphs give words only.
func (f FollowUp) parts(lang model.Lang, width int, g *chartGlyphs) []part {
	w := wording.CourseFor(lang)
	var ps []part
	words := func(s string) string { return s }
	if g == &asciiChart {
		words = asciiWords.Replace
	}
	para := func(s string) { ps = append(ps, part{text: words(s)}) }
	item := func(s string) { ps = append(ps, part{text: words(s), item: true}) }
	if f.Practice {
		para(wording.FollowUpFor(lang).PracticeVisit)
	}
	para(w.OwnCourse)
	if g != nil {
		para(w.Direction)
	}
	if lang == model.LangVI && f.notValidated(lang) {
		para(w.NotValidVI)
	}
	if len(f.Visits) == 0 {
		para(w.NoVisits)
	}
	for _, m := range f.Measures {
		s, ok := f.series(m)
		if !ok {
			if f.takenAtAVisit(m) {
				para(fmt.Sprintf(w.NoBaseline, m.In(lang).Name))
			}
			continue
		}
		ps = append(ps, part{text: words(m.In(lang).Name), heading: true})
		if g != nil && width >= minChartWidth && len(s.points) > 0 {
			ps = append(ps, part{chart: s.chart(w, lang, f.Window.Hours()/24).draw(w, width, g)})
			if f.Window > 0 {
				item(fmt.Sprintf(w.Window, g.window, monthsWords(w, lang, f.Window.Hours()/24)))
			}
			item(fmt.Sprintf(w.Beyond, g.beyond, s.threshold(w, lang)) + "; " + fmt.Sprintf(w.Within, g.within))
		} else {
			item(fmt.Sprintf(w.Reading, s.axis(w, lang), m.In(lang).Up, s.threshold(w, lang)))
		}
		for _, line := range f.visitLines(s, w, lang) {
			item(line)
		}
	}
	if g == nil && f.Window > 0 {
		item(strings.TrimSpace(fmt.Sprintf(w.Window, "", monthsWords(w, lang, f.Window.Hours()/24))))
	}
	if f.Window == 0 {
		para(w.NoWindow)
	}
	c := f.Course()
	if len(c.Improved) > 0 {
		var names []string
		for _, id := range c.Improved {
			names = append(names, f.Measures.Name(lang, id))
		}
		para(fmt.Sprintf(w.Improved, strings.Join(names, "; ")))
	}
	if c.RaiseStop && f.Window > 0 {
		para(w.StopTalk)
	}
	ps = append(ps, part{text: words(w.HardTitle), heading: true})
	for _, n := range w.HardNotes {
		item(n)
	}
	return ps
}

// series is one measure's course as a chart draws it: the change at each
// visit in the better direction, in percent for pain, and the threshold
// in the same unit.
type series struct {
	m       model.Measure
	base    float64
	percent bool
	thr     float64
	points  []point
}

type point struct {
	visit   int // its index in the follow-up's visits
	days    float64
	at      time.Time
	change  model.Change
	y       float64
	counted bool
}

func (f FollowUp) series(m model.Measure) (series, bool) {
	s := series{m: m, thr: m.Points}
	var seen bool
	for i, v := range f.Visits {
		ch, ok := model.Compare(m, f.Baseline, v.Assessment)
		if !ok {
			continue
		}
		seen = true
		s.base = ch.From
		y := ch.Gain
		if m.Percent > 0 && ch.From != 0 {
			s.percent, y = true, ch.Percent
			// Either threshold counts, so the band is the nearer of the two.
			s.thr = math.Min(m.Percent, 100*m.Points/ch.From)
		}
		s.points = append(s.points, point{visit: i, days: v.At.Sub(f.Baseline.At).Hours() / 24, at: v.At, change: ch, y: y, counted: ch.Meaningful})
	}
	return s, seen
}

// takenAtAVisit: some visit has the measure, whether or not the baseline does.
func (f FollowUp) takenAtAVisit(m model.Measure) bool {
	return slices.ContainsFunc(f.Visits, func(v model.Visit) bool {
		_, scored := v.Scores[m.ID]
		return scored || (m.Items && len(v.Activities) > 0)
	})
}

// notValidated: a measure the timeline shows is worded in a translation
// not yet validated.
func (f FollowUp) notValidated(lang model.Lang) bool {
	return slices.ContainsFunc(f.Measures, func(m model.Measure) bool {
		_, shown := f.series(m)
		return shown && m.In(lang).NotValidated
	})
}

// axis names the chart's vertical unit.
func (s series) axis(w *wording.Course, lang model.Lang) string {
	if s.percent {
		return w.PercentAxis
	}
	return fmt.Sprintf(w.PointsAxis, s.m.In(lang).Units)
}

// threshold says what counts as a change on this measure.
func (s series) threshold(w *wording.Course, lang model.Lang) string {
	points := amount(lang, s.m, s.m.Points)
	if s.m.Percent > 0 {
		return fmt.Sprintf(w.OrPoints, number(lang, s.m.Percent, 0)+"%", points)
	}
	return points
}

// Chart is one measure's chart laid out, the same for text and for the
// PDF: rows from Half above zero to Half below, the detectable change at
// row Band either side, the time axis over Span days with the window's end
// at Window (0: none), and a mark per visit.
type Chart struct {
	Title, Axis  string // the measure; its vertical unit
	Up           string // what up means on it
	Threshold    string // the detectable change, in words
	WindowText   string // the window's length, in words
	TimeAxis     string // what the time axis counts
	Half, Band   int
	Labels       map[int]string // the rows that carry their value
	Span, Window float64
	Marks        []Mark
}

// Mark is a visit on a chart.
type Mark struct {
	Days    float64
	Row     int  // a change within the detectable change sits on row 0
	Counted bool // beyond the detectable change
	Clipped bool // further from zero than the chart reaches: drawn at its edge
	Months  string
}

// Charts are the follow-up's charts, one per measure taken at the
// baseline and a visit, for a drawing that is not text.
func Charts(f FollowUp, lang model.Lang) []Chart {
	w := wording.CourseFor(lang)
	var out []Chart
	for _, m := range f.Measures {
		if s, ok := f.series(m); ok {
			out = append(out, s.chart(w, lang, f.Window.Hours()/24))
		}
	}
	return out
}

func (s series) chart(w *wording.Course, lang model.Lang, windowDays float64) Chart {
	half, step, band := s.rows()
	c := Chart{Title: s.m.In(lang).Name, Axis: s.axis(w, lang), Up: s.m.In(lang).Up, Threshold: s.threshold(w, lang), WindowText: monthsWords(w, lang, windowDays), TimeAxis: w.Months, Half: half, Band: band, Labels: map[int]string{}, Span: windowDays, Window: windowDays}
	for r := -half; r <= half; r++ {
		v := float64(r) * step
		switch {
		case r == 0:
			c.Labels[r] = "0"
		case r%band != 0 && abs(r) != half:
		case s.percent:
			c.Labels[r] = fmt.Sprintf("%+.0f%%", v)
		default:
			c.Labels[r] = sign(v) + number(lang, math.Abs(v), 1)
		}
	}
	for _, p := range s.points {
		c.Span = math.Max(c.Span, p.days)
		mk := Mark{Days: p.days, Counted: p.counted, Months: months(lang, p.days)}
		if p.counted {
			mk.Row = s.row(p.y, step, band)
			if abs(mk.Row) > half {
				mk.Row, mk.Clipped = half*sgn(mk.Row), true
			}
		}
		c.Marks = append(c.Marks, mk)
	}
	return c
}

// draw is the chart in text: what up means, the rows from better (top)
// to worse, the time axis and its labels. Every line is at most width
// columns.
func (c Chart) draw(w *wording.Course, width int, g *chartGlyphs) []string {
	labelW := 0
	for _, l := range c.Labels {
		labelW = max(labelW, xansi.StringWidth(l))
	}
	plotW := width - labelW - 2
	col := func(days float64) int {
		if c.Span <= 0 {
			return 0
		}
		return int(math.Round(days / c.Span * float64(plotW-1)))
	}
	grid := make([][]string, 2*c.Half+1)
	for i := range grid {
		r := c.Half - i
		fill := " "
		switch {
		case r == 0:
			fill = g.zero
		case abs(r) == c.Band:
			fill = g.band
		}
		grid[i] = strings.Split(strings.Repeat(fill, plotW), "")
	}
	if c.Window > 0 {
		markWindow(grid, col(c.Window), g)
	}
	axis := strings.Split(strings.Repeat(g.zero, plotW), "")
	if c.Window > 0 {
		axis[col(c.Window)] = g.window
	}
	for _, mk := range c.Marks {
		glyph := g.within
		switch {
		case mk.Clipped:
			glyph = map[bool]string{true: g.up, false: g.down}[mk.Row > 0]
		case mk.Counted:
			glyph = g.beyond
		}
		grid[c.Half-mk.Row][col(mk.Days)] = glyph
		axis[col(mk.Days)] = g.xtick
	}
	out := hang(fmt.Sprintf("%s, %s %s", c.Axis, g.up, c.Up), width, "", "")
	for i, cells := range grid {
		r := c.Half - i
		lead := g.axis
		switch {
		case r == 0:
			lead = g.origin
		case c.Labels[r] != "":
			lead = g.tick
		}
		out = append(out, padLeft(c.Labels[r], labelW)+" "+lead+strings.Join(cells, ""))
	}
	out = append(out, strings.Repeat(" ", labelW+1)+g.corner+strings.Join(axis, ""))
	out = append(out, strings.Repeat(" ", labelW+2)+tickLabels(c.Marks, col, plotW))
	return append(out, hang(w.Months, width, strings.Repeat(" ", labelW+2), strings.Repeat(" ", labelW+2))...)
}

// markWindow draws the window's column down the chart, under any point.
func markWindow(grid [][]string, c int, g *chartGlyphs) {
	for _, row := range grid {
		if c < len(row) && (row[c] == " " || row[c] == g.band || row[c] == g.zero) {
			row[c] = g.window
		}
	}
}

// rows is the chart's scale: rows above and below zero, the value of a
// row, and the row of the detectable change. Changes up to twice the
// threshold get half-threshold rows; larger ones a row per threshold, up
// to eight.
func (s series) rows() (half int, step float64, band int) {
	most := 0.0
	for _, p := range s.points {
		if p.counted {
			most = math.Max(most, math.Abs(p.y))
		}
	}
	if most <= 2*s.thr+1e-9 {
		return 4, s.thr / 2, 2
	}
	return min(8, max(4, int(math.Ceil(most/s.thr-1e-9)))), s.thr, 1
}

// row is where a counted change sits: never closer to zero than the
// threshold's row, so a change that counts never looks like none.
func (s series) row(y, step float64, band int) int {
	r := int(math.Round(y / step))
	if abs(r) < band {
		r = band * sgn(y)
	}
	return r
}

// tickLabels writes each visit's month under its tick, left to right,
// leaving out a label that would run into the one before.
func tickLabels(marks []Mark, col func(float64) int, plotW int) string {
	line := []rune(strings.Repeat(" ", plotW))
	next := 0
	put := func(c int, s string) {
		n := len([]rune(s))
		c = min(c, len(line)-n) // the last label ends at the edge
		if c < next {
			return
		}
		copy(line[c:], []rune(s))
		next = c + n + 1
	}
	put(0, "0")
	for _, mk := range marks {
		put(col(mk.Days), mk.Months)
	}
	return strings.TrimRight(string(line), " ")
}

// visitLines say the course in words: the first measurement, then each
// visit's value, its change and whether it counts; for the PSFS each
// activity against the single-activity threshold.
func (f FollowUp) visitLines(s series, w *wording.Course, lang model.Lang) []string {
	lines := []string{fmt.Sprintf(w.First, f.Baseline.At.Local().Format(w.DayFormat), value(lang, s.m, s.base))}
	for _, p := range s.points {
		verdict := w.NotCounted
		if p.counted {
			verdict = w.Counted
		}
		lines = append(lines, fmt.Sprintf(w.VisitLine, p.at.Local().Format(w.DayFormat), monthsWords(w, lang, p.days),
			value(lang, s.m, p.change.From), value(lang, s.m, p.change.To), s.changeWords(w, lang, p)+": "+verdict))
		if !s.m.Items {
			continue
		}
		var acts []string
		for _, a := range s.m.ItemChanges(f.Baseline, f.Visits[p.visit].Assessment) {
			act := fmt.Sprintf(w.Activity, printable(a.Measure), int(a.From), int(a.To))
			if a.Meaningful {
				act += " (" + w.Counts + ")"
			}
			acts = append(acts, act)
		}
		if len(acts) > 0 {
			lines = append(lines, fmt.Sprintf(w.Activities, amount(lang, s.m, s.m.ItemPoints), strings.Join(acts, "; ")))
		}
	}
	return lines
}

// changeWords is a change as "17% better", "1 point worse" or "no change".
func (s series) changeWords(w *wording.Course, lang model.Lang, p point) string {
	if p.change.Gain == 0 {
		return w.Same
	}
	size := amount(lang, s.m, math.Abs(p.change.Gain))
	if s.percent {
		size = number(lang, math.Abs(p.change.Percent), 0) + "%"
	}
	if p.change.Gain > 0 {
		return fmt.Sprintf(w.Better, size)
	}
	return fmt.Sprintf(w.Worse, size)
}

// value is a measure's value as read: pain "6", a walk "320 m". A score or
// grade (a UCUM annotation such as {score}: no unit) is its number alone.
func value(lang model.Lang, m model.Measure, v float64) string {
	if !strings.HasPrefix(m.UCUM, "{") {
		return amount(lang, m, v)
	}
	return number(lang, v, 1)
}

// amount is a quantity with its unit: "1 point", "2 points", "30 m".
func amount(lang model.Lang, m model.Measure, v float64) string {
	unit := m.In(lang).Units
	if v == 1 {
		unit = m.In(lang).Unit
	}
	return number(lang, v, 1) + " " + unit
}

// number writes v with at most the given decimals, in the language's
// decimal mark.
func number(lang model.Lang, v float64, decimals int) string {
	s := strconv.FormatFloat(v, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return strings.Replace(s, ".", wording.CourseFor(lang).DecimalMark, 1)
}

// months writes days as months, to the half month.
func months(lang model.Lang, days float64) string {
	return number(lang, math.Round(days/(365.25/12)*2)/2, 1)
}

// monthsWords is a time after the first measurement in words: "3 months".
func monthsWords(w *wording.Course, lang model.Lang, days float64) string {
	n := months(lang, days)
	if n == "1" {
		return fmt.Sprintf(w.MonthOne, n)
	}
	return fmt.Sprintf(w.MonthMany, n)
}

// printable is typed text made safe for a terminal: NFC, and no control
// or formatting characters.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, content.NFC(s))
}

func padLeft(s string, w int) string { return strings.Repeat(" ", max(0, w-xansi.StringWidth(s))) + s }

func sign(v float64) string {
	if v < 0 {
		return "-"
	}
	return "+"
}

func sgn[T int | float64](v T) int {
	if v < 0 {
		return -1
	}
	return 1
}

func abs(v int) int { return max(v, -v) }
