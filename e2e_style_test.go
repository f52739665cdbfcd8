package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"stemcounsel/doc"
)

// xterm256 is how tmux reports a palette colour the app sent in 256 colours.
func xterm256(hex string) string {
	var r, g, b int
	fmt.Sscanf(hex, "#%02x%02x%02x", &r, &g, &b)
	if r == g && g == b && (r-8)%10 == 0 && r >= 8 && r <= 238 {
		return fmt.Sprintf("38;5;%d", 232+(r-8)/10)
	}
	level := func(v int) int { return strings.Index("\x00\x5f\x87\xaf\xd7\xff", string(rune(v))) }
	return fmt.Sprintf("38;5;%d", 16+36*level(r)+6*level(g)+level(b))
}

// colourScreen is the pane with its colours, once the page is drawn and the
// terminal has had time to answer.
func colourScreen(s *tmuxSession) string {
	s.waitFor("Start ›")
	time.Sleep(700 * time.Millisecond)
	return s.run("capture-pane", "-e", "-p", "-t", "e2e")
}

// TestE2EReadable runs the binary as each kind of terminal would (one
// build for all of them).
func TestE2EReadable(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	t.Run("background", func(t *testing.T) { styleFollowsTmuxBackground(t, bin) })
	t.Run("linux console", func(t *testing.T) { linuxConsoleGlyphs(t, bin) })
	t.Run("plain pipe", func(t *testing.T) { plainModeThroughAPipe(t, bin) })
}

// styleFollowsTmuxBackground: tmux answers the app's background query from
// window-style, so a white pane gets the light style and a black one the
// dark style; a pane tmux cannot answer for (no window-style, no terminal
// attached) keeps the colourless style, as does NO_COLOR.
func styleFollowsTmuxBackground(t *testing.T, bin string) {
	light, _ := doc.PaletteOf(doc.StyleLight)
	dark, _ := doc.PaletteOf(doc.StyleDark)
	for _, c := range []struct {
		name, bg, env string
		want          string
		forbidden     []string
	}{
		{"white", "#ffffff", "", xterm256(light.Body), []string{xterm256(dark.Body)}},
		{"black", "#000000", "", xterm256(dark.Body), []string{xterm256(light.Body)}},
		{"no answer", "", "", "", []string{"38;", "48;"}},
		{"NO_COLOR", "#ffffff", "NO_COLOR=1 ", "", []string{"38;", "48;"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := startTmux(t, 80, 24, "sleep 3600")
			if c.bg != "" {
				s.run("set-option", "-g", "window-style", "bg="+c.bg)
			}
			s.respawn(fmt.Sprintf("env %sTERM=xterm-256color %s --lang en --role patient", c.env, bin))
			screen := colourScreen(s)
			if c.want != "" && !strings.Contains(screen, c.want) {
				t.Errorf("pane on %s has no %s:\n%q", c.bg, c.want, screen)
			}
			for _, f := range c.forbidden {
				if strings.Contains(screen, f) {
					t.Errorf("pane on %q carries %s:\n%q", c.bg, f, screen)
				}
			}
		})
	}
}

// linuxConsoleGlyphs: under TERM=linux the screen holds no symbol a console
// font lacks, and the Vietnamese letters stay.
func linuxConsoleGlyphs(t *testing.T, bin string) {
	s := startTmux(t, 80, 24, fmt.Sprintf("env TERM=linux %s --lang vi --role patient", bin))
	s.waitFor("Bắt đầu")
	s.keys("m") // the contents menu: a dialog with a border
	time.Sleep(300 * time.Millisecond)
	screen := s.screen()
	for _, r := range screen {
		if r >= 0x2000 {
			t.Fatalf("TERM=linux screen holds %q:\n%s", r, screen)
		}
	}
	if !strings.Contains(screen, "Chào mừng bạn") {
		t.Errorf("the Vietnamese title is gone:\n%s", screen)
	}
}

// plainModeThroughAPipe: ACCESSIBLE=1 and TERM=dumb both run plain mode on
// piped input, with no escape sequence in the output.
func plainModeThroughAPipe(t *testing.T, bin string) {
	for _, env := range []string{"ACCESSIBLE=1", "TERM=dumb"} {
		cmd := exec.Command(bin, "--records", t.TempDir())
		cmd.Env = append(os.Environ(), env)
		cmd.Stdin = strings.NewReader("2\n2\n\n2\nq\n") // English, patient, next page, keep no record, quit
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s: %v\n%s", env, err, out)
		}
		if !strings.Contains(string(out), "Step 2 of") || strings.ContainsRune(string(out), 0x1b) {
			t.Errorf("%s: not plain text on step 2:\n%q", env, out)
		}
	}
}
