package content

import (
	"fmt"
	"hash"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"time"

	"stemcounsel/model"
)

// ClinicKeys are the facts only the clinic can give. They ship empty. A key
// ending in _date holds a dd/mm/yyyy date and one ending in _phone a
// telephone number, each checked.
var ClinicKeys = []string{
	"name", "address", "moh_approval", "moh_approval_date", "ethics_approval",
	"costs", "contact", "side_effects_contact", "side_effects_phone", "funding",
}

// checkFact checks a typed clinic fact's value; the empty value is "not
// provided" and always allowed.
func checkFact(key, v string) error {
	switch {
	case v == "":
		return nil
	case strings.HasSuffix(key, "_date"):
		if _, err := time.Parse("02/01/2006", v); err != nil || !datePattern.MatchString(v) {
			return fmt.Errorf("%s %q: write a date as dd/mm/yyyy", key, v)
		}
	case strings.HasSuffix(key, "_phone"):
		digits := 0
		for _, r := range v {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case !strings.ContainsRune("+ .-()", r):
				return fmt.Errorf("%s %q: a telephone number holds digits, spaces and + . - ( ) only", key, v)
			}
		}
		if digits < 3 || digits > 15 {
			return fmt.Errorf("%s %q: a telephone number has 3 to 15 digits", key, v)
		}
	}
	return nil
}

var clinicRef = regexp.MustCompile(`\{clinic:([a-z_]*)\}`)

func readClinic(fsys fs.FS, file string, h hash.Hash) (map[string]string, Problems) {
	lines, probs := readLines(fsys, file, h)
	if lines == nil && probs != nil {
		return nil, probs
	}
	facts := map[string]string{}
	for _, l := range lines {
		k, v, ok := strings.Cut(l.text, ":")
		k = strings.TrimSpace(k)
		switch {
		case !ok:
			probs.add(file, l.n, "line must be \"key: value\"")
		case !slices.Contains(ClinicKeys, k):
			probs.add(file, l.n, "unknown clinic key %q (known: %s)", k, strings.Join(ClinicKeys, ", "))
		default:
			lineProblems(&probs, file, l.n, v) // a value is shown inside pages
			v = strings.TrimSpace(v)
			if err := checkFact(k, v); err != nil {
				probs.add(file, l.n, "%v", err)
			}
			facts[k] = v
		}
	}
	return facts, probs
}

// FillClinic replaces every {clinic:KEY} with the clinic's value, or with
// missing when the clinic has not provided it. Nothing is ever invented.
func (b *Bundle) FillClinic(lang model.Lang, text, missing string) string {
	return clinicRef.ReplaceAllStringFunc(text, func(ref string) string {
		key := clinicRef.FindStringSubmatch(ref)[1]
		if v := b.Clinic[lang][key]; v != "" {
			return v
		}
		return missing
	})
}

func checkClinicRefs(p *Page) Problems {
	var probs Problems
	for i, line := range p.lines {
		for _, m := range clinicRef.FindAllStringSubmatch(line, -1) {
			if !slices.Contains(ClinicKeys, m[1]) {
				probs.add(p.File, i+1, "unknown clinic fact {clinic:%s} (known: %s)", m[1], strings.Join(ClinicKeys, ", "))
			}
		}
	}
	return probs
}

// Cell is one "- key: text" bullet of a table-like section.
type Cell struct {
	Key, Text string
}

var cellLine = regexp.MustCompile(`^\s*[-*]\s+([a-z][a-z0-9-]*):\s*(.*)$`)

// Cells reads the "- key: text" bullets of a section, in order.
func Cells(body string) []Cell {
	var out []Cell
	for _, line := range strings.Split(body, "\n") {
		if m := cellLine.FindStringSubmatch(line); m != nil {
			out = append(out, Cell{Key: m[1], Text: strings.TrimSpace(m[2])})
		}
	}
	return out
}

// OptionIDs are the options compared side by side, in column order.
var OptionIDs = []string{"cell-therapy", "standard-care", "trial", "nothing"}

// OptionRows are the questions each option answers, in row order.
var OptionRows = []string{"involved", "benefit", "risks", "time", "cost", "regulatory", "if-not-working"}

// OptionsRow is one row of the options table.
type OptionsRow struct {
	ID, Label string
	Cells     []Cell // one per option, in OptionIDs order
}

// Options is the options page as a table.
type Options struct {
	Decision string
	Columns  []Cell
	Living   []Cell
	Rows     []OptionsRow
}

// Options reads the options table of a language. The validator has checked
// its shape.
func (b *Bundle) Options(lang model.Lang) Options {
	p := b.Page(lang, model.StepOptions)
	var o Options
	o.Decision, _ = p.Section("decision")
	cols, _ := p.Section("columns")
	o.Columns = Cells(cols)
	living, _ := p.Section("living")
	o.Living = Cells(living)
	for _, id := range OptionRows {
		body, _ := p.Section("row-" + id)
		o.Rows = append(o.Rows, OptionsRow{ID: id, Label: rowLabel(body), Cells: Cells(body)})
	}
	return o
}

