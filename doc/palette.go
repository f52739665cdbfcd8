package doc

import (
	"fmt"
	"image/color"
	"math"
	"reflect"
	"slices"
	"strings"

	"charm.land/glamour/v2/ansi"
	gstyles "charm.land/glamour/v2/styles"
	"charm.land/lipgloss/v2"
)

// StyleNames are the styles accepted by --style. auto and high-contrast
// follow the terminal's background: until the terminal says what it is,
// they draw in the terminal's own colours, which read on any background.
var StyleNames = []string{"auto", "dark", "light", "high-contrast", "ascii"}

// Render styles: what a page is drawn in once the background is known.
// Both uses no colour at all, so it reads on a light and a dark terminal.
const (
	StyleDark      = "dark"
	StyleLight     = "light"
	StyleBoth      = "both"
	StyleHighDark  = "high-contrast-dark"
	StyleHighLight = "high-contrast-light"
	StyleASCII     = "ascii"
)

// PlainStyle is the style for output that is not a terminal: no escape
// sequences at all.
const PlainStyle = "notty"

// Palette is a render style's colours, as xterm-256 hex values so that a
// 256-colour terminal shows exactly them. "" is the terminal's own colour.
// Backgrounds are the backgrounds the style is meant for; every text colour
// keeps its contrast against each of them (see the contrast test).
type Palette struct {
	Backgrounds []string
	MinContrast float64

	Body, Muted, Accent, Notice string
	OnAccent                    string // text on an Accent background (a focused button)
	Focus                       string // background of a focused option, under Body
	Faint                       string // background of a button, under Body; the empty progress bar
	Badge, OnBadge              string
}

// Colourless reports whether the palette leaves every colour to the terminal.
func (p Palette) Colourless() bool { return p.Body == "" && p.Accent == "" && p.Focus == "" }

var (
	darkBackgrounds  = []string{"#000000", "#1e1e1e", "#282828"}
	lightBackgrounds = []string{"#ffffff", "#fdf6e3", "#eeeeee"}
)

var palettes = map[string]Palette{
	StyleDark: {Backgrounds: darkBackgrounds, MinContrast: 4.5,
		Body: "#e4e4e4", Muted: "#b2b2b2", Accent: "#5fafff", Notice: "#ffaf00",
		OnAccent: "#000000", Focus: "#005f87", Faint: "#444444", Badge: "#af5f00", OnBadge: "#ffffff"},
	StyleLight: {Backgrounds: lightBackgrounds, MinContrast: 4.5,
		Body: "#1c1c1c", Muted: "#585858", Accent: "#005faf", Notice: "#875f00",
		OnAccent: "#ffffff", Focus: "#afd7ff", Faint: "#d0d0d0", Badge: "#af5f00", OnBadge: "#ffffff"},
	StyleHighDark: {Backgrounds: darkBackgrounds, MinContrast: 7,
		Body: "#ffffff", Muted: "#d0d0d0", Accent: "#87d7ff", Notice: "#ffd700",
		OnAccent: "#000000", Focus: "#00005f", Faint: "#3a3a3a", Badge: "#ffd700", OnBadge: "#000000"},
	StyleHighLight: {Backgrounds: lightBackgrounds, MinContrast: 7,
		Body: "#000000", Muted: "#3a3a3a", Accent: "#000087", Notice: "#5f0000",
		OnAccent: "#ffffff", Focus: "#d7d7ff", Faint: "#d0d0d0", Badge: "#5f0000", OnBadge: "#ffffff"},
	StyleBoth:  {},
	StyleASCII: {},
	PlainStyle: {},
}

