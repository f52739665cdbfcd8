package ui

import (
	"container/list"
	"sync"
)

// cacheKey identifies one rendering of a static page. Pages that show a
// patient's answers are never cached.
type cacheKey struct {
	page    string // language and step
	width   int
	style   string
	content string // content hash
}

// Budgets bound the renderings one process keeps: a client sending
// hundreds of window widths would otherwise grow it without end. Every
// page of both built-in languages rendered at one width takes about
// 320 KiB (dark style, 80 columns): a session in this terminal keeps a
// dozen widths of them; a server keeps its sessions' many widths.
const (
	localCacheBudget  = 4 << 20
	serverCacheBudget = 32 << 20
)

// RenderCache keeps rendered static pages, up to a byte budget, dropping
// the least recently used first. Strings are immutable, so one cache may
// serve many sessions at once; when several ask for the same page at the
// same moment, it is rendered once and the others wait for it.
type RenderCache struct {
	mu       sync.Mutex
	page     map[cacheKey]*list.Element // of *cachedPage
	order    *list.List                 // most recently used first
	size     int                        // bytes held
	budget   int
	inflight map[cacheKey]*sync.WaitGroup
}

type cachedPage struct {
	k cacheKey
	s string
}

// NewRenderCache returns an empty cache sized for a server's sessions.
func NewRenderCache() *RenderCache { return newRenderCache(serverCacheBudget) }

// NewLocalRenderCache returns an empty cache sized for the one session of
// the app in this terminal.
func NewLocalRenderCache() *RenderCache { return newRenderCache(localCacheBudget) }

func newRenderCache(budget int) *RenderCache {
	return &RenderCache{page: map[cacheKey]*list.Element{}, order: list.New(), budget: budget, inflight: map[cacheKey]*sync.WaitGroup{}}
}

func (c *RenderCache) get(k cacheKey) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lookup(k)
}

// lookup finds a rendering and marks it used; c.mu is held.
func (c *RenderCache) lookup(k cacheKey) (string, bool) {
	e, ok := c.page[k]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cachedPage).s, true
}

// store keeps a rendering, dropping the least recently used ones past the
// budget; one larger than the whole budget is not kept. c.mu is held.
func (c *RenderCache) store(k cacheKey, s string) {
	if len(s) > c.budget {
		return
	}
	c.page[k] = c.order.PushFront(&cachedPage{k, s})
	c.size += len(s)
	for c.size > c.budget {
		old := c.order.Remove(c.order.Back()).(*cachedPage)
		delete(c.page, old.k)
		c.size -= len(old.s)
	}
}

// render returns a cached rendering or makes one with draw and stores it.
func (c *RenderCache) render(k cacheKey, draw func() (string, error)) (string, error) {
	c.mu.Lock()
	if s, ok := c.lookup(k); ok {
		c.mu.Unlock()
		return s, nil
	}
	if wg, busy := c.inflight[k]; busy {
		c.mu.Unlock()
		wg.Wait()
		if s, ok := c.get(k); ok {
			return s, nil
		}
		return draw() // the other render failed or was dropped: try, and report, ourselves
	}
	wg := &sync.WaitGroup{}
	wg.Add(1)
	c.inflight[k] = wg
	c.mu.Unlock()

	s, err := draw()
	c.mu.Lock()
	if _, there := c.page[k]; err == nil && !there {
		c.store(k, s)
	}
	delete(c.inflight, k)
	c.mu.Unlock()
	wg.Done()
	return s, err
}