func rowLabel(body string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(body), "\n")
	return strings.TrimSpace(strings.TrimPrefix(first, "###"))
}

func checkOptions(p *Page) Problems {
	probs := checkSections(p, append([]string{"decision", "columns", "living"}, prefixed("row-", OptionRows)...))
	for _, name := range append([]string{"columns", "living"}, prefixed("row-", OptionRows)...) {
		body, ok := p.Section(name)
		if !ok {
			continue
		}
		line := sectionLine(p, name)
		if strings.HasPrefix(name, "row-") && !strings.HasPrefix(strings.TrimSpace(body), "### ") {
			probs.add(p.File, line, "section %q must start with a \"### \" row label", name)
		}
		cells := Cells(body)
		var keys []string
		for _, c := range cells {
			keys = append(keys, c.Key)
			if c.Text == "" {
				probs.add(p.File, line, "section %q: the %s cell is empty; every cell needs text (use {clinic:KEY} for a clinic's fact)", name, c.Key)
			}
		}
		if !slices.Equal(keys, OptionIDs) {
			probs.add(p.File, line, "section %q needs one \"- key: text\" bullet for each option, in order: %s (found: %s)", name, strings.Join(OptionIDs, ", "), strings.Join(keys, ", "))
		}
	}
	return probs
}

func prefixed(prefix string, ids []string) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = prefix + id
	}
	return out
}

func sectionLine(p *Page, name string) int {
	for _, s := range p.Sections {
		if s.Name == name {
			return s.Line
		}
	}
	return 0
}

// QuizItem is one knowledge-check question.
type QuizItem struct {
	ID          string
	Answer      string
	Group       string // empty for a general question
	Expectation bool
	Question    string
	Choices     []Cell
	Explanation string
	TeachBack   string
}

// QuizSections are the sections of a knowledge-check question, in order.
var QuizSections = []string{"question", "choices", "explanation", "teach-back"}

// Quiz returns the knowledge check for a session: every general question,
// then one for each chosen group, in the groups' order.
func (b *Bundle) Quiz(lang model.Lang, groups []string) []QuizItem {
	return pickQuiz(b.quizItems(lang), groups)
}

// quizItems reads every question of a language, in QuizIDs order.
func (b *Bundle) quizItems(lang model.Lang) []QuizItem {
	items := make([]QuizItem, 0, len(b.QuizIDs))
	for _, id := range b.QuizIDs {
		p := b.Langs[lang].Quiz[id]
		it := QuizItem{ID: id, Answer: p.Answer, Group: p.Group, Expectation: p.Expectation == "yes"}
		it.Question, _ = p.Section("question")
		choices, _ := p.Section("choices")
		it.Choices = Cells(choices)
		it.Explanation, _ = p.Section("explanation")
		it.TeachBack, _ = p.Section("teach-back")
		items = append(items, it)
	}
	return items
}

// pickQuiz keeps the general questions, then those of each group in turn.
func pickQuiz(items []QuizItem, groups []string) []QuizItem {
	var general, byGroup []QuizItem
	for _, it := range items {
		if it.Group == "" {
			general = append(general, it)
		} else {
			byGroup = append(byGroup, it)
		}
	}
	for _, g := range groups {
		for _, it := range byGroup {
			if it.Group == g {
				general = append(general, it)
			}
		}
	}
	return general
}

func quizOrder(items map[string]*Page) []string {
	ids := make([]string, 0, len(items))
	for id := range items {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func checkQuiz(p *Page, groups []string) Problems {
	probs := checkSections(p, append(QuizSections, TalkingPoints))
	choices, _ := p.Section("choices")
	cells := Cells(choices)
	var keys []string
	for _, c := range cells {
		keys = append(keys, c.Key)
		if c.Text == "" {
			probs.add(p.File, sectionLine(p, "choices"), "choice %q has no text", c.Key)
		}
	}
	if len(cells) < 2 || len(cells) > 3 {
		probs.add(p.File, sectionLine(p, "choices"), "a question needs two or three \"- key: text\" choices")
	}
	if !slices.Contains(keys, p.Answer) {
		probs.add(p.File, p.line("answer"), "answer %q is not one of the choices (%s)", p.Answer, strings.Join(keys, ", "))
	}
	if p.Group != "" && !slices.Contains(groups, p.Group) {
		probs.add(p.File, p.line("group"), "group %q is not a disease group (valid: %s)", p.Group, strings.Join(groups, ", "))
	}
	if p.Expectation != "yes" && p.Expectation != "no" {
		probs.add(p.File, p.line("expectation"), "expectation must be yes or no")
	}
	return probs
}

// SureSections are the sections of the SURE page.
var SureSections = []string{"sure-1", "sure-2", "sure-3", "sure-4", "citation", "translation-note"}
