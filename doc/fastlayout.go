package doc

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// wrapStyled is x/ansi's Wrap, which Glamour's writers use, on styled
// text: the same breaks, each byte keeping its style. Wrap works line by
// line and leaves a line that fits as it is, so only longer lines are
// walked.
func wrapStyled(in *styled, limit int, bps string) *styled {
	out := &styled{b: make([]byte, 0, len(in.b)+len(in.b)/16), s: make([]uint8, 0, len(in.b)+len(in.b)/16)}
	for i, l := range splitStyled(in) {
		if i > 0 {
			out.add("\n", 0)
		}
		if limit < 1 || len(l.b) <= limit || textWidth(l.b) <= limit {
			out.addFrom(&l, 0, len(l.b))
		} else {
			wrapLine(out, &l, 0, len(l.b), limit, bps)
		}
	}
	return out
}

// textWidth is x/ansi's StringWidth, without its grapheme segmentation
// for the letters and marks of Vietnamese and English text.
func textWidth(b []byte) int {
	w := 0
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			w, i = w+1, i+1
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if !narrow(r) {
			return xansi.StringWidth(string(b))
		}
		w, i = w+1, i+n
	}
	return w
}

// narrowRanges hold characters one cell wide that never join the next
// character in a grapheme cluster: Latin letters with their accents,
// punctuation, arrows, maths and box drawing (a figure's marks).
var narrowRanges = [][2]rune{{0xa0, 0xac}, {0xae, 0x2ff}, {0x1e00, 0x1eff}, {0x2010, 0x2027}, {0x2030, 0x205e}, {0x2190, 0x22ff}, {0x2500, 0x25fc}}

func narrow(r rune) bool {
	for _, rg := range narrowRanges {
		if r < rg[0] {
			return false
		}
		if r <= rg[1] {
			return true
		}
	}
	return false
}

// cluster is the grapheme cluster at the start of b (not ASCII) and its
// width, as x/ansi finds them.
func cluster(b []byte) ([]byte, int) {
	r, n := utf8.DecodeRune(b)
	if narrow(r) {
		if n == len(b) || b[n] < utf8.RuneSelf {
			return b[:n], 1
		}
		if next, _ := utf8.DecodeRune(b[n:]); narrow(next) {
			return b[:n], 1
		}
	}
	return xansi.FirstGraphemeCluster(b, xansi.GraphemeWidth)
}

const nbsp = '\u00a0'

// wrapLine is x/ansi's wrap of one line, word for word: the pending space
// and word are runs of the input, written out when the word is done or
// dropped at a break.
func wrapLine(out, in *styled, from, to, limit int, bps string) {
	var curWidth, spaceWidth, wordLen int
	sFrom, sTo, wFrom, wTo := from, from, from, from
	addSpace := func() {
		if spaceWidth == 0 && sTo == sFrom {
			return
		}
		curWidth += spaceWidth
		out.addFrom(in, sFrom, sTo)
		sFrom, spaceWidth = sTo, 0
	}
	addWord := func() {
		if wTo == wFrom {
			return
		}
		addSpace()
		curWidth += wordLen
		out.addFrom(in, wFrom, wTo)
		wFrom, wordLen = wTo, 0
	}
	addNewline := func() {
		out.add("\n", 0)
		curWidth = 0
		sFrom, spaceWidth = sTo, 0
	}
	toWord := func(i, n, width int) {
		if wTo == wFrom {
			wFrom = i
		}
		wTo = i + n
		wordLen += width
	}
	toSpace := func(i, n, width int) {
		if sTo == sFrom {
			sFrom = i
		}
		sTo = i + n
		spaceWidth += width
	}
	for i := from; i < to; {
		c := in.b[i]
		if c >= utf8.RuneSelf {
			cluster, width := cluster(in.b[i:to])
			r, _ := utf8.DecodeRune(cluster)
			switch {
			case r != utf8.RuneError && unicode.IsSpace(r) && r != nbsp:
				addWord()
				toSpace(i, len(cluster), width)
			case bytes.ContainsAny(cluster, bps):
				addSpace()
				if curWidth+wordLen+width > limit {
					toWord(i, len(cluster), width)
				} else {
					addWord()
					out.addFrom(in, i, i+len(cluster))
					curWidth += width
				}
			default:
				if wordLen+width > limit {
					addWord()
				}
				toWord(i, len(cluster), width)
				if curWidth+wordLen+spaceWidth > limit {
					addNewline()
				}
				if wordLen == limit {
					addWord()
				}
			}
			i += len(cluster)
			continue
		}
		switch {
		case unicode.IsSpace(rune(c)):
			addWord()
			toSpace(i, 1, 1)
		case c == '-' || strings.IndexByte(bps, c) >= 0:
			addSpace()
			if curWidth+wordLen >= limit {
				toWord(i, 1, 1)
			} else {
				addWord()
				out.addFrom(in, i, i+1)
				curWidth++
			}
		default:
			if curWidth == limit {
				addNewline()
			}
			toWord(i, 1, 1)
			if wordLen == limit {
				addWord()
			}
			if curWidth+wordLen+spaceWidth > limit {
				addNewline()
			}
		}
		i++
	}
	if wordLen == 0 {
		if curWidth+spaceWidth <= limit {
			out.addFrom(in, sFrom, sTo)
		}
		sFrom, spaceWidth = sTo, 0
	}
	addWord()
}

