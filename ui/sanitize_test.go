package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"stemcounsel/content"
	"stemcounsel/model"
)

func TestSafeFrameKeepsStyleAndDropsTheRest(t *testing.T) {
	for in, want := range map[string]string{
		"plain\nVietnamese: Tiếng Việt":                  "plain\nVietnamese: Tiếng Việt",
		"\x1b[1;38;2;1;2;3mbold\x1b[m":                   "\x1b[1;38;2;1;2;3mbold\x1b[m",
		"\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\":  "\x1b]8;;https://x.org\x1b\\link\x1b]8;;\x1b\\",
		"a\x1b]52;c;AAAA\x07b\x1b]2;title\x1b\\c":        "abc",
		"a\x1b[2Jb\x1b[?1049lc\x1b[1;1Hd\x1bPq#0\x1b\\e": "abcde",
		"x\x07y\x08z\x7f\r":                              "xyz",
		"\u009b31mC1\u0085":                              "31mC1",
		"bad\xffutf8\xc2":                                "badutf8",
		"e\u202eRTL\u200bZW\u2066i\u2069":                "eRTLZWi",
		"\x1b[31":                                        "",
		"\x1b":                                           "",
	} {
		if got := safeFrame(in); got != want {
			t.Errorf("safeFrame(%q) = %q, want %q", in, got, want)
		}
	}
}

// onlySafeSequences fails on any escape sequence in a frame other than
// SGR or an OSC 8 hyperlink, found with the terminal library's own parser.
func onlySafeSequences(t *testing.T, frame, where string) {
	t.Helper()
	var state byte
	for s := frame; s != ""; {
		seq, _, n, next := ansi.DecodeSequence(s, state, nil)
		state = next
		switch {
		case seq == "\n" || !ansi.HasEscPrefix(seq) && (seq[0] >= 0x20 && seq[0] != 0x7f):
		case strings.HasPrefix(seq, "\x1b[") && strings.HasSuffix(seq, "m") && strings.Trim(seq[2:len(seq)-1], "0123456789;:") == "":
		case strings.HasPrefix(seq, "\x1b]8;"):
		default:
			t.Fatalf("%s: the frame holds %q", where, seq)
		}
		s = s[n:]
	}
	for _, r := range frame {
		if invisible(r) || (r >= 0x80 && r < 0xa0) {
			t.Fatalf("%s: the frame holds %U", where, r)
		}
	}
}

// A record tampered with on disk (escapes, C1, bidi in its free text) is
// resumed: nothing of it reaches the terminal raw, on any screen.
func TestTamperedRecordNeverReachesTheTerminalRaw(t *testing.T) {
	s := model.NewSession(model.LangEN, model.RoleDoctor, testClock)
	s.Code = "ACD349"
	s.PatientRef = "BN\x1b]2;PWN\x07-042\u202e"
	s.AddQuestion("cost?\x1b]52;c;AAAA\x07\x1b[2J\u009b31m\u200b", model.StepWhatItIs, testClock)
	s.SetAnswer("fibrosis", model.Yes)
	s.SetNote("fibrosis", "note\x1bP+q\x1b\\ & \x1b[?1049l")
	m := newTestModel(t, fixtureContent(t), Options{Session: s}, 80, 24)
	for _, step := range m.session.Steps() {
		atStep(t, m, step)
		for range 6 {
			onlySafeSequences(t, m.View().Content, string(step))
			send(m, press("pgdown"))
		}
	}
	atStep(t, m, model.StepSummary)
	if text := unwrapAll(m); !strings.Contains(text, "cost?]52;c;AAAA[2J31m") {
		t.Fatalf("the question shows, cleaned:\n%s", text)
	}
}

// Titles from a content folder with escapes and bidi controls in them (the
// validator's business) still never reach the terminal raw.
func TestHostileContentNeverReachesTheTerminalRaw(t *testing.T) {
	b := fixtureContent(t)
	for _, set := range b.Langs {
		for _, pages := range []map[string]*content.Page{set.Pages, set.Groups, set.Checklist, set.Quiz} {
			for _, p := range pages {
				p.Title += " \x1b]2;PWN\x07\x1b[2J\u202e\u009b"
			}
		}
	}
	m := newTestModel(t, b, Options{Lang: model.LangEN, LangSet: true, Role: model.RoleDoctor}, 80, 24)
	for _, step := range m.session.Steps() {
		atStep(t, m, step)
		onlySafeSequences(t, m.View().Content, string(step))
		send(m, press("m"))
		onlySafeSequences(t, m.View().Content, string(step)+" contents")
		send(m, press("esc"))
	}
}
