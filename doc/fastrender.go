package doc

import (
	"html"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"charm.land/glamour/v2/ansi"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// The fast path renders the Markdown doc produces (headings, paragraphs,
// emphasis, lists, code blocks, comments) in one pass over goldmark's tree, to the
// same text, colours and emphasis as Glamour and Render's clean-up: it
// lays the text out as Glamour's writers do, without their padding and
// per-cell colour codes, which are most of the time Glamour takes. A
// document with anything else is left to Glamour.

// markdownParser parses as Glamour's renderer does, so both see one tree.
var markdownParser = sync.OnceValue(func() parser.Parser {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.DefinitionList),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
	).Parser()
})

// fastStyles are the render styles' Glamour styles, built once; nil when
// a style uses something the fast path does not draw.
var fastStyles = sync.OnceValue(func() map[string]*ansi.StyleConfig {
	m := map[string]*ansi.StyleConfig{}
	for _, name := range RenderStyles() {
		if cfg, err := glamourStyle(name); err == nil && fastStyle(cfg) {
			m[name] = &cfg
		}
	}
	return m
})

// fastStyle reports whether the fast path draws a style as Glamour does:
// no templates, case changes or highlighting in what it draws.
func fastStyle(cfg ansi.StyleConfig) bool {
	for _, p := range []ansi.StylePrimitive{cfg.Document.StylePrimitive, cfg.Paragraph.StylePrimitive, cfg.List.StylePrimitive, cfg.Heading.StylePrimitive,
		cfg.H1.StylePrimitive, cfg.H2.StylePrimitive, cfg.H3.StylePrimitive, cfg.H4.StylePrimitive, cfg.H5.StylePrimitive, cfg.H6.StylePrimitive,
		cfg.Text, cfg.Emph, cfg.Strong, cfg.Item, cfg.Enumeration, cfg.HTMLBlock.StylePrimitive} {
		if p.Format != "" || on(p.Upper) || on(p.Lower) || on(p.Title) {
			return false
		}
	}
	h := cfg.HTMLBlock // a comment shows nothing while its style adds no marks
	return h.BlockPrefix == "" && h.Prefix == "" && h.Suffix == "" && h.BlockSuffix == "" &&
		cfg.CodeBlock.Theme == "" && cfg.CodeBlock.Chroma == nil && cfg.CodeBlock.Format == ""
}

// codeOf is a code block's text, its lines each with their newline.
func codeOf(n ast.Node, src []byte) []byte {
	var code []byte
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		code = append(code, seg.Value(src)...)
	}
	return code
}

func on(b *bool) bool { return b != nil && *b }

// fastRender is Render's result by the fast path; ok is false when the
// document holds a construct the fast path does not draw.
func fastRender(md string, width int, style string) (string, bool) {
	cfg := fastStyles()[style]
	if cfg == nil {
		return "", false
	}
	src := []byte(md)
	root := markdownParser().Parse(text.NewReader(src))
	if !fastKnows(root, src) {
		return "", false
	}
	r := &fastRenderer{cfg: cfg, src: src, wrapAt: max(1, width-1)}
	r.styleID(ansi.StylePrimitive{}) // id 0: no style
	return r.document(root, width), true
}

// fastKnows reports whether every node of the tree is one the fast path
// draws.
func fastKnows(root ast.Node, src []byte) bool {
	known := true
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && !fastDraws(n, src) {
			known = false
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return known
}

// fastDraws reports whether the fast path draws a node (its children
// aside) as Glamour does.
func fastDraws(n ast.Node, src []byte) bool {
	switch n := n.(type) {
	case *ast.Document, *ast.List, *ast.TextBlock, *ast.Paragraph:
		return true
	case *ast.ListItem:
		// Glamour draws an item's text and lists; other blocks in one
		// are its own.
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if k := c.Kind(); k != ast.KindTextBlock && k != ast.KindParagraph && k != ast.KindList {
				return false
			}
		}
		return true
	case *ast.Heading:
		// A setext heading can span lines; Glamour keeps its breaks.
		return n.Lines().Len() <= 1
	case *ast.HTMLBlock:
		return isComment(string(n.Text(src)))
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		// a figure or a chart, drawn as it is written
		return n.Parent().Kind() == ast.KindDocument && plainText(codeOf(n, src))
	case *ast.Emphasis:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			if c.Kind() != ast.KindText {
				return false
			}
		}
		return true
	case *ast.Text:
		return plainText(n.Segment.Value(src))
	}
	return false
}

