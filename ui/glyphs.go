package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// asciiFallback maps the symbols the app and Glamour draw to ASCII of the
// same width, for a Linux console (TERM=linux or --glyphs ascii): its fonts
// hold few symbols beyond Latin letters.
var asciiFallback = map[rune]string{
	'╭': "+", '╮': "+", '╰': "+", '╯': "+", '┌': "+", '┐': "+", '└': "+", '┘': "+",
	'├': "+", '┤': "+", '┬': "+", '┴': "+", '┼': "+", '╔': "+", '╗': "+", '╚': "+", '╝': "+",
	'─': "-", '━': "-", '═': "=", '│': "|", '┃': "|", '║': "|", '▏': "|", '▌': "|",
	'█': "#", '▓': "#", '▒': ":", '░': "-",
	'›': ">", '‹': "<", '→': ">", '←': "<", '↑': "^", '↓': "v", '⌫': "<", '🠶': ">",
	'•': "*", '●': "*", '○': "o", '·': ".", '…': ".", '—': "-", '–': "-",
	'“': "\"", '”': "\"", '‘': "'", '’': "'", '✓': "v", '✔': "v", '✗': "x", '✘': "x",
}

// asciiGlyphs replaces every symbol outside ASCII with ASCII of the same
// width, keeping letters and their marks: Vietnamese is text, not a symbol.
// A symbol made of several code points (a flag, an emoji with a skin tone
// or joiners) is one character on screen, so it is replaced whole.
func asciiGlyphs(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < 0x80 || unicode.IsLetter(r) || unicode.IsMark(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		case asciiFallback[r] != "":
			b.WriteString(asciiFallback[r])
		case r == '\uFE0F' || r == '\u200D':
			// emoji presentation and joiners draw nothing of their own
		default:
			cluster, width := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
			b.WriteString(strings.Repeat("?", max(1, width)))
			size = len(cluster)
		}
		i += size
	}
	return b.String()
}
