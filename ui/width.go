package ui

import (
	"os"
	"strconv"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// cellWidth is ansi.StringWidth, most of a frame's measuring, without its
// grapheme segmentation where no rune can join another: colour codes are
// skipped, and a rune of the scripts the pages are written in (ASCII, the
// Latin letters Vietnamese uses, box drawing and a few marks) is one cell
// and a cluster of its own. Anything else, a combining mark, an emoji, a
// control or another escape, is measured by ansi.StringWidth.
// TestCellWidthIsStringWidth checks every rune and every pair of the fast
// ones; FuzzCellWidth any text.
func cellWidth(s string) int {
	if eastAsian {
		return ansi.StringWidth(s)
	}
	w := 0
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c >= 0x20 && c < 0x7f:
			w, i = w+1, i+1
		case c == 0x1b:
			n := sgrLen(s[i:])
			if n == 0 {
				return ansi.StringWidth(s)
			}
			i += n
		case c < 0x80:
			return ansi.StringWidth(s)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if !oneCell(r) {
				return ansi.StringWidth(s)
			}
			w, i = w+1, i+n
		}
	}
	return w
}

// eastAsian is x/ansi's own switch: under it many of these runes are two
// cells wide.
var eastAsian = func() bool {
	ea, err := strconv.ParseBool(os.Getenv("RUNEWIDTH_EASTASIAN"))
	return err == nil && ea
}()

// sgrLen is the length of the colour code (ESC [ digits and ; m) s starts
// with, or 0 if it starts with something else.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c == 'm':
			return i + 1
		case c != ';' && c != ':' && (c < '0' || c > '9'):
			return 0
		}
	}
	return 0
}

// oneCell reports whether r is one cell wide and never part of a larger
// grapheme cluster with the runes around it: none of these ranges holds a
// combining mark, a joiner, a variation selector, a format character or an
// emoji drawn two cells wide.
func oneCell(r rune) bool {
	for _, rg := range oneCellRanges {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// oneCellRanges are the runes of the pages' scripts and the frame's marks,
// in order of how often a frame has them.
var oneCellRanges = [][2]rune{
	{0x1E00, 0x1EFF}, // Latin Extended Additional: most Vietnamese letters
	{0xAE, 0x24F},    // Latin-1 letters and signs, Latin Extended-A and -B
	{0xA0, 0xAC},     // no-break space and Latin-1 signs (U+00AD, the soft hyphen, is not)
	{0x2010, 0x2027}, // dashes, quotes, bullet, ellipsis
	{0x2030, 0x205E}, // per mille, ‹ ›
	{0x2190, 0x21FF}, // arrows
	{0x2500, 0x25FC}, // box drawing, blocks, shapes (U+25FD and U+25FE are emoji)
}
