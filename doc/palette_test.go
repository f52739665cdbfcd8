package doc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	xansi "github.com/charmbracelet/x/ansi"
)

func TestContrastFormula(t *testing.T) {
	// Known WCAG values: black on white is 21:1, #767676 on white about 4.54:1.
	for _, c := range []struct {
		a, b string
		want float64
	}{{"#000000", "#ffffff", 21}, {"#767676", "#ffffff", 4.54}, {"#777777", "#777777", 1}} {
		if got := Contrast(c.a, c.b); got < c.want-0.01 || got > c.want+0.01 {
			t.Errorf("Contrast(%s, %s) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// TestStyleContrast checks every coloured style's text colours against every
// background it is meant for, and each pair of text and the background it
// is drawn on (focused options, buttons, badges); the colourless styles must
// set no colour at all, so the terminal's own pairing is what shows.
func TestStyleContrast(t *testing.T) {
	for _, name := range RenderStyles() {
		p, _ := PaletteOf(name)
		if p.Colourless() {
			if !reflect.DeepEqual(p, Palette{}) {
				t.Errorf("%s: a colourless style sets a colour: %+v", name, p)
			}
			continue
		}
		if name == StyleHighDark || name == StyleHighLight {
			if p.MinContrast < 7 {
				t.Errorf("%s: high contrast must reach 7:1, set to %.1f", name, p.MinContrast)
			}
		} else if p.MinContrast < 4.5 {
			t.Errorf("%s: must reach 4.5:1, set to %.1f", name, p.MinContrast)
		}
		check := func(what, fg, bg string) {
			r := Contrast(fg, bg)
			t.Logf("%-20s %-22s %s on %s: %5.2f:1", name, what, fg, bg, r)
			if r < p.MinContrast {
				t.Errorf("%s: %s %s on %s is %.2f:1, below %.1f:1", name, what, fg, bg, r, p.MinContrast)
			}
		}
		for _, bg := range p.Backgrounds {
			check("body", p.Body, bg)
			check("muted", p.Muted, bg)
			check("accent", p.Accent, bg)
			check("notice", p.Notice, bg)
		}
		check("focused option", p.Body, p.Focus)
		check("button", p.Body, p.Faint)
		check("focused button", p.OnAccent, p.Accent)
		check("badge", p.OnBadge, p.Badge)
		// The progress bar is not text: WCAG asks 3:1 between its parts.
		if r := Contrast(p.Accent, p.Faint); r < 3 {
			t.Errorf("%s: progress bar %s against %s is %.2f:1, below 3:1", name, p.Accent, p.Faint, r)
		}
	}
}

// TestGlamourStylesUsePalette renders a page in every style and checks that
// the only colours in it are the style's own.
func TestGlamourStylesUsePalette(t *testing.T) {
	md := "# Title\n\n## Part\n\nBody text with **bold**, *emphasis*, `code` and a [link](https://example.org).\n\n> quoted\n\n- item\n\n---\n"
	for _, name := range RenderStyles() {
		out, err := Render(md, 60, name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(xansi.Strip(out), "Body text with") {
			t.Errorf("%s: text missing:\n%s", name, out)
		}
		p, _ := PaletteOf(name)
		allowed := map[string]bool{}
		for _, hex := range []string{p.Body, p.Muted, p.Accent} {
			if hex != "" {
				var r, g, b int
				fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
				allowed[fmt.Sprintf("38;2;%d;%d;%d", r, g, b)] = true
			}
		}
		codes := colourCodes(out)
		if p.Colourless() != (len(codes) == 0) {
			t.Errorf("%s: colourless %v but %d colour codes in the page", name, p.Colourless(), len(codes))
		}
		for _, c := range codes {
			if !allowed[c] {
				t.Errorf("%s: colour %q is not in the palette", name, c)
			}
		}
	}
}

// colourCodes lists the colour parameters of the SGR sequences in s.
func colourCodes(s string) []string {
	var out []string
	for _, seq := range strings.Split(s, "\x1b[")[1:] {
		params, _, ok := strings.Cut(seq, "m")
		if !ok {
			continue
		}
		parts := strings.Split(params, ";")
		for i := 0; i < len(parts); i++ {
			switch parts[i] {
			case "38", "48":
				if i+1 < len(parts) && parts[i+1] == "2" && i+4 < len(parts) {
					out = append(out, strings.Join(parts[i:i+5], ";"))
					i += 4
				} else if i+2 < len(parts) {
					out = append(out, strings.Join(parts[i:i+3], ";"))
					i += 2
				}
			default:
				if n := parts[i]; len(n) == 2 && (n[0] == '3' || n[0] == '4' || n[0] == '9') && n[1] != '8' {
					out = append(out, n)
				}
			}
		}
	}
	return out
}

func TestDarkFromCOLORFGBG(t *testing.T) {
	for v, want := range map[string]struct{ dark, ok bool }{
		"15;0": {true, true}, "0;15": {false, true}, "0;default;15": {false, true},
		"7;8": {true, true}, "0;7": {false, true}, "": {false, false}, "garbage": {false, false},
	} {
		dark, ok := DarkFromCOLORFGBG(v)
		if dark != want.dark || ok != want.ok {
			t.Errorf("COLORFGBG=%q: dark %v ok %v, want %v %v", v, dark, ok, want.dark, want.ok)
		}
	}
}
