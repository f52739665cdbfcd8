package emr

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"stemcounsel/content"
	"stemcounsel/model"
	"stemcounsel/wording"
)

// tokens are a text's words and numbers, in order, without punctuation or
// Markdown marks, so wrapped and laid-out text compares with its source.
func tokens(s string) []string {
	return strings.FieldsFunc(content.NFC(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// assertInOrder fails unless every token of want appears in got, in order.
func assertInOrder(t *testing.T, got []string, want []string, what string) {
	t.Helper()
	i := 0
	for j, w := range want {
		for i < len(got) && got[i] != w {
			i++
		}
		if i == len(got) {
			t.Fatalf("%s: lost text from token %d %q on: …%s…", what, j, w, strings.Join(want[j:min(len(want), j+12)], " "))
		}
		i++
	}
}

// assertAll fails unless every token of want appears in got: for a table,
// whose cells may split across pages.
func assertAll(t *testing.T, got []string, want []string, what string) {
	t.Helper()
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	for _, w := range want {
		if !have[w] {
			t.Fatalf("%s: lost %q", what, w)
		}
	}
}

// optionCells is the options table's text, with the clinic's facts filled.
func optionCells(b *content.Bundle, lang model.Lang) []string {
	var out []string
	for _, r := range b.Options(lang).Rows {
		out = append(out, r.Label)
		for _, c := range r.Cells {
			out = append(out, b.FillClinic(lang, c.Text, wordsFor(lang).NotProvided))
		}
	}
	return out
}

// valuesText is the values page's text as laid out: no content keys.
func valuesText(p *content.Page) []string {
	intro, _ := p.Section("intro")
	out := []string{intro}
	for _, section := range []string{"values", "leaning", "leanings"} {
		body, _ := p.Section(section)
		if cells := content.Cells(body); len(cells) > 0 {
			for _, c := range cells {
				out = append(out, c.Text)
			}
		} else {
			out = append(out, body)
		}
	}
	return out
}

// shownText is every page the record shows, as the source text, but for
// the options table (optionCells).
func shownText(b *content.Bundle, rec model.Record) []string {
	wd := wordsFor(rec.Lang)
	var out []string
	var seen []model.StepID
	for _, v := range rec.PagesViewed {
		if p := b.Page(rec.Lang, v.Page); p != nil && !contains(seen, v.Page) {
			seen = append(seen, v.Page)
			out = append(out, p.Title)
			switch v.Page {
			case model.StepOptions:
				out = append(out, b.Options(rec.Lang).Decision)
			case model.StepSure:
				out = append(out, sureQuestions(p)...)
			case model.StepValues:
				out = append(out, valuesText(p)...)
			default:
				out = append(out, b.FillClinic(rec.Lang, p.PatientText(), wd.NotProvided))
			}
			out = append(out, reviewLine(p, wd))
		}
	}
	return out
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func TestRecordPDFKeepsEveryVietnameseLetterAndEveryPageShown(t *testing.T) {
	b := bundle(t)
	rec, pdf := samplePDF(t, b, model.LangVI, model.RoleDoctor, A4)
	pages := pageTexts(t, pdf)
	all := strings.Join(pages, "\n")
	noSpace := func(s string) string { return strings.Join(strings.Fields(s), "") }
	if !strings.Contains(noSpace(all), noSpace(vietnameseLetters)) {
		t.Fatalf("the note's Vietnamese letters did not come back intact from the PDF")
	}
	for _, want := range []string{rec.PatientRef, "Đã hẹn buổi đánh giá", "01/12/2026 09:00"} {
		if !strings.Contains(all, want) {
			t.Errorf("the record lacks %q", want)
		}
	}
	var want []string
	for _, it := range rec.Checklist {
		want = append(want, b.Item(rec.Lang, it.Item).Title, wordsFor(rec.Lang).answer(it.Answer), it.Note)
	}
	values := b.Page(rec.Lang, model.StepValues)
	for _, v := range rec.Values {
		want = append(want, cellText(values, "values", v.Value), wordsFor(rec.Lang).importance[v.Importance])
	}
	want = append(want, cellText(values, "leanings", string(rec.Leaning)))
	for _, id := range rec.Tensions {
		want = append(want, cellText(values, "values", id))
	}
	for _, q := range rec.Questions[:2] {
		want = append(want, q.Text)
	}
	assertInOrder(t, tokens(all), tokens(strings.Join(want, " ")), "answers and questions")
	assertInOrder(t, tokens(all), tokens(strings.Join(shownText(b, rec), "\n")), "pages shown")
	assertAll(t, tokens(all), tokens(strings.Join(optionCells(b, rec.Lang), "\n")), "options table")
}

func TestRecordPDFFooterOnEveryPage(t *testing.T) {
	b := bundle(t)
	for _, lang := range model.Langs {
		t.Run(string(lang), func(t *testing.T) {
			_, pdf := samplePDF(t, b, lang, model.RolePatient, A4)
			wd := wordsFor(lang)
			pages := pageTexts(t, pdf)
			if len(pages) < 3 {
				t.Fatalf("%d pages: the record is not all there", len(pages))
			}
			for i, p := range pages {
				for _, want := range []string{
					wd.SummaryCode + " ACD349", wd.SummaryContent + " " + b.Hash,
					fmt.Sprintf(wd.footerPage, i+1, len(pages)), wd.SummaryNotConsent,
				} {
					if !strings.Contains(squash(p), want) {
						t.Errorf("page %d lacks %q in its footer", i+1, want)
					}
				}
				if strings.Contains(p, wd.trainingBanner()) {
					t.Errorf("page %d of a patient's record says it is training", i+1)
				}
			}
		})
	}
}

func TestTrainingRecordMarkedOnEveryPage(t *testing.T) {
	b := bundle(t)
	_, pdf := samplePDF(t, b, model.LangEN, model.RoleTrainer, A4)
	for i, p := range pageTexts(t, pdf) {
		if !strings.Contains(squash(p), wordsFor(model.LangEN).trainingBanner()) {
			t.Errorf("page %d of a training record is not marked as training", i+1)
		}
	}
}

// wordBox is a word and its box, from pdftotext -bbox.
type wordBox struct {
	text           string
	x0, y0, x1, y1 float64
}

// wordBoxes reads pdftotext's -bbox output: lines of the form
// <word xMin="…" yMin="…" xMax="…" yMax="…">text</word>.
func wordBoxes(out string) []wordBox {
	var boxes []wordBox
	for _, part := range strings.Split(out, "<word ")[1:] {
		attrs, rest, _ := strings.Cut(part, ">")
		text, _, _ := strings.Cut(rest, "<")
		v := map[string]float64{}
		for _, f := range strings.Fields(attrs) {
			k, val, _ := strings.Cut(f, "=")
			v[k], _ = strconv.ParseFloat(strings.Trim(val, `"`), 64)
		}
		boxes = append(boxes, wordBox{text, v["xMin"], v["yMin"], v["xMax"], v["yMax"]})
	}
	return boxes
}

// assertRenders fails unless pdftoppm draws every page pdfinfo counts.
func assertRenders(t *testing.T, file, infoText string) {
	t.Helper()
	pages, _ := strconv.Atoi(regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(infoText)[1])
	dir := t.TempDir()
	poppler(t, "pdftoppm", "-r", "8", "-png", file, filepath.Join(dir, "p"))
	pngs, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(pngs) != pages || pages == 0 {
		t.Fatalf("pdftoppm rendered %d of %d pages", len(pngs), pages)
	}
}

// A long record, with every group and long notes, stays inside the margins
// on both papers, and every page renders.
func TestRecordPDFStaysWithinMarginsAndRenders(t *testing.T) {
	b := bundle(t)
	for _, paper := range []Paper{A4, Letter} {
		t.Run(string(paper), func(t *testing.T) {
			_, pdf := samplePDF(t, b, model.LangVI, model.RoleDoctor, paper)
			file := writeTemp(t, pdf)
			infoText := poppler(t, "pdfinfo", file)
			size := map[Paper]string{A4: "595 x 842 pts", Letter: "612 x 792 pts"}[paper]
			if !strings.Contains(infoText, size) {
				t.Fatalf("paper %s: pdfinfo says\n%s", paper, infoText)
			}
			w, h := paper.size().W, paper.size().H
			words := wordBoxes(poppler(t, "pdftotext", "-bbox", file, "-"))
			if len(words) < 1000 {
				t.Fatalf("only %d words found", len(words))
			}
			for _, b := range words {
				if b.x0 < margin-1 || b.x1 > w-margin+1 || b.y0 < margin-10 || b.y1 > h-margin+2 {
					t.Errorf("%q at (%.0f,%.0f)-(%.0f,%.0f) is outside the margins", b.text, b.x0, b.y0, b.x1, b.y1)
				}
			}
			if len(pdf) > 250_000 {
				t.Errorf("the record PDF is %d bytes; the font should be subset", len(pdf))
			}
			if paper != A4 {
				return // rendering once is enough
			}
			assertRenders(t, file, infoText)
		})
	}
}

func TestRecordPDFRefusesOtherContentUnlessAllowed(t *testing.T) {
	b := bundle(t)
	rec := sampleRecord(t, b, model.LangEN, model.RolePatient)
	rec.PagesViewed = rec.PagesViewed[:3] // a short record is enough here
	rec.ContentVersion = "0123456789ab"
	_, err := RecordPDF(rec, b, Options{})
	if mm, ok := errors.AsType[*ContentMismatchError](err); !ok || mm.Shown != "0123456789ab" || mm.Given != b.Hash {
		t.Fatalf("want a content mismatch error, got %v", err)
	}
	pdf, err := RecordPDF(rec, b, Options{AllowOtherContent: true})
	if err != nil {
		t.Fatal(err)
	}
	note := fmt.Sprintf(wordsFor(model.LangEN).contentMismatch, b.Hash, rec.ContentVersion)
	for i, p := range pageTexts(t, pdf) {
		if !strings.Contains(squash(p), note) {
			t.Errorf("page %d does not say the content differs", i+1)
		}
	}
}

// Text the font cannot draw shows as "?" rather than vanishing, and typed
// control characters never reach the file.
func TestRecordPDFMarksCharactersTheFontLacks(t *testing.T) {
	b := bundle(t)
	rec := sampleRecord(t, b, model.LangEN, model.RolePatient)
	rec.PagesViewed = rec.PagesViewed[:3]
	rec.Questions = []model.RecordQuestion{{Text: "Price in 元 \x1b[31m? ok", Page: model.StepOptions, At: t0}}
	pdf, err := RecordPDF(rec, b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	all := squash(strings.Join(pageTexts(t, pdf), "\n"))
	if !strings.Contains(all, "Price in ? [31m? ok") {
		t.Errorf("the question did not come back with its missing glyph marked:\n%s", all)
	}
}

func TestHandoutPDF(t *testing.T) {
	b := bundle(t)
	for _, lang := range model.Langs {
		t.Run(string(lang), func(t *testing.T) {
			groups := []string{"joint", "lung"}
			pdf, err := HandoutPDF(b, HandoutOptions{Lang: lang, Groups: groups, Date: t0})
			if err != nil {
				t.Fatal(err)
			}
			wd := wordsFor(lang)
			pages := pageTexts(t, pdf)
			all := strings.Join(pages, "\n")
			for i, p := range pages {
				if !strings.Contains(squash(p), fmt.Sprintf(wd.footerPage, i+1, len(pages))) || !strings.Contains(p, b.Hash) {
					t.Errorf("page %d lacks its footer", i+1)
				}
			}
			var want []string
			for _, k := range content.ClinicKeys {
				want = append(want, wd.clinicKeys[k], wd.NotProvided)
			}
			for _, step := range model.Flow(model.RolePatient, groups) {
				p := b.Page(lang, step)
				if p == nil || p.IsPlaceholder() || contains(handoutSkips, step) {
					continue
				}
				want = append(want, p.Title)
				switch step {
				case model.StepChecklist:
					for _, id := range b.ChecklistIDs {
						q, _ := b.Item(lang, id).Section("question")
						want = append(want, b.Item(lang, id).Title, q, wd.answer("yes"), wd.answer("no"), wd.answer("not-sure"), wd.noteLine)
					}
				case model.StepSure:
					for _, q := range sureQuestions(p) {
						want = append(want, q, wd.answer("yes"), wd.answer("no"))
					}
				case model.StepValues:
					for i, text := range valuesText(p) {
						want = append(want, text)
						if i > 0 && i <= len(model.ValueIDs) {
							want = append(want, wd.importance[model.NotImportant], wd.importance[model.Somewhat], wd.importance[model.Very])
						}
					}
				case model.StepOptions:
					want = append(want, b.Options(lang).Decision)
					assertAll(t, tokens(all), tokens(strings.Join(optionCells(b, lang), "\n")), "options table")
				default:
					want = append(want, b.FillClinic(lang, p.PatientText(), wd.NotProvided))
				}
			}
			assertInOrder(t, tokens(all), tokens(strings.Join(want, "\n")), "handout")
			if strings.Contains(all, "**") || strings.Contains(all, "\\[") || strings.Contains(all, "{clinic:") {
				t.Errorf("Markdown marks or clinic placeholders left in the handout")
			}
			if len(pdf) > 150_000 {
				t.Errorf("the handout is %d bytes", len(pdf))
			}
			file := writeTemp(t, pdf)
			assertRenders(t, file, poppler(t, "pdfinfo", file))
		})
	}
}

// The same record makes the same file, so its hash in the FHIR export
// identifies it.
func TestRecordPDFIsReproducible(t *testing.T) {
	b := bundle(t)
	rec, one := samplePDF(t, b, model.LangVI, model.RoleDoctor, A4)
	two, err := RecordPDF(rec, b, Options{Software: "stemcounsel test", Visits: sampleVisits(rec)})
	if err != nil {
		t.Fatal(err)
	}
	if string(one) != string(two) {
		t.Error("two PDFs of one record differ")
	}
	if os.Getenv("STEMCOUNSEL_PDF_OUT") != "" { // to look at the file by eye
		_ = os.WriteFile(os.Getenv("STEMCOUNSEL_PDF_OUT"), one, 0o600)
	}
}

func TestParsePaper(t *testing.T) {
	for in, want := range map[string]Paper{"a4": A4, "A4": A4, "letter": Letter} {
		if got, err := ParsePaper(in); err != nil || got != want {
			t.Errorf("ParsePaper(%q) = %q, %v", in, got, err)
		}
	}
	if Paper("").size() != A4.size() || A4.size().W != 595 || Letter.size().H != 792 {
		t.Error("the default paper is not A4, or a size is wrong")
	}
	if _, err := ParsePaper("a5"); err == nil || !strings.Contains(err.Error(), "a4, letter") {
		t.Errorf("ParsePaper(a5) error should name the valid papers: %v", err)
	}
}

// Every character of the content and of the documents' own wording has a
// glyph in each embedded face, so nothing the app writes turns into "?".
func TestFontCoversAllText(t *testing.T) {
	b := bundle(t)
	var text strings.Builder
	for _, lang := range model.Langs {
		set := b.Langs[lang]
		for _, pages := range []map[string]*content.Page{set.Pages, set.Groups, set.Checklist, set.Quiz, set.Personas} {
			for _, p := range pages {
				text.WriteString(p.Title + p.Evidence)
				for _, s := range p.Sections {
					text.WriteString(s.Body)
				}
			}
		}
		fmt.Fprintf(&text, "%+v", *wordsFor(lang))
	}
	text.WriteString(vietnameseLetters + "•–→₫")
	w, err := newWriter(A4, info("", "", t0), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []face{regular, bold, italic} {
		w.setFont(f, bodySize)
		for _, r := range text.String() {
			if r != '?' && strings.Contains(w.clean(string(r)), "?") {
				t.Errorf("face %d has no glyph for %q (%U)", f, r, r)
			}
		}
		w.glyphs = map[rune]bool{} // ask the next face afresh
	}
}

// The values page lays out its values and leanings in the content's words,
// without the content's keys, with boxes on the handout; a figure's icon
// arrays keep their rows.
func TestValuesPageAndFigures(t *testing.T) {
	b := bundle(t)
	for _, lang := range model.Langs {
		p := b.Page(lang, model.StepValues)
		if p == nil {
			t.Skip("this content has no values page")
		}
		wd := wordsFor(lang)
		w, err := newWriter(A4, info("", "", t0), false)
		if err != nil {
			t.Fatal(err)
		}
		w.valuesPage(p, nil)
		w.valuesPage(p, func(indent float64) {
			w.boxesFor([]string{wd.importance[model.NotImportant], wd.importance[model.Very]}, indent)
		})
		w.markdown("```\nA          B\n●●●○○○○○○○   ●○○○○○○○○○\n```", 1)
		pdf, err := w.finish("", func(int, int) [2]string { return [2]string{"", ""} })
		if err != nil {
			t.Fatal(err)
		}
		all := squash(strings.Join(pageTexts(t, pdf), "\n"))
		for _, id := range model.ValueIDs {
			text := cellText(p, "values", id)
			if strings.Count(all, squash(text)) != 2 {
				t.Errorf("%s: value %q is not on the page and the form", lang, text)
			}
		}
		for _, l := range model.Leanings {
			if !strings.Contains(all, squash(cellText(p, "leanings", string(l)))) {
				t.Errorf("%s: leaning %s is missing", lang, l)
			}
		}
		if strings.Contains(all, "sure-it-works") || strings.Count(all, wd.importance[model.Very]) != len(model.ValueIDs) {
			t.Errorf("%s: content keys shown, or boxes missing:\n%s", lang, all)
		}
		if !strings.Contains(all, "●●●○○○○○○○ ●○○○○○○○○○") {
			t.Errorf("%s: the icon array lost its rows:\n%s", lang, all)
		}
	}
}

// TestRecordPDFShowsTheFollowUp: the baseline, the charts drawn with
// their scales, the course in words, then each visit as entered, in the
// record's language, with the kiosk visit and its older content release
// said.
func TestRecordPDFShowsTheFollowUp(t *testing.T) {
	b := bundle(t)
	for _, lang := range model.Langs {
		t.Run(string(lang), func(t *testing.T) {
			rec, pdf := samplePDF(t, b, lang, model.RoleDoctor, A4)
			visits := sampleVisits(rec)
			fw, wd := wording.CourseFor(lang), wordsFor(lang)
			all := tokens(strings.Join(pageTexts(t, pdf), "\n"))
			day := func(at time.Time) string { return at.Local().Format(fw.DayFormat) }
			assertInOrder(t, all, tokens(strings.Join([]string{
				fw.BaselineTitle, rec.Baseline.Activities[0].Name,
				fw.Title, fw.OwnCourse,
				mustMeasure(t, b, "pain-usual").In(lang).Name, fmt.Sprintf(fw.First, day(rec.Baseline.At), "6"),
				fmt.Sprintf(fw.VisitLine, day(visits[0].At), fmt.Sprintf(fw.MonthOne, "1"), "6", "5", ""),
				fw.HardTitle, fw.HardNotes[0], fw.HardNotes[1], fw.HardNotes[2],
				fmt.Sprintf(fw.VisitTitle, 1), fw.ImpressionLabel, fw.Impressions[model.MuchImproved],
				wording.FollowUpFor(lang).SideEffects, fw.SideEffectNames["fever"], visits[0].SideEffects.Text, wording.FollowUpFor(lang).Decision, wording.FollowUpFor(lang).DecisionNames[model.DecisionContinue],
				fmt.Sprintf(fw.VisitTitle, 2), fw.AtKiosk, wd.SummaryContent, "older", "release",
				wd.SummaryViewed,
			}, "\n")), "follow-up")
			text := squash(strings.Join(pageTexts(t, pdf), "\n"))
			for _, want := range []string{"+60%", "+30%", "-30%", "-60%", fw.Months, fmt.Sprintf(fw.Window, "⋮", fmt.Sprintf(fw.MonthMany, "6"))} {
				if !strings.Contains(text, squash(want)) {
					t.Errorf("the chart's %q is not on the page", want)
				}
			}
		})
	}
}
