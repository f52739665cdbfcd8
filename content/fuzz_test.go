package content

import (
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzParsePage: any bytes as one page. Problems name lines of the file,
// and a page without problems holds nothing that could reach a terminal
// as an escape sequence or nest without bound.
func FuzzParsePage(f *testing.F) {
	f.Add([]byte("---\nid: about\ntitle: About\n---\nText.\n\n<!-- section: talking-points -->\nPoints.\n"))
	f.Add([]byte("---\nid: x\n---\n&#x1b;]2;T&#7; [a](http://b) " + strings.Repeat("> ", 20) + "\n"))
	f.Add([]byte("\uFEFF---\r\nid: x\r\n---\r\n\u202e\u200b\x9b\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, probs := parsePage("en/pages/x.md", raw)
		lines := strings.Count(string(raw), "\n") + 1
		for _, pr := range probs {
			if pr.Line < 0 || pr.Line > lines {
				t.Fatalf("problem at line %d of a %d-line file: %v", pr.Line, lines, pr)
			}
		}
		if p == nil || len(probs) > 0 {
			return
		}
		for _, l := range strings.Split(p.Title+"\n"+p.Summary+"\n"+p.PatientText()+"\n"+strings.Join(p.Keywords, "\n"), "\n") {
			var again Problems
			lineProblems(&again, p.File, 1, l)
			if len(again) > 0 {
				t.Fatalf("a page without problems holds %q: %v", l, again)
			}
		}
	})
}

// FuzzLoad: the fixture folder with one page replaced. Load never panics,
// and content it accepts keeps every page free of unsafe text.
func FuzzLoad(f *testing.F) {
	base := fixture(f)
	f.Add(base["en/pages/pathway.md"].Data)
	f.Add([]byte("---\nid: pathway\ntitle: T\n---\nText &#27;.\n\n<!-- section: talking-points -->\nx\n"))
	f.Fuzz(func(t *testing.T, page []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		m["en/pages/pathway.md"] = &fstest.MapFile{Data: page}
		b, err := Load(m)
		if err != nil {
			return
		}
		p := b.Langs["en"].Pages["pathway"]
		for i, l := range p.lines {
			var again Problems
			lineProblems(&again, p.File, i+1, l)
			if len(again) > 0 {
				t.Fatalf("accepted content holds %q: %v", l, again)
			}
		}
	})
}

// FuzzFold: folding for banned-word search never panics and is stable.
func FuzzFold(f *testing.F) {
	f.Add("Bạn là ỨNG VIÊN", "ứng viên")
	f.Add("eligible\u0301", "Eligible")
	f.Fuzz(func(t *testing.T, text, phrase string) {
		if !utf8.ValidString(text) {
			return // content and typed text are UTF-8 before they are folded
		}
		if Fold(Fold(text)) != Fold(text) {
			t.Fatalf("Fold is not stable on %q", text)
		}
		FindBanned(text, []BannedPhrase{{Phrase: phrase}})
	})
}

// FuzzLoadAnyFile: any one file of the fixture folder (page, checklist
// item, group, quiz, persona, clinic facts, banned words) replaced, in
// either language. Load never panics, and content it accepts keeps every
// page free of unsafe text.
func FuzzLoadAnyFile(f *testing.F) {
	base := fixture(f)
	names := slices.Sorted(maps.Keys(base))
	f.Add(uint16(slices.Index(names, "en/clinic.txt")), []byte("name: &#27;]2;X&#7;Clinic\n"))
	f.Add(uint16(slices.Index(names, "vi/banned.txt")), []byte("\xff\x9b\n"))
	f.Add(uint16(0), base[names[0]].Data)
	f.Fuzz(func(t *testing.T, which uint16, data []byte) {
		m := maps.Clone(base)
		m[names[int(which)%len(names)]] = &fstest.MapFile{Data: data}
		b, err := Load(m)
		if err != nil {
			return
		}
		for _, lang := range b.Langs {
			for _, p := range lang.Pages {
				for i, l := range p.lines {
					var again Problems
					lineProblems(&again, p.File, i+1, l)
					if len(again) > 0 {
						t.Fatalf("accepted content holds %q: %v", l, again)
					}
				}
			}
		}
	})
}
