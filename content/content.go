// Package content loads the counseling text: one Markdown file per page per
// language, with a small front matter and named sections. It reads any fs.FS
// with the layout described in FORMAT.md, so a clinic can use its own folder,
// and the app's own copy is embedded.
package content

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"path"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/unicode/norm"

	"stemcounsel/model"
)

//go:embed data
var embedded embed.FS

// Embedded returns the content that ships with the app.
func Embedded() fs.FS {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	return sub
}

// TalkingPoints is the section for the clinician only; it never reaches
// patient text.
const TalkingPoints = "talking-points"

// Section is a named part of a page.
type Section struct {
	Name string
	Body string
	Line int // line of the marker (or of the first body line for intro)
}

// Page is one page in one language.
type Page struct {
	File       string // path inside the content folder, for messages
	ID         string
	Title      string
	Status     string
	Evidence   string
	Summary    string
	Keywords   []string
	ReviewedBy string
	ReviewedOn string
	// ReviewedHash is the page's hash as signed off; Lapsed is set when the
	// page has changed since, and it then shows as a draft again.
	ReviewedHash string
	Lapsed       bool
	// Knowledge-check questions (and, for Group, personas) only.
	Answer, Group, Expectation string
	// Personas only: the checklist as the persona answers it.
	Answers string
	// Measures only: the definition's keys (MeasureKeys).
	Fields   map[string]string
	Sections []Section

	keyLines map[string]int
	lines    []string // the file's lines, NFC, for checks that name a line
}

// IsPlaceholder reports whether the page only announces a step still to come.
func (p *Page) IsPlaceholder() bool { return p.Status == "placeholder" }

// Reviewed reports whether a clinician signed off this page as it is now.
func (p *Page) Reviewed() bool { return p.ReviewedBy != "" && p.ReviewedOn != "" && !p.Lapsed }

// Section returns a section's text.
func (p *Page) Section(name string) (string, bool) {
	for _, s := range p.Sections {
		if s.Name == name {
			return s.Body, true
		}
	}
	return "", false
}

// SectionNames lists the sections in order.
func (p *Page) SectionNames() []string {
	names := make([]string, len(p.Sections))
	for i, s := range p.Sections {
		names[i] = s.Name
	}
	return names
}

// PatientText is the body a patient may see: every section but the
// clinician's.
func (p *Page) PatientText() string {
	var parts []string
	for _, s := range p.Sections {
		if s.Name == TalkingPoints || s.Body == "" {
			continue
		}
		parts = append(parts, s.Body)
	}
	return drawFigures(strings.Join(parts, "\n\n"), p.lang())
}

// lang is the language of the folder the page is in.
func (p *Page) lang() model.Lang {
	first, _, _ := strings.Cut(p.File, "/")
	return model.Lang(first)
}

// Set is the pages of one language.
type Set struct {
	Pages     map[string]*Page // by step id
	Groups    map[string]*Page // by group id
	Checklist map[string]*Page // by item id
	Quiz      map[string]*Page // by question id
	Personas  map[string]*Page // by persona id
	Measures  map[string]*Page // by measure id
}

// Bundle is a loaded content folder.
type Bundle struct {
	// Releases are the content's released versions, oldest first.
	Releases []Release
	Langs    map[model.Lang]*Set
	// GroupIDs lists the groups in the order they are offered: the app's
	// known order first, then any the clinic added, then "not listed".
	GroupIDs []string
	// ChecklistIDs lists the checklist items in the order asked: the
	// defaults, then any the clinic added.
	ChecklistIDs []string
	// QuizIDs lists the knowledge-check questions by id.
	QuizIDs []string
	// PersonaIDs lists the trainer's personas by id.
	PersonaIDs []string
	// Banned is every phrase of both languages' banned.txt.
	Banned []BannedPhrase
	// Clinic holds each language's clinic facts; empty values are facts
	// the clinic has not provided.
	Clinic map[model.Lang]map[string]string
	// Hash identifies exactly the content used: a short SHA-256 of every
	// file's path and bytes.
	Hash string
	// Measures are the follow-up's instruments the content declares, in
	// the order they are asked.
	Measures model.Measures
}

