package content

import (
	"fmt"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"stemcounsel/model"
)

// A measure of the follow-up is a file measures/<id>.md in each language:
// its definition in the front matter, its wording in sections. A clinic
// adds an instrument it holds a licence for by adding its two files to its
// own folder; FORMAT.md lists the keys.

// MeasureKeys are the front-matter keys of a measure file, beside id and
// title (its name).
var MeasureKeys = []string{
	"order", "min", "max", "better", "change_points", "change_percent", "item_points", "scoring",
	"rated_by", "stop_signal", "groups", "unit_code", "loinc", "up", "unit", "units", "translation",
}

// measureWordKeys differ between the languages; every other key is the
// definition, the same in both.
var measureWordKeys = []string{"up", "unit", "units", "translation"}

// requiredMeasureKeys must have a value.
var requiredMeasureKeys = []string{"order", "min", "max", "better", "change_points", "scoring", "rated_by", "stop_signal", "unit_code", "up", "unit", "units"}

// loincCode is a LOINC code's shape: digits, a hyphen, a check digit.
var loincCode = regexp.MustCompile(`^\d{1,8}-\d$`)

// ucumCode is a UCUM unit as the export writes it: no spaces.
var ucumCode = regexp.MustCompile(`^\S+$`)

func isMeasureFile(file string) bool {
	dir := path.Dir(file)
	return path.Base(dir) == "measures" && path.Dir(dir) != "." && !strings.Contains(path.Dir(dir), "/")
}

// readMeasures builds the follow-up's measures from both languages'
// files, each checked as it is read: a definition the screens cannot use
// names its file and line.
func readMeasures(b *Bundle) (model.Measures, Problems) {
	var probs Problems
	vi, en := b.Langs[model.LangVI], b.Langs[model.LangEN]
	if vi == nil || en == nil {
		return nil, nil
	}
	type ordered struct {
		m     model.Measure
		order int
		p     *Page
	}
	var all []ordered
	for _, id := range sortedKeys(vi.Measures) {
		p := vi.Measures[id]
		m, order, mp := measureOf(p, b.GroupIDs)
		probs = append(probs, mp...)
		q := en.Measures[id]
		if q == nil {
			continue // the parity check names the missing file
		}
		_, _, ep := measureOf(q, b.GroupIDs)
		probs = append(probs, ep...)
		probs = append(probs, measureParity(p, q)...)
		if len(mp) > 0 || len(ep) > 0 {
			continue
		}
		m.Words = map[model.Lang]model.MeasureWords{model.LangVI: measureWords(p, m), model.LangEN: measureWords(q, m)}
		all = append(all, ordered{m, order, p})
	}
	slices.SortStableFunc(all, func(a, b ordered) int { return a.order - b.order })
	var out model.Measures
	for _, o := range all {
		if items, ok := out.Items(); ok && o.m.Items {
			probs.add(o.p.File, o.p.line("scoring"), "only one measure is scored per item (the PSFS's activities); %s already is", items.ID)
			continue
		}
		out = append(out, o.m)
	}
	return out, probs
}