// trimmedLines are the laid-out lines as Render keeps them: blanks that
// do not show dropped at each line's end, blank lines at both ends.
func (r *fastRenderer) trimmedLines(t *styled) []styled {
	lines := splitStyled(t)
	for i, l := range lines {
		end := len(l.b)
		for end > 0 && l.b[end-1] == ' ' && !r.looks[l.s[end-1]].shows() {
			end--
		}
		lines[i] = styled{b: l.b[:end:end], s: l.s[:end:end]}
	}
	blank := func(l styled) bool { return strings.TrimSpace(string(l.b)) == "" }
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// rejoinClosersCells is rejoinClosers on laid-out lines.
func rejoinClosersCells(lines []styled) []styled {
	for i := 1; i < len(lines); i++ {
		l, prev := lines[i], lines[i-1]
		at := 0
		for at < len(l.b) && l.b[at] == ' ' {
			at++
		}
		if at == len(l.b) {
			continue
		}
		r, _ := utf8.DecodeRune(l.b[at:])
		cut := bytes.LastIndexByte(prev.b, ' ')
		if !strings.ContainsRune(closers, r) || cut < 0 || strings.TrimSpace(string(prev.b[:cut])) == "" {
			continue
		}
		var moved styled
		moved.addFrom(&l, 0, at)
		moved.addFrom(&prev, cut+1, len(prev.b))
		moved.addFrom(&l, at, len(l.b))
		lines[i-1] = styled{b: prev.b[:cut:cut], s: prev.s[:cut:cut]}
		lines[i] = moved
	}
	return lines
}

func splitStyled(t *styled) []styled {
	var parts []styled
	for from := 0; from <= len(t.b); {
		to := bytes.IndexByte(t.b[from:], '\n')
		if to < 0 {
			to = len(t.b)
		} else {
			to += from
		}
		parts = append(parts, styled{b: t.b[from:to:to], s: t.s[from:to:to]})
		from = to + 1
	}
	return parts
}

// emit writes the lines with a colour code at each change of look.
func (r *fastRenderer) emit(lines []styled) string {
	codes := make([]string, len(r.looks))
	for i, l := range r.looks {
		codes[i] = l.sgr()
	}
	n := 0
	for _, l := range lines {
		n += len(l.b) + 1
	}
	var b strings.Builder
	b.Grow(n + n/4)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		for from := 0; from < len(l.b); {
			id := l.s[from]
			to := from + 1
			for to < len(l.s) && l.s[to] == id {
				to++
			}
			if codes[id] == "" {
				b.Write(l.b[from:to])
			} else {
				b.WriteString(codes[id])
				b.Write(l.b[from:to])
				b.WriteString(xansi.ResetStyle)
			}
			from = to
		}
	}
	return b.String()
}

