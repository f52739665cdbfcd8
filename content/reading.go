package content

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"stemcounsel/model"
)

// Reading rates for the time the welcome page states. Brysbaert's 2019
// review of 190 studies (Journal of Memory and Language 109:104047) puts
// most adults' silent reading of English non-fiction at 175 to 300 words a
// minute, 238 on average, and finds older readers slower; the app assumes
// 150, below the slowest typical adult. The same review finds that a
// language reads at the rate of the words it needs to say the same thing;
// this content needs about 1.3 Vietnamese syllables per English word, so
// Vietnamese is timed at 195 syllables (space-separated words) a minute.
var ReadingRate = map[model.Lang]int{model.LangEN: 150, model.LangVI: 195}

// MaxMainPathMinutes is the longest the main path of a one-group session may
// take at ReadingRate.
const MaxMainPathMinutes = 30

// A section holds optional detail when it is a group page's "aim" or
// "evidence" (the "in-short" section sums both up) or its name starts with
// "more-". Its heading says so (OptionalMark), and it
// is not timed.
const optionalPrefix = "more-"

var optionalGroupSections = []string{"aim", "evidence"}

// OptionalMark is the word an optional section's heading must contain.
var OptionalMark = map[model.Lang]string{model.LangEN: "optional", model.LangVI: "đọc thêm"}

// IsOptional reports whether a section of a page is optional detail.
func IsOptional(p *Page, section string) bool {
	return strings.HasPrefix(section, optionalPrefix) || (slices.Contains(optionalGroupSections, section) && strings.Contains(p.File, "/groups/"))
}

// ReadingMinutesToken on a page is replaced by the computed reading time of
// the longest one-group session in that language.
const ReadingMinutesToken = "{reading-minutes}"

// Words counts the words of Markdown text: runs without spaces that hold a
// letter or digit. In Vietnamese each such run is a syllable.
// It counts as it scans: every start of the app counts every page.
func Words(text string) int {
	n, counted := 0, false // counted: this run already holds a letter or digit
	for _, r := range text {
		var space, word bool
		switch {
		case r < utf8.RuneSelf: // most of the text: no table look-ups
			space = asciiSpace[r]
			word = 'a' <= r|0x20 && r|0x20 <= 'z' || '0' <= r && r <= '9'
		case 0x100 <= r && r < 0x250 || 0x1E00 <= r && r < 0x1F00:
			// Latin Extended-A, -B and Additional, where the Vietnamese
			// letters are: every rune of them is a letter.
			word = true
		default:
			space = unicode.IsSpace(r)
			word = unicode.IsLetter(r) || unicode.IsDigit(r)
		}
		switch {
		case space:
			counted = false
		case !counted && word:
			n, counted = n+1, true
		}
	}
	return n
}

// asciiSpace is unicode.IsSpace below utf8.RuneSelf.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// PageWords is one page's share of a session's main path.
type PageWords struct {
	Step  model.StepID
	Words int
}

// MainPath counts the words a patient reads on the main path of a session
// about one group: every page of the patient's flow without clinician notes,
// sources or optional detail; the checklist with the group's meaning of each
// item; the longest outcome; and the knowledge check.
func (b *Bundle) MainPath(lang model.Lang, group string) []PageWords {
	return b.mainPath(lang, group, newPathCounts(b, lang))
}

// pathCounts is what every group's main path in a language reads alike:
// the longest path is found without counting it once per group.
type pathCounts struct {
	pages map[*Page]int // a page's sections
	items map[*Page]int // a checklist item's, its meaning aside
	quiz  []QuizItem    // every question
}

func newPathCounts(b *Bundle, lang model.Lang) *pathCounts {
	return &pathCounts{pages: map[*Page]int{}, items: map[*Page]int{}, quiz: b.quizItems(lang)}
}

func (b *Bundle) mainPath(lang model.Lang, group string, shared *pathCounts) []PageWords {
	var out []PageWords
	for _, step := range model.Flow(model.RolePatient, []string{group}) {
		p := b.Page(lang, step)
		if p == nil {
			continue
		}
		n := Words(p.Title) + Words(p.Evidence)
		switch step {
		case model.StepChecklist:
			n += b.checklistWords(lang, group, shared.items)
		case model.StepOutcome:
			n += longestSection(p, OutcomeSections[:3])
			n += sectionWords(p, "not-treating")
		case model.StepKnowledgeCheck:
			n += sectionWords(p, "intro")
			for _, q := range pickQuiz(shared.quiz, []string{group}) {
				n += Words(q.Question) + Words(q.Explanation)
				for _, c := range q.Choices {
					n += Words(c.Text)
				}
			}
		default:
			words, counted := shared.pages[p]
			if !counted {
				for _, s := range p.Sections {
					if s.Name == TalkingPoints || s.Name == "sources" || IsOptional(p, s.Name) {
						continue
					}
					words += Words(s.Body)
				}
				shared.pages[p] = words
			}
			n += words
		}
		out = append(out, PageWords{step, n})
	}
	return out
}

func (b *Bundle) checklistWords(lang model.Lang, group string, items map[*Page]int) int {
	n := sectionWords(b.Page(lang, model.StepChecklist), "intro")
	gp := b.Group(lang, group)
	for _, id := range b.ChecklistIDs {
		item := b.Item(lang, id)
		words, counted := items[item]
		if !counted {
			words = Words(item.Title) + sectionWords(item, "question") + sectionWords(item, "why") + sectionWords(item, "revisit")
			items[item] = words
		}
		n += words
		if text, ok := gp.Section("meaning-" + id); ok {
			n += Words(text)
		} else {
			n += sectionWords(item, "meaning")
		}
	}
	return n
}

func sectionWords(p *Page, name string) int {
	text, _ := p.Section(name)
	return Words(text)
}

func longestSection(p *Page, names []string) int {
	most := 0
	for _, name := range names {
		most = max(most, sectionWords(p, name))
	}
	return most
}

// Total adds up a main path.
func Total(path []PageWords) int {
	n := 0
	for _, pw := range path {
		n += pw.Words
	}
	return n
}

// Minutes is the reading time of n words in a language, rounded up.
func Minutes(lang model.Lang, n int) int {
	rate := ReadingRate[lang]
	return (n + rate - 1) / rate
}

// ReadingMinutes is the reading time of the longest one-group main path in a
// language: what the welcome page promises at most.
func (b *Bundle) ReadingMinutes(lang model.Lang) int {
	most, shared := 0, newPathCounts(b, lang)
	for _, g := range b.GroupIDs {
		most = max(most, Minutes(lang, Total(b.mainPath(lang, g, shared))))
	}
	return most
}

// fillReadingMinutes writes the computed time into every page that asks for
// it, so the number on screen always matches the content.
// Each language is counted on a core of its own: the count is half of
// loading the built-in content.
func (b *Bundle) fillReadingMinutes() {
	var wg sync.WaitGroup
	for _, lang := range model.Langs {
		wg.Go(func() {
			minutes := strconv.Itoa(b.ReadingMinutes(lang))
			for _, p := range b.Langs[lang].Pages {
				for i := range p.Sections {
					p.Sections[i].Body = strings.ReplaceAll(p.Sections[i].Body, ReadingMinutesToken, minutes)
				}
			}
		})
	}
	wg.Wait()
}
