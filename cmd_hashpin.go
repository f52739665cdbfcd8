package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"stemcounsel/staffpin"
)

func runHashPIN(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	flags := newFlagSet("stemcounsel hash-pin", stdout, stderr, "Usage: stemcounsel hash-pin < pin.txt\n\nReads a staff PIN (4 to 12 digits) from stdin and prints its bcrypt hash,\nfor "+staffpin.EnvHash+" or --exit-pin-file.\n")
	if err := flags.Parse(args); err != nil {
		return flagExit(err)
	}
	var pin []byte
	var err error
	if f, ok := stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(stderr, "PIN: ")
		pin, err = term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(stderr)
	} else {
		pin, err = io.ReadAll(io.LimitReader(stdin, 64))
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	hash, err := staffpin.Hash(strings.TrimSpace(string(pin)))
	if err == staffpin.ErrShape {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintln(stdout, hash)
	return 0
}
