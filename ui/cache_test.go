package ui

import (
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
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