// measureOf reads one file's definition and checks its wording.
func measureOf(p *Page, groups []string) (model.Measure, int, Problems) {
	var probs Problems
	f := func(k string) string { return p.Fields[k] }
	bad := func(k, format string, args ...any) { probs.add(p.File, p.line(k), format, args...) }
	for _, k := range requiredMeasureKeys {
		if f(k) == "" {
			bad(k, "a measure needs a non-empty %q", k)
		}
	}
	if p.Title == "" {
		bad("title", "title is required: the measure's name")
	}
	if want := strings.TrimSuffix(path.Base(p.File), ".md"); p.ID != want || !model.MeasureIDPattern.MatchString(p.ID) {
		bad("id", "id %q must equal the file name %q, in lowercase words joined by \"-\"", p.ID, want)
	}
	num := func(k string) float64 {
		if f(k) == "" {
			return 0
		}
		v, err := strconv.ParseFloat(f(k), 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			bad(k, "%s %q is not a number", k, f(k))
		}
		return v
	}
	oneOf := func(k string, valid ...string) string {
		if v := f(k); v != "" && !slices.Contains(valid, v) {
			bad(k, "%s %q is unknown (valid: %s)", k, v, strings.Join(valid, ", "))
		}
		return f(k)
	}
	m := model.Measure{ID: p.ID, Min: num("min"), Max: num("max"), Points: num("change_points"), Percent: num("change_percent"), ItemPoints: num("item_points")}
	order, err := strconv.Atoi(f("order"))
	if f("order") != "" && err != nil {
		bad("order", "order %q is not a whole number", f("order"))
	}
	m.LowerIsBetter = oneOf("better", "higher", "lower") == "lower"
	m.Items = oneOf("scoring", "score", "items") == "items"
	m.ClinicianRated = oneOf("rated_by", "patient", "clinician") == "clinician"
	m.Trigger = oneOf("stop_signal", "yes", "no") == "yes"
	oneOf("translation", "not-validated")
	m.UCUM, m.LOINC = f("unit_code"), f("loinc")
	switch {
	case m.Min != math.Trunc(m.Min) || m.Max != math.Trunc(m.Max) || m.Min < 0 || m.Max > 100000:
		bad("min", "the scale is typed digit by digit: min and max are whole numbers from 0 to 100000")
	case m.Min >= m.Max && f("max") != "":
		bad("max", "max %g must be above min %g", m.Max, m.Min)
	}
	if f("change_points") != "" && m.Points <= 0 {
		bad("change_points", "change_points is the detectable change, above 0")
	}
	if m.Percent < 0 || m.Percent > 100 {
		bad("change_percent", "change_percent is a percentage of the baseline, above 0 and at most 100")
	}
	if m.Items != (f("item_points") != "") || (m.Items && m.ItemPoints <= 0) {
		bad("item_points", "item_points, the detectable change of one item, goes with scoring: items and only with it")
	}
	if m.Items && (m.Min != 0 || m.Max != 10 || m.ClinicianRated) {
		bad("scoring", "a measure scored per item is rated by the patient on 0 to 10, as the PSFS's activities are kept")
	}
	if m.UCUM != "" && !ucumCode.MatchString(m.UCUM) {
		bad("unit_code", "unit_code %q is a UCUM code, without spaces (e.g. {score}, m)", m.UCUM)
	}
	if m.LOINC != "" && !loincCode.MatchString(m.LOINC) {
		bad("loinc", "loinc %q is not a LOINC code (digits, \"-\", a check digit); leave it empty when none is known", m.LOINC)
	}
	for _, g := range strings.Split(f("groups"), ",") {
		if g = strings.TrimSpace(g); g == "" {
			continue
		}
		if !slices.Contains(groups, g) {
			bad("groups", "group %q is not a disease group of the content (known: %s)", g, strings.Join(groups, ", "))
		}
		m.Groups = append(m.Groups, g)
	}
	need := []string{"question", "source", "licence"}
	if m.Items {
		need = append(need, "ask", "again")
	}
	for _, s := range need {
		if body, _ := p.Section(s); strings.TrimSpace(body) == "" {
			line := sectionLine(p, s)
			if s == "licence" {
				probs.add(p.File, line, "a measure needs its licence note (section %q): the terms under which the clinic uses it", s)
				continue
			}
			probs.add(p.File, line, "a measure needs a non-empty section %q", s)
		}
	}
	probs = append(probs, checkGrades(p, m)...)
	return m, order, probs
}

// checkGrades: a scale with words has one for each of its values.
func checkGrades(p *Page, m model.Measure) Problems {
	var probs Problems
	var graded []int
	for _, s := range p.Sections {
		n, ok := strings.CutPrefix(s.Name, "grade-")
		if !ok {
			continue
		}
		g, err := strconv.Atoi(n)
		if err != nil || float64(g) < m.Min || float64(g) > m.Max {
			probs.add(p.File, s.Line, "section %q is not a value of the scale %g to %g", s.Name, m.Min, m.Max)
			continue
		}
		graded = append(graded, g)
	}
	if len(graded) == 0 {
		return probs
	}
	if m.Max-m.Min > 10 {
		probs.add(p.File, sectionLine(p, fmt.Sprintf("grade-%d", graded[0])), "a scale with words has at most 11 values; this one runs %g to %g", m.Min, m.Max)
		return probs
	}
	for g := int(m.Min); g <= int(m.Max); g++ {
		if !slices.Contains(graded, g) {
			probs.add(p.File, 0, "the scale has words for some values: section \"grade-%d\" is missing", g)
		}
	}
	return probs
}

// measureParity: the definition is the same in both languages.
func measureParity(vi, en *Page) Problems {
	var probs Problems
	for _, k := range MeasureKeys {
		if slices.Contains(measureWordKeys, k) {
			continue
		}
		if vi.Fields[k] != en.Fields[k] {
			probs.add(en.File, en.line(k), "%s %q differs from %s (%q): a measure's definition is the same in both languages", k, en.Fields[k], vi.File, vi.Fields[k])
		}
	}
	return probs
}

// measureWords are a file's wording of the measure m.
func measureWords(p *Page, m model.Measure) model.MeasureWords {
	s := func(name string) string { body, _ := p.Section(name); return body }
	w := model.MeasureWords{
		Name: p.Title, Up: p.Fields["up"], Unit: p.Fields["unit"], Units: p.Fields["units"],
		Question: s("question"), Ask: s("ask"), Again: s("again"), Source: s("source"), Licence: s("licence"),
		NotValidated: p.Fields["translation"] == "not-validated",
	}
	if m.Max-m.Min > 10 { // only a short scale has words (checkGrades): a walk's metres have none
		return w
	}
	for g := int(m.Min); g <= int(m.Max); g++ {
		if body, ok := p.Section(fmt.Sprintf("grade-%d", g)); ok {
			w.Grades = append(w.Grades, body)
		}
	}
	return w
}

func sortedKeys[T any](m map[string]T) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
