package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"stemcounsel/model"
)

// TestRenderedPagesFitTheirWidth checks Glamour's own output, before the
// screen's last-resort truncation could hide an overflow.
func TestRenderedPagesFitTheirWidth(t *testing.T) {
	b := realContent(t)
	for _, lang := range model.Langs {
		steps := append(append([]model.StepID{}, model.PageSteps...), groupSteps(b.GroupIDs)...)
		for _, step := range steps {
			md := pageMarkdown(b, lang, b.Page(lang, step), texts[lang])
			for _, style := range []string{"dark", "ascii"} {
				for _, w := range []int{38, 43, 56, 76, 116} {
					out, err := renderMarkdown(md, w, style)
					if step == model.StepOptions {
						out, err = renderOptions(b, lang, texts[lang], w, style)
					}
					if err != nil {
						t.Fatal(err)
					}
					for i, l := range strings.Split(out, "\n") {
						if lw := ansi.StringWidth(l); lw > w {
							t.Errorf("%s/%s %s w=%d: line %d is %d wide: %q", lang, step, style, w, i, lw, ansi.Strip(l))
						}
					}
				}
			}
		}
	}
}

func groupSteps(ids []string) []model.StepID {
	out := make([]model.StepID, len(ids))
	for i, id := range ids {
		out[i] = model.GroupStep(id)
	}
	return out
}

func TestRewrapWideKeepsEveryWord(t *testing.T) {
	line := "• giúp điều hòa miễn dịch, tức đưa phản ứng miễn dịch về trạng thái cân bằng hơn;"
	out := rewrapWide(line, 40)
	if strings.Join(strings.Fields(out), " ") != line {
		t.Fatalf("rewrap lost text: %q", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if ansi.StringWidth(l) > 40 {
			t.Fatalf("still too wide: %q", l)
		}
	}
	if got := fmt.Sprint(rewrapWide("short", 40)); got != "short" {
		t.Fatalf("short line changed: %q", got)
	}
}

func TestRewrapWideIndentsContinuation(t *testing.T) {
	line := "│ Evidence status: Investigational for every condition in this guide; only a few"
	out := strings.Split(rewrapWide(line, 40), "\n")
	if len(out) < 2 {
		t.Fatalf("not wrapped: %q", out)
	}
	for _, l := range out[1:] {
		if !strings.HasPrefix(l, "  ") {
			t.Fatalf("continuation lost the indent: %q", out)
		}
	}
}