// Consent is the consent page of a language, nil if there is none.
func (b *Bundle) Consent(lang model.Lang) *Page {
	if set := b.Langs[lang]; set != nil {
		return set.Pages[ConsentPage]
	}
	return nil
}

// ConsentText is the consent question exactly as shown to the patient:
// the page's title and text, with the days an unfinished record is kept
// and the clinic's facts filled in (missing for a fact not given). Its hash
// is kept as the evidence of what the patient read.
func (b *Bundle) ConsentText(lang model.Lang, retainDays int, missing string) (title, body string) {
	p := b.Consent(lang) // the validator requires it
	body = strings.ReplaceAll(p.PatientText(), ConsentDays, strconv.Itoa(retainDays))
	return p.Title, b.FillClinic(lang, body, missing)
}

// Page returns a step's page in a language. Group steps return the group page.
func (b *Bundle) Page(lang model.Lang, step model.StepID) *Page {
	set := b.Langs[lang]
	if set == nil {
		return nil
	}
	if g, ok := step.Group(); ok {
		return set.Groups[g]
	}
	return set.Pages[string(step)]
}

// Item returns a checklist item in a language.
func (b *Bundle) Item(lang model.Lang, id string) *Page {
	if set := b.Langs[lang]; set != nil {
		return set.Checklist[id]
	}
	return nil
}

// Group returns a group's page in a language.
func (b *Bundle) Group(lang model.Lang, id string) *Page {
	if set := b.Langs[lang]; set != nil {
		return set.Groups[id]
	}
	return nil
}

// Load reads and validates a content folder. On any problem it returns the
// full list, each naming its file and line.
func Load(fsys fs.FS) (*Bundle, error) { return load(fsys, false) }

// LoadBuiltIn reads the content the app ships with. When its hash is a
// release listed in its releases.txt, it was validated by the tests that
// ship it (TestEmbeddedContentIsValid), and the checks of every line and
// page, most of the start-up time, are skipped; any other hash is
// validated in full, as a --content folder and check always are.
func LoadBuiltIn() (*Bundle, error) { return load(Embedded(), true) }

// pageFile is a page's file, read and hashed, waiting to be parsed into
// its set.
type pageFile struct {
	set  map[string]*Page
	file string
	raw  []byte
}

// parsedFile is a page as parseLines returns it.
type parsedFile struct {
	page  *Page
	probs Problems
	lines []string
}

