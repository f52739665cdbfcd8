package content

import (
	"io/fs"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Tiểu đường", "tieu duong"},
		{"ĐỘT QUỴ", "dot quy"},
		{"Đái tháo đường", "dai thao duong"},
		{"gối", "goi"},
		{"COVID kéo dài", "covid keo dai"},
		{"Stroke", "stroke"},
		{"Ti\u0309\u00eau", "tieu"}, // decomposed input folds the same
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestFoldMatchesWholeTextDecomposition compares Fold with folding the
// decomposed text as a whole, over all the real content and every letter
// of the table.
func TestFoldMatchesWholeTextDecomposition(t *testing.T) {
	whole := func(s string) string {
		var b strings.Builder
		for _, r := range norm.NFD.String(s) {
			if !unicode.Is(unicode.Mn, r) {
				b.WriteString(foldRune(r))
			}
		}
		return b.String()
	}
	var texts []string
	for r := rune(0); r < foldTableEnd+0x100; r++ {
		texts = append(texts, string(r))
	}
	err := fs.WalkDir(Embedded(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		raw, err := fs.ReadFile(Embedded(), p)
		texts = append(texts, string(raw))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range texts {
		if got, want := Fold(s), whole(s); got != want {
			t.Fatalf("Fold(%.40q) = %.40q, want %.40q", s, got, want)
		}
	}
}
