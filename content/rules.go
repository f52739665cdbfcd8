package content

import (
	"path"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"stemcounsel/model"
)

// Rules about what the text says, beyond its shape. Each names the file and
// line a writer has to change.

// InShortWords is the most words an "in-short" section may have per
// language; Vietnamese needs about 1.3 syllables per English word.
var InShortWords = map[model.Lang]int{model.LangEN: 70, model.LangVI: 90}

// negations start a negative statement. A list item under "What you should
// not expect" that says one reads as a double negative ("should not expect:
// you cannot stop insulin"), so each item must name the thing not to expect.
var negations = map[model.Lang][]string{
	model.LangEN: {"not", "no", "cannot", "can't", "won't", "don't", "doesn't", "isn't", "aren't", "never", "nothing", "none", "neither", "nor", "no longer"},
	model.LangVI: {"không", "chưa", "chẳng", "đừng", "chớ", "không thể", "không được", "sẽ không", "chưa thể"},
}

// genericSource opens a source entry that names a kind of study instead of
// who wrote it.
var genericSource = map[model.Lang][]string{
	model.LangEN: {"systematic review", "meta-analysis", "review", "a review", "trial", "study", "report", "article"},
	model.LangVI: {"tổng quan", "phân tích gộp", "thử nghiệm", "nghiên cứu", "bài báo", "báo cáo", "bài tổng quan"},
}

var (
	listItem        = regexp.MustCompile(`^\s*[-*]\s+(.*)$`)
	optionalHeading = regexp.MustCompile(`^###? `)
	year            = regexp.MustCompile(`\b(19|20)\d{2}\b`)
	firstSent       = regexp.MustCompile(`[.;:!?](\s|$)`)
	wordSplit       = regexp.MustCompile(`[^\p{L}\p{N}']+`)
	markupRune      = strings.NewReplacer("*", "", "_", "", "`", "")
)

func pageLang(p *Page) model.Lang {
	first, _, _ := strings.Cut(p.File, "/")
	return model.Lang(first)
}

// sectionItems calls fn with the text of each list item of a section and
// its line number.
func sectionItems(p *Page, name string, fn func(n int, item string)) {
	sectionLines(p, name, func(n int, line string) {
		if m := listItem.FindStringSubmatch(line); m != nil {
			fn(n, m[1])
		}
	})
}

// sectionLines calls fn with each body line of a section and its line number.
func sectionLines(p *Page, name string, fn func(n int, line string)) {
	for i, s := range p.Sections {
		if s.Name != name {
			continue
		}
		end := len(p.lines) + 1
		if i+1 < len(p.Sections) {
			end = p.Sections[i+1].Line
		}
		for n := s.Line + 1; n < end && n <= len(p.lines); n++ {
			fn(n, p.lines[n-1])
		}
	}
}

