package emr

import (
	"bytes"
	_ "embed"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"stemcounsel/content"
	"stemcounsel/doc"
)

// The embedded faces are DejaVu Sans cut down to the Latin, Vietnamese and
// symbol ranges the app writes; see fonts/README.md.
var (
	//go:embed fonts/DejaVuSans.ttf
	fontRegular []byte
	//go:embed fonts/DejaVuSans-Bold.ttf
	fontBold []byte
	//go:embed fonts/DejaVuSans-Oblique.ttf
	fontItalic []byte
)

const fontFamily = "DejaVuSans"

// Paper is a page size.
type Paper string

// The paper sizes offered. A4 is what Vietnamese clinics print on.
const (
	A4     Paper = "a4"
	Letter Paper = "letter"
)

// ParsePaper accepts a paper name and names the valid ones otherwise.
func ParsePaper(s string) (Paper, error) {
	switch p := Paper(strings.ToLower(s)); p {
	case A4, Letter:
		return p, nil
	}
	return "", fmt.Errorf("unknown paper %q (valid: a4, letter)", s)
}

func (p Paper) size() gopdf.Rect {
	if p == Letter {
		return *gopdf.PageSizeLetter
	}
	return *gopdf.PageSizeA4
}

type face int

const (
	regular face = iota
	bold
	italic
)

var faceStyles = [...]string{regular: "", bold: "B", italic: "I"}

// run is text in one face.
type run struct {
	text string
	face face
}

// Sizes in points.
const (
	margin     = 56.0 // about 2 cm
	bodySize   = 10.5
	smallSize  = 8.5
	footerRoom = 34.0 // two footer lines and a rule
	headerRoom = 18.0 // the training banner
	leading    = 1.38 // line height over font size
)

// writer lays out flowing text on pages and keeps the first error.
type writer struct {
	pdf    *gopdf.GoPdf
	page   gopdf.Rect
	top    float64 // where text starts on a page
	bottom float64 // where it must stop
	y      float64
	pages  int
	err    error
	glyphs map[rune]bool
	widths map[measured]float64
	font   measured    // the face and size set last
	charts []doc.Chart // drawn in place of the follow-up's text charts, in order
}

// newWriter starts a document. banner, when set, is drawn at the top of
// every page (training records), so it reserves room there.
func newWriter(paper Paper, info gopdf.PdfInfo, banner bool) (*writer, error) {
	pdf := &gopdf.GoPdf{}
	size := paper.size()
	pdf.Start(gopdf.Config{PageSize: size, Unit: gopdf.UnitPT})
	pdf.SetCompressLevel(6)
	pdf.SetInfo(info)
	for _, f := range []struct {
		data  []byte
		style int
	}{{fontRegular, gopdf.Regular}, {fontBold, gopdf.Bold}, {fontItalic, gopdf.Italic}} {
		opt := gopdf.TtfOption{Style: f.style, OnGlyphNotFoundSubstitute: func(rune) rune { return '?' }}
		if err := pdf.AddTTFFontDataWithOption(fontFamily, f.data, opt); err != nil {
			return nil, fmt.Errorf("loading the embedded font: %w", err)
		}
	}
	w := &writer{pdf: pdf, page: size, top: margin, bottom: size.H - margin - footerRoom, glyphs: map[rune]bool{}, widths: map[measured]float64{}}
	if banner {
		w.top += headerRoom
	}
	w.setFont(regular, bodySize) // clean asks the current font for glyphs
	w.newPage()
	return w, nil
}

func (w *writer) width() float64 { return w.page.W - 2*margin }

func (w *writer) newPage() {
	w.pdf.AddPage()
	w.pages++
	w.y = w.top
}

func (w *writer) fail(err error) {
	if err != nil && w.err == nil {
		w.err = err
	}
}

func (w *writer) setFont(f face, size float64) {
	if w.font.face == f && w.font.size == size {
		return
	}
	w.font = measured{face: f, size: size}
	w.fail(w.pdf.SetFont(fontFamily, faceStyles[f], size))
}

// pictographs the content uses as markers, drawn with a glyph the font has.
// The follow-up legend's window mark is a dotted vertical line.
var pictographs = map[rune]rune{'❗': '!', '📌': '•', '┊': '⋮'}

