package content

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

var sectionName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// markerSpace is the white space of a section marker, \s of a regular
// expression.
const markerSpace = "\t\n\f\r "

// sectionMarker reads a line "<!-- section: NAME -->", spaces allowed
// around each part, and returns NAME. It matches exactly what the
// expression ^<!--\s*section:\s*(\S*)\s*-->\s*$ does, without running one
// for every line of every page at start-up.
func sectionMarker(line string) (name string, ok bool) {
	rest, ok := strings.CutPrefix(line, "<!--")
	if !ok {
		return "", false
	}
	rest, ok = strings.CutPrefix(strings.TrimLeft(rest, markerSpace), "section:")
	if !ok {
		return "", false
	}
	rest, ok = strings.CutSuffix(strings.Trim(rest, markerSpace), "-->")
	name = strings.TrimRight(rest, markerSpace)
	if !ok || strings.ContainsAny(name, markerSpace) {
		return "", false
	}
	return name, true
}

// frontKeys are the front-matter keys a page may have, in the order the
// "unknown key" message lists them.
var frontKeys = []string{"id", "title", "status", "evidence", "summary", "keywords", "reviewed_by", "reviewed_on", "reviewed_hash", "answer", "group", "expectation", "answers"}

// frontField is where each plain front-matter key is stored ("keywords" is
// a list and handled apart).
func (p *Page) frontField(key string) *string {
	switch key {
	case "id":
		return &p.ID
	case "title":
		return &p.Title
	case "status":
		return &p.Status
	case "evidence":
		return &p.Evidence
	case "summary":
		return &p.Summary
	case "reviewed_by":
		return &p.ReviewedBy
	case "reviewed_on":
		return &p.ReviewedOn
	case "reviewed_hash":
		return &p.ReviewedHash
	case "answer":
		return &p.Answer
	case "group":
		return &p.Group
	case "expectation":
		return &p.Expectation
	case "answers":
		return &p.Answers
	}
	return nil
}

// parsePage reads one file and checks each of its lines. It returns nil
// when the file cannot be used at all.
func parsePage(file string, raw []byte) (*Page, Problems) {
	p, probs, lines := parseLines(file, raw, false)
	return p, append(probs, checkLines(file, lines)...)
}

// checkLines runs the checks every line of a page gets.
func checkLines(file string, lines []string) Problems {
	var probs Problems
	for i, l := range lines {
		lineProblems(&probs, file, i+1, l)
		if strings.ContainsRune(l, '\uFE0F') {
			probs.add(file, i+1, "emoji variation selector U+FE0F misaligns terminals; use an emoji without it")
		}
	}
	return probs
}

// parseLines reads one file and returns its lines, leaving them to
// checkLines. A trusted file, a listed release of the built-in content, is
// known to be UTF-8 and NFC and is not checked or normalised again.
func parseLines(file string, raw []byte, trusted bool) (_ *Page, probs Problems, lines []string) {
	if !trusted && !utf8.Valid(raw) {
		probs.add(file, 0, "not valid UTF-8")
		return nil, probs, nil
	}
	if rest, ok := strings.CutPrefix(string(raw), "\uFEFF"); ok {
		probs.add(file, 1, "the file starts with a byte-order mark; save it as UTF-8 without one")
		raw = []byte(rest)
	}
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	if !trusted {
		text = NFC(text)
	}
	lines = strings.Split(text, "\n")

	if len(lines) == 0 || strings.TrimSpace(lines[0]) != "---" {
		probs.add(file, 1, "front matter missing: the file must start with a line \"---\"")
		return nil, probs, lines
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		probs.add(file, 1, "front matter not closed: no second line \"---\"")
		return nil, probs, lines
	}

	p := &Page{File: file, keyLines: map[string]int{}, lines: lines}
	for i := 1; i < end; i++ {
		line := lines[i]
		if strings.TrimSpace(line) == "" {
			continue
		}
		key, val, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		val = strings.TrimSpace(val)
		if !ok || key == "" {
			probs.add(file, i+1, "front matter line must be \"key: value\"")
			continue
		}
		if _, dup := p.keyLines[key]; dup {
			probs.add(file, i+1, "front matter key %q given twice", key)
			continue
		}
		p.keyLines[key] = i + 1
		switch field := p.frontField(key); {
		case key == "keywords":
			for _, k := range strings.Split(val, ",") {
				if k = strings.TrimSpace(k); k != "" {
					p.Keywords = append(p.Keywords, k)
				}
			}
		case field != nil:
			*field = val
		case isMeasureFile(file) && slices.Contains(MeasureKeys, key):
			if p.Fields == nil {
				p.Fields = map[string]string{}
			}
			p.Fields[key] = val
		case isMeasureFile(file):
			probs.add(file, i+1, "unknown front matter key %q (known: %s)", key, strings.Join(append(slices.Clone(frontKeys), MeasureKeys...), ", "))
		default:
			probs.add(file, i+1, "unknown front matter key %q (known: %s)", key, strings.Join(frontKeys, ", "))
		}
	}

	// A section's body is the text between its marker and the next, kept
	// as part of the file's text rather than a copy of its lines.
	at := 0 // where lines[i] starts in text
	for _, l := range lines[:end+1] {
		at += len(l) + 1
	}
	cur := Section{Name: "intro", Line: end + 2}
	bodyStart := min(at, len(text)) // the front matter may end the file
	flush := func(bodyEnd int) {
		cur.Body = strings.TrimSpace(text[bodyStart:max(bodyStart, bodyEnd)])
		if cur.Name != "intro" || cur.Body != "" {
			p.Sections = append(p.Sections, cur)
		}
	}
	for i := end + 1; i < len(lines); i, at = i+1, at+len(lines[i])+1 {
		line := lines[i]
		if name, ok := sectionMarker(line); ok {
			flush(at - 1)                              // up to the line break before the marker
			bodyStart = min(at+len(line)+1, len(text)) // the marker may end the file
			if !sectionName.MatchString(name) {
				probs.add(file, i+1, "section name %q must be lowercase words joined by \"-\"", name)
			}
			for _, s := range p.Sections {
				if s.Name == name {
					probs.add(file, i+1, "section %q given twice", name)
				}
			}
			cur = Section{Name: name, Line: i + 1}
			continue
		}
		if strings.HasPrefix(strings.TrimSpace(line), "<!--") && strings.Contains(line, "section") {
			probs.add(file, i+1, "malformed section marker; write <!-- section: NAME -->")
		}
		if strings.HasPrefix(line, "# ") {
			probs.add(file, i+1, "no \"#\" title in the body: the app shows the front matter title")
		}
	}
	flush(len(text))
	p.Lapsed = p.ReviewedBy != "" && p.ReviewedHash != reviewHash(lines)
	return p, probs, lines
}
