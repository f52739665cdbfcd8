package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// TestCellWidthIsStringWidth: every rune cellWidth takes as one cell is
// one cell to ansi.StringWidth, alone and beside every other such rune
// (no pair joins into one cluster), and whole frames measure the same.
func TestCellWidthIsStringWidth(t *testing.T) {
	if eastAsian {
		t.Skip("under RUNEWIDTH_EASTASIAN cellWidth is ansi.StringWidth")
	}
	var fast []string
	for r := rune(0x20); r < 0x7f; r++ { // printable ASCII, which cellWidth counts too
		fast = append(fast, string(r))
	}
	for _, rg := range oneCellRanges {
		for r := rg[0]; r <= rg[1]; r++ {
			if w := ansi.StringWidth(string(r)); w != 1 {
				t.Errorf("U+%04X %q is %d cells to ansi.StringWidth, but cellWidth takes it as one", r, r, w)
			}
			fast = append(fast, string(r))
		}
	}
	for _, a := range fast {
		for _, b := range fast {
			if w := ansi.StringWidth(a + b); w != 2 {
				t.Fatalf("%q then %q is %d cells to ansi.StringWidth, not two", a, b, w)
			}
		}
	}
	for _, s := range []string{
		"", "plain ASCII", "Tiếng Việt: tế bào gốc", "\x1b[38;5;252;1mĐái tháo đường\x1b[m  •  ‹ Back",
		"╭──╮ █░ ↑↓ “quoted” … ‹›", "e\u0301 combining", "emoji 🙂 here", "tab\there", "\x1b]8;;x\x1b\\link\x1b]8;;\x1b\\",
		"\x1b[", "\x1b[38;5", "ünïcödé ñ", "soft\u00adhyphen", "zero\u200bwidth", "A\u200dB", "✓ done", "\x1b[2Kcleared",
	} {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	}
	page := visible(benchModelT(t))
	for _, l := range strings.Split(page, "\n") {
		if got, want := cellWidth(l), ansi.StringWidth(l); got != want {
			t.Errorf("cellWidth(%q) = %d, ansi.StringWidth = %d", l, got, want)
		}
	}
}

func benchModelT(t *testing.T) *Model {
	return newTestModel(t, realContent(t), Options{Lang: "vi", LangSet: true, Role: "patient", Style: "dark"}, 80, 24)
}

// FuzzCellWidth: any text, malformed UTF-8 too, measures as
// ansi.StringWidth measures it.
func FuzzCellWidth(f *testing.F) {
	for _, s := range []string{"abc", "Việt", "\x1b[1mđ\x1b[m", "e\u0301", "🙂", "\x1b[38;5;1", "╭─╮", "\xff\xfe", "ệ\xe1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := cellWidth(s), ansi.StringWidth(s); got != want {
			t.Fatalf("cellWidth(%q) = %d, ansi.StringWidth = %d", s, got, want)
		}
	})
}
