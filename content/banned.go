package content

import (
	"bufio"
	"fmt"
	"hash"
	"io/fs"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BannedPhrase is one line of a banned.txt.
type BannedPhrase struct {
	Phrase string // as written
	File   string
	Line   int
}

func readBanned(fsys fs.FS, file string, h hash.Hash) ([]BannedPhrase, Problems) {
	lines, probs := readLines(fsys, file, h)
	var out []BannedPhrase
	for _, l := range lines {
		out = append(out, BannedPhrase{Phrase: l.text, File: file, Line: l.n})
	}
	return out, probs
}

// line is a non-blank, non-comment line of a plain-text content file.
type line struct {
	n    int
	text string
}

// readLines reads a plain-text content file into the content hash (unless
// h is nil) and returns its lines, NFC, trimmed, without blanks and "#"
// comments.
func readLines(fsys fs.FS, file string, h hash.Hash) ([]line, Problems) {
	var probs Problems
	raw, err := readFile(fsys, file)
	if err != nil {
		probs.add(file, 0, "cannot read: %v", err)
		return nil, probs
	}
	if h != nil {
		hashFile(h, file, raw)
	}
	if !utf8.Valid(raw) {
		probs.add(file, 0, "not valid UTF-8")
		return nil, probs
	}
	var out []line
	sc := bufio.NewScanner(strings.NewReader(NFC(string(raw))))
	for n := 1; sc.Scan(); n++ {
		text := strings.TrimSpace(sc.Text())
		if text != "" && !strings.HasPrefix(text, "#") {
			out = append(out, line{n, text})
		}
	}
	return out, probs
}

// hashFile adds a file's path and bytes to the content hash.
func hashFile(h hash.Hash, file string, raw []byte) {
	fmt.Fprintf(h, "%s\x00%d\x00", file, len(raw))
	h.Write(raw)
}

var quotation = regexp.MustCompile(`«[^»]*»`)

// FindBanned returns the banned phrases in text, matched as whole words with
// case and diacritics folded. Text between « and » quotes what must not be
// said, and is skipped.
func FindBanned(text string, banned []BannedPhrase) []string {
	return findBanned(text, banned, foldPhrases(banned))
}

// foldPhrases folds each phrase, once for a check of every line: they are
// folded only when content is checked, never at the start of an app that
// trusts its content.
func foldPhrases(banned []BannedPhrase) []string {
	folded := make([]string, len(banned))
	for i, b := range banned {
		folded[i] = Fold(b.Phrase)
	}
	return folded
}

// findBanned is FindBanned with the phrases folded ahead.
func findBanned(text string, banned []BannedPhrase, folded []string) []string {
	in := Fold(quotation.ReplaceAllString(text, " "))
	var found []string
	for i, b := range banned {
		if containsWords(in, folded[i]) {
			found = append(found, b.Phrase)
		}
	}
	return found
}

// containsWords reports whether phrase occurs in s with a word boundary on
// both sides, so "cure" does not match "secure".
func containsWords(s, phrase string) bool {
	if phrase == "" {
		return false
	}
	for i := 0; ; {
		j := strings.Index(s[i:], phrase)
		if j < 0 {
			return false
		}
		start, end := i+j, i+j+len(phrase)
		if !wordRuneBefore(s, start) && !wordRuneAt(s, end) {
			return true
		}
		i = start + 1
	}
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func wordRuneBefore(s string, i int) bool {
	r, n := utf8.DecodeLastRuneInString(s[:i])
	return n > 0 && isWordRune(r)
}

func wordRuneAt(s string, i int) bool {
	r, n := utf8.DecodeRuneInString(s[i:])
	return n > 0 && isWordRune(r)
}

// checkBanned scans a page's text (not its keywords: patients type words
// the app must not say) for banned phrases.
func checkBanned(p *Page, banned []BannedPhrase, folded []string) Problems {
	var probs Problems
	for i, line := range p.lines {
		if strings.HasPrefix(strings.TrimSpace(line), "keywords:") {
			continue
		}
		for _, phrase := range findBanned(line, banned, folded) {
			probs.add(p.File, i+1, "banned wording %q (see banned.txt); quote it between « and » only if it shows what must not be said", phrase)
		}
	}
	return probs
}