// clean makes text safe to draw: composed (NFC) so Vietnamese letters are
// single glyphs, control characters as spaces, and a visible "?" for a
// character the font lacks, rather than a silent gap.
func (w *writer) clean(s string) string {
	s = content.NFC(s)
	return strings.Map(func(r rune) rune {
		if p, ok := pictographs[r]; ok {
			return p
		}
		switch {
		case unicode.IsControl(r):
			return ' '
		case unicode.Is(unicode.Variation_Selector, r) || r == '\u200d':
			return -1 // emoji presentation marks draw nothing
		}
		has, ok := w.glyphs[r]
		if !ok {
			has, _ = w.pdf.IsCurrFontContainGlyph(r)
			w.glyphs[r] = has
		}
		if !has {
			return '?'
		}
		return r
	}, s)
}

type measured struct {
	text string
	face face
	size float64
}

// measure is a text's width; words repeat, and the library looks glyphs up
// one by one, so widths are kept.
func (w *writer) measure(s string, f face, size float64) float64 {
	key := measured{s, f, size}
	if width, ok := w.widths[key]; ok {
		return width
	}
	w.setFont(f, size)
	width, err := w.pdf.MeasureTextWidth(s)
	w.fail(err)
	w.widths[key] = width
	return width
}

// piece is text placed on a line, at x from the line's start.
type piece struct {
	text string
	face face
	x    float64
}

type word struct {
	text       string
	face       face
	spaceAfter bool
	breakAfter bool // a hard line break follows
}

func splitWords(runs []run) []word {
	var out []word
	for _, r := range runs {
		for i, line := range strings.Split(r.text, "\n") {
			if i > 0 && len(out) > 0 {
				out[len(out)-1].breakAfter = true
			}
			if strings.HasPrefix(line, " ") && len(out) > 0 {
				out[len(out)-1].spaceAfter = true
			}
			fields := strings.Fields(line)
			for j, f := range fields {
				out = append(out, word{text: f, face: r.face, spaceAfter: j < len(fields)-1 || strings.HasSuffix(line, " ")})
			}
		}
	}
	return out
}

// wrap breaks runs into lines no wider than width. Words keep their
// spacing, runs of one face on a line become one piece so the text copies
// as it reads, and a word wider than the line is cut between letters.
func (w *writer) wrap(runs []run, size, width float64) [][]piece {
	for i := range runs {
		runs[i].text = w.clean(runs[i].text)
	}
	var lines [][]piece
	var line []piece
	x := 0.0
	flush := func() {
		lines = append(lines, line)
		line, x = nil, 0
	}
	place := func(text string, f face, advance float64, space bool) {
		if n := len(line); n > 0 && line[n-1].face == f {
			line[n-1].text += text
		} else {
			line = append(line, piece{text: text, face: f, x: x})
		}
		x += advance
		if space {
			line[len(line)-1].text += " "
			x += w.measure(" ", f, size)
		}
	}
	for _, tok := range splitWords(runs) {
		ww := w.measure(tok.text, tok.face, size)
		if x > 0 && x+ww > width {
			trimLine(line)
			flush()
		}
		for ww > width { // cut a word longer than a line
			cut := fitRunes(tok.text, func(s string) bool { return w.measure(s, tok.face, size) <= width })
			place(tok.text[:cut], tok.face, w.measure(tok.text[:cut], tok.face, size), false)
			flush()
			tok.text = tok.text[cut:]
			ww = w.measure(tok.text, tok.face, size)
		}
		place(tok.text, tok.face, ww, tok.spaceAfter)
		if tok.breakAfter {
			trimLine(line)
			flush()
		}
	}
	if len(line) > 0 || len(lines) == 0 {
		trimLine(line)
		flush()
	}
	return lines
}

func trimLine(line []piece) {
	if n := len(line); n > 0 {
		line[n-1].text = strings.TrimRight(line[n-1].text, " ")
	}
}