// sgr is the colour code Glamour writes for a look; "" for none.
func (l look) sgr() string {
	style := xansi.Style{}
	if l.fg != "" {
		style = style.ForegroundColor(lipgloss.Color(l.fg))
	}
	if l.bg != "" {
		style = style.BackgroundColor(lipgloss.Color(l.bg))
	}
	if l.underline {
		style = style.Underline(true)
	}
	if l.bold {
		style = style.Bold()
	}
	if l.italic {
		style = style.Italic(true)
	}
	if l.strike {
		style = style.Strikethrough(true)
	}
	if l.inverse {
		style = style.Reverse(true)
	}
	if l.blink {
		style = style.Blink(true)
	}
	if len(style) == 0 {
		return ""
	}
	return style.String()
}

// cascadePrimitive is Glamour's style inheritance: the child's own
// settings over the parent's; its marks (prefixes, suffixes) too when
// toBlock.
func cascadePrimitive(parent, child ansi.StylePrimitive, toBlock bool) ansi.StylePrimitive {
	s := child
	s.Color, s.BackgroundColor, s.Underline, s.Bold = parent.Color, parent.BackgroundColor, parent.Underline, parent.Bold
	s.Upper, s.Title, s.Lower, s.Italic = parent.Upper, parent.Title, parent.Lower, parent.Italic
	s.CrossedOut, s.Faint, s.Conceal, s.Inverse, s.Blink = parent.CrossedOut, parent.Faint, parent.Conceal, parent.Inverse, parent.Blink
	if toBlock {
		s.BlockPrefix, s.BlockSuffix, s.Prefix, s.Suffix = parent.BlockPrefix, parent.BlockSuffix, parent.Prefix, parent.Suffix
	}
	for _, f := range []struct{ to, from **string }{{&s.Color, &child.Color}, {&s.BackgroundColor, &child.BackgroundColor}} {
		if *f.from != nil {
			*f.to = *f.from
		}
	}
	for _, f := range []struct{ to, from **bool }{{&s.Underline, &child.Underline}, {&s.Bold, &child.Bold}, {&s.Upper, &child.Upper},
		{&s.Lower, &child.Lower}, {&s.Title, &child.Title}, {&s.Italic, &child.Italic}, {&s.CrossedOut, &child.CrossedOut},
		{&s.Faint, &child.Faint}, {&s.Conceal, &child.Conceal}, {&s.Inverse, &child.Inverse}, {&s.Blink, &child.Blink}} {
		if *f.from != nil {
			*f.to = *f.from
		}
	}
	for _, f := range []struct{ to, from *string }{{&s.BlockPrefix, &child.BlockPrefix}, {&s.BlockSuffix, &child.BlockSuffix},
		{&s.Prefix, &child.Prefix}, {&s.Suffix, &child.Suffix}, {&s.Format, &child.Format}} {
		if *f.from != "" {
			*f.to = *f.from
		}
	}
	return s
}

func cascadeBlock(parent, child ansi.StyleBlock, toBlock bool) ansi.StyleBlock {
	s := child
	s.StylePrimitive = cascadePrimitive(parent.StylePrimitive, child.StylePrimitive, toBlock)
	if toBlock {
		s.Indent, s.Margin = parent.Indent, parent.Margin
	}
	if child.Indent != nil {
		s.Indent = child.Indent
	}
	return s
}

func cascadeBlocks(s ...ansi.StyleBlock) ansi.StyleBlock {
	var r ansi.StyleBlock
	for _, v := range s {
		r = cascadeBlock(r, v, true)
	}
	return r
}

func cascadePrimitives(s ...ansi.StylePrimitive) ansi.StylePrimitive {
	var r ansi.StylePrimitive
	for _, v := range s {
		r = cascadePrimitive(r, v, true)
	}
	return r
}
