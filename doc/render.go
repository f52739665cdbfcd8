// Package doc turns sessions, records and content into Markdown and renders
// it with Glamour: the pages the screens show, the patient's summary, the
// record's readable copy, and the printed handout and trainer scripts.
package doc

import (
	"strings"
	"unicode/utf8"

	"charm.land/glamour/v2"
	xansi "github.com/charmbracelet/x/ansi"
)

// Render renders Markdown to a width in a style, with a fresh renderer:
// building one costs microseconds, and a renderer must never be shared
// between goroutines. No line of the result is wider than width.
func Render(md string, width int, style string) (string, error) {
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
	return rewrapWide(rejoinClosers(trimBlankLines(out)), width), nil
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