// fitRunes is the longest prefix (in bytes, at a rune boundary, at least
// one rune) that fits.
func fitRunes(s string, fits func(string) bool) int {
	_, best := utf8.DecodeRuneInString(s)
	for i := range s {
		if i > best && !fits(s[:i]) {
			return best
		}
		if i > best {
			best = i
		}
	}
	if fits(s) {
		return len(s)
	}
	return best
}

func lineHeight(size float64) float64 { return math.Round(size*leading*100) / 100 }

// ensure starts a new page unless h points fit below.
func (w *writer) ensure(h float64) {
	if w.y+h > w.bottom && w.y > w.top {
		w.newPage()
	}
}

func (w *writer) drawLine(line []piece, x0, y, size float64) {
	for _, p := range line {
		w.setFont(p.face, size)
		w.pdf.SetXY(x0+p.x, y)
		w.fail(w.pdf.Cell(nil, p.text))
	}
}

// block is one paragraph's style.
type block struct {
	size   float64
	indent float64
	before float64 // space above
	marker string  // list bullet or number, hung left of the indent
	keep   int     // lines that must follow on the same page (headings)
}

// para writes flowing text, breaking pages between lines.
func (w *writer) para(runs []run, b block) {
	if b.size == 0 {
		b.size = bodySize
	}
	lh := lineHeight(b.size)
	x := margin + b.indent
	lines := w.wrap(runs, b.size, w.width()-b.indent)
	if w.y > w.top {
		w.y += b.before
	}
	w.ensure(lh * float64(1+b.keep))
	for i, line := range lines {
		w.ensure(lh)
		if i == 0 && b.marker != "" {
			m := w.clean(b.marker)
			w.drawLine([]piece{{text: m}}, x-w.measure(m+" ", regular, b.size), w.y, b.size)
		}
		w.drawLine(line, x, w.y, b.size)
		w.y += lh
	}
}

func (w *writer) heading(level int, text string) {
	sizes := map[int]float64{1: 17, 2: 13.5, 3: 11.5}
	size, ok := sizes[level]
	if !ok {
		size = bodySize
	}
	w.para([]run{{text, bold}}, block{size: size, before: size * 0.9, keep: 2})
	w.y += size * 0.25
}

// gap adds vertical space, never at the top of a page.
func (w *writer) gap(h float64) {
	if w.y > w.top {
		w.y = math.Min(w.y+h, w.bottom)
	}
}

// boxes draws answer boxes to tick by hand, in one row that wraps.
func (w *writer) boxesFor(labels []string, indent float64) {
	lh := lineHeight(bodySize)
	side := bodySize * 0.95
	x := margin + indent
	w.gap(3)
	w.ensure(lh + 4)
	for _, l := range labels {
		l = w.clean(l)
		wd := side + 5 + w.measure(l, regular, bodySize) + 22
		if x > margin+indent && x+wd > margin+w.width() {
			x = margin + indent
			w.y += lh + 4
			w.ensure(lh + 4)
		}
		w.pdf.SetLineWidth(0.8)
		w.pdf.RectFromUpperLeftWithStyle(x, w.y+1, side, side, "D")
		w.drawLine([]piece{{text: l}}, x+side+5, w.y, bodySize)
		x += wd
	}
	w.y += lh + 4
}

// preformatted draws lines as they are, spaces kept, such as the icon
// arrays of a figure; a line too wide for the page wraps.
func (w *writer) preformatted(text string, indent float64) {
	lh := lineHeight(bodySize)
	w.gap(4)
	for _, l := range strings.Split(text, "\n") {
		l = w.clean(l)
		if w.measure(l, regular, bodySize) > w.width()-indent {
			w.para([]run{{l, regular}}, block{indent: indent})
			continue
		}
		w.ensure(lh)
		w.drawLine([]piece{{text: l}}, margin+indent, w.y, bodySize)
		w.y += lh
	}
	w.gap(4)
}

// writeLine is a rule to write on by hand, after a label.
func (w *writer) writeLine(label string, indent float64) {
	lh := lineHeight(bodySize)
	w.ensure(lh + 6)
	x := margin + indent
	l := w.clean(label)
	w.drawLine([]piece{{text: l, face: italic}}, x, w.y, bodySize)
	start := x + w.measure(l, italic, bodySize) + 6
	w.pdf.SetLineWidth(0.5)
	w.pdf.Line(start, w.y+bodySize, margin+w.width(), w.y+bodySize)
	w.y += lh + 6
}