// isComment reports whether an HTML block is one comment alone, which
// Glamour's HTML sanitiser drops entirely.
func isComment(s string) bool {
	s = strings.TrimSpace(s)
	body, ok := strings.CutPrefix(s, "<!--")
	return ok && strings.HasSuffix(body, "-->") && strings.Count(body, "-->") == 1 &&
		!strings.HasPrefix(body, ">") && !strings.HasPrefix(body, "->") && !strings.Contains(body, "--!>")
}

// plainText reports whether text is valid UTF-8 without control
// characters, which the wrap and the width count would measure apart.
func plainText(b []byte) bool {
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if (c < 0x20 && c != '\n') || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError || unicode.IsControl(r) {
			return false
		}
		i += n
	}
	return true
}

// styled is text with a style per byte: a block's buffer, as Glamour's
// writers hold it less the colour codes.
type styled struct {
	b []byte
	s []uint8
}

func (t *styled) add(s string, id uint8) {
	t.b = append(t.b, s...)
	n := len(t.s)
	t.s = slices.Grow(t.s, len(s))[:n+len(s)]
	for i := n; i < len(t.s); i++ {
		t.s[i] = id
	}
}

func (t *styled) addFrom(u *styled, from, to int) {
	t.b = append(t.b, u.b[from:to]...)
	t.s = append(t.s, u.s[from:to]...)
}

type fastRenderer struct {
	cfg    *ansi.StyleConfig
	src    []byte
	wrapAt int               // Glamour's word-wrap width
	stack  []ansi.StyleBlock // Glamour's block stack: each block's cascaded style
	looks  []look
	ids    map[look]uint8
}

// look is what a cell is drawn with.
type look struct {
	fg, bg                                          string
	bold, italic, underline, strike, inverse, blink bool
}

// shows reports whether a blank in this look is seen.
func (l look) shows() bool { return l.bg != "" || l.underline || l.strike || l.inverse }

func (r *fastRenderer) styleID(p ansi.StylePrimitive) uint8 {
	l := look{bold: on(p.Bold), italic: on(p.Italic), underline: on(p.Underline), strike: on(p.CrossedOut), inverse: on(p.Inverse), blink: on(p.Blink)}
	if p.Color != nil {
		l.fg = *p.Color
	}
	if p.BackgroundColor != nil {
		l.bg = *p.BackgroundColor
	}
	if id, ok := r.ids[l]; ok {
		return id
	}
	if r.ids == nil {
		r.ids = map[look]uint8{}
	}
	id := uint8(len(r.looks)) // a page uses a handful
	r.looks, r.ids[l] = append(r.looks, l), id
	return id
}

func (r *fastRenderer) current() ansi.StyleBlock {
	if len(r.stack) == 0 {
		return ansi.StyleBlock{}
	}
	return r.stack[len(r.stack)-1]
}

func (r *fastRenderer) parent() ansi.StyleBlock {
	if len(r.stack) < 2 {
		return ansi.StyleBlock{}
	}
	return r.stack[len(r.stack)-2]
}

func (r *fastRenderer) push(s ansi.StyleBlock) { r.stack = append(r.stack, s) }
func (r *fastRenderer) pop()                   { r.stack = r.stack[:len(r.stack)-1] }

// width is the room inside the blocks on the stack.
func (r *fastRenderer) width() int {
	var indent, margin uint
	for _, b := range r.stack {
		if b.Indent != nil {
			indent += *b.Indent
		}
		if b.Margin != nil {
			margin += *b.Margin
		}
	}
	if int(indent+margin*2) > r.wrapAt {
		return 0
	}
	return r.wrapAt - int(indent+margin*2)
}

// document lays out the whole tree, then cleans it up as Render does.
func (r *fastRenderer) document(root ast.Node, width int) string {
	doc := r.cfg.Document
	r.push(doc)
	var body styled
	body.add(doc.Prefix, r.styleID(doc.StylePrimitive))
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		r.block(n, &body)
	}
	var out styled
	out.add(doc.BlockPrefix, 0)
	r.finishMargin(&out, &body, breakpoints)
	out.add(doc.Suffix, r.styleID(r.current().StylePrimitive))
	out.add(doc.BlockSuffix, 0)
	r.pop()
	lines := r.trimmedLines(&out)
	// The closers move on cells, where a moved word keeps its own colour;
	// what is still too wide is wrapped as Glamour's output is.
	return rewrapWide(r.emit(rejoinClosersCells(lines)), width)
}

