package ui

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
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

func TestRenderCacheRendersOncePerKey(t *testing.T) {
	c := NewRenderCache()
	k := cacheKey{page: "vi/x", width: 40}
	var calls atomic.Int32
	release := make(chan struct{})
	draw := func() (string, error) {
		calls.Add(1)
		<-release
		return "page", nil
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if s, err := c.render(k, draw); err != nil || s != "page" {
				t.Errorf("render = %q, %v", s, err)
			}
		}()
	}
	for c.inflightCount() == 0 {
		runtime.Gosched()
	}
	close(release)
	wg.Wait()
	if calls.Load() != 1 {
		t.Fatalf("eight sessions asking at once rendered %d times, want 1", calls.Load())
	}
}

func (c *RenderCache) inflightCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.inflight)
}
