// Package doc turns sessions, records and content into Markdown and renders
// it with Glamour: the pages the screens show, the patient's summary, the
// record's readable copy, and the printed handout and trainer scripts.
package doc

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"charm.land/glamour/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// Render renders Markdown to a width in a style. No line of the result is
// wider than width. The Markdown doc makes is drawn by the fast path (see
// fastRender); anything else, such as a clinic's own Markdown with a
// table or a link, by Glamour.
func Render(md string, width int, style string) (string, error) {
	if out, ok := fastRender(md, width, style); ok {
		return out, nil
	}
	return renderGlamour(md, width, style)
}

// renderGlamour is Render by Glamour, with a fresh renderer (building one
// costs microseconds, and a renderer must never be shared between
// goroutines), and its output cleaned up.
func renderGlamour(md string, width int, style string) (string, error) {
	out, err := glamourRender(md, width, style)
	if err != nil {
		return "", err
	}
	return rewrapWide(rejoinClosers(trimBlankLines(out)), width), nil
}

// glamourRender is Glamour's own output, padding and all.
func glamourRender(md string, width int, style string) (string, error) {
	cfg, err := glamourStyle(style)
	if err != nil {
		return "", err
	}
	// Glamour can run one cell past the wrap width on list items.
	r, err := glamour.NewTermRenderer(glamour.WithStyles(cfg), glamour.WithWordWrap(max(1, width-1)))
	if err != nil {
		return "", err
	}
	return r.Render(md)
}

// trimPadding drops the blank cells at the end of a line: spaces, and the
// colour codes Glamour wraps each padding space in (most of a dark page's
// bytes, and what a viewport re-measures on every scroll). A space stays
// when it would show: under a background, reverse video, underline,
// strike-through or a frame, until a full reset. A line cut inside a style
// gets a reset, so no style runs on into the next line.
func trimPadding(line string) string {
	cut := 0                          // end of what is kept
	styled, cutStyled := false, false // a style is in force (at the cut)
	shows := false                    // a blank here would show
	for i := 0; i < len(line); {
		if line[i] == '\x1b' {
			n, sgr, reset, marks := escape(line[i:])
			switch {
			case !sgr:
				cut, cutStyled = i+n, styled // keep every escape that is not a colour code
			case reset:
				styled, shows = false, false
			default:
				styled, shows = true, shows || marks
			}
			i += n
			continue
		}
		n := 1
		if line[i] != ' ' || shows {
			_, n = utf8.DecodeRuneInString(line[i:])
			cut, cutStyled = i+n, styled
		}
		i += n
	}
	if cut == len(line) {
		return line
	}
	if cutStyled {
		return line[:cut] + "\x1b[m"
	}
	return line[:cut]
}

// escape measures the escape sequence at the start of s. sgr is true for a
// colour code (CSI ... m); reset when it is a full reset, marks when it
// may make blanks visible (anything but a foreground colour, bold, faint,
// italic, blink or their ends).
func escape(s string) (n int, sgr, reset, marks bool) {
	if len(s) < 2 || s[1] != '[' {
		return min(len(s), 2), false, false, false // not a CSI: kept as text
	}
	end := 2
	for end < len(s) && (s[end] < 0x40 || s[end] > 0x7e) {
		end++
	}
	if end == len(s) || s[end] != 'm' {
		return min(len(s), end+1), false, false, false
	}
	params := strings.Split(s[2:end], ";")
	reset = true
	for j := 0; j < len(params); j++ {
		p := params[j]
		if p == "" || p == "0" {
			continue
		}
		reset = false
		switch {
		case p == "38" && j+1 < len(params) && params[j+1] == "5":
			j += 2
		case p == "38" && j+1 < len(params) && params[j+1] == "2":
			j += 4
		case len(p) == 1 && strings.Contains("12356", p),
			len(p) == 2 && (p[0] == '3' || p[0] == '9' || p == "22" || p == "23" || p == "25"):
			// foreground, bold, faint, italic, blink: a blank stays blank
		default:
			marks = true
		}
	}
	return end + 1, true, reset, marks
}