// breakpoints are where Glamour's block wrap may break a word.
const breakpoints = " ,.;-+|"

// finishMargin is a block's end in Glamour: its text wrapped at its width,
// each line indented, into the parent's buffer.
func (r *fastRenderer) finishMargin(dst, content *styled, bps string) *marginWriter {
	wrapped := wrapStyled(content, r.width(), bps)
	mw := r.marginWriter(dst)
	mw.write(wrapped)
	return mw
}

// marginWriter indents each line as Glamour's IndentWriter does: before
// the first byte written after a newline.
type marginWriter struct {
	dst     *styled
	token   string
	n       int
	tokenID uint8
	started bool
}

func (r *fastRenderer) marginWriter(dst *styled) *marginWriter {
	cur := r.current()
	n := 0
	if cur.Indent != nil {
		n += int(*cur.Indent)
	}
	if cur.Margin != nil {
		n += int(*cur.Margin)
	}
	token := " "
	if cur.IndentToken != nil {
		token = *cur.IndentToken
	}
	return &marginWriter{dst: dst, token: token, n: n, tokenID: r.styleID(r.parent().StylePrimitive)}
}

func (w *marginWriter) write(t *styled) {
	start := 0
	for i, c := range t.b {
		if !w.started {
			w.dst.addFrom(t, start, i)
			start = i
			for range w.n {
				w.dst.add(w.token, w.tokenID)
			}
			w.started = true
		}
		if c == '\n' {
			w.started = false
		}
	}
	w.dst.addFrom(t, start, len(t.b))
}

func (w *marginWriter) writeString(s string, id uint8) {
	var t styled
	t.add(s, id)
	w.write(&t)
}

// block draws a block node into its parent's buffer.
func (r *fastRenderer) block(n ast.Node, dst *styled) {
	cur := r.current()
	switch n := n.(type) {
	case *ast.Heading:
		rules := cascadeBlocks(r.cfg.Heading, r.headingStyle(n.Level))
		if n.PreviousSibling() != nil {
			dst.add("\n", r.styleID(cur.StylePrimitive))
		}
		content := r.open(dst, cascadeBlock(cur, rules, false))
		r.inlines(n, &content)
		r.finishMargin(dst, &content, "")
		r.close(dst)
	case *ast.Paragraph:
		rules := r.cfg.Paragraph
		if n.PreviousSibling() != nil {
			dst.add("\n", 0)
		}
		content := r.open(dst, cascadeBlock(cur, rules, false))
		r.inlines(n, &content)
		if r.visible(&content) {
			for i, c := range content.b {
				if c == '\n' {
					content.b[i] = ' '
				}
			}
			mw := r.finishMargin(dst, &content, "")
			mw.writeString("\n", 0)
		}
		r.close(dst)
	case *ast.List:
		r.list(n, dst)
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		// Glamour indents the text by the block's margin and draws it
		// unwrapped, in the code block's style.
		rules := r.cfg.CodeBlock
		dst.add("\n", 0)
		var code styled
		r.token(&code, "", string(codeOf(n, r.src)), cur.StylePrimitive, r.with(rules.StylePrimitive))
		mw := &marginWriter{dst: dst, token: " ", tokenID: r.styleID(cur.StylePrimitive)}
		if rules.Indent != nil {
			mw.n += int(*rules.Indent)
		}
		if rules.Margin != nil {
			mw.n += int(*rules.Margin)
		}
		mw.write(&code)
	case *ast.HTMLBlock:
		// a comment: nothing shows
	}
}

func (r *fastRenderer) headingStyle(level int) ansi.StyleBlock {
	return [...]ansi.StyleBlock{r.cfg.H1, r.cfg.H2, r.cfg.H3, r.cfg.H4, r.cfg.H5, r.cfg.H6}[min(max(level, 1), 6)-1]
}

// visible is Glamour's test for an empty paragraph: its buffer, colour
// codes and all, is more than blanks.
func (r *fastRenderer) visible(t *styled) bool {
	for _, id := range t.s {
		if id != 0 { // id 0 is the one look without a colour code
			return true
		}
	}
	return strings.TrimSpace(string(t.b)) != ""
}