func load(fsys fs.FS, trustReleased bool) (*Bundle, error) {
	b := &Bundle{Langs: map[model.Lang]*Set{}, Clinic: map[model.Lang]map[string]string{}}
	var probs Problems
	var files []pageFile
	h := sha256.New()
	for _, lang := range model.Langs {
		set := &Set{Pages: map[string]*Page{}, Groups: map[string]*Page{}, Checklist: map[string]*Page{}, Quiz: map[string]*Page{}, Personas: map[string]*Page{}, Measures: map[string]*Page{}}
		b.Langs[lang] = set
		clinic, cp := readClinic(fsys, path.Join(string(lang), "clinic.txt"), h)
		b.Clinic[lang] = clinic
		probs = append(probs, cp...)
		banned, bp := readBanned(fsys, path.Join(string(lang), "banned.txt"), h)
		b.Banned = append(b.Banned, banned...)
		probs = append(probs, bp...)
		extra, ep := readExtraBanned(fsys, lang, h)
		b.Banned = append(b.Banned, extra...)
		probs = append(probs, ep...)
		for _, kind := range []struct {
			dir string
			set map[string]*Page
		}{{"pages", set.Pages}, {"groups", set.Groups}, {"checklist", set.Checklist}, {"quiz", set.Quiz}, {"personas", set.Personas}, {"measures", set.Measures}} {
			dir := path.Join(string(lang), kind.dir)
			entries, err := readDir(fsys, dir)
			if err != nil {
				probs.add(dir, 0, "cannot read folder: %v", err)
				continue
			}
			for _, e := range entries {
				if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
					continue
				}
				file := path.Join(dir, e.Name())
				raw, err := readFile(fsys, file)
				if err != nil {
					probs.add(file, 0, "cannot read: %v", err)
					continue
				}
				hashFile(h, file, raw)
				files = append(files, pageFile{kind.set, file, raw})
			}
		}
	}
	b.Hash = hex.EncodeToString(h.Sum(nil))[:12]
	var rp, mp Problems
	b.Releases, rp = readReleases(fsys)
	probs = append(probs, rp...)
	_, released := b.Current()
	trusted := trustReleased && released && len(probs) == 0
	parsed := parseFiles(files, trusted)
	for i, f := range files {
		probs = append(probs, parsed[i].probs...)
		if p := parsed[i].page; p != nil {
			f.set[p.ID] = p
		}
	}
	b.GroupIDs = groupOrder(slices.Collect(maps.Keys(b.Langs[model.LangVI].Groups)))
	b.ChecklistIDs = checklistOrder(b.Langs[model.LangVI].Checklist)
	b.QuizIDs = quizOrder(b.Langs[model.LangVI].Quiz)
	b.PersonaIDs = personaOrder(b.Langs[model.LangVI].Personas)
	b.Measures, mp = readMeasures(b) // the screens, FHIR and the stop point all read them
	probs = append(probs, mp...)
	if !trusted || len(probs) > 0 {
		for i, f := range files {
			probs = append(probs, checkLines(f.file, parsed[i].lines)...)
		}
		probs = append(probs, Validate(b)...)
		probs = append(probs, checkFigures(b)...)
		probs = append(probs, checkValues(b)...)
		probs = append(probs, checkReleases(b)...)
	}
	if len(probs) > 0 {
		probs.locate(fsys)
		probs.sort()
		return nil, probs
	}
	b.fillReadingMinutes()
	return b, nil
}

// parseFiles parses the pages on every core: each file is parsed alone.
// Trusted files, a listed release of the built-in content, are NFC
// already (TestEmbeddedContentIsNFCAndHasNoVS16) and are not normalised
// again.
func parseFiles(files []pageFile, trusted bool) []parsedFile {
	out := make([]parsedFile, len(files))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(files); i = int(next.Add(1)) - 1 {
				out[i].page, out[i].probs, out[i].lines = parseLines(files[i].file, files[i].raw, trusted)
			}
		})
	}
	wg.Wait()
	return out
}

// BuiltInGroupIDs are the built-in content's GroupIDs, read from its file
// names (each page's id is its file's name) without loading it: the
// app checks --group with them while the content loads.
func BuiltInGroupIDs() []string {
	entries, err := fs.ReadDir(Embedded(), path.Join(string(model.LangVI), "groups"))
	if err != nil {
		panic(err) // the embed directive guarantees the folder
	}
	var ids []string
	for _, e := range entries {
		if id, ok := strings.CutSuffix(e.Name(), ".md"); ok && !e.IsDir() {
			ids = append(ids, id)
		}
	}
	return groupOrder(ids)
}

func groupOrder(ids []string) []string {
	var known, extra []string
	for _, id := range model.Groups {
		if slices.Contains(ids, id) && id != model.NotListed {
			known = append(known, id)
		}
	}
	for _, id := range ids {
		if !slices.Contains(model.Groups, id) {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	out := append(known, extra...)
	if slices.Contains(ids, model.NotListed) {
		out = append(out, model.NotListed)
	}
	return out
}

func checklistOrder(items map[string]*Page) []string {
	var out, extra []string
	for _, id := range model.DefaultChecklist {
		if _, ok := items[id]; ok {
			out = append(out, id)
		}
	}
	for id := range items {
		if !slices.Contains(model.DefaultChecklist, id) {
			extra = append(extra, id)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}

// fsErr drops the path an fs error repeats, since messages name the file.
func fsErr(err error) error {
	if pe, ok := errors.AsType[*fs.PathError](err); ok {
		return pe.Err
	}
	return err
}

// NFC normalises text to composed form, the form the app stores and compares.
func NFC(s string) string { return norm.NFC.String(s) }
