package content

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Limits on a content folder. Real pages are a few kilobytes and nest two
// levels; these bounds keep a broken or hostile folder from freezing the
// app while it renders (a 164-byte page of 80 nested quotes took 100 s).
const (
	MaxFileSize = 256 << 10 // bytes in one content file
	MaxDepth    = 6         // nested quotes and lists on one line
	MaxFiles    = 500       // files in one folder
)

// readFile reads one content file: a regular file (never a link out of the
// folder, a pipe that would block, or a device) no larger than
// MaxFileSize.
func readFile(fsys fs.FS, name string) ([]byte, error) {
	info, err := fs.Lstat(fsys, name)
	if err != nil {
		return nil, fsErr(err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%v); content files must be plain files inside the folder", info.Mode().Type())
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%d bytes; a content file may have at most %d KiB", info.Size(), MaxFileSize>>10)
	}
	f, err := fsys.Open(name)
	if err != nil {
		return nil, fsErr(err)
	}
	defer f.Close()
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead) // one allocation, unless the file grew since
	if _, err := buf.ReadFrom(io.LimitReader(f, MaxFileSize+1)); err != nil {
		return nil, fsErr(err)
	}
	raw := buf.Bytes()
	if len(raw) > MaxFileSize {
		return nil, fmt.Errorf("more than %d KiB; that is the most a content file may have", MaxFileSize>>10)
	}
	return raw, nil
}

// readDir lists a content folder that is a real folder, not a link.
func readDir(fsys fs.FS, dir string) ([]fs.DirEntry, error) {
	if info, err := fs.Lstat(fsys, dir); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, fmt.Errorf("a link; content folders must be real folders")
	}
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fsErr(err)
	}
	if len(entries) > MaxFiles {
		return nil, fmt.Errorf("%d entries; a content folder may have at most %d", len(entries), MaxFiles)
	}
	return entries, nil
}

var (
	listMarker = regexp.MustCompile(`^([-*+]|\d{1,9}[.)])(\s|$)`)
	charRef    = regexp.MustCompile(`&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});`)
	codeSpan   = regexp.MustCompile("`[^`]*`")
	// What Markdown (with the autolinks Glamour turns on) makes a link of;
	// a terminal shows a link as an escape sequence (OSC 8). Each pattern
	// runs only on lines holding its key character, to keep loading fast.
	linkPatterns = []struct {
		keys    []string // in lower case
		pattern *regexp.Regexp
	}{
		{[]string{"]"}, regexp.MustCompile(`\]\(|\]\[|^\s*\[[^\]]*\]:`)},
		{[]string{"<"}, regexp.MustCompile(`<[A-Za-z][A-Za-z0-9+.-]{1,31}:`)},
		{[]string{"http", "ftp:", "mailto:", "file:"}, regexp.MustCompile(`(?i)\b(https?|ftp|mailto|file):`)},
		{[]string{"www."}, regexp.MustCompile(`(?i)\bwww\.`)},
		{[]string{"@"}, regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z]`)},
	}
)

// nestingDepth counts the quotes and list items a line opens, and counts
// deep indentation (a list nested by spaces) as one level per 4 spaces.
func nestingDepth(line string) int {
	depth := 0
	for {
		trimmed := strings.TrimLeft(line, " \t")
		depth += (len(line) - len(trimmed)) / 4
		line = trimmed
		switch m := listMarker.FindString(line); {
		case strings.HasPrefix(line, ">"):
			line = strings.TrimPrefix(line[1:], " ")
		case m != "":
			line = line[len(m):]
		default:
			return depth
		}
		depth++
	}
}

// badReference finds a character reference (&#x1b;, &#27;, &ZeroWidthSpace;)
// that stands for a character a file may not hold as it is: Markdown
// decodes it, so it would reach the terminal all the same.
func badReference(line string) (ref string, r rune, ok bool) {
	if !strings.Contains(line, "&") {
		return "", 0, false
	}
	for _, ref := range charRef.FindAllString(line, -1) {
		for _, r := range html.UnescapeString(ref) {
			if _, bad := badRune(string(r)); bad {
				return ref, r, true
			}
		}
	}
	return "", 0, false
}

// findLink finds what Markdown would make a link of, outside code spans.
func findLink(line string) string {
	if strings.Contains(line, "`") {
		line = codeSpan.ReplaceAllString(line, "``")
	}
	lower := strings.ToLower(line)
	for _, p := range linkPatterns {
		if !slices.ContainsFunc(p.keys, func(k string) bool { return strings.Contains(lower, k) }) {
			continue
		}
		if link := p.pattern.FindString(line); link != "" {
			return link
		}
	}
	return ""
}

// badRune finds a character no file may hold: a control character other
// than tab (it would drive the terminal), a line or paragraph separator,
// or an invisible format character (bidi controls, zero-width characters,
// soft hyphens), which can reorder or hide text from the reader.
func badRune(s string) (rune, bool) {
	for _, r := range s {
		if r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029') {
			return r, true
		}
	}
	return 0, false
}

// lineProblems are the checks every line of a Markdown file gets.
func lineProblems(probs *Problems, file string, n int, l string) {
	if r, ok := badRune(l); ok {
		if unicode.IsControl(r) {
			probs.add(file, n, "control character %U is not allowed", r)
		} else {
			probs.add(file, n, "invisible character %U is not allowed: it can reorder or hide text", r)
		}
	}
	if ref, r, ok := badReference(l); ok {
		probs.add(file, n, "character reference %s stands for %U, which is not allowed", ref, r)
	}
	if link := findLink(l); link != "" {
		probs.add(file, n, "%q makes a link, and a terminal shows links as escape sequences; write an address in backticks, e.g. `clinic.example.vn`", link)
	}
	if d := nestingDepth(l); d > MaxDepth {
		probs.add(file, n, "nested %d levels deep (quotes, lists or indentation); at most %d", d, MaxDepth)
	}
}