// RenderStyles are all the styles a page can be drawn in.
func RenderStyles() []string {
	names := make([]string, 0, len(palettes))
	for n := range palettes {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// PaletteOf returns a render style's palette.
func PaletteOf(style string) (Palette, bool) {
	p, ok := palettes[style]
	return p, ok
}

// ForBackground is the render style for a --style choice once the
// background is known to be dark or light.
func ForBackground(choice string, dark bool) string {
	switch choice {
	case "auto", "":
		return map[bool]string{true: StyleDark, false: StyleLight}[dark]
	case "high-contrast":
		return map[bool]string{true: StyleHighDark, false: StyleHighLight}[dark]
	}
	return choice
}

// Unknown is the render style for a --style choice while the background is
// not known; the fixed styles are themselves.
func Unknown(choice string) string {
	if choice == "auto" || choice == "" || choice == "high-contrast" {
		return StyleBoth
	}
	return choice
}

// Follows reports whether a --style choice waits for the background.
func Follows(choice string) bool { return Unknown(choice) == StyleBoth }

// DarkFromCOLORFGBG reads the COLORFGBG variable some terminals set
// ("15;0": white on black); ok is false when it says nothing usable. The
// background is its last field, an ANSI colour number: 0-6 and 8 are dark.
func DarkFromCOLORFGBG(v string) (dark, ok bool) {
	if v == "" {
		return false, false
	}
	fields := strings.Split(v, ";")
	var bg int
	if _, err := fmt.Sscanf(fields[len(fields)-1], "%d", &bg); err != nil || bg < 0 || bg > 15 {
		return false, false
	}
	return bg <= 6 || bg == 8, true
}

// Color turns a palette entry into a colour; "" is no colour.
func Color(hex string) color.Color {
	if hex == "" {
		return lipgloss.NoColor{}
	}
	return lipgloss.Color(hex)
}

// Contrast is the WCAG 2 contrast ratio of two "#rrggbb" colours, 1 to 21.
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(hex string) float64 {
	var r, g, b uint8
	if _, err := fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b); err != nil {
		panic(fmt.Sprintf("colour %q is not #rrggbb", hex))
	}
	lin := func(c uint8) float64 {
		s := float64(c) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// glamourStyle builds a render style's Glamour style: the layout of
// Glamour's dark style (ascii's for the ascii and plain styles), with every
// colour taken out and the palette's put in. The document margin is
// removed: the app's layout owns the margins, so widths add up exactly.
func glamourStyle(name string) (ansi.StyleConfig, error) {
	p, ok := palettes[name]
	if !ok {
		return ansi.StyleConfig{}, fmt.Errorf("unknown style %q (valid: %s)", name, strings.Join(StyleNames, ", "))
	}
	base := gstyles.DarkStyleConfig
	switch name {
	case StyleASCII:
		base = gstyles.ASCIIStyleConfig
	case PlainStyle:
		base = gstyles.NoTTYStyleConfig
	}
	cfg := base
	cfg.CodeBlock.Chroma = nil // the one nested pointer; never touch Glamour's own
	clearColours(reflect.ValueOf(&cfg).Elem())
	zero := uint(0)
	cfg.Document.Margin = &zero
	if name == PlainStyle || name == StyleASCII {
		return cfg, nil
	}
	// Colour or boldness marks the headings; the literal "##" would only be noise.
	cfg.H2.Prefix, cfg.H3.Prefix = "", ""
	cfg.H1.Prefix, cfg.H1.Suffix = "", ""
	set := func(hex string) *string {
		if hex == "" {
			return nil
		}
		return &hex
	}
	cfg.Document.Color = set(p.Body)
	cfg.Heading.Color = set(p.Accent)
	cfg.H1.Color = set(p.Accent)
	cfg.Link.Color = set(p.Accent)
	cfg.LinkText.Color = set(p.Accent)
	cfg.Code.Color = set(p.Accent)
	cfg.HorizontalRule.Color = set(p.Muted)
	cfg.BlockQuote.Color = set(p.Muted)
	return cfg, nil
}

// clearColours sets every Color and BackgroundColor in a style copy to nil.
// It follows struct values only: a pointer would lead into Glamour's shared
// default styles.
func clearColours(v reflect.Value) {
	t := v.Type()
	for i := range v.NumField() {
		f := v.Field(i)
		switch name := t.Field(i).Name; {
		case name == "Color" || name == "BackgroundColor":
			f.SetZero()
		case f.Kind() == reflect.Struct:
			clearColours(f)
		}
	}
}