// hasPhrase reports whether words (lower case) hold phrase as whole words.
func hasPhrase(words []string, phrase string) bool {
	want := strings.Fields(phrase)
	for i := 0; i+len(want) <= len(words); i++ {
		if slices.Equal(words[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

func lowerWords(s string) []string {
	return strings.Fields(wordSplit.ReplaceAllString(strings.ToLower(markupRune.Replace(s)), " "))
}

// checkNotExpect reports items under "What you should not expect" whose
// first sentence is negative.
func checkNotExpect(p *Page) Problems {
	var probs Problems
	lang := pageLang(p)
	sectionItems(p, "not-expect", func(n int, first string) {
		if loc := firstSent.FindStringIndex(first); loc != nil {
			first = first[:loc[0]]
		}
		words := lowerWords(first)
		for _, neg := range negations[lang] {
			if hasPhrase(words, neg) {
				probs.add(p.File, n, "under \"should not expect\" each item names the thing not to expect (\"Stopping insulin\"), not a negative sentence; %q makes a double negative", neg)
				return
			}
		}
	})
	return probs
}

// checkInShort reports a group page whose "in-short" section is too long.
func checkInShort(p *Page) Problems {
	var probs Problems
	body, ok := p.Section("in-short")
	if !ok {
		return nil
	}
	lang := pageLang(p)
	if n, most := Words(body), InShortWords[lang]; n > most {
		probs.add(p.File, sectionLine(p, "in-short"), "section \"in-short\" has %d words; at most %d, so it can be read first and whole", n, most)
	}
	return probs
}

// checkSources reports source entries without a year, or that name a kind
// of study instead of its author or the body that published it.
func checkSources(p *Page) Problems {
	var probs Problems
	lang := pageLang(p)
	sectionItems(p, "sources", func(n int, item string) {
		entry := strings.TrimSpace(markupRune.Replace(item))
		if !year.MatchString(entry) {
			probs.add(p.File, n, "a source needs its year")
		}
		lower := strings.ToLower(entry)
		for _, g := range genericSource[lang] {
			if (strings.HasPrefix(lower, g+" ") || strings.HasPrefix(lower, g+",")) && !hasName(entry[len(g):]) {
				probs.add(p.File, n, "a source names its author or the body that published it, not only %q", g)
				break
			}
		}
	})
	return probs
}

// checkQuizLengths reports a quiz where the right choice is the longest in
// more than half of the questions, which gives the answer away.
func checkQuizLengths(lang model.Lang, quiz map[string]*Page) Problems {
	var probs Problems
	longest, total := 0, 0
	for _, p := range quiz {
		choices, _ := p.Section("choices")
		cells := Cells(choices)
		if len(cells) < 2 {
			continue
		}
		total++
		right, isLongest := -1, true
		for _, c := range cells {
			if c.Key == p.Answer {
				right = utf8.RuneCountInString(c.Text)
			}
		}
		for _, c := range cells {
			if c.Key != p.Answer && utf8.RuneCountInString(c.Text) >= right {
				isLongest = false
			}
		}
		if isLongest {
			longest++
		}
	}
	if 2*longest > total {
		probs.add(path.Join(string(lang), "quiz"), 0, "the right choice is the longest in %d of %d questions; at most half, or its length gives it away", longest, total)
	}
	return probs
}

// checkPersonaOutcomes reports personas that together miss an outcome of
// the checklist, so trainees could never practise it.
func checkPersonaOutcomes(lang model.Lang, personas map[string]*Page, items []string) Problems {
	var probs Problems
	reached := map[model.Outcome]bool{}
	for _, p := range personas {
		if answers, err := p.PersonaAnswers(); err == nil {
			reached[model.Evaluate(items, answers, nil)] = true
		}
	}
	for _, o := range []model.Outcome{model.OutcomeExclusionReported, model.OutcomeNeedsDoctorReview, model.OutcomeNoExclusionReported} {
		if !reached[o] {
			probs.add(path.Join(string(lang), "personas"), 0, "no persona's answers lead to %q; trainees need to practise every outcome", o)
		}
	}
	return probs
}

// checkOptionalMarks reports optional sections whose heading does not tell
// the patient they may skip them.
func checkOptionalMarks(p *Page) Problems {
	var probs Problems
	mark := OptionalMark[pageLang(p)]
	for _, s := range p.Sections {
		if !IsOptional(p, s.Name) {
			continue
		}
		heading, _, _ := strings.Cut(s.Body, "\n")
		if !optionalHeading.MatchString(heading) || !strings.Contains(strings.ToLower(heading), mark) {
			probs.add(p.File, s.Line, "section %q is optional detail: start it with a \"## \" or \"### \" heading that says %q", s.Name, mark)
		}
	}
	return probs
}

// hasName reports whether text holds a capitalised word: a name, a body or
// a trial ("Cochrane", "DREAM-HF").
func hasName(text string) bool {
	for _, w := range strings.Fields(text) {
		if r, _ := utf8.DecodeRuneInString(strings.TrimLeft(w, "(\"'«")); unicode.IsUpper(r) {
			return true
		}
	}
	return false
}
