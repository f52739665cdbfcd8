package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"stemcounsel/model"
)

// sanitizeInput is the one cleaning of text from a keyboard, a paste or a
// record before the screen shows or the session keeps it. It drops what
// could reach the terminal as a control sequence (C0 and C1 controls, DEL)
// and what changes how text reads without being seen: line and paragraph
// separators, bidirectional controls, zero-width characters.
func sanitizeInput(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || invisible(r) {
			return -1
		}
		return r
	}, s)
}

// invisible reports the format characters a reader cannot see: every
// Unicode format character (zero-width spaces and joiners, bidi marks,
// embeddings, overrides and isolates, the soft hyphen, the byte-order
// mark), and the line and paragraph separators. Terminals and width
// tables disagree on how wide they are, so a line holding one may
// overflow its box.
func invisible(r rune) bool {
	switch {
	case r < 0xa0:
		return false
	case unicode.Is(unicode.Cf, r), r == '\u2028', r == '\u2029':
		return true
	}
	return false
}

// maxPaste is the most of a paste any field keeps (the longest field takes
// 200 characters); the rest is never looked at.
const maxPaste = 1000

var lineBreaks = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ", "\t", " ")

// pasteText makes a paste fit a one-line field: line breaks and tabs
// become spaces, runs of spaces one, then it is cleaned like typed text.
func pasteText(s string) string {
	if len(s) > 4*maxPaste { // UTF-8: at most 4 bytes a character
		s = s[:4*maxPaste]
	}
	s = lineBreaks.Replace(s)
	s = collapseSpaces(sanitizeInput(strings.ToValidUTF8(s, "")))
	if r := []rune(s); len(r) > maxPaste {
		s = string(r[:maxPaste])
	}
	return s
}

// collapseSpaces makes each run of spaces one space; a lone space stays,
// so an unbracketed paste arriving key by key keeps its words apart.
func collapseSpaces(s string) string {
	for strings.Contains(s, "  ") {
		s = strings.ReplaceAll(s, "  ", " ")
	}
	return s
}

// safeFrame is the last cleaning of every frame before the terminal gets
// it, whatever a page, a record or a keyboard put into it: it keeps text,
// line breaks, colour and style (ESC [ … m) and hyperlinks (OSC 8), and
// drops every other escape sequence whole, other control characters, C1
// characters, invalid UTF-8 and the invisible characters of
// sanitizeInput. A frame with nothing to drop is returned as it is.
func safeFrame(s string) string {
	var b strings.Builder
	kept, dirty := 0, false // s[:kept] is written to b once anything is dropped
	drop := func(from, to int) {
		if !dirty {
			b.Grow(len(s))
			dirty = true
		}
		b.WriteString(s[kept:from])
		kept = to
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			n, keep := escapeAt(s[i:])
			if !keep {
				drop(i, i+n)
			}
			i += n
		case c == '\n' || (c >= 0x20 && c < 0x7f):
			i++
		case c < 0x80: // C0 controls and DEL
			drop(i, i+1)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && n == 1) || (r >= 0x80 && r < 0xa0) || invisible(r) {
				drop(i, i+n)
			}
			i += n
		}
	}
	if !dirty {
		return s
	}
	b.WriteString(s[kept:])
	return b.String()
}

// escapeAt measures the escape sequence at the start of s and says whether
// a frame may keep it: only SGR and OSC 8 hyperlinks.
func escapeAt(s string) (n int, keep bool) {
	if len(s) < 2 {
		return len(s), false
	}
	switch s[1] {
	case '[': // CSI: parameters, intermediates, one final byte
		i := 2
		for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
			i++
		}
		params := s[2:i]
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i >= len(s) || s[i] < 0x40 || s[i] > 0x7e {
			return i, false
		}
		sgr := s[i] == 'm' && i == 2+len(params) && strings.Trim(params, "0123456789;:") == ""
		return i + 1, sgr
	case ']', 'P', 'X', '^', '_': // strings, ended by BEL or ESC \
		for i := 2; i < len(s); i++ {
			switch {
			case s[i] == 0x07:
				return i + 1, s[1] == ']' && strings.HasPrefix(s[2:], "8;")
			case s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\':
				return i + 2, s[1] == ']' && strings.HasPrefix(s[2:], "8;")
			}
		}
		return len(s), false
	}
	_, n = utf8.DecodeRuneInString(s[1:])
	return 1 + n, false
}

// cleanSession cleans the free text of a session read from a record, as
// if it had been typed now: a record edited on disk shows nothing raw.
func cleanSession(s *model.Session) {
	s.PatientRef = sanitizeInput(s.PatientRef)
	for i := range s.Questions {
		s.Questions[i].Text = sanitizeInput(s.Questions[i].Text)
	}
	for id, note := range s.Notes {
		s.Notes[id] = sanitizeInput(note)
	}
}
