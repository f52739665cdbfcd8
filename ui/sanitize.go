package ui

import "strings"

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

// invisible reports the format characters a reader cannot see.
func invisible(r rune) bool {
	switch {
	case r >= '\u200b' && r <= '\u200f', // zero-width space, joiners, LRM, RLM
		r >= '\u2028' && r <= '\u202e', // separators, bidi embeddings and overrides
		r >= '\u2060' && r <= '\u2069', // word joiner, invisible operators, bidi isolates
		r == '\u061c', r == '\ufeff':
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