func (r *fastRenderer) list(n *ast.List, dst *styled) {
	cur := r.current()
	s := r.cfg.List.StyleBlock
	if s.Indent == nil {
		s.Indent = new(uint)
	}
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Kind() == ast.KindList {
			s.Indent = &r.cfg.List.LevelIndent
			break
		}
	}
	dst.add("\n", 0)
	ls := cascadeBlock(cur, s, false)
	content := r.open(dst, ls)
	number := uint(n.Start)
	for item := n.FirstChild(); item != nil; item = item.NextSibling() {
		if n.IsOrdered() {
			r.token(&content, strconv.FormatUint(uint64(number), 10), "", ls.StylePrimitive, r.with(r.cfg.Enumeration))
			number++
		} else {
			r.token(&content, "", "", ls.StylePrimitive, r.with(r.cfg.Item))
		}
		for c := item.FirstChild(); c != nil; c = c.NextSibling() {
			if l, ok := c.(*ast.List); ok {
				r.list(l, &content)
			} else {
				r.inlines(c, &content)
			}
		}
		if item.NextSibling() != nil && (item.LastChild() == nil || item.LastChild().Kind() != ast.KindList) {
			content.add("\n", 0)
		}
	}
	mw := r.finishMargin(dst, &content, breakpoints)
	mw.writeString("\n", 0)
	r.close(dst)
}

// open starts a block as Glamour does: its outer mark in the parent's
// buffer, its inner one in the block's, which it returns.
func (r *fastRenderer) open(dst *styled, own ansi.StyleBlock) styled {
	parent := r.current()
	r.push(own)
	dst.add(own.BlockPrefix, r.styleID(parent.StylePrimitive))
	var content styled
	content.add(own.Prefix, r.styleID(own.StylePrimitive))
	return content
}

// close ends the block open started, after its text went to dst.
func (r *fastRenderer) close(dst *styled) {
	own, parent := r.current(), r.parent()
	dst.add(own.Suffix, r.styleID(own.StylePrimitive))
	dst.add(own.BlockSuffix, r.styleID(parent.StylePrimitive))
	r.pop()
}

// with is a child's style inside the current block.
func (r *fastRenderer) with(child ansi.StylePrimitive) ansi.StylePrimitive {
	return cascadeBlock(r.current(), ansi.StyleBlock{StylePrimitive: child}, false).StylePrimitive
}

// inlines draws a block's text.
func (r *fastRenderer) inlines(n ast.Node, dst *styled) {
	cur := r.current().StylePrimitive
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			r.token(dst, "", r.textOf(c), cur, r.with(r.cfg.Text))
		case *ast.Emphasis:
			style := r.cfg.Emph
			if c.Level > 1 {
				style = r.cfg.Strong
			}
			st1 := cascadePrimitives(cur, style)
			st2 := cascadePrimitives(r.with(r.cfg.Text), style)
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				r.token(dst, "", r.textOf(t.(*ast.Text)), st1, st2)
			}
		}
	}
}

func (r *fastRenderer) textOf(t *ast.Text) string {
	s := string(t.Segment.Value(r.src))
	if t.HardLineBreak() || t.SoftLineBreak() {
		s += "\n"
	}
	return html.UnescapeString(s)
}

// token is Glamour's BaseElement: a prefix in the block's style, the
// element's own marks around the text in its style.
func (r *fastRenderer) token(dst *styled, prefix, tok string, st1, st2 ansi.StylePrimitive) {
	id1, id2 := r.styleID(st1), r.styleID(st2)
	dst.add(prefix, id1)
	dst.add(st2.BlockPrefix, id1)
	dst.add(st2.Prefix, id2)
	dst.add(escapeReplacer.Replace(tok), id2)
	dst.add(st2.Suffix, id2)
	dst.add(st2.BlockSuffix, id1)
}

// escapeReplacer is Glamour's: the escapes it takes out of text.
var escapeReplacer = strings.NewReplacer(
	"\\\\", "\\", "\\`", "`", "\\*", "*", "\\_", "_", "\\{", "{", "\\}", "}", "\\[", "[", "\\]", "]",
	"\\<", "<", "\\>", ">", "\\(", "(", "\\)", ")", "\\#", "#", "\\+", "+", "\\-", "-", "\\.", ".", "\\!", "!", "\\|", "|",
)
