//go:build unix

package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"stemcounsel/content"
	"stemcounsel/internal/pairing"
)

// Benchmarks for the figures of the performance budget. Each prints its
// figure against its budget; none fails on one, since a loaded machine
// would. Ratios to another program come from interleaved runs, so a load
// that comes and goes falls on both.

// allGroups are the seven disease groups a handout can cover.
const allGroups = "cardiovascular,neurological,joint,lung,diabetes,post-covid,spine"

// BenchmarkPrint prints the dark Vietnamese handout at 80 columns: as it
// is, with every group, and with content ten and fifty times as long.
// Budget: at most 0.8 times the time another renderer takes on the same
// Markdown. Set STEMCOUNSEL_COMPARE_WITH to that renderer's command (the
// Markdown file is added as its last argument, e.g. "glow -s dark -w 80")
// to measure the ratio; without it the time alone is reported.
func BenchmarkPrint(b *testing.B) {
	other := strings.Fields(os.Getenv("STEMCOUNSEL_COMPARE_WITH"))
	var bin string
	if len(other) > 0 {
		bin = buildBinary(b)
	}
	for _, c := range []struct {
		name   string
		groups string
		scale  int
	}{{"one-group", "", 1}, {"all-groups", allGroups, 1}, {"content-x10", allGroups, 10}, {"content-x50", allGroups, 50}} {
		b.Run(c.name, func(b *testing.B) {
			args := []string{"print", "--lang", "vi", "--width", "80", "--style", "dark"}
			if c.groups != "" {
				args = append(args, "--group", c.groups)
			}
			if c.scale > 1 {
				dir := b.TempDir()
				if err := pairing.ScaleContent(dir, content.Embedded(), c.scale); err != nil {
					b.Fatal(err)
				}
				args = append(args, "--content", dir)
			}
			b.ResetTimer()
			for range b.N {
				if code := run(args, io.Discard, io.Discard); code != 0 {
					b.Fatalf("print exited %d", code)
				}
			}
			b.StopTimer()
			ms := float64(b.Elapsed().Milliseconds()) / float64(b.N)
			if len(other) == 0 {
				b.Logf("print %s: %.0f ms in-process (budget: ≤ 0.8× another renderer; set STEMCOUNSEL_COMPARE_WITH to compare)", c.name, ms)
				return
			}
			r := comparePrint(b, bin, args, other)
			b.ReportMetric(r.Wall, "×other-wall")
			b.ReportMetric(r.CPU, "×other-cpu")
			b.Logf("print %s: %.2f× %s's wall time, %.2f× its CPU time over %d interleaved runs (budget ≤ 0.8×)", c.name, r.Wall, filepath.Base(other[0]), r.CPU, r.Runs)
		})
	}
}

