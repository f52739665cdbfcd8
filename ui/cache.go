package ui

import "sync"

// cacheKey identifies one rendering of a static page. Pages that show a
// patient's answers are never cached.
type cacheKey struct {
	page    string // language and step
	width   int
	style   string
	content string // content hash
}

// RenderCache keeps rendered static pages. Strings are immutable, so one
// cache may serve many sessions at once; when several ask for the same
// page at the same moment, it is rendered once and the others wait for it.
type RenderCache struct {
	mu       sync.Mutex
	page     map[cacheKey]string
	inflight map[cacheKey]*sync.WaitGroup
}

// NewRenderCache returns an empty cache.
func NewRenderCache() *RenderCache {
	return &RenderCache{page: map[cacheKey]string{}, inflight: map[cacheKey]*sync.WaitGroup{}}
}

func (c *RenderCache) get(k cacheKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	s, ok := c.page[k]
	return s, ok
}

// render returns a cached rendering or makes one with draw and stores it.
func (c *RenderCache) render(k cacheKey, draw func() (string, error)) (string, error) {
	c.mu.Lock()
	if s, ok := c.page[k]; ok {
		c.mu.Unlock()
		return s, nil
	}
	if wg, busy := c.inflight[k]; busy {
		c.mu.Unlock()
		wg.Wait()
		if s, ok := c.get(k); ok {
			return s, nil
		}
		return draw() // the other render failed: try, and report, ourselves
	}
	wg := &sync.WaitGroup{}
	wg.Add(1)
	c.inflight[k] = wg
	c.mu.Unlock()

	s, err := draw()
	c.mu.Lock()
	if err == nil {
		c.page[k] = s
	}
	delete(c.inflight, k)
	c.mu.Unlock()
	wg.Done()
	return s, err
}
