package ui

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
)

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

// A client sending window width after width never grows the cache past
// its budget: the least recently used renderings go first.
func TestRenderCacheStaysInBudget(t *testing.T) {
	const budget = 1 << 20
	c := newRenderCache(budget)
	page := func(w int) func() (string, error) {
		return func() (string, error) { return strings.Repeat("x", w*200), nil }
	}
	home := cacheKey{page: "vi/welcome", width: 80}
	for w := 20; w < 320; w++ {
		if _, err := c.render(cacheKey{page: "vi/about", width: w}, page(w)); err != nil {
			t.Fatal(err)
		}
		c.render(home, page(80)) // in use all along
		if c.size > budget {
			t.Fatalf("after width %d the cache holds %d bytes, budget %d", w, c.size, budget)
		}
	}
	if _, ok := c.get(home); !ok {
		t.Fatal("the page in use stays")
	}
	if _, ok := c.get(cacheKey{page: "vi/about", width: 20}); ok {
		t.Fatal("the oldest width was dropped")
	}
	if _, ok := c.get(cacheKey{page: "vi/about", width: 319}); !ok {
		t.Fatal("the newest width is kept")
	}
	sum := 0
	for e := c.order.Front(); e != nil; e = e.Next() {
		sum += len(e.Value.(*cachedPage).s)
	}
	if sum != c.size || len(c.page) != c.order.Len() {
		t.Fatalf("the count is right: %d bytes counted, %d held; %d keys, %d in order", c.size, sum, len(c.page), c.order.Len())
	}
}

// The app's one session keeps every page of both built-in languages at a
// few widths in its smaller cache, and a server's keeps fifty sessions'
// widths: each budget is sized by what its sessions render.
func TestCacheBudgetsFitTheirUse(t *testing.T) {
	b := realContent(t)
	one := 0 // every page of both languages at 78 columns, the darkest style
	for _, lang := range model.Langs {
		for _, set := range []map[string]*content.Page{b.Langs[lang].Pages, b.Langs[lang].Groups} {
			for _, p := range set {
				s, err := doc.Render(doc.Page(b, lang, p), 78, "dark")
				if err != nil {
					t.Fatal(err)
				}
				one += len(s)
			}
		}
	}
	if local := NewLocalRenderCache().budget; local < 4*one {
		t.Errorf("the app's cache (%d KiB) holds fewer than four widths of %d KiB", local>>10, one>>10)
	}
	if server := NewRenderCache().budget; server < 50*one {
		t.Errorf("a server's cache (%d KiB) holds fewer than fifty widths of %d KiB", server>>10, one>>10)
	}
	t.Logf("every page of both languages at 78 columns: %d KiB; budgets: local %d KiB, server %d KiB", one>>10, localCacheBudget>>10, serverCacheBudget>>10)
}