// table draws a grid whose columns share the page width by weight. The
// header row repeats on each page, and a row taller than the space left is
// split across pages, so no cell is ever cut off.
func (w *writer) table(header []string, rows [][]string, weights []float64, size float64) {
	const pad = 3.0
	lh := lineHeight(size)
	total := 0.0
	for _, wt := range weights {
		total += wt
	}
	widths := make([]float64, len(weights))
	for i, wt := range weights {
		widths[i] = w.width() * wt / total
	}
	cells := func(texts []string, f face) [][][]piece {
		out := make([][][]piece, len(texts))
		for i, t := range texts {
			out[i] = w.wrap([]run{{t, f}}, size, widths[i]-2*pad)
		}
		return out
	}
	head := cells(header, bold)
	drawRow := func(row [][][]piece, top float64, lines int, from []int) {
		x := margin
		for i, cell := range row {
			for j := 0; j < lines && from[i]+j < len(cell); j++ {
				w.drawLine(cell[from[i]+j], x+pad, top+pad+float64(j)*lh, size)
			}
			w.pdf.SetLineWidth(0.5)
			w.pdf.RectFromUpperLeftWithStyle(x, top, widths[i], float64(lines)*lh+2*pad, "D")
			x += widths[i]
		}
	}
	rowLines := func(row [][][]piece, from []int) int {
		n := 0
		for i, c := range row {
			n = max(n, len(c)-from[i])
		}
		return n
	}
	putHeader := func() {
		n := rowLines(head, make([]int, len(head)))
		drawRow(head, w.y, n, make([]int, len(head)))
		w.y += float64(n)*lh + 2*pad
	}
	w.gap(4)
	w.ensure(3*lh + 4*pad)
	putHeader()
	for _, r := range rows {
		row := cells(r, regular)
		row[0] = cells(r[:1], bold)[0]
		from := make([]int, len(row))
		for left := rowLines(row, from); left > 0; left = rowLines(row, from) {
			room := int((w.bottom - w.y - 2*pad) / lh)
			if room < min(left, 2) {
				w.newPage()
				putHeader()
				continue
			}
			n := min(left, room)
			drawRow(row, w.y, n, from)
			w.y += float64(n)*lh + 2*pad
			for i := range from {
				from[i] += n
			}
		}
	}
	w.gap(4)
}

// finish draws the banner and footer on every page, now that the page
// count is known, and returns the file.
func (w *writer) finish(banner string, footer func(page, pages int) [2]string) ([]byte, error) {
	for p := 1; p <= w.pages; p++ {
		w.fail(w.pdf.SetPage(p))
		if banner != "" {
			w.setFont(bold, smallSize+1)
			w.pdf.SetFillColor(230, 230, 230)
			w.pdf.RectFromUpperLeftWithStyle(margin, margin-6, w.width(), headerRoom, "F")
			w.pdf.SetFillColor(0, 0, 0)
			w.drawLine([]piece{{text: w.clean(banner), face: bold}}, margin+4, margin-3, smallSize+1)
		}
		lines := footer(p, w.pages)
		y := w.page.H - margin - footerRoom + 10
		w.pdf.SetLineWidth(0.5)
		w.pdf.Line(margin, y, margin+w.width(), y)
		for i, l := range lines {
			// A footer line too wide for the page gets a smaller size
			// rather than losing words.
			l = w.clean(l)
			size := smallSize
			for size > 5 && w.measure(l, regular, size) > w.width() {
				size -= 0.5
			}
			w.drawLine([]piece{{text: l}}, margin, y+4+float64(i)*lineHeight(smallSize), size)
		}
	}
	if w.err != nil {
		return nil, w.err
	}
	var buf bytes.Buffer
	if err := w.pdf.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// info is the document's properties: fixed times, so the same record
// makes the same file.
func info(title, creator string, at time.Time) gopdf.PdfInfo {
	return gopdf.PdfInfo{Title: title, Creator: creator, Producer: creator, CreationDate: at}
}