// closers are marks that must not start a line. Glamour breaks lines after
// a full stop, so the closing » of a quote ending in one could stand alone.
const closers = "»”’)]"

// rejoinClosers moves the word before a closing mark that starts a line
// down to it, as a plain word wrap would have.
func rejoinClosers(s string) string {
	lines := strings.Split(s, "\n")
	for i := 1; i < len(lines); i++ {
		at := firstVisible(lines[i])
		r, _ := utf8.DecodeRuneInString(lines[i][at:])
		cut := strings.LastIndex(lines[i-1], " ")
		if at == len(lines[i]) || !strings.ContainsRune(closers, r) || cut < 0 || strings.TrimSpace(xansi.Strip(lines[i-1][:cut])) == "" {
			continue
		}
		word := lines[i-1][cut+1:]
		lines[i-1] = lines[i-1][:cut]
		lines[i] = lines[i][:at] + word + lines[i][at:]
	}
	return strings.Join(lines, "\n")
}

// firstVisible is the byte offset of a line's first printed character
// other than a space, past any escape sequences; len(line) if none.
func firstVisible(line string) int {
	for i := 0; i < len(line); {
		switch {
		case line[i] == 0x1b && i+1 < len(line) && line[i+1] == '[':
			j := i + 2
			for j < len(line) && (line[j] < 0x40 || line[j] > 0x7e) {
				j++
			}
			i = j + 1
		case line[i] == ' ':
			i++
		default:
			return i
		}
	}
	return len(line)
}

// rewrapWide wraps any line still wider than width, so no text is ever cut
// off at the edge of the screen. Continuation lines keep the line's indent
// (a list bullet or quote bar becomes spaces); what the word wrap cannot
// break is broken at the width.
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
		for j := range parts {
			if j > 0 {
				parts[j] = indent + strings.TrimLeft(parts[j], " ")
			}
			// The word wrap leaves a word followed by hyphens or dots
			// whole (a chart's axis); it is cut at the edge instead.
			if xansi.StringWidth(parts[j]) > width {
				parts[j] = xansi.Hardwrap(parts[j], width, true)
			}
		}
		lines[i] = strings.Join(parts, "\n")
	}
	return strings.Join(lines, "\n")
}

// trimBlankLines drops the empty lines Glamour puts around a document and the
// padding it adds to the right of every line.
func trimBlankLines(s string) string { return trimLines(s, trimPadding) }

// trimLines trims each line with trim, then drops blank lines at both ends.
func trimLines(s string, trim func(string) string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = trim(l)
	}
	for len(lines) > 0 && strings.TrimSpace(xansi.Strip(lines[0])) == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && strings.TrimSpace(xansi.Strip(lines[len(lines)-1])) == "" {
		lines = lines[:len(lines)-1]
	}
	return strings.Join(lines, "\n")
}

// Plain is Markdown read plainly, for the moment before Glamour's rendering
// is ready: headings, emphasis and escapes lose their marks, list items
// get a bullet, comments are dropped, and every line is word-wrapped to
// width. It takes microseconds where rendering takes milliseconds.
func Plain(md string, width int) string {
	var out []string
	for _, l := range strings.Split(md, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "<!--") {
			continue
		}
		indent := l[:len(l)-len(strings.TrimLeft(l, " "))]
		t = strings.TrimLeft(t, "#")
		if rest, ok := strings.CutPrefix(t, "- "); ok {
			t = "• " + rest
		}
		t = plainEmphasis.ReplaceAllString(plainMarks.Replace(strings.TrimSpace(t)), "$1")
		out = append(out, xansi.Wordwrap(indent+t, max(1, width), ""))
	}
	return strings.Join(out, "\n")
}

var (
	plainMarks    = strings.NewReplacer("**", "", "__", "", "\\", "", "`", "")
	plainEmphasis = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
)