// comparePrint writes the handout's Markdown and times print against the
// other renderer on it.
func comparePrint(b *testing.B, bin string, args, other []string) pairing.Result {
	md, err := exec.Command(bin, append(args, "--format", "markdown")...).Output()
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(b.TempDir(), "handout.md")
	if err := os.WriteFile(file, md, 0o644); err != nil {
		b.Fatal(err)
	}
	r, err := pairing.Pair(append([]string{bin}, args...), append(slices.Clone(other), file), 9)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// ptyRun is a program running on a pseudo-terminal of 80x24, its output
// collected as it comes.
type ptyRun struct {
	cmd   *exec.Cmd
	tty   *os.File
	start time.Time
	mu    sync.Mutex
	out   strings.Builder
	done  chan struct{}
}

func startPTY(tb testing.TB, argv ...string) *ptyRun {
	tb.Helper()
	p := &ptyRun{cmd: exec.Command(argv[0], argv[1:]...), done: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	p.start = time.Now()
	tty, err := pty.StartWithSize(p.cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		tb.Fatal(err)
	}
	p.tty = tty
	go func() {
		defer close(p.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := tty.Read(buf)
			p.mu.Lock()
			p.out.Write(buf[:n])
			p.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	return p
}

// waitFor waits until text shows on the screen and returns how long after
// the start it first did; it gives up after 10 s.
func (p *ptyRun) waitFor(tb testing.TB, text string) time.Duration {
	tb.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		p.mu.Lock()
		shown := strings.Contains(ansi.Strip(p.out.String()), text)
		p.mu.Unlock()
		if shown {
			return time.Since(p.start)
		}
	}
	tb.Fatalf("%q never showed:\n%s", text, ansi.Strip(p.out.String()))
	return 0
}

// stop ends the program, asking with q first.
func (p *ptyRun) stop(tb testing.TB) {
	tb.Helper()
	_, _ = p.tty.WriteString("q")
	exited := make(chan struct{})
	go func() { _ = p.cmd.Wait(); close(exited) }()
	select {
	case <-exited:
	case <-time.After(3 * time.Second):
		_ = p.cmd.Process.Kill()
		<-exited
	}
	p.tty.Close()
	<-p.done
}

// benchApp builds the app, or takes STEMCOUNSEL_BENCH_APP, another build
// such as an older one, to compare. STEMCOUNSEL_BENCH_ENV, when set, is
// put before the app's command (e.g. "env GOGC=50").
func benchApp(b *testing.B) string {
	if app := os.Getenv("STEMCOUNSEL_BENCH_APP"); app != "" {
		return app
	}
	return buildBinary(b)
}

// BenchmarkFirstFrame starts the app and a bare Bubble Tea v2 program that
// links Glamour, in turn, and times each from its start to its first
// frame on the terminal. Budget: the app at most 1.2 times the bare one.
func BenchmarkFirstFrame(b *testing.B) {
	app := benchApp(b)
	bare := filepath.Join(b.TempDir(), "bareglamour")
	if out, err := exec.Command("go", "build", "-o", bare, "./testdata/bareglamour").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	frame := func(want string, argv ...string) time.Duration {
		p := startPTY(b, argv...)
		d := p.waitFor(b, want)
		p.stop(b)
		return d
	}
	var ratios []float64
	var appT, bareT []time.Duration
	for i := range max(3, b.N) {
		var a, r time.Duration
		if i%2 == 0 {
			a, r = frame("Start ›", app, "--lang", "en", "--role", "patient"), frame("first frame ready", bare)
		} else {
			r, a = frame("first frame ready", bare), frame("Start ›", app, "--lang", "en", "--role", "patient")
		}
		appT, bareT = append(appT, a), append(bareT, r)
		ratios = append(ratios, float64(a)/float64(r))
	}
	slices.Sort(ratios)
	ratio := ratios[len(ratios)/2]
	b.ReportMetric(ratio, "×bare")
	b.Logf("first frame: %.2f× a bare Bubble Tea program with Glamour (median of %d pairs; app %v, bare %v) (budget ≤ 1.2×)",
		ratio, len(ratios), medianDuration(appT), medianDuration(bareT))
}

func medianDuration(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2].Round(time.Millisecond)
}

// contentsPointer finds the step the contents' pointer is on.
var contentsPointer = regexp.MustCompile(`│ ›[ •]+(\d+)\. `)

// BenchmarkPeakRSS runs one local session in tmux through every step,
// jumping to each through the contents and paging down it, and reads the
// process's peak resident memory (VmHWM) before it quits. Budget: at most
// 30 MiB.
func BenchmarkPeakRSS(b *testing.B) {
	needTmux(b)
	app := benchApp(b)
	for range b.N {
		s := startTmux(b, 80, 24, os.Getenv("STEMCOUNSEL_BENCH_ENV")+" "+app+" --lang en --role patient --group joint")
		s.waitFor("Start ›")
		s.keys("Enter")
		s.waitFor("Keeping the record")
		s.keys("2") // no record: a session that keeps none
		s.waitFor("Step 2 of ")
		var steps int
		screen := s.screen()
		if _, err := fmt.Sscanf(screen[strings.Index(screen, "Step 2 of "):], "Step 2 of %d", &steps); err != nil {
			b.Fatal(err)
		}
		for step := 3; step <= steps; step++ {
			if step == 5 {
				continue // the group choice: typing there searches, and the group is given
			}
			for try := 0; !strings.Contains(s.screen(), "Contents"); try++ {
				if try == 5 {
					b.Fatalf("the contents never opened:\n%s", s.screen())
				}
				s.keys("m")
				time.Sleep(100 * time.Millisecond)
			}
			// Move the pointer one step at a time, each once the last has
			// shown: on a loaded machine keys are answered late.
			pointer := func() int {
				m := contentsPointer.FindStringSubmatch(s.screen())
				if m == nil {
					return 0
				}
				n, _ := strconv.Atoi(m[1])
				return n
			}
			for at, try := pointer(), 0; at != step; try++ {
				if try == 2*steps {
					b.Fatalf("the contents never reached step %d:\n%s", step, s.screen())
				}
				key := "Down"
				if at > step {
					key = "Up"
				}
				s.keys(key)
				for deadline := time.Now().Add(5 * time.Second); pointer() == at && time.Now().Before(deadline); {
					time.Sleep(20 * time.Millisecond)
				}
				at = pointer()
			}
			s.keys("Enter")
			s.waitFor(fmt.Sprintf("Step %d of %d", step, steps))
			s.keys("PageDown", "PageDown")
		}
		status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.pid()))
		if err != nil {
			b.Fatal(err)
		}
		field := func(name string) (kib int64) {
			for _, l := range strings.Split(string(status), "\n") {
				if v, ok := strings.CutPrefix(l, name+":"); ok {
					fmt.Sscanf(strings.TrimSpace(v), "%d", &kib)
				}
			}
			return kib
		}
		kib := field("VmHWM")
		name := filepath.Base(app)
		if !strings.Contains(string(status), "Name:\t"+name[:min(15, len(name))]) || kib == 0 {
			b.Fatalf("the pane's process is not the app, or has no VmHWM:\n%s", status)
		}
		mib := float64(kib) / 1024
		b.ReportMetric(mib, "peak-MiB")
		b.Logf("peak RSS of one local session through every step: %.1f MiB (budget ≤ 30 MiB); at the end %.1f MiB of heap and stacks, %.1f MiB of the program's file",
			mib, float64(field("RssAnon"))/1024, float64(field("RssFile"))/1024)
	}
}
