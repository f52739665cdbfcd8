package doc

import (
	"strconv"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzDarkFromCOLORFGBG: the variable comes from the terminal, over SSH
// from the client. It never panics, and it says something only when its
// last field is a colour number 0-15.
func FuzzDarkFromCOLORFGBG(f *testing.F) {
	f.Add("15;0")
	f.Add("0;default;15")
	f.Add(";;;\x1b[31m;-1;99999999999999999999")
	f.Fuzz(func(t *testing.T, v string) {
		_, ok := DarkFromCOLORFGBG(v)
		fields := strings.Split(v, ";")
		last := strings.TrimSpace(fields[len(fields)-1])
		if n, err := strconv.Atoi(last); ok && err == nil && (n < 0 || n > 15) {
			t.Fatalf("COLORFGBG=%q read as colour %d", v, n)
		}
	})
}

// FuzzFastRender: on any Markdown the fast path takes, at any width from
// 10 and in any style, it never panics, no line is wider than the width,
// and it shows Glamour's lines.
func FuzzFastRender(f *testing.F) {
	f.Add("# Tiêu đề\n\nMột đoạn *nghiêng* và **đậm**, \\[ \\] ô.\n\n- một\n  - hai\n- ba", uint8(70), uint8(0))
	f.Add("1. first item that is long enough to wrap-with-hyphens.and.stops\n2. «quoted.»\n\n<!-- note -->\n\n## Next\n\nText", uint8(20), uint8(3))
	f.Add("0. zero\n1. one\n\n5. five\n\n- **Say:** «The cells find the worn spot and regenerate the cartilage.»", uint8(60), uint8(5))
	f.Add("A paragraph\nwith soft breaks  \nand a hard one, &amp; an entity; averyveryveryverylongwordwithoutanybreakatall", uint8(0), uint8(6))
	f.Add("## Hình\n\n```\nA            B\n●●●○○○○○○○   ●●●●○○○○○○\n```\n\n1. **Một:** *nghiêng* «trích.»\n   - lồng **đậm**\n     - sâu hơn\n2. hai", uint8(35), uint8(1))
	f.Fuzz(func(t *testing.T, md string, w, s uint8) {
		width, style := 10+int(w)%150, RenderStyles()[int(s)%len(RenderStyles())]
		got, ok := fastRender(md, width, style)
		if !ok {
			return
		}
		if !fits(got, width) {
			t.Fatalf("%s w=%d: a line is too wide:\n%s", style, width, ansi.Strip(got))
		}
		want, err := renderGlamour(md, width, style)
		if err != nil {
			t.Fatal(err)
		}
		if msg := sameText(want, got); msg != "" {
			t.Fatalf("%s w=%d: %s", style, width, msg)
		}
	})
}

func fits(s string, width int) bool {
	for _, l := range strings.Split(s, "\n") {
		if ansi.StringWidth(l) > width {
			return false
		}
	}
	return true
}
