package content

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"stemcounsel/model"
)

// A figure block in a page draws "x in 100" as icon arrays, one 10x10 grid
// per group, side by side, with the same numbers in words:
//
//	```figure
//	title: Deaths within 2 years
//	kind: randomised
//	group: Given cells; 3; 100
//	group: Not given cells; 4; 100
//	time: 2 years
//	source: BAMI trial, 375 people
//	certainty: one trial; no real difference
//	words: About 3 in 100 people given cells died within 2 years; about 4 in 100 without them.
//	```
//
// Only a randomised two-group comparison or a harm is drawn: a single
// uncontrolled percentage would mislead.

// Figure is one icon-array figure.
type Figure struct {
	Title, Kind, Time, Source, Certainty, Words string
	Groups                                      []FigureGroup
	Line                                        int // of the opening fence
}

// FigureGroup is one group of a figure: how many of how many.
type FigureGroup struct {
	Label        string
	Count, Total int
}

// FigureKinds are the figures that may be drawn.
var FigureKinds = []string{"randomised", "harm"}

const figureDenominator = 100

var figureFence = regexp.MustCompile("^\\s*```figure\\s*$")

// figures reads a page's figure blocks, each with the problems it has.
func (p *Page) figures() ([]Figure, Problems) {
	var out []Figure
	var probs Problems
	for i := 0; i < len(p.lines); i++ {
		if !figureFence.MatchString(p.lines[i]) {
			continue
		}
		f := Figure{Line: i + 1}
		closed := false
		for i++; i < len(p.lines); i++ {
			line := strings.TrimSpace(p.lines[i])
			if strings.HasPrefix(line, "```") {
				closed = true
				break
			}
			if line == "" {
				continue
			}
			key, val, ok := strings.Cut(line, ":")
			val = strings.TrimSpace(val)
			switch key = strings.TrimSpace(key); {
			case !ok:
				probs.add(p.File, i+1, "figure line must be \"key: value\"")
			case key == "group":
				g, err := parseFigureGroup(val)
				if err != nil {
					probs.add(p.File, i+1, "figure group: %v", err)
				}
				f.Groups = append(f.Groups, g)
			default:
				field := map[string]*string{"title": &f.Title, "kind": &f.Kind, "time": &f.Time, "source": &f.Source, "certainty": &f.Certainty, "words": &f.Words}[key]
				if field == nil {
					probs.add(p.File, i+1, "unknown figure key %q (known: title, kind, group, time, source, certainty, words)", key)
					continue
				}
				*field = val
			}
		}
		if !closed {
			probs.add(p.File, f.Line, "figure block not closed with ```")
		}
		probs = append(probs, f.check(p.File)...)
		out = append(out, f)
	}
	return out, probs
}

func parseFigureGroup(s string) (FigureGroup, error) {
	parts := strings.Split(s, ";")
	if len(parts) != 3 {
		return FigureGroup{}, fmt.Errorf("write \"label; count; out of\", e.g. \"Given cells; 3; 100\"")
	}
	g := FigureGroup{Label: strings.TrimSpace(parts[0])}
	var err1, err2 error
	g.Count, err1 = strconv.Atoi(strings.TrimSpace(parts[1]))
	g.Total, err2 = strconv.Atoi(strings.TrimSpace(parts[2]))
	if err1 != nil || err2 != nil || g.Label == "" {
		return g, fmt.Errorf("%q: a label, then two whole numbers", s)
	}
	return g, nil
}

// check refuses a figure that would mislead or cannot be read.
func (f Figure) check(file string) Problems {
	var probs Problems
	bad := func(format string, args ...any) { probs.add(file, f.Line, format, args...) }
	switch f.Kind {
	case "randomised":
		if len(f.Groups) != 2 {
			bad("a randomised figure compares exactly two groups (it has %d): a single uncontrolled percentage is never drawn", len(f.Groups))
		}
	case "harm":
		if len(f.Groups) < 1 || len(f.Groups) > 2 {
			bad("a harm figure has one or two groups (it has %d)", len(f.Groups))
		}
	default:
		bad("figure kind %q: only %s figures are drawn", f.Kind, strings.Join(FigureKinds, " or "))
	}
	for _, g := range f.Groups {
		if g.Total != figureDenominator {
			bad("group %q is out of %d: every group of a figure is out of %d, so they compare", g.Label, g.Total, figureDenominator)
		}
		if g.Count < 0 || g.Count > g.Total {
			bad("group %q: %d is not between 0 and %d", g.Label, g.Count, g.Total)
		}
		if g.Total == figureDenominator && !strings.Contains(f.Words, strconv.Itoa(g.Count)) {
			bad("the words must give each group's number (%d for %q)", g.Count, g.Label)
		}
	}
	if f.Title == "" || f.Source == "" || f.Time == "" || f.Words == "" || f.Certainty == "" {
		bad("a figure needs a title, a source with the trial's size, a time frame, the words and how sure the result is (title, source, time, words, certainty)")
	}
	return probs
}

