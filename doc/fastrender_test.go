package doc

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

var fidelityWidths = []int{20, 30, 40, 60, 76, 80, 100, 120}

// TestFastRenderMatchesGlamour: every document doc makes, at every width,
// reads the same by the fast path as by Glamour and Render's clean-up: the
// same text, line for line, and each character in dark and light the same
// colour, weight, slant and underline as Glamour drew it (a word the
// clean-up moves keeps its own colour). The fast path takes every one of
// them. Glamour is slow, so each document is drawn in one style at one
// width, both in turn, every style meeting every width on several
// documents (under the race detector every fourth document);
// STEMCOUNSEL_FIDELITY=full draws each in every style at every width.
func TestFastRenderMatchesGlamour(t *testing.T) {
	docs := renderCorpus(t)
	full := os.Getenv("STEMCOUNSEL_FIDELITY") == "full"
	renders := 0
	all := RenderStyles()
	for n, d := range docs {
		styles, widths := all, fidelityWidths
		if !full {
			if raceEnabled && n%4 != 0 {
				continue
			}
			styles = all[n%len(all) : n%len(all)+1]
			widths = fidelityWidths[n/len(all)%len(fidelityWidths):][:1]
		}
		for _, style := range styles {
			for _, w := range widths {
				renders++
				if msg := compareWithGlamour(d.md, w, style, style == StyleDark || style == StyleLight); msg != "" {
					t.Fatalf("%s %s w=%d: %s\n%s", d.name, style, w, msg, d.md)
				}
			}
		}
	}
	t.Logf("%d documents, %d renders compared", len(docs), renders)
}

// TestFastRenderTakesItsConstructs: Markdown the content does not hold
// today but the fast path takes (a comment, numbering from 0 or 7, three
// levels of lists, loose items, hard breaks, entities and escapes, a code
// block, an empty heading) reads as Glamour draws it.
func TestFastRenderTakesItsConstructs(t *testing.T) {
	for _, md := range []string{
		"<!-- a note for the writer -->\n\nText after a comment.\n\n<!--\nover\nlines\n-->\n# Title",
		"0. zero\n1. one\n\n7. seven\n8. eight",
		"- one\n  - two\n    - three, long enough to wrap at a narrow width, on and on\n  - two again\n- one again\n  1. numbered inside",
		"- loose item\n\n- another loose item\n\n  with a second paragraph",
		"A line with a hard break  \nand a soft\nbreak, &amp; &lt;entities&gt; \\*escaped\\* \\[ \\] \\: \\\\",
		"Before.\n\n```\n  ●●○○ a figure\n○○○○ ---.--- \\* kept\n```\n\nAfter.\n\n    indented code",
		"#\n\n## **Strong** and *soft* heading\n### Then a third",
	} {
		if _, ok := fastRender(md, 40, StyleDark); !ok {
			t.Errorf("the fast path refused:\n%s", md)
		}
		for _, style := range RenderStyles() {
			for _, w := range []int{20, 40, 80} {
				if msg := compareWithGlamour(md, w, style, true); msg != "" {
					t.Errorf("%s w=%d: %s\n%s", style, w, msg, md)
				}
			}
		}
	}
}

// TestFastRenderLeavesTheRestToGlamour: a document with anything else, as
// a clinic's own Markdown may have, is drawn by Glamour, the same as before.
func TestFastRenderLeavesTheRestToGlamour(t *testing.T) {
	for _, md := range []string{
		"A [link](https://example.org) here.",
		"| a | b |\n|---|---|\n| 1 | 2 |",
		"> a quote",
		"Some `code` inline.",
		"Above\n\n---\n\nBelow",
		"~~struck~~",
		"- [ ] a task",
		"![an image](x.png)",
		"***strong and soft at once***",
		"Inline <b>HTML</b>.",
		"<div>a block</div>",
		"Setext heading\nover two lines\n===",
		"- item\n\n  > a quote in an item",
		"A bare https://example.org link.",
		"Term\n: a definition",
		"Tab\there",
	} {
		if _, ok := fastRender(md, 60, StyleDark); ok {
			t.Errorf("the fast path took:\n%s", md)
		}
		got, err := Render(md, 60, StyleDark)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := renderGlamour(md, 60, StyleDark); got != want {
			t.Errorf("not Glamour's drawing:\n%s", md)
		}
	}
}

