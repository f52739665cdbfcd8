// Package pairing times two commands against each other: interleaved runs
// on the same machine, so a load that comes and goes falls on both, and
// the median of the paired ratios. It also writes a larger copy of the
// built-in content, to see how a renderer grows with its input.
package pairing

import (
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// Cost is what one run took: wall-clock time and CPU time (user + system).
type Cost struct{ Wall, CPU time.Duration }

// Run runs a command once with no input and its output thrown away.
func Run(argv []string) (Cost, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	// No standard input: a renderer that reads a pipe on stdin (glow does)
	// must take its file argument instead.
	cmd.Stdin = nil
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	if err := cmd.Run(); err != nil {
		return Cost{}, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, stderr.String())
	}
	wall := time.Since(start)
	return Cost{wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}, nil
}

// Result is the median of the paired ratios a/b over the runs.
type Result struct {
	Runs           int
	Wall, CPU      float64 // median ratios of a to b
	AWall, BWall   time.Duration
	ACPU, BCPU     time.Duration
	WallLo, WallHi float64 // the middle half of the wall ratios
}

// Pair runs a and b in turn, runs times each, swapping which goes first
// every round, after one untimed warm-up run of each.
func Pair(a, b []string, runs int) (Result, error) {
	for _, argv := range [][]string{a, b} {
		if _, err := Run(argv); err != nil {
			return Result{}, err
		}
	}
	var wall, cpu []float64
	var aw, bw, ac, bc []time.Duration
	for i := range runs {
		order := [][]string{a, b}
		if i%2 == 1 {
			order = [][]string{b, a}
		}
		var costs [2]Cost
		for j, argv := range order {
			c, err := Run(argv)
			if err != nil {
				return Result{}, err
			}
			costs[(j+i%2)%2] = c
		}
		wall = append(wall, float64(costs[0].Wall)/float64(costs[1].Wall))
		cpu = append(cpu, float64(costs[0].CPU)/float64(max(1, costs[1].CPU)))
		aw, bw = append(aw, costs[0].Wall), append(bw, costs[1].Wall)
		ac, bc = append(ac, costs[0].CPU), append(bc, costs[1].CPU)
	}
	slices.Sort(wall)
	return Result{
		Runs: runs, Wall: median(wall), CPU: median(cpu),
		AWall: median(aw), BWall: median(bw), ACPU: median(ac), BCPU: median(bc),
		WallLo: wall[len(wall)/4], WallHi: wall[(3*len(wall))/4],
	}, nil
}

func median[T float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// ScaleContent writes to dir a content folder to lay over the built-in
// content: every Vietnamese page and group page with each paragraph line
// repeated n times (front matter, section markers, lists, headings and
// figure blocks as they are), so the handout is about n times as long
// and still valid.
func ScaleContent(dir string, builtIn fs.FS, n int) error {
	for _, kind := range []string{"pages", "groups"} {
		sub := path.Join("vi", kind)
		entries, err := fs.ReadDir(builtIn, sub)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Join(dir, "vi", kind), 0o755); err != nil {
			return err
		}
		for _, e := range entries {
			raw, err := fs.ReadFile(builtIn, path.Join(sub, e.Name()))
			if err != nil {
				return err
			}
			if err := os.WriteFile(filepath.Join(dir, "vi", kind, e.Name()), []byte(scaleText(string(raw), n)), 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func scaleText(s string, n int) string {
	var out []string
	rules, fence := 0, false
	for _, l := range strings.Split(s, "\n") {
		repeat := 1
		switch {
		case l == "---":
			rules++
		case strings.HasPrefix(l, "```"):
			fence = !fence
		case rules >= 2 && !fence && l != "" && !strings.ContainsAny(l[:1], "-*#<>|0123456789 \t!["):
			repeat = n
		}
		for range repeat {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
