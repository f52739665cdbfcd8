package ui

import (
	"encoding/binary"
	"encoding/json"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	tea "charm.land/bubbletea/v2"

	"stemcounsel/content"
	"stemcounsel/doc"
	"stemcounsel/model"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzInput is the random-input driver steered by the fuzzer: the bytes
// choose the session and the events, and every check of the driver holds.
func FuzzInput(f *testing.F) {
	f.Add([]byte{4, 0x10, 0x80, 0x33, 0xff, 0x01, 0x7f, 0x20})
	f.Add([]byte("a kiosk, a dialog, a small window and q"))
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
	d := newDriver(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		seq := drawSequenceFrom(uint64(data[0]), rand.New(&byteSource{b: data[1:]}))
		if fail := d.play(seq, nil); fail != nil {
			var b strings.Builder
			d.play(seq, func(s string) { b.WriteString("\n  " + s) })
			t.Fatalf("%s (%s):%s\n-> %v", fail.kind, seq.cfg, b.String(), fail)
		}
	})
}

// byteSource is a rand.Source that reads the fuzzer's bytes, eight at a
// time, then goes on from a generator seeded by them (a source that only
// said 0 would never end IntN).
type byteSource struct {
	b    []byte
	rest *rand.PCG
}

func (s *byteSource) Uint64() uint64 {
	if len(s.b) < 8 {
		if s.rest == nil {
			var seed uint64
			for _, c := range s.b {
				seed = seed<<8 | uint64(c)
			}
			s.rest = rand.NewPCG(seed, uint64(len(s.b)))
		}
		return s.rest.Uint64()
	}
	v := binary.BigEndian.Uint64(s.b)
	s.b = s.b[8:]
	return v
}

// FuzzRecordResume: any record file, resumed. A record that opens as a
// session is shown step by step; every screen fits the window and nothing
// in the record reaches the terminal as a control character.
func FuzzRecordResume(f *testing.F) {
	b := fixtureContent(f)
	for _, seed := range resumeSeeds(f, b) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := resumable(data)
		if s == nil {
			return
		}
		m := New(Options{Content: b, Cache: NewRenderCache(), Now: fixedNow, Session: s, Store: newMemStore()})
		for i, k := range []tea.Msg{tea.WindowSizeMsg{Width: 80, Height: 24}, press("right"), press("right"), press("m"), press("esc"), press("right"), press("l"), press("right")} {
			send(m, k)
			if kind, detail := screenProblem(m, m.View().Content); kind != "" || m.Crash() != "" {
				t.Fatalf("after message %d: %s: %s %s", i, kind, detail, m.Crash())
			}
		}
		if !jumpTo(m, model.StepSummary) {
			return
		}
		if kind, detail := screenProblem(m, m.View().Content); kind != "" || m.Crash() != "" {
			t.Fatalf("the summary: %s: %s %s", kind, detail, m.Crash())
		}
	})
}

// FuzzRecordDocument: the readable copy of any record that opens, as
// open and records show it, holds no control character but colours.
func FuzzRecordDocument(f *testing.F) {
	b := fixtureContent(f)
	for _, seed := range resumeSeeds(f, b) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if resumable(data) == nil {
			return
		}
		var rec model.Record
		_ = json.Unmarshal(data, &rec)
		for _, style := range []string{"dark", "notty"} {
			out, err := doc.Render(doc.Record(rec, b), 80, style)
			if err != nil {
				t.Fatal(err)
			}
			if c, at, ok := strayControl(out); ok {
				t.Fatalf("style %s: %U in the record's copy: %q", style, c, out[max(0, at-20):min(len(out), at+20)])
			}
		}
	})
}

// resumable is the session a record file opens as, or nil.
func resumable(data []byte) *model.Session {
	var rec model.Record
	if json.Unmarshal(data, &rec) != nil {
		return nil
	}
	s, err := rec.Session()
	if err != nil {
		return nil
	}
	return s
}

