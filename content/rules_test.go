package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// lineOf is the 1-based line of the first occurrence of sub in s.
func lineOf(t *testing.T, s, sub string) int {
	t.Helper()
	i := strings.Index(s, sub)
	if i < 0 {
		t.Fatalf("fixture has no %q", sub)
	}
	return strings.Count(s[:i], "\n") + 1
}

// replaceSection swaps the body of a section in a fixture file and returns
// the new file text.
func replaceSection(t *testing.T, m fstest.MapFS, file, section, body string) string {
	t.Helper()
	s := string(m[file].Data)
	marker := "<!-- section: " + section + " -->\n"
	i := strings.Index(s, marker)
	if i < 0 {
		t.Fatalf("%s has no section %s", file, section)
	}
	start := i + len(marker)
	end := strings.Index(s[start:], "<!-- section: ")
	if end < 0 {
		end = len(s) - start
	}
	s = s[:start] + body + "\n\n" + s[start+end:]
	m[file].Data = []byte(s)
	return s
}

func TestContentRulesNameFileAndLine(t *testing.T) {
	tests := []struct {
		name string
		// mutate breaks the fixture and returns the problem it must cause.
		mutate func(t *testing.T, m fstest.MapFS) string
	}{
		{"negative sentence under should not expect (the old diabetes text)", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "en/groups/diabetes.md", "not-expect",
				"## What you should not expect\n\n- Diabetes going away.\n- You cannot stop insulin or diabetes tablets.")
			return fmt.Sprintf("en/groups/diabetes.md:%d: under \"should not expect\"", lineOf(t, s, "- You cannot"))
		}},
		{"negation after the subject (the old lung text)", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "en/groups/lung.md", "not-expect",
				"## What you should not expect\n\n- Your lungs will not grow new tissue.")
			return fmt.Sprintf("en/groups/lung.md:%d: under \"should not expect\"", lineOf(t, s, "- Your lungs"))
		}},
		{"Vietnamese negation (the old diabetes text)", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "vi/groups/diabetes.md", "not-expect",
				"## Bạn không nên kỳ vọng\n\n- Được ngừng insulin.\n- Bạn không thể ngừng insulin hay thuốc uống hạ đường huyết.")
			return fmt.Sprintf("vi/groups/diabetes.md:%d: under \"should not expect\"", lineOf(t, s, "- Bạn không thể"))
		}},
		{"Vietnamese «chưa» (the old post-COVID text)", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "vi/groups/post-covid.md", "not-expect",
				"## Bạn không nên kỳ vọng\n\n- Vết loét lớn chưa thấy có lợi ích.")
			return fmt.Sprintf("vi/groups/post-covid.md:%d: under \"should not expect\"", lineOf(t, s, "- Vết loét"))
		}},
		{"in-short too long", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "en/groups/joint.md", "in-short", "## In short\n\n"+strings.Repeat("word ", 71))
			return fmt.Sprintf("en/groups/joint.md:%d: section \"in-short\" has 73 words; at most 70", lineOf(t, s, "<!-- section: in-short"))
		}},
		{"group page without in-short", func(t *testing.T, m fstest.MapFS) string {
			s := string(m["vi/groups/spine.md"].Data)
			m["vi/groups/spine.md"].Data = []byte(strings.Replace(s, "section: in-short", "section: summary-box", 1))
			return "vi/groups/spine.md: missing section \"in-short\""
		}},
		{"evidence not marked optional", func(t *testing.T, m fstest.MapFS) string {
			s := string(m["en/groups/joint.md"].Data)
			m["en/groups/joint.md"].Data = []byte(strings.Replace(s, "## evidence (optional)", "## evidence", 1))
			return fmt.Sprintf("en/groups/joint.md:%d: section \"evidence\" is optional detail", lineOf(t, s, "<!-- section: evidence"))
		}},
		{"source without a year", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "en/groups/cardiovascular.md", "sources",
				"## Sources\n\n- Mautner et al., Nature Medicine, 2023\n- CONCERT-HF trial, NHLBI Cardiovascular Cell Therapy Research Network (CCTRN)")
			return fmt.Sprintf("en/groups/cardiovascular.md:%d: a source needs its year", lineOf(t, s, "- CONCERT-HF"))
		}},
		{"source naming only a kind of study", func(t *testing.T, m fstest.MapFS) string {
			s := replaceSection(t, m, "vi/groups/diabetes.md", "sources",
				"## Nguồn\n\n- Tổng quan hệ thống 6 thử nghiệm ngẫu nhiên về loét bàn chân do đái tháo đường, 2025")
			return fmt.Sprintf("vi/groups/diabetes.md:%d: a source names its author or the body", lineOf(t, s, "- Tổng quan"))
		}},
		{"right choice always the longest", func(t *testing.T, m fstest.MapFS) string {
			for _, id := range []string{"general-1", "general-2", "group-joint", "group-lung"} {
				p := "en/quiz/" + id + ".md"
				s := string(m[p].Data)
				answer := s[strings.Index(s, "answer: ")+8:][:1]
				s = strings.Replace(s, "- "+answer+": ", "- "+answer+": This much longer choice gives the answer away: ", 1)
				m[p].Data = []byte(s)
			}
			return "en/quiz: the right choice is the longest in 4 of 4 questions"
		}},
		{"personas that never reach an outcome", func(t *testing.T, m fstest.MapFS) string {
			for _, l := range []string{"en", "vi"} {
				p := l + "/personas/persona-b.md"
				m[p].Data = []byte(strings.Replace(string(m[p].Data), "end-stage=no,", "end-stage=yes,", 1))
			}
			return "vi/personas: no persona's answers lead to \"no-exclusion-reported\""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := fixture(t)
			want := tt.mutate(t, m)
			_, err := Load(m)
			if err == nil {
				t.Fatal("Load accepted the broken content")
			}
			if !strings.Contains(err.Error(), want) {
				t.Fatalf("problems do not include %q:\n%v", want, err)
			}
		})
	}
}

func TestAffirmativeNotExpectItemsPass(t *testing.T) {
	m := fixture(t)
	replaceSection(t, m, "en/groups/diabetes.md", "not-expect",
		"## What you should not expect\n\n- Stopping insulin or tablets.\n- Being sure of keeping the leg. In the studies, amputations were not reduced.")
	replaceSection(t, m, "vi/groups/diabetes.md", "not-expect",
		"## Bạn không nên kỳ vọng\n\n- Được ngừng insulin hay thuốc uống.\n- Chắc chắn giữ được chân. Trong các nghiên cứu, số ca cắt cụt không giảm.")
	if _, err := Load(m); err != nil {
		t.Fatalf("a noun phrase first, and a negative second sentence, must pass:\n%v", err)
	}
}
