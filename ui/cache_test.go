package ui

import (
	"runtime"
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