// compareWithGlamour draws md both ways and says how they differ: the
// text, and withCells how each character is drawn; "" when they agree.
func compareWithGlamour(md string, w int, style string, withCells bool) string {
	got, ok := fastRender(md, w, style)
	if !ok {
		return "the fast path refused it"
	}
	raw, err := glamourRender(md, w, style)
	if err != nil {
		return err.Error()
	}
	drawn := trimBlankLines(raw)
	if msg := sameText(rewrapWide(rejoinClosers(drawn), w), got); msg != "" || !withCells {
		return msg
	}
	return sameCells(drawn, got)
}

// sameText compares what two renders show: the lines, stripped of escape
// sequences and of blanks at their ends.
func sameText(want, got string) string {
	wl, gl := visibleLines(want), visibleLines(got)
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d is %q, Glamour's %q\nfast:\n%s\nglamour:\n%s", i, g, w, strings.Join(gl, "\n"), strings.Join(wl, "\n"))
		}
	}
	return ""
}

func visibleLines(s string) []string {
	lines := strings.Split(ansi.Strip(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return lines
}

// cell is a printed character and how it is drawn.
type cell struct {
	r                       rune
	fg                      string
	bold, italic, underline bool
}

// sameCells compares how each printed character other than a blank is
// drawn.
func sameCells(want, got string) string {
	wc, gc := cells(want), cells(got)
	for i := range min(len(wc), len(gc)) {
		if wc[i] != gc[i] {
			return fmt.Sprintf("character %d %q is drawn %+v, by Glamour %+v", i, gc[i].r, gc[i], wc[i])
		}
	}
	if len(wc) != len(gc) {
		return fmt.Sprintf("%d characters, Glamour %d", len(gc), len(wc))
	}
	return ""
}

// cells reads the characters other than blanks and the colour codes in
// force at each.
func cells(s string) []cell {
	var out []cell
	var pen cell
	for i := 0; i < len(s); {
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == ']' { // a link: to its terminator
			end := strings.IndexAny(s[i:], "\a\x07")
			i += max(end+1, 2)
			continue
		}
		if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '[' {
			end := i + 2
			for end < len(s) && (s[end] < 0x40 || s[end] > 0x7e) {
				end++
			}
			if end < len(s) && s[end] == 'm' {
				pen = applySGR(pen, strings.Split(s[i+2:end], ";"))
			}
			i = end + 1
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if !unicode.IsSpace(r) {
			c := pen
			c.r = r
			out = append(out, c)
		}
	}
	return out
}

func applySGR(pen cell, params []string) cell {
	for j := 0; j < len(params); j++ {
		switch p := params[j]; p {
		case "", "0":
			pen = cell{}
		case "1":
			pen.bold = true
		case "22":
			pen.bold = false
		case "3":
			pen.italic = true
		case "23":
			pen.italic = false
		case "4":
			pen.underline = true
		case "24":
			pen.underline = false
		case "39":
			pen.fg = ""
		case "38":
			n := 3
			if j+1 < len(params) && params[j+1] == "2" {
				n = 5
			}
			pen.fg = strings.Join(params[j:min(len(params), j+n)], ";")
			j += n - 1
		default:
			pen.fg += "?" + p // anything else shows as a difference
		}
	}
	return pen
}

// TestNarrowRunesAreOneCell: the characters the fast path measures itself
// are one cell wide to x/ansi and end their grapheme cluster.
func TestNarrowRunesAreOneCell(t *testing.T) {
	for _, rg := range narrowRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if w := ansi.StringWidth(string(r)); w != 1 {
				t.Errorf("%U is %d cells wide", r, w)
			}
			for _, next := range []rune{'a', 'ạ', 'é', '’', '●', r} {
				if c, _ := ansi.FirstGraphemeCluster(string(r)+string(next), ansi.GraphemeWidth); c != string(r) {
					t.Errorf("%U joins %U in one cluster", r, next)
				}
			}
		}
	}
}
