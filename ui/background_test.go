package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"stemcounsel/doc"
	"stemcounsel/model"
)

// sgr is how a palette colour appears in the view's escape codes.
func sgr(hex string) string {
	var r, g, b int
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	return fmt.Sprintf("38;2;%d;%d;%d", r, g, b)
}

func bodyColour(t *testing.T, style string) string {
	p, ok := doc.PaletteOf(style)
	if !ok {
		t.Fatalf("no palette %s", style)
	}
	return sgr(p.Body)
}

// A page that is drawn in a palette's body colour, with the header and
// progress bar in its accent.
func pageIn(t *testing.T, m *Model, style string) {
	t.Helper()
	p, _ := doc.PaletteOf(style)
	v := m.View().Content
	for _, want := range []string{sgr(p.Body), sgr(p.Accent)} {
		if !strings.Contains(v, want) {
			t.Errorf("view is not in %s: no %s", style, want)
		}
	}
	for _, other := range doc.RenderStyles() {
		if op, _ := doc.PaletteOf(other); other != style && op.Body != "" && op.Body != p.Body && strings.Contains(v, sgr(op.Body)) {
			t.Errorf("view in %s still carries %s's body colour", style, other)
		}
	}
}

func onStep(t *testing.T, opt Options) *Model {
	t.Helper()
	opt.Role, opt.LangSet = model.RolePatient, true
	m := newTestModel(t, fixtureContent(t), opt, 80, 24)
	send(m, press("enter"))
	return m
}

func TestAutoStyleIsColourlessUntilTheTerminalAnswers(t *testing.T) {
	m := onStep(t, Options{})
	if m.Init() == nil {
		t.Fatal("auto style does not ask the terminal for its background")
	}
	if v := m.View().Content; strings.Contains(v, "38;") || strings.Contains(v, "48;") {
		t.Errorf("before any answer the view carries colours:\n%q", v)
	}
	welcome := newTestModel(t, fixtureContent(t), Options{}, 80, 24)
	if !strings.Contains(welcome.View().Content, ";7m") {
		t.Error("the colourless style marks no focus with reverse video")
	}
}

func TestAutoStyleFollowsTheBackgroundAnswer(t *testing.T) {
	m := onStep(t, Options{})
	send(m, tea.BackgroundColorMsg{Color: color.White})
	pageIn(t, m, doc.StyleLight)
	send(m, tea.BackgroundColorMsg{Color: color.Black})
	pageIn(t, m, doc.StyleDark)
}

func TestHighContrastFollowsTheBackground(t *testing.T) {
	m := onStep(t, Options{Style: "high-contrast"})
	send(m, tea.BackgroundColorMsg{Color: color.RGBA{0xfd, 0xf6, 0xe3, 0xff}})
	pageIn(t, m, doc.StyleHighLight)
	send(m, tea.BackgroundColorMsg{Color: color.RGBA{0x1e, 0x1e, 0x1e, 0xff}})
	pageIn(t, m, doc.StyleHighDark)
}

func TestCOLORFGBGDecidesUntilTheTerminalAnswers(t *testing.T) {
	m := onStep(t, Options{})
	send(m, tea.EnvMsg{"COLORFGBG=0;15"})
	pageIn(t, m, doc.StyleLight)
	send(m, tea.BackgroundColorMsg{Color: color.Black}, tea.EnvMsg{"COLORFGBG=0;15"})
	pageIn(t, m, doc.StyleDark)
}

func TestFixedStyleIgnoresTheBackground(t *testing.T) {
	m := onStep(t, Options{Style: "light"})
	if m.Init() != nil {
		t.Error("a fixed style asks the terminal anyway")
	}
	send(m, tea.BackgroundColorMsg{Color: color.Black}, tea.EnvMsg{"COLORFGBG=15;0"})
	pageIn(t, m, doc.StyleLight)
}

func TestLinuxConsoleGetsASCIIGlyphs(t *testing.T) {
	for _, c := range []struct {
		glyphs, term string
		ascii        bool
	}{{"", "linux", true}, {"auto", "xterm-256color", false}, {"unicode", "linux", false}, {"ascii", "xterm", true}} {
		m := onStep(t, Options{Glyphs: c.glyphs, Lang: model.LangVI})
		send(m, tea.EnvMsg{"TERM=" + c.term}, press("m"))
		v := m.View().Content
		var odd []rune
		for _, r := range v {
			if r >= 0x2000 {
				odd = append(odd, r)
			}
		}
		if c.ascii && len(odd) > 0 {
			t.Errorf("--glyphs %q TERM=%s: symbols a Linux console lacks: %q", c.glyphs, c.term, string(odd))
		}
		if !c.ascii && len(odd) == 0 {
			t.Errorf("--glyphs %q TERM=%s: no Unicode symbols at all; the test sees nothing", c.glyphs, c.term)
		}
	}
}

func TestASCIIGlyphsKeepVietnamese(t *testing.T) {
	in := "╭─ Bước 5 › Tiếp ─╮ █░ • …"
	got := asciiGlyphs(in)
	if got != "+- Bước 5 > Tiếp -+ #- * ." {
		t.Errorf("asciiGlyphs(%q) = %q", in, got)
	}
	// A flag or an emoji with a skin tone is two cells, whatever it is made of.
	for _, symbol := range []string{"🇻🇳", "👍🏽", "👩‍💻", "😀"} {
		if got := asciiGlyphs("[" + symbol + "]"); got != "[??]" {
			t.Errorf("asciiGlyphs(%q) = %q, want the two cells it takes", symbol, got)
		}
	}
}

// With 16 colours the palette would be rounded to the terminal's own ANSI
// shades, so the app keeps to the terminal's colours.
func TestSixteenColoursKeepTheColourlessStyle(t *testing.T) {
	m := onStep(t, Options{})
	send(m, tea.ColorProfileMsg{Profile: colorprofile.ANSI}, tea.BackgroundColorMsg{Color: color.White})
	if v := m.View().Content; strings.Contains(v, "38;") || strings.Contains(v, "48;") {
		t.Errorf("a 16-colour terminal gets palette colours:\n%q", v)
	}
	send(m, tea.ColorProfileMsg{Profile: colorprofile.ANSI256}, tea.BackgroundColorMsg{Color: color.White})
	pageIn(t, m, doc.StyleLight)
}
