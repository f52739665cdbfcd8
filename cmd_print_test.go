package main

import (
	"strings"
	"testing"
)

func TestPrintMarkdown(t *testing.T) {
	code, out, errs := runCLI(t, "print", "--lang", "en", "--group", "lung", "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "# ") || !strings.Contains(out, "\n### 1. ") || strings.ContainsRune(out, '\x1b') {
		t.Fatalf("print --format markdown writes the handout's Markdown:\n%.300s", out)
	}
	for _, args := range [][]string{{"--format", "html"}, {"--format", "markdown", "--pdf", "x.pdf"}} {
		if code, _, errs := runCLI(t, append([]string{"print"}, args...)...); code != 2 || errs == "" {
			t.Errorf("print %v: exit %d, %q", args, code, errs)
		}
	}
}
