package doc

import (
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
)

var testClock = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

// load reads a content folder: the small fixture the ui goldens use too,
// or the real content.
func load(t testing.TB, fsys fs.FS) *content.Bundle {
	t.Helper()
	b, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func fixtureContent(t testing.TB) *content.Bundle { return load(t, os.DirFS("../ui/testdata/content")) }

// TestRenderedPagesFitTheirWidth checks Glamour's own output, before the
// screen's last-resort truncation could hide an overflow.
func TestRenderedPagesFitTheirWidth(t *testing.T) {
	b := load(t, content.Embedded())
	for _, lang := range model.Langs {
		steps := append(append([]model.StepID{}, model.PageSteps...), groupSteps(b.GroupIDs)...)
		for _, step := range steps {
			md := Page(b, lang, b.Page(lang, step))
			for _, style := range []string{"dark", "ascii"} {
				for _, w := range []int{38, 43, 56, 76, 116} {
					out, err := Render(md, w, style)
					if step == model.StepOptions {
						out, err = OptionsPage(b, lang, w, style)
					}
					if err != nil {
						t.Fatal(err)
					}
					for i, l := range strings.Split(out, "\n") {
						if lw := ansi.StringWidth(l); lw > w {
							t.Errorf("%s/%s %s w=%d: line %d is %d wide: %q", lang, step, style, w, i, lw, ansi.Strip(l))
						}
					}
				}
			}
		}
	}
}

func groupSteps(ids []string) []model.StepID {
	out := make([]model.StepID, len(ids))
	for i, id := range ids {
		out[i] = model.GroupStep(id)
	}
	return out
}

func TestRewrapWideKeepsEveryWord(t *testing.T) {
	line := "• giúp điều hòa miễn dịch, tức đưa phản ứng miễn dịch về trạng thái cân bằng hơn;"
	out := rewrapWide(line, 40)
	if strings.Join(strings.Fields(out), " ") != line {
		t.Fatalf("rewrap lost text: %q", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Fatalf("still too wide: %q", l)
		}
	}
	if got := fmt.Sprint(rewrapWide("short", 40)); got != "short" {
		t.Fatalf("short line changed: %q", got)
	}
}

func TestRewrapWideIndentsContinuation(t *testing.T) {
	line := "│ Evidence status: Investigational for every condition in this guide; only a few"
	out := strings.Split(rewrapWide(line, 40), "\n")
	if len(out) < 2 {
		t.Fatalf("not wrapped: %q", out)
	}
	for _, l := range out[1:] {
		if !strings.HasPrefix(l, "  ") {
			t.Fatalf("continuation lost the indent: %q", out)
		}
	}
}

func TestHandoutHasThePaperForm(t *testing.T) {
	var b strings.Builder
	if err := Handout(&b, fixtureContent(t), PrintOptions{Lang: model.LangEN, Width: 80, Style: PlainStyle, Date: testClock}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, id := range model.DefaultChecklist {
		if !strings.Contains(out, "Sample question about "+id+"?") {
			t.Errorf("question %s missing", id)
		}
	}
	if strings.Count(out, "[ ] Yes    [ ] No    [ ] Not sure") != len(model.DefaultChecklist) {
		t.Errorf("each item needs [ ] boxes:\n%s", out)
	}
	if strings.Contains(out, "☐") {
		t.Error("boxes must be [ ], not ☐")
	}
}

func TestEscape(t *testing.T) {
	got := Escape("# a | `b` *c*")
	if got != "\\# a \\| \\`b\\` \\*c\\*" {
		t.Fatalf("Escape = %q", got)
	}
	out, err := Render("- "+Escape("# not a heading | pipe `tick` **bold**"), 80, PlainStyle)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "# not a heading | pipe `tick` **bold**") {
		t.Fatalf("typed text must show literally: %q", out)
	}
}
func TestHandoutForDoctorAndPersona(t *testing.T) {
	b := fixtureContent(t)
	var handout, pers strings.Builder
	if err := Handout(&handout, b, PrintOptions{Lang: model.LangEN, Width: 80, Style: PlainStyle, Date: testClock, Role: model.RoleDoctor}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(handout.String(), "Note for the doctor: what-it-is.") {
		t.Fatal("print --role doctor includes the talking points")
	}
	if err := Persona(&pers, b, "persona-c", PrintOptions{Lang: model.LangVI, Width: 80, Style: PlainStyle, Date: testClock}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Người bệnh mẫu persona-c.", "«Bệnh nhân nói ở checklist.»", "Trả lời tốt ở outcome.", "«Câu nên tránh ở summary.»"} {
		if !strings.Contains(pers.String(), want) {
			t.Errorf("persona script lacks %q", want)
		}
	}
	if err := Persona(&pers, b, "nobody", PrintOptions{Lang: model.LangVI, Width: 80, Style: PlainStyle}); err == nil || !strings.Contains(err.Error(), "persona-a") {
		t.Fatalf("an unknown persona lists the valid ones: %v", err)
	}
}

// TestTrimPaddingKeepsWhatShows renders the real content in both languages,
// several widths and styles, and compares it with Glamour's output trimmed
// the old way (plain trailing spaces only): the same lines, the same visible
// text, and each line a byte-for-byte start of the old one (a closing reset
// aside), so every kept cell keeps its colour.
func TestTrimPaddingKeepsWhatShows(t *testing.T) {
	b := load(t, content.Embedded())
	type look struct {
		style string
		width int
	}
	looks := []look{{StyleDark, 76}, {StyleLight, 38}, {StyleHighDark, 116}, {StyleBoth, 60}, {StyleASCII, 56}, {StyleHighLight, 43}}
	n, before, after := 0, 0, 0
	for _, lang := range model.Langs {
		steps := append(append([]model.StepID{}, model.PageSteps...), groupSteps(b.GroupIDs)...)
		for _, step := range steps {
			md := Page(b, lang, b.Page(lang, step))
			// Each page in one look, the looks in turn: every look meets
			// many pages, in a fraction of the time.
			lk := looks[n%len(looks)]
			n++
			old, now := comparePadding(t, md, lk.style, lk.width)
			before, after = before+old, after+now
		}
	}
	t.Logf("rendered bytes: %d before, %d after (%.1f%% less)", before, after, 100*float64(before-after)/float64(before))
}

// comparePadding renders md both ways and reports both sizes.
func comparePadding(t *testing.T, md, style string, w int) (int, int) {
	t.Helper()
	raw, err := glamourRender(md, w, style)
	if err != nil {
		t.Fatal(err)
	}
	now, err := renderGlamour(md, w, style) // the trim is Glamour's path; the fast path has no padding to trim
	if err != nil {
		t.Fatal(err)
	}
	old := rewrapWide(rejoinClosers(trimLines(raw, func(l string) string { return strings.TrimRight(l, " ") })), w)
	ol, nl := strings.Split(old, "\n"), strings.Split(now, "\n")
	if len(ol) != len(nl) {
		t.Fatalf("%s w=%d: %d lines, were %d\n%s", style, w, len(nl), len(ol), md)
	}
	for i := range ol {
		want := strings.TrimRight(ansi.Strip(ol[i]), " ")
		if got := ansi.Strip(nl[i]); got != want {
			t.Fatalf("%s w=%d line %d: %q, was %q", style, w, i, got, want)
		}
		if !strings.HasPrefix(ol[i], strings.TrimSuffix(nl[i], "\x1b[m")) {
			t.Fatalf("%s w=%d line %d: not the start of the old line:\n%q\n%q", style, w, i, nl[i], ol[i])
		}
	}
	return len(old), len(now)
}

func TestTrimPaddingKeepsVisibleBlanks(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"text   ", "text"},
		{"\x1b[38;2;1;2;3mtext\x1b[m\x1b[38;2;1;2;3m \x1b[m\x1b[38;2;1;2;3m \x1b[m", "\x1b[38;2;1;2;3mtext\x1b[m"},
		{"\x1b[1mtext \x1b[m", "\x1b[1mtext\x1b[m"},
		{"\x1b[44mtext  \x1b[m", "\x1b[44mtext  \x1b[m"},
		{"\x1b[4mlink\x1b[m\x1b[7m \x1b[m", "\x1b[4mlink\x1b[m\x1b[7m \x1b[m"},
		{"\x1b[48;5;4mab \x1b[38;5;1m \x1b[0m ", "\x1b[48;5;4mab \x1b[38;5;1m \x1b[m"},
		{"\x1b]8;;https://x\x07a\x1b]8;;\x07  ", "\x1b]8;;https://x\x07a\x1b]8;;\x07"},
		{"   ", ""},
		{"", ""},
	} {
		if got := trimPadding(tt.in); got != tt.want {
			t.Errorf("trimPadding(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestHandoutPartsRenderTheSameInParallel renders the handout, the real
// one and the small fixture's, with one worker and as Handout does, with
// every core and more: byte for byte the same.
func TestHandoutPartsRenderTheSameInParallel(t *testing.T) {
	real, small := load(t, content.Embedded()), fixtureContent(t)
	for _, c := range []struct {
		b   *content.Bundle
		opt PrintOptions
	}{
		{real, PrintOptions{Lang: model.LangVI, Groups: real.GroupIDs[:1], Width: 80, Style: StyleDark, Date: testClock}},
		{small, PrintOptions{Lang: model.LangEN, Groups: small.GroupIDs, Width: 120, Style: StyleLight, Date: testClock, Role: model.RoleDoctor}},
	} {
		parts := handoutParts(c.b, c.opt)
		serial, err := renderParts(c.b, c.opt, parts, 1)
		if err != nil {
			t.Fatal(err)
		}
		many, err := renderParts(c.b, c.opt, parts, 8)
		if err != nil {
			t.Fatal(err)
		}
		var handout strings.Builder
		if err := Handout(&handout, c.b, c.opt); err != nil {
			t.Fatal(err)
		}
		if many != serial || handout.String() != serial {
			t.Fatalf("%s %s: the handout rendered in parallel differs from the serial one", c.opt.Lang, c.opt.Style)
		}
	}
}

// TestHandoutMarkdownIsTheRenderedText: the Markdown handout has no escape
// sequence, and rendering it shows the words of the printed handout.
func TestHandoutMarkdownIsTheRenderedText(t *testing.T) {
	b := fixtureContent(t)
	opt := PrintOptions{Lang: model.LangEN, Groups: b.GroupIDs, Width: 80, Style: PlainStyle, Date: testClock, Role: model.RoleDoctor}
	var printed, md strings.Builder
	if err := Handout(&printed, b, opt); err != nil {
		t.Fatal(err)
	}
	opt.Markdown = true
	if err := Handout(&md, b, opt); err != nil {
		t.Fatal(err)
	}
	if strings.ContainsRune(md.String(), '\x1b') {
		t.Fatal("the Markdown handout holds escape sequences")
	}
	for _, want := range []string{"# " + b.Page(model.LangEN, model.StepOptions).Title, "### 1. ", "Note for the doctor: what-it-is."} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("the Markdown handout lacks %q", want)
		}
	}
	rendered, err := Render(md.String(), opt.Width, opt.Style)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Fields(rendered), strings.Fields(printed.String()); !slices.Equal(got, want) {
		t.Errorf("the rendered Markdown has %d words, the printed handout %d", len(got), len(want))
	}
}

func TestPlainDropsMarksAndWraps(t *testing.T) {
	got := Plain("## Heading\n\nSome **bold** and *emphasis*, a \\[ \\] box.\n<!-- note -->\n- an item that is long enough to wrap", 20)
	want := "Heading\n\nSome bold and\nemphasis, a [ ] box.\n• an item that is\nlong enough to wrap"
	if got != want {
		t.Fatalf("Plain = %q, want %q", got, want)
	}
}