// resumeSeeds are records a real session wrote, and the same with
// hostile text where a patient's words go.
func resumeSeeds(f testing.TB, b *content.Bundle) [][]byte {
	m := newTestModel(f, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor, Code: "ACD349"}, 80, 24)
	if !jumpTo(m, model.StepChecklist) {
		f.Fatal("no checklist")
	}
	send(m, keys("1", "2")...)
	m.session.AddQuestion("What does it cost?", model.StepChecklist, testClock)
	m.session.PatientRef = "NV-0042"
	good, err := json.Marshal(m.Record())
	if err != nil {
		f.Fatal(err)
	}
	hostile := strings.NewReplacer("What does it cost?", `\u001b]52;c;SGk=\u0007 \u009b31m cost?`, "NV-0042", `\u001b[2J\u202e`).Replace(string(good))
	return [][]byte{good, []byte(hostile), []byte(`{"schema":1,"code":"ACD349"}`)}
}

// jumpTo moves the session to a step, if the session has it.
func jumpTo(m *Model, step model.StepID) bool {
	if !m.session.JumpTo(step, testClock) {
		return false
	}
	m.refresh(false)
	return true
}

// FuzzContentFile: any one file of the content replaced (a page, a
// checklist item, a group, a quiz question, the clinic's facts...), in
// either language. Content that Load accepts shows on every step and
// prints as a handout with nothing that could reach the terminal raw: no
// control character but colours on screen, none at all in plain text.
func FuzzContentFile(f *testing.F) {
	base := fstest.MapFS{}
	if err := fs.WalkDir(os.DirFS("testdata/content"), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		data, err := os.ReadFile("testdata/content/" + path)
		base[path] = &fstest.MapFile{Data: data}
		return err
	}); err != nil {
		f.Fatal(err)
	}
	names := slices.Sorted(maps.Keys(base))
	pathway := uint16(slices.Index(names, "en/pages/pathway.md"))
	f.Add(pathway, base["en/pages/pathway.md"].Data)
	f.Add(pathway, []byte("---\nid: pathway\ntitle: T &#x1b;]2;X&#7;\n---\nText [a link](http://example.org/\x1b) `code` <b>b</b>\n\n> > > quoted\n\n<!-- section: talking-points -->\nx\n"))
	f.Add(uint16(slices.Index(names, "en/clinic.txt")), []byte("name: Clinic \u202e\u200b\nphone: 1\n"))
	f.Fuzz(func(t *testing.T, which uint16, data []byte) {
		files := maps.Clone(base)
		name := names[int(which)%len(names)]
		files[name] = &fstest.MapFile{Data: data}
		b, err := content.Load(files)
		if err != nil {
			return
		}
		lang := model.Lang(strings.Split(name, "/")[0])
		if !slices.Contains(model.Langs, lang) {
			lang = model.LangEN
		}
		m := newTestModel(t, b, Options{Lang: lang, LangSet: true, Role: model.RoleDoctor, Groups: b.GroupIDs[:1]}, 80, 24)
		send(m, press("d")) // the talking points too
		for _, step := range m.session.Steps() {
			if !jumpTo(m, step) {
				continue
			}
			if kind, detail := screenProblem(m, m.View().Content); kind != "" || m.Crash() != "" {
				t.Fatalf("%s: %s: %s %s", step, kind, detail, m.Crash())
			}
		}
		var out strings.Builder
		if err := doc.Handout(&out, b, doc.PrintOptions{Lang: lang, Groups: b.GroupIDs[:1], Width: 80, Style: "notty", Date: testClock, Role: model.RoleDoctor}); err != nil {
			t.Fatal(err)
		}
		if i := strings.IndexFunc(out.String(), func(r rune) bool { return (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) }); i >= 0 {
			t.Fatalf("the plain handout holds a control character: %q", out.String()[max(0, i-20):min(out.Len(), i+20)])
		}
	})
}
