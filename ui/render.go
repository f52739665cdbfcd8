package ui

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
	gstyles "charm.land/glamour/v2/styles"
	xansi "github.com/charmbracelet/x/ansi"
)

// Styles accepted by --style. "notty" is the plain style used off a terminal.
var StyleNames = []string{"dark", "light", "ascii"}

const plainStyle = "notty"

// glamourStyle returns a copy of a Glamour style with the document margin
// removed: the app's layout owns the margins, so widths add up exactly.
func glamourStyle(name string) (ansi.StyleConfig, error) {
	base, ok := gstyles.DefaultStyles[name]
	if !ok || !(slices.Contains(StyleNames, name) || name == plainStyle) {
		return ansi.StyleConfig{}, fmt.Errorf("unknown style %q (valid: %s)", name, strings.Join(StyleNames, ", "))
	}
	cfg := *base
	zero := uint(0)
	cfg.Document.Margin = &zero
	if name == "dark" || name == "light" {
		// Colour marks the headings; the literal "##" would only be noise.
		cfg.H2.Prefix, cfg.H3.Prefix = "", ""
	}
	return cfg, nil
}

// renderMarkdown renders with a fresh renderer: building one costs
// microseconds, and a renderer must never be shared between goroutines.
func renderMarkdown(md string, width int, style string) (string, error) {
	cfg, err := glamourStyle(style)
	if err != nil {
		return "", err
	}
	// Glamour can run one cell past the wrap width on list items.
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(max(1, width-1)))
	if err != nil {
		return "", err
	}
	out, err := r.Render(md)
	if err != nil {
		return "", err
	}
	return rewrapWide(trimBlankLines(out), width), nil
}

// rewrapWide wraps any line still wider than width, so no text is ever cut
// off at the edge of the screen. Continuation lines keep the line's indent
// (a list bullet or quote bar becomes spaces).
func rewrapWide(s string, width int) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if xansi.StringWidth(l) <= width {
			continue
		}
		plain := xansi.Strip(l)
		lead := len(plain) - len(strings.TrimLeft(plain, " │|•*->"))
		indent := strings.Repeat(" ", min(xansi.StringWidth(plain[:lead]), width/2))
		parts := strings.Split(xansi.Wrap(l, width-len(indent), ""), "\n")
		for j := 1; j < len(parts); j++ {
			parts[j] = indent + strings.TrimLeft(parts[j], " ")
		}
		lines[i] = strings.Join(parts, "\n")
	}
	return strings.Join(lines, "\n")
}

// trimBlankLines drops the empty lines Glamour puts around a document and the
// padding it adds to the right of every line.
func trimBlankLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	for len(lines) > 0 && strings.TrimSpace(xansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(xansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

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
