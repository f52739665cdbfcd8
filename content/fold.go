package content

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Fold prepares text for matching what people type: lower case, no
// diacritics, and đ as d ("Tiểu đường" and "tieu duong" fold alike). The
// letter đ is not a d with a combining mark, so it needs its own rule.
// Letters fold one at a time (the marks dropped are what decomposition
// would reorder), ASCII directly and the rest through a table: validating
// the content folds every line, so this is on the start-up path.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < utf8.RuneSelf:
			b.WriteByte(byte(unicode.ToLower(r)))
		case r < foldTableEnd:
			b.WriteString(foldTable()[r-utf8.RuneSelf])
		default:
			b.WriteString(foldRune(r))
		}
	}
	return b.String()
}

// foldTableEnd covers Latin with its marks and Vietnamese (up to U+1EFF).
const foldTableEnd = 0x1f00

var foldTable = sync.OnceValue(func() []string {
	t := make([]string, foldTableEnd-utf8.RuneSelf)
	for r := rune(utf8.RuneSelf); r < foldTableEnd; r++ {
		t[r-utf8.RuneSelf] = foldRune(r)
	}
	return t
})

// foldRune folds one letter: decomposed, its marks dropped, lower case.
func foldRune(r rune) string {
	var b strings.Builder
	for _, d := range norm.NFD.String(string(r)) {
		switch {
		case unicode.Is(unicode.Mn, d):
			continue
		case d == 'đ' || d == 'Đ':
			d = 'd'
		default:
			d = unicode.ToLower(d)
		}
		b.WriteRune(d)
	}
	return b.String()
}
