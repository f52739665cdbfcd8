// Command compare-renderer times stemcounsel print against another
// Markdown renderer on exactly the handout's Markdown, in interleaved
// runs, and prints the median ratio of wall-clock and CPU time.
//
//	go build -o /tmp/stemcounsel . &&
//	go run ./scripts/compare-renderer -bin /tmp/stemcounsel -- glow -s dark -w 80
//
// The other renderer is given the Markdown file as its last argument. The
// handout is printed with -print (by default --lang vi --width 80 --style
// dark) and -group; -scale N lays a copy of the content over the built-in
// one with every paragraph line N times, so the handout is N times longer.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"stemcounsel/content"
	"stemcounsel/internal/pairing"
)

func main() {
	bin := flag.String("bin", "stemcounsel", "the stemcounsel binary to time")
	mdBin := flag.String("markdown-from", "", "the stemcounsel binary that writes the Markdown (default: -bin; an older one may lack --format)")
	printArgs := flag.String("print", "--lang vi --width 80 --style dark", "print's flags")
	groups := flag.String("group", "", "print's --group (all: every disease group)")
	scale := flag.Int("scale", 1, "make the content this many times longer")
	runs := flag.Int("runs", 21, "timed runs of each")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: compare-renderer [flags] -- OTHER [ARGS...]\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() == 0 || *runs < 1 || *scale < 1 {
		flag.Usage()
		os.Exit(2)
	}
	if err := compare(*bin, *mdBin, strings.Fields(*printArgs), *groups, *scale, *runs, flag.Args()); err != nil {
		fmt.Fprintln(os.Stderr, "compare-renderer:", err)
		os.Exit(1)
	}
}

func compare(bin, mdBin string, printArgs []string, groups string, scale, runs int, other []string) error {
	dir, err := os.MkdirTemp("", "compare-renderer")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	args := append([]string{bin, "print"}, printArgs...)
	if groups == "all" {
		groups = "cardiovascular,neurological,joint,lung,diabetes,post-covid,spine"
	}
	if groups != "" {
		args = append(args, "--group", groups)
	}
	if scale > 1 {
		folder := filepath.Join(dir, "content")
		if err := pairing.ScaleContent(folder, content.Embedded(), scale); err != nil {
			return err
		}
		args = append(args, "--content", folder)
	}
	if mdBin == "" {
		mdBin = bin
	}
	md, err := exec.Command(mdBin, append(args[1:], "--format", "markdown")...).Output()
	if err != nil {
		return fmt.Errorf("%s --format markdown: %v", strings.Join(args, " "), err)
	}
	file := filepath.Join(dir, "handout.md")
	if err := os.WriteFile(file, md, 0o644); err != nil {
		return err
	}
	r, err := pairing.Pair(args, append(other, file), runs)
	if err != nil {
		return err
	}
	fmt.Printf("%d bytes of Markdown, %d interleaved runs each\n", len(md), r.Runs)
	fmt.Printf("print: median %v wall, %v CPU\n", r.AWall.Round(100_000), r.ACPU.Round(100_000))
	fmt.Printf("%s: median %v wall, %v CPU\n", other[0], r.BWall.Round(100_000), r.BCPU.Round(100_000))
	fmt.Printf("ratio print/%s: wall %.2f× (middle half %.2f–%.2f), CPU %.2f×\n", filepath.Base(other[0]), r.Wall, r.WallLo, r.WallHi, r.CPU)
	return nil
}
