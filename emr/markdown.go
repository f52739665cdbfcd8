package emr

import (
	"strconv"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gmext "github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"stemcounsel/doc"
)

// goldmark is the parser glamour already brings in; the PDF lays out its
// tree itself, so headings, lists and tables become real document
// structure rather than Markdown marks.
var markdownParser = goldmark.New(goldmark.WithExtensions(gmext.Table))

const listIndent = 16.0

// markdown lays out a Markdown text. shift moves its headings down, so a
// page's own "##" sits under the title the document gave the page.
func (w *writer) markdown(src string, shift int) {
	source := []byte(src)
	doc := markdownParser.Parser().Parse(text.NewReader(source))
	w.blocks(doc, source, shift, 0)
}

func (w *writer) blocks(parent ast.Node, src []byte, shift int, indent float64) {
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		w.node(n, src, shift, indent)
	}
}

func (w *writer) node(n ast.Node, src []byte, shift int, indent float64) {
	switch n := n.(type) {
	case *ast.Heading:
		w.heading(min(n.Level+shift, 4), plain(inlines(n, src, regular)))
	case *ast.Paragraph, *ast.TextBlock:
		w.para(inlines(n, src, regular), block{indent: indent, before: 5})
	case *ast.List:
		w.list(n, src, shift, indent)
	case *ast.Blockquote:
		w.blocks(n, src, shift, indent+listIndent)
	case *ast.FencedCodeBlock:
		if string(n.Language(src)) == doc.ChartBlock && len(w.charts) > 0 {
			w.chart(w.charts[0])
			w.charts = w.charts[1:]
			return
		}
		w.preformatted(codeText(n, src), indent)
	case *ast.CodeBlock:
		w.preformatted(codeText(n, src), indent)
	case *ast.ThematicBreak:
		w.gap(6)
		w.pdf.SetLineWidth(0.5)
		w.pdf.Line(margin+indent, w.y, margin+w.width(), w.y)
		w.gap(6)
	case *east.Table:
		w.markdownTable(n, src)
	case *ast.HTMLBlock:
		// Content files use HTML only for comments and section markers.
	default:
		w.blocks(n, src, shift, indent)
	}
}

func (w *writer) list(l *ast.List, src []byte, shift int, indent float64) {
	number := l.Start
	for item := l.FirstChild(); item != nil; item = item.NextSibling() {
		marker := "•"
		if l.IsOrdered() {
			marker = strconv.Itoa(number) + "."
			number++
		}
		first := true
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Paragraph, *ast.TextBlock:
				b := block{indent: indent + listIndent, before: 2}
				if first {
					b.marker = marker
				}
				w.para(inlines(c, src, regular), b)
			case *ast.List:
				w.list(c, src, shift, indent+listIndent)
			default:
				w.node(c, src, shift, indent+listIndent)
			}
			first = false
		}
	}
}

func (w *writer) markdownTable(t *east.Table, src []byte) {
	var header []string
	var rows [][]string
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells []string
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, plain(inlines(c, src, regular)))
		}
		if _, ok := r.(*east.TableHeader); ok {
			header = cells
		} else {
			rows = append(rows, cells)
		}
	}
	weights := make([]float64, len(header))
	for i := range weights {
		weights[i] = 1
	}
	w.table(header, rows, weights, bodySize-1)
}

// inlines flattens a block's inline children into runs of one face.
func inlines(n ast.Node, src []byte, f face) []run {
	var out []run
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			t := string(util.UnescapePunctuations(c.Segment.Value(src))) // typed text comes escaped
			switch {
			case c.HardLineBreak():
				t += "\n"
			case c.SoftLineBreak():
				t += " "
			}
			out = append(out, run{t, f})
		case *ast.String:
			out = append(out, run{string(c.Value), f})
		case *ast.Emphasis:
			inner := italic
			if c.Level >= 2 || f == italic {
				inner = bold
			}
			out = append(out, inlines(c, src, inner)...)
		case *ast.CodeSpan:
			out = append(out, inlines(c, src, f)...)
		case *ast.AutoLink:
			out = append(out, run{string(c.URL(src)), f})
		case *ast.RawHTML:
			// comments and tags carry no patient text
		default:
			out = append(out, inlines(c, src, f)...)
		}
	}
	return out
}

func plain(runs []run) string {
	var b strings.Builder
	for _, r := range runs {
		b.WriteString(r.text)
	}
	return strings.TrimSpace(b.String())
}

func codeText(n ast.Node, src []byte) string {
	var b strings.Builder
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		b.Write(seg.Value(src))
	}
	return strings.TrimRight(b.String(), "\n")
}

// markdownRuns reads inline Markdown (bold, italic) of one paragraph.
func markdownRuns(s string) []run {
	src := []byte(s)
	doc := markdownParser.Parser().Parse(text.NewReader(src))
	var out []run
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if len(out) > 0 {
			out = append(out, run{" ", regular})
		}
		out = append(out, inlines(n, src, regular)...)
	}
	return out
}

// plainMarkdown is inline Markdown without its marks, for table cells.
func plainMarkdown(s string) string { return plain(markdownRuns(s)) }
