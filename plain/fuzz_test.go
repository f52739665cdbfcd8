package plain

import (
	"os"
	"strings"
	"testing"

	"stemcounsel/content"
	"stemcounsel/model"
)

// The fuzzers run their seeds (f.Add and testdata/fuzz) in every go test.
// Long runs of every target: STEMCOUNSEL_FUZZTIME=10m .ci/fuzz

// FuzzInput: any input lines for a plain session. Run never panics or
// fails, and what it writes is plain text: whatever was typed, no control
// character reaches the screen reader or the terminal.
func FuzzInput(f *testing.F) {
	b, err := content.Load(os.DirFS("../ui/testdata/content"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(script(b, model.LangEN, model.RoleDoctor, b.GroupIDs[0]))
	f.Add("2\n1\n\x1b]2;TITLE\x07\n9999999999999999999\n-1\nq\n")
	f.Add("1\n2\n\n\n\u202eđ\x9b31m\n\n3\nn\n")
	f.Fuzz(func(t *testing.T, in string) {
		var out strings.Builder
		if err := Run(strings.NewReader(in), &out, Options{Content: b, Now: fixedNow, Code: "PACE47"}); err != nil {
			t.Fatalf("Run: %v", err)
		}
		if i := strings.IndexFunc(out.String(), func(r rune) bool { return (r < 0x20 && r != '\n') || (r >= 0x7f && r <= 0x9f) }); i >= 0 {
			t.Fatalf("control character in the output: %q", out.String()[max(0, i-30):min(out.Len(), i+30)])
		}
	})
}