// checkFigures validates every figure and that both languages draw the same
// numbers on the same page.
func checkFigures(b *Bundle) Problems {
	var probs Problems
	first := b.Langs[model.Langs[0]]
	for _, lang := range model.Langs {
		for _, p := range b.Langs[lang].all() {
			figs, fp := p.figures()
			probs = append(probs, fp...)
			if lang == model.Langs[0] {
				continue
			}
			other := first.samePage(p)
			if other == nil {
				continue
			}
			want, _ := other.figures()
			if !sameNumbers(figs, want) {
				probs.add(p.File, 0, "its figures must draw the same kinds and numbers as %s", other.File)
			}
		}
	}
	return probs
}

func sameNumbers(a, b []Figure) bool {
	return slices.EqualFunc(a, b, func(x, y Figure) bool {
		return x.Kind == y.Kind && slices.EqualFunc(x.Groups, y.Groups, func(g, h FigureGroup) bool {
			return g.Count == h.Count && g.Total == h.Total
		})
	})
}

// samePage finds the page of this set with the same kind and id as p.
func (s *Set) samePage(p *Page) *Page {
	for _, m := range []map[string]*Page{s.Pages, s.Groups, s.Checklist, s.Quiz, s.Personas} {
		if q := m[p.ID]; q != nil && strings.SplitN(q.File, "/", 2)[1] == strings.SplitN(p.File, "/", 2)[1] {
			return q
		}
	}
	return nil
}

// drawFigures replaces each figure block of a text with its drawing: a
// fenced block (so every renderer keeps the columns) and the words.
func drawFigures(text string, lang model.Lang) string {
	if !strings.Contains(text, "```figure") {
		return text
	}
	lines := strings.Split(text, "\n")
	p := &Page{lines: lines}
	figs, _ := p.figures()
	var out []string
	n := 0
	for i := 0; i < len(lines); i++ {
		if !figureFence.MatchString(lines[i]) {
			out = append(out, lines[i])
			continue
		}
		for i++; i < len(lines) && !strings.HasPrefix(strings.TrimSpace(lines[i]), "```"); i++ {
		}
		out = append(out, figs[n].Markdown(lang))
		n++
	}
	return strings.Join(out, "\n")
}

// figureLetter names a figure's i-th group: A, B, C...
func figureLetter(i int) string { return string(rune('A' + i)) }

// Icon glyphs: filled and empty differ in shape, not only colour.
const iconFilled, iconEmpty = "●", "○"

// figureWords is the fixed wording around a figure.
var figureWords = map[model.Lang]struct{ Legend, In string }{
	model.LangVI: {"Mỗi %s là một người trong 100 người: %s. Mỗi %s là một người không gặp điều đó.", "trên"},
	model.LangEN: {"Each %s is one person in 100: %s. Each %s is one person without it.", "in"},
}

// Markdown draws the figure: its title, the grids side by side under the
// letters A and B, a legend, the words, and the time frame, source and
// certainty. Each grid is 10 characters wide, so two fit any screen the
// app runs on.
func (f Figure) Markdown(lang model.Lang) string {
	w := figureWords[lang]
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n```\n", f.Title)
	head := make([]string, len(f.Groups))
	for i := range f.Groups {
		// A, B; a third group is refused by the checks, but drawing comes
		// first when a page is checked, and must not fail.
		head[i] = figureLetter(i) + strings.Repeat(" ", 9)
	}
	b.WriteString(strings.TrimRight(strings.Join(head, "   "), " ") + "\n")
	for row := range 10 {
		cells := make([]string, len(f.Groups))
		for i, g := range f.Groups {
			var r strings.Builder
			for col := range 10 {
				if row*10+col < g.Count {
					r.WriteString(iconFilled)
				} else {
					r.WriteString(iconEmpty)
				}
			}
			cells[i] = r.String()
		}
		b.WriteString(strings.Join(cells, "   ") + "\n")
	}
	b.WriteString("```\n\n")
	for i, g := range f.Groups {
		fmt.Fprintf(&b, "- **%s**: %s, %d %s %d\n", figureLetter(i), g.Label, g.Count, w.In, g.Total)
	}
	fmt.Fprintf(&b, "\n"+w.Legend+"\n\n%s\n\n*%s · %s · %s*\n", iconFilled, strings.ToLower(f.Title), iconEmpty, f.Words, f.Time, f.Source, f.Certainty)
	return b.String()
}
